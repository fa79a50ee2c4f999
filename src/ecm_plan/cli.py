"""The ``ecm-plan`` command: validate, report, trajectories, monitoring, graph export, schema.

A thin argparse layer over the library. ``main(argv)`` returns the exit code, so tests call it
directly: 0 success, 1 the plan has problems (or, with ``--strict``, error findings), 2 a
usage error.

Example:
    >>> main(["validate", "sample"])
    sample: valid (3 priorities, 2 objectives, 5 actions, 4 targets, 3 indicators)
    0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import networkx as nx

from ecm_plan.exceptions import PlanError
from ecm_plan.graph import build_graph, export_graph, to_dot
from ecm_plan.io import load_plan, plan_schema
from ecm_plan.model import Plan
from ecm_plan.plans import bundled_plans, load_bundled
from ecm_plan.tables import Table

if TYPE_CHECKING:
    from ecm_plan.monitoring import MonitoringResult

__all__ = ["main"]


def _load(name_or_path: str) -> Plan:
    if name_or_path in bundled_plans():
        return load_bundled(name_or_path)
    path = Path(name_or_path)
    if not path.suffix:
        return load_bundled(name_or_path)  # raises UnknownPlanError with suggestions
    return load_plan(path)


def _counts(plan: Plan) -> str:
    objectives = sum(len(p.objectives) for p in plan.priorities)
    actions = sum(1 for _ in plan.iter_actions())
    targets = sum(1 for _ in plan.iter_targets())
    return (
        f"{len(plan.priorities)} priorities, {objectives} objectives, {actions} actions, "
        f"{targets} targets, {len(plan.indicators)} indicators"
    )


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    status = 0
    for name in args.plans:
        try:
            plan = _load(name)
        except PlanError as err:
            print(err, file=out)
            status = 1
            continue
        print(f"{name}: valid ({_counts(plan)})", file=out)
    return status


def _list(_args: argparse.Namespace, out: TextIO) -> int:
    for name in bundled_plans():
        plan = load_bundled(name)
        print(f"{name}\t{plan.authority}\t{plan.title}", file=out)
    return 0


def _schema(_args: argparse.Namespace, out: TextIO) -> int:
    print(json.dumps(plan_schema(), indent=2), file=out)
    return 0


def _graph(args: argparse.Namespace, out: TextIO) -> int:
    graph = build_graph(_load(args.plan))
    if args.format == "dot":
        text = to_dot(graph)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            out.write(text)
        return 0
    if not args.output:
        print("graphml needs --output FILE", file=out)
        return 2
    nx.write_graphml(export_graph(graph), args.output)
    return 0


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from ecm_plan.report.plan import plan_findings, plan_report  # noqa: PLC0415

    plan = _load(args.plan)
    if args.json:
        from ecm_plan.findings import findings_to_json  # noqa: PLC0415

        print(findings_to_json(plan_findings(plan)), file=out)
    else:
        print(plan_report(plan), file=out)
    if args.strict and any(f.severity.value == "error" for f in plan_findings(plan)):
        return 1
    return 0


def _trajectory(args: argparse.Namespace, out: TextIO) -> int:
    from ecm_plan.report.plan import trajectory_table  # noqa: PLC0415
    from ecm_plan.tables import render  # noqa: PLC0415

    print(render(trajectory_table(_load(args.plan))), file=out)
    return 0


def _table_csv(table: Table) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return stream.getvalue()


def _monitor_json(result: MonitoringResult) -> str:
    rows, rollup = result.to_tables()
    data = {
        "plan": result.plan,
        "as_of": result.as_of.label if result.as_of is not None else None,
        "rule": result.rule.name,
        "rows": [dict(zip(rows.headers, row, strict=True)) for row in rows.rows],
        "rollup": [dict(zip(rollup.headers, row, strict=True)) for row in rollup.rows],
        "not_assessed": [{"subject": u.subject, "reason": u.reason} for u in result.unassessed],
        "findings": [str(f) for f in result.findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _monitor(args: argparse.Namespace, out: TextIO) -> int:
    from ecm_plan.monitoring import assess_plan, load_returns  # noqa: PLC0415
    from ecm_plan.tables import render  # noqa: PLC0415

    try:
        plan = _load(args.plan)
        result = assess_plan(plan, load_returns(args.returns), as_of=args.as_of, rule=args.rule)
    except (PlanError, OSError) as err:
        sys.stderr.write(f"ecm-plan monitor: {err}\n")
        return 1
    rows, rollup = result.to_tables()
    if args.format == "json":
        print(_monitor_json(result), file=out)
    elif args.format == "csv":
        print(_table_csv(rows), file=out)
        print(_table_csv(rollup), end="", file=out)
    else:
        print(render(rows), file=out)
        print(file=out)
        print(render(rollup), file=out)
    for finding in result.findings:
        sys.stderr.write(f"{finding}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecm-plan",
        description=(
            "Every Child Matters plans: validate, report, trajectories, monitoring, graph export."
        ),
        epilog="PLAN is a plan file (.yaml, .json, .toml) or the name of a bundled plan.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="load plans and report every problem")
    validate.add_argument("plans", nargs="+", metavar="PLAN")
    validate.set_defaults(run=_validate)
    listing = commands.add_parser("list", help="list the bundled plans")
    listing.set_defaults(run=_list)
    schema = commands.add_parser("schema", help="print the JSON Schema of plan files")
    schema.set_defaults(run=_schema)
    report = commands.add_parser("report", help="summary, coverage, trajectories, dependencies")
    report.add_argument("plan", metavar="PLAN")
    report.add_argument("--json", action="store_true", help="print the findings as JSON")
    report.add_argument("--strict", action="store_true", help="exit 1 on error findings")
    report.set_defaults(run=_report)
    trajectory = commands.add_parser("trajectory", help="interim targets of every indicator")
    trajectory.add_argument("plan", metavar="PLAN")
    trajectory.set_defaults(run=_trajectory)
    monitor = commands.add_parser(
        "monitor", help="assess a plan against a returns file: status, direction, roll-up"
    )
    monitor.add_argument("plan", metavar="PLAN")
    monitor.add_argument("returns", metavar="RETURNS", help="a returns file (.csv, .yaml, .json)")
    monitor.add_argument("--as-of", metavar="PERIOD", help="the last period to take returns for")
    monitor.add_argument(
        "--format", choices=("text", "csv", "json"), default="text", help="output format"
    )
    monitor.add_argument(
        "--rule", default="default", help="the rating rule: default, tolerance or havering"
    )
    monitor.set_defaults(run=_monitor)
    graph = commands.add_parser("graph", help="export the plan graph")
    graph.add_argument("plan", metavar="PLAN")
    graph.add_argument("-f", "--format", choices=("graphml", "dot"), default="dot")
    graph.add_argument("-o", "--output", help="the file to write (standard output for dot)")
    graph.set_defaults(run=_graph)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Args:
        argv: The arguments, without the program name.
        out: Where to print (default: standard output).

    Example:
        >>> main(["validate", "no-such-plan"])
        no bundled plan 'no-such-plan'; bundled plans: ...
        1
    """
    stream = out if out is not None else sys.stdout
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return int(args.run(args, stream))
    except PlanError as err:
        print(err, file=stream)
        return 1
