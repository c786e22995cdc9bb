"""Words as search compares them: lower-cased, plurals folded, close forms matched, and the
trigram similarity PostgreSQL's pg_trgm computes, for databases without it."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Letters and digits only: the search engine never sees punctuation or operators.
WORD_RE = re.compile(r"[^\W_]+")
STOP_WORDS = frozenset("a an and as at by for from in is it of on or the to with".split())
# Words this long or longer match another word sharing this many first letters
# ("diabetes" and "diabetic"); shorter words must match exactly (after plurals).
STEM_LENGTH = 6


def words_of(text):
    return WORD_RE.findall(text.lower())


def fold(word):
    """Singular of a regular English plural: neuropathies -> neuropathy, discs -> disc."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def key_of(text):
    """A phrase as compared with titles: "Herniated discs" and "herniated disc" are equal."""
    return " ".join(fold(word) for word in words_of(text) if word not in STOP_WORDS)


def concepts(text):
    """The folded words of a text that carry meaning (no stop words)."""
    return {fold(word) for word in words_of(text) if word not in STOP_WORDS}


def same_word(a, b):
    if a == b:
        return True
    if min(len(a), len(b)) < STEM_LENGTH:
        return False
    return a[:STEM_LENGTH] == b[:STEM_LENGTH]


def covered(query_words, text_words):
    """How many of the query's words the text has (close forms count)."""
    return sum(1 for word in query_words if any(same_word(word, other) for other in text_words))


def trigrams(text):
    """pg_trgm's trigrams: each word lower-cased, padded with two spaces before, one after."""
    grams = set()
    for word in words_of(text):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def similarity(a, b):
    """pg_trgm's similarity(): shared trigrams over all distinct trigrams of both."""
    first, second = trigrams(a), trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def highlight(text, query_words, words=40):
    """Up to `words` words of `text` around its first match, each matching word in <mark>.

    Everything else is escaped: the text comes from editors and imports, the words from the
    reader.
    """
    tokens = text.split()
    matches = [
        index
        for index, token in enumerate(tokens)
        if any(same_word(fold(w), q) for w in words_of(token) for q in query_words)
    ]
    start = max(0, (matches[0] - words // 4) if matches else 0)
    shown = tokens[start : start + words]
    marked = {index - start for index in matches}
    parts = ["…"] if start else []
    for index, token in enumerate(shown):
        parts.append(f"<mark>{escape(token)}</mark>" if index in marked else escape(token))
    if start + words < len(tokens):
        parts.append("…")
    return mark_safe(" ".join(parts))  # noqa: S308 - every part escaped above
