"""Dashboard panels: what needs a medical review soon, and what the import left to check."""

from django.utils import timezone

from wagtail.admin.ui.components import Component

from importer.attention import articles_needing_attention, counts_by_kind
from review.due import DUE_SOON_DAYS, ReviewStatus, order_by_due

PANEL_ROWS = 10


class ReviewDuePanel(Component):
    name = "review_due"
    template_name = "editorial/dashboard/review_due_panel.html"
    order = 150

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context):
        pages = list(order_by_due(self.pages))
        counts = dict.fromkeys(ReviewStatus.LABELS, 0)
        for page in pages:
            counts[page.review_status] += 1
            page.status_label = ReviewStatus.LABELS[page.review_status]
        return {
            "total": len(pages),
            "counts": [
                (label, counts[status]) for status, label in ReviewStatus.CHOICES if counts[status]
            ],
            "pages": pages[:PANEL_ROWS],
            "more": max(0, len(pages) - PANEL_ROWS),
            "due_soon_days": DUE_SOON_DAYS,
            "today": timezone.localdate(),
        }


class AttentionPanel(Component):
    name = "import_attention"
    template_name = "editorial/dashboard/attention_panel.html"
    order = 160

    def get_context_data(self, parent_context):
        attention = articles_needing_attention()
        return {
            "counts": counts_by_kind(attention),
            "articles": attention[:PANEL_ROWS],
            "more": max(0, len(attention) - PANEL_ROWS),
            "total": len(attention),
        }
