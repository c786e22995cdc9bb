"""Reading a reader's query: the words to search for, lay terms and brand names expanded to
the words our pages use, and the drug a brand or generic name points to."""

import re
from dataclasses import dataclass, field

from django.db.models import F, IntegerField, TextField, Value
from django.db.models.functions import Lower

from drugs.models import BrandName, DrugPage

from .models import Synonym

MAX_QUERY_LENGTH = 100
# Longest lay phrase or brand name we try to recognise, in words.
LONGEST_PHRASE = 6
# Letters and digits only: the search engine never sees punctuation or operators.
WORD_RE = re.compile(r"[^\W_]+")


def words_of(text):
    return WORD_RE.findall(text.lower())


def phrases_of(words):
    """Every run of up to LONGEST_PHRASE consecutive words, e.g. "pins and needles"."""
    return {
        " ".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 1, min(len(words), start + LONGEST_PHRASE) + 1)
    }


@dataclass
class ParsedQuery:
    text: str
    words: list = field(default_factory=list)
    expansions: list = field(default_factory=list)  # (what the reader typed, what we add)
    pinned_drugs: list = field(default_factory=list)  # (drug page id, brand name or "")

    @property
    def search_terms(self):
        """Every word to look for: the reader's and those the expansions add."""
        terms = list(self.words)
        for _typed, added in self.expansions:
            terms.extend(word for word in words_of(added) if word not in terms)
        return " ".join(terms)


def parse(text):
    """One query to the vocabulary (synonyms, brand names, generic names) for all the phrases
    in the text at once."""
    parsed = ParsedQuery(text=text, words=words_of(text))
    if not parsed.words:
        return parsed
    phrases = phrases_of(parsed.words)
    whole = " ".join(parsed.words)
    seen = set()
    for kind, key, name, target, drug_id in _vocabulary(phrases):
        if kind == "synonym":
            for expansion in (part.strip() for part in target.split(",")):
                if expansion and (key, expansion.lower()) not in seen:
                    seen.add((key, expansion.lower()))
                    parsed.expansions.append((name, expansion))
        elif kind == "brand":
            if (key, target.lower()) not in seen:
                seen.add((key, target.lower()))
                parsed.expansions.append((name, target))
        if kind in ("brand", "generic") and key == whole:
            brand = name if kind == "brand" else ""
            if drug_id not in [pinned for pinned, _brand in parsed.pinned_drugs]:
                parsed.pinned_drugs.append((drug_id, brand))
    return parsed


def _vocabulary(phrases):
    """(kind, lower-case phrase, phrase as written, what it stands for, drug page id) rows."""
    columns = ("kind", "key", "label", "target", "drug_id")
    no_drug = Value(None, output_field=IntegerField())
    synonyms = (
        Synonym.objects.annotate(
            kind=Value("synonym", output_field=TextField()),
            key=Lower("term"),
            label=F("term"),
            target=F("expands_to"),
            drug_id=no_drug,
        )
        .filter(key__in=phrases)
        .order_by()
        .values_list(*columns)
    )
    brands = (
        BrandName.objects.filter(page__live=True)
        .annotate(
            kind=Value("brand", output_field=TextField()),
            key=Lower("name"),
            label=F("name"),
            target=F("page__title"),
            drug_id=F("page_id"),
        )
        .filter(key__in=phrases)
        .order_by()
        .values_list(*columns)
    )
    generics = (
        DrugPage.objects.live()
        .annotate(
            kind=Value("generic", output_field=TextField()),
            key=Lower("title"),
            label=F("title"),
            target=F("title"),
            drug_id=F("page_ptr_id"),
        )
        .filter(key__in=phrases)
        .order_by()
        .values_list(*columns)
    )
    return list(synonyms.union(brands, generics, all=True))
