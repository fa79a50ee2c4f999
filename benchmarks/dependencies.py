"""Benchmark: dependency analysis on a portfolio of many generated plans.

Times :func:`ecm_plan.dependencies.impact` of one funding stream, one lead and one action on a
portfolio graph of many plans, against plain :func:`networkx.descendants` on the same graph in
the same run, then the whole-graph analyses once each (they are linear in the graph's size).

Run::

    python benchmarks/dependencies.py --plans 200 --repeat 50
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import time
from collections.abc import Callable

import networkx as nx

from ecm_plan import build_portfolio_graph
from ecm_plan.dependencies import (
    concentration,
    cycles,
    deadline_conflicts,
    impact,
    order_of_work,
    shared,
)
from ecm_plan.graph import PlanGraph
from ecm_plan.model import (
    Action,
    Allocation,
    Due,
    FundingStream,
    Indicator,
    Lead,
    Money,
    Objective,
    Period,
    Plan,
    Priority,
    Target,
)

OUTCOMES = ["be_healthy", "stay_safe", "enjoy_and_achieve", "positive_contribution"]
DUES = ["October 2008", "March 2009", "Summer 2009", "2009", "April 2010", "Annual review"]


def make_plan(
    index: int, rng: random.Random, priorities: int, objectives: int, actions: int
) -> Plan:
    """One generated plan, with leads, streams (one part of another), targets and dependencies."""
    leads = [Lead(id=f"L{i}", name=f"Lead {i}") for i in range(6)]
    streams = [FundingStream(id="ABG", name="Area Based Grant")]
    streams += [FundingStream(id="ABG(CF)", name="Children's Fund", part_of="ABG")]
    streams += [FundingStream(id=f"S{i}", name=f"Stream {i}") for i in range(4)]
    stream_ids = [s.id for s in streams]
    indicators = [Indicator(id=f"NI {n}") for n in rng.sample(range(1, 199), 10)]
    built = []
    for p in range(1, priorities + 1):
        objs = []
        for o in range(1, objectives + 1):
            acts = []
            for a in range(1, actions + 1):
                aid = f"P{p}.O{o}.A{a}"
                acts.append(
                    Action(
                        id=aid,
                        text=f"Action {aid}",
                        leads=rng.sample([lead.id for lead in leads], rng.randint(1, 2)),
                        due=Due(rng.choice(DUES)),
                        funding=[
                            Allocation(rng.choice(stream_ids), Money(f"£{rng.randint(1, 500)}k"))
                        ],
                        targets=[
                            Target(
                                id=f"{aid}.T1",
                                text="target",
                                indicator=rng.choice(indicators).id,
                            )
                        ],
                        depends_on=[f"P{p}.O{o}.A{a - 1}"] if a > 1 and rng.random() < 0.5 else [],
                    )
                )
            objs.append(Objective(id=f"P{p}.O{o}", title=f"Objective {p}.{o}", actions=acts))
        built.append(
            Priority(
                id=f"P{p}",
                title=f"Priority {p}",
                outcomes=[rng.choice(OUTCOMES)],
                objectives=objs,
            )
        )
    return Plan(
        id=f"plan-{index}",
        authority=f"Council {index}",
        title=f"Plan {index}",
        period=Period.financial_year(2009),
        leads=leads,
        funding_streams=streams,
        indicators=indicators,
        priorities=built,
    )


def per_call_ms(func: Callable[[], object], repeat: int) -> float:
    """The median time of one call, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    """Build the portfolio, then time each analysis."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--priorities", type=int, default=7)
    parser.add_argument("--objectives", type=int, default=4)
    parser.add_argument("--actions", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2009)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    plans = [
        make_plan(i, rng, args.priorities, args.objectives, args.actions) for i in range(args.plans)
    ]
    graph = build_portfolio_graph(plans)
    print(
        f"portfolio: {args.plans} plans, {graph.number_of_nodes():,} nodes, "
        f"{graph.number_of_edges():,} edges"
    )

    middle = plans[len(plans) // 2].id
    print(f"\n{'impact of':<28} {'impact (ms)':>12} {'descendants (ms)':>17} {'reached':>8}")
    for element in (f"{middle}:ABG", f"{middle}:L0", f"{middle}:P1.O1.A1"):
        ours = per_call_ms(functools.partial(impact, graph, element), args.repeat)
        baseline = per_call_ms(functools.partial(nx.descendants, graph, element), args.repeat)
        reached = len(impact(graph, element))
        print(f"{element:<28} {ours:>12.2f} {baseline:>17.2f} {reached:>8}")

    print(f"\n{'whole-graph analysis':<28} {'ms':>12}")
    analyses: list[tuple[str, Callable[[PlanGraph], object]]] = [
        ("cycles", cycles),
        ("order_of_work", order_of_work),
        ("deadline_conflicts", deadline_conflicts),
        ("shared", shared),
        ("concentration", concentration),
    ]
    for name, analysis in analyses:
        print(f"{name:<28} {per_call_ms(functools.partial(analysis, graph), 3):>12.1f}")


if __name__ == "__main__":
    main()
