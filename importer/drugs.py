"""The drug reference data (`importer/data/`) and what the seed importer does with it.

The reference is plain facts we maintain: one entry per generic drug with its class, routes,
brand names and aliases. It gives Drugs A–Z its pages and lets the importer recover the generic
name of a "Drugs Mentioned In This Article" row, whose generic-name column scraping lost.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.text import slugify

from wagtail.models import Page

from core.loading import unique_slug
from drugs.models import BrandName, DrugClass, DrugIndexPage, DrugPage, Route

from .bulk import bulk_add_children

DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_FILE = DATA_DIR / "drug_reference.json"
CLASSES_FILE = DATA_DIR / "drug_classes.json"


class ReferenceDataError(ValueError):
    """The reference data files are malformed (a repository bug, not an editor's input)."""


@dataclass(frozen=True)
class ReferenceDrug:
    generic_name: str
    drug_class: str
    routes: tuple[str, ...]
    brand_names: tuple[str, ...]
    description: str
    aliases: tuple[str, ...] = ()
    rxcui: str = ""  # RxNorm ingredient concept id, where one is known (data/README.md)

    @property
    def source_key(self):
        return f"reference:{slugify(self.generic_name)}"


def clean_name(name):
    """A brand or generic name with its whitespace tidied, as shown to readers."""
    return " ".join(str(name).split())


def name_key(name):
    """Comparison key for names: case- and space-insensitive ("LMX 4" == "lmx4")."""
    return "".join(str(name).casefold().split())


def _strings(entry, key, where):
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ReferenceDataError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(clean_name(v) for v in value)


def _rxcui(entry, where):
    value = entry.get("rxcui", "")
    if not isinstance(value, str) or (value and not value.isdigit()):
        raise ReferenceDataError(f"{where}: 'rxcui' must be a string of digits")
    return value


def _read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReferenceDataError(f"{Path(path).name}: {error}") from error


@lru_cache(maxsize=4)
def load_reference(path=REFERENCE_FILE):
    """Every reference drug, validated. Cached: the file ships with the code."""
    entries = _read_json(path)
    if not isinstance(entries, list):
        raise ReferenceDataError(f"{Path(path).name}: expected a list of drugs")
    drugs, seen = [], set()
    for position, entry in enumerate(entries, start=1):
        where = f"{Path(path).name} entry {position}"
        if not isinstance(entry, dict):
            raise ReferenceDataError(f"{where}: expected an object")
        generic = clean_name(entry.get("generic_name", ""))
        drug_class = clean_name(entry.get("drug_class", ""))
        if not generic or not drug_class:
            raise ReferenceDataError(f"{where}: 'generic_name' and 'drug_class' are required")
        if name_key(generic) in seen:
            raise ReferenceDataError(f"{where}: {generic} is listed twice")
        seen.add(name_key(generic))
        drugs.append(
            ReferenceDrug(
                generic_name=generic,
                drug_class=drug_class,
                routes=_strings(entry, "routes", where),
                brand_names=_strings(entry, "brand_names", where),
                description=str(entry.get("description", "")).strip(),
                aliases=_strings(entry, "aliases", where),
                rxcui=_rxcui(entry, where),
            )
        )
    return tuple(drugs)


@lru_cache(maxsize=4)
def load_classes(path=CLASSES_FILE):
    """(name, description) of every drug class in the reference."""
    entries = _read_json(path)
    classes = []
    for position, entry in enumerate(entries, start=1):
        name = clean_name(entry.get("name", "")) if isinstance(entry, dict) else ""
        if not name:
            raise ReferenceDataError(f"{Path(path).name} entry {position}: 'name' is required")
        classes.append((name, str(entry.get("description", "")).strip()))
    return tuple(classes)


# Matching ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowMatch:
    """What a row of brand names says about its generic: the generic, or why there is none."""

    generic: str | None
    candidates: tuple[str, ...]

    @property
    def ambiguous(self):
        return len(self.candidates) > 1


class DrugMatcher:
    """Finds generic names from brand names, and generic names mentioned in prose."""

    def __init__(self, drugs: Iterable[tuple[str, Iterable[str], Iterable[str]]] = ()):
        self._generics = {}  # name_key(generic) -> generic as written
        self._by_brand = {}  # name_key(brand) -> {generic}
        self._by_name = {}  # name_key(generic or alias) -> generic
        self._written = {}  # name_key(generic or alias) -> the name as written
        self._pattern = None
        for generic, brands, aliases in drugs:
            self.add(generic, brands, aliases)

    @classmethod
    def from_reference(cls):
        return cls((d.generic_name, d.brand_names, d.aliases) for d in load_reference())

    def add(self, generic, brands=(), aliases=()):
        generic = self._generics.setdefault(name_key(generic), clean_name(generic))
        for name in (generic, *aliases):
            if name_key(name):
                self._by_name.setdefault(name_key(name), generic)
                self._written.setdefault(name_key(name), clean_name(name))
        for brand in brands:
            if name_key(brand):
                self._by_brand.setdefault(name_key(brand), set()).add(generic)
        self._pattern = None

    @property
    def generics(self):
        return sorted(self._generics.values())

    def _names_pattern(self):
        if self._pattern is None:
            names = sorted(self._written.values(), key=len, reverse=True)
            alternatives = "|".join(r"\s+".join(map(re.escape, n.split())) for n in names)
            self._pattern = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)
        return self._pattern

    def names_in(self, text):
        """Generic names (or their aliases) that appear as words in `text`."""
        if not self._by_name or not text:
            return set()
        return {
            self._by_name[name_key(found)]
            for found in self._names_pattern().findall(text)
            if name_key(found) in self._by_name
        }

    def is_brand_of(self, name, generic):
        """Whether the reference data (or an editor's drug page) lists `name` as a brand of
        `generic`."""
        return generic in self._by_brand.get(name_key(name), ())

    def is_generic_name(self, name):
        return name_key(name) in self._by_name

    def match_row(self, brands):
        """The one generic a row of brand names belongs to, never a guess.

        Evidence: a brand listed for a generic, a "brand" that is a generic name or alias
        ("Venlafaxine"), or a generic named inside a brand ("Aspercreme with Lidocaine").
        Evidence for more than one generic (a combination product, a shared brand) matches
        nothing, so an editor decides.
        """
        candidates = set()
        for brand in brands:
            key = name_key(brand)
            if not key:
                continue
            if key in self._by_name:
                candidates.add(self._by_name[key])
            candidates |= self._by_brand.get(key, set())
            candidates |= self.names_in(brand)
        ordered = tuple(sorted(candidates))
        return RowMatch(ordered[0] if len(ordered) == 1 else None, ordered)


