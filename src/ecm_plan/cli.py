"""The ``ecm-plan`` command: validate, report, trajectories, monitoring, graph export, schema.

A thin argparse layer over the library. ``main(argv)`` returns the exit code, so tests call it
directly. Results go to standard output; problems, warnings and errors to standard error, one
``where: what`` line each, never a Python traceback. Exit codes:

- 0: success.
- 1: the plan has problems (or, with ``--strict``, error findings), or a file cannot be
  read or written.
- 2: a usage error (argparse).
- 3: an internal error, a bug: one line names the exception and asks for a report; set
  ``ECM_PLAN_DEBUG=1`` in the environment to see the traceback.
- 130: interrupted (Ctrl-C).
- 141: standard output was closed early (``ecm-plan report sample | head -1``): the
  command stops quietly, as ``git`` and other tools killed by ``SIGPIPE`` do (128 + 13).

Example:
    >>> main(["validate", "sample"])
    sample: valid (3 priorities, 2 objectives, 5 actions, 4 targets, 3 indicators)
    0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import shutil
import sys
import traceback
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import networkx as nx

from ecm_plan import __version__
from ecm_plan.exceptions import PlanError, PlanFileError, PlanValidationError
from ecm_plan.graph import build_graph, export_graph, to_dot
from ecm_plan.io import load_plan, plan_schema
from ecm_plan.model import Plan
from ecm_plan.plans import bundled_plans, load_bundled
from ecm_plan.tables import Table

if TYPE_CHECKING:
    from ecm_plan.monitoring import Returns

__all__ = ["main"]


def _load(name_or_path: str) -> Plan:
    if name_or_path in bundled_plans():
        return load_bundled(name_or_path)
    path = Path(name_or_path)
    if not path.suffix:
        return load_bundled(name_or_path)  # raises UnknownPlanError with suggestions
    return load_plan(path)


def _counts(plan: Plan) -> str:
    counts = plan.counts()
    shown = ("priorities", "objectives", "actions", "targets", "indicators")
    return ", ".join(f"{counts[kind]} {kind}" for kind in shown)


DEBUG_VARIABLE = "ECM_PLAN_DEBUG"
_PROG = "ecm-plan"


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


def _print_error(err: PlanError, errors: TextIO, name: str = _PROG) -> None:
    """Print a library error as ``where: what`` lines, one per problem."""
    if isinstance(err, PlanFileError):
        lines = [f"{err.source}: {problem}" for problem in err.problems]
    elif isinstance(err, PlanValidationError):
        lines = [f"{name}: {problem}" for problem in err.problems]
    else:
        lines = [f"{name}: {_one_line(str(err))}"]
    for line in lines:
        print(line, file=errors)


def _validate(args: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    status = 0
    for name in args.plans:
        try:
            plan = _load(name)
        except PlanError as err:
            _print_error(err, errors)
            status = 1
            continue
        print(f"{name}: valid ({_counts(plan)})", file=out)
    return status


def _list(_args: argparse.Namespace, out: TextIO, _errors: TextIO) -> int:
    for name in bundled_plans():
        plan = load_bundled(name)
        print(f"{name}\t{plan.authority}\t{plan.title}", file=out)
    return 0


def _schema(_args: argparse.Namespace, out: TextIO, _errors: TextIO) -> int:
    print(json.dumps(plan_schema(), indent=2), file=out)
    return 0


def _graph(args: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    if args.format == "graphml" and not args.output:
        print(f"{_PROG} graph: graphml needs --output FILE", file=errors)
        return 2
    graph = build_graph(_load(args.plan))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if args.format == "dot":
            text = to_dot(graph, all_aims=args.all_aims)
        else:
            plain = export_graph(graph, all_aims=args.all_aims)
    for warning in caught:
        print(f"{_PROG}: warning: {_one_line(str(warning.message))}", file=errors)
    if args.format == "graphml":
        nx.write_graphml(plain, args.output)
    elif args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        out.write(text)
    return 0


def _error_items(name: str, err: PlanError) -> list[dict[str, str]]:
    """A load error as the entries of the JSON error document."""
    if isinstance(err, PlanFileError):
        items = []
        for problem in err.problems:
            where = problem.path or "(document)"
            if problem.line is not None:
                where = f"line {problem.line}: {where}"
            entry = {"where": f"{err.source}: {where}", "message": problem.message}
            if problem.hint:
                entry["hint"] = problem.hint
            items.append(entry)
        return items
    if isinstance(err, PlanValidationError):
        return [
            {"where": f"{name}: {p.path or '(document)'}", "message": p.message}
            | ({"hint": p.hint} if p.hint else {})
            for p in err.problems
        ]
    return [{"where": name, "message": _one_line(str(err))}]


def _html(plans: list[Plan], returns: Returns | None, args: argparse.Namespace) -> str:
    from ecm_plan.report.html import (  # noqa: PLC0415 (loaded for this format only: it needs the html extra)
        plan_html,
        portfolio_html,
    )

    if len(plans) == 1:
        return plan_html(
            plans[0], returns=returns, as_of=args.as_of, rule=args.rule, severity=args.severity
        )
    return portfolio_html(
        plans, returns=returns, as_of=args.as_of, rule=args.rule, severity=args.severity
    )


def _write(path: str, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file beside it, then a rename."""
    from ecm_plan.io import _write_replace  # noqa: PLC0415 (the atomic write dump_plan uses)

    _write_replace(Path(os.path.realpath(path)), text.encode("utf-8"))


