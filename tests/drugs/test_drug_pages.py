"""Drugs A–Z, the drug page and brand-name lookup."""

import pytest

from drugs.models import Route
from tests.factories import (
    ArticlePageFactory,
    BrandNameFactory,
    DrugClassFactory,
    DrugPageFactory,
    mention_drugs,
)
from tests.helpers import elements, json_ld_of_type


@pytest.fixture
def drugs(drug_index):
    gabapentinoid = DrugClassFactory(name="Gabapentinoid (anticonvulsant)", slug="gabapentinoid")
    tricyclic = DrugClassFactory(name="Tricyclic antidepressant", slug="tricyclic")
    gabapentin = DrugPageFactory(
        parent=drug_index,
        title="gabapentin",
        drug_class=gabapentinoid,
        description="<p>A seizure medicine widely used for nerve pain.</p>",
    )
    for brand in ["Neurontin", "Gralise", "Horizant"]:
        BrandNameFactory(page=gabapentin, name=brand)
    gabapentin.routes.set([Route.objects.get(slug="oral")])
    gabapentin.save()
    pregabalin = DrugPageFactory(parent=drug_index, title="pregabalin", drug_class=gabapentinoid)
    BrandNameFactory(page=pregabalin, name="Lyrica")
    amitriptyline = DrugPageFactory(parent=drug_index, title="amitriptyline", drug_class=tricyclic)
    return {"gabapentin": gabapentin, "pregabalin": pregabalin, "amitriptyline": amitriptyline}


def test_a_to_z_lists_generic_class_and_brands(client, drug_index, drugs):
    html = client.get(drug_index.url).text
    assert (
        html.index(">Amitriptyline</a>")
        < html.index(">Gabapentin</a>")
        < html.index(">Pregabalin</a>")
    )
    assert "Brand names: Neurontin, Gralise, Horizant" in html
    assert "Gabapentinoid (anticonvulsant)" in html
    assert len(elements(html, "a", href="?letter=G")) == 1


def test_letter_navigation(client, drug_index, drugs):
    html = client.get(drug_index.url, {"letter": "p"}).text
    assert "pregabalin" in html and "Gabapentin</a>" not in html
    assert elements(html, "a", href="?letter=P", aria_current="page")


def test_class_filter(client, drug_index, drugs):
    response = client.get(drug_index.url, {"class": "tricyclic"})
    assert response.status_code == 200
    assert "amitriptyline" in response.text and "Pregabalin</a>" not in response.text
    option = elements(response.text, "option", value="tricyclic")[0][1]
    assert "selected" in option


def test_letter_and_class_combine(client, drug_index, drugs):
    html = client.get(drug_index.url, {"letter": "G", "class": "gabapentinoid"}).text
    assert "Gabapentin</a>" in html and "Pregabalin</a>" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"letter": "AB"}, "Choose a single letter from A to Z."),
        ({"letter": "é"}, "Choose a single letter from A to Z."),
        ({"letter": "1"}, "Choose a single letter from A to Z."),
        ({"class": "no-such-class"}, "Choose a drug class from the list."),
        ({"class": "<script>alert(1)</script>"}, "Choose a drug class from the list."),
        ({"class": "x" * 5000}, "Choose a drug class from the list."),
    ],
)
def test_unknown_filters_are_a_clear_400(client, drug_index, drugs, params, message):
    response = client.get(drug_index.url, params)
    assert response.status_code == 400
    assert message in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "Gabapentin</a>" not in response.text


def test_class_error_is_tied_to_the_select(client, drug_index, drugs):
    html = client.get(drug_index.url, {"class": "nope"}).text
    select = elements(html, "select", id="drug-class")[0][1]
    assert select["aria-invalid"] == "true"
    assert select["aria-describedby"] == "drug-class-error"
    assert elements(html, "p", id="drug-class-error")


def test_page_number_junk_shows_the_first_page(client, drug_index, drugs):
    for junk in ["abc", "-1", "99999999999999999999", "1.5"]:
        response = client.get(drug_index.url, {"page": junk})
        assert response.status_code == 200, junk
        assert "gabapentin" in response.text


def test_drug_page_shows_every_fact(client, drugs, article_index):
    gabapentin = drugs["gabapentin"]
    article = ArticlePageFactory(parent=article_index, title="Neuropathic Pain")
    mention_drugs(article, gabapentin)
    article.save()
    html = client.get(gabapentin.url).text
    for text in [
        "<dt>Generic name</dt><dd>gabapentin</dd>",
        "Gabapentinoid (anticonvulsant)",
        "Oral (by mouth)",
        "<li>Neurontin</li>",
        "<li>Gralise</li>",
        "<li>Horizant</li>",
        "A seizure medicine widely used for nerve pain.",
        "not exhaustive",
    ]:
        assert text in html, text
    assert elements(html, "a", href=article.url)
    assert elements(html, "a", href="/drugs/?class=gabapentinoid")


def test_drug_markup(client, drugs):
    html = client.get(drugs["gabapentin"].url).text
    data = json_ld_of_type(html, "Drug")
    assert data["nonProprietaryName"] == "gabapentin"
    assert data["proprietaryName"] == ["Neurontin", "Gralise", "Horizant"]
    assert data["alternateName"] == ["Neurontin", "Gralise", "Horizant"]
    assert "code" not in data  # no RxNorm code recorded: none claimed
    assert data["drugClass"] == {"@type": "DrugClass", "name": "Gabapentinoid (anticonvulsant)"}
    assert data["administrationRoute"] == [Route.objects.get(slug="oral").name]
    crumbs = json_ld_of_type(html, "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Home", "Drugs A–Z", "gabapentin"]


