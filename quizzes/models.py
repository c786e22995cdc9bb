"""Short quizzes that check understanding of an article."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.models import INTRO_FEATURES

from .blocks import QuestionBlock


class QuizIndexPage(Page):
    intro = RichTextField(features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["quizzes.QuizPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["quizzes"] = QuizPage.objects.child_of(self).live().public().order_by("title")
        return context


class QuizPage(RoutablePageMixin, Page):
    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    questions = StreamField([("question", QuestionBlock())])
    reviewed_note = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who checked the questions against the sources, and when.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("reviewed_note"),
    ]
    parent_page_types = ["quizzes.QuizIndexPage"]
    subpage_types = []
