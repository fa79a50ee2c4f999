"""Tests for ecm_plan.coverage.matrix: the outcome matrix."""

from __future__ import annotations

import pytest
from coverage_plans import PERIOD, make_plan, make_priority

from ecm_plan.coverage import Link, outcome_matrix
from ecm_plan.model import OutcomeLink, Plan


class TestOutcomeMatrix:
    """outcome_matrix() sets outcomes and aims against priorities."""

    @staticmethod
    def plan() -> Plan:
        """Two service priorities (one inferred, one naming aims) and an organisational one."""
        p1 = make_priority(outcomes=[OutcomeLink("be_healthy", aims=(3,))])
        p2 = make_priority("P2", outcomes=[OutcomeLink("stay_safe", inferred=True)], objectives=[])
        p3 = make_priority(
            "P3", code="KC1", kind="organisational", outcomes=[], supports=["P1"], objectives=[]
        )
        return make_plan(priorities=[p1, p2, p3])

    def test_columns(self):
        """One column per priority, with what lies under it."""
        columns = outcome_matrix(self.plan()).columns
        assert [
            ("Priority 1", 1, 1, ("NI 112",), 2),
            ("Priority 2", 0, 0, (), 0),
            ("KC1", 0, 0, (), 0),
        ] == [(c.label, c.objectives, c.actions, c.indicators, c.allocations) for c in columns]

    def test_links(self):
        """Stated, inferred, whole-outcome and supports links are told apart."""
        matrix = outcome_matrix(self.plan())
        assert (Link.STATED, None, Link.SUPPORTS) == matrix.row("be_healthy").links
        assert (Link.STATED, None, None) == matrix.row("be_healthy.3").links
        assert (None, Link.INFERRED, None) == matrix.row("stay_safe").links
        assert (None, Link.OUTCOME, None) == matrix.row("stay_safe.2").links

    def test_row_totals(self):
        """Rows total what lies under the priorities that serve them."""
        row = outcome_matrix(self.plan()).row("be_healthy")
        assert (1, 1, 1, 1, 2) == (
            row.priorities,
            row.objectives,
            row.actions,
            row.indicators,
            row.allocations,
        )

    def test_thirty_rows(self):
        """Five outcomes, each followed by its five aims."""
        assert 30 == len(outcome_matrix(make_plan()).rows)

    def test_table(self):
        """The table marks links and can leave the aims out."""
        table = outcome_matrix(self.plan()).to_tables(aims=False)[0]
        assert ("Be healthy", "x", "", "s", "1", "1", "1", "1", "2") == table.rows[0]
        assert ("Stay safe", "", "i", "", "1", "0", "0", "0", "0") == table.rows[1]
        assert 5 == len(table.rows)

    def test_unknown_row(self):
        """An unknown key raises KeyError."""
        with pytest.raises(KeyError):
            outcome_matrix(make_plan()).row("be_happy")

    def test_empty_plan(self):
        """A plan without priorities has no columns and unserved rows."""
        matrix = outcome_matrix(Plan(id="empty", authority="A", title="T", period=PERIOD))
        assert ((), {0}) == (matrix.columns, {r.priorities for r in matrix.rows})
