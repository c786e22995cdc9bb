"""Images need alt text before they can be saved."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file


def upload(client, **fields):
    image = get_test_image_file()
    return client.post(
        "/admin/images/add/",
        {
            "title": "Nerve diagram",
            "file": SimpleUploadedFile("nerve.png", image.file.getvalue(), "image/png"),
            "tags": "",
            **fields,
        },
    )


def test_image_without_alt_text_is_refused(login, administrator, site):
    response = upload(login(administrator), description="   ")
    assert response.status_code == 200
    assert (
        "Enter alt text describing the image." in response.text
        or "This field is required." in response.text
    )
    assert not get_image_model().objects.exists()


def test_image_with_alt_text_is_saved(login, administrator, site):
    response = upload(login(administrator), description="Diagram of a nerve cell")
    assert response.status_code == 302
    assert get_image_model().objects.get().description == "Diagram of a nerve cell"


def test_add_form_labels_the_field_alt_text(login, administrator, site):
    text = login(administrator).get("/admin/images/add/").text
    assert "Alt text" in text
    assert "Describe the image for people who cannot see it" in text
