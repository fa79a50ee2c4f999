"""Benchmark: a national portfolio of plan files, stage by stage, against a raw floor.

Writes a portfolio of plan FILES to a temporary folder (152 by default, one per upper-tier
authority: renamed copies of the bundled plans, each with its own id and authority, and with
its own figures: copy ``k`` scales every figure of its targets, actuals, baselines and amounts
by ``1 + k / 1000``, so that no work keyed on a cell's text can pass from copy to copy), then,
in one run, interleaved and repeated, times in CPU seconds:

- the pipeline, stage by stage: ``load`` (:func:`ecm_plan.load_plan` of every file),
  ``graphs`` (:func:`ecm_plan.build_portfolio_graph` of all and :func:`ecm_plan.build_graph`
  of each plan), ``coverage`` (:func:`ecm_plan.coverage.check` of each plan with its graph,
  and :func:`ecm_plan.coverage.portfolio`), ``dependencies``
  (every whole-graph analysis of :mod:`ecm_plan.dependencies` on the portfolio graph,
  including the impact of every funding stream) and ``trajectories`` (the trajectory table of
  each plan's report). What it builds is kept to the end (the plans, the portfolio graph,
  the findings, the analyses and the tables), but for each plan's own graph, which goes once
  its plan's coverage is checked, as a national pipeline needs it for no more;
- the raw floor: the same files read with PyYAML's C parser (``yaml.CSafeLoader``), structured
  by cattrs into small plain attrs classes of the same shape (no validation, no parsing of
  cells), and one networkx graph of the portfolio (its elements and their part-of links) with
  one topological sort.

It prints the median CPU time of each stage as a share of the pipeline, the line
``ratio pipeline/floor: X`` (goal: at most 2.0), and the peak memory per plan of each side
(tracemalloc, measured in a separate untimed pass) with their ratio (goal: at most 2.0).
With ``--double`` it also times twice the plans and prints ``growth for 2x plans: Y`` (the
pipeline's CPU time at 2N over N, N and 2N timed in turn in each round, median of the rounds;
goal: at most 2.1), beside the floor's own growth measured the same way.

Run from the repository root::

    PYTHONPATH=src python benchmarks/portfolio.py --size 152 --repeat 3 --double
"""

from __future__ import annotations

import argparse
import gc
import itertools
import re
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import cattrs
import networkx as nx
import yaml

from ecm_plan import (
    Plan,
    build_graph,
    build_portfolio_graph,
    bundled_plans,
    dumps_plan,
    load_bundled,
    load_plan,
)
from ecm_plan import coverage as cov
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
from ecm_plan.graph import KIND, NodeKind, PlanGraph
from ecm_plan.io._formats import dumps, parse
from ecm_plan.report.plan import trajectory_table

# -- the portfolio ------------------------------------------------------------------------


_FIGURE_KEYS = frozenset({"actuals", "targets", "values", "value", "baseline", "amount", "amounts"})
_FIGURE = re.compile(r"(?<![\d.,])(\d+)(?:\.(\d+))?(?![\d,]|\.\d)")


def _scaled_text(text: str, factor: float) -> str:
    """The text with its first figure scaled, three more decimals kept; a year stays."""
    match = _FIGURE.search(text)
    if match is None:
        return text
    year = match[2] is None and 1900 <= int(match[1]) <= 2100
    if year and not text[: match.start()].endswith("£"):
        return text
    decimals = len(match[2] or "") + 3
    scaled = f"{float(match[0]) * factor:.{decimals}f}"
    return text[: match.start()] + scaled + text[match.end() :]


def _scaled(data: Any, factor: float, figure: bool = False) -> Any:  # noqa: ANN401 (plain data)
    """Plain plan data with every figure cell (a target, an actual, an amount) scaled."""
    if isinstance(data, dict):
        return {k: _scaled(v, factor, figure or k in _FIGURE_KEYS) for k, v in data.items()}
    if isinstance(data, list):  # a list holds elements (a target's own targets), not cells
        return [_scaled(v, factor) for v in data]
    if isinstance(data, str) and figure:
        return _scaled_text(data, factor)
    return data


