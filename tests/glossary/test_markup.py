"""Glossary terms marked in article text: first occurrence only, whole words, never in links."""

import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from wagtail.rich_text import RichText, expand_db_html

from glossary.markup import VERSION_KEY, ArticleState, Glossary, mark_terms
from glossary.models import GlossaryTerm
from tests.factories import ArticlePageFactory, GlossaryTermFactory

TERMS = [
    ("allodynia", "allodynia", "Pain from a light touch.", "allodynic"),
    ("paresthesia", "paresthesia", "Tingling or pins and needles.", "pins and needles"),
    ("neuropathy", "neuropathy", "Damage to nerves.", "neuropathies"),
    ("diabetic-neuropathy", "diabetic neuropathy", "Nerve damage from diabetes.", ""),
    ("tens", "transcutaneous electrical nerve stimulation", "A small device.", "TENS"),
]


def mark(html, state=None):
    state = state or ArticleState(glossary=Glossary.build(TERMS, "/glossary/"))
    return mark_terms(html, state)


def marked_words(html):
    return re.findall(r'class="glossary-term" popovertarget="[^"]+">([^<]+)</button>', html)


def test_first_occurrence_only_case_insensitive():
    html = mark("<p>Allodynia is common. People with allodynia feel pain.</p>")
    assert marked_words(html) == ["Allodynia"]
    assert html.count("glossary-term") == 1


def test_aliases_and_multi_word_terms_match_whole_words_only():
    html = mark(
        "<p>Pins and needles, allodynias, nonneuropathy, pre-allodynic and neuropathies.</p>"
    )
    assert marked_words(html) == ["Pins and needles", "neuropathies"]


def test_longest_phrase_wins():
    html = mark("<p>Diabetic neuropathy is one neuropathy.</p>")
    assert marked_words(html) == ["Diabetic neuropathy", "neuropathy"]


def test_acronyms_match_only_in_capitals():
    assert marked_words(mark("<p>Tens of people tried it.</p>")) == []
    assert marked_words(mark("<p>A TENS unit helps.</p>")) == ["TENS"]


@pytest.mark.parametrize(
    "html",
    [
        '<p>See <a href="/x/">allodynia</a>.</p>',
        "<h2>Allodynia</h2>",
        '<p>Cited<sup><a href="#ref-1">allodynia</a></sup></p>',
        '<p><abbr title="x">allodynia</abbr></p>',
        '<p><button type="button">allodynia</button></p>',
        "<p><code>allodynia</code></p>",
    ],
)
def test_never_inside_links_headings_or_other_markup(html):
    assert mark(html) == html


def test_marks_inside_emphasis_and_keeps_markup_and_entities():
    html = mark(
        '<p>Fish &amp; chips &lt;b&gt; <b>allodynia</b> <a href="/a?x=1&amp;y=2">link</a></p>'
    )
    assert marked_words(html) == ["allodynia"]
    assert "Fish &amp; chips &lt;b&gt; <b><button" in html
    assert '<a href="/a?x=1&amp;y=2">link</a>' in html


def test_popover_markup_is_accessible_and_escaped():
    glossary = Glossary.build([("x", "x-ray", 'Uses <script>alert("x")</script>.', "")], "/g/")
    html = mark("<p>An x-ray.</p>", ArticleState(glossary=glossary))
    assert (
        '<button type="button" class="glossary-term" popovertarget="gl-x-1">x-ray</button>' in html
    )
    assert '<span class="glossary-popover" id="gl-x-1" popover role="note"' in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert 'href="/g/#x"' in html
    assert 'popovertargetaction="hide"' in html


def test_state_is_shared_across_blocks_of_one_article():
    state = ArticleState(glossary=Glossary.build(TERMS, "/glossary/"))
    first = mark("<p>Allodynia here.</p>", state)
    second = mark("<ul><li><p>Allodynia and paresthesia again.</p></li></ul>", state)
    assert marked_words(first) == ["Allodynia"]
    assert marked_words(second) == ["paresthesia"]
    assert 'id="gl-paresthesia-2"' in second


@pytest.fixture
def glossary_article(article_index, glossary_index):
    GlossaryTermFactory(
        term="allodynia", slug="allodynia", definition="Pain from a light touch.", aliases=""
    )
    GlossaryTermFactory(
        term="paresthesia",
        slug="paresthesia",
        definition="A tingling feeling.",
        aliases="pins and needles",
    )
    return ArticlePageFactory(
        parent=article_index,
        body=[
            ("heading", {"text": "Allodynia", "level": "h2"}),
            ("paragraph", '<p>Touch hurts: <a href="/x/">allodynia</a>. Allodynia is common.</p>'),
            ("bullet_list", {"items": ["<p>Allodynia again</p>", "<p>Pins and needles</p>"]}),
        ],
    )


