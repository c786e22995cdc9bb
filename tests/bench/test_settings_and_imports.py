"""The bench app is installed only by the bench and test settings, and no runtime app imports it."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_APPS = [
    "core", "review", "serving", "articles", "drugs", "physicians", "quizzes", "glossary",
    "search", "home", "accounts", "importer", "editorial", "neuropain",
]  # fmt: skip


def installed_apps(module):
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": f"neuropain.settings.{module}",
        "SECRET_KEY": "k" * 50,
        "ALLOWED_HOSTS": "neuropain.example",
    }
    output = subprocess.run(  # noqa: S603 - fixed command, this interpreter
        [sys.executable, "-c", "from django.conf import settings; print(settings.INSTALLED_APPS)"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return ast.literal_eval(output.strip())


@pytest.mark.parametrize(("module", "has_bench"), [
    ("base", False), ("dev", False), ("production", False), ("bench", True), ("test", True),
])  # fmt: skip
def test_bench_is_installed_only_for_benchmarks_and_tests(module, has_bench):
    apps = installed_apps(module)
    assert ("bench" in apps) is has_bench
    if module == "bench":
        assert apps[:-1] == installed_apps("production")


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
