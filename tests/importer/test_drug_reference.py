"""The drug reference data and how the importer uses it: matching brand rows to generics and
keeping one drug page per generic up to date without touching editors' changes."""

import re

import pytest

from drugs.models import DrugClass, DrugPage, Route
from importer.drugs import (
    DATA_DIR,
    DrugMatcher,
    load_classes,
    load_reference,
    match_row,
    name_key,
    reference_matcher,
    sync_reference_drugs,
)
from tests.helpers import json_ld_of_type

MERCK_ROWS = [
    (["Elavil", "Tryptanol", "Vanatrip"], "amitriptyline"),
    (["Effexor", "Effexor XR", "Venlafaxine"], "venlafaxine"),
    (["Active-PAC with Gabapentin", "Gabarone", "Gralise", "Horizant", "Neurontin"], "gabapentin"),
    (["Arthricare for Women", "Capsimide", "Capzasin-HP", "Qutenza", "Zostrix HP"], "capsaicin"),
    (
        ["7T Lido", "Aspercreme with Lidocaine", "Lidoderm", "LMX 4", "Xylocaine", "ZTlido"],
        "lidocaine",
    ),
    (
        ["Castellani Paint", "Chloraseptic", "Chloraseptic Kids", "Phenaseptic", "Sore Throat"],
        "phenol",
    ),
]


# The data file ---------------------------------------------------------------------------------


def test_reference_covers_the_common_neuropathic_pain_drugs():
    generics = {drug.generic_name for drug in load_reference()}
    assert {
        "gabapentin", "pregabalin", "amitriptyline", "nortriptyline", "duloxetine",
        "venlafaxine", "carbamazepine", "oxcarbazepine", "lidocaine", "capsaicin", "tramadol",
        "tapentadol", "morphine", "oxycodone", "phenol", "glycerol", "dehydrated alcohol",
    } <= generics  # fmt: skip


def _rxcui_table():
    """Rows of the RxCUI table in the data README: {drug: (code, sources)}."""
    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^- (\[[^\]]+\]):", text, re.MULTILINE))
    rows = {}
    for drug, code, sources in re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| ([^|]+?) \|$", text, re.M):
        if drug not in ("Drug", "---"):
            rows[drug] = ("" if code == "(empty)" else code, sources)
    return rows, defined


def test_every_rxnorm_code_is_listed_with_the_public_source_it_was_checked_against():
    rows, defined = _rxcui_table()
    assert defined, "the README names no sources"
    for drug in load_reference():
        assert drug.generic_name in rows, f"{drug.generic_name} has no row in the RxCUI table"
        code, sources = rows[drug.generic_name]
        assert code == drug.rxcui, f"{drug.generic_name}: README says {code!r}"
        if drug.rxcui:
            cited = set(re.findall(r"\[[^\]]+\]", sources))
            assert cited and cited <= defined, f"{drug.generic_name}: sources {sources!r}"
        else:
            assert sources.startswith("not confirmed"), drug.generic_name
    assert len({drug.rxcui for drug in load_reference() if drug.rxcui}) == sum(
        1 for drug in load_reference() if drug.rxcui
    ), "two drugs share one RxCUI"


def test_every_drug_has_a_known_class_and_route(db):
    classes = {name for name, _ in load_classes()}
    routes = set(Route.objects.values_list("slug", flat=True))
    for drug in load_reference():
        assert drug.drug_class in classes, drug.generic_name
        assert drug.routes and set(drug.routes) <= routes, drug.generic_name
        assert drug.description, drug.generic_name


def test_no_brand_or_alias_points_at_two_drugs():
    owners = {}
    for drug in load_reference():
        for name in {name_key(n) for n in (drug.generic_name, *drug.aliases, *drug.brand_names)}:
            assert name not in owners, f"{name}: {owners.get(name)} and {drug.generic_name}"
            owners[name] = drug.generic_name


# Matching --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("row", "generic"), MERCK_ROWS)
def test_merck_rows_match_their_generic(row, generic):
    assert match_row(row) == generic


@pytest.mark.parametrize(
    ("row", "generic"),
    [
        (["ZT LIDO", "lmx4"], "lidocaine"),  # case and spaces do not matter
        (["Venlafaxine"], "venlafaxine"),  # a generic name listed among the brands
        (["Active-PAC with Gabapentin"], "gabapentin"),  # a generic name inside a brand name
        (["Depakote", "valproate"], "valproic acid"),  # an alias
        (["Nucynta  ER "], "tapentadol"),
    ],
)
def test_matching_is_forgiving_about_spelling(row, generic):
    assert match_row(row) == generic