def test_article_page_marks_each_term_once(client, glossary_article):
    text = client.get(glossary_article.url).text
    assert text.count('class="glossary-term"') == 2
    assert '<h2 id="allodynia">Allodynia</h2>' in text
    assert '<a href="/x/">allodynia</a>. <button type="button" class="glossary-term"' in text
    assert 'popovertarget="gl-allodynia-1">Allodynia</button>' in text
    assert 'popovertarget="gl-paresthesia-2">Pins and needles</button>' in text
    assert 'href="/glossary/#allodynia"' in text
    assert "A tingling feeling." in text


def test_glossary_changes_show_on_the_next_render(client, glossary_article):
    client.get(glossary_article.url)
    term = GlossaryTerm.objects.get(slug="allodynia")
    term.definition = "A new plain definition."
    term.save()
    assert "A new plain definition." in client.get(glossary_article.url).text
    term.delete()
    text = client.get(glossary_article.url).text
    assert 'popovertarget="gl-allodynia' not in text
    assert 'popovertarget="gl-paresthesia-1"' in text


def article_queries(client, url):
    client.get(url)  # warm: compiles the glossary once for this process
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_article_query_count_does_not_grow_with_the_glossary(client, glossary_article):
    few = article_queries(client, glossary_article.url)
    assert not any("glossary_glossaryterm" in sql for sql in few)
    for n in range(40):
        GlossaryTermFactory(term=f"rare word {n}", slug=f"rare-word-{n}")
    many = article_queries(client, glossary_article.url)
    assert len(many) == len(few)


def test_changes_that_bypass_signals_show_once_the_version_expires(client, glossary_article):
    client.get(glossary_article.url)
    GlossaryTerm.objects.filter(slug="allodynia").update(definition="Changed in bulk.")
    assert "Changed in bulk." not in client.get(glossary_article.url).text
    cache.delete(VERSION_KEY)  # what the version's timeout does
    assert "Changed in bulk." in client.get(glossary_article.url).text


def flat_pattern(phrases):
    """The pattern the trie replaced: every phrase, longest first, acronyms in capitals."""

    def alternative(phrase):
        escaped = re.escape(phrase).replace(r"\ ", r"\s+")
        return f"(?-i:{escaped})" if phrase.isupper() and " " not in phrase else escaped

    ordered = sorted(phrases, key=lambda p: (-len(p), p.casefold()))
    alternatives = "|".join(alternative(p) for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


PHRASES = [
    "nerve",
    "nerve pain",
    "nerve pain relief",
    "Nerve block",
    "neuropathy",
    "neuropathies",
    "pins and needles",
    "TENS",
    "TENS machine",
    "MS",
    "COVID-19",
    "covid",
    "C. diff",
    "Guillain-Barré syndrome",
    "a",
]
TEXTS = [
    "Nerve pain relief, nerve pain and nerve-block; a NERVE   PAIN of nerves.",
    "TENS or tens, a TENS machine, tens machines; MS, ms, Ms and COVID-19 or covid.",
    "pins and\nneedles, pins-and-needles, C. diff and guillain-barré SYNDROME; a b a-b.",
    "neuropathy neuropathies neuropathys peripheral-neuropathy (neuropathy)",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_trie_pattern_matches_what_the_flat_list_of_phrases_matched(text):
    glossary = Glossary.build([("x", "x", "", ",".join(PHRASES))], "")
    expected = [(m.span(), m.group()) for m in flat_pattern(["x", *PHRASES]).finditer(text)]
    assert [(m.span(), m.group()) for m in glossary.pattern.finditer(text)] == expected
    assert expected  # the texts do hold phrases


@pytest.mark.parametrize(
    "source",
    [
        "<p>Burning <b>pain</b> &amp; tingling</p>",
        '<p>See <a href="https://example.org/?a=1&amp;b=2">this</a></p>',
        '<p>Text<sup><a href="#ref-3">3</a></sup></p>',
    ],
)
def test_glossarize_reads_rich_text_as_wagtail_renders_it(source):
    """glossarize expands a RichText's source itself instead of rendering Wagtail's
    "wagtailcore/shared/richtext.html" once per paragraph: that template must still add
    nothing around the HTML (a project override that wraps rich text would show here)."""
    value = RichText(source)
    template = Template("{% load glossary_tags %}{% glossarize value %}")
    assert template.render(Context({"value": value})) == str(value) == expand_db_html(source)
