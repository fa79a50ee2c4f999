"""The import layers of the package: nothing imports upward, and no two packages import each other.

The layers are the ones the design page draws, bottom to top; a module may import from its own
layer or any layer below it. Imports under ``if TYPE_CHECKING:`` are for annotations only and do
not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import ecm_plan

ROOT = Path(ecm_plan.__file__).parent

#: Bottom to top. A top-level module or package of ``ecm_plan`` sits in exactly one layer.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"_version", "exceptions", "typing", "tables", "units", "periods"}),
    frozenset({"model"}),
    frozenset({"catalog", "io", "findings"}),
    frozenset({"_references", "graph", "plans"}),
    frozenset({"trajectory", "coverage", "dependencies"}),
    frozenset({"monitoring"}),
    frozenset({"report", "frames", "plots", "testing"}),
    frozenset({"cli"}),
    frozenset({"__init__"}),
)


def _layer(unit: str) -> int:
    for index, names in enumerate(LAYERS):
        if unit in names:
            return index
    pytest.fail(f"ecm_plan.{unit} sits in no layer: add it to LAYERS and to the design page")


def _unit_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0].removesuffix(".py")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> set[str]:
    """The top-level ecm_plan units a module imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("ecm_plan", *path.relative_to(ROOT).with_suffix("").parts[:-1]))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    module = ".".join([*base, child.module] if child.module else base)
                else:
                    module = child.module or ""
                found.add(module)
                found.update(f"{module}.{a.name}" for a in child.names)
            visit(child)

    visit(tree)
    units = set()
    for name in found:
        parts = name.split(".")
        if parts[0] == "ecm_plan" and len(parts) > 1:
            candidate = parts[1]
            if (ROOT / candidate).is_dir() or (ROOT / f"{candidate}.py").is_file():
                units.add(candidate)
    return units


def _edges() -> list[tuple[str, str, str]]:
    edges = []
    for path in sorted(ROOT.rglob("*.py")):
        unit = _unit_of(path)
        edges.extend((unit, imported, str(path.relative_to(ROOT))) for imported in _imports(path))
    return edges


class TestLayers:
    def test_nothing_imports_upward(self):
        """Every import of one ecm_plan unit by another goes to the same layer or a lower one."""
        upward = [
            f"{where}: {unit} (layer {_layer(unit)}) imports {imported} (layer {_layer(imported)})"
            for unit, imported, where in _edges()
            if unit != imported and _layer(imported) > _layer(unit)
        ]
        assert [] == upward

    def test_no_cycles_between_units(self):
        """No two top-level units of ecm_plan import each other, directly or round a loop."""
        graph = nx.DiGraph()
        graph.add_edges_from((u, v) for u, v, _ in _edges() if u != v)
        assert [] == sorted(nx.simple_cycles(graph))

    def test_every_unit_has_a_layer(self):
        """Each top-level module and package is placed in one layer."""
        units = {_unit_of(p) for p in ROOT.rglob("*.py")}
        assert set() == {u for u in units if not any(u in layer for layer in LAYERS)}
