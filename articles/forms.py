"""The article editor: unidentified brand names as a list an editor resolves.

The importer keeps brand-name rows it could not match to a drug page in
``ArticlePage.unidentified_brands``. Each one is shown as a row: leave it for now, dismiss it
(not a drug, or not worth a link), or map it to a drug page, which adds that drug to "Drugs
mentioned". Resolved rows leave the list.
"""

from django import forms
from django.apps import apps

from wagtail.admin.panels import Panel
from wagtail.admin.widgets import AdminPageChooser

from review.forms import MedicalReviewPageForm

KEEP, DISMISS, MAP = "keep", "dismiss", "map"
ACTIONS = [(KEEP, "Leave for now"), (DISMISS, "Dismiss"), (MAP, "Map to a drug")]


def brand_text(entry):
    """An importer row (a name, or a dict with a name and where it was found) as text."""
    if isinstance(entry, dict):
        name = entry.get("name") or entry.get("brand") or entry.get("text") or ""
        detail = entry.get("context") or entry.get("message") or ""
        return f"{name} ({detail})" if name and detail else str(name or detail or entry)
    return str(entry)


class ArticlePageForm(MedicalReviewPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.brand_rows = []
        entries = self.instance.unidentified_brands or []
        for index, entry in enumerate(entries if isinstance(entries, list) else [entries]):
            action, drug = f"brand_{index}_action", f"brand_{index}_drug"
            self.fields[action] = forms.ChoiceField(
                choices=ACTIONS,
                initial=KEEP,
                widget=forms.RadioSelect,
                required=False,
                label=f"What to do with “{brand_text(entry)}”",
            )
            self.fields[drug] = forms.ModelChoiceField(
                queryset=apps.get_model("drugs", "DrugPage").objects.all(),
                required=False,
                widget=AdminPageChooser(target_models=["drugs.DrugPage"]),
                label=f"Drug for “{brand_text(entry)}”",
            )
            self.brand_rows.append((entry, brand_text(entry), action, drug))

    def clean(self):
        cleaned = super().clean()
        mapped = []
        for _entry, text, action, drug in self.brand_rows:
            if cleaned.get(action) == MAP:
                if cleaned.get(drug) is None:
                    self.add_error(drug, f"Choose the drug “{text}” is a brand of.")
                else:
                    mapped.append(cleaned[drug].pk)
        if mapped and "drugs" in cleaned:
            chosen = {drug.pk for drug in cleaned["drugs"] or []} | set(mapped)
            cleaned["drugs"] = apps.get_model("drugs", "DrugPage").objects.filter(pk__in=chosen)
        return cleaned

    def save(self, commit=True):
        if self.brand_rows:
            self.instance.unidentified_brands = [
                entry
                for entry, _text, action, _drug in self.brand_rows
                if self.cleaned_data.get(action, KEEP) in (KEEP, "")
            ]
        return super().save(commit=commit)


class UnidentifiedBrandsPanel(Panel):
    """The rows of ArticlePageForm's brand-name fields."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Unidentified brand names")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "articles/panels/unidentified_brands_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            rows = getattr(self.form, "brand_rows", [])
            context["rows"] = [
                (text, self.form[action], self.form[drug]) for _e, text, action, drug in rows
            ]
            return context
