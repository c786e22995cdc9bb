"""Content the site loads from files, which editors may change afterwards: an editor's change
always wins over a re-load.

`LoadOwned` (snippets and other plain models) fingerprints what the loader last wrote, so a
record nobody has edited since is recognised by its values. `LoadOwnedPage` remembers the
revision the loader last wrote: while it is still the page's latest revision, the loader owns
the page; once an editor has saved it, the loader leaves the live page alone. Both loaders
(`importer`: articles, drugs and quizzes; `load_site_content`: glossary, synonyms, physicians,
the quiz's questions) use this one API: `edited_since_load()` and `mark_loaded()`.
"""

import hashlib
import json

from django.db import models


def fingerprint(values):
    """A stable digest of what a loader writes, to recognise records nobody has edited."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def unique_slug(base, taken):
    """`base`, or `base-2`, `base-3`, ... whichever is not in the set `taken`; added to it."""
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug


def loader_owns(latest_revision_id, loaded_revision_id):
    """Whether the page's latest revision is the one the loader wrote (ids, e.g. from values())."""
    return loaded_revision_id is not None and latest_revision_id == loaded_revision_id


class LoadOwned(models.Model):
    """A record a loader writes and editors may change. `load_fields` names what the loader
    writes; `load_hash` is their fingerprint when it last wrote them."""

    load_fields: tuple[str, ...] = ()
    load_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    def load_values(self):
        return {name: getattr(self, name) for name in self.load_fields}

    def edited_since_load(self):
        """True when someone changed the record since the loader last wrote it, or when the
        loader never wrote it."""
        return self.load_hash != fingerprint(self.load_values())

    def mark_loaded(self):
        """Record the current values as what the loader wrote (saved with the record)."""
        self.load_hash = fingerprint(self.load_values())


class LoadOwnedPage(LoadOwned):
    """A page a loader writes: `loaded_revision` is the revision it last wrote, `load_hash` a
    fingerprint of what that revision was made from (an unchanged source costs one comparison).
    """

    loaded_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def edited_since_load(self):
        """True once anyone but the loader has saved a revision (or the loader never did)."""
        return not loader_owns(self.latest_revision_id, self.loaded_revision_id)

    def mark_loaded(self, revision=None, load_hash=None):
        """Record the revision the loader wrote and/or its fingerprint, in one UPDATE that sends
        no signals (it is bookkeeping, not content)."""
        updates = {}
        if revision is not None:
            updates["loaded_revision"] = self.loaded_revision = revision
        if load_hash is not None:
            updates["load_hash"] = self.load_hash = load_hash
        if updates:
            type(self)._default_manager.filter(pk=self.pk).update(**updates)

    def with_content_json(self, content):
        # Bookkeeping describes the live row, not a revision: restoring or publishing an older
        # revision must not rewind it (or the next load would redo or undo work).
        page = super().with_content_json(content)
        page.load_hash = self.load_hash
        page.loaded_revision_id = self.loaded_revision_id
        return page
