"""The stylesheet's colour pairs meet WCAG 2.2 AA contrast (4.5:1 for text), computed from site.css."""

import re

import pytest

from django.conf import settings

SITE_CSS = settings.BASE_DIR / "static" / "css" / "site.css"

# (text colour, background colour) pairs the stylesheet uses for text.
TEXT_PAIRS = [
    ("--ink", "--paper"),
    ("--ink", "--tint"),
    ("--ink", "--notice"),
    ("--ink", "--focus"),
    ("--muted", "--paper"),
    ("--muted", "--tint"),
    ("--muted", "--notice"),
    ("--link", "--paper"),
    ("--link", "--tint"),
    ("--link", "--notice"),
    ("--ink", "--tint-strong"),
    ("--link", "--tint-action"),
    ("--ink", "--tint-action"),
    ("--muted", "--quiet"),
    ("--link-hover", "--paper"),
    ("--visited", "--paper"),
    ("--visited", "--tint"),
    ("--error", "--paper"),
    ("#ffffff", "--brand"),
    ("#ffffff", "--brand-dark"),
    ("#ffffff", "--action"),
    ("#ffffff", "--action-dark"),
]
# Non-text contrast (WCAG 1.4.11, 3:1): the focus highlight against the header it sits on,
# the dark underline of the focus style against the highlight, and field borders.
NON_TEXT_PAIRS = [
    ("--warning", "--notice"),
    ("--focus", "--brand"),
    ("--focus", "--brand-dark"),
    ("--ink", "--focus"),
    ("--line-strong", "--paper"),
]


def palette():
    root = re.search(r":root\s*{(.*?)}", SITE_CSS.read_text(), re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", root))


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def resolve(colours, name):
    return name if name.startswith("#") else colours[name]


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_colours_reach_4_5_to_1(text, background):
    colours = palette()
    ratio = contrast(resolve(colours, text), resolve(colours, background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize(("colour", "background"), NON_TEXT_PAIRS)
def test_focus_and_borders_reach_3_to_1(colour, background):
    colours = palette()
    ratio = contrast(resolve(colours, colour), resolve(colours, background))
    assert ratio >= 3, f"{colour} against {background}: {ratio:.2f}:1"


def test_every_hard_coded_text_colour_is_in_the_checked_palette():
    """Text colours outside :root would escape the checks above."""
    css = SITE_CSS.read_text()
    body = css[css.index("}", css.index(":root")) :]
    allowed = {"#fff", "#ffffff"}
    stray = set(re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})", body)) - allowed
    assert not stray, f"text colours not in the palette: {stray}"