def write_portfolio(folder: Path, size: int) -> list[Path]:
    """Write ``size`` plan files: the bundled plans in turn, renamed copy by copy.

    Copy ``k`` has each figure in its cells (targets, actuals, baselines, amounts) scaled by
    ``1 + k / 1000`` and written with three more decimals, so that no two copies share a cell's
    text and nothing keyed on a cell's text can serve one copy from another's work.
    """
    originals = [load_bundled(name) for name in bundled_plans()]
    paths = []
    for index, plan in zip(range(size), itertools.cycle(originals), strict=False):
        copy = index // len(originals)
        renamed = attrs.evolve(plan, id=f"{plan.id}-{copy}", authority=f"{plan.authority} {copy}")
        text = dumps_plan(renamed, "yaml")
        if copy:
            text = dumps(_scaled(parse(text, "yaml"), 1 + copy / 1000), "yaml")
        path = folder / f"{renamed.id}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# -- the pipeline -------------------------------------------------------------------------


def every_analysis(graph: PlanGraph) -> list[object]:
    """Every whole-graph dependency analysis, and the impact of losing each funding stream."""
    found: list[object] = [references(graph), cycles(graph), order_of_work(graph)]
    found += [deadline_conflicts(graph), critical_path(graph), shared(graph)]
    found.append(concentration(graph))
    streams = [n for n, kind in graph.nodes(data=KIND) if kind is NodeKind.FUNDING_STREAM]
    found += [impact(graph, stream) for stream in streams]
    return found


def pipeline(paths: list[Path], clock: Callable[[], float]) -> tuple[dict[str, float], object]:
    """Run every stage on the files; return the time of each and what was built."""
    times: dict[str, float] = {}
    start = clock()
    plans: list[Plan] = [load_plan(path) for path in paths]
    times["load"], start = clock() - start, clock()
    whole = build_portfolio_graph(plans)
    times["graphs"], times["coverage"] = clock() - start, 0.0
    # Each plan's graph serves its coverage check, then goes: the portfolio graph is kept.
    findings = []
    for plan in plans:
        start = clock()
        graph = build_graph(plan)
        built = clock()
        findings.append(cov.check(plan, graph=graph))
        times["graphs"] += built - start
        times["coverage"] += clock() - built
    del graph
    start = clock()
    national = cov.portfolio(plans)
    times["coverage"], start = times["coverage"] + clock() - start, clock()
    analyses = every_analysis(whole)
    times["dependencies"], start = clock() - start, clock()
    tables = [trajectory_table(plan) for plan in plans]
    times["trajectories"] = clock() - start
    return times, (plans, whole, findings, national, analyses, tables)


# -- the floor: plain attrs classes of the same shape, no validation ----------------------


@attrs.define
class Lead:
    """A lead, as written."""

    id: str
    name: str = ""
    kind: str | None = None
    role: str | None = None
    organisation: str | None = None
    notes: list[Any] = attrs.Factory(list)


@attrs.define
class FundingStream:
    """A funding stream, as written."""

    id: str
    name: str = ""
    part_of: str | None = None
    description: str | None = None
    amounts: dict[str, Any] = attrs.Factory(dict)
    notes: list[Any] = attrs.Factory(list)


@attrs.define
class Indicator:
    """An indicator, as written (cells kept as the YAML gives them)."""

    id: str
    code: str | None = None
    scheme: str | None = None
    catalogue_code: str | None = None
    also: list[str] = attrs.Factory(list)
    group: str | None = None
    title: str | None = None
    unit: str | None = None
    polarity: str | None = None
    baseline: Any = None
    actuals: dict[str, Any] = attrs.Factory(dict)
    targets: dict[str, Any] = attrs.Factory(dict)
    responsible: list[str] = attrs.Factory(list)
    notes: list[Any] = attrs.Factory(list)
    measure: Any = None


@attrs.define
class Target:
    """A target, as written."""

    id: str
    text: str = ""
    kind: str | None = None
    indicator: str | None = None
    comparator: Any = None
    baseline: Any = None
    values: dict[str, Any] = attrs.Factory(dict)
    value: Any = None
    unit: str | None = None
    due: Any = None
    depends_on: list[str] = attrs.Factory(list)
    notes: list[Any] = attrs.Factory(list)


@attrs.define
class Allocation:
    """A funding allocation, as written."""

    stream: str | None = None
    amount: Any = None
    label: str | None = None
    text: str | None = None
    arrangement: str | None = None
    period: Any = None
    notes: list[Any] = attrs.Factory(list)


