"""The public names of ``ecm_plan.trajectory`` before it became a package still import."""

from __future__ import annotations

import importlib

import pytest

import ecm_plan.trajectory

# The public names of the single-module ``ecm_plan.trajectory`` (its ``__all__``, plus the two
# documented aliases other modules imported), and the names added since, each with the module
# that now defines it.
PUBLIC_NAMES = {
    "Assessment": "assess",
    "AssessmentArray": "assess",
    "Direction": "assess",
    "MeasureKind": "measures",
    "Method": "interim",
    "MonitoringCategory": "status",
    "PeriodAssessment": "assess",
    "ProgressCategory": "measures",
    "ProgressMeasure": "measures",
    "Projection": "projection",
    "ProjectionArray": "projection",
    "ProjectionMethod": "projection",
    "Status": "status",
    "StatusArray": "status",
    "StatusAssessment": "status",
    "Tolerance": "status",
    "ToleranceBasis": "status",
    "Trajectory": "interim",
    "assess": "assess",
    "assess_status": "status",
    "custom_path": "interim",
    "interpolate": "interim",
    "matching_methods": "interim",
    "polarity_for": "polarity",
    "project": "projection",
    "relative_change": "relative",
    "resolve_relative": "relative",
    "round_half_away": "interim",
    "statcan_progress": "measures",
    "un_expected_value": "measures",
    "un_progress_chart": "measures",
}
ALIASES = {"MethodLike": "_common", "PolarityLike": "_common"}
MODULES = sorted(set(PUBLIC_NAMES.values()))


class TestPublicNames:
    """Every name users imported from ``ecm_plan.trajectory`` still imports from there."""

    @pytest.mark.parametrize(("name", "module"), sorted({**PUBLIC_NAMES, **ALIASES}.items()))
    def test_same_object_as_in_its_module(self, name: str, module: str) -> None:
        """``from ecm_plan.trajectory import X`` is the object its own module defines."""
        own = importlib.import_module(f"ecm_plan.trajectory.{module}")
        assert getattr(own, name) is getattr(ecm_plan.trajectory, name)

    def test_all_keeps_the_old_names(self) -> None:
        """The package's ``__all__`` is sorted and still lists every old public name."""
        assert sorted(ecm_plan.trajectory.__all__) == ecm_plan.trajectory.__all__
        assert set(PUBLIC_NAMES) <= set(ecm_plan.trajectory.__all__)

    def test_all_is_the_modules_names(self) -> None:
        """The package re-exports exactly the names of its public modules' ``__all__``."""
        modules = [*MODULES, "plan"]
        names = {
            n for m in modules for n in importlib.import_module(f"ecm_plan.trajectory.{m}").__all__
        }
        assert sorted(names) == ecm_plan.trajectory.__all__

    @pytest.mark.parametrize("module", MODULES)
    def test_module_all_sorted_and_defined_there(self, module: str) -> None:
        """Each module's ``__all__`` is sorted and names only what the module defines."""
        mod = importlib.import_module(f"ecm_plan.trajectory.{module}")
        expected = sorted(n for n, m in PUBLIC_NAMES.items() if m == module)
        assert expected == mod.__all__
        for name in mod.__all__:
            assert f"ecm_plan.trajectory.{module}" == getattr(mod, name).__module__

    @pytest.mark.parametrize("name", ["_trajectory_scalar", "_trajectory_array"])
    def test_kernels_moved_into_the_package(self, name: str) -> None:
        """The kernels live in the package now, not at the root of ``ecm_plan``."""
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(f"ecm_plan.{name}")