@lru_cache(maxsize=1)
def reference_matcher():
    return DrugMatcher.from_reference()


def match_row(brands):
    """The generic name of a row of brand names from the reference, or None."""
    return reference_matcher().match_row(brands).generic


# Writing drug pages --------------------------------------------------------------------------


@dataclass
class DrugSyncResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Pages an editor changed since the import: the import's additions went to a draft.
    drafted: list[str] = field(default_factory=list)


def description_html(text):
    return f"<p>{escape(text)}</p>" if text else ""


def update_drug_page(page, *, brands=(), reference=None, drug_class=None, routes=None):
    """Bring a drug page up to date; returns "updated", "drafted" or "unchanged".

    Brand names are only ever added. The reference's class, routes and description apply only
    while the importer owns the page; once an editor has saved it, the live page is left alone
    and any new brand names go into a draft revision for the editor to publish.
    """
    owned = not page.edited_since_load()
    target = page if owned or page.latest_revision_id is None else None
    if target is None:
        target = page.get_latest_revision_as_object()
    changed = False
    if owned and reference is not None:
        if target.drug_class_id != (drug_class.pk if drug_class else None):
            target.drug_class = drug_class
            changed = True
        if {r.slug for r in target.routes.all()} != {r.slug for r in routes}:
            target.routes = list(routes)
            changed = True
        html = description_html(reference.description)
        if target.description != html:
            target.description = html
            changed = True
        if reference.rxcui and target.rxcui != reference.rxcui:
            target.rxcui = reference.rxcui
            changed = True
    current = list(target.brand_names.all())
    known = {name_key(b.name) for b in current}
    order = max((b.sort_order or 0 for b in current), default=-1)
    new_brands = []
    for brand in brands:
        brand = clean_name(brand)
        if brand and name_key(brand) not in known:
            known.add(name_key(brand))
            order += 1
            new_brands.append(BrandName(name=brand[:255], sort_order=order))
    if new_brands:
        target.brand_names.add(*new_brands)
        changed = True
    if not changed:
        return "unchanged"
    revision = target.save_revision(clean=False)
    if owned:
        revision.publish(skip_permission_checks=True)
        page.mark_loaded(revision)
        page.latest_revision_id = revision.pk
        return "updated"
    return "drafted"


