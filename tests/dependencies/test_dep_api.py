"""The public names of ecm_plan.dependencies: every name of the one-module release works."""

from __future__ import annotations

import importlib
import warnings

import pytest

import ecm_plan.dependencies

# The public names of ecm_plan.dependencies when it was one module, with the module that now
# defines each of them (exceptions live in ecm_plan.exceptions).
FORMER_PUBLIC_NAMES = {
    "REFERENCE_RULES": "references",
    "Affected": "impact",
    "Certainty": "deadlines",
    "Concentration": "sharing",
    "ConflictReport": "deadlines",
    "CriticalPath": "deadlines",
    "Cycle": "ordering",
    "CycleError": "exceptions",
    "CycleReport": "ordering",
    "DeadlineConflict": "deadlines",
    "FundingAtStake": "impact",
    "Impact": "impact",
    "LeadLoad": "sharing",
    "NodeRef": "build",
    "OrderOfWork": "ordering",
    "PathStep": "deadlines",
    "Reference": "references",
    "ReferenceKind": "references",
    "ReferenceReport": "references",
    "ReferenceRule": "references",
    "SharedElement": "sharing",
    "Sharing": "sharing",
    "UnknownElementError": "exceptions",
    "concentration": "sharing",
    "critical_path": "deadlines",
    "cycles": "ordering",
    "deadline_conflicts": "deadlines",
    "dependency_findings": "summary",
    "dependency_graph": "build",
    "dependency_tables": "summary",
    "external_node": "build",
    "impact": "impact",
    "order_of_work": "ordering",
    "references": "references",
    "shared": "sharing",
}

RENAMED = {
    "ConflictReport": "DeadlineConflicts",
    "CycleReport": "Cycles",
    "ReferenceReport": "References",
}

MODULES = ("build", "references", "ordering", "deadlines", "impact", "sharing", "summary")


def home(name: str) -> object:
    """The module that defines a former public name now."""
    where = FORMER_PUBLIC_NAMES[name]
    if where == "exceptions":
        return importlib.import_module("ecm_plan.exceptions")
    return importlib.import_module(f"ecm_plan.dependencies.{where}")


class TestFormerNames:
    @pytest.mark.parametrize("name", sorted(set(FORMER_PUBLIC_NAMES) - set(RENAMED)))
    def test_same_object_as_in_its_module(self, name):
        """Each former public name imports from the package and is its module's object."""
        namespace: dict[str, object] = {}
        exec(f"from ecm_plan.dependencies import {name} as found", namespace)  # noqa: S102 (the import statement itself is under test)
        assert getattr(home(name), name) is namespace["found"]
        assert name in ecm_plan.dependencies.__all__

    @pytest.mark.parametrize(("old", "new"), sorted(RENAMED.items()))
    def test_renamed_class_warns_and_is_the_new_one(self, old, new):
        """A renamed report class still imports, with a DeprecationWarning naming the new name."""
        with pytest.warns(DeprecationWarning, match=f"use ecm_plan.dependencies.{new}$"):
            found = getattr(ecm_plan.dependencies, old)
        assert getattr(home(old), new) is found
        assert old not in ecm_plan.dependencies.__all__

    def test_from_import_of_renamed_class_warns(self):
        """``from ecm_plan.dependencies import CycleReport`` warns as well."""
        with pytest.warns(DeprecationWarning, match="Cycles"):
            from ecm_plan.dependencies import CycleReport  # noqa: PLC0415 (the import is under test)
        assert ecm_plan.dependencies.Cycles is CycleReport

    def test_unknown_name_is_an_attribute_error(self):
        """Names that never existed raise AttributeError, without a warning."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(AttributeError, match="Nothing"):
                ecm_plan.dependencies.Nothing  # noqa: B018 (the lookup is under test)


class TestLayout:
    @pytest.mark.parametrize("module", MODULES)
    def test_each_module_has_a_sorted_all_re_exported(self, module):
        """Each public module lists its names sorted, and the package re-exports every one."""
        mod = importlib.import_module(f"ecm_plan.dependencies.{module}")
        names = list(mod.__all__)
        assert sorted(names, key=lambda n: (not n.isupper(), n)) == names
        for name in names:
            assert getattr(mod, name) is getattr(ecm_plan.dependencies, name)

    def test_package_all_is_sorted_and_complete(self):
        """The package's __all__ is sorted and is the union of its modules' and its errors."""
        names = list(ecm_plan.dependencies.__all__)
        assert sorted(names, key=lambda n: (not n.isupper(), n)) == names
        union = {
            n
            for m in MODULES
            for n in importlib.import_module(f"ecm_plan.dependencies.{m}").__all__
        }
        assert union | {"CycleError", "UnknownElementError"} == set(names)
