"""Script payloads in content render inert, whichever way they got in.

Editors' rich text passes Wagtail's whitelist (Draftail contentstate -> DB HTML); plain fields
are auto-escaped by templates; the importer must clean what it writes (nh3 or Wagtail's
converters), because stored rich text is rendered as it is stored.
"""

import io
import json
from html.parser import HTMLParser

from django.core.management import call_command
from django.test import Client

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from articles.models import ArticlePage
from tests.factories import (
    ArticleAuthorFactory,
    ArticlePageFactory,
    ArticleReferenceFactory,
    PersonFactory,
)

PAYLOADS = [
    "<script>alert('np-xss')</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "<iframe src=javascript:alert(1)></iframe>",
]
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


class InertChecker(HTMLParser):
    """Collects anything in a page that could run script."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction"} and (
                value or ""
            ).strip().lower().startswith(("javascript:", "data:text/html")):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "script" and not attrs.get("src"):
            if (attrs.get("type") or "").lower() in EXECUTABLE_SCRIPT_TYPES:
                self.problems.append("inline <script>")
        if tag in {"iframe", "object", "embed"}:
            self.problems.append(f"<{tag}>")


def assert_inert(html):
    checker = InertChecker()
    checker.feed(html)
    assert checker.problems == []
    assert "alert('np-xss')</script>" not in html


def test_plain_fields_and_blocks_are_escaped(client, article_index):
    payload = " ".join(PAYLOADS)
    page = ArticlePageFactory(
        parent=article_index,
        title=f"Nerve pain {PAYLOADS[0]}",
        summary=payload,
        source_publisher=payload,
        body=[
            ("heading", {"text": payload, "level": "h2"}),
            ("see_also", {"page": None, "title": payload, "verb": "See"}),
            ("video", {"title": payload, "url": "", "teaser": payload, "transcript": ""}),
            ("cross_reference", {"title": payload, "summary": payload, "page": None}),
            ("callout", {"kind": "note", "heading": payload, "text": "", "page": None}),
        ],
    )
    ArticleAuthorFactory(page=page, person=PersonFactory(name=PAYLOADS[1], affiliation=payload))
    ArticleReferenceFactory(page=page, title=payload, authors=payload, journal=payload)
    response = client.get(page.url)
    assert response.status_code == 200
    assert_inert(response.text)
    assert "&lt;script&gt;alert(&#x27;np-xss&#x27;)&lt;/script&gt;" in response.text


def contentstate(text, url):
    """Draftail's raw form value, forged: a paragraph of payload text and a javascript: link."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "aaaaa",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


def test_editor_rich_text_goes_through_wagtails_whitelist(editor_client, article_index):
    page = ArticlePageFactory(parent=article_index, title="Burning feet")
    payload_text = "Click " + " ".join(PAYLOADS)
    data = nested_form_data(
        {
            "title": "Burning feet",
            "slug": page.slug,
            "summary": "A summary.",
            "body": streamfield([("paragraph", contentstate(payload_text, "javascript:alert(1)"))]),
            "authors": inline_formset([]),
            "references": inline_formset([]),
            "drug_links": inline_formset([]),
            "unidentified_brands": "[]",
            "action-publish": "publish",
        }
    )
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    stored = str(page.body[0].value.source)
    assert "href" not in stored  # the javascript: link was dropped, its text kept
    assert "<script" not in stored and "<img" not in stored
    rendered = Client().get(page.url)
    assert_inert(rendered.text)
    assert "&lt;script&gt;alert(" in rendered.text  # shown as text, as typed


def test_imported_payloads_render_inert(client, site, tmp_path):
    """Scraped text is data: markup in it must arrive as text, never as HTML."""
    document = tmp_path / "hostile.txt"
    document.write_text(
        "\n".join(
            [
                f"Nerve damage and tingling {PAYLOADS[0]}",
                "",
                f"Nerve damage can cause tingling. {PAYLOADS[1]} It often starts in the feet.",
                "",
                f"Symptoms {PAYLOADS[2]}",
                "",
                f"  • Burning pain {PAYLOADS[3]}",
                "  • Numbness <b onmouseover=alert(1)>here</b>",
                "",
                f"See Diabetic neuropathy {PAYLOADS[0]}",
                "",
                'Most people find that treatment helps <a href="javascript:alert(1)">a lot</a>.',
            ]
        ),
        encoding="utf-8",
    )
    before = set(ArticlePage.objects.values_list("pk", flat=True))
    call_command("import_seed_content", str(document), stdout=io.StringIO(), stderr=io.StringIO())
    new_pages = ArticlePage.objects.exclude(pk__in=before)
    assert new_pages.exists()
    for page in new_pages:
        html = client.get(page.url).text if page.live else str(page.body)
        assert_inert(html)
        assert "It often starts in the feet" in html