_FINDINGS_ONLY = "findings-json"  # what the deprecated --json printed: the findings alone


def _report_format(args: argparse.Namespace, errors: TextIO) -> str | None:
    fmt: str | None = args.format
    if args.json:
        if fmt is not None:
            print(f"{_PROG} report: --json and --format {fmt} disagree; give one", file=errors)
            return None
        print(
            f"{_PROG} report: --json is deprecated and prints the findings alone, as before; "
            "use --format json, which covers every section",
            file=errors,
        )
        fmt = _FINDINGS_ONLY
    if args.returns is None and (args.as_of is not None or args.rule is not None):
        print(f"{_PROG} report: --as-of and --rule need --returns FILE", file=errors)
        return None
    return fmt or "text"


def _report(args: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    from ecm_plan.report.formats import _render  # noqa: PLC0415 (the report loads NumPy: import it only here)

    fmt = _report_format(args, errors)
    if fmt is None:
        return 2
    plans: list[Plan] = []
    failed: list[tuple[str, PlanError]] = []
    for name in args.plans:
        try:
            plans.append(_load(name))
        except PlanError as problem:
            failed.append((name, problem))
    returns = None
    if args.returns is not None:
        from ecm_plan.monitoring import load_returns  # noqa: PLC0415 (loaded with --returns only)

        try:
            returns = load_returns(args.returns)
        except PlanError as problem:
            failed.append((args.returns, problem))
    if failed:
        for _, err in failed:
            _print_error(err, errors)
        if fmt == "json":
            items = [item for name, err in failed for item in _error_items(name, err)]
            out.write(json.dumps({"errors": items}, indent=2, ensure_ascii=False) + "\n")
        return 1
    if fmt == _FINDINGS_ONLY:
        from ecm_plan.findings import findings_to_json  # noqa: PLC0415 (as above)
        from ecm_plan.report.plan import _Context  # noqa: PLC0415 (as above)

        found = [f for plan in plans for f in _Context(plan).findings]
        out.write(findings_to_json(found) + "\n")
        return 1 if args.strict and any(f.severity.value == "error" for f in found) else 0
    if fmt == "html":
        from ecm_plan.report.plan import _Context  # noqa: PLC0415 (as above)

        text = _html(plans, returns, args)
        has_errors = args.strict and any(  # built again only when --strict asks
            f.severity.value == "error" for plan in plans for f in _Context(plan).findings
        )
    else:
        width = args.width
        if width is None:
            width = shutil.get_terminal_size((100, 24)).columns
        text, has_errors = _render(
            plans,
            fmt,
            width=width,
            severity=args.severity,
            returns=returns,
            as_of=args.as_of,
            rule=args.rule,
        )
    if args.output:
        try:
            _write(args.output, text)
        except OSError as err:
            print(f"{args.output}: cannot write: {err.strerror or err}", file=errors)
            return 1
        print(f"{args.output}: written", file=errors)
    else:
        out.write(text)
    return 1 if args.strict and has_errors else 0


def _trajectory(args: argparse.Namespace, out: TextIO, _errors: TextIO) -> int:
    from ecm_plan.report.interim import interim_report  # noqa: PLC0415 (imported on first use: the command line starts without the report layer)

    plan = _load(args.plan)
    out.write(interim_report(plan, method=args.method, ndigits=args.ndigits, format=args.format))
    return 0


def _table_csv(table: Table) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return stream.getvalue()


def _monitor(args: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    from ecm_plan.monitoring import assess_plan, load_returns  # noqa: PLC0415 (loaded for this command only)
    from ecm_plan.tables import render  # noqa: PLC0415 (loaded for this command only)

    plan = _load(args.plan)
    result = assess_plan(plan, load_returns(args.returns), as_of=args.as_of, rule=args.rule)
    rows, rollup = result.to_tables()
    if args.format == "json":
        from ecm_plan.report.formats import monitoring_data  # noqa: PLC0415 (loaded for this format only)

        print(json.dumps(monitoring_data(result), indent=2, ensure_ascii=False), file=out)
    elif args.format == "csv":
        print(_table_csv(rows), file=out)
        print(_table_csv(rollup), end="", file=out)
    else:
        print(render(rows), file=out)
        print(file=out)
        print(render(rollup), file=out)
    for finding in result.findings:
        print(f"{_PROG} monitor: {finding}", file=errors)
    return 0


def _init(args: argparse.Namespace, out: TextIO, errors: TextIO) -> int:
    """Write a commented starting plan from a bundled template; refuse to overwrite."""
    from importlib import resources  # noqa: PLC0415 (only this command reads templates)

    from ecm_plan.io import dumps_plan, format_of, loads_plan  # noqa: PLC0415 (imported on first use: the command line starts light)

    template = resources.files("ecm_plan.plans").joinpath("templates", f"{args.template}.yaml")
    text = template.read_text(encoding="utf-8")
    path = Path(args.file)
    fmt = format_of(path)  # a suffix that is not a plan file's is a PlanFileError (exit 1)
    if fmt != "yaml":  # JSON and TOML hold no comments: the same plan, without them
        text = dumps_plan(loads_plan(text, "yaml"), fmt)
    try:
        with path.open("w" if args.force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        print(
            f"{args.file}: already exists; nothing was written (use --force to replace it)",
            file=errors,
        )
        return 1
    print(
        f"{args.file}: written from the {args.template} template; check it with "
        f"'{_PROG} validate {args.file}'",
        file=out,
    )
    return 0


def _width(text: str) -> int:
    """A ``--width`` value: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, not {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecm-plan",
        description=(
            "Every Child Matters plans: validate, report, trajectories, monitoring, graph export."
        ),
        epilog="PLAN is a plan file (.yaml, .json, .toml) or the name of a bundled plan. "
        "Exit codes: 0 success, 1 problems, 2 usage, 3 internal error (a bug; "
        f"{DEBUG_VARIABLE}=1 shows the traceback), 130 interrupted, 141 output closed.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="load plans and report every problem")
    validate.add_argument("plans", nargs="+", metavar="PLAN")
    validate.set_defaults(run=_validate)
    listing = commands.add_parser("list", help="list the bundled plans")
    listing.set_defaults(run=_list)
    schema = commands.add_parser("schema", help="print the JSON Schema of plan files")
    schema.set_defaults(run=_schema)
    report = commands.add_parser("report", help="summary, coverage, trajectories, dependencies")
    report.add_argument("plans", nargs="+", metavar="PLAN")
    report.add_argument(
        "--format",
        choices=("text", "markdown", "html", "json", "csv"),
        help="the output format (default: text)",
    )
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE, atomically")
    report.add_argument(
        "--severity",
        choices=("error", "warning", "info"),
        help="show findings at this level or more severe (default: all)",
    )
    report.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help="text: the longest a line may be (default: the terminal's width, else 100; "
        "0: no limit)",
    )
    report.add_argument("--returns", metavar="FILE", help="add monitoring against a returns file")
    report.add_argument("--as-of", metavar="PERIOD", help="with --returns: the last period")
    report.add_argument("--rule", help="with --returns: the rating rule (as for monitor)")
    report.add_argument("--json", action="store_true", help="deprecated: use --format json")
    report.add_argument("--strict", action="store_true", help="exit 1 on error findings")
    report.set_defaults(run=_report)
    trajectory = commands.add_parser("trajectory", help="interim targets of every indicator")
    trajectory.add_argument("plan", metavar="PLAN")
    trajectory.add_argument(
        "--method", choices=("linear", "compound", "step"), default="linear", help="the path"
    )
    trajectory.add_argument(
        "--ndigits",
        type=int,
        metavar="N",
        help="round to N decimals (default: the decimals the plan prints)",
    )
    trajectory.add_argument(
        "--format", choices=("text", "csv", "json"), default="text", help="output format"
    )
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
    graph.add_argument("--all-aims", action="store_true", help="keep the aims no priority serves")
    graph.set_defaults(run=_graph)
    init = commands.add_parser("init", help="write a commented starting plan file")
    init.add_argument("file", metavar="FILE", help="the plan file to write (.yaml)")
    init.add_argument("--template", choices=("minimal", "full"), default="minimal")
    init.add_argument("--force", action="store_true", help="replace FILE if it exists")
    init.set_defaults(run=_init)
    return parser


def _run(argv: Sequence[str] | None, out: TextIO, errors: TextIO) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        if exit_.code is None:
            return 0
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        return int(args.run(args, out, errors))
    except PlanError as err:
        _print_error(err, errors)
        return 1
    except BrokenPipeError:
        raise
    except OSError as err:
        where = err.filename if err.filename is not None else _PROG
        print(f"{where}: {err.strerror or err}", file=errors)
        return 1


def _quiet(out: TextIO) -> None:
    """Point a closed standard output at the null device, so exiting does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Never raises and never prints a traceback (unless ``ECM_PLAN_DEBUG=1`` asks for one);
    the exit codes are listed in the module's description.

    Args:
        argv: The arguments, without the program name.
        out: Where results go (default: standard output).
        err: Where problems, warnings and errors go (default: standard error).

    Example:
        >>> import sys
        >>> main(["validate", "no-such-plan"], err=sys.stdout)
        ecm-plan: no bundled plan 'no-such-plan'; bundled plans: ...
        1
        >>> main(["validate", "plan.txt"], err=sys.stdout)
        plan.txt: (document): unknown file suffix '.txt' (hint: name the file .yaml, ...)
        1
    """
    stream = out if out is not None else sys.stdout
    errors = err if err is not None else sys.stderr
    try:
        code = _run(argv, stream, errors)
        stream.flush()
    except BrokenPipeError:
        _quiet(stream)
        return 141
    except KeyboardInterrupt:
        print(f"{_PROG}: interrupted", file=errors)
        return 130
    except Exception as exc:  # noqa: BLE001 (the last resort: one line instead of a traceback)
        if os.environ.get(DEBUG_VARIABLE, "") not in {"", "0"}:
            traceback.print_exception(exc, file=errors)
        print(
            f"{_PROG}: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            f"(this is a bug: please report it with the command that caused it; "
            f"{DEBUG_VARIABLE}=1 shows the traceback)",
            file=errors,
        )
        return 3
    return code
