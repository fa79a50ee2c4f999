"""Dependency analysis on the bundled source plans: the cases the issue names.

Each case looks elements up by the document's own codes and names (objective "4.2",
priority "CYPP8", stream "LSC"), not by the transcription's ids.
"""

from __future__ import annotations

import networkx as nx
import pytest

from ecm_plan import bundled_plans, load_bundled
from ecm_plan.dependencies import (
    ReferenceKind,
    cycles,
    dependency_findings,
    dependency_graph,
    dependency_tables,
    external_node,
    impact,
    order_of_work,
    references,
    shared,
)
from ecm_plan.graph import KIND, NodeKind, plan_node
from ecm_plan.model import Objective, Plan, Priority

SOURCE_PLANS = ("southend-2008-09", "stockton-2008-11", "wigan-2009-12")


def bundled(name: str) -> Plan:
    """The bundled plan, or a skip when it is not bundled yet."""
    if name not in bundled_plans():
        pytest.skip(f"{name} is not bundled yet")
    return load_bundled(name)


def objective(plan: Plan, code: str) -> Objective:
    """The objective with this code."""
    (found,) = [o for p in plan.priorities for o in p.objectives if o.code == code]
    return found


def priority(plan: Plan, code: str) -> Priority:
    """The priority with this code."""
    (found,) = [p for p in plan.priorities if p.code == code]
    return found


def stream_id(plan: Plan, name: str) -> str:
    """The id of the funding stream with this name."""
    (found,) = [s.id for s in plan.funding_streams if s.name == name]
    return found


def field_text(plan: Plan, source: str, field: str) -> str:
    """The text of a field of an element, as a reference names it."""
    element = plan.element(source)
    if field.startswith("milestones["):
        index = int(field[len("milestones[") : field.index("]")])
        return element.milestones[index].text
    if field == "due":
        return element.due.text
    return getattr(element, field)


class TestSouthend:
    def test_5_2_refers_to_2_4(self):
        """5.2 "Please refer to objective 2.4" depends on objective 2.4."""
        plan = bundled("southend-2008-09")
        sources = {a.id for a in objective(plan, "5.2").actions}
        found = {(r.target, r.rule) for r in references(plan) if r.source in sources}
        assert (objective(plan, "2.4").id, "objective_number") in found

    def test_4_2_refers_to_4_1(self):
        """4.2 "Implement Early Years actions at 4.1 above" depends on objective 4.1."""
        plan = bundled("southend-2008-09")
        sources = {a.id for a in objective(plan, "4.2").actions}
        found = {(r.target, r.rule) for r in references(plan) if r.source in sources}
        assert (objective(plan, "4.1").id, "number_above") in found

    def test_4_2_refers_to_care_matters_under_staying_safe(self):
        """4.2 "Implement Care Matters Plan (see Staying Safe)" depends on objective 3.2,
        where Priority Three (keeping children safe) names the Care Matters Action Plan."""
        plan = bundled("southend-2008-09")
        sources = {a.id for a in objective(plan, "4.2").actions}
        (ref,) = [
            r for r in references(plan) if r.source in sources and r.rule == "document_in_section"
        ]
        assert (True, objective(plan, "3.2").id) == ("Care Matters" in ref.text, ref.target)

    def test_losing_the_area_based_grant_per_priority(self):
        """Losing ABG (with its Children's Fund element) puts at stake, per priority, the ABG
        and ABG(CF) rows of the pooled and aligned budgets table (£000)."""
        plan = bundled("southend-2008-09")
        expected = {
            "Priority One": 28 + 29,
            "Priority Two": 18 + 12 + 140 + 106,
            "Priority Four": 104 + 137 + 355 + 65 + 38 + 68 + 440,
            "Priority Five": 60 + 47 + 80 + 41,
            "Priority Six": 1501 + 55,
            "Priority Seven": 65,
        }
        lost = impact(plan, "ABG")
        codes = {p.id: p.code for p in plan.priorities}
        assert expected == {codes[f.priority.id]: f.gbp / 1000 for f in lost.funding}

    def test_area_based_grant_matches_the_allocations(self):
        """The money at stake is the sum of the plan's ABG and ABG(CF) allocations."""
        plan = bundled("southend-2008-09")
        streams = {"ABG"} | {s.id for s in plan.funding_streams if s.part_of == "ABG"}
        expected = {}
        for p in plan.priorities:
            allocations = [
                a
                for element in (p, *p.objectives, *p.iter_actions())
                for a in element.funding
                if a.stream in streams and a.is_quantified
            ]
            if allocations:
                expected[p.id] = sum(a.amount.gbp for a in allocations)
        assert expected == {f.priority.id: f.gbp for f in impact(plan, "ABG").funding}


