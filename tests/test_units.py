"""The library's unit registry."""

from __future__ import annotations

import pytest

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
