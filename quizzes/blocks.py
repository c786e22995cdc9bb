from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


class QuestionBlock(blocks.StructBlock):
    """A multiple-choice question; the correct choice is a 1-based position in the list."""

    question = blocks.CharBlock(max_length=500)
    choices = blocks.ListBlock(blocks.CharBlock(max_length=255), min_num=2, max_num=6)
    correct_choice = blocks.IntegerBlock(min_value=1, max_value=6, help_text="1 = first choice.")
    explanation = blocks.TextBlock()
    article = blocks.PageChooserBlock(
        page_type="articles.ArticlePage", required=False, help_text="The article this tests."
    )
    section = blocks.CharBlock(
        required=False, max_length=255, help_text="Exact heading of the section this tests."
    )

    class Meta:
        icon = "help"
        template = "blocks/question_block.html"
        preview_value = {
            "question": "What is allodynia?",
            "choices": ["Pain from a light touch", "A type of headache"],
            "correct_choice": 1,
            "explanation": "Hypersensitivity to touch is called allodynia.",
        }

    def clean(self, value):
        value = super().clean(value)
        if value["correct_choice"] > len(value["choices"]):
            raise StructBlockValidationError(
                block_errors={
                    "correct_choice": ValidationError(
                        "The correct choice must be one of the choices."
                    )
                }
            )
        return value
