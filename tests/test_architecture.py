"""The floor plan (README "Architecture"): an app imports only apps on lower floors, no two
modules import each other in a circle, and no module grows past 400 lines.

Read from the source with the standard library's AST, so an import inside a function counts
as much as one at the top of a file. Tests are left out: they may import anything.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Ground floor first. Apps on the same floor never import each other.
FLOORS = {
    "core": 0,
    "review": 1,
    "serving": 1,
    "articles": 2,
    "drugs": 2,
    "glossary": 2,
    "physicians": 2,
    "quizzes": 2,
    "trust": 2,
    "search": 3,
    "home": 3,
    "accounts": 3,
    "importer": 4,
    "editorial": 5,
    "bench": 6,
    "neuropain": 7,
}
MAX_LINES = 400
# Folders that hold no code of ours.
NOT_CODE = {"tests", "node_modules", "static", "templates", "staticfiles", "media", "artifacts"}


def our_packages():
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if path.is_dir()
        and not path.name.startswith(".")
        and path.name not in NOT_CODE
        and any(path.rglob("*.py"))
    )


def python_files():
    for package in our_packages():
        yield from sorted((ROOT / package).rglob("*.py"))


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_package(path):
    return path.name == "__init__.py"


def imported_modules(path, known):
    """Every module of ours `path` imports, wherever the import statement stands."""
    return modules_imported_by(
        path.read_text(encoding="utf-8"), module_name(path), is_package(path), known
    )


def modules_imported_by(source, here, package_init, known):
    tree = ast.parse(source)
    package = here if package_init else here.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from core import text` imports the module core.text when there is one.
            names = [
                f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in known else prefix
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != here:
                found.add(name)
    return found


@pytest.fixture(scope="module")
def graph():
    files = {module_name(path): path for path in python_files()}
    known = set(files)
    return {name: imported_modules(path, known) for name, path in files.items()}, files


def test_every_app_has_a_floor():
    unplaced = [name for name in our_packages() if name not in FLOORS]
    assert not unplaced, f"Give these packages a floor in FLOORS and README: {unplaced}"


def test_apps_import_only_lower_floors(graph):
    imports, _files = graph
    wrong = []
    for module, targets in imports.items():
        app = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other != app and FLOORS[other] >= FLOORS[app]:
                wrong.append(f"{module} -> {target} (floor {FLOORS[app]} -> {FLOORS[other]})")
    assert not wrong, "Imports against the floor plan:\n" + "\n".join(sorted(wrong))


def strongly_connected(imports):
    """Tarjan's algorithm: the groups of modules that reach each other."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in imports.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            groups.append(sorted(group))

    for node in sorted(imports):
        if node not in index:
            visit(node)
    return groups


def test_no_import_circles(graph):
    imports, files = graph
    # A package's __init__ importing its own modules is not a circle of design.
    edges = defaultdict(set)
    for module, targets in imports.items():
        for target in targets:
            if not (is_package(files[target]) and module.startswith(target + ".")):
                edges[module].add(target)
    circles = [group for group in strongly_connected(edges) if len(group) > 1]
    assert not circles, f"Modules that import each other: {circles}"


def test_no_module_over_400_lines():
    long = []
    for path in python_files():
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert not long, f"Split these modules (over {MAX_LINES} lines): {long}"


def test_the_walk_sees_every_kind_of_import():
    """Imports inside functions and relative imports count (the rules are not vacuous)."""
    source = (
        "from . import text\n"
        "from .models import Person\n"
        "def f():\n"
        "    from articles.models import ArticlePage\n"
        "    import review.due\n"
    )
    known = {"core", "core.text", "core.models", "articles.models", "review", "review.due"}
    found = modules_imported_by(source, "core.example", False, known)
    assert found == {"core.text", "core.models", "articles.models", "review.due"}
