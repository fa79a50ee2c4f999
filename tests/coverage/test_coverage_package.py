"""Tests for the layout of ecm_plan.coverage: public names, where they live, the registry."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import ecm_plan.coverage

# The public names of ecm_plan.coverage when it was one module, with the module that now
# defines each. Every one must keep importing from ecm_plan.coverage.
PUBLIC = {
    "CoverageSummary": "summary",
    "IndicatorCoverage": "portfolio",
    "KindSummary": "summary",
    "Link": "matrix",
    "MatrixColumn": "matrix",
    "MatrixRow": "matrix",
    "OutcomeCoverage": "portfolio",
    "OutcomeMatrix": "matrix",
    "PortfolioCoverage": "portfolio",
    "Rule": "rules",
    "RuleConfigError": "exceptions",
    "RuleSet": "rules",
    "RulesArg": "rules",
    "UnknownRuleError": "exceptions",
    "all_rules": "rules",
    "check": "rules",
    "outcome_matrix": "matrix",
    "portfolio": "portfolio",
    "rule": "rules",
    "rules_table": "rules",
    "summary": "summary",
}
MODULES = ("rules", "matrix", "summary", "portfolio")
CODES = frozenset(
    {
        *("ECM001", "ECM002", "ECM003", "ECM004"),
        *("ECM101", "ECM102", "ECM103"),
        *("ECM201", "ECM202", "ECM203", "ECM204", "ECM205"),
        *("ECM301", "ECM302", "ECM303", "ECM304", "ECM305", "ECM306", "ECM307"),
        *("ECM401", "ECM402", "ECM403", "ECM404", "ECM405", "ECM406", "ECM407"),
        *("ECM501", "ECM502", "ECM504"),
        *("ECM601", "ECM602", "ECM603"),
    }
)
PACKAGE = Path(ecm_plan.coverage.__file__).parent


def _module(name: str) -> str:
    """The module that defines a name: a coverage module, or ecm_plan.exceptions for errors."""
    return "ecm_plan.exceptions" if name == "exceptions" else f"ecm_plan.coverage.{name}"


class TestPublicNames:
    """Every name public before the split imports as before, and is its module's object."""

    @pytest.mark.parametrize(("name", "module"), sorted(PUBLIC.items()))
    def test_same_object(self, name, module):
        """``from ecm_plan.coverage import name`` is the object its new module defines."""
        exec(f"from ecm_plan.coverage import {name} as found", namespace := {})  # noqa: S102 (a literal import line, testing the import statement itself)
        defining = importlib.import_module(_module(module))
        assert getattr(defining, name) is namespace["found"]
        assert name in defining.__all__

    def test_package_all(self):
        """The package re-exports exactly the public names, sorted."""
        assert sorted(PUBLIC) == ecm_plan.coverage.__all__

    @pytest.mark.parametrize("module", MODULES)
    def test_module_all_sorted_and_reexported(self, module):
        """Each public module has a sorted __all__ whose names the package re-exports."""
        names = importlib.import_module(f"ecm_plan.coverage.{module}").__all__
        assert sorted(names) == names
        assert set(names) <= set(ecm_plan.coverage.__all__)

    def test_defined_where_documented(self):
        """Classes and functions say they belong to the module the reference documents."""
        for name, module in PUBLIC.items():
            found = getattr(ecm_plan.coverage, name)
            if hasattr(found, "__module__") and callable(found):
                assert _module(module) == found.__module__, name


class TestRegistry:
    """The registry holds every rule, whichever coverage module is imported first."""

    def test_codes(self):
        """The 30 rules, no more and no fewer."""
        assert CODES == {r.code for r in ecm_plan.coverage.all_rules()}

    @pytest.mark.parametrize(
        "first",
        [
            "ecm_plan.coverage",
            "ecm_plan.coverage.rules",
            "ecm_plan.coverage.matrix",
            "ecm_plan.coverage._facts",
            "ecm_plan.coverage._rules.ecm4xx",
            "ecm_plan.coverage._rules",
            "ecm_plan.report",
        ],
    )
    def test_complete_whatever_is_imported_first(self, first):
        """In a fresh interpreter, importing any one module first gives all 30 rules."""
        script = (
            f"import {first}\n"
            "from ecm_plan.coverage.rules import all_rules\n"
            "print(' '.join(r.code for r in all_rules()))\n"
        )
        out = subprocess.run(  # noqa: S603 (our own interpreter and a literal script)
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
        assert sorted(CODES) == out.split()

    @pytest.mark.parametrize("family", range(7))
    def test_rule_lives_in_its_family(self, family):
        """Rule ECMnxx is defined in coverage/_rules/ecmnxx.py, and only there."""
        text = (PACKAGE / "_rules" / f"ecm{family}xx.py").read_text(encoding="utf-8")
        ours = {c for c in CODES if c[3] == str(family)}
        assert ours == {c for c in CODES if f'"{c}",' in text}


class TestLayout:
    """The package keeps its files small."""

    def test_no_file_over_800_lines(self):
        """No source file of the package is over 800 lines."""
        sizes = {
            str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
            for p in PACKAGE.rglob("*.py")
        }
        assert {} == {name: n for name, n in sizes.items() if n > 800}