@attrs.define
class Milestone:
    """A milestone, as written."""

    text: str = ""
    period: Any = None
    label: str | None = None


@attrs.define
class Action:
    """An action, as written."""

    id: str
    text: str = ""
    code: str | None = None
    leads: list[str] = attrs.Factory(list)
    due: Any = None
    milestones: list[Milestone] = attrs.Factory(list)
    funding: list[Allocation] = attrs.Factory(list)
    targets: list[Target] = attrs.Factory(list)
    depends_on: list[str] = attrs.Factory(list)
    notes: list[Any] = attrs.Factory(list)


@attrs.define
class Objective:
    """An objective, as written."""

    id: str
    title: str = ""
    code: str | None = None
    description: list[Any] = attrs.Factory(list)
    leads: list[str] = attrs.Factory(list)
    actions: list[Action] = attrs.Factory(list)
    milestones: list[Milestone] = attrs.Factory(list)
    targets: list[Target] = attrs.Factory(list)
    funding: list[Allocation] = attrs.Factory(list)
    depends_on: list[str] = attrs.Factory(list)
    notes: list[Any] = attrs.Factory(list)


@attrs.define
class Priority:
    """A priority, as written."""

    id: str
    title: str = ""
    code: str | None = None
    kind: str | None = None
    theme: str | None = None
    leads: list[str] = attrs.Factory(list)
    outcomes: list[Any] = attrs.Factory(list)
    rationale: list[Any] = attrs.Factory(list)
    intended_outcomes: list[Any] = attrs.Factory(list)
    supports: list[str] = attrs.Factory(list)
    objectives: list[Objective] = attrs.Factory(list)
    actions: list[Action] = attrs.Factory(list)
    targets: list[Target] = attrs.Factory(list)
    funding: list[Allocation] = attrs.Factory(list)
    notes: list[Any] = attrs.Factory(list)


@attrs.define
class Section:
    """A section of the document, as written."""

    id: str
    title: str = ""
    topic: str = ""
    subject: str | None = None
    items: list[Any] = attrs.Factory(list)
    events: list[Any] = attrs.Factory(list)
    sections: list[Section] = attrs.Factory(list)
    notes: list[Any] = attrs.Factory(list)


@attrs.define
class FloorPlan:
    """A plan file, as written."""

    id: str
    authority: str = ""
    title: str = ""
    period: Any = None
    kind: str | None = None
    published: Any = None
    source: str | None = None
    vision: list[Any] = attrs.Factory(list)
    outcomes: list[Any] = attrs.Factory(list)
    leads: list[Lead] = attrs.Factory(list)
    funding_streams: list[FundingStream] = attrs.Factory(list)
    indicators: list[Indicator] = attrs.Factory(list)
    priorities: list[Priority] = attrs.Factory(list)
    sections: list[Section] = attrs.Factory(list)
    notes: list[Any] = attrs.Factory(list)


