"""The patient leaflet on a drug page: the questions NHS.UK medicine pages answer, in their
order, each an optional StreamField block.

Editors and medical reviewers write the patient version from a cited source (the page's
"Leaflet sources"); nothing here supplies medical text. A section whose parts are all empty is
never shown, and readers always meet the sections in the same order, whatever order an
editor added them in.
"""

from dataclasses import dataclass

from django.utils.html import strip_tags

from wagtail import blocks

LEAFLET_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def _text(label, help_text=""):
    return blocks.RichTextBlock(
        features=LEAFLET_FEATURES, required=False, label=label, help_text=help_text
    )


def has_text(value):
    """Whether a rich text value (or a string of HTML) holds any words."""
    source = getattr(value, "source", value) or ""
    return bool(strip_tags(str(source)).strip())


class KeyFactsBlock(blocks.StructBlock):
    facts = _text("Key facts", "A short list: what it does, how soon it works, the main cautions.")

    class Meta:
        icon = "list-ul"
        template = "drugs/blocks/leaflet_text_block.html"
        label = "Key facts"
        preview_value = {"facts": "<ul><li>A fact from the cited source.</li></ul>"}


class WhoCanTakeBlock(blocks.StructBlock):
    can = _text("Who can take it")
    cannot = _text("Who may not be able to take it", "Conditions to tell the doctor about first.")

    class Meta:
        icon = "group"
        template = "drugs/blocks/leaflet_who_block.html"
        label = "Who can and cannot take it"


class HowToTakeBlock(blocks.StructBlock):
    how = _text("How and when to take it", "Usual dose, timing, with or without food.")
    missed_dose = _text("If you forget to take it")
    too_much = _text("If you take too much")
    stopping = _text("Stopping it")

    class Meta:
        icon = "time"
        template = "drugs/blocks/leaflet_how_block.html"
        label = "How and when to take it"


class SideEffectsBlock(blocks.StructBlock):
    """The three levels NHS.UK uses, from everyday to an emergency."""

    common = _text("Common side effects", "What they are and how to cope with them.")
    serious = _text("Serious side effects: call a doctor now")
    emergency = _text("Emergency: call 911", "Signs of a serious allergic reaction and the like.")

    class Meta:
        icon = "warning"
        template = "drugs/blocks/leaflet_side_effects_block.html"
        label = "Side effects"


class PregnancyBlock(blocks.StructBlock):
    pregnancy = _text("Pregnancy")
    breastfeeding = _text("Breastfeeding")

    class Meta:
        icon = "user"
        template = "drugs/blocks/leaflet_pregnancy_block.html"
        label = "Pregnancy and breastfeeding"


class OtherMedicinesBlock(blocks.StructBlock):
    text = _text("Taking it with other medicines", "Medicines and herbal remedies to check.")

    class Meta:
        icon = "link"
        template = "drugs/blocks/leaflet_text_block.html"
        label = "Taking it with other medicines"


class AlcoholFoodBlock(blocks.StructBlock):
    text = _text("Alcohol and food")

    class Meta:
        icon = "pick"
        template = "drugs/blocks/leaflet_text_block.html"
        label = "Alcohol and food"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=255)
    answer = blocks.RichTextBlock(features=LEAFLET_FEATURES)

    class Meta:
        icon = "help"


class CommonQuestionsBlock(blocks.StructBlock):
    questions = blocks.ListBlock(QuestionBlock(), min_num=0)

    class Meta:
        icon = "help"
        template = "drugs/blocks/leaflet_questions_block.html"
        label = "Common questions"


class SourceBlock(blocks.StructBlock):
    """Where the leaflet's facts come from: readers and reviewers can check them."""

    title = blocks.CharBlock(max_length=255, help_text='e.g. "Gabapentin - NHS.UK medicines"')
    url = blocks.URLBlock(required=False, label="Address")
    accessed = blocks.DateBlock(required=False, label="Date consulted")

    class Meta:
        icon = "doc-full"
        label = "Source"


@dataclass(frozen=True)
class Section:
    key: str  # the StreamField block name, and the anchor on the page
    heading: str  # {drug} is the drug's name
    block: type


SECTIONS = (
    Section("key_facts", "Key facts", KeyFactsBlock),
    Section("who_can_take", "Who can and cannot take {drug}", WhoCanTakeBlock),
    Section("how_to_take", "How and when to take {drug}", HowToTakeBlock),
    Section("side_effects", "Side effects", SideEffectsBlock),
    Section("pregnancy", "Pregnancy and breastfeeding", PregnancyBlock),
    Section("other_medicines", "Taking {drug} with other medicines", OtherMedicinesBlock),
    Section("alcohol_food", "Alcohol and food", AlcoholFoodBlock),
    Section("questions", "Common questions", CommonQuestionsBlock),
)
SECTION_ORDER = {section.key: position for position, section in enumerate(SECTIONS)}
SECTION_BY_KEY = {section.key: section for section in SECTIONS}


def leaflet_block_types():
    return [(section.key, section.block()) for section in SECTIONS]


def leaflet_block_counts():
    """Each section at most once: two "Side effects" would contradict each other."""
    return {section.key: {"max_num": 1} for section in SECTIONS}


def block_has_content(block_type, value):
    if block_type == "questions":
        return any(q["question"].strip() and has_text(q["answer"]) for q in value["questions"])
    return any(has_text(part) for part in value.values())


@dataclass(frozen=True)
class ShownSection:
    key: str
    heading: str
    block: object  # the StreamField child, rendered with {% include_block %}

    @property
    def anchor(self):
        return self.key.replace("_", "-")


def shown_sections(leaflet, drug_name):
    """The leaflet's sections that have words in them, in the fixed reading order."""
    found = [
        ShownSection(
            key=child.block_type,
            heading=SECTION_BY_KEY[child.block_type].heading.format(drug=drug_name),
            block=child,
        )
        for child in leaflet
        if child.block_type in SECTION_BY_KEY and block_has_content(child.block_type, child.value)
    ]
    return sorted(found, key=lambda section: SECTION_ORDER[section.key])
