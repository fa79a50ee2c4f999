"""Importing the library and reading plans load neither pint nor NumPy."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

import ecm_plan

_CHECK = """
import sys
{code}
print("pint" in sys.modules, "numpy" in sys.modules)
"""


def _loaded(code: str) -> str:
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", _CHECK.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


class TestStartUp:
    @pytest.mark.parametrize(
        "code",
        [
            "import ecm_plan",
            "import ecm_plan; ecm_plan.load_bundled('sample')",
            "import ecm_plan; ecm_plan.build_graph(ecm_plan.load_bundled('sample'))",
            (
                "import ecm_plan; from ecm_plan.coverage import check; "
                "check(ecm_plan.load_bundled('sample'))"
            ),
            (
                "import ecm_plan; from ecm_plan.dependencies import dependency_findings; "
                "dependency_findings(ecm_plan.load_bundled('southend-2008-09'))"
            ),
            "import ecm_plan; [ecm_plan.load_bundled(n) for n in ecm_plan.bundled_plans()]",
        ],
    )
    def test_no_pint_no_numpy(self, code):
        """Neither pint nor NumPy is imported until a unit or an array is used."""
        assert "False False" == _loaded(code)

    def test_units_load_pint(self):
        """Asking for a quantity builds the registry (the check above is not vacuous)."""
        assert _loaded("from ecm_plan.units import Q_; Q_(1, 'percent')").startswith("True")

    def test_version(self):
        """The version is still read from the package metadata."""
        assert version("ecm-plan") == ecm_plan.__version__
