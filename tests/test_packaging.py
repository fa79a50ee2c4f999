"""The package as installed: version, typing marker, public API."""

from __future__ import annotations

import importlib
from importlib import metadata, resources

import pytest

import ecm_plan

PUBLIC_MODULES = [
    "ecm_plan",
    "ecm_plan.model",
    "ecm_plan.io",
    "ecm_plan.graph",
    "ecm_plan.catalog",
    "ecm_plan.periods",
    "ecm_plan.units",
    "ecm_plan.findings",
    "ecm_plan.report",
    "ecm_plan.exceptions",
    "ecm_plan.testing",
    "ecm_plan.plans",
]


class TestPackaging:
    def test_version_from_metadata(self):
        """The version comes from the package metadata."""
        assert metadata.version("ecm-plan") == ecm_plan.__version__

    def test_py_typed(self):
        """The package ships py.typed."""
        assert resources.files("ecm_plan").joinpath("py.typed").is_file()

    @pytest.mark.parametrize("name", PUBLIC_MODULES)
    def test_all_resolvable(self, name):
        """Every name in a public module's __all__ exists, once (ruff keeps the list sorted)."""
        module = importlib.import_module(name)
        names = list(module.__all__)
        assert len(set(names)) == len(names)
        for item in names:
            assert hasattr(module, item), item

    @pytest.mark.parametrize("name", PUBLIC_MODULES)
    def test_public_names_documented(self, name):
        """Every public name has a docstring with an example."""
        module = importlib.import_module(name)
        for item in module.__all__:
            obj = getattr(module, item)
            ours = str(getattr(obj, "__module__", "")).startswith("ecm_plan")
            if callable(obj) and ours and not isinstance(obj, type(ecm_plan)):
                doc = getattr(obj, "__doc__", "") or ""
                assert ">>>" in doc or "Example" in doc, f"{name}.{item} has no example"
