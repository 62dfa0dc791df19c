"""The library stays below the window: `app` never imports Qt or `ui`, and no module imports itself
back through another (an import circle)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "ui", "quanze")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function, resolved to its full name."""
    names: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def sources(package: str) -> dict[str, Path]:
    return {module_name(p): p for p in sorted((ROOT / package).rglob("*.py"))}


def test_app_never_imports_qt_or_ui_even_inside_a_function() -> None:
    offenders = {name: sorted(n for n in imported_modules(path)
                              if n.split(".")[0] in ("ui", "quanze", "PySide6", "shiboken6"))
                 for name, path in sources("app").items()}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_every_app_module_loads_no_qt() -> None:
    names = sorted(sources("app"))
    code = ("import importlib, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert len(names) > 40


def import_graph() -> dict[str, set[str]]:
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        modules.update(sources(package))
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {n for n in imported_modules(path) if n in modules and n != name
                       and not name.startswith(n + ".")}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle once, as the path that closes it (depth-first search)."""
    found: list[list[str]] = []
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                found.append([*path[path.index(nxt):], nxt])
            elif nxt not in done:
                visit(nxt, [*path, nxt])
        done.add(node)

    for start in sorted(graph):
        if start not in done:
            visit(start, [start])
    return found


def test_no_import_circles() -> None:
    graph = import_graph()
    assert "app.tables.grid" in graph["app.tables.workbook_reader"]
    assert circles(graph) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def sql_outside_storage(path: Path) -> list[str]:
    """Each place a module runs SQL or reaches the repository's connection, as `line: text`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            sql_call = node.attr in ("execute", "executemany", "executescript")
            connection = node.attr == "_db" or (
                node.attr == "db" and isinstance(node.value, (ast.Name, ast.Attribute))
                and (node.value.id if isinstance(node.value, ast.Name) else node.value.attr)
                .endswith("repo"))
            if sql_call or connection:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_sql_and_no_connection_outside_storage() -> None:
    offenders = {}
    for package in PACKAGES:
        for name, path in sources(package).items():
            if not name.startswith("app.storage"):
                offenders[name] = sql_outside_storage(path)
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_sql_finder_finds_sql_and_the_connection(tmp_path: Path) -> None:
    source = tmp_path / "page.py"
    source.write_text("n = self.repo.db.execute('SELECT 1')\nrepo._db.conn\nws.db\n", encoding="utf-8")
    assert sorted(sql_outside_storage(source)) == ["1: self.repo.db", "1: self.repo.db.execute",
                                                   "2: repo._db"]


def test_the_repository_keeps_its_connection_private(empty_repo) -> None:
    assert not hasattr(empty_repo, "db")
