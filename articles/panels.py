"""The page editor's warnings at body blocks that readers see differently (articles.problems)."""

from django import forms

from wagtail.admin.panels import Panel


class BodyWarningsPanel(Panel):
    """Lists what in the saved body is held back from readers, and puts each warning at its
    block in the body editor (static/js/body-warnings.js finds the block by its id, the
    `data-contentpath` Wagtail gives every stream child)."""

    def __init__(self, field_name="body", **kwargs):
        kwargs.setdefault("heading", "Body checks")
        super().__init__(**kwargs)
        self.field_name = field_name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "field_name": self.field_name}

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/panels/body_warnings_panel.html"

        @property
        def media(self):
            return forms.Media(js=["js/body-warnings.js"])

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            problems = getattr(self.instance, "body_problems", [])
            context["problems"] = problems
            context["warnings"] = [
                {"id": problem.block_id, "message": problem.message}
                for problem in problems
                if problem.block_id
            ]
            return context
