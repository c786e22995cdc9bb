"""Admin reports: pages due for medical review, and imported articles needing an editor."""

import django_filters

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from articles.models import ArticleAuthor, ArticlePage
from core.models import Person
from importer.attention import articles_needing_attention
from review.due import (
    DUE_SOON_DAYS,
    ReviewStatus,
    due_for_review,
    order_by_due,
    order_by_urgency,
    reviewed_page_models,
)

from .body_problems import with_body_problems
from .exports import SafeSpreadsheetMixin

PAGE_EDITING_ACTIONS = ["add", "change", "publish"]


def user_can_see_reports(user):
    return PagePermissionPolicy().user_has_any_permission(user, PAGE_EDITING_ACTIONS)


def editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])


class DateValueColumn(Column):
    """A calendar date, written out (the review dates readers see on the page)."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("accessor", lambda page: _date_text(getattr(page, name)))
        super().__init__(name, **kwargs)


def _date_text(value):
    return format_date(value, "j M Y") if value else ""


class ProposalColumn(Column):
    """A link to a pending import proposal's side-by-side comparison."""

    cell_template_name = "editorial/proposal_cell.html"


class ProblemsColumn(Column):
    """One line per problem."""

    cell_template_name = "editorial/problems_cell.html"


def unique_problems(items):
    """Each problem once, in the importer's order."""
    return list(dict.fromkeys(str(item) for item in items))


class ReviewStatusFilter(django_filters.ChoiceFilter):
    def filter(self, queryset, value):
        return queryset.filter(review_status=value) if value else queryset


class PageTypeFilter(django_filters.ChoiceFilter):
    def filter(self, queryset, value):
        models = {model._meta.model_name: model for model in reviewed_page_models()}
        return queryset.type(models[value]) if value in models else queryset


class ReviewerFilter(django_filters.ModelChoiceFilter):
    def filter(self, queryset, value):
        return queryset.filter(review_reviewer_id=value.pk) if value else queryset


def reviewers(request=None):
    """People with a reviewer role, or named as reviewer on any medically reviewed page."""
    named = Q()
    for model in reviewed_page_models():
        named |= Q(pk__in=model.objects.filter(reviewer__isnull=False).values("reviewer"))
    return Person.objects.filter(named | ~Q(role=Person.Role.AUTHOR)).order_by("name")


def _page_type_choices():
    return [
        (model._meta.model_name, model._meta.verbose_name.capitalize())
        for model in reviewed_page_models()
    ]


class ReviewDueFilterSet(WagtailFilterSet):
    status = ReviewStatusFilter(label="Status", choices=ReviewStatus.CHOICES, empty_label="All")
    page_type = PageTypeFilter(label="Type", choices=_page_type_choices, empty_label="All")
    reviewer = ReviewerFilter(label="Medical reviewer", queryset=reviewers, empty_label="All")

    class Meta:
        model = Page
        fields = []


class ReviewDueReportView(SafeSpreadsheetMixin, ReportView):
    """Live articles and drugs whose medical review is overdue, due within 30 days, never done,
    or has no next date."""

    page_title = "Review due"
    permission_policy = PagePermissionPolicy()
    any_permission_required = PAGE_EDITING_ACTIONS
    header_icon = "calendar-alt"
    index_url_name = "editorial_review_due_report"
    index_results_url_name = "editorial_review_due_report_results"
    filterset_class = ReviewDueFilterSet
    default_ordering = "review_rank"
    export_filename = "review-due"
    list_export = [
        "title",
        "page_type",
        "authors",
        "review_reviewer_name",
        "review_last",
        "review_due",
        "status_label",
        "edit_url",
    ]
    export_headings = {
        "title": "Title",
        "page_type": "Type",
        "authors": "Authors",
        "review_reviewer_name": "Medical reviewer",
        "review_last": "Reviewed/Revised",
        "review_due": "Next review due",
        "status_label": "Status",
        "edit_url": "Edit URL",
    }
    columns = [
        TitleColumn(
            "title",
            label="Title",
            url_name="wagtailadmin_pages:edit",
            sort_key="title",
        ),
        Column("page_type", label="Type"),
        Column("authors", label="Authors"),
        Column("review_reviewer_name", label="Medical reviewer", sort_key="review_reviewer_name"),
        DateValueColumn("review_last", label="Reviewed/Revised", sort_key="review_last"),
        DateValueColumn("review_due", label="Next review due", sort_key="review_due"),
        Column("status_label", label="Status", sort_key="review_rank"),
    ]

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_page_subtitle(self):
        return f"Overdue, due within {DUE_SOON_DAYS} days, or never reviewed"

    def get_base_queryset(self):
        return (
            due_for_review(self.today)
            .filter(pk__in=editable_pages(self.request.user).values("pk"))
            .select_related("content_type")
        )

    def order_queryset(self, queryset):
        ordering = self.ordering or self.default_ordering
        descending, field = ordering.startswith("-"), ordering.lstrip("-")
        if field == "review_rank":
            return order_by_urgency(queryset, descending=descending)
        return order_by_due(queryset, descending=descending, field=field)

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        authors = {}
        for author in ArticleAuthor.objects.filter(
            page_id__in=[page.pk for page in pages]
        ).select_related("person"):
            authors.setdefault(author.page_id, []).append(author.person.name)
        for page in pages:
            page.page_type = page.content_type.model_class()._meta.verbose_name.capitalize()
            page.authors = ", ".join(authors.get(page.pk, []))
            page.status_label = ReviewStatus.LABELS[page.review_status]
            page.edit_url = self.request.build_absolute_uri(
                reverse("wagtailadmin_pages:edit", args=[page.pk])
            )
        return pages


class AttentionReportView(SafeSpreadsheetMixin, ReportView):
    """Articles whose import left something for an editor to check, and articles whose latest
    revision holds text readers would see as broken (held back from them until fixed)."""

    page_title = "Import attention"
    permission_policy = PagePermissionPolicy()
    any_permission_required = PAGE_EDITING_ACTIONS
    header_icon = "warning"
    index_url_name = "editorial_attention_report"
    index_results_url_name = "editorial_attention_report_results"
    export_filename = "import-attention"
    list_export = ["title", "summary", "edit_url"]
    export_headings = {"title": "Article", "summary": "To check", "edit_url": "Edit URL"}
    columns = [
        TitleColumn("title", label="Article", url_name="wagtailadmin_pages:edit"),
        ProblemsColumn("problems", label="To check"),
        ProposalColumn("proposal_id", label="Import proposal"),
    ]

    def get_page_subtitle(self):
        return "Findings from the article import, and broken text in each article's latest revision"

    @cached_property
    def attention(self):
        attention = with_body_problems(articles_needing_attention())
        return {entry.page.pk: entry for entry in attention}

    def get_base_queryset(self):
        return ArticlePage.objects.filter(pk__in=list(self.attention)).order_by("title")

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        for page in pages:
            entry = self.attention[page.pk]
            page.problems = unique_problems(entry.items)
            page.proposal_id = entry.proposal.pk if entry.proposal is not None else None
            page.summary = "\n".join(page.problems)
            page.edit_url = self.request.build_absolute_uri(
                reverse("wagtailadmin_pages:edit", args=[page.pk])
            )
        return pages
