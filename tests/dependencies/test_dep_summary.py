"""Tests of the findings and tables of every analysis, on small hand-made plans and graphs."""

from __future__ import annotations

from dep_plans import cyclic_plan, make_plan

from ecm_plan import load_bundled
from ecm_plan.dependencies import (
    deadline_conflicts,
    dependency_findings,
    dependency_tables,
    references,
)
from ecm_plan.model import (
    Action,
    Due,
    Priority,
)


class TestDependencyFindings:
    def test_everything_in_one_list(self):
        """Cycles, conflicts and unresolved references come in one sorted list."""
        plan = make_plan(
            Priority(
                id="P1",
                title="t",
                actions=[
                    Action(id="A1", text="a", depends_on=["A2"]),
                    Action(id="A2", text="b", depends_on=["A1"]),
                    Action(id="A3", text="c", due=Due("March 2010")),
                    Action(id="A4", text="d", due=Due("2009"), depends_on=["A3"]),
                    Action(id="A5", text="see objective 9.9"),
                ],
            )
        )
        expected = [("DEP001", "A1"), ("DEP002", "A4"), ("DEP004", "A5")]
        assert expected == [(f.code, f.subject) for f in dependency_findings(plan)]

    def test_findings_have_paths(self):
        """Each finding says where its element is in the plan file."""
        (finding,) = dependency_findings(load_bundled("sample"))
        assert ("priorities[0].objectives[0].actions[1]", "sample") == (finding.path, finding.plan)

    def test_empty_plan(self):
        """An empty plan has no findings."""
        assert () == dependency_findings(make_plan())

    def test_findings_are_a_tuple(self):
        """The findings of every analysis and of each report are immutable tuples."""
        plan = load_bundled("sample")
        results = (dependency_findings(plan), deadline_conflicts(plan).findings())
        assert all(isinstance(r, tuple) for r in (*results, references(plan).findings()))


class TestDependencyTables:
    def test_titles(self):
        """The section has one table per analysis."""
        expected = [
            "Dependencies",
            "Order of work",
            "Deadline conflicts",
            "Critical path",
            "Shared across priorities",
            "Leads by actions carried",
        ]
        assert expected == [t.title for t in dependency_tables(load_bundled("sample"))]

    def test_cycles_replace_the_order(self):
        """With a cycle, the cycles are listed where the order of work would be."""
        assert "Dependency cycles" == dependency_tables(cyclic_plan())[1].title
