"""Tests of ecm_plan.trajectory.polarity."""

from __future__ import annotations

import sys
import types

import pytest

from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import (
    polarity_for,
)

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER


class TestPolarityFor:
    def test_override_needs_no_catalogue(self, monkeypatch):
        """An override is returned without importing the catalogue."""
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", None)
        assert HIGHER == polarity_for("NI 112", override="higher_is_better")
        assert LOWER == polarity_for("NI 112", override=LOWER)

    def test_bad_override(self):
        """An override that is not a polarity is an error."""
        with pytest.raises(TrajectoryError, match="unknown polarity 'up'"):
            polarity_for("NI 112", override="up")

    def test_catalogue_missing(self, monkeypatch):
        """Without the catalogue the lookup is a clear error."""
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", None)
        with pytest.raises(TrajectoryError, match="catalogue is not available"):
            polarity_for("NI 112")

    def test_catalogue_without_polarity(self, monkeypatch):
        """An indicator the catalogue records without a polarity is an error."""
        fake = types.ModuleType("ecm_plan.catalog")
        fake.national_indicator = lambda code: types.SimpleNamespace(code=code, polarity=None)
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", fake)
        with pytest.raises(TrajectoryError, match="no polarity for NI 999"):
            polarity_for("NI 999")

    def test_catalogue_lookup_uses_national_indicator(self, monkeypatch):
        """The polarity comes from catalog.national_indicator(code).polarity."""
        fake = types.ModuleType("ecm_plan.catalog")
        fake.national_indicator = lambda _code: types.SimpleNamespace(polarity=LOWER)
        monkeypatch.setitem(sys.modules, "ecm_plan.catalog", fake)
        assert LOWER == polarity_for("NI 112")

    def test_real_catalogue(self):
        """With the real catalogue NI 112 (conceptions) is lower-is-better, NI 79 higher."""
        catalog = pytest.importorskip("ecm_plan.catalog")
        if not hasattr(catalog, "national_indicator"):
            pytest.skip("catalogue without national_indicator yet")
        assert LOWER == polarity_for("NI 112")
        assert HIGHER == polarity_for("NI 79")
