from django import forms
from django.core.validators import RegexValidator

from .models import US_STATES, Specialty

ZIP_MESSAGE = "Enter a 5-digit ZIP code, like 55905."


class PhysicianSearchForm(forms.Form):
    """Find by ZIP code, or by city and state; optionally narrowed by specialty."""

    SORT_CHOICES = [("distance", "Nearest first"), ("name", "Name")]

    zip_code = forms.CharField(
        label="ZIP code",
        required=False,
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", ZIP_MESSAGE)],
        error_messages={"max_length": ZIP_MESSAGE},
        help_text="5 digits, for example 55905.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label="City",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    state = forms.ChoiceField(
        label="State", required=False, choices=[("", "Any state"), *US_STATES]
    )
    specialty = forms.ChoiceField(
        label="Specialty", required=False, choices=[("", "Any specialty"), *Specialty.choices]
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            described_by = []
            if field.help_text:
                described_by.append(f"id_{name}-hint")
            if self.is_bound and name in self.errors:
                described_by.append(f"id_{name}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("zip_code") and not data.get("state"):
            if data.get("city"):
                self.add_error("state", "Choose the state the city is in.")
            else:
                raise forms.ValidationError("Enter a ZIP code, or a city and state.")
        return data
