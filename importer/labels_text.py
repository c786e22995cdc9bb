"""Label text as the drug page stores it: plain paragraphs, bulleted lists and tables of text
cells, from openFDA's plain-text sections and HTML tables, cleaned with nh3 first."""

import html
import re
from html.parser import HTMLParser

import nh3

# (openFDA field, heading): the sections shown, in the order of a prescribing label. A field's
# tables are in "<field>_table".
LABEL_SECTIONS = (
    ("boxed_warning", "Boxed warning"),
    ("indications_and_usage", "Indications and usage"),
    ("dosage_and_administration", "Dosage and administration"),
    ("dosage_forms_and_strengths", "Dosage forms and strengths"),
    ("contraindications", "Contraindications"),
    ("warnings_and_cautions", "Warnings and precautions"),
    ("warnings", "Warnings"),
    ("precautions", "Precautions"),
    ("adverse_reactions", "Adverse reactions"),
    ("drug_interactions", "Drug interactions"),
    ("use_in_specific_populations", "Use in specific populations"),
    ("pregnancy", "Pregnancy"),
    ("lactation", "Lactation"),
    ("nursing_mothers", "Nursing mothers"),
    ("pediatric_use", "Pediatric use"),
    ("geriatric_use", "Geriatric use"),
    ("drug_abuse_and_dependence", "Drug abuse and dependence"),
    ("overdosage", "Overdosage"),
)
TABLE_TAGS = {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "br", "p"}
HEADINGS = {title.upper() for _key, title in LABEL_SECTIONS} | {
    "WARNINGS AND PRECAUTIONS",
    "INDICATIONS & USAGE",
    "DOSAGE & ADMINISTRATION",
    "BOXED WARNING",
}
# A section's text starts with its own heading ("2 DOSAGE AND ADMINISTRATION 2.1 ..."), which
# the page already shows.
LEADING_HEADING = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\s+)?(?:"
    + "|".join(re.escape(h) for h in sorted(HEADINGS, key=len, reverse=True))
    + r")(?![A-Za-z])\s*:?\s*"
)
SUBSECTION = re.compile(r"\s+(?=\d{1,2}\.\d{1,2}\s+[A-Z][a-z])")


def plain(text):
    """Text with any markup removed (nh3) and entities decoded: it is escaped when shown."""
    return html.unescape(nh3.clean(text, tags=set()))


def _words(text):
    return " ".join(text.split())


def text_blocks(text):
    """A section's text as paragraphs and bulleted lists."""
    text = plain(text)
    text = LEADING_HEADING.sub("", text, count=1)
    blocks = []
    for chunk in re.split(r"\n\s*\n|\n", text):
        for paragraph in SUBSECTION.split(chunk):
            lead, *items = paragraph.split("•")
            if _words(lead):
                blocks.append({"type": "p", "text": _words(lead)})
            items = [_words(item) for item in items if _words(item)]
            if items:
                if blocks and blocks[-1]["type"] == "ul":
                    blocks[-1]["items"].extend(items)
                else:
                    blocks.append({"type": "ul", "items": items})
    return blocks


class _TableReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.caption, self.head, self.rows = "", [], []
        self.row, self.cell, self.in_caption, self.in_head = None, None, False, False
        self.row_is_head = True

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self.in_caption = True
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row, self.row_is_head = [], True
        elif tag in ("td", "th"):
            self.cell = []
            self.row_is_head &= tag == "th"
        elif tag in ("br", "p") and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "caption":
            self.in_caption = False
        elif tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(_words("".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                head = self.in_head or (self.row_is_head and not self.rows)
                (self.head if head else self.rows).append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data
        elif self.cell is not None:
            self.cell.append(data)


def table_block(markup):
    """A label table as rows of text cells, after nh3 has removed all but table markup."""
    reader = _TableReader()
    reader.feed(nh3.clean(markup, tags=TABLE_TAGS, attributes={}))
    reader.close()
    if not reader.rows and not reader.head:
        return None
    return {
        "type": "table",
        "caption": _words(reader.caption),
        "head": reader.head,
        "rows": reader.rows,
    }
