"""Editor-facing panels for the page editor."""

from wagtail.admin.panels import Panel

from .readability import TARGET_GRADE, body_readability


class ReadabilityPanel(Panel):
    """Reading grade of the saved body beside the grade-8 target for patient content."""

    def __init__(self, field_name="body", **kwargs):
        kwargs.setdefault("heading", "Readability")
        super().__init__(**kwargs)
        self.field_name = field_name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "field_name": self.field_name}

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            body = getattr(self.instance, self.panel.field_name, None)
            context["readability"] = body_readability(body) if body else None
            context["target_grade"] = TARGET_GRADE
            return context
