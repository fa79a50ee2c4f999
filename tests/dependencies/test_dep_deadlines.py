"""Tests of deadline conflicts and the critical path, on small hand-made plans and graphs."""

from __future__ import annotations

import pytest
from dep_plans import dated, make_plan

from ecm_plan.dependencies import (
    Certainty,
    CycleError,
    critical_path,
    deadline_conflicts,
)


class TestDeadlineConflicts:
    def test_certain(self):
        """A dependent whose latest deadline is before the prerequisite's earliest is certain."""
        plan = dated(("A1", "March 2010", None), ("A2", "Summer 2009", "A1"))
        (conflict,) = deadline_conflicts(plan)
        assert ("A2", "A1", Certainty.CERTAIN) == (
            conflict.dependent.id,
            conflict.prerequisite.id,
            conflict.certainty,
        )
        assert ["DEP002"] == [f.code for f in deadline_conflicts(plan).findings()]

    @pytest.mark.parametrize(("first", "second"), [("2009", "March 2009"), ("March 2009", "2009")])
    def test_possible_either_way(self, first, second):
        """ "2009" against "March 2009" is only a possible conflict, in either order."""
        plan = dated(("A1", first, None), ("A2", second, "A1"))
        assert [(Certainty.POSSIBLE, "DEP003", "info")] == [
            (c.certainty, c.finding().code, c.finding().severity.value)
            for c in deadline_conflicts(plan)
        ]

    @pytest.mark.parametrize(
        ("first", "second"),
        [("March 2009", "April 2009"), ("April 2009", "April 2009"), ("2009", "2010")],
    )
    def test_no_conflict(self, first, second):
        """A dependent due after (or with) its prerequisite is no conflict."""
        assert () == deadline_conflicts(dated(("A1", first, None), ("A2", second, "A1"))).conflicts

    @pytest.mark.parametrize("text", ["Annual review of Plan", "Ongoing from April 2007"])
    def test_undated_is_left_out(self, text):
        """A due date with no deadline is never in conflict."""
        plan = dated(("A1", "March 2010", None), ("A2", text, "A1"))
        assert () == deadline_conflicts(plan).conflicts

    def test_certain_first(self):
        """Certain conflicts come before possible ones."""
        plan = dated(
            ("A1", "March 2009", None),
            ("A2", "2009", "A1"),
            ("A3", "January 2009", "A1"),
        )
        assert ["A3", "A2"] == [c.dependent.id for c in deadline_conflicts(plan)]

    def test_empty_plan(self):
        """An empty plan has no conflicts."""
        assert 0 == len(deadline_conflicts(make_plan()))


class TestCriticalPath:
    def test_longest_chain(self):
        """The chain whose dates span the longest time wins."""
        plan = dated(
            ("A1", "October 2008", None),
            ("A2", "April 2009", "A1"),
            ("A3", "March 2010", "A2"),
            ("A4", "May 2009", "A1"),
        )
        path = critical_path(plan)
        assert (("A1", "A2", "A3"), 547) == (path.ids, path.days)

    def test_conflict_moves_the_dependent_later(self):
        """A dependent due before its prerequisite finishes with the prerequisite."""
        plan = dated(("A1", "March 2010", None), ("A2", "Summer 2009", "A1"))
        path = critical_path(plan)
        assert [("A1", "2010-03-31"), ("A2", "2010-03-31")] == [
            (s.element.id, s.finish.isoformat()) for s in path.steps
        ]

    def test_undated_breaks_the_chain(self):
        """An undated element is no part of a critical path."""
        plan = dated(("A1", "March 2010", None), ("A2", "Annual review", "A1"))
        assert ((), 0) == (critical_path(plan).ids, critical_path(plan).days)

    def test_cycle_raises(self):
        """Dated dependencies in a circle have no critical path."""
        plan = dated(("A1", "March 2010", "A2"), ("A2", "April 2010", "A1"))
        with pytest.raises(CycleError):
            critical_path(plan)

    def test_empty_plan(self):
        """An empty plan has an empty critical path."""
        assert ("(none)",) == critical_path(make_plan()).to_tables()[0].notes