@pytest.mark.parametrize(
    "row",
    [
        ["Zelbrex Nerve Relief", "Calmora"],  # nothing known
        ["Neurontin", "Lyrica"],  # brands of two drugs: never guess
        ["Lidocaine and Ketamine Cream"],  # two generic names in one brand
        ["Tylenol with Codeine"],  # a combination whose other drug is not in the reference
        [],
        ["", "  "],
    ],
)
def test_rows_that_do_not_name_exactly_one_drug_match_nothing(row):
    assert match_row(row) is None


def test_ambiguous_rows_say_which_drugs_they_could_be():
    match = reference_matcher().match_row(["Neurontin", "Lyrica"])
    assert match.generic is None
    assert match.ambiguous
    assert match.candidates == ("gabapentin", "pregabalin")


def test_generic_names_in_prose():
    matcher = reference_matcher()
    text = (
        "Injecting a caustic substance (such as phenol) into a nerve. Valproic  acid and "
        "CBD are also used. Excessive alcohol use damages nerves. Gabapentinoids are common."
    )
    assert matcher.names_in(text) == {"phenol", "valproic acid", "cannabidiol"}


def test_a_matcher_can_learn_drugs_editors_added():
    matcher = DrugMatcher.from_reference()
    matcher.add("clonidine", ["Catapres"])
    assert matcher.match_row(["Catapres", "Kapvay"]).generic == "clonidine"


# Drug pages ------------------------------------------------------------------------------------


def test_sync_creates_one_live_page_per_generic_then_leaves_them_alone(db, client):
    result = sync_reference_drugs()
    assert len(result.created) == len(load_reference())
    gabapentin = DrugPage.objects.get(title="gabapentin")
    assert gabapentin.live
    assert gabapentin.drug_class.name == "Gabapentinoid (anticonvulsant)"
    assert [r.slug for r in gabapentin.routes.all()] == ["oral"]
    assert [b.name for b in gabapentin.brand_names.all()] == [
        "Neurontin",
        "Gralise",
        "Horizant",
        "Gabarone",
    ]
    assert client.get(gabapentin.url).status_code == 200
    assert client.get("/drugs/brand/neurontin/").url == f"{gabapentin.url}?brand=neurontin"
    assert DrugClass.objects.count() == len(load_classes())

    revisions = {p.pk: p.revisions.count() for p in DrugPage.objects.all()}
    again = sync_reference_drugs()
    assert again.created == again.updated == again.drafted == []
    assert len(again.unchanged) == len(load_reference())
    assert {p.pk: p.revisions.count() for p in DrugPage.objects.all()} == revisions


def test_sync_restores_reference_facts_on_pages_nobody_edited(db):
    sync_reference_drugs()
    DrugPage.objects.filter(title="tramadol").update(description="<p>Outdated.</p>")
    result = sync_reference_drugs()
    assert result.updated == ["tramadol"]
    assert "opioid" in DrugPage.objects.get(title="tramadol").description


def test_sync_puts_each_rxnorm_code_on_its_page_and_in_its_markup(db, client):
    sync_reference_drugs()
    assert dict(DrugPage.objects.values_list("title", "rxcui")) == {
        drug.generic_name: drug.rxcui for drug in load_reference()
    }
    # A wrong code on a page nobody edited is put right (1819 is buprenorphine's).
    DrugPage.objects.filter(title="capsaicin").update(rxcui="1819")
    assert sync_reference_drugs().updated == ["capsaicin"]
    capsaicin = DrugPage.objects.get(title="capsaicin")
    markup = json_ld_of_type(client.get(capsaicin.url).text, "Drug")
    assert markup["code"] == {"@type": "MedicalCode", "codeValue": "1992", "codingSystem": "RxNorm"}
    unconfirmed = DrugPage.objects.get(title="mirogabalin")
    assert "code" not in json_ld_of_type(client.get(unconfirmed.url).text, "Drug")


def test_sync_never_overwrites_an_editors_changes(db, admin_user):
    sync_reference_drugs()
    page = DrugPage.objects.get(title="pregabalin")
    draft = page.get_latest_revision_as_object()
    draft.description = "<p>An editor's description.</p>"
    draft.brand_names = [b for b in draft.brand_names.all() if b.name != "Lyrica CR"]
    draft.save_revision(user=admin_user).publish(user=admin_user)

    result = sync_reference_drugs()
    page.refresh_from_db()
    assert page.description == "<p>An editor's description.</p>"
    assert [b.name for b in page.brand_names.all()] == ["Lyrica"]
    # The brand the reference lists comes back only as a draft for the editor to accept.
    assert result.drafted == ["pregabalin"]
    latest = page.get_latest_revision_as_object()
    assert [b.name for b in latest.brand_names.all()] == ["Lyrica", "Lyrica CR"]
    assert latest.description == "<p>An editor's description.</p>"
    again = sync_reference_drugs()
    assert again.drafted == again.updated == []
