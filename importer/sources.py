"""Finding and reading the text files an import is asked to read, refusing bad input early.

Everything is checked before the database is touched, so a bad file leaves it exactly as it was.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from .document import normalise_url

SEED_DIR = Path(__file__).resolve().parent / "seed"
MANIFEST_NAME = "manifest.json"
MAX_BYTES = 5 * 1024 * 1024
MANIFEST_KEYS = ("title", "publisher", "url")
URL_MAX = 200  # ArticlePage.source_url


class SourceError(ValueError):
    """Input the import refuses; the message is one line naming the file."""


@dataclass
class Source:
    """One document to import, with the metadata its folder's manifest gives it."""

    path: Path
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None

    @property
    def name(self):
        return self.path.name

    @property
    def fallback_title(self):
        """A title from the file name, for when the text has no whole title line."""
        words = " ".join(self.path.stem.replace("_", " ").replace("-", " ").split())
        return words[:1].upper() + words[1:] if words else ""


def find_files(paths):
    """The .txt files named by `paths` (files, or folders of .txt files), in a stable order."""
    if not paths:
        paths = [SEED_DIR]
    found, seen = [], set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() == ".txt" and not p.name.startswith(".")
            )
            files = [p for p in files if p.is_file()]
            if not files:
                raise SourceError(f"{path}: folder has no .txt files")
        elif path.is_file():
            files = [path]
        elif path.exists():
            raise SourceError(f"{path}: not a regular file or folder")
        else:
            raise SourceError(f"{path}: no such file or folder")
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def read_text(path):
    """The file's text, or SourceError: too big, empty, binary, not UTF-8, only whitespace."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(
                f"{path}: file is {size / 1024 / 1024:.1f} MB, over the {MAX_BYTES // 1024 // 1024} MB limit"
            )
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot read file ({error.strerror or error})") from error
    if not data:
        raise SourceError(f"{path}: file is empty")
    if b"\x00" in data:
        raise SourceError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and len(data) - error.start < 4:
            # Cut off in the middle of a character: the text up to it is whole.
            text = data[: error.start].decode("utf-8-sig")
        else:
            raise SourceError(
                f"{path}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset {error.start})"
            ) from error
    if not text.strip():
        raise SourceError(f"{path}: file holds only whitespace")
    return text


def read_manifest(folder, cache):
    """Per-file title/publisher overrides from the folder's manifest.json, if it has one."""
    if folder in cache:
        return cache[folder]
    path = folder / MANIFEST_NAME
    manifest = {}
    if path.is_file():
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise SourceError(f"{path}: not a readable JSON manifest ({error})") from error
        valid = isinstance(manifest, dict) and all(
            isinstance(entry, dict)
            and all(isinstance(entry.get(k, ""), str) for k in MANIFEST_KEYS)
            for entry in manifest.values()
        )
        if not valid:
            raise SourceError(
                f'{path}: expected {{file name: {{"title": ..., "publisher": ..., "url": ...}}}}'
            )
        for name, entry in manifest.items():
            url = (entry.get("url") or "").strip()
            if url and (not normalise_url(url) or len(url) > URL_MAX):
                raise SourceError(
                    f"{path}: {name}: url must be an http(s) address (at most {URL_MAX} characters)"
                )
    cache[folder] = manifest
    return manifest


def read_sources(paths):
    """Every document to import, read and checked; raises SourceError on the first bad one."""
    manifests = {}
    sources = []
    for path in find_files(paths):
        text = read_text(path)
        entry = read_manifest(path.parent, manifests).get(path.name, {})
        sources.append(
            Source(
                path=path,
                text=text,
                title=(entry.get("title") or "").strip() or None,
                publisher=(entry.get("publisher") or "").strip() or None,
                url=(entry.get("url") or "").strip() or None,
            )
        )
    return sources
