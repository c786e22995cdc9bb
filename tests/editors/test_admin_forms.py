"""The admin forms editors use: drugs mentioned through a chooser of drug pages, unidentified
brand names to resolve, and the admin branded NeuroPain."""

import json

from bs4 import BeautifulSoup

from django.test import Client

from wagtail.test.utils.form_data import inline_formset

from tests.factories import DrugPageFactory, mention_drugs

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


def test_drugs_mentioned_is_a_chooser_of_drug_pages(login, editor, article, drug):
    mention_drugs(article, drug)
    article.save_revision().publish()
    response = login(editor).get(f"/admin/pages/{article.pk}/edit/")
    soup = BeautifulSoup(response.text, "html.parser")
    assert not soup.find_all("input", attrs={"type": "checkbox", "name": "drugs"})
    assert soup.find(id="id_drug_links-OPEN_MODAL").get_text(strip=True) == "Add drug"
    # The chosen drug is shown by its title, with its page id in the row's hidden input.
    assert soup.find(id="id_drug_links-0-drug-title").get_text(strip=True) == "pregabalin"
    assert soup.find("input", attrs={"name": "drug_links-0-drug"})["value"] == str(drug.pk)
    # The chooser offers drug pages only, for new rows and for changing a chosen one.
    widget = json.loads(soup.find("script", id="id_drug_links-CHOOSER_WIDGET").string)
    assert widget["_args"][2]["modelNames"] == ["drugs.drugpage"]
    assert '"modelNames": ["drugs.drugpage"]' in str(soup.find(id="inline_child_drug_links-0"))


def drugs_in(page):
    return [drug.title for drug in page.mentioned_drugs()]


def draft_of(page):
    page.refresh_from_db()
    return page.get_latest_revision_as_object()


def test_drugs_mentioned_are_saved_in_the_editors_order(login, editor, article, drug_index, client):
    first, second, third = (
        DrugPageFactory(parent=drug_index, title=title)
        for title in ("amitriptyline", "duloxetine", "capsaicin")
    )
    chosen = [{"drug": str(drug.pk)} for drug in (third, first, second)]
    data = article_edit_form(article, drug_links=inline_formset(chosen))
    assert login(editor).post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    assert drugs_in(draft_of(article)) == ["capsaicin", "amitriptyline", "duloxetine"]
    assert drugs_in(article) == []  # a draft: the live article is unchanged until published
    # The medical reviewer's comparison shows the drugs the draft adds.
    compare = login(editor).get(f"/admin/pages/{article.pk}/revisions/compare/live...latest/")
    changes = BeautifulSoup(compare.text, "html.parser").select_one("table")
    assert "Drugs mentioned" in changes.get_text()
    added = " ".join(item.get_text(" ", strip=True) for item in changes.select(".addition"))
    assert all(title in added for title in ("capsaicin", "amitriptyline", "duloxetine"))

    article.get_latest_revision().publish()
    article.refresh_from_db()
    assert drugs_in(article) == ["capsaicin", "amitriptyline", "duloxetine"]
    table = client.get(article.url).text.split('id="drugs-title"')[1].split("</table>")[0]
    shown = [name for name in ("Capsaicin", "Amitriptyline", "Duloxetine") if name in table]
    assert sorted(shown, key=table.index) == ["Capsaicin", "Amitriptyline", "Duloxetine"]

    # Moved up and removed, as the panel's arrows and delete buttons post it (moving a row
    # swaps its ORDER with the row above; rows are numbered from 1).
    links = {link.drug_id: link.pk for link in article.drug_links.all()}
    rows = [
        {"id": str(links[third.pk]), "drug": str(third.pk), "ORDER": "2"},
        {"id": str(links[first.pk]), "drug": str(first.pk), "ORDER": "1"},
        {"id": str(links[second.pk]), "drug": str(second.pk), "ORDER": "3", "DELETE": "1"},
    ]
    data = article_edit_form(article, drug_links=inline_formset(rows, initial=3))
    assert login(editor).post(f"/admin/pages/{article.pk}/edit/", data).status_code == 302
    assert drugs_in(draft_of(article)) == ["amitriptyline", "capsaicin"]


def test_a_drug_chosen_twice_is_refused(login, editor, article, drug):
    twice = [{"drug": str(drug.pk)}, {"drug": str(drug.pk)}]
    data = article_edit_form(article, drug_links=inline_formset(twice))
    response = login(editor).post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 200
    assert "“pregabalin” is listed above already." in response.text
    assert drugs_in(draft_of(article)) == []


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
    assert [d.pk for d in draft.mentioned_drugs()] == [drug.pk]


def test_a_mapped_brand_adds_its_drug_after_those_listed_and_only_once(
    login, editor, article, drug, drug_index
):
    listed = DrugPageFactory(parent=drug_index, title="capsaicin")
    mention_drugs(article, listed)
    article = brands_article(article)
    data = article_edit_form(
        article,
        brand_0_action="map",
        brand_0_drug=str(listed.pk),  # listed already: not listed twice
        brand_1_action="map",
        brand_1_drug=str(drug.pk),
    )
    response = login(editor).post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 302
    draft = draft_of(article)
    assert draft.unidentified_brands == []
    assert drugs_in(draft) == ["capsaicin", "pregabalin"]
    draft.get_latest_revision().publish()
    assert drugs_in(type(article).objects.get(pk=article.pk)) == ["capsaicin", "pregabalin"]


def test_mapping_a_brand_needs_a_drug(login, editor, article):
    article = brands_article(article)
    data = article_edit_form(article, brand_0_action="map", brand_0_drug="", brand_1_action="keep")
    response = login(editor).post(f"/admin/pages/{article.pk}/edit/", data)
    assert response.status_code == 200
    assert "Choose the drug “Zostrix-HP” is a brand of." in response.text
    article.refresh_from_db()
    assert len(article.get_latest_revision_as_object().unidentified_brands) == 2
