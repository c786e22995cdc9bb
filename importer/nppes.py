"""Reading the NPPES (National Plan and Provider Enumeration System) data file: the public
monthly list of US health care providers, one CSV row per NPI, every value double-quoted,
with the column names of CMS's "Data Dissemination" readme.

The file is several gigabytes, so it is streamed: one line at a time through the csv module,
only the columns we need looked at, and matching providers written in batches, so memory
stays flat whatever the file's size. Only individual providers (entity type 1) whose
taxonomy codes map to a NeuroPain specialty are kept.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from physicians.choices import US_STATES, Specialty

TAXONOMY_MAP = Path(__file__).resolve().parent / "data" / "nppes_taxonomies.json"
TAXONOMY_SLOTS = 15

COLUMNS = {
    "npi": "NPI",
    "entity": "Entity Type Code",
    "last": "Provider Last Name (Legal Name)",
    "first": "Provider First Name",
    "credential": "Provider Credential Text",
    "address1": "Provider First Line Business Practice Location Address",
    "address2": "Provider Second Line Business Practice Location Address",
    "city": "Provider Business Practice Location Address City Name",
    "state": "Provider Business Practice Location Address State Name",
    "postal": "Provider Business Practice Location Address Postal Code",
    "phone": "Provider Business Practice Location Address Telephone Number",
    "deactivated": "NPI Deactivation Date",
    "reactivated": "NPI Reactivation Date",
}
TAXONOMY_COLUMN = "Healthcare Provider Taxonomy Code_{}"
PRIMARY_COLUMN = "Healthcare Provider Primary Taxonomy Switch_{}"

STATES = {code for code, _name in US_STATES}
NPI_RE = re.compile(r"\d{10}")
TAXONOMY_RE = re.compile(r"[0-9A-Z]{9}X")
# Words kept in capitals when tidying the file's all-capitals names and addresses.
KEEP_UPPER = {"NE", "NW", "SE", "SW", "N", "S", "E", "W", "PO", "II", "III", "IV", "MD", "DO"}


class NppesError(Exception):
    """Input we cannot import: the message is one line saying where and why."""


@dataclass
class Provider:
    """One row, read: an NPI and what it means for the directory."""

    npi: str
    deactivated_on: datetime.date | None = None
    values: dict | None = None  # listing fields, when the row is a provider we keep
    skip: str = ""  # why a row is not kept, when it is not


@dataclass
class Counts:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edits: int = 0
    deactivated: int = 0
    no_longer_matching: int = 0
    skipped: dict = field(default_factory=dict)

    @property
    def unlisted(self):
        return self.deactivated + self.no_longer_matching

    def skip(self, reason):
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def load_taxonomy_map(path=TAXONOMY_MAP):
    """{NUCC taxonomy code: specialty slug}, checked."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NppesError(f"taxonomy map {path}: {exc}") from exc
    mapping = {code: slug for code, slug in entries.items() if not code.startswith("_")}
    for code, slug in mapping.items():
        if not TAXONOMY_RE.fullmatch(code):
            raise NppesError(f"taxonomy map {path}: {code!r} is not a NUCC taxonomy code")
        if slug not in Specialty.values:
            raise NppesError(f"taxonomy map {path}: {slug!r} is not one of our specialties")
    return mapping


def tidy(text):
    """'200 FIRST ST SW' -> '200 First St SW'; "O'BRIEN-SMITH" -> "O'Brien-Smith"."""
    words = []
    for word in text.split():
        if word.upper() in KEEP_UPPER:
            words.append(word.upper())
        elif word[0].isdigit():
            words.append(word.lower())
        else:
            words.append(word.title() if word.isupper() or word.islower() else word)
    return " ".join(words)


def parse_date(text, line):
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError:
        raise NppesError(f"line {line}: {text!r} is not a date like 12/31/2024") from None


class RowReader:
    """Turns the file's rows into Providers; knows the column positions from the header."""

    def __init__(self, header, taxonomy_map):
        missing = [
            name
            for name in [
                *COLUMNS.values(),
                *(TAXONOMY_COLUMN.format(n) for n in range(1, TAXONOMY_SLOTS + 1)),
                *(PRIMARY_COLUMN.format(n) for n in range(1, TAXONOMY_SLOTS + 1)),
            ]
            if name not in header
        ]
        if missing:
            raise NppesError(
                f"not an NPPES data file: the header has no column {missing[0]!r}"
                + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
            )
        position = {name: index for index, name in enumerate(header)}
        self.width = len(header)
        self.at = {key: position[name] for key, name in COLUMNS.items()}
        self.taxonomies = [
            (position[TAXONOMY_COLUMN.format(n)], position[PRIMARY_COLUMN.format(n)])
            for n in range(1, TAXONOMY_SLOTS + 1)
        ]
        self.taxonomy_map = taxonomy_map

    def read(self, row, line):
        if len(row) != self.width:
            raise NppesError(f"line {line}: expected {self.width} fields, found {len(row)}")
        at = self.at
        npi = row[at["npi"]].strip()
        if not NPI_RE.fullmatch(npi):
            raise NppesError(f"line {line}: NPI {npi[:20]!r} is not 10 digits")
        deactivated = parse_date(row[at["deactivated"]].strip(), line)
        reactivated = parse_date(row[at["reactivated"]].strip(), line)
        if deactivated and not (reactivated and reactivated >= deactivated):
            return Provider(npi, deactivated_on=deactivated, skip="deactivated NPI")
        if row[at["entity"]].strip() != "1":
            return Provider(npi, skip="organisation, not an individual")
        specialty = self.specialty(row)
        if specialty is None:
            return Provider(npi, skip="no taxonomy code we list")
        return self.provider(npi, specialty, row)

    def specialty(self, row):
        """The primary taxonomy's specialty if we list it, else the first listed one's."""
        found = None
        for code_at, primary_at in self.taxonomies:
            slug = self.taxonomy_map.get(row[code_at].strip())
            if slug and row[primary_at].strip() == "Y":
                return slug
            found = found or slug
        return found

    def provider(self, npi, specialty, row):
        at = self.at
        state = row[at["state"]].strip().upper()
        zip_code = re.sub(r"\D", "", row[at["postal"]])[:5]
        city = tidy(row[at["city"]])
        last, first = tidy(row[at["last"]]), tidy(row[at["first"]])
        if state not in STATES:
            return Provider(npi, skip="practice outside the states we list")
        if len(zip_code) != 5 or not city or not last:
            return Provider(npi, skip="practice address or name incomplete")
        credential = row[at["credential"]].strip()
        name = " ".join(part for part in (first, last) if part)
        street = ", ".join(tidy(row[at[key]]) for key in ("address1", "address2") if row[at[key]])
        phone = re.sub(r"\D", "", row[at["phone"]])
        values = {
            "name": f"{name}, {credential}"[:255] if credential else name[:255],
            "specialty": specialty,
            "address": street[:255],
            "city": city[:100],
            "state": state,
            "zip_code": zip_code,
            "phone": f"{phone[:3]}-{phone[3:6]}-{phone[6:]}" if len(phone) == 10 else "",
        }
        return Provider(npi, values=values)
