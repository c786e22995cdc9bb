"""The admin forms editors use: drugs mentioned as tick boxes, and the admin branded NeuroPain."""

from bs4 import BeautifulSoup

from django.test import Client

from .forms import article_edit_form


def test_sign_in_page_is_branded(db):
    response = Client().get("/admin/login/")
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Sign in to NeuroPain"
    assert "Wagtail" not in soup.find("title").get_text()
    assert soup.select_one(".login-logo img")["alt"] == "NeuroPain"


def test_admin_title_and_logo(login, editor, site):
    response = login(editor).get("/admin/")
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find("title").get_text().strip().endswith("NeuroPain admin")
    assert "img/neuropain-logo.svg" in response.text


def test_drugs_mentioned_are_tick_boxes(login, editor, article, drug):
    response = login(editor).get(f"/admin/pages/{article.pk}/edit/")
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find("select", attrs={"name": "drugs"}) is None
    boxes = soup.find_all("input", attrs={"type": "checkbox", "name": "drugs"})
    assert [box["value"] for box in boxes] == [str(drug.pk)]


def brands_article(article):
    article.unidentified_brands = ["Zostrix-HP", {"name": "Lyrica", "context": "table row 3"}]
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def test_unidentified_brands_are_a_list_to_resolve(login, editor, article, drug):
    article = brands_article(article)
    page = login(editor).get(f"/admin/pages/{article.pk}/edit/")
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.find("textarea", attrs={"name": "unidentified_brands"}) is None
    legends = [legend.get_text(strip=True) for legend in soup.select("fieldset legend")]
    assert "Zostrix-HP" in legends and "Lyrica (table row 3)" in legends

    data = article_edit_form(
        article,
        brand_0_action="dismiss",
        brand_0_drug="",
        brand_1_action="map",
        brand_1_drug=str(drug.pk),
    )
    response = login(editor).post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    draft = article.get_latest_revision_as_object()
    assert draft.unidentified_brands == []
    assert [d.pk for d in draft.drugs.all()] == [drug.pk]


def test_mapping_a_brand_needs_a_drug(login, editor, article):
    article = brands_article(article)
    data = article_edit_form(article, brand_0_action="map", brand_0_drug="", brand_1_action="keep")
    response = login(editor).post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 200
    assert "Choose the drug “Zostrix-HP” is a brand of." in response.text
    article.refresh_from_db()
    assert len(article.get_latest_revision_as_object().unidentified_brands) == 2
