"""The Spine-health layout: its page furniture and its "Watch:" / "Video:" lines."""

import re

from .blocks import Video

SPINE_HEALTH = "Spine-health"
CHROME_RE = re.compile(r"article continues below|search for a doctor|watch now", re.I)
WATCH_RE = re.compile(r"Watch:\s*(?:Video:\s*)?(?P<title>[A-Z0-9\"“‘'].*?)(?:\s+Video)?")
VIDEO_RE = re.compile(r"Video:\s*(?P<title>[A-Z0-9\"“‘'].*)")
WATCH_NOW_RE = re.compile(r"\s*Watch Now\W*$", re.I)


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
