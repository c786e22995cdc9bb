"""The quiz: a server-rendered form, validated, then POST-redirect-GET to a stateless result."""

import pytest

from django.test import Client

from tests.factories import ArticlePageFactory, QuizPageFactory
from tests.helpers import elements


@pytest.fixture
def article(article_index):
    return ArticlePageFactory(
        parent=article_index,
        title="Neuropathic Pain",
        body=[
            ("heading", {"text": "Symptoms of Neuropathic Pain", "level": "h2"}),
            ("paragraph", "<p>Burning, tingling or numbness.</p>"),
        ],
    )


@pytest.fixture
def quiz(quiz_index, article):
    def question(text, choices, correct, section=""):
        return (
            "question",
            {
                "question": text,
                "choices": choices,
                "correct_choice": correct,
                "explanation": f"Explanation of {text}",
                "article": article,
                "section": section,
            },
        )

    return QuizPageFactory(
        parent=quiz_index,
        title="Neuropathic pain quiz",
        questions=[
            question("What is allodynia?", ["Numbness", "Pain from a light touch"], 2,
                     "Symptoms of Neuropathic Pain"),
            question("What is the most common cause of polyneuropathy?",
                     ["Injury", "Diabetes", "Cold"], 2),
            question("Do drugs relieve the pain completely?", ["Usually", "Often only partly"], 2,
                     "A heading the article no longer has"),
        ],
    )  # fmt: skip


def test_form_renders_each_question_as_a_fieldset(client, quiz):
    html = client.get(quiz.url).text
    assert html.count('<fieldset class="question"') == 3
    assert "<legend>Question 1: What is allodynia?</legend>" in html
    assert elements(html, "input", type="radio", name="q3", value="2", id="q3-2")
    assert elements(html, "input", type="hidden", name="csrfmiddlewaretoken")
    assert elements(html, "form", method="post", action=quiz.url)


def test_answers_redirect_to_a_result_url(client, quiz):
    response = client.post(quiz.url, {"q1": "2", "q2": "1", "q3": "2"})
    assert response.status_code == 303
    assert response["Location"] == f"{quiz.url}result/?a=2.1.2"


def test_result_shows_score_explanations_and_links_to_the_sections(client, quiz, article):
    response = client.get(f"{quiz.url}result/", {"a": "2.1.2"})
    assert response.status_code == 200
    html = response.text
    assert "You answered 2 of 3 questions correctly." in html
    assert html.count("Explanation of") == 3
    assert "The correct answer: Diabetes" in html
    assert elements(html, "a", href=f"{article.url}#symptoms-of-neuropathic-pain")
    assert "“Symptoms of Neuropathic Pain” in Neuropathic Pain" in html
    # Without a section, or with one the article no longer has, the link is to the article.
    assert len(elements(html, "a", href=article.url)) == 2
    assert "no-longer" not in html
    assert elements(html, "meta", name="robots", content="noindex")
    link = elements(html, "link", rel="canonical")[0][1]["href"]
    assert link == quiz.full_url


def test_the_whole_journey_works_without_javascript(client, quiz):
    response = client.post(quiz.url, {"q1": "2", "q2": "2", "q3": "2"}, follow=True)
    assert response.redirect_chain == [(f"{quiz.url}result/?a=2.2.2", 303)]
    assert "You answered 3 of 3 questions correctly." in response.text


def test_missing_answers_rerender_with_a_message_per_question(client, quiz):
    response = client.post(quiz.url, {"q2": "3"})
    assert response.status_code == 400
    html = response.text
    for number in (1, 3):
        message = f"Choose an answer to question {number}."
        assert message in html
        fieldset = elements(html, "fieldset", id=f"question-{number}")[0][1]
        assert fieldset["aria-describedby"] == f"q{number}-error"
        assert elements(html, "p", id=f"q{number}-error")
        assert elements(html, "a", href=f"#q{number}-1")  # the summary links to the question
    # What was answered stays answered.
    assert "checked" in elements(html, "input", id="q2-3")[0][1]
    assert "aria-describedby" not in elements(html, "fieldset", id="question-2")[0][1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"q1": "7", "q2": "1", "q3": "1"}, "Question 1: choose one of the answers shown."),
        ({"q1": "0", "q2": "1", "q3": "1"}, "Question 1: choose one of the answers shown."),
        ({"q1": "x", "q2": "1", "q3": "1"}, "Question 1: choose one of the answers shown."),
        ({"q1": "<b>1</b>", "q2": "1", "q3": "1"}, "Question 1: choose one of the answers shown."),
        ({"q1": "1", "q2": "1", "q3": "1", "q4": "1"}, "answers to questions this quiz does not"),
        ({"q1": "1", "q2": "1", "q3": "1", "evil": "x"}, "answers to questions this quiz does not"),
        ({"q1": ["1", "2"], "q2": "1", "q3": "1"}, "Question 1: choose only one answer."),
    ],
)
def test_forged_answers_are_a_clear_400(client, quiz, data, message):
    response = client.post(quiz.url, data)
    assert response.status_code == 400
    assert message in response.text
    assert "<b>1</b>" not in response.text


@pytest.mark.parametrize(
    "code", ["", "2.1", "2.1.2.1", "2.1.3", "0.1.1", "a.b.c", "2..1", "9" * 500, "<b>"]
)
def test_a_bad_result_url_is_a_400_offering_the_quiz(client, quiz, code):
    response = client.get(f"{quiz.url}result/", {"a": code})
    assert response.status_code == 400
    assert "These answers do not match this quiz" in response.text
    assert elements(response.text, "a", href=quiz.url)
    assert "<b>" not in response.text.split("<main")[1]


def test_csrf_is_enforced(quiz):
    client = Client(enforce_csrf_checks=True)
    assert client.post(quiz.url, {"q1": "1", "q2": "1", "q3": "1"}).status_code == 403


def test_a_quiz_without_questions_says_so(client, quiz_index):
    empty = QuizPageFactory(parent=quiz_index, title="Coming soon", questions=[])
    response = client.get(empty.url)
    assert response.status_code == 200
    assert "This quiz has no questions yet." in response.text
    assert '<form class="quiz"' not in response.text
    assert client.post(empty.url, {}).status_code == 400
