"""Images must carry alt text (settings.WAGTAILIMAGES_IMAGE_FORM_BASE).

Kept apart from core.forms: Wagtail's image forms cannot be imported while models load.
"""

from django import forms

from wagtail.images.forms import BaseImageForm


class AltTextImageForm(BaseImageForm):
    """Every image must describe itself for screen readers (WCAG 1.1.1)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = "Alt text"
            field.help_text = (
                "Describe the image for people who cannot see it, e.g. 'Nerve fibers under a "
                "microscope'. Required."
            )

    def clean_description(self):
        description = " ".join(self.cleaned_data.get("description", "").split())
        if not description:
            raise forms.ValidationError("Enter alt text describing the image.")
        return description
