"""The article editor: unidentified brand names as a list an editor resolves.

The importer keeps brand-name rows it could not match to a drug page in
``ArticlePage.unidentified_brands``. Each one is shown as a row: leave it for now, dismiss it
(not a drug, or not worth a link), or map it to a drug page, which adds that drug to the end of
"Drugs mentioned" (unless it is listed already). Resolved rows leave the list.
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
        self.mapped_drugs = []
        for _entry, text, action, drug in self.brand_rows:
            if cleaned.get(action) == MAP:
                if cleaned.get(drug) is None:
                    self.add_error(drug, f"Choose the drug “{text}” is a brand of.")
                else:
                    self.mapped_drugs.append(cleaned[drug])
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        return self._no_drug_listed_twice() and valid

    def _no_drug_listed_twice(self):
        """A drug chosen twice under "Drugs mentioned" is an error on the second row."""
        formset = self.formsets.get("drug_links")
        if formset is None:
            return True
        seen, repeated = set(), False
        for form in formset.forms:
            cleaned = getattr(form, "cleaned_data", {})
            drug = cleaned.get("drug")
            if drug is None or cleaned.get("DELETE"):
                continue
            if drug.pk in seen:
                form.add_error("drug", f"“{drug.title}” is listed above already.")
                repeated = True
            seen.add(drug.pk)
        return not repeated

    def save(self, commit=True):
        if self.brand_rows:
            self.instance.unidentified_brands = [
                entry
                for entry, _text, action, _drug in self.brand_rows
                if self.cleaned_data.get(action, KEEP) in (KEEP, "")
            ]
        page = super().save(commit=commit)
        self._list_mapped_drugs(page, commit)
        return page

    def _list_mapped_drugs(self, page, commit):
        """Add the drugs that brand names were mapped to after those the editor listed."""
        links = list(page.drug_links.all())
        listed = {link.drug_id for link in links}
        new = [drug for drug in getattr(self, "mapped_drugs", []) if drug.pk not in listed]
        if not new:
            return
        after = max((link.sort_order or 0 for link in links), default=-1) + 1
        link_model = page.drug_links.model
        for position, drug in enumerate(dict.fromkeys(new), start=after):
            links.append(link_model(drug=drug, sort_order=position))
        page.drug_links = links
        if commit:
            page.drug_links.commit()


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
