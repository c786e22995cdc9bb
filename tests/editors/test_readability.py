"""The readability panel on the article editor: Flesch–Kincaid grade beside the grade-8 target."""

from bs4 import BeautifulSoup

from core.readability import TARGET_GRADE, body_text, flesch_kincaid, html_to_text
from tests.factories import ArticlePageFactory

PLAIN = (
    "<p>Nerve pain can feel like burning or tingling. It can come and go. "
    "Your doctor can help you find out why it hurts.</p>"
)
DENSE = (
    "<p>Neuropathic pain, characterised by spontaneous paroxysmal dysaesthesias and "
    "allodynia, frequently necessitates multimodal pharmacological interventions, including "
    "anticonvulsants and serotonin-norepinephrine reuptake inhibitors, administered "
    "concomitantly with individualised physiotherapeutic rehabilitation programmes.</p>"
)


def panel(client, page):
    soup = BeautifulSoup(client.get(f"/admin/pages/{page.pk}/edit/").text, "html.parser")
    return soup.find(attrs={"data-readability-panel": True})


def test_plain_text_meets_the_target():
    result = flesch_kincaid("Nerve pain can feel like burning. It can come and go. It can hurt.")
    assert result.grade <= TARGET_GRADE and result.meets_target
    assert result.sentences == 3


def test_dense_text_is_above_the_target():
    result = flesch_kincaid(html_to_text(DENSE))
    assert result.grade > 14 and not result.meets_target


def test_body_text_reads_prose_and_skips_citations_and_headings(article_index):
    page = ArticlePageFactory(
        parent=article_index,
        body=[
            ("heading", {"text": "Symptoms", "level": "h2"}),
            ("paragraph", '<p>Pain is common.<sup><a href="#ref-1">1</a></sup></p>'),
            ("bullet_list", {"items": ["<p>Burning</p>", "<p>Tingling</p>"]}),
        ],
    )
    assert body_text(page.body) == "Pain is common.\nBurning.\nTingling."


def test_panel_shows_grade_and_target(login, editor, article_index):
    plain = ArticlePageFactory(parent=article_index, body=[("paragraph", PLAIN)])
    dense = ArticlePageFactory(parent=article_index, body=[("paragraph", DENSE)])
    client = login(editor)

    plain_panel = panel(client, plain)
    grade = float(plain_panel.find(attrs={"data-readability-grade": True}).text)
    assert grade <= TARGET_GRADE
    assert "target: grade 8 or lower" in plain_panel.text
    assert "Meets the target." in plain_panel.text

    dense_panel = panel(client, dense)
    assert float(dense_panel.find(attrs={"data-readability-grade": True}).text) > TARGET_GRADE
    assert "Above the target" in dense_panel.text


def test_panel_on_a_new_article_asks_for_text(login, editor, article_index):
    response = login(editor).get(f"/admin/pages/add/articles/articlepage/{article_index.pk}/")
    soup = BeautifulSoup(response.text, "html.parser")
    text = soup.find(attrs={"data-readability-panel": True}).text
    assert "add body text and save a draft" in text


def test_panel_measures_the_draft(login, editor, article):
    article.body = [("paragraph", DENSE)]
    article.save_revision()
    text = panel(login(editor), article).text
    assert "Above the target" in text


def test_grading_never_downloads_dictionaries(monkeypatch):
    """textstat would fetch NLTK's CMU dictionary on first use; the panel must not."""

    def refuse(*args, **kwargs):
        raise AssertionError("tried to download")

    monkeypatch.setattr("nltk.download", refuse)
    assert flesch_kincaid("Pain that burns. Pain that tingles and stings.").words == 8
