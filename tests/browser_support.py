"""Debian's Chromium under Playwright, shared by every browser test in the session."""

import os
import shutil

import pytest

from django.db import connections

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def missing(what):
    """Skip on a developer machine; fail in CI, where the browser tests must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing and CI is set: browser tests must run in CI.")
    pytest.skip(f"{what} is missing (run `make browser-deps`)")


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def launch_chromium():
    """Yield one headless Chromium; used by the session fixture `chromium` (tests/conftest.py)."""
    executable = chromium_path()
    if not os.access(executable, os.X_OK):
        missing("Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python")
    # Once Playwright's event loop runs, Django hands this thread new connection objects
    # (they live in context variables). Carry over the test database's serialized contents,
    # which serialized rollback needs to restore the site tree after each browser test.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def collect_console_errors(page):
    """Keep the page's console errors on `page.console_errors`, for tests to assert on."""
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    return page
