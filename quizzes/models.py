"""Short quizzes that check understanding of an article."""

import re

from django.db import models
from django.http import HttpResponseRedirect

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.loading import LoadOwnedPage
from core.models import INTRO_FEATURES
from core.text import heading_anchor

from .blocks import QuestionBlock
from .forms import QuizForm

ANSWER_CODE_RE = re.compile(r"^[1-9](?:\.[1-9]){0,199}$")


class QuizIndexPage(Page):
    intro = RichTextField(features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["quizzes.QuizPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["quizzes"] = QuizPage.objects.child_of(self).live().public().order_by("title")
        return context


class QuizPage(RoutablePageMixin, LoadOwnedPage, Page):
    """A server-rendered quiz: answers are POSTed, checked, and the reader is redirected to a
    result URL that carries the answers (?a=2.3.1), so the result needs no session, works
    without JavaScript and can be bookmarked or cached."""

    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    questions = StreamField([("question", QuestionBlock())])
    reviewed_note = models.TextField(
        blank=True,
        help_text="Which sources the questions come from, who checked them, and when.",
    )
    # What load_site_content last wrote (LoadOwnedPage), so it never overwrites an editor.

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("reviewed_note"),
    ]
    parent_page_types = ["quizzes.QuizIndexPage"]
    subpage_types = []

    @property
    def question_values(self):
        return [block.value for block in self.questions if block.block_type == "question"]

    @path("")
    def quiz(self, request):
        if request.method == "POST":
            form = QuizForm(self.question_values, request.POST)
            if form.is_valid() and form.fields:
                url = f"{self.reverse_subpage('result')}?a={form.answer_code}"
                return HttpResponseRedirect(self.get_url(request) + url, status=303)
            response = self.render(request, context_overrides={"form": form})
            response.status_code = 400
            return response
        return self.render(request, context_overrides={"form": QuizForm(self.question_values)})

    @path("result/", name="result")
    def result(self, request):
        questions = self.question_values
        answers = parse_answer_code(request.GET.get("a", ""), questions)
        template = "quizzes/quiz_page_result.html"
        if answers is None:
            response = self.render(
                request,
                template=template,
                context_overrides={
                    "answer_error": "These answers do not match this quiz, perhaps because "
                    "the quiz has changed. Please take the quiz again."
                },
            )
            response.status_code = 400
            return response
        rows = []
        for number, (question, answer) in enumerate(zip(questions, answers, strict=True), 1):
            article, section = question["article"], question["section"]
            link = ""
            if article is not None and article.live:
                link = article.get_url(request)
                # Link the section while the article still has that heading.
                anchor = heading_anchor(section) if section else ""
                if anchor and anchor in {anchor for anchor, _text in article.headings}:
                    link += f"#{anchor}"
                else:
                    section = ""
            rows.append(
                {
                    "number": number,
                    "question": question["question"],
                    "answer": question["choices"][answer - 1],
                    "correct_answer": question["choices"][question["correct_choice"] - 1],
                    "is_correct": answer == question["correct_choice"],
                    "explanation": question["explanation"],
                    "article": article if link else None,
                    "section": section,
                    "link": link,
                }
            )
        return self.render(
            request,
            template=template,
            context_overrides={
                "rows": rows,
                "score": sum(row["is_correct"] for row in rows),
                "total": len(rows),
            },
        )


def parse_answer_code(code, questions):
    """[2, 3, 1] from "2.3.1" when it answers every question with one of its choices."""
    if not ANSWER_CODE_RE.match(code):
        return None
    answers = [int(part) for part in code.split(".")]
    if len(answers) != len(questions):
        return None
    if any(answer > len(q["choices"]) for answer, q in zip(answers, questions, strict=True)):
        return None
    return answers
