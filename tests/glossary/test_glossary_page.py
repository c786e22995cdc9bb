"""The glossary index: A–Z navigation, every term with its definition, anchors by slug."""

import re

import pytest

from tests.factories import GlossaryTermFactory


@pytest.fixture
def terms(glossary_index):
    GlossaryTermFactory(
        term="paresthesia",
        slug="paresthesia",
        aliases="paraesthesia, paresthesias, pins and needles",
    )
    GlossaryTermFactory(term="allodynia", slug="allodynia", definition="Pain from a light touch.")
    GlossaryTermFactory(term="Etiology", slug="etiology", definition="The cause of a disease.")
    GlossaryTermFactory(term="analgesic", slug="analgesic")


def test_letter_navigation_links_only_letters_with_terms(client, glossary_index, terms):
    text = client.get(glossary_index.url).text
    start = text.index('aria-label="Glossary by first letter"')
    nav = text[start : text.index("</nav>", start)]
    assert re.findall(r'href="#letter-(\w)"', nav) == ["a", "e", "p"]
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        assert f">{letter}<" in nav
    assert "(no terms)" in nav


def test_terms_grouped_by_letter_in_order_with_slug_anchors(client, glossary_index, terms):
    text = client.get(glossary_index.url).text
    assert text.index('id="letter-a"') < text.index('id="allodynia"') < text.index('id="analgesic"')
    assert text.index('id="analgesic"') < text.index('id="letter-e"') < text.index('id="etiology"')
    assert "The cause of a disease." in text
    assert "Also called: pins and needles</p>" in text
    assert text.count("<h1") == 1


def test_empty_glossary_says_so(client, glossary_index):
    assert "No glossary terms yet." in client.get(glossary_index.url).text


def test_only_words_a_reader_would_use_are_named_not_the_forms_kept_for_matching(
    client, glossary_index
):  # fmt: skip
    """Aliases exist so popovers and search find plurals, adjectives and spellings; the page
    names only genuinely different words."""
    GlossaryTermFactory(
        term="analgesic",
        slug="analgesic",
        aliases="analgesics, pain reliever, pain relievers, painkiller, painkillers",
    )
    GlossaryTermFactory(term="allodynia", slug="allodynia", aliases="allodynic")
    GlossaryTermFactory(
        term="herniated disc", slug="herniated-disc", aliases="herniated disk, slipped disc"
    )
    GlossaryTermFactory(term="etiology", slug="etiology", aliases="aetiology")
    GlossaryTermFactory(term="TENS", slug="tens", aliases="TENS unit, TENS machines")
    text = client.get(glossary_index.url).text
    assert "Also called: pain reliever, painkiller</p>" in text
    assert "Also called: slipped disc</p>" in text
    for plumbing in ("analgesics", "relievers", "allodynic", "disk", "aetiology", "TENS unit"):
        assert plumbing not in text
    assert "Related words" not in text
