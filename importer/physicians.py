"""Loading the NPPES data file into the physician directory (import_physicians).

Listings are created or updated by NPI, in batches; a listing an editor changed since the
last import keeps the editor's version; a deactivated NPI, or one that no longer lists a
taxonomy we cover, is taken off the public listing. The caller runs it in one transaction.
"""

import csv

from wagtail.search.backends import get_search_backends

from core.loading import fingerprint
from physicians.choices import Source
from physicians.models import DEFAULT_NOTICE, REGISTRY_NOTICE, Physician, PhysicianSearchPage

from .nppes import Counts, NppesError, RowReader

BATCH = 1000
PROGRESS_EVERY = 4096  # lines between progress-bar updates (tqdm is not free per call)


def _lines(handle, progress):
    """Decoded lines of a binary file, counting bytes for the progress bar."""
    pending = 0
    for number, raw in enumerate(handle, 1):
        pending += len(raw)
        if number % PROGRESS_EVERY == 0 and progress is not None:
            progress.update(pending)
            pending = 0
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise NppesError(
                f"line {number}: not UTF-8 text (unzip the NPPES download and pass the CSV)"
            ) from None
        if "\x00" in line:
            raise NppesError(f"line {number}: contains a NUL byte")
        yield line.removeprefix("\ufeff") if number == 1 else line
    if progress is not None:
        progress.update(pending)


class PhysicianLoader:
    def __init__(self, taxonomy_map, index=True):
        self.taxonomy_map = taxonomy_map
        self.index = index
        self.counts = Counts()
        self.known = set(Physician.objects.exclude(npi=None).values_list("npi", flat=True))
        self.batch = {}

    def load(self, handle, progress=None):
        reader = csv.reader(_lines(handle, progress), strict=True)
        try:
            header = next(reader, None)
            if not header:
                raise NppesError("the file is empty")
            rows = RowReader([name.strip() for name in header], self.taxonomy_map)
            for row in reader:
                self.counts.rows += 1
                self.take(rows.read(row, reader.line_num))
        except csv.Error as exc:
            raise NppesError(f"line {reader.line_num}: {exc}") from None
        self.flush()
        return self.counts

    def take(self, provider):
        if provider.values is not None:
            self.batch[provider.npi] = provider.values
            if len(self.batch) >= BATCH:
                self.flush()
            return
        self.counts.skip(provider.skip)
        if provider.npi not in self.known:
            return
        listing = Physician.objects.filter(npi=provider.npi, listed=True)
        if provider.deactivated_on:
            self.counts.deactivated += listing.update(
                listed=False, deactivated_on=provider.deactivated_on
            )
        elif provider.skip == "no taxonomy code we list":
            self.counts.no_longer_matching += listing.update(listed=False)

    def flush(self):
        if not self.batch:
            return
        existing = {p.npi: p for p in Physician.objects.filter(npi__in=list(self.batch))}
        new, changed = [], []
        for npi, values in self.batch.items():
            listing = existing.get(npi)
            if listing is None:
                new.append(self.new_listing(npi, values))
            elif self.update(listing, values):
                changed.append(listing)
        Physician.objects.bulk_create(new, batch_size=500)
        Physician.objects.bulk_update(
            changed,
            [*Physician.REGISTRY_FIELDS, "latitude", "longitude", "listed", "deactivated_on"]
            + ["load_hash", "source"],
            batch_size=500,
        )
        self.known.update(listing.npi for listing in new)
        self.counts.created += len(new)
        if self.index:
            for backend in get_search_backends():
                backend.add_bulk(Physician, new + changed)
        self.batch = {}

    @staticmethod
    def new_listing(npi, values):
        return Physician(**values, npi=npi, source=Source.REGISTRY, load_hash=fingerprint(values))

    def update(self, listing, values):
        """Bring one listing up to date; True if it needs saving."""
        relist = listing.deactivated_on is not None
        if relist:  # reactivated since we unlisted it
            listing.listed, listing.deactivated_on = True, None
        if listing.load_hash and listing.edited_since_load():
            self.counts.kept_edits += 1
            return relist
        if fingerprint(values) == listing.load_hash:
            self.counts.unchanged += 1
            return relist
        for name, value in values.items():
            setattr(listing, name, value)
        listing.locate()
        listing.source = Source.REGISTRY
        listing.mark_loaded()
        self.counts.updated += 1
        return True


def retire_samples():
    """Once real listings are public, the fictional samples leave the directory and the
    "demonstration" notice gives way to one naming the registry (unless an editor wrote their
    own). Returns how many sample listings were unlisted."""
    if not Physician.objects.public().filter(source=Source.REGISTRY).exists():
        return 0
    unlisted = Physician.objects.public().filter(is_sample=True).update(listed=False)
    for page in PhysicianSearchPage.objects.all():
        if page.notice in ("", DEFAULT_NOTICE):
            page.notice = REGISTRY_NOTICE
            page.save_revision().publish()
    return unlisted
