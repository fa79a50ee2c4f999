"""The library's unit registry."""

from __future__ import annotations

import pytest

from ecm_plan import units
from ecm_plan.exceptions import UnitError
from ecm_plan.units import Q_, UNIT_NAMES, check_compatible, conversion_factor, to_unit, ureg


class TestRegistry:
    @pytest.mark.parametrize("name", UNIT_NAMES)
    def test_every_unit_defined(self, name):
        """Every canonical unit name is in the registry."""
        assert name in ureg

    def test_point_is_a_score(self):
        """A point is a score point, not a typographic one."""
        assert Q_(1, "point").dimensionality == Q_(1, "score").dimensionality


class TestCheckCompatible:
    @pytest.mark.parametrize(
        ("a", "b"), [("percent", "per_1000"), ("GBP", "kGBP"), ("day", "week"), ("pp", "percent")]
    )
    def test_compatible(self, a, b):
        """Units that measure the same thing combine."""
        check_compatible(a, b)

    @pytest.mark.parametrize(
        ("a", "b"), [("percent", "count"), ("working_day", "day"), ("GBP", "score")]
    )
    def test_incompatible(self, a, b):
        """Units that measure different things raise a UnitError saying what to do."""
        with pytest.raises(UnitError, match="convert the values to one unit first"):
            check_compatible(a, b)

    def test_unknown_unit_suggests(self):
        """An unknown unit suggests the closest one."""
        with pytest.raises(UnitError, match="did you mean percent"):
            check_compatible("percnt", "percent")


class TestConversion:
    def test_factor(self):
        """Factors are plain floats, computed once per pair."""
        assert 1000.0 == conversion_factor("kGBP", "GBP")
        assert pytest.approx(0.1) == conversion_factor("per_1000", "percent")

    def test_to_unit(self):
        """A quantity's magnitude in another unit."""
        assert 7.0 == to_unit(Q_(1, "week"), "day")


class TestCanonicalScales:
    @pytest.mark.parametrize("first", UNIT_NAMES)
    @pytest.mark.parametrize("second", UNIT_NAMES)
    def test_table_agrees_with_registry(self, first, second):
        """The table that converts canonical units without the registry gives its answers."""
        registry = units._registry()
        a, b = registry.Unit(first), registry.Unit(second)
        assert (a.dimensionality == b.dimensionality) == (
            units._SCALES[first][0] == units._SCALES[second][0]
        )
        if a.dimensionality == b.dimensionality:
            expected = float(registry.Quantity(1.0, first).to(second).magnitude)
            assert expected == conversion_factor(first, second)

    def test_unknown_attribute(self):
        """The module's lazy attributes stop at ``ureg``."""
        with pytest.raises(AttributeError, match="no attribute 'nothing'"):
            _ = units.nothing

    def test_dir_lists_the_registry(self):
        """``dir()`` of the module lists ``ureg``, which is built on first use."""
        assert "ureg" in dir(units)
