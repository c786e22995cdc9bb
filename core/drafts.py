"""Shared content under medical review: snippets whose text appears inside reviewed pages.

A person's name and credentials, a glossary definition and a drug class's name are shown inside
medically reviewed articles and drugs (and in their JSON-LD), so an editor's change to them is a
draft until a medical reviewer approves it in the "Medical review" workflow (assigned to these
models by review/migrations). The database row keeps the live version, which is what public
pages read; a never-published record (``live=False``) is not shown at all.
"""

from django.contrib.contenttypes.fields import GenericRelation

from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin


class ReviewedSnippetMixin(WorkflowMixin, DraftStateMixin, RevisionMixin):
    """Draft, revisions and the snippet workflow; use with ``reviewed_snippet_relations``."""

    class Meta:
        abstract = True


def reviewed_snippet_relations(query_name):
    """The workflow states and revisions of one model (Wagtail needs them per model so that
    deleting a record deletes its revisions and workflow states)."""
    options = {
        "content_type_field": "base_content_type",
        "object_id_field": "object_id",
        "related_query_name": query_name,
        "for_concrete_model": False,
    }
    return (
        GenericRelation("wagtailcore.WorkflowState", **options),
        GenericRelation("wagtailcore.Revision", **options),
    )
