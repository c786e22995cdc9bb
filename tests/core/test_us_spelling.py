"""One spelling in the text we write ourselves: US English, as the seed articles use.

The authored content that load_site_content puts on the site (care cards, glossary, quiz, the
pages about the site) and the templates' own words. Imported and quoted source text is the
publisher's and is left alone.
"""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
AUTHORED = [
    ROOT / "articles" / "data" / "care_cards.json",
    ROOT / "glossary" / "data" / "glossary_terms.json",
    *sorted((ROOT / "quizzes" / "data").glob("*.json")),
    ROOT / "trust" / "data" / "trust_pages.json",
    *sorted((ROOT / "templates").rglob("*.html")),
]
# British forms and the stems they appear in ("colours", "recognised", "paediatrician").
BRITISH = re.compile(
    r"\b(colour|behaviour|favour|honour|labour|neighbour|tumour|centre|fibre|litre|"
    r"organis|recognis|realis|minimis|apologis|specialis(?:e|ed|ing|ation)|emphasis(?:e|ing)|"
    r"haem|oedema|paediatr|anaesth|oesophag|licence|programme|catalogue|travell|counsell|"
    r"whilst|amongst|practis(?:e|ing)|defence|judgement)\w*",
    re.IGNORECASE,
)


def test_authored_text_uses_us_spelling():
    assert len(AUTHORED) > 10
    found = [
        f"{path.relative_to(ROOT)}: {match[0]}"
        for path in AUTHORED
        for match in BRITISH.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)