@pytest.mark.parametrize(
    ("address", "brand"),
    [
        ("brand/neurontin/", "neurontin"),
        ("brand/gralise/", "gralise"),
        ("brand/Neurontin/", "neurontin"),
        ("brand/NEURONTIN/", "neurontin"),
        ("neurontin/", "neurontin"),
        ("Gralise/", "gralise"),
    ],
)
def test_brand_addresses_lead_permanently_to_the_generic(client, drug_index, drugs, address, brand):
    response = client.get(f"{drug_index.url}{address}")
    assert response.status_code == 301
    assert response["Location"] == f"{drugs['gabapentin'].url}?brand={brand}"


def test_the_drug_page_says_which_brand_led_there(client, drug_index, drugs):
    html = client.get(f"{drug_index.url}brand/Neurontin/", follow=True).text
    assert "Neurontin is a brand name of gabapentin." in html
    assert "<h1>Gabapentin</h1>" in html
    canonical = elements(html, "link", rel="canonical")[0][1]["href"]
    assert canonical.endswith(drugs["gabapentin"].url)


@pytest.mark.parametrize("asked", ["lyrica", "no-such-brand", "<script>x</script>", "x" * 5000])
def test_a_brand_parameter_naming_another_drug_or_nothing_is_ignored(client, drugs, asked):
    response = client.get(drugs["gabapentin"].url, {"brand": asked})
    assert response.status_code == 200
    assert "is a brand name of" not in response.text and "<script>x" not in response.text


def test_child_pages_win_over_brand_addresses(client, drug_index, drugs):
    BrandNameFactory(page=drugs["gabapentin"], name="Pregabalin")
    assert client.get(f"{drug_index.url}pregabalin/").status_code == 200


@pytest.mark.parametrize("address", ["brand/no-such-brand/", "no-such-brand/", "brand/---/"])
def test_unknown_brand_url_is_404(client, drug_index, drugs, address):
    assert client.get(f"{drug_index.url}{address}").status_code == 404


def test_letters_without_drugs_are_greyed_out_not_links(client, drug_index, drugs):
    html = client.get(drug_index.url).text
    for letter in "AGP":
        assert elements(html, "a", href=f"?letter={letter}")
    assert not elements(html, "a", href="?letter=B")
    assert '<span class="letter-nav__empty">B<span class="visually-hidden"> (no drugs)' in html
    in_class = client.get(drug_index.url, {"class": "tricyclic"}).text
    assert elements(in_class, "a", href="?letter=A&class=tricyclic")
    assert not elements(in_class, "a", href="?letter=G&class=tricyclic")


def test_brand_of_an_unpublished_drug_is_404(client, drug_index, drugs):
    drugs["pregabalin"].unpublish()
    assert client.get(f"{drug_index.url}brand/lyrica/").status_code == 404


def test_brand_shared_by_two_drugs_picks_one_instead_of_failing(client, drug_index, drugs):
    BrandNameFactory(page=drugs["pregabalin"], name="Neurontin")
    response = client.get(f"{drug_index.url}brand/neurontin/")
    assert response.status_code == 301
    assert response["Location"] == f"{drugs['gabapentin'].url}?brand=neurontin"


def test_counts_are_kept_per_filter_and_follow_a_publish(client, drug_index, drugs, settings):
    """Totals are counted once per content generation (core.fragments.counted_paginator)."""
    settings.FRAGMENT_CACHE_ENABLED = True

    def total(**params):
        return (
            client.get(drug_index.url, params)
            .text.split('class="small" aria-live="polite">')[1]
            .split("<")[0]
        )

    assert total() == "3 drugs."
    assert total(letter="G") == "1 drug starting with G."
    assert total(**{"class": "gabapentinoid"}) == "2 drugs in the class you chose."
    DrugPageFactory(parent=drug_index, title="gabapentin enacarbil")
    assert total() == "4 drugs."
    assert total(letter="G") == "2 drugs starting with G."


def test_drug_markup_carries_the_rxnorm_code(client, drugs):
    gabapentin = drugs["gabapentin"]
    gabapentin.rxcui = "25480"
    gabapentin.save_revision().publish()
    data = json_ld_of_type(client.get(gabapentin.url).text, "Drug")
    assert data["code"] == {
        "@type": "MedicalCode",
        "codeValue": "25480",
        "codingSystem": "RxNorm",
    }


def test_a_drug_name_is_capitalized_in_the_title_breadcrumb_and_search(client, drug_index):
    """Drug pages keep the generic name in lower case (it is the page's slug and search
    vocabulary) but readers see it capitalized where it starts a title or a link."""
    drug = DrugPageFactory(parent=drug_index, title="duloxetine")
    html = client.get(drug.url).text
    assert "<title>Duloxetine | NeuroPain</title>" in html
    assert 'aria-current="page">Duloxetine</a>' in html
    results = client.get("/search/", {"q": "duloxetine"}).text
    assert ">Duloxetine</a>" in results
