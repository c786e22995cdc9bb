"""Reading rendered pages the way a browser or a search engine would, and what a script in a
separate process printed."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

JSON_LD_RE = re.compile(
    r'<script type="application/ld\+json"[^>]*>(?P<body>.*?)</script>', re.DOTALL
)


def json_ld(html):
    """Every JSON-LD object on the page, parsed."""
    return [json.loads(match["body"]) for match in JSON_LD_RE.finditer(html)]


def json_ld_of_type(html, schema_type):
    items = [item for item in json_ld(html) if item.get("@type") == schema_type]
    assert len(items) == 1, f"expected one {schema_type}, found {len(items)}"
    return items[0]


class _ElementFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html, tag=None, **attrs):
    """Start tags (tag, attributes) matching the tag name and attribute values given."""
    finder = _ElementFinder()
    finder.feed(html)
    return [
        (name, found)
        for name, found in finder.elements
        if (tag is None or name == tag)
        and all(
            found.get(key.rstrip("_").replace("_", "-")) == value for key, value in attrs.items()
        )
    ]


def element_by_id(html, element_id):
    found = elements(html, id=element_id)
    assert len(found) == 1, f"expected one element with id {element_id!r}, found {len(found)}"
    return found[0]


def meta_content(html, prop):
    found = elements(html, "meta", property=prop) or elements(html, "meta", name=prop)
    assert found, f"no <meta> for {prop}"
    return found[0][1]["content"]


def python_json(args, env, timeout):
    """Run this interpreter with `args` in the project folder: the last line it printed, as
    JSON (it must exit 0)."""
    result = subprocess.run(  # noqa: S603 - this interpreter, arguments of the tests' own
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def redis_test_url(db):
    """A Redis database for tests that share the server at 127.0.0.1:6379: database `db` for
    the first test process, `db + 8` for the second (pytest-xdist), so one process's cache
    flush never empties the other's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    return f"redis://127.0.0.1:6379/{db + 8 * int(worker or 0)}"
