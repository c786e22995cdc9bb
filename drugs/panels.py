"""The page editor's view of the imported FDA label: read-only, since only the import writes it."""

from wagtail.admin.panels import Panel


class FdaLabelPanel(Panel):
    """Which label the page (this draft) carries, so a reviewer approving a draft knows."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Official prescribing information (FDA label)")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "drugs/panels/fda_label_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["label"] = next(iter(self.instance.fda_labels.all()), None)
            return context
