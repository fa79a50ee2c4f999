"""Tests of impact, on small hand-made plans and graphs."""

from __future__ import annotations

import pickle

import attrs
import networkx as nx
import pytest
from dep_plans import chain, funded_plan
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import load_bundled
from ecm_plan.dependencies import (
    UnknownElementError,
    dependency_graph,
    external_node,
    impact,
)
from ecm_plan.exceptions import InvalidShareError, NotInResultError
from ecm_plan.graph import NodeKind, Relation
from ecm_plan.model import (
    Action,
    Money,
    Plan,
)


class TestImpact:
    def test_funding_per_priority(self):
        """Losing a stream puts its money at stake per priority, its parts' money included."""
        lost = impact(funded_plan(), "ABG")
        expected = [("P1", 175000.0, 2, 1), ("P2", 140000.0, 1, 0)]
        assert expected == [
            (f.priority.id, f.gbp, len(f.allocations), len(f.unquantified)) for f in lost.funding
        ]
        assert 315000.0 == lost.total_gbp

    def test_what_a_stream_reaches(self):
        """A stream reaches what it funds, their dependents, targets, indicators and outcomes."""
        lost = impact(funded_plan(), "ABG")
        assert {"P1", "P2"} == lost.ids("priority")
        assert {"P1.O1.A1", "P1.O1.A2", "P2.A1"} == lost.ids(NodeKind.ACTION)
        assert {"NI 112"} == lost.ids("indicator")
        assert {"outcome:be_healthy", "outcome:stay_safe"} == lost.ids("outcome")

    def test_paths_follow_edges(self):
        """Every path runs from the lost element to the affected one along graph edges."""
        plan = funded_plan()
        graph = dependency_graph(plan)
        lost = impact(graph, "ABG")
        for affected in lost.affected:
            assert ("ABG", affected.element.id) == (affected.path[0], affected.path[-1])
            assert all(
                graph.has_edge(u, v) for u, v in zip(affected.path, affected.path[1:], strict=False)
            )

    def test_losing_an_action_reaches_its_dependents(self):
        """An action's dependents are at risk when it is lost."""
        lost = impact(funded_plan(), "P1.O1.A1")
        assert ("P1.O1.A1", "P1.O1.A2") == lost.path_to("P1.O1.A2")
        assert () == lost.funding

    def test_losing_a_lead(self):
        """A lead puts at risk what it leads, and what that serves."""
        lost = impact(funded_plan(), "Nurse")
        assert ({"P1.O1.A1", "P1.O1.A2"}, {"P1"}) == (lost.ids("action"), lost.ids("priority"))

    def test_losing_an_outside_document(self):
        """An outside document puts at risk the elements tied to it."""
        plan = chain(Action(id="A1", text="Delivery of Youth Justice Plan."))
        assert {"A1", "P1"} == impact(plan, external_node("Youth Justice Plan")).ids(
            "action", "priority"
        )

    def test_unfunded_stream(self):
        """A stream that funds nothing puts nothing at stake."""
        lost = impact(funded_plan(), "PCT")
        assert ((), 0, ("(none)",)) == (lost.funding, len(lost), lost.to_tables()[1].notes)

    def test_unknown_element(self):
        """An id that is no node is an UnknownElementError, a KeyError, with suggestions."""
        with pytest.raises(UnknownElementError) as caught:
            impact(funded_plan(), "P1.O1.A9")
        assert isinstance(caught.value, KeyError)
        assert "P1.O1.A1" in caught.value.suggestions

    @given(
        st.lists(
            st.tuples(st.integers(0, 9), st.integers(0, 9), st.sampled_from(list(Relation))),
            max_size=40,
        ),
        st.integers(0, 9),
    )
    def test_affected_are_the_descendants_of_the_work_paid_for(self, edges, source):
        """What a loss puts at risk is what lies downstream of the lost element, of what a
        lost stream (or a stream part of it) funds, and of everything inside those."""
        kinds = list(NodeKind)
        graph = nx.MultiDiGraph()
        for i in range(10):
            graph.add_node(f"N{i}", kind=kinds[i % len(kinds)])
        for u, v, relation in edges:
            graph.add_edge(f"N{u}", f"N{v}", relation=relation)
        lost = impact(graph, f"N{source}")

        def by(relation):
            return nx.DiGraph([(u, v) for u, v, r in edges if r is relation])

        roots = {source}
        if kinds[source % len(kinds)] is NodeKind.FUNDING_STREAM:
            includes = by(Relation.INCLUDES)
            streams = {source} | (nx.descendants(includes, source) if source in includes else set())
            roots |= {v for u, v, r in edges if r is Relation.FUNDS and u in streams}
        part_of = by(Relation.PART_OF)
        inside = set(roots)
        for root in roots:
            inside |= nx.ancestors(part_of, root) if root in part_of else set()
        expected = set().union(*(nx.descendants(graph, f"N{n}") | {f"N{n}"} for n in inside))
        expected = {n for n in expected if graph.nodes[n]["kind"] is not NodeKind.PLAN}
        assert expected - {f"N{source}"} == lost.ids()
        assert all(a.path[0] == f"N{source}" for a in lost.affected)


