"""Tests of cycles and the order of work, on small hand-made plans and graphs."""

from __future__ import annotations

import pickle

import networkx as nx
import pytest
from dep_plans import chain, cyclic_plan, make_plan
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import load_bundled
from ecm_plan.dependencies import (
    CycleError,
    cycles,
    order_of_work,
)
from ecm_plan.exceptions import NotInResultError
from ecm_plan.graph import NodeKind, Relation
from ecm_plan.model import (
    Action,
)


class TestCycles:
    def test_cycle_is_found(self):
        """Two actions that need each other are one cycle, least id first."""
        report = cycles(cyclic_plan())
        assert [("P1.O1.A1", "P1.O2.A1")] == [c.ids for c in report]

    def test_explicit_cycle_is_an_error(self):
        """A cycle of explicit dependencies is a DEP001 error."""
        (finding,) = cycles(cyclic_plan()).findings()
        assert ("DEP001", "error", "priorities[0].objectives[0].actions[0]") == (
            finding.code,
            finding.severity.value,
            finding.path,
        )

    def test_textual_cycle_is_a_warning(self):
        """A cycle through a textual reference is only a warning."""
        report = cycles(cyclic_plan(textual_link=True))
        assert [("warning", ("P1.O1", "P1.O2.A1"))] == [
            (c.finding().severity.value, c.component) for c in report
        ]

    def test_no_cycle(self):
        """The sample plan has no cycle."""
        assert 0 == len(cycles(load_bundled("sample")))

    def test_two_knots_and_a_self_loop(self):
        """Each strongly connected component is reported once; a self-loop is a cycle."""
        graph = nx.MultiDiGraph()
        for u, v in [("A", "B"), ("B", "A"), ("C", "D"), ("D", "E"), ("E", "C"), ("F", "F")]:
            graph.add_edge(u, v, relation=Relation.ENABLES, explicit=True)
        assert [("A", "B"), ("C", "D", "E"), ("F",)] == [c.ids for c in cycles(graph)]

    def test_empty_plan(self):
        """An empty plan has no cycle."""
        assert () == cycles(make_plan()).cycles


class TestOrderOfWork:
    def test_chain(self):
        """A chain of dependencies is done one step at a time; free actions come first."""
        plan = chain(
            Action(id="A1", text="a"),
            Action(id="A2", text="b", depends_on=["A1"]),
            Action(id="A3", text="c", depends_on=["A2"]),
            Action(id="A4", text="d"),
        )
        assert (("A1", "A4"), ("A2",), ("A3",)) == order_of_work(plan).ids

    def test_cycle_raises(self):
        """With a cycle there is no order; the error names the cycle."""
        with pytest.raises(CycleError) as caught:
            order_of_work(cyclic_plan())
        assert ("P1.O1.A1", "P1.O2.A1") == caught.value.cycle

    def test_cycle_error_pickles(self):
        """The error survives pickling with its cycle."""
        err = pickle.loads(pickle.dumps(CycleError(("A", "B"))))  # noqa: S301 (our own bytes)
        assert ("A", "B") == err.cycle

    def test_outside_documents_do_not_delay(self):
        """An action that needs only an outside document is in the first step."""
        plan = chain(Action(id="A1", text="Delivery of Youth Justice Plan."))
        assert (("A1",),) == order_of_work(plan).ids

    def test_outside_documents_keep_order_through_them(self):
        """A dependency through an outside document still orders the two elements."""
        graph = nx.MultiDiGraph()
        graph.add_node("A", kind=NodeKind.ACTION)
        graph.add_node("B", kind=NodeKind.ACTION)
        graph.add_node("external:X", kind=NodeKind.EXTERNAL)
        graph.add_edge("A", "external:X", relation=Relation.ENABLES)
        graph.add_edge("external:X", "B", relation=Relation.ENABLES)
        assert (("A",), ("B",)) == order_of_work(graph).ids

    def test_step_of_unknown(self):
        """The step of an element not in the order is a NotInResultError (a KeyError) that
        names the id and what the order holds."""
        with pytest.raises(NotInResultError, match="'A9' is not in the order of work") as caught:
            order_of_work(chain(Action(id="A1", text="a"))).step_of("A9")
        assert isinstance(caught.value, KeyError)
        assert ("A9", ("A1",)) == (caught.value.element_id, caught.value.known)

    def test_findings_are_a_tuple(self):
        """Findings of a result are an immutable tuple."""
        assert isinstance(cycles(cyclic_plan()).findings(), tuple)

    def test_empty_plan(self):
        """An empty plan has no steps."""
        assert () == order_of_work(make_plan()).generations

    @given(
        st.integers(1, 12).flatmap(
            lambda n: st.tuples(
                st.just(n),
                st.lists(
                    st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(
                        lambda e: e[0] < e[1]
                    ),
                    max_size=30,
                ),
                st.permutations(range(n)),
            )
        )
    )
    def test_respects_every_edge(self, case):
        """On random acyclic dependencies, every prerequisite comes in an earlier step."""
        n, edges, labels = case
        graph = nx.MultiDiGraph()
        for i in range(n):
            graph.add_node(f"A{labels[i]}", kind=NodeKind.ACTION)
        for u, v in edges:
            graph.add_edge(f"A{labels[u]}", f"A{labels[v]}", relation=Relation.ENABLES)
        order = order_of_work(graph)
        assert all(order.step_of(u) < order.step_of(v) for u, v in graph.edges())
        assert n == sum(len(step) for step in order.generations)
