"""The page editor's warnings at body blocks that readers see differently (articles.problems)."""

from django import forms

from wagtail.admin.panels import Panel

from .findings import place_findings


class BodyWarningsPanel(Panel):
    """Puts each warning about the saved body at its block in the body editor: what is held
    back from readers (articles.problems) and the importer's findings about one block
    (articles.findings). static/js/body-warnings.js finds the block by its id, the
    `data-contentpath` Wagtail gives every stream child. Only what belongs to no one block (a
    guessed title, say) is listed above the body, labelled as about the whole page."""

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
            body = getattr(self.instance, self.panel.field_name, None)
            raw = list(body.raw_data) if body is not None else []
            at_blocks, page_level = place_findings(
                raw, getattr(self.instance, "attention", None), problems
            )
            context["problems"] = problems
            context["unplaced_problems"] = [p for p in problems if not p.block_id]
            context["page_findings"] = page_level
            context["block_findings"] = len(at_blocks)
            context["warnings"] = [
                {"id": problem.block_id, "message": problem.message}
                for problem in problems
                if problem.block_id
            ] + [
                {"id": block_id, "message": f"Import finding: {finding.text}"}
                for block_id, finding in at_blocks
            ]
            return context
