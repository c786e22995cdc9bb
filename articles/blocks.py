"""StreamField blocks for patient-education articles.

Each block maps to one structure the importer recognises in scraped text, so an imported
article and a hand-written one are edited the same way.
"""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from core.text import heading_anchor

from .care_cards import CareCardBlock

# Inline formatting allowed in prose. "superscript" carries citation markers, stored as
# <sup><a href="#ref-N">N</a></sup> so they survive a round trip through the editor.
INLINE_FEATURES = ["bold", "italic", "link", "superscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Symptoms of neuropathic pain", "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value["text"])
        return context


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", INLINE_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Neuropathic pain is caused by damage to the nerves.</p>"


class BulletListBlock(blocks.StructBlock):
    items = blocks.ListBlock(blocks.RichTextBlock(features=INLINE_FEATURES), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/bullet_list_block.html"
        preview_value = {"items": ["<p>Diabetes</p>", "<p>Infections</p>"]}


class SeeAlsoBlock(blocks.StructBlock):
    """A related article: a chosen page, or a title the importer could not match yet."""

    page = blocks.PageChooserBlock(page_type="articles.ArticlePage", required=False)
    title = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="Title of a related article not on this site yet; links to a site search.",
    )
    verb = blocks.ChoiceBlock(choices=[("See", "See"), ("Read about", "Read about")], default="See")

    class Meta:
        icon = "link"
        template = "blocks/see_also_block.html"
        preview_value = {"title": "Anatomy of nerve pain", "verb": "See"}

    def get_context(self, value, parent_context=None):
        """Link the chosen page while it is live; otherwise name the title as plain text with
        a search link labelled as a search, never dressed as a link to an article."""
        context = super().get_context(value, parent_context)
        page = value.get("page")
        request = (parent_context or {}).get("request")
        if page is not None and page.live:
            context.update(link_url=page.get_url(request), link_text=page.title)
        else:
            title = value.get("title") or (page.title if page is not None else "")
            query = urlencode({"q": title})
            context.update(search_url=f"{reverse('search')}?{query}", link_text=title)
        return context

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("title"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or enter a title.")}
            )
        return value


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255)
    url = blocks.URLBlock(
        required=False, help_text="Link to the video (e.g. the publisher's video page)."
    )
    teaser = blocks.TextBlock(required=False)
    transcript = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"], required=False)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        preview_value = {"title": "Causes of neuropathic pain"}


class CrossReferenceBlock(blocks.StructBlock):
    """A linked topic with its short summary, as the Merck Manual shows in pop-ups."""

    title = blocks.CharBlock(max_length=255)
    summary = blocks.TextBlock()
    page = blocks.PageChooserBlock(required=False, help_text="Our page on this topic, if any.")

    class Meta:
        icon = "doc-full"
        template = "blocks/cross_reference_block.html"
        preview_value = {
            "title": "Complex regional pain syndrome",
            "summary": "Complex regional pain syndrome is chronic neuropathic pain.",
        }


class CalloutBlock(blocks.StructBlock):
    class Kind:
        NOTE = "note"
        PHYSICIAN_SEARCH = "physician_search"
        QUIZ = "quiz"

    kind = blocks.ChoiceBlock(
        choices=[
            (Kind.NOTE, "Note"),
            (Kind.PHYSICIAN_SEARCH, "Find a physician"),
            (Kind.QUIZ, "Quiz"),
        ],
        default=Kind.NOTE,
    )
    heading = blocks.CharBlock(max_length=255)
    text = blocks.RichTextBlock(features=INLINE_FEATURES, required=False)
    page = blocks.PageChooserBlock(required=False, help_text="Where the call to action leads.")

    class Meta:
        icon = "help"
        template = "blocks/callout_block.html"
        preview_value = {"kind": "note", "heading": "Talk to your doctor"}

    def get_context(self, value, parent_context=None):
        """Where the call to action leads: the chosen live page; for "Find a physician", the
        live physician search even when no page was chosen; for "Quiz", the article's quiz,
        or the list of quizzes while it has none."""
        from core.sections import section_url

        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        request = parent_context.get("request")
        page = value.get("page")
        link_url = ""
        if page is not None and page.live:
            link_url = page.get_url(request)
        elif value["kind"] == self.Kind.PHYSICIAN_SEARCH:
            link_url = section_url("physicians")
        elif value["kind"] == self.Kind.QUIZ:
            quiz = getattr(parent_context.get("page"), "quiz", None)
            if quiz is not None and quiz.live:
                link_url = quiz.get_url(request)
            else:
                link_url = section_url("quizzes")
        context["link_url"] = link_url
        return context


class HeldBackBlock(blocks.StructBlock):
    """Source text the importer kept but readers must not see as it stands: a lead-in whose
    list is missing, a heading with nothing under it, or a line cut off mid-sentence. Editors
    see it (with the reason) and replace it with real content; the public page omits it."""

    MESSAGES = {
        "lead_in": "This sentence introduces a list the source did not include: add the list "
        "or rewrite the sentence.",
        "empty_section": "This heading has no text under it in the source: add the section's "
        "text or remove the heading.",
        "truncated": "The source was cut off here: complete or remove the sentence.",
    }

    reason = blocks.ChoiceBlock(
        choices=[
            ("lead_in", "Lead-in with no list after it"),
            ("empty_section", "Heading with no text under it"),
            ("truncated", "Text cut off in the source"),
        ]
    )
    text = blocks.TextBlock(help_text="The source text, kept for editors; not shown to readers.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")],
        required=False,
        help_text="For a heading with no text under it: the heading's level.",
    )

    class Meta:
        icon = "warning"
        label = "Held back from readers"
        preview_value = {"reason": "lead_in", "text": "Pain relievers include the following:"}

    def render_basic(self, value, context=None):
        return ""  # never shown to readers as it stands


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    care_card = CareCardBlock()
    paragraph = ParagraphBlock()
    bullet_list = BulletListBlock()
    see_also = SeeAlsoBlock()
    video = VideoBlock()
    cross_reference = CrossReferenceBlock()
    callout = CalloutBlock()
    held_back = HeldBackBlock()
