"""Tests of sharing and concentration, on small hand-made plans and graphs."""

from __future__ import annotations

import attrs
from dep_plans import funded_plan, make_plan

from ecm_plan.dependencies import (
    concentration,
    shared,
)


class TestShared:
    def test_indicator_and_stream_shared(self):
        """NI 112 is targeted under two priorities, and ABG (with its part) funds both."""
        sharing = shared(funded_plan())
        expected = ([("NI 112", ("P1", "P2"))], [("ABG", ("P1", "P2"))])
        assert expected == (
            [(s.element.id, s.priority_ids) for s in sharing.indicators],
            [(s.element.id, s.priority_ids) for s in sharing.streams],
        )

    def test_objectives_are_listed(self):
        """The objectives among the sharers are listed."""
        assert ("P1.O1",) == shared(funded_plan()).indicators[0].objective_ids

    def test_threshold(self):
        """With a threshold of three priorities nothing is shared."""
        sharing = shared(funded_plan(), min_priorities=3)
        assert ((), ()) == (sharing.indicators, sharing.streams)

    def test_national_indicator_across_plans(self):
        """In a portfolio, a National Indicator gathers the priorities of every plan."""
        from ecm_plan import build_portfolio_graph  # noqa: PLC0415 (the one test that needs a portfolio graph)

        one = funded_plan()
        other = attrs.evolve(one, id="other")
        graph = build_portfolio_graph([one, other])
        national = shared(graph, min_priorities=4).indicators
        assert [("NIS:NI 112", 4)] == [(s.element.id, len(s.priorities)) for s in national]

    def test_empty_plan(self):
        """An empty plan shares nothing."""
        assert ("(none)",) == shared(make_plan()).to_tables()[0].notes


class TestConcentration:
    def test_ranking(self):
        """Leads are ranked by the actions they carry."""
        expected = [("Boss", 3, 2, ("P1", "P2")), ("Nurse", 2, 1, ("P1",))]
        assert expected == [
            (load.lead.id, load.actions, load.sole, tuple(p.id for p in load.priorities))
            for load in concentration(funded_plan()).leads
        ]

    def test_single_point_of_failure(self):
        """Boss alone leads P2's actions; P1's have two leads between them."""
        assert [("Boss", ("P2",))] == [
            (load.lead.id, tuple(p.id for p in load.cut_off))
            for load in concentration(funded_plan()).single_points_of_failure
        ]

    def test_top(self):
        """top keeps the first leads of the ranking."""
        assert ["Boss"] == [load.lead.id for load in concentration(funded_plan(), top=1).leads]

    def test_empty_plan(self):
        """An empty plan has no leads to rank."""
        assert () == concentration(make_plan()).leads
