"""Reading FDA drug labels in openFDA's drug-label format (import_drug_labels).

A file is `{"meta": {...}, "results": [label, ...]}`, as `.json` or the downloadable
`.json.zip`; the bulk download is gigabytes, so labels are streamed one at a time (ijson) and
only the newest label per drug is kept, already reduced to what the page shows. Every label is
checked for shape; the ones we keep are also checked for markup, sanitised (nh3) and turned
into plain structure: paragraphs, lists and tables of text, never HTML.
"""

import datetime
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import ijson

from core.loading import fingerprint

from .labels_text import LABEL_SECTIONS, table_block, text_blocks

MAX_FIELD_CHARS = 1_000_000  # the longest real sections are a few hundred thousand characters
PROGRESS_BYTES = 1 << 20

NAME_FIELDS = ("generic_name", "brand_name", "substance_name", "rxcui", "manufacturer_name")

# Markup in a text field: openFDA's text fields are plain text, so a tag there means the file
# is not what it claims. Element names only, so "CrCl <30" or "x<y and z>w" are text.
HTML_TAG = re.compile(
    r"<\s*/?\s*(?:script|style|iframe|object|embed|form|input|button|img|svg|math|link|meta|"
    r"a|p|div|span|b|i|u|em|strong|br|hr|ul|ol|li|table|tr|td|th|h[1-6]|font|html|body|head|"
    r"base|title|sup|sub)\b[^<>]*>",
    re.IGNORECASE,
)
# Never acceptable anywhere, tables included.
ACTIVE_MARKUP = re.compile(
    r"<\s*(?:script|style|iframe|object|embed|form)\b|<[a-z][^<>]*\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)
SET_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")
EFFECTIVE_TIME = re.compile(r"^\d{8}$")


class LabelFileError(ValueError):
    """A file that is not a usable openFDA drug-label file; the message says where and why."""


@dataclass(frozen=True)
class LabelNames:
    """What identifies a label, read from every label in the file."""

    set_id: str
    version: str
    effective_time: str
    generics: tuple[str, ...]
    substances: tuple[str, ...]
    brands: tuple[str, ...]
    rxcuis: tuple[str, ...]

    @property
    def named(self):
        """Whether anything in 'openfda' says which medicine this is."""
        return bool(self.generics or self.substances or self.brands or self.rxcuis)

    @property
    def recency(self):
        version = int(self.version) if self.version.isdigit() else 0
        return (self.effective_time, version, self.set_id)


@dataclass(frozen=True)
class PreparedLabel:
    """A label ready to store: what the drug page shows."""

    set_id: str
    version: str
    effective_date: datetime.date
    title: str
    sections: list
    fingerprint: str


# Files ---------------------------------------------------------------------------------------


class CountingReader:
    """A binary stream that reports the bytes read to a progress bar."""

    def __init__(self, stream, progress=None):
        self.stream, self.progress, self.pending = stream, progress, 0

    def read(self, size=-1):
        data = self.stream.read(size)
        if self.progress is not None:
            self.pending += len(data)
            if self.pending >= PROGRESS_BYTES or not data:
                self.progress.update(self.pending)
                self.pending = 0
        return data


def file_size(path):
    """Bytes to read (uncompressed, for a ZIP), for the progress bar."""
    path = Path(path)
    if path.name.lower().endswith(".zip"):
        try:
            with zipfile.ZipFile(path) as archive:
                return sum(i.file_size for i in archive.infolist() if _is_json(i.filename))
        except zipfile.BadZipFile:
            return 0
    return path.stat().st_size


def check_path(path):
    """Fail before anything is read: a missing file or one of another kind."""
    path = Path(path)
    if path.is_dir():
        raise LabelFileError(f"{path}: a folder; name the .json or .json.zip files in it")
    if not path.is_file():
        raise OSError(2, "No such file", str(path))
    name = path.name.lower()
    if not (name.endswith(".json") or name.endswith(".zip")):
        raise LabelFileError(f"{path}: expected an openFDA drug-label file (.json or .json.zip)")


def _is_json(name):
    return name.lower().endswith(".json") and not name.startswith("__MACOSX/")


@contextmanager
def json_streams(path):
    """(name, opener) for each JSON document in `path`: the file, or each .json in the ZIP."""
    path = Path(path)
    if not path.name.lower().endswith(".zip"):
        yield [(str(path), lambda: open(path, "rb"))]
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise LabelFileError(f"{path}: not a ZIP archive") from None
    with archive:
        members = [name for name in archive.namelist() if _is_json(name)]
        if not members:
            raise LabelFileError(f"{path}: the ZIP archive holds no .json file")
        yield [(f"{path}:{name}", lambda name=name: archive.open(name)) for name in members]


def read_labels(name, opener, progress=None):
    """Every label object in one JSON document, streamed; raises LabelFileError on a file
    that is not JSON or not `{"results": [...]}`."""
    count = 0
    with opener() as raw:
        first = raw.read(1)
        while first and first.isspace():
            first = raw.read(1)
        if first != b"{":
            raise LabelFileError(
                f"{name}: not an openFDA drug-label file (expected a JSON object with 'results')"
            )
        stream = CountingReader(_Prefixed(first, raw), progress)
        try:
            for label in ijson.items(stream, "results.item", use_float=True):
                count += 1
                if not isinstance(label, dict):
                    raise LabelFileError(f"{name}: result {count} is not a label object")
                yield count, label
        except ijson.JSONError as error:
            raise LabelFileError(f"{name}: not valid JSON ({_short(error)})") from None
        except UnicodeDecodeError:
            raise LabelFileError(f"{name}: not UTF-8 text") from None
    if count == 0 and not _has_results_list(name, opener):
        raise LabelFileError(f"{name}: no 'results' list (not an openFDA drug-label file)")


class _Prefixed:
    """A stream with bytes already read put back in front."""

    def __init__(self, head, stream):
        self.head, self.stream = head, stream

    def read(self, size=-1):
        if size == 0:  # ijson asks for nothing to learn whether the stream gives bytes
            return b""
        if self.head:
            head, self.head = self.head, b""
            return head + self.stream.read(size - len(head) if size > 0 else size)
        return self.stream.read(size)


def _has_results_list(name, opener):
    with opener() as raw:
        try:
            for prefix, event, _value in ijson.parse(raw):
                if prefix == "results" and event == "start_array":
                    return True
        except ijson.JSONError as error:
            raise LabelFileError(f"{name}: not valid JSON ({_short(error)})") from None
    return False


def _short(error):
    return " ".join(str(error).split())[:120]


# One label -----------------------------------------------------------------------------------


def _strings(value, where):
    """A list of strings from an openFDA array field (a lone string is accepted)."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LabelFileError(f"{where}: expected a list of text")
    return tuple(value)


def label_names(label, where):
    """Check a label's shape and size and read what identifies it."""
    set_id = label.get("set_id")
    if not isinstance(set_id, str) or not SET_ID.match(set_id):
        raise LabelFileError(f"{where}: missing or malformed 'set_id'")
    where = f"{where} (set id {set_id})"
    effective = label.get("effective_time")
    if not isinstance(effective, str) or not EFFECTIVE_TIME.match(effective):
        raise LabelFileError(f"{where}: 'effective_time' must be a date as YYYYMMDD")
    _parse_date(effective, where)
    openfda = label.get("openfda") or {}
    if not isinstance(openfda, dict):
        raise LabelFileError(f"{where}: 'openfda' must be an object")
    for key, value in label.items():
        if key in ("openfda", "set_id", "effective_time", "version", "id"):
            continue
        size = sum(len(text) for text in _strings(value, f"{where}: '{key}'"))
        if size > MAX_FIELD_CHARS:
            raise LabelFileError(
                f"{where}: '{key}' is {size:,} characters, over the limit of {MAX_FIELD_CHARS:,}"
            )
    names = {key: _strings(openfda.get(key), f"{where}: 'openfda.{key}'") for key in NAME_FIELDS}
    version = label.get("version", "")
    return LabelNames(
        set_id=set_id,
        version=str(version)[:20] if isinstance(version, (str, int)) else "",
        effective_time=effective,
        generics=names["generic_name"],
        substances=names["substance_name"],
        brands=names["brand_name"],
        rxcuis=tuple(code.strip() for code in names["rxcui"]),
    )


def _parse_date(value, where):
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise LabelFileError(f"{where}: 'effective_time' {value} is not a date") from None


def check_markup(label, names, where):
    """Markup where the format has plain text is bad input, as is active content anywhere."""
    for key, _title in LABEL_SECTIONS:
        for field in (key, f"{key}_table"):
            for text in _strings(label.get(field), where):
                found = ACTIVE_MARKUP.search(text) or (
                    HTML_TAG.search(text) if field == key else None
                )
                if found:
                    raise LabelFileError(
                        f"{where} (set id {names.set_id}): HTML in '{field}' "
                        f"({found.group(0)[:30]!r}); openFDA text fields are plain text"
                    )


def prepare(label, names):
    """The label as the drug page stores it."""
    openfda = label.get("openfda") or {}
    sections = []
    for key, title in LABEL_SECTIONS:
        blocks = []
        for text in _strings(label.get(key), key):
            blocks.extend(text_blocks(text))
        for table in _strings(label.get(f"{key}_table"), key):
            block = table_block(table)
            if block:
                blocks.append(block)
        if blocks:
            sections.append({"key": key, "title": title, "blocks": blocks})
    effective = _parse_date(names.effective_time, names.set_id)
    title = label_title(openfda)
    values = {
        "set_id": names.set_id,
        "version": names.version,
        "effective_date": effective.isoformat(),
        "title": title,
        "sections": sections,
    }
    return PreparedLabel(
        set_id=names.set_id,
        version=names.version,
        effective_date=effective,
        title=title,
        sections=sections,
        fingerprint=fingerprint(values),
    )


def label_title(openfda):
    def first(key):
        values = openfda.get(key) or []
        return " ".join(str(values[0]).split()) if values else ""

    brand, generic, maker = first("brand_name"), first("generic_name"), first("manufacturer_name")
    title = brand or generic
    if brand and generic and brand.casefold() != generic.casefold():
        title = f"{brand} ({generic.lower()})"
    if maker:
        title = f"{title}, {maker}" if title else maker
    return title[:255]
