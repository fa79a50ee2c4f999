"""Tests for ecm_plan.coverage.portfolio: coverage across plans."""

from __future__ import annotations

import attrs
import pytest
from coverage_plans import make_indicator, make_plan, with_indicator

from ecm_plan.coverage import portfolio
from ecm_plan.exceptions import AnalysisError, ArgumentError
from ecm_plan.model import Plan


class TestPortfolio:
    """portfolio() looks across plans."""

    @staticmethod
    def plans() -> list[Plan]:
        """Two plans: one serving all outcomes on NI 112, one serving Stay safe on NI 57."""
        second = with_indicator(make_indicator("NI 157", title=None, catalogue_code="NI 57"))
        second = attrs.evolve(
            second,
            id="other",
            priorities=[attrs.evolve(second.priorities[0], outcomes=["stay_safe"])],
        )
        return [make_plan(), second]

    def test_outcomes(self):
        """Each outcome lists the plans serving it and targeting its indicators."""
        cover = portfolio(self.plans())
        assert (("test", "other"), ("test", "other")) == (
            cover.outcome("stay_safe").serving,
            cover.outcome("be_healthy").targeting,
        )
        assert (("test",), ()) == (
            cover.outcome("be_healthy").serving,
            cover.outcome("stay_safe").targeting,
        )

    def test_indicators(self):
        """Each targeted indicator lists its plans, by catalogue code after correction."""
        cover = portfolio(self.plans())
        assert [("NI 57", ("other",)), ("NI 112", ("test",))] == [
            (i.code, i.plans) for i in cover.indicators
        ]

    def test_untargeted(self):
        """Children's indicators no plan targets are listed; others are not."""
        cover = portfolio(self.plans())
        assert "NI 56" in cover.untargeted
        assert "NI 112" not in cover.untargeted
        assert "NI 157" not in cover.untargeted  # not a children's indicator

    def test_tables(self):
        """The three tables render the three parts."""
        outcomes_t, indicators_t, untargeted_t = portfolio(self.plans()).to_tables()
        assert ("Be healthy", "test", "test, other") == outcomes_t.rows[0]
        assert 2 == len(indicators_t.rows)
        assert len(portfolio(self.plans()).untargeted) == len(untargeted_t.rows)

    def test_empty(self):
        """No plans: nothing served, every children's indicator untargeted."""
        cover = portfolio([])
        assert ((), ()) == (cover.plans, cover.indicators)
        assert "NI 112" in cover.untargeted

    def test_not_a_plan(self):
        """Something that is not a plan is refused."""
        with pytest.raises(ArgumentError, match=r"plans\[1\] must be a Plan"):
            portfolio([make_plan(), "other"])  # type: ignore[list-item]  # the wrong kind of input, on purpose

    def test_duplicate_ids(self):
        """Two plans with one id are refused."""
        with pytest.raises(AnalysisError, match="repeated: test"):
            portfolio([make_plan(), make_plan()])
