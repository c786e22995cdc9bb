"""Care cards: when to see a doctor, when it is urgent, when it is an emergency."""

from wagtail import blocks


class CareCardBlock(blocks.StructBlock):
    """When to get help, as NHS.UK's care cards: three levels, each citing its source.

    The level sets the wording of the card's heading line and its colour; the text says when
    and is the medically reviewed part."""

    class Level:
        NON_URGENT = "non_urgent"
        URGENT = "urgent"
        EMERGENCY = "emergency"

    LABELS = {
        Level.NON_URGENT: "Non-urgent: see a doctor",
        Level.URGENT: "Urgent: call your doctor or an urgent care line now",
        Level.EMERGENCY: "Emergency: call 911",
    }

    level = blocks.ChoiceBlock(
        choices=list(LABELS.items()), default=Level.NON_URGENT, help_text="How soon to get help."
    )
    heading = blocks.CharBlock(
        max_length=255, help_text="What to do, e.g. “See a doctor if you have:”."
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"])
    source_title = blocks.CharBlock(max_length=255, help_text="Where this guidance comes from.")
    source_url = blocks.URLBlock(help_text="The source's page.")

    class Meta:
        icon = "warning"
        template = "blocks/care_card_block.html"
        label = "Care card (when to get help)"
        preview_value = {
            "level": "non_urgent",
            "heading": "See a doctor if you have:",
            "text": "<ul><li>pain, tingling or loss of feeling in your feet</li></ul>",
            "source_title": "NHS inform: Peripheral neuropathy",
            "source_url": "https://www.nhsinform.scot/",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["level_label"] = self.LABELS.get(value["level"], "")
        return context
