"""The admin forms editors use: drugs mentioned as tick boxes, and the admin branded NeuroPain."""

from bs4 import BeautifulSoup

from django.test import Client


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
