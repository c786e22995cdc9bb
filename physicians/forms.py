from django import forms
from django.core.validators import RegexValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from . import geo
from .choices import DEFAULT_RADIUS, RADIUS_MILES, US_STATES, Specialty

ZIP_MESSAGE = "Enter a 5-digit ZIP code, like 55905."
CITY_MESSAGE = "Enter a city name using letters, spaces, hyphens, apostrophes or full stops."
LOCATION_MESSAGE = "Enter a ZIP code, or a city and state."
# Shorter where the full name would not fit a phone-width select (the listing says it in full).
SPECIALTY_CHOICES = [
    (value, "Physical medicine and rehab" if value == Specialty.PHYSICAL_MEDICINE else label)
    for value, label in Specialty.choices
]
UNKNOWN_ZIP_MESSAGE = (
    "We could not find ZIP code %(zip)s. Check the 5 digits, or search by city and state."
)


class PlainSelect(forms.Select):
    """A select built in Python. Django renders each option through a template include, and
    the 50-odd states made the selects most of the search page's render time."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class PhysicianSearchForm(forms.Form):
    """Find by ZIP code, or by city and state (or a whole state); optionally by specialty.

    Error messages are tied to their fields by Django (aria-describedby="id_<name>_error",
    aria-invalid); the template renders matching ids and a summary linking to each field.
    """

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
    radius = forms.TypedChoiceField(
        widget=PlainSelect,
        label="Distance",
        required=False,
        choices=[(str(miles), f"Within {miles} miles") for miles in RADIUS_MILES],
        coerce=int,
        empty_value=DEFAULT_RADIUS,
        initial=str(DEFAULT_RADIUS),
        help_text="How far from the ZIP code to look.",
        error_messages={"invalid_choice": "Choose a distance from the list."},
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
        widget=PlainSelect,
        label="State",
        required=False,
        choices=[("", "Any state"), *US_STATES],
        error_messages={"invalid_choice": "Choose a state from the list."},
    )
    specialty = forms.ChoiceField(
        widget=PlainSelect,
        label="Specialty",
        required=False,
        choices=[("", "Any specialty"), *SPECIALTY_CHOICES],
        error_messages={"invalid_choice": "Choose a specialty from the list."},
    )
    sort = forms.ChoiceField(
        widget=PlainSelect,
        label="Sort by",
        required=False,
        choices=SORT_CHOICES,
        help_text="Nearest first needs a ZIP code.",
        error_messages={"invalid_choice": "Choose how to sort the results from the list."},
    )

    @classmethod
    def from_query(cls, query_dict):
        """Bound only when the query has a search field (a bare ?page=2 is not a search)."""
        if any(name in query_dict for name in cls.base_fields):
            return cls(query_dict)
        return cls()

    def clean_zip_code(self):
        zip_code = self.cleaned_data["zip_code"]
        if zip_code and geo.zip_centroid(zip_code) is None:
            raise forms.ValidationError(UNKNOWN_ZIP_MESSAGE, params={"zip": zip_code})
        return zip_code

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
