"""An import's proposal for an article someone changed: compared side by side with the
editor's version, then applied (a new draft revision on top of theirs) or dismissed."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from articles.models import ArticlePage
from importer.models import ImportProposal
from importer.proposals import (
    FIELD_LABELS,
    apply_proposal,
    content_values,
    dismiss_proposal,
    editor_version,
)

ACTIONS = ("apply", "dismiss")
BLOCK_TEXT_KEYS = ("text", "title", "heading", "summary", "teaser", "items")


def _text(value):
    """Readable text of a stored JSON value (rich text tags removed)."""
    from django.utils.html import strip_tags

    if isinstance(value, str):
        return " ".join(strip_tags(value).split())
    if isinstance(value, list):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(value[key]) for key in BLOCK_TEXT_KEYS if key in value)
    return "" if value is None else str(value)


def _reference_line(ref):
    """ "2. Adams PQ, Baker RS Splinting for wrist nerve pain": the number readers see first."""
    text = f"{ref.get('authors') or ''} {ref.get('title') or ''}".strip()
    return f"{ref['number']}. {text}" if ref.get("number") else text


def display_lines(name, value, people):
    """A field's value as lines to read side by side."""
    if name == "body":
        return [f"{block['type'].replace('_', ' ')}: {_text(block['value'])}" for block in value]
    if name == "references":
        return [_reference_line(ref) for ref in value]
    if name == "authors":
        return [people.get(person_id, f"Person {person_id}") for person_id in value]
    return [_text(value) or "(empty)"]


def comparison(proposal, page):
    """Rows of (label, editor's lines, imported lines, kept?) for each proposed field."""
    from core.models import Person

    current = content_values(editor_version(page))
    ids = {pid for name in ("authors",) for pid in current[name] + proposal.imported.get(name, [])}
    people = dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))
    return [
        {
            "label": FIELD_LABELS.get(name, name),
            "editor": display_lines(name, current[name], people),
            "imported": display_lines(name, value, people),
            "kept": name in proposal.kept,
        }
        for name, value in proposal.imported.items()
    ]


class ProposalView(WagtailAdminTemplateMixin, TemplateView):
    """Side-by-side comparison of an import proposal with the editor's version."""

    template_name = "editorial/import_proposal.html"
    header_icon = "warning"

    def dispatch(self, request, proposal_id):
        self.proposal = get_object_or_404(ImportProposal, pk=proposal_id)
        self.page = get_object_or_404(ArticlePage, pk=self.proposal.page_id)
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, proposal_id)

    def get_page_title(self):
        return f"Import proposal: {self.page.get_admin_display_title()}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            proposal=self.proposal,
            page=self.page,
            rows=comparison(self.proposal, self.page),
            pending=self.proposal.status == ImportProposal.Status.PENDING,
            report_url=reverse("editorial_attention_report"),
            **kwargs,
        )

    def post(self, request, proposal_id):
        action = request.POST.get("action")
        if action not in ACTIONS:
            messages.error(request, "Choose Apply or Dismiss.")
            return redirect(request.path)
        if self.proposal.status != ImportProposal.Status.PENDING:
            messages.error(
                request,
                f"This proposal is no longer waiting ({self.proposal.get_status_display()}).",
            )
            return redirect(request.path)
        title = self.page.get_admin_display_title()
        if action == "apply":
            apply_proposal(self.proposal, request.user)
            messages.success(
                request,
                f"The import's changes to '{title}' are saved as a draft on top of your version; "
                "publish it through medical review as usual.",
                buttons=[
                    messages.button(reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "Edit")
                ],
            )
        else:
            dismiss_proposal(self.proposal, request.user)
            messages.success(request, f"The import proposal for '{title}' was dismissed.")
        return redirect("editorial_attention_report")