def paid_for(plan: Plan, stream: str) -> tuple[set[str], set[str]]:
    """The targets and indicators of the elements a stream (or a part of it) funds and of
    everything inside them, counted on the plan model, not on the graph."""
    streams = {stream} | {s.id for s in plan.funding_streams if s.part_of == stream}
    targets: set[str] = set()
    indicators: set[str] = set()

    def walk(element: object) -> None:
        for target in getattr(element, "targets", ()):
            targets.add(target.id)
            if target.indicator is not None:
                indicators.add(target.indicator)
        for inner in (*getattr(element, "objectives", ()), *getattr(element, "actions", ())):
            walk(inner)

    for priority in plan.priorities:
        objectives = list(priority.objectives)
        actions = [*priority.actions, *(a for o in objectives for a in o.actions)]
        for element in (priority, *objectives, *actions):
            if any(a.stream in streams for a in element.funding):
                walk(element)
    return targets, indicators


class TestImpactOfFunding:
    def test_southend_abg_reaches_the_work_it_pays_for(self):
        """Losing Southend's ABG puts at risk every target and indicator of the objectives it
        funds, and of their actions (Teenage Pregnancy grant: NI 112 and NI 113)."""
        plan = load_bundled("southend-2008-09")
        targets, indicators = paid_for(plan, "ABG")
        lost = impact(plan, "ABG")
        assert (targets, indicators) == (lost.ids("target"), lost.ids("indicator"))
        assert {"NI 112", "NI 113"} <= lost.ids("indicator")

    def test_funded_objective_takes_its_actions(self):
        """A stream funding an objective puts its actions, their targets and indicators at
        risk, through the objective."""
        lost = impact(load_bundled("southend-2008-09"), "ABG")
        (path,) = [a.path for a in lost.affected if a.element.id == "NI 112"]
        assert ("ABG", "P2.O5", "P2.O5.A1", "P2.O5.A1.T1", "NI 112") == path

    def test_sibling_actions_of_a_lost_action_are_not_at_risk(self):
        """Containment runs down from what is lost, not from what it serves: losing P2.A1
        reaches P2 but not its sibling P2.A2."""
        lost = impact(funded_plan(), "P2.A1")
        assert ({"P2"}, set()) == (lost.ids("priority"), lost.ids("action"))

    def test_lost_objective_takes_its_actions(self):
        """Losing an objective loses its actions, with their targets."""
        lost = impact(funded_plan(), "P1.O1")
        assert {"P1.O1.A1", "P1.O1.A2"} == lost.ids("action")
        assert {"P1.O1.A1.T1"} == lost.ids("target")

    def test_plan_node_is_left_out(self):
        """The plan itself is never listed as affected."""
        plan = load_bundled("southend-2008-09")
        assert "plan:southend-2008-09" not in impact(plan, "ABG").ids()

    def test_stream_by_name(self):
        """A stream's name finds the stream, as its id does."""
        plan = load_bundled("southend-2008-09")
        assert impact(plan, "ABG") == impact(plan, "Area Based Grant")
        assert impact(plan, "ABG") == impact(plan, "area based grant")

    def test_unknown_name_suggests_ids_and_names(self):
        """A name near a stream's suggests it."""
        with pytest.raises(UnknownElementError) as caught:
            impact(load_bundled("southend-2008-09"), "Area Based Grants")
        assert "Area Based Grant" in caught.value.suggestions
        assert "'Area Based Grants'" in str(caught.value)

    def test_unallocated_part_of_declared_amount(self):
        """Southend declares £3.754m of ABG for 2008-09 and allocates £3.389m (with ABG(CF)):
        the £365,000 between is reported as money, in the funding table too."""
        lost = impact(load_bundled("southend-2008-09"), "ABG")
        (gap,) = lost.unallocated
        expected = ("2008-09", "£3.754m", 3_389_000.0, 365_000.0)
        assert expected == (gap.period.label, gap.declared.text, gap.allocated_gbp, gap.gbp)
        assert lost.total_gbp + lost.unallocated_gbp == gap.declared.gbp
        note = "Declared for 2008-09: £3.754m; allocated £3,389,000; not allocated: £365,000"
        assert note in lost.to_tables()[1].notes

    def test_over_allocation_is_reported(self):
        """Allocations beyond the declared amount give a negative gap, said as such."""
        plan = funded_plan()
        abg = plan.funding_streams[0]
        small = attrs.evolve(abg, amounts={plan.period: Money("£1k")})
        plan = attrs.evolve(plan, funding_streams=[small, *plan.funding_streams[1:]])
        (gap,) = impact(plan, abg.id).unallocated
        assert gap.is_over_allocated
        assert gap.gbp < 0
        assert "allocated beyond it" in gap.summary()

    def test_stream_without_declared_amount_has_no_gap(self):
        """No declared amount, no unallocated money."""
        assert () == impact(funded_plan(), "PCT").unallocated

    @given(st.floats(min_value=0.01, max_value=1.0))
    def test_share_scales_the_money_only(self, share):
        """A partial cut scales the money at stake and leaves the elements at risk alone."""
        plan = load_bundled("sample")
        whole, part = impact(plan, "ABG"), impact(plan, "ABG", share=share)
        assert whole.affected == part.affected
        assert part.at_stake_gbp == pytest.approx(whole.total_gbp * share)
        assert [f.gbp for f in whole.funding] == [f.gbp for f in part.funding]
        assert [pytest.approx(f.gbp * share) for f in whole.funding] == [
            f.at_stake_gbp for f in part.funding
        ]

    @pytest.mark.parametrize("share", [0, -0.5, 1.01, float("nan"), "half", True])
    def test_share_out_of_range(self, share):
        """A share outside (0, 1] is an InvalidShareError, a ValueError naming it."""
        with pytest.raises(InvalidShareError) as caught:
            impact(load_bundled("sample"), "ABG", share=share)
        assert isinstance(caught.value, ValueError)
        assert repr(share) in str(caught.value)
        assert "more than 0 and at most 1" in str(caught.value)

    def test_path_to_an_element_not_affected(self):
        """path_to of an element not at risk is a NotInResultError, a KeyError."""
        lost = impact(load_bundled("sample"), "P1.O1.A1")
        with pytest.raises(NotInResultError) as caught:
            lost.path_to("ABG")
        assert isinstance(caught.value, KeyError)
        assert ("ABG", lost.ids()) == (caught.value.element_id, frozenset(caught.value.known))

    def test_errors_pickle(self):
        """The new errors pickle with their facts."""
        for err in (InvalidShareError(2.0), NotInResultError("A", "x", ("B",))):
            again = pickle.loads(pickle.dumps(err))  # noqa: S301 (our own data)
            assert str(err) == str(again)
