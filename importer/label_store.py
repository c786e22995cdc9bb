"""Matching FDA labels to NeuroPain's drugs and storing the newest on each drug page
(import_drug_labels). The caller runs it in one transaction.

A label names its product's generic name(s), substance(s), brand(s) and RxNorm codes
(`openfda`). The generic name decides when the label has one (else a single substance; several
substances without a generic name are a combination, never matched): "oxycodone and acetaminophen" is not oxycodone,
whatever its brand. Salt words are ignored ("duloxetine hydrochloride" is duloxetine). Brands
count only for a label without a generic name, and an RxNorm code matches a drug carrying the
same code. A label matching two drugs is never guessed. Of several labels for one drug the
newest (`effective_time`, then `version`) wins, in the file or already on the page.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from core.fragments import invalidate
from drugs.labels import DrugLabel
from drugs.models import BrandName, DrugPage

from .drugs import load_reference, name_key
from .labels import (
    LabelFileError,
    check_markup,
    json_streams,
    label_names,
    prepare,
    read_labels,
)

UNNAMED = "without openfda names (not harmonised by openFDA)"

SALT_WORDS = {
    "acetate",
    "besylate",
    "bitartrate",
    "citrate",
    "fumarate",
    "hcl",
    "hydrobromide",
    "hydrochloride",
    "maleate",
    "mesylate",
    "phosphate",
    "potassium",
    "sodium",
    "succinate",
    "sulfate",
    "tartrate",
}


def ingredient_key(name):
    """The comparison key of a generic name without its salt ("Tramadol HCl" -> "tramadol")."""
    words = re.sub(r"[^\w\s-]", " ", str(name).casefold()).split()
    while len(words) > 1 and words[-1] in SALT_WORDS:
        words.pop()
    return name_key(" ".join(words))


@dataclass
class LabelCounts:
    files: int = 0
    labels: int = 0
    matched: int = 0
    skipped: Counter = field(default_factory=Counter)
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    drafted: list = field(default_factory=list)  # pages an editor changed: a draft for review
    kept_newer: list = field(default_factory=list)  # the page's label is newer than the file's

    @property
    def changed(self):
        return bool(self.added or self.updated or self.drafted)


class DrugFinder:
    """Which drug page a label belongs to."""

    def __init__(self):
        self.by_generic, self.by_brand, self.by_rxcui = {}, {}, {}
        self.titles = {}
        aliases = {name_key(d.generic_name): d.aliases for d in load_reference()}
        for pk, title, rxcui in DrugPage.objects.values_list("pk", "title", "rxcui"):
            self.titles[pk] = title
            for name in (title, *aliases.get(name_key(title), ())):
                self.by_generic.setdefault(ingredient_key(name), set()).add(pk)
            if rxcui:
                self.by_rxcui.setdefault(rxcui, set()).add(pk)
        for pk, brand in BrandName.objects.values_list("page_id", "name"):
            self.by_brand.setdefault(name_key(brand), set()).add(pk)

    def find(self, names):
        """(page id, None) or (None, why it was skipped)."""
        if not names.named:
            return None, UNNAMED
        generics = names.generics or names.substances
        if not names.generics and len({ingredient_key(s) for s in names.substances}) > 1:
            return None, "for combination products"  # its ingredients, one each
        found = set()
        for code in names.rxcuis:
            found |= self.by_rxcui.get(code, set())
        if generics:
            for generic in generics:
                found |= self.by_generic.get(ingredient_key(generic), set())
        else:
            for brand in names.brands:
                found |= self.by_brand.get(name_key(brand), set())
        if not found:
            return None, "for drugs not on the site"
        if len(found) > 1:
            return None, "matching more than one drug"
        return found.pop(), None


def collect(paths, progress=None, skip_unnamed=False):
    """Read every file; (the newest prepared label per drug page id, counts). A label with no
    names is bad input unless `skip_unnamed` (openFDA's bulk files hold labels it has not
    harmonised, which have none): then it is skipped and counted."""
    finder, counts = DrugFinder(), LabelCounts()
    best = {}  # page id -> (recency, PreparedLabel)
    for path in paths:
        with json_streams(path) as documents:
            for name, opener in documents:
                counts.files += 1
                for position, label in read_labels(name, opener, progress):
                    counts.labels += 1
                    where = f"{name}: result {position}"
                    names = label_names(label, where)
                    page_id, skipped = finder.find(names)
                    if skipped == UNNAMED and not skip_unnamed:
                        raise LabelFileError(
                            f"{where} (set id {names.set_id}): a label without names (no generic, "
                            "brand or substance name and no RxNorm code in 'openfda'); pass "
                            "--skip-unnamed to skip such labels, as in openFDA's bulk files"
                        )
                    if page_id is None:
                        counts.skipped[skipped] += 1
                        continue
                    counts.matched += 1
                    check_markup(label, names, where)
                    current = best.get(page_id)
                    if current is not None:
                        counts.skipped["older than another label for the same drug"] += 1
                    if current is None or names.recency > current[0]:
                        best[page_id] = (names.recency, prepare(label, names))
    return {pk: prepared for pk, (_recency, prepared) in best.items()}, counts, finder.titles


def store(best, counts, titles, dry_run=False):
    """Put each drug's newest label on its page: live while the importers own the page, as a
    draft revision for review once an editor has changed it."""
    for page in DrugPage.objects.filter(pk__in=list(best)).order_by("title"):
        prepared, title = best[page.pk], titles[page.pk]
        owned = not page.edited_since_load()
        target = page if owned or page.latest_revision_id is None else None
        if target is None:
            target = page.get_latest_revision_as_object()
        current = next(iter(target.fda_labels.all()), None)
        if current is not None and current.fingerprint == prepared.fingerprint:
            counts.unchanged.append(title)
            continue
        if current is not None and current.effective_date > prepared.effective_date:
            counts.kept_newer.append(title)
            continue
        outcome = "updated" if current is not None else "added"
        if not owned:
            outcome = "drafted"
        getattr(counts, outcome).append(title)
        if dry_run:
            continue
        label = current or DrugLabel()
        label.set_id, label.version = prepared.set_id, prepared.version
        label.effective_date, label.title = prepared.effective_date, prepared.title
        label.sections, label.fingerprint = prepared.sections, prepared.fingerprint
        target.fda_labels = [label]
        revision = target.save_revision(clean=False)
        if owned:
            revision.publish(skip_permission_checks=True)
            page.mark_loaded(revision)
    if counts.changed and not dry_run:
        invalidate()
    return counts


def import_labels(paths, progress=None, dry_run=False, skip_unnamed=False):
    """Read, match and store; raises LabelFileError (nothing written) on bad input."""
    if not paths:
        raise LabelFileError("name at least one openFDA drug-label file")
    best, counts, titles = collect(paths, progress, skip_unnamed=skip_unnamed)
    return store(best, counts, titles, dry_run=dry_run)