def _floor_graph(plans: list[FloorPlan]) -> nx.DiGraph[str]:
    """The portfolio's elements and their part-of, lead, funding and indicator links."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    for plan in plans:
        p = plan.id
        graph.add_node(p)
        for item in [*plan.leads, *plan.funding_streams, *plan.indicators]:
            graph.add_node(f"{p}:{item.id}")
        for priority in plan.priorities:
            graph.add_edge(f"{p}:{priority.id}", p)
            works = [(priority.id, a) for a in priority.actions]
            for objective in priority.objectives:
                graph.add_edge(f"{p}:{objective.id}", f"{p}:{priority.id}")
                works += [(objective.id, a) for a in objective.actions]
            for owner, action in works:
                graph.add_edge(f"{p}:{action.id}", f"{p}:{owner}")
                for lead in action.leads:
                    graph.add_edge(f"{p}:{lead}", f"{p}:{action.id}")
                for allocation in action.funding:
                    if allocation.stream:
                        graph.add_edge(f"{p}:{allocation.stream}", f"{p}:{action.id}")
                for target in action.targets:
                    graph.add_edge(f"{p}:{action.id}", f"{p}:{target.id}")
                    if target.indicator:
                        graph.add_edge(f"{p}:{target.id}", f"{p}:{target.indicator}")
    return graph


def floor(paths: list[Path], clock: Callable[[], float]) -> tuple[float, object]:
    """Read, structure and graph the files the plainest way; return the time and the result."""
    converter = cattrs.Converter()
    start = clock()
    plans = []
    for path in paths:
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        plans.append(converter.structure(data, FloorPlan))
    graph = _floor_graph(plans)
    order = list(nx.topological_sort(graph))
    return clock() - start, (plans, graph, order)


# -- measuring ----------------------------------------------------------------------------


STAGES = ("load", "graphs", "coverage", "dependencies", "trajectories")


def timed(paths: list[Path], repeat: int) -> tuple[dict[str, float], float]:
    """Median CPU seconds of each pipeline stage and of the floor, runs interleaved."""
    stage_times: dict[str, list[float]] = {stage: [] for stage in STAGES}
    totals: list[float] = []
    floors: list[float] = []
    for _ in range(repeat):
        gc.collect()
        times, _built = pipeline(paths, time.process_time)
        del _built
        for stage in STAGES:
            stage_times[stage].append(times[stage])
        totals.append(sum(times.values()))
        gc.collect()
        floors.append(floor(paths, time.process_time)[0])
    medians = {stage: statistics.median(found) for stage, found in stage_times.items()}
    medians["total"] = statistics.median(totals)
    return medians, statistics.median(floors)


def growth(first: list[Path], doubled: list[Path], repeat: int) -> tuple[float, float]:
    """Median growth of the pipeline's and the floor's CPU time from N to 2N plans.

    Each round times N plans and 2N plans one right after the other, so both sizes meet the
    same machine; the growth of a round is the ratio of the two, and the median of the rounds
    is printed. The floor's own growth, measured the same way, shows what linear looks like.
    """
    ours: list[float] = []
    plain: list[float] = []
    for _ in range(repeat):
        sizes = []
        for paths in (first, doubled):
            gc.collect()
            times, _built = pipeline(paths, time.process_time)
            del _built
            sizes.append(sum(times.values()))
        ours.append(sizes[1] / sizes[0])
        floors = []
        for paths in (first, doubled):
            gc.collect()
            floors.append(floor(paths, time.process_time)[0])
        plain.append(floors[1] / floors[0])
    return statistics.median(ours), statistics.median(plain)


def peak_bytes(run: Callable[[], object]) -> int:
    """The peak of memory allocated while ``run`` builds and holds its result."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return peak


def main() -> None:
    """Write the portfolio, time both sides, print the split and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=152, help="plans in the portfolio")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--double", action="store_true", help="also run 2x the plans")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        paths = write_portfolio(Path(folder), args.size * (2 if args.double else 1))
        first = paths[: args.size]
        megabytes = sum(p.stat().st_size for p in first) / 1e6
        print(f"portfolio: {args.size} plan files, {megabytes:.1f} MB of YAML")
        pipeline(first[:5], time.process_time)  # warm the caches of both sides
        floor(first[:5], time.process_time)
        medians, floor_time = timed(first, args.repeat)

        print(f"\n{'stage':<14} {'share of pipeline':>18} {'x floor':>8}")
        for stage in STAGES:
            share = medians[stage] / medians["total"]
            print(f"{stage:<14} {share:>17.0%} {medians[stage] / floor_time:>8.2f}")
        print(f"{'pipeline':<14} {'100%':>18} {medians['total'] / floor_time:>8.2f}")

        ours = peak_bytes(lambda: pipeline(first, time.process_time)[1]) / args.size
        plain = peak_bytes(lambda: floor(first, time.process_time)[1]) / args.size
        print(f"\npeak memory per plan: pipeline {ours / 1e6:.2f} MB, floor {plain / 1e6:.2f} MB")
        print(f"ratio memory pipeline/floor: {ours / plain:.2f} (goal: at most 2.0)")
        print(f"ratio pipeline/floor: {medians['total'] / floor_time:.2f} (goal: at most 2.0)")
        print(f"(medians of {args.repeat} interleaved runs, CPU time)")

        if args.double:
            ours_growth, floor_growth = growth(first, paths, args.repeat)
            print(f"growth of the floor for 2x plans: {floor_growth:.2f}")
            print(f"growth for 2x plans: {ours_growth:.2f} (goal: at most 2.1)")
            print(f"(medians of {args.repeat} rounds, each timing N and 2N plans in turn)")


if __name__ == "__main__":
    main()
