"""Running the import command and reading what a reader sees, for the import tests."""

import io
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from articles.models import ArticleAuthor, ArticleDrug, ArticlePage, ArticleReference
from core.models import Person
from drugs.models import BrandName, DrugClass, DrugPage

SEED_DIR = Path(__file__).resolve().parents[2] / "importer" / "seed"
SPINE_SEED = "000_9ea0310e08960576.txt"
MERCK_SEED = "004_6a2b98b61d545a30.txt"
SPINE_TITLE = "Neuropathic Pain: Causes and Treatment"
MERCK_TITLE = "Neuropathic Pain"


def run_import(*paths, **options):
    """The command's stdout; raises CommandError like `manage.py` would report it."""
    out = io.StringIO()
    call_command(
        "import_seed_content", *[str(p) for p in paths], stdout=out, stderr=io.StringIO(), **options
    )
    return out.getvalue()


def write_documents(folder, documents, manifest=None):
    """Write {file name: text} into `folder` (and a manifest.json); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    if manifest:
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def snapshot():
    """Everything an import writes, so a test can tell whether anything changed."""
    return {
        "pages": sorted(
            Page.objects.values_list(
                "pk", "title", "slug", "live", "latest_revision_id", "live_revision_id", "numchild"
            )
        ),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "people": sorted(Person.objects.values_list("name", "credentials", "affiliation")),
        "drug classes": DrugClass.objects.count(),
        "brands": sorted(BrandName.objects.values_list("page_id", "name")),
        "authors": ArticleAuthor.objects.count(),
        "references": ArticleReference.objects.count(),
        "drugs mentioned": sorted(
            ArticleDrug.objects.values_list("pk", "page_id", "drug_id", "sort_order")
        ),
        "reference index": ReferenceIndex.objects.count(),
        "drug pages": DrugPage.objects.count(),
        "articles": sorted(
            ArticlePage.objects.values_list("pk", "load_hash", "loaded_revision_id")
        ),
    }


INLINE = {
    "a",
    "abbr",
    "b",
    "cite",
    "code",
    "em",
    "i",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


class _TextExtractor(HTMLParser):
    SKIP = {"script", "style", "template"}

    def __init__(self, start_class=None):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping, self.start_class, self.depth = [], 0, start_class, None
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self.parts.append(" ")
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append(tag)
        if self.start_class and self.depth is None and self.start_class in classes:
            self.depth = len(self.stack)
        if tag in self.SKIP:
            self.skipping += 1
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack:
            if self.depth is not None and len(self.stack) == self.depth:
                self.depth = -1  # done with the wanted element
            self.stack.pop()
        if tag in self.SKIP:
            self.skipping -= 1
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        wanted = self.start_class is None or (self.depth is not None and self.depth > 0)
        if wanted and not self.skipping:
            self.parts.append(data)


def visible_text(html, within_class=None):
    """The page's text as a reader sees it, whitespace collapsed (optionally one element's)."""
    parser = _TextExtractor(within_class)
    parser.feed(html if isinstance(html, str) else html.decode())
    return normalise("".join(parser.parts))


def link_target(html, text):
    """(path, query dict) of the first link whose text is `text`, or None."""
    match = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>{re.escape(text)}</a>', html)
    if match is None:
        return None
    url = urlsplit(unescape(match.group(1)))
    return url.path, {key: values[0] for key, values in parse_qs(url.query).items()}


def normalise(text):
    return " ".join(text.split())


def sentences(text):
    """Sentence-sized pieces of plain text (also split after colons, as lead-ins end)."""
    return [s for s in re.split(r"(?<=[.!?:])\s+", normalise(text)) if s]


def held_back_text(page):
    """What of the body readers do not see as it stands (articles.problems): kept for editors,
    so a recall test counts it as kept."""
    stored = json.dumps(list(page.body.raw_data), ensure_ascii=False)
    held = [p.text for p in page.body_problems if p.hidden or p.shown_html]
    assert all(json.dumps(text, ensure_ascii=False)[1:-1] in stored for text in held)
    return " ".join(held)
