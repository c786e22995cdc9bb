"""Mark glossary terms in article text so readers can open a plain-language definition.

The first time a term (or one of its aliases) appears in an article it becomes a button that
opens a native popover with the definition: click, tap and keyboard all work without
JavaScript, and browsers without the Popover API show the definition inline instead.

The terms are compiled into one pattern per process and reused until an editor changes the
glossary; a version number in the cache tells every process when to rebuild.
"""

import re
import uuid
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser

from django.core.cache import cache
from django.utils.text import capfirst

VERSION_KEY = "glossary:version"
# Signals make an edit show at once wherever the cache is shared (Redis). The version also
# expires, so a per-process cache, or a change that bypassed signals (bulk_create, update),
# shows within this many seconds.
VERSION_TIMEOUT = 300

# Text is marked only when every element around it is one of these: never inside links,
# headings, buttons, citation markers, abbreviations or any other existing markup.
MARKABLE_CONTAINERS = frozenset(
    {"p", "li", "ul", "ol", "div", "blockquote", "b", "strong", "i", "em"}
)
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
RAW_TEXT_ELEMENTS = frozenset({"script", "style"})


@dataclass(frozen=True)
class Entry:
    slug: str
    term: str
    definition: str


@dataclass(frozen=True)
class Glossary:
    """Every term and alias, longest first, so "diabetic neuropathy" wins over "neuropathy"."""

    entries: dict  # casefolded phrase -> Entry
    pattern: re.Pattern | None
    index_url: str

    @classmethod
    def build(cls, terms, index_url):
        entries, phrases = {}, {}
        for slug, term, definition, aliases in terms:
            entry = Entry(slug=slug, term=term, definition=definition)
            for phrase in [term, *aliases.split(",")]:
                phrase = " ".join(phrase.split())
                if phrase and phrase.casefold() not in entries:
                    entries[phrase.casefold()] = entry
                    phrases[phrase.casefold()] = phrase
        pattern = None
        if entries:
            alternatives = _alternatives(phrases.values())
            # Whole words only: no letter, digit, underscore or hyphen on either side.
            pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        return cls(entries=entries, pattern=pattern, index_url=index_url)

    def lookup(self, text):
        return self.entries.get(" ".join(text.split()).casefold())


def _is_acronym(phrase):
    """CNS, TENS: matched only in capitals, so not "tens"."""
    return phrase.isupper() and " " not in phrase


def _alternatives(phrases):
    """One alternation matching any phrase, the longest first where phrases share a start.

    The case-insensitive phrases go in as a trie, so each letter is tried once per position
    in the text rather than once per phrase (about four times faster over an article than a
    flat list of the phrases); then the acronyms, longest first. Runs of spaces in a phrase
    match any run of whitespace."""
    trie = {}
    for phrase in phrases:
        if not _is_acronym(phrase):
            node = trie
            for char in phrase.lower():
                node = node.setdefault(char, {})
            node[""] = {}
    acronyms = sorted((p for p in phrases if _is_acronym(p)), key=lambda p: (-len(p), p))
    parts = [_trie_pattern(trie)] if trie else []
    parts += [f"(?-i:{_escaped(phrase)})" for phrase in acronyms]
    return "|".join(parts)


def _trie_pattern(node):
    """A trie node as a pattern: each branch, then (greedy "?") the phrase ending here."""
    branches = [
        _escaped(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{pattern})?" if "" in node else pattern


def _escaped(text):
    return re.escape(text).replace(r"\ ", r"\s+")


_compiled = (None, None)  # (version, Glossary) for this process


def get_glossary():
    """The current glossary: one cache read; the database only after the glossary changed."""
    global _compiled
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=VERSION_TIMEOUT):
            version = cache.get(VERSION_KEY, version)
    cached_version, glossary = _compiled
    if glossary is None or cached_version != version:
        glossary = _load()
        _compiled = (version, glossary)
    return glossary


