"""The bench app is installed only by the bench and test settings, and no runtime app imports it."""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_APPS = [
    "core", "review", "serving", "articles", "drugs", "physicians", "quizzes", "glossary",
    "search", "home", "accounts", "importer", "editorial", "neuropain",
]  # fmt: skip


def installed_apps(module, monkeypatch):
    """INSTALLED_APPS of a settings module, read without configuring Django with it."""
    monkeypatch.setenv("SECRET_KEY", "k" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "neuropain.example")
    return importlib.import_module(f"neuropain.settings.{module}").INSTALLED_APPS


@pytest.mark.parametrize(("module", "has_bench"), [
    ("base", False), ("dev", False), ("production", False), ("bench", True), ("test", True),
])  # fmt: skip
def test_bench_is_installed_only_for_benchmarks_and_tests(module, has_bench, monkeypatch):
    apps = installed_apps(module, monkeypatch)
    assert ("bench" in apps) is has_bench
    if module == "bench":
        assert apps[:-1] == installed_apps("production", monkeypatch)


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_runtime_app_imports_bench():
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for app in RUNTIME_APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        for name in imported_modules(path)
        if name == "bench" or name.startswith("bench.")
    ]
    assert offenders == []
