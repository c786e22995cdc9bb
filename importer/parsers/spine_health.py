"""The Spine-health layout: its page furniture and its "Watch:" / "Video:" lines."""

import re

from .blocks import Video

SPINE_HEALTH = "Spine-health"
CHROME_RE = re.compile(r"article continues below|search for a doctor|watch now", re.I)
WATCH_RE = re.compile(r"Watch:\s*(?:Video:\s*)?(?P<title>[A-Z0-9\"“‘'].*?)(?:\s+Video)?")
VIDEO_RE = re.compile(r"Video:\s*(?P<title>[A-Z0-9\"“‘'].*)")
WATCH_NOW_RE = re.compile(r"\s*Watch Now\W*$", re.I)
# A slideshow's title line ("Slideshow: 7 Ways to ..." or "... Slideshow").
SLIDESHOW_RE = re.compile(r"Slideshow:\s*(?P<title>\S.*)|(?P<before>\S.*?)\s+Slideshow", re.I)
# Image alt text and slide furniture a scrape of a slideshow leaves as lines of their own.
ALT_TEXT_RE = re.compile(
    r"(?:image|photo|picture|illustration|graphic)(?:\s+of\b|\s*:)\s*\S.*"
    r"|\S.*?\s*[-–—|:]?\s*(?:slideshow cover|slideshow image|cover image|slide \d+ (?:image|photo))"
    r"|slide \d+(?:\s*(?:of|/)\s*\d+)?",
    re.I,
)


def take_slideshow_title(lines: list[str]) -> str:
    """Remove a slideshow's title line; returns the title, or ""."""
    for i, line in enumerate(lines):
        match = SLIDESHOW_RE.fullmatch(" ".join(line.split()))
        if match and len(line.split()) <= 16:
            lines[i] = ""
            return (match["title"] or match["before"]).strip()
    return ""


def is_alt_text(line: str) -> bool:
    return len(line.split()) <= 20 and ALT_TEXT_RE.fullmatch(line) is not None


def video_block(units, i):
    """A "Watch: X" or "Video: X" line (and a "... Watch Now" teaser under it) as a Video."""
    text = units[i].text
    video = WATCH_RE.fullmatch(text) or VIDEO_RE.fullmatch(text)
    if video and len(text.split()) <= 16:
        following = units[i + 1] if i + 1 < len(units) else None
        if following and not following.bullet and WATCH_NOW_RE.search(following.text):
            return Video(video["title"], WATCH_NOW_RE.sub("", following.text)), 2
        return Video(video["title"]), 1
    return None
