"""The drugs side of an import run: reference drug pages brought up to date first, each row of
an article's "Drugs Mentioned In This Article" table matched to its generic, and the rows'
brand names added to the drug pages at the end."""

import re
from collections import defaultdict

from .attention import AttentionKind
from .document import attention_item
from .drugs import (
    DrugMatcher,
    drug_index,
    existing_drug_pages,
    name_key,
    sync_reference_drugs,
    update_drug_page,
)

# Letters, digits, spaces and ordinary punctuation; starts with a letter or digit.
BRAND_NAME_RE = re.compile(r"[^\W_][\w .,'’&+/()%®™-]*", re.UNICODE)
BRAND_NAME_MAX = 100


def valid_brand_name(name):
    """Whether `name` can be a brand name: no markup, no control or unusual characters."""
    name = " ".join(str(name).split())
    return (
        0 < len(name) <= BRAND_NAME_MAX
        and BRAND_NAME_RE.fullmatch(name) is not None
        and "_" not in name
    )


class DrugTables:
    """Syncs the reference drugs on creation; then matches and merges documents' drug rows."""

    def __init__(self, report):
        result = sync_reference_drugs()
        report.drugs_created.extend(result.created)
        for generic in result.updated:
            report.note_drug(generic, "updated")
        for generic in result.drafted:
            report.note_drug(generic, "drafted")
        self.pages = existing_drug_pages(drug_index())
        # Matching uses the reference data, plus the names of drugs editors added themselves.
        # Brand names stored on pages are not used: they include earlier imports' rows, and
        # matching must not depend on what previous runs wrote.
        self.matcher = DrugMatcher.from_reference()
        for page in self.pages.values():
            self.matcher.add(page.title)

    def match(self, document):
        """(generics, unidentified rows, {generic: brand names}) of a document.

        Only brand names the reference data lists for the row's generic reach its drug page.
        A name that is not a valid brand name (markup, unusual characters) is refused; a row
        matching no drug, or more than one, and a row's names the reference does not list,
        go on the article's unidentified brands and attention list, never on a live page."""
        generics, unidentified, brands = [], [], defaultdict(list)
        for row in document.drug_rows:
            refused = [name for name in row if not valid_brand_name(name)]
            row = [name for name in row if valid_brand_name(name)]
            if refused:
                document.attention.append(
                    attention_item(
                        AttentionKind.UNIDENTIFIED_BRAND,
                        "Refused as brand names (markup or characters a brand name does not "
                        "have): check the source's drugs table.",
                        ", ".join(refused),
                    )
                )
            if not row:
                continue
            match = self.matcher.match_row(row)
            if match.generic:
                if match.generic not in generics:
                    generics.append(match.generic)
                known = [name for name in row if self.matcher.is_brand_of(name, match.generic)]
                unknown = [
                    name
                    for name in row
                    if name not in known and not self.matcher.is_generic_name(name)
                ]
                brands[match.generic].extend(known)
                if unknown:
                    unidentified.append(unknown)
                    document.attention.append(
                        attention_item(
                            AttentionKind.UNIDENTIFIED_BRAND,
                            f"Not in the drug reference data, so not added to the "
                            f"{match.generic} page: check them and add them there if right.",
                            ", ".join(unknown),
                        )
                    )
                continue
            unidentified.append(row)
            if match.ambiguous:
                message = (
                    "These brand names match more than one drug "
                    f"({', '.join(match.candidates)}): link the right drug page."
                )
            else:
                message = "These brand names match no known drug: add the drug or its brands."
            document.attention.append(
                attention_item(AttentionKind.UNIDENTIFIED_BRAND, message, ", ".join(row))
            )
        for generic in sorted(self.matcher.names_in(document.prose)):
            if generic not in generics:
                generics.append(generic)
        return generics, unidentified, dict(brands)

    def pages_for(self, generics):
        return [self.pages[name_key(generic)] for generic in generics]

    def merge_brands(self, writes, report):
        """Add every brand name from the articles' drug tables to the generic's page."""
        brands = defaultdict(list)
        for plan in writes:
            for generic, names in plan.brands.items():
                brands[generic].extend(names)
        for generic, names in brands.items():
            page = self.pages[name_key(generic)]
            report.note_drug(page.title, update_drug_page(page, brands=names))