def _load():
    from .models import GlossaryIndexPage, GlossaryTerm

    # Live terms only: a new term is a draft until a medical reviewer approves it.
    terms = GlossaryTerm.objects.filter(live=True).values_list(
        "slug", "term", "definition", "aliases"
    )
    index_page = GlossaryIndexPage.objects.live().first()
    index_url = (index_page.get_url() if index_page else None) or ""
    return Glossary.build(list(terms), index_url)


def invalidate():
    """Make every process rebuild its glossary on its next render."""
    global _compiled
    _compiled = (None, None)
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=VERSION_TIMEOUT)


@dataclass
class ArticleState:
    """What one article has marked so far: each term only at its first occurrence."""

    glossary: Glossary
    seen: set = field(default_factory=set)
    count: int = 0


def state_for(page):
    """The marking state of one rendered article, shared by all of its body blocks."""
    state = getattr(page, "_glossary_state", None)
    if state is None:
        state = ArticleState(glossary=get_glossary())
        page._glossary_state = state
    return state


def mark_terms(html, state):
    """Return `html` with the first occurrence of each not-yet-seen term made a popover."""
    if state.glossary.pattern is None or not html or not _may_mark(html, state):
        return html
    marker = _Marker(state)
    marker.feed(html)
    marker.close()
    return "".join(marker.out)


def _may_mark(html, state):
    """Whether a term not yet marked in this article appears anywhere in `html` (its tags and
    attributes included, so never a false no). Most blocks have none: they are passed through
    without parsing, which is most of an article's marking time."""
    glossary = state.glossary
    for match in glossary.pattern.finditer(unescape(html)):
        entry = glossary.lookup(match.group())
        if entry is not None and entry.slug not in state.seen:
            return True
    return False


def term_markup(matched_text, entry, number, index_url):
    popover_id = f"gl-{entry.slug}-{number}"
    more = ""
    if index_url:
        more = (
            f' <a class="glossary-popover__more" href="{escape(index_url)}#{escape(entry.slug)}">'
            f'More in the glossary<span class="visually-hidden"> about {escape(entry.term)}'
            "</span></a>"
        )
    return (
        f'<button type="button" class="glossary-term" popovertarget="{popover_id}">'
        f"{escape(matched_text, quote=False)}</button>"
        f'<span class="glossary-popover" id="{popover_id}" popover role="note" '
        f'aria-label="Definition of {escape(entry.term)}">'
        f'<strong class="glossary-popover__term">{escape(capfirst(entry.term))}</strong> '
        f"{escape(entry.definition, quote=False)}{more}"
        f' <button type="button" class="glossary-popover__close" popovertarget="{popover_id}"'
        ' popovertargetaction="hide">Close<span class="visually-hidden"> definition</span>'
        "</button></span>"
    )


class _Marker(HTMLParser):
    """Copies the HTML through unchanged except for text nodes where a term may be marked."""

    def __init__(self, state):
        super().__init__(convert_charrefs=True)
        self.state = state
        self.stack = []
        self.out = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_data(self, data):
        if self.stack and self.stack[-1] in RAW_TEXT_ELEMENTS:
            self.out.append(data)
        elif all(tag in MARKABLE_CONTAINERS for tag in self.stack):
            self.out.append(self._mark(data))
        else:
            self.out.append(escape(data, quote=False))

    def _mark(self, text):
        state = self.state
        pieces, position = [], 0
        for match in state.glossary.pattern.finditer(text):
            entry = state.glossary.lookup(match.group())
            if entry is None or entry.slug in state.seen:
                continue
            state.seen.add(entry.slug)
            state.count += 1
            pieces.append(escape(text[position : match.start()], quote=False))
            pieces.append(term_markup(match.group(), entry, state.count, state.glossary.index_url))
            position = match.end()
        pieces.append(escape(text[position:], quote=False))
        return "".join(pieces)
