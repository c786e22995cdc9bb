"""Reading a reader's query: the words to search for, lay terms and brand names expanded to
the words our pages use, and the drug a brand or generic name points to.

The vocabulary (synonyms, brand and generic names, glossary terms) is small and changes only
when content is published, so it is read once per content generation and kept in the
process: reading a query costs no database query.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import F, IntegerField, TextField, Value

from core.fragments import fragment

from .models import Synonym
from .text import concepts, key_of, words_of

MAX_QUERY_LENGTH = 100
# Longest lay phrase or brand name we try to recognise, in words.
LONGEST_PHRASE = 6


def phrases_of(words):
    """Every run of up to LONGEST_PHRASE consecutive words, e.g. "pins and needles"."""
    return {
        " ".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 1, min(len(words), start + LONGEST_PHRASE) + 1)
    }


@dataclass(frozen=True)
class Entry:
    """A known phrase: kind is "synonym", "brand" or "generic"."""

    kind: str
    label: str  # as written
    target: str  # what it stands for: expansions, or the generic name
    drug_id: int | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    slug: str
    definition: str
    names: tuple  # the term and its aliases, as keys


@dataclass
class Lexicon:
    entries: dict  # lower-case phrase -> [Entry]
    glossary: list  # [GlossaryEntry]

    def labels(self):
        """Every phrase a reader might mean, as written (for suggestions and spelling)."""
        seen = {}
        for entries in self.entries.values():
            for entry in entries:
                seen.setdefault(entry.label.lower(), entry.label)
        for item in self.glossary:
            seen.setdefault(item.term.lower(), item.term)
        return list(seen.values())


def lexicon(request=None):
    """The vocabulary, built at most once per request (and per content generation when the
    fragment cache is on): two queries."""
    cached = getattr(request, "_search_lexicon", None)
    if cached is None:
        cached = fragment("search-lexicon", _build_lexicon, request, per_page=True)
        if request is not None:
            request._search_lexicon = cached
    return cached


def _build_lexicon():
    entries = {}
    for kind, label, target, drug_id in _phrases():
        entry = Entry(kind, label, target, drug_id)
        entries.setdefault(" ".join(words_of(label)), []).append(entry)
    glossary_term = apps.get_model("glossary.GlossaryTerm")
    glossary = [
        GlossaryEntry(
            term,
            slug,
            definition,
            tuple(key_of(name) for name in [term, *aliases.split(",")] if name.strip()),
        )
        for term, slug, definition, aliases in glossary_term.objects.order_by("term").values_list(
            "term", "slug", "definition", "aliases"
        )
    ]
    return Lexicon(entries, glossary)


def _phrases():
    """(kind, phrase as written, what it stands for, drug page id): one query."""
    drug_page = apps.get_model("drugs.DrugPage")
    brand_name = apps.get_model("drugs.BrandName")
    columns = ("kind", "label", "target", "drug_id")
    no_drug = Value(None, output_field=IntegerField())
    synonyms = Synonym.objects.annotate(
        kind=Value("synonym", output_field=TextField()),
        label=F("term"),
        target=F("expands_to"),
        drug_id=no_drug,
    )
    brands = brand_name.objects.filter(page__live=True).annotate(
        kind=Value("brand", output_field=TextField()),
        label=F("name"),
        target=F("page__title"),
        drug_id=F("page_id"),
    )
    generics = drug_page.objects.live().annotate(
        kind=Value("generic", output_field=TextField()),
        label=F("title"),
        target=F("title"),
        drug_id=F("page_ptr_id"),
    )
    parts = [qs.order_by().values_list(*columns) for qs in (synonyms, brands, generics)]
    return list(parts[0].union(*parts[1:], all=True))


@dataclass
class ParsedQuery:
    text: str
    words: list = field(default_factory=list)
    expansions: list = field(default_factory=list)  # (what the reader typed, what we add)
    pinned_drugs: list = field(default_factory=list)  # (drug page id, brand name or "")
    corrected_from: str = ""  # what the reader typed, when we searched for `text` instead

    @property
    def search_terms(self):
        """Every word to look for: the reader's and those the expansions add."""
        terms = list(self.words)
        for _typed, added in self.expansions:
            terms.extend(word for word in words_of(added) if word not in terms)
        return " ".join(terms)

    @property
    def concepts(self):
        """Folded meaningful words of the query and its expansions, for ranking and marks."""
        found = concepts(self.text)
        for _typed, added in self.expansions:
            found |= concepts(added)
        return found

    @property
    def exact_keys(self):
        """What counts as an exact title match: the whole query, and the whole query with a
        lay phrase in it replaced by the words our pages use ("nerve pain quiz" ->
        "neuropathic pain quiz")."""
        whole = " ".join(self.words)
        keys = {key_of(whole)}
        for typed, added in self.expansions:
            typed_words = " ".join(words_of(typed))
            if typed_words and typed_words in whole:
                keys.add(key_of(whole.replace(typed_words, " ".join(words_of(added)))))
        keys.discard("")
        return keys

    @property
    def known(self):
        """Whether the whole query is a phrase the vocabulary knows."""
        return bool(self.pinned_drugs) or any(
            " ".join(words_of(typed)) == " ".join(self.words) for typed, _ in self.expansions
        )


def parse(text, request=None, corrected_from=""):
    parsed = ParsedQuery(text=text, words=words_of(text), corrected_from=corrected_from)
    if not parsed.words:
        return parsed
    whole = " ".join(parsed.words)
    entries = lexicon(request).entries
    seen = set()
    for phrase in sorted(phrases_of(parsed.words), key=lambda p: parsed.text.lower().find(p)):
        for entry in entries.get(phrase, ()):
            targets = entry.target.split(",") if entry.kind == "synonym" else [entry.target]
            if entry.kind == "generic":
                targets = []
            for target in (part.strip() for part in targets):
                if target and (phrase, target.lower()) not in seen:
                    seen.add((phrase, target.lower()))
                    parsed.expansions.append((entry.label, target))
            if entry.kind in ("brand", "generic") and phrase == whole:
                brand = entry.label if entry.kind == "brand" else ""
                if entry.drug_id not in [pinned for pinned, _brand in parsed.pinned_drugs]:
                    parsed.pinned_drugs.append((entry.drug_id, brand))
    return parsed
