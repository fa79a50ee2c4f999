"""The import layers of the package: nothing imports upward, and no two units import each other.

The layers are defined once, in ``docs/_ext/layers.py``, which also draws them on the design
page. Imports under ``if TYPE_CHECKING:`` are for annotations only and do not count.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import networkx as nx
import pytest

import ecm_plan

ROOT = Path(ecm_plan.__file__).parent
LAYERS_FILE = Path(__file__).parents[1] / "docs" / "_ext" / "layers.py"

if not LAYERS_FILE.is_file():  # pragma: no cover - an installed package without its checkout
    pytest.skip("the layers are defined in the checkout's docs/_ext", allow_module_level=True)

_spec = importlib.util.spec_from_file_location("ecm_plan_docs_layers", LAYERS_FILE)
assert _spec is not None
assert _spec.loader is not None
layers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(layers)


class TestLayers:
    def test_every_unit_has_a_layer(self):
        """Each top-level module and package sits in exactly one layer."""
        placed = [u for _, members in layers.LAYERS for u in members]
        assert len(placed) == len(set(placed))
        assert set() == {u for u in layers.units(ROOT) if layers.layer_of(u) is None}

    def test_nothing_imports_upward(self):
        """Every import of one unit by another goes to the same layer or a lower one."""
        upward = [
            f"{where}: {unit} imports {imported}"
            for unit, imported, where in layers.edges(ROOT)
            if layers.layer_of(imported) > layers.layer_of(unit)
        ]
        assert [] == upward

    def test_no_cycles_between_units(self):
        """No two units import each other, directly or round a loop."""
        graph = nx.DiGraph((u, v) for u, v, _ in layers.edges(ROOT))
        assert [] == sorted(nx.simple_cycles(graph))

    def test_an_upward_import_is_caught(self, tmp_path):
        """The scan sees an import written inside a function, and a relative one."""
        package = tmp_path / "ecm_plan"
        (package / "model").mkdir(parents=True)
        (package / "periods.py").write_text("def f():\n    from ecm_plan.model import x\n")
        (package / "model" / "__init__.py").write_text("from ..periods import y\n")
        assert [("model", "periods", "model/__init__.py"), ("periods", "model", "periods.py")] == (
            layers.edges(package)
        )
