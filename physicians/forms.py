from django import forms
from django.core.validators import RegexValidator

from .choices import US_STATES, Specialty

ZIP_MESSAGE = "Enter a 5-digit ZIP code, like 55905."
CITY_MESSAGE = "Enter a city name using letters, spaces, hyphens, apostrophes or full stops."
LOCATION_MESSAGE = "Enter a ZIP code, or a city and state."


class PhysicianSearchForm(forms.Form):
    """Find by ZIP code, or by city and state (or a whole state); optionally by specialty.

    Error messages are tied to their fields by Django (aria-describedby="id_<name>_error",
    aria-invalid); the template renders matching ids and a summary linking to each field.
    """

    SORT_CHOICES = [("distance", "Nearest first (needs a ZIP code)"), ("name", "Name")]

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
        validators=[RegexValidator(r"^[^\W\d_]+(?:[ .'’-]+[^\W\d_]+)*\.?$", CITY_MESSAGE)],
        error_messages={"max_length": "Enter a city name of 100 characters or fewer."},
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    state = forms.ChoiceField(
        label="State",
        required=False,
        choices=[("", "Any state"), *US_STATES],
        error_messages={"invalid_choice": "Choose a state from the list."},
    )
    specialty = forms.ChoiceField(
        label="Specialty",
        required=False,
        choices=[("", "Any specialty"), *Specialty.choices],
        error_messages={"invalid_choice": "Choose a specialty from the list."},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=SORT_CHOICES,
        error_messages={"invalid_choice": "Choose how to sort the results from the list."},
    )

    @classmethod
    def from_query(cls, query_dict):
        """Bound only when the query has a search field (a bare ?page=2 is not a search)."""
        if any(name in query_dict for name in cls.base_fields):
            return cls(query_dict)
        return cls()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("zip_code") and not data.get("state"):
            if data.get("city"):
                self.add_error("state", "Choose the state the city is in.")
            else:
                self.add_error("zip_code", LOCATION_MESSAGE)
        return data
