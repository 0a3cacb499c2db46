"""The import graph keeps the layout's promises: no circles, one direction, Pelican at the edge.

Every module under `checks/` and `generator/` is parsed (not imported) and each import
statement becomes an edge: module level, inside functions and under `TYPE_CHECKING`
alike (a type-only import is still a dependency of the design). `from x import y` is
an edge to `x.y` when that is a module, else to `x`; relative imports are resolved.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("checks", "generator")
PLUGIN = "refcat.generator.pelican_plugin"
# The takedown fallback reads SITENAME with Pelican's settings reader, lazily: it must
# work when the build (and the plugin) failed.
LAZY_PELICAN = {PLUGIN, "refcat.generator.build.unavailable"}
CATALOGS = ("refcat.generator.public", "refcat.generator.internal")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # a module of the project, or a third-party name as written
    line: int
    top_level: bool  # at module level (under `if TYPE_CHECKING:` included)

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} (line {self.line})"


def modules(root: Path, packages: tuple[str, ...] = PACKAGES) -> dict[str, Path]:
    """Dotted module name -> file; a package's `__init__.py` is the package's name."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = ("refcat", *path.relative_to(root).with_suffix("").parts)  # installed as
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    top = {id(node) for node in _top_level(tree.body)}
    for node in ast.walk(tree):
        for target in _targets(node, package, known):
            yield Import(name, target, node.lineno, id(node) in top)


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run on import: module level, inside `if`/`try` blocks, not in defs."""
    for node in body:
        yield node
        if isinstance(node, ast.If | ast.Try):
            blocks = [node.body, node.orelse, getattr(node, "finalbody", [])]
            blocks += [handler.body for handler in getattr(node, "handlers", [])]
            for block in blocks:
                yield from _top_level(block)


def _targets(node: ast.AST, package: str, known: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    submodules = [f"{base}.{alias.name}" for alias in node.names]
    return list(dict.fromkeys(m if m in known else base for m in submodules))


def graph(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[Import]:
    known = modules(root, packages)
    return [edge for name, path in known.items() for edge in imports(name, path, known)]


def cycles(edges: list[Import]) -> list[list[Import]]:
    """One circle of imports per strongly connected group of modules (Tarjan)."""
    internal = [e for e in edges if e.target in {x.source for x in edges}]
    successors: dict[str, list[Import]] = {}
    for edge in internal:
        successors.setdefault(edge.source, []).append(edge)
    found = []
    for group in sorted(_strongly_connected(successors), key=min):
        start = min(group)
        if len(group) > 1 or any(e.target == start for e in successors.get(start, [])):
            found.append(_circle(start, group, successors))
    return found


def _strongly_connected(successors: dict[str, list[Import]]) -> list[set[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for edge in successors.get(node, []):
            if edge.target not in index:
                visit(edge.target)
                low[node] = min(low[node], low[edge.target])
            elif edge.target in stack:
                low[node] = min(low[node], index[edge.target])
        if low[node] == index[node]:
            group = {stack.pop()}
            while node not in group:
                group.add(stack.pop())
            groups.append(group)

    for node in sorted(successors):
        if node not in index:
            visit(node)
    return groups


def _circle(start: str, group: set[str], successors: dict[str, list[Import]]) -> list[Import]:
    """The shortest path of imports from `start` back to itself within its group."""
    paths: dict[str, list[Import]] = {start: []}
    queue = [start]
    for node in queue:
        for edge in successors.get(node, []):
            if edge.target == start:
                return [*paths[node], edge]
            if edge.target in group and edge.target not in paths:
                paths[edge.target] = [*paths[node], edge]
                queue.append(edge.target)
    raise AssertionError(f"no circle through {start}")


@pytest.fixture(scope="module")
def edges() -> list[Import]:
    return graph(ROOT)


def _named(edges: list[Import], *prefixes: str) -> list[Import]:
    return [e for e in edges if e.target.split(".")[0] in prefixes]


def test_no_module_imports_itself_through_others(edges):
    circles = [" ; ".join(map(str, circle)) for circle in cycles(edges)]
    assert circles == [], "import circles:\n" + "\n".join(circles)


def test_checks_needs_neither_the_catalogs_nor_pelican_nor_jinja(edges):
    """`generator` imports `checks`, never the reverse; Markup is jinja's, not the review's."""
    ours = [e for e in edges if e.source.startswith("refcat.checks")]
    wrong = _named(ours, "refcat.generator", "pelican", "jinja2", "markupsafe")
    assert [str(e) for e in wrong] == []


def test_pelican_is_imported_at_module_level_only_by_the_plugin(edges):
    pelican = _named(edges, "pelican")
    assert {e.source for e in pelican if e.top_level} == {PLUGIN}
    assert {e.source for e in pelican} <= LAZY_PELICAN


@pytest.mark.parametrize(("catalog", "other"), [CATALOGS, CATALOGS[::-1]])
def test_a_catalog_does_not_borrow_from_the_other(edges, catalog, other):
    """Shared words live in generator.terms; a catalog imports neither the other one's
    modules nor its vocabulary."""
    borrowed = [e for e in edges if e.source.startswith(catalog) and e.target.startswith(other)]
    assert [str(e) for e in borrowed] == []


def test_the_shared_vocabulary_imports_neither_catalog(edges):
    used = {e.target for e in edges if e.source == "refcat.generator.terms"}
    assert not any(t.startswith(CATALOGS) for t in used)


def test_a_circle_is_found_whatever_the_import_form(tmp_path):
    """The walker itself: relative, function-level and `from package import module`."""
    files = {
        "checks/__init__.py": "",
        "checks/a.py": "from refcat.checks import b\n",
        "checks/b.py": "def late():\n    from .c import thing\n",
        "checks/c.py": "import refcat.checks.a\nthing = 1\n",
        "checks/d.py": "from refcat.checks.c import thing\n",
        "generator/__init__.py": "from refcat import generator\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = cycles(graph(tmp_path))
    assert [[(e.source, e.target) for e in circle] for circle in found] == [
        [
            ("refcat.checks.a", "refcat.checks.b"),
            ("refcat.checks.b", "refcat.checks.c"),
            ("refcat.checks.c", "refcat.checks.a"),
        ],
        [("refcat.generator", "refcat.generator")],
    ]
    late = next(e for e in graph(tmp_path) if e.source == "refcat.checks.b")
    assert (late.line, late.top_level) == (2, False)
