"""The import layers of ecm_plan: what they are, the imports between them, and their picture.

The design page draws the picture from this module at build time, and the test suite checks the
package against the same layers, so the page and the code cannot drift apart.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

#: Bottom to top. A top-level module or package of ``ecm_plan`` sits in exactly one layer and may
#: import from its own layer or any layer below.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundations",
        ("_version", "_deprecation", "_args", "_gc", "exceptions", "tables", "units", "periods"),
    ),
    ("model", ("model",)),
    ("reference data and files", ("catalog", "io", "findings")),
    ("graph", ("_references", "_export_text", "graph", "plans")),
    ("capabilities", ("trajectory", "coverage", "dependencies")),
    ("monitoring", ("monitoring",)),
    ("outputs", ("report", "frames", "plots", "testing")),
    ("command line", ("cli",)),
    ("package", ("__init__",)),
)


def layer_of(unit: str) -> int | None:
    """The index of the layer a unit sits in, or None."""
    for index, (_, units) in enumerate(LAYERS):
        if unit in units:
            return index
    return None


def _unit_of(root: Path, path: Path) -> str:
    return path.relative_to(root).parts[0].removesuffix(".py")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(root: Path, path: Path) -> set[str]:
    """The top-level ecm_plan units a module imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["ecm_plan", *path.relative_to(root).with_suffix("").parts[:-1]]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub)
                continue
            if isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - child.level + 1]
                    module = ".".join([*base, child.module] if child.module else base)
                else:
                    module = child.module or ""
                found.add(module)
                found.update(f"{module}.{alias.name}" for alias in child.names)
            visit(child)

    visit(tree)
    units = set()
    for name in found:
        parts = name.split(".")
        if parts[0] == "ecm_plan" and len(parts) > 1:
            unit = parts[1]
            if (root / unit).is_dir() or (root / f"{unit}.py").is_file():
                units.add(unit)
    return units


def units(root: Path) -> set[str]:
    """Every top-level module and package of the package at ``root``."""
    return {_unit_of(root, p) for p in root.rglob("*.py")}


def edges(root: Path) -> list[tuple[str, str, str]]:
    """``(importer, imported, file)`` for every import of one unit by another."""
    found = []
    for path in sorted(root.rglob("*.py")):
        unit = _unit_of(root, path)
        found.extend(
            (unit, imported, str(path.relative_to(root)))
            for imported in sorted(_imports(root, path))
            if imported != unit
        )
    return found


def draw(root: Path, ax: Any) -> None:  # noqa: ANN401 (a matplotlib Axes; matplotlib is optional)
    """Draw the layers as bands, the units as boxes, and the imports between units as arrows."""
    position: dict[str, tuple[float, float]] = {}
    shown = [(name, [u for u in members if not u.startswith("_")]) for name, members in LAYERS[:-1]]
    for row, (name, members) in enumerate(shown):
        ax.axhspan(row - 0.42, row + 0.42, color="#f1f4f8" if row % 2 else "#e4ebf3", zorder=0)
        ax.text(-0.4, row, name, ha="right", va="center", fontsize=8, color="#445")
        for col, unit in enumerate(members):
            x = (col + 0.5) * (4.0 / max(len(members), 1))
            position[unit] = (x, row)
            ax.text(
                x,
                row,
                unit,
                ha="center",
                va="center",
                fontsize=8,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#2b5d8a"},
            )
    import networkx as nx  # noqa: PLC0415 (only the picture needs it)

    imports = nx.DiGraph((a, b) for a, b, _ in edges(root) if a in position and b in position)
    # Drawn without the imports a longer chain already implies, so the picture stays readable.
    pairs = (
        nx.transitive_reduction(imports).edges
        if nx.is_directed_acyclic_graph(imports)
        else imports.edges
    )
    for importer, imported in sorted(pairs):
        (x1, y1), (x2, y2) = position[importer], position[imported]
        ax.annotate(
            "",
            xy=(x2, y2 + 0.18),
            xytext=(x1, y1 - 0.18),
            zorder=2,
            arrowprops={"arrowstyle": "->", "color": "#8aa4bf", "lw": 0.6, "alpha": 0.7},
        )
    ax.set_xlim(-2.2, 4.2)
    ax.set_ylim(-0.6, len(shown) - 0.4)
    ax.axis("off")
