"""Benchmark: every whole-graph dependency analysis on portfolios of 100, 200 and 400 plans.

The portfolios are in memory: renamed copies of the bundled plans (a new id and authority per
copy) put into one graph with :func:`ecm_plan.build_portfolio_graph`.  On each portfolio the
benchmark times every analysis of :mod:`ecm_plan.dependencies` (references, cycles,
order_of_work, deadline_conflicts, critical_path, the impact of every funding stream, shared,
concentration) and two networkx baselines of similar work on the same graph:

- ``toposort``: one pass over every edge's relation to build the contribution hierarchy as a
  ``nx.DiGraph``, then ``nx.topological_generations`` of it (what a whole-graph analysis does
  at least once);
- ``descendants``: ``nx.descendants`` from every funding-stream node (what the impacts of every
  stream do at least once).

Runs are interleaved (each repeat times every analysis on every size in turn, after a garbage
collection) and the medians of the CPU times are reported.  For each analysis it prints the
growth per doubling of the portfolio (time at 2n over time at n; goal: at most 2.2 for each,
that is, close to linear) and the ratio of the analysis to its baseline at each size (which
should stay flat as the portfolio grows).

Run from the repository root::

    PYTHONPATH=src python benchmarks/dependencies.py --repeat 5
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import time
from collections.abc import Callable

import attrs
import networkx as nx

from ecm_plan import Plan, build_portfolio_graph, bundled_plans, load_bundled
from ecm_plan.dependencies import (
    concentration,
    critical_path,
    cycles,
    deadline_conflicts,
    impact,
    order_of_work,
    references,
    shared,
)
from ecm_plan.graph import KIND, RELATION, NodeKind, PlanGraph, Relation

Analysis = Callable[[PlanGraph], object]


def portfolio(size: int) -> list[Plan]:
    """``size`` plans: renamed copies of the bundled plans, in turn."""
    originals = [load_bundled(name) for name in bundled_plans()]
    plans = []
    for index, plan in zip(range(size), itertools.cycle(originals), strict=False):
        copy = index // len(originals)
        plans.append(
            attrs.evolve(plan, id=f"{plan.id}-{copy}", authority=f"{plan.authority} {copy}")
        )
    return plans


def funding_nodes(graph: PlanGraph) -> list[str]:
    """Every funding-stream node of the graph."""
    return [n for n, kind in graph.nodes(data=KIND) if kind is NodeKind.FUNDING_STREAM]


def every_impact(graph: PlanGraph) -> object:
    """The impact of losing each funding stream of the portfolio."""
    return [impact(graph, node) for node in funding_nodes(graph)]


_DEPENDENCY = frozenset({Relation.ENABLES, Relation.REFERENCED_BY, Relation.SUPPORTS})


def toposort(graph: PlanGraph) -> object:
    """Baseline: read every edge's relation, then order the contribution hierarchy."""
    hierarchy: nx.DiGraph[str] = nx.DiGraph()
    hierarchy.add_nodes_from(graph)
    hierarchy.add_edges_from(
        (u, v) for u, v, relation in graph.edges(data=RELATION) if relation not in _DEPENDENCY
    )
    return list(nx.topological_generations(hierarchy))


def descendants(graph: PlanGraph) -> object:
    """Baseline: everything downstream of each funding stream."""
    return [nx.descendants(graph, node) for node in funding_nodes(graph)]


ANALYSES: dict[str, tuple[Analysis, str]] = {
    "references": (references, "toposort"),
    "cycles": (cycles, "toposort"),
    "order_of_work": (order_of_work, "toposort"),
    "deadline_conflicts": (deadline_conflicts, "toposort"),
    "critical_path": (critical_path, "toposort"),
    "impact (every stream)": (every_impact, "descendants"),
    "shared": (shared, "toposort"),
    "concentration": (concentration, "toposort"),
}
BASELINES: dict[str, Analysis] = {"toposort": toposort, "descendants": descendants}


def seconds(func: Analysis, graph: PlanGraph) -> float:
    """The CPU time of one call (steadier than wall time on a shared machine)."""
    gc.collect()
    start = time.process_time()
    func(graph)
    return time.process_time() - start


def main() -> None:
    """Build the portfolios, time each analysis and baseline interleaved, print the growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    sizes = sorted(args.sizes)
    graphs = {size: build_portfolio_graph(portfolio(size)) for size in sizes}
    for size, graph in graphs.items():
        print(
            f"portfolio of {size} plans: {graph.number_of_nodes():,} nodes, "
            f"{graph.number_of_edges():,} edges, {len(funding_nodes(graph)):,} funding streams"
        )
    work = {**{name: func for name, (func, _) in ANALYSES.items()}, **BASELINES}
    for func in work.values():  # warm caches once on the smallest graph
        func(graphs[sizes[0]])
    times: dict[tuple[str, int], list[float]] = {(n, s): [] for n in work for s in sizes}
    for _ in range(args.repeat):
        for size in sizes:
            for name, func in work.items():
                times[name, size].append(seconds(func, graphs[size]))
    median = {key: statistics.median(found) for key, found in times.items()}

    steps = list(itertools.pairwise(sizes))
    header = f"{'analysis':<22}" + "".join(f" {f'cpu ms@{s}':>10}" for s in sizes)
    header += "".join(f" {f'x{b}/{a}':>9}" for a, b in steps)
    header += "".join(f" {f'ratio@{s}':>9}" for s in sizes)
    print(f"\n{header}")
    worst = 0.0
    for name in work:
        baseline = ANALYSES[name][1] if name in ANALYSES else name
        row = f"{name:<22}" + "".join(f" {median[name, s] * 1000:>10.1f}" for s in sizes)
        growths = [median[name, b] / median[name, a] for a, b in steps]
        if name in ANALYSES:
            worst = max([worst, *growths])
        row += "".join(f" {g:>9.2f}" for g in growths)
        row += "".join(f" {median[name, s] / median[baseline, s]:>9.2f}" for s in sizes)
        print(row)
    print(f"\nmedians of {args.repeat} interleaved runs; baselines: {', '.join(BASELINES)}")
    print(f"worst growth per doubling of an analysis: {worst:.2f} (goal: at most 2.2)")


if __name__ == "__main__":
    main()