class TestWigan:
    def test_ni_110_is_shared_by_objectives_6_and_7(self):
        """NI 110 is targeted under both CYPP6 and CYPP7."""
        plan = bundled("wigan-2009-12")
        sharing = {s.element.id: s.priority_ids for s in shared(plan).indicators}
        expected = (priority(plan, "CYPP6").id, priority(plan, "CYPP7").id)
        assert set(expected) <= set(sharing["NI 110"])

    def test_lsc_funds_every_workstream_of_objective_8(self):
        """Losing the LSC reaches every workstream of CYPP8."""
        plan = bundled("wigan-2009-12")
        workstreams = {o.id for o in priority(plan, "CYPP8").objectives}
        lost = impact(plan, stream_id(plan, "LSC"))
        assert workstreams <= lost.ids("objective")

    def test_losing_pct_council_funding(self):
        """Losing "PCT/Council" funding puts teenage pregnancy, obesity and child health work
        at risk, with their indicators and the "be healthy" outcome; no amount is stated."""
        plan = bundled("wigan-2009-12")
        lost = impact(plan, stream_id(plan, "PCT/Council"))
        titles = {plan.element(o).title for o in lost.ids("objective")}
        assert {"Teenage Pregnancy Strategy", "Obesity Strategy"} <= titles
        assert {priority(plan, "CYPP1").id, priority(plan, "CYPP2").id} == lost.ids("priority")
        assert {"NI 112", "NI 55", "NI 56"} <= lost.ids("indicator")
        assert "outcome:be_healthy" in lost.ids("outcome")
        assert not any(f.is_quantified for f in lost.funding)

    def test_eycc_action_plan_is_external(self):
        """The milestones "(see EYCC Action Plan 09-10)" tie their action to an outside plan."""
        plan = bundled("wigan-2009-12")
        assert "EYCC Action Plan 09-10" in references(plan).external


class TestStockton:
    @pytest.mark.parametrize(
        ("document", "texts"),
        [
            (
                "Youth Justice Plan",
                {"Delivery of Youth Justice Plan.", "Implement the Preventions Delivery Plan."},
            ),
            (
                "Connexions Local Delivery Plan",
                {
                    "Implement the PAYP (Positive Activities for Young People) Delivery Plan.",
                    "Deliver the actions set out in the Connexions Local Delivery Plan.",
                },
            ),
        ],
    )
    def test_other_plans_are_external_dependencies(self, document, texts):
        """Actions tied to other plans depend on an external node for that plan."""
        plan = bundled("stockton-2008-11")
        graph = dependency_graph(plan)
        node = external_node(document)
        dependents = {getattr(plan.element(n), "text", "") for n in graph.successors(node)}
        assert (NodeKind.EXTERNAL, True) == (graph.nodes[node][KIND], texts <= dependents)

    def test_monitoring_follows_the_pilot(self):
        """ "Monitoring system agreed, following pilot" depends on the pilot action."""
        plan = bundled("stockton-2008-11")
        (ref,) = [r for r in references(plan) if r.text == "following pilot"]
        assert plan.element(ref.target).text.startswith("Pilot a method of monitoring")


@pytest.mark.parametrize("name", SOURCE_PLANS)
class TestEverySourcePlan:
    def test_spans_locate_the_text(self, name):
        """Every textual reference's span picks its text out of the field it names."""
        plan = bundled(name)
        for ref in references(plan):
            if ref.kind is ReferenceKind.TEXTUAL:
                start, end = ref.span
                assert ref.text == field_text(plan, ref.source, ref.field)[start:end]

    def test_order_of_work_or_cycles(self, name):
        """Either the plan has an order of work respecting every dependency, or cycles."""
        graph = dependency_graph(bundled(name))
        if len(cycles(graph)):
            return
        order = order_of_work(graph)
        steps = {e.id: i for i, step in enumerate(order.generations) for e in step}
        needs = {"enables", "referenced_by"}
        enables = [(u, v) for u, v, d in graph.edges(data=True) if d["relation"] in needs]
        assert all(steps[u] < steps[v] for u, v in enables if u in steps)

    def test_impact_of_a_lead_is_the_descendants(self, name):
        """For every lead, the impact is exactly the descendants, the plan aside."""
        plan = bundled(name)
        graph = dependency_graph(plan)
        for element in [lead.id for lead in plan.leads]:
            expected = nx.descendants(graph, element) - {plan_node(plan.id)}
            assert expected == impact(graph, element).ids()

    def test_impact_of_a_stream_holds_the_descendants(self, name):
        """For every funding stream, the impact holds every descendant, the plan aside."""
        plan = bundled(name)
        graph = dependency_graph(plan)
        for element in [s.id for s in plan.funding_streams]:
            expected = nx.descendants(graph, element) - {plan_node(plan.id)}
            assert expected <= impact(graph, element).ids()
            assert plan_node(plan.id) not in impact(graph, element).ids()

    def test_findings_and_tables(self, name):
        """The dependency section and its findings are produced without error."""
        plan = bundled(name)
        tables = dependency_tables(plan)
        assert (6, True) == (len(tables), all(f.plan == plan.id for f in dependency_findings(plan)))
