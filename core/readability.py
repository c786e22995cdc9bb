"""Reading grade of patient content (Flesch–Kincaid), for the editor-facing readability panel.

Patient-education guidance asks for grade 8 or lower. Words and sentences are counted with
textstat. textstat looks English syllables up in NLTK's CMU dictionary and downloads that
dictionary on first use; an admin request must never reach out to the internet, so syllables are
counted the way textstat does when a word is not in that dictionary: by Pyphen's hyphenation
(Pyphen is the dictionary textstat itself installs).
"""

import html
import re
from dataclasses import dataclass
from functools import cache

import pyphen
import textstat

from django.utils.html import strip_tags

TARGET_GRADE = 8
LANGUAGE = "en_US"

# Citation markers (<sup><a href="#ref-3">3</a></sup>) are not words a reader reads.
CITATION_RE = re.compile(r"<sup\b[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = (".", "!", "?", ":")


@dataclass(frozen=True)
class Readability:
    grade: float
    words: int
    sentences: int

    @property
    def target(self):
        return TARGET_GRADE

    @property
    def meets_target(self):
        return self.grade <= TARGET_GRADE


def html_to_text(markup):
    """Plain text of a rich-text fragment, without citation markers."""
    return " ".join(html.unescape(strip_tags(CITATION_RE.sub("", markup or ""))).split())


def as_sentence(text):
    """List items and callouts are often unpunctuated; count each as one sentence."""
    text = text.strip()
    if text and not text.endswith(SENTENCE_END):
        text += "."
    return text


def body_text(body):
    """The prose of an article body a reader reads: paragraphs, list items, callouts and
    cross-reference summaries (headings, 'See' links and video titles are not prose)."""
    parts = []
    for block in body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(html_to_text(value.source))
        elif block.block_type == "bullet_list":
            parts.extend(as_sentence(html_to_text(item.source)) for item in value["items"])
        elif block.block_type == "callout" and value.get("text"):
            parts.append(as_sentence(html_to_text(value["text"].source)))
        elif block.block_type == "cross_reference":
            parts.append(as_sentence(value["summary"]))
    return "\n".join(part for part in parts if part)


@cache
def _hyphenator():
    return pyphen.Pyphen(lang=LANGUAGE)


def syllables(word):
    return len(_hyphenator().positions(word.lower())) + 1


def flesch_kincaid(text):
    """Flesch–Kincaid grade of `text`, or None when there is nothing to measure."""
    words = WORD_RE.findall(text)
    if not words:
        return None
    sentence_count = max(1, textstat.sentence_count(text))
    word_count = textstat.lexicon_count(text) or len(words)
    syllables_per_word = sum(syllables(word) for word in words) / len(words)
    grade = 0.39 * (word_count / sentence_count) + 11.8 * syllables_per_word - 15.59
    return Readability(grade=round(grade, 1), words=word_count, sentences=sentence_count)


def body_readability(body):
    return flesch_kincaid(body_text(body))
