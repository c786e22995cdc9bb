"""Putting the right page first.

The search engine finds the candidates and scores their text; the order readers see comes
from rules about where a query matched, tuned against the relevance set
(search/data/relevance.json, `make search-quality`):

1. a drug named exactly (generic or brand) comes first;
2. then exact title matches (the query, or the query with a lay phrase replaced by the words
   our pages use; glossary aliases count as titles): articles, then drugs, glossary, quizzes;
3. after a named drug, the articles that mention or list it;
4. then articles and drugs, those whose title has more of the query's words first, articles
   before drugs, then by text score;
5. glossary entries and quizzes come last, unless their title has every word of the query
   (as typed, plurals aside).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import strip_tags

from .text import concepts, covered, highlight, key_of

TYPE_ORDER = {"Article": 0, "Drug": 1, "Glossary": 2, "Quiz": 3}
MINOR_TYPES = {"Glossary", "Quiz"}
SNIPPET_WORDS = 40


@dataclass(frozen=True)
class Group:
    """A section of the results page; `slug` is its ?group= value."""

    slug: str
    heading: str
    labels: tuple


GROUPS = (
    Group("articles", "Conditions and articles", ("Article",)),
    Group("medicines", "Medicines", ("Drug",)),
    Group("glossary", "Glossary", ("Glossary",)),
    Group("quizzes", "Quizzes", ("Quiz",)),
)
GROUP_SLUGS = {group.slug: group for group in GROUPS}


@dataclass
class Result:
    """One hit. Up to a hundred per source are ranked but only a few shown, so the link and the
    snippet are worked out when the template reads them."""

    label: str
    title: str
    link: Callable[[], str]
    source_text: str
    relevance: float = 0.0
    order: int = 0  # the source's own rank, for ties and backends that give no score
    note: str = ""
    marker: str = ""  # what kind of information the page holds (search.registry markers)
    pinned: bool = False
    names: tuple = ()  # other names that count as the title (glossary aliases)
    marks: frozenset = field(default_factory=frozenset)

    @cached_property
    def url(self):
        return self.link()

    def resolve(self):
        """Work out the link and drop the page behind it, so the result can be cached."""
        _ = self.url
        self.link = None

    @cached_property
    def snippet(self):
        text = " ".join(strip_tags(self.source_text or "").split())
        return highlight(text, self.marks, SNIPPET_WORDS)


def rank(results, parsed):
    """The results in the order readers should see them (pinned drugs already flagged)."""
    exact_keys = parsed.exact_keys
    query_words = parsed.concepts
    drug_named = bool(parsed.pinned_drugs)

    def sort_key(result):
        names = {key_of(result.title), *result.names}
        type_order = TYPE_ORDER.get(result.label, len(TYPE_ORDER))
        title_share = covered(query_words, concepts(result.title)) / max(1, len(query_words))
        if result.pinned:
            tier = 0
        elif names & exact_keys:
            tier = 1
        elif drug_named and result.label == "Article":
            tier = 2
        elif result.label in MINOR_TYPES and not query_words <= concepts(result.title):
            tier = 4
        else:
            tier = 3
        return (tier, -title_share, type_order, -result.relevance, result.order)

    for result in results:
        result.marks = frozenset(query_words)
    return sorted(results, key=sort_key)


def grouped(results, shown):
    """[(group, total in `results`, those of `shown`)] for the groups `shown` has, in the
    order of each group's best result."""
    sections = []
    for group in GROUPS:
        members = [r for r in shown if r.label in group.labels]
        if members:
            total = sum(1 for r in results if r.label in group.labels)
            sections.append((shown.index(members[0]), group, total, members))
    return [(group, total, members) for _first, group, total, members in sorted(sections)]