def drug_index():
    index = DrugIndexPage.objects.first()
    if index is None:
        raise ReferenceDataError("The site has no Drugs A–Z page; run the migrations first.")
    return index


def existing_drug_pages(index):
    """Drug pages under Drugs A–Z by name_key(title)."""
    pages = {}
    for page in DrugPage.objects.child_of(index).order_by("pk"):
        pages.setdefault(name_key(page.title), page)
    return pages


def sync_drug_classes():
    """Create missing drug classes; fill in descriptions left blank. Never overwrite."""
    classes = {c.name.casefold(): c for c in DrugClass.objects.all()}
    described = dict(load_classes())
    for drug in load_reference():
        described.setdefault(drug.drug_class, "")
    taken_slugs = {c.slug for c in classes.values()}
    for name, description in described.items():
        existing = classes.get(name.casefold())
        if existing is None:
            slug = unique_slug(slugify(name)[:240] or "drug-class", taken_slugs)
            classes[name.casefold()] = DrugClass.objects.create(
                name=name, slug=slug, description=description
            )
        elif description and not existing.description:
            existing.description = description
            existing.save(update_fields=["description"])
    return classes


def sync_reference_drugs():
    """One live drug page per reference generic, created or brought up to date, idempotently."""
    index = drug_index()
    classes = sync_drug_classes()
    routes = {r.slug: r for r in Route.objects.all()}
    pages = existing_drug_pages(index)
    result = DrugSyncResult()
    new_pages = []
    for drug in load_reference():
        unknown = [slug for slug in drug.routes if slug not in routes]
        if unknown:
            raise ReferenceDataError(f"{drug.generic_name}: unknown route(s) {', '.join(unknown)}")
        drug_class = classes[drug.drug_class.casefold()]
        drug_routes = [routes[slug] for slug in drug.routes]
        page = pages.get(name_key(drug.generic_name))
        if page is None:
            page = new_drug_page(drug, drug_class, drug_routes)
            pages[name_key(drug.generic_name)] = page
            new_pages.append(page)
            result.created.append(drug.generic_name)
            continue
        if not page.source_key:
            DrugPage.objects.filter(pk=page.pk).update(source_key=drug.source_key)
            page.source_key = drug.source_key
        outcome = update_drug_page(
            page,
            brands=drug.brand_names,
            reference=drug,
            drug_class=drug_class,
            routes=drug_routes,
        )
        getattr(result, outcome).append(drug.generic_name)
    taken = set(Page.objects.child_of(index).values_list("slug", flat=True))
    for page in new_pages:
        page.slug = unique_slug(page.slug, taken)
    bulk_add_children(index, new_pages, publish=True, revision_field="loaded_revision")
    return result


def new_drug_page(drug, drug_class, routes):
    """An unsaved drug page for a reference entry, with its routes and brand names."""
    page = DrugPage(
        title=drug.generic_name,
        slug=slugify(drug.generic_name)[:255] or "drug",
        drug_class=drug_class,
        description=description_html(drug.description),
        source_key=drug.source_key,
        rxcui=drug.rxcui,
    )
    page.routes = list(routes)
    brands, seen = [], set()
    for brand in drug.brand_names:
        if name_key(brand) not in seen:
            seen.add(name_key(brand))
            brands.append(
                BrandName(name=brand[:255], slug=slugify(brand)[:255], sort_order=len(brands))
            )
    page.brand_names = brands
    return page
