r"""A plan's report in every format: text, Markdown, JSON and CSV, with the same sections.

Every format holds the same sections, in this order: the plan's header, its contents, the
coverage summary, the outcomes-by-priorities matrix, the findings, the trajectories, the
dependency tables and, when returns are given, the monitoring tables. The graph, the coverage
facts and the findings are built once per plan.

- **text** (:func:`plan_text`): the tables of :func:`~ecm_plan.tables.render`, each finding on
  its own line with its hint and key path on indented lines under it, and lines no longer
  than ``width`` (the rule of :func:`~ecm_plan.tables.render`: text wraps within its column,
  figures are never split, nothing is cut).
- **markdown** (:func:`plan_markdown`): GitHub-flavoured Markdown, a ``##`` heading per
  section and pipe tables; in cells ``\``, ``|``, ``&``, ``<`` and ``>`` are escaped and line
  ends become ``<br>``.
- **json** (:func:`plan_json`, :func:`plan_data`): one document, described below.
- **csv** (:func:`plan_csv`): each section is a block: a ``# Section title`` line, then the
  header row and the rows (quoted by the :mod:`csv` module), then the table's notes as ``#``
  lines; blocks are separated by a blank line.

A section with nothing in it (no rows, or the matrix of a plan without priorities) is its title
and ``none`` (in CSV, a ``# none`` line), never an empty table or a matrix of zeros.
``severity`` keeps the findings at that level or more severe; every format says how many
findings there are of each severity (``Findings: 3 errors, 12 warnings, 40 info (showing
warning and above)``).

The JSON document (``format_version`` 1) is an object with these keys:

- ``format_version``: 1; it changes when a key is removed or changes meaning.
- ``header``: ``id``, ``title``, ``authority``, ``period`` and ``kind`` of the plan.
- ``summary``: a list of tables (the plan's contents, the coverage summary).
- ``matrix``: the outcomes-by-priorities table, or ``null`` when the plan has no priorities.
- ``findings``: ``counts`` (``error``, ``warning``, ``info``: every finding), ``severity``
  (the least severe level shown) and ``items``, each with ``severity``, ``code``,
  ``subject``, ``message``, ``hint`` and ``path``.
- ``trajectories``: a table.
- ``dependencies``: a list of tables.
- ``monitoring``: ``null`` without returns; else ``plan``, ``as_of``, ``rule``, ``rows`` and
  ``rollup`` (objects keyed by column), ``not_assessed`` and ``findings``, as
  ``ecm-plan monitor --format json`` prints them.

A table is an object with ``title``, ``columns``, ``rows`` (lists of text cells, in column
order) and ``notes``.

Example:
    >>> from ecm_plan import load_bundled
    >>> text = plan_markdown(load_bundled("swindon-2008"))
    >>> print(text[text.index("## Outcomes and priorities"):][:48])
    ## Outcomes and priorities: swindon-2008
    <BLANKLINE>
    none

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any, Final

from ecm_plan import _args
from ecm_plan.exceptions import InvalidChoiceError
from ecm_plan.findings import Finding, Severity, _severity
from ecm_plan.model import Plan
from ecm_plan.monitoring import MonitoringResult, Returns, assess_plan
from ecm_plan.periods import Period
from ecm_plan.report.plan import _Context, plan_header, summary_table
from ecm_plan.tables import Table, render

__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "finding_counts",
    "monitoring_data",
    "plan_csv",
    "plan_data",
    "plan_json",
    "plan_markdown",
    "plan_text",
    "report",
    "table_data",
]

#: The version of the JSON document's shape.
FORMAT_VERSION: Final = 1

#: The formats :func:`report` writes.
FORMATS: Final = ("text", "markdown", "json", "csv")

_NONE: Final = "none"
_FINDING_COLUMNS: Final = ("Severity", "Code", "Subject", "Message", "Hint", "Path")


class _Section:
    """A titled part of the report: a table, or nothing to show (``table`` is None)."""

    def __init__(self, title: str, table: Table | None) -> None:
        self.title = title
        self.table = table if table is not None and table.rows else None


class _Report:
    """The sections of one plan's report, each built once."""

    def __init__(
        self,
        plan: object,
        severity: Severity | str | None,
        returns: Returns | None,
        as_of: Period | str | None,
        rule: str | None,
    ) -> None:
        self.plan = _args.require_type(plan, "plan", Plan, "a Plan")
        self.threshold = Severity.INFO if severity is None else _severity(severity)
        if returns is not None:
            _args.require_type(returns, "returns", Returns, "Returns (from load_returns) or None")
        context = _Context(self.plan)
        self.all_findings = context.findings
        self.findings = tuple(f for f in context.findings if f.severity >= self.threshold)
        matrix = context.matrix_tables
        self.summary = (summary_table(self.plan), *context.coverage_tables)
        self.matrix = tuple(_Section(t.title, t if self.plan.priorities else None) for t in matrix)
        self.trajectories = context.trajectories
        self.dependencies = context.dependency_tables
        self.monitoring: MonitoringResult | None = None
        if returns is not None:
            self.monitoring = assess_plan(self.plan, returns, as_of=as_of, rule=rule)

    @property
    def counts(self) -> str:
        return finding_counts(self.all_findings, self.threshold)

    def finding_table(self) -> Table:
        rows = [
            (f.severity.value, f.code, f.subject, f.message, f.hint, f.path) for f in self.findings
        ]
        return Table("Findings", _FINDING_COLUMNS, rows)

    def monitoring_tables(self) -> tuple[Table, ...]:
        if self.monitoring is None:
            return ()
        rows = [(f.severity.value, f.code, f.subject, f.message) for f in self.monitoring.findings]
        found = Table("Monitoring findings", ("Severity", "Code", "Subject", "Message"), rows)
        return (*self.monitoring.to_tables(), found)

    def before_findings(self) -> list[_Section]:
        return [*(_Section(t.title, t) for t in self.summary), *self.matrix]

    def after_findings(self) -> list[_Section]:
        tables = (self.trajectories, *self.dependencies, *self.monitoring_tables())
        return [_Section(t.title, t) for t in tables]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 or word == "info" else f"{count} {word}s"


def finding_counts(findings: Iterable[Finding], shown: Severity | str | None = None) -> str:
    """How many findings there are of each severity, and which are shown.

    Args:
        findings: Every finding (not only those shown).
        shown: The least severe level shown, or None (or ``info``) for all.

    Returns:
        One line, as in the example below.

    Raises:
        InvalidChoiceError: ``shown`` is not a severity (a :class:`ValueError`).

    Example:
        >>> found = [Finding("ECM201", "error", "P1", "No lead."),
        ...          Finding("ECM101", "warning", "P2", "No outcome.")]
        >>> finding_counts(found, "warning")
        'Findings: 1 error, 1 warning, 0 info (showing warning and above)'
        >>> finding_counts(found, "fatal")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.InvalidChoiceError: 'fatal' is not a severity; use one of info, ...
    """
    threshold = Severity.INFO if shown is None else _severity(shown)
    items = list(_args.require_items(findings, "findings", Finding, "a Finding"))
    counts = {s: sum(1 for f in items if f.severity is s) for s in Severity}
    line = "Findings: " + ", ".join(
        _plural(counts[s], s.value) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    if threshold > Severity.INFO:
        line += f" (showing {threshold.value} and above)"
    return line


def table_data(table: Table) -> dict[str, Any]:
    """A table as a JSON-ready object: ``title``, ``columns``, ``rows`` and ``notes``.

    Example:
        >>> data = table_data(Table("Leads", ("Id", "Name"), [("HoS", "Head of Service")]))
        >>> data["columns"], data["rows"], data["notes"]
        (['Id', 'Name'], [['HoS', 'Head of Service']], [])
    """
    _args.require_type(table, "table", Table, "a Table")
    return {
        "title": table.title,
        "columns": list(table.headers),
        "rows": [list(row) for row in table.rows],
        "notes": list(table.notes),
    }


def monitoring_data(result: MonitoringResult) -> dict[str, Any]:
    """A plan's monitoring result as the JSON-ready object ``ecm-plan monitor`` prints.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import Returns, assess_plan
        >>> data = monitoring_data(assess_plan(load_bundled("sample"), Returns()))
        >>> sorted(data)
        ['as_of', 'findings', 'not_assessed', 'plan', 'rollup', 'rows', 'rule']
    """
    _args.require_type(result, "result", MonitoringResult, "a MonitoringResult")
    rows, rollup = result.to_tables()
    return {
        "plan": result.plan,
        "as_of": result.as_of.label if result.as_of is not None else None,
        "rule": result.rule.name,
        "rows": [dict(zip(rows.headers, row, strict=True)) for row in rows.rows],
        "rollup": [dict(zip(rollup.headers, row, strict=True)) for row in rollup.rows],
        "not_assessed": [{"subject": u.subject, "reason": u.reason} for u in result.unassessed],
        "findings": [str(f) for f in result.findings],
    }


# --------------------------------------------------------------------------------------------
# text
# --------------------------------------------------------------------------------------------


def _wrap(text: str, width: int | None, indent: str = "", *, split: bool = False) -> list[str]:
    """Wrap at ``width``; a word longer than the line is split only with ``split``."""
    if width is None or len(indent) + len(text) <= width:
        return [indent + text]
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent + "    ",
        break_long_words=split,
        break_on_hyphens=False,
    )


def _text_title(title: str, width: int | None) -> list[str]:
    lines = _wrap(title, width)
    return [*lines, "=" * max(len(line) for line in lines)]


def _text_section(section: _Section, width: int | None) -> str:
    if section.table is None:
        return "\n".join([*_text_title(section.title, width), _NONE])
    return render(section.table, width=width)


def _text_findings(report: _Report, width: int | None) -> str:
    lines = [*_text_title("Findings", width), *_wrap(report.counts, width)]
    if not report.findings:
        lines.append(_NONE)
    for f in report.findings:
        lines += _wrap(f"{f.severity.value} {f.code} {f.subject}: {f.message}", width)
        if f.hint:
            lines += _wrap(f"hint: {f.hint}", width, "    ")
        if f.path:
            lines += _wrap(f"path: {f.path}", width, "    ", split=True)  # not a figure
    return "\n".join(lines)


def _text(report: _Report, width: int | None) -> str:
    title, _, *rest = plan_header(report.plan).splitlines()
    header = [*_text_title(title, width), *(line for raw in rest for line in _wrap(raw, width))]
    parts = [
        "\n".join(header),
        *(_text_section(s, width) for s in report.before_findings()),
        _text_findings(report, width),
        *(_text_section(s, width) for s in report.after_findings()),
    ]
    return "\n\n".join(parts) + "\n"


def _width(width: object) -> int | None:
    if width is None:
        return None
    number = _args.require_int(width, "width", 0)
    return number or None


def plan_text(
    plan: Plan,
    *,
    width: int | None = None,
    severity: Severity | str | None = None,
    returns: Returns | None = None,
    as_of: Period | str | None = None,
    rule: str | None = None,
) -> str:
    """The report of a plan as plain text, every line at most ``width`` characters.

    Args:
        plan: The plan.
        width: The longest a line may be (the rule of :func:`~ecm_plan.tables.render`);
            ``None`` or 0 for no limit.
        severity: Show the findings at this level or more severe (None: all).
        returns: Actual values (:func:`~ecm_plan.monitoring.load_returns`) to add the
            monitoring tables of :func:`~ecm_plan.monitoring.assess_plan`.
        as_of: The last period to take returns for.
        rule: The rating rule's name (None: the default).

    Returns:
        The text, ending with a line end.

    Raises:
        ArgumentError: An argument of the wrong type.
        InvalidChoiceError: ``severity`` is not a severity.

    Example:
        >>> from ecm_plan import load_bundled
        >>> text = plan_text(load_bundled("sample"), width=72, severity="warning")
        >>> max(len(line) for line in text.splitlines()) <= 72
        True
        >>> [line for line in text.splitlines() if line.startswith("Findings:")]
        ['Findings: 0 errors, 6 warnings, 11 info (showing warning and above)']
        >>> plan_text(load_bundled("sample"), width=-1)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentValueError: width must be 0 or more, not -1
    """
    limit = _width(width)
    return _text(_Report(plan, severity, returns, as_of, rule), limit)


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

_MD_ESCAPES: Final = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br>", "\r": ""}
)


def _md(text: str) -> str:
    return text.translate(_MD_ESCAPES)


def _md_table(table: Table) -> list[str]:
    lines = [
        "| " + " | ".join(_md(h) for h in table.headers) + " |",
        "|" + "|".join(" --- " for _ in table.headers) + "|",
    ]
    lines += ["| " + " | ".join(_md(c.strip()) for c in row) + " |" for row in table.rows]
    for note in table.notes:
        lines += ["", _md(note)]
    return lines


def _md_section(section: _Section) -> str:
    body = [_NONE] if section.table is None else _md_table(section.table)
    return "\n".join([f"## {_md(section.title)}", "", *body])


def _markdown(report: _Report) -> str:
    plan = report.plan
    header = [
        f"# {_md(plan.title)}",
        "",
        f"- Plan: {_md(plan.id)}",
        f"- Authority: {_md(plan.authority)}",
        f"- Period: {_md(plan.period.label)}",
        f"- Kind: {_md(plan.kind.value)}",
    ]
    findings = ["## Findings", "", report.counts, ""]
    table = report.finding_table()
    findings += _md_table(table) if table.rows else [_NONE]
    parts = [
        "\n".join(header),
        *(_md_section(s) for s in report.before_findings()),
        "\n".join(findings),
        *(_md_section(s) for s in report.after_findings()),
    ]
    return "\n\n".join(parts) + "\n"


def plan_markdown(
    plan: Plan,
    *,
    severity: Severity | str | None = None,
    returns: Returns | None = None,
    as_of: Period | str | None = None,
    rule: str | None = None,
) -> str:
    """The report of a plan as GitHub-flavoured Markdown.

    Args:
        plan: The plan.
        severity: Show the findings at this level or more severe (None: all).
        returns: Actual values to add the monitoring tables (see :func:`plan_text`).
        as_of: The last period to take returns for.
        rule: The rating rule's name (None: the default).

    Returns:
        The Markdown, ending with a line end.

    Raises:
        ArgumentError: An argument of the wrong type.
        InvalidChoiceError: ``severity`` is not a severity.

    Example:
        >>> from ecm_plan import load_bundled
        >>> text = plan_markdown(load_bundled("sample"), severity="error")
        >>> print(text[text.index("## Findings"):][:85])
        ## Findings
        <BLANKLINE>
        Findings: 0 errors, 6 warnings, 11 info (showing error and above)
        <BLANKLINE>
        none
        >>> plan_markdown("sample")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: plan must be a Plan, not str; pass a Plan
    """
    return _markdown(_Report(plan, severity, returns, as_of, rule))


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def _finding_data(finding: Finding) -> dict[str, str]:
    return {
        "severity": finding.severity.value,
        "code": finding.code,
        "subject": finding.subject,
        "message": finding.message,
        "hint": finding.hint,
        "path": finding.path,
    }


def _data(report: _Report) -> dict[str, Any]:
    plan = report.plan
    counts = {s.value: sum(1 for f in report.all_findings if f.severity is s) for s in Severity}
    return {
        "format_version": FORMAT_VERSION,
        "header": {
            "id": plan.id,
            "title": plan.title,
            "authority": plan.authority,
            "period": plan.period.label,
            "kind": plan.kind.value,
        },
        "summary": [table_data(t) for t in report.summary],
        "matrix": next((table_data(s.table) for s in report.matrix if s.table is not None), None),
        "findings": {
            "counts": {k: counts[k] for k in ("error", "warning", "info")},
            "severity": report.threshold.value,
            "items": [_finding_data(f) for f in report.findings],
        },
        "trajectories": table_data(report.trajectories),
        "dependencies": [table_data(t) for t in report.dependencies],
        "monitoring": None if report.monitoring is None else monitoring_data(report.monitoring),
    }


def plan_data(
    plan: Plan,
    *,
    severity: Severity | str | None = None,
    returns: Returns | None = None,
    as_of: Period | str | None = None,
    rule: str | None = None,
) -> dict[str, Any]:
    """The report of a plan as the JSON-ready object described in the module's description.

    Args:
        plan: The plan.
        severity: Keep the findings at this level or more severe (None: all); ``counts``
            still counts every finding.
        returns: Actual values to add the ``monitoring`` object (see :func:`plan_text`).
        as_of: The last period to take returns for.
        rule: The rating rule's name (None: the default).

    Returns:
        An object of dicts, lists, text, numbers and None.

    Raises:
        ArgumentError: An argument of the wrong type.
        InvalidChoiceError: ``severity`` is not a severity.

    Example:
        >>> from ecm_plan import load_bundled
        >>> data = plan_data(load_bundled("swindon-2008"))
        >>> data["format_version"], data["matrix"], data["findings"]["counts"]
        (1, None, {'error': 0, 'warning': 1, 'info': 0})
        >>> data["findings"]["items"][0]["code"]
        'ECM001'
    """
    return _data(_Report(plan, severity, returns, as_of, rule))


def plan_json(
    plan: Plan,
    *,
    severity: Severity | str | None = None,
    returns: Returns | None = None,
    as_of: Period | str | None = None,
    rule: str | None = None,
) -> str:
    """The report of a plan as one JSON document (:func:`plan_data`, indented).

    Args:
        plan: The plan.
        severity: Keep the findings at this level or more severe (None: all).
        returns: Actual values to add the ``monitoring`` object.
        as_of: The last period to take returns for.
        rule: The rating rule's name (None: the default).

    Returns:
        The JSON text, ending with a line end.

    Raises:
        ArgumentError: An argument of the wrong type.
        InvalidChoiceError: ``severity`` is not a severity.

    Example:
        >>> import json
        >>> from ecm_plan import load_bundled
        >>> sorted(json.loads(plan_json(load_bundled("sample"))))[:4]
        ['dependencies', 'findings', 'format_version', 'header']
    """
    data = plan_data(plan, severity=severity, returns=returns, as_of=as_of, rule=rule)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------


def _comment(text: str) -> str:
    return "# " + " ".join(text.splitlines())


def _csv_block(title: str, table: Table | None, extra: Sequence[str] = ()) -> str:
    stream = io.StringIO()
    stream.write(_comment(title) + "\n")
    for line in extra:
        stream.write(_comment(line) + "\n")
    if table is None:
        stream.write(_comment(_NONE) + "\n")
        return stream.getvalue()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    for note in table.notes:
        stream.write(_comment(note) + "\n")
    return stream.getvalue()


def _csv(report: _Report) -> str:
    plan = report.plan
    header = Table(
        "Plan",
        ("Field", "Value"),
        [
            ("id", plan.id),
            ("title", plan.title),
            ("authority", plan.authority),
            ("period", plan.period.label),
            ("kind", plan.kind.value),
        ],
    )
    table = report.finding_table()
    blocks = [
        _csv_block("Plan", header),
        *(_csv_block(s.title, s.table) for s in report.before_findings()),
        _csv_block("Findings", table if table.rows else None, [report.counts]),
        *(_csv_block(s.title, s.table) for s in report.after_findings()),
    ]
    return "\n".join(blocks)


def plan_csv(
    plan: Plan,
    *,
    severity: Severity | str | None = None,
    returns: Returns | None = None,
    as_of: Period | str | None = None,
    rule: str | None = None,
) -> str:
    """The report of a plan as CSV blocks, one per section (see the module's description).

    Args:
        plan: The plan.
        severity: Keep the findings at this level or more severe (None: all).
        returns: Actual values to add the monitoring blocks.
        as_of: The last period to take returns for.
        rule: The rating rule's name (None: the default).

    Returns:
        The CSV text, ending with a line end.

    Raises:
        ArgumentError: An argument of the wrong type.
        InvalidChoiceError: ``severity`` is not a severity.

    Example:
        >>> from ecm_plan import load_bundled
        >>> for line in plan_csv(load_bundled("sample")).splitlines()[:4]:
        ...     print(line)
        # Plan
        Field,Value
        id,sample
        title,Anytown Children and Young People's Plan 2009-12 (sample)
    """
    return _csv(_Report(plan, severity, returns, as_of, rule))


def report(
    plans: Sequence[Plan],
    format: str = "text",  # noqa: A002 (the name the command line's option uses)
    *,
    width: int | None = None,
    severity: Severity | str | None = None,
    returns: Returns | None = None,
    as_of: Period | str | None = None,
    rule: str | None = None,
) -> str:
    """The report of one or several plans in one of :data:`FORMATS`.

    Several plans are reported in turn: text and Markdown one after the other, separated by a
    blank line; JSON as a list of documents; CSV as the blocks of each plan in turn (each
    plan's first block is ``# Plan``).
    A single plan in JSON is one document, not a list.

    Args:
        plans: The plans (at least one).
        format: ``text``, ``markdown``, ``json`` or ``csv``.
        width: For text, the longest a line may be (None or 0: no limit).
        severity: Keep the findings at this level or more severe (None: all).
        returns: Actual values to add the monitoring sections.
        as_of: The last period to take returns for.
        rule: The rating rule's name (None: the default).

    Returns:
        The report, ending with a line end.

    Raises:
        ArgumentError: An argument of the wrong type.
        ArgumentValueError: No plans.
        InvalidChoiceError: An unknown format or severity.

    Example:
        >>> from ecm_plan import load_bundled
        >>> text = report([load_bundled("sample"), load_bundled("swindon-2008")], "markdown")
        >>> for line in text.splitlines():
        ...     if line.startswith("# "):
        ...         print(line)
        # Anytown Children and Young People's Plan 2009-12 (sample)
        # Strategic Management Plan 2008
        >>> report([load_bundled("sample")], "pdf")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.InvalidChoiceError: 'pdf' is not a report format; use one of text, ...
    """
    return _render(
        plans, format, width=width, severity=severity, returns=returns, as_of=as_of, rule=rule
    )[0]


def _render(
    plans: Sequence[Plan],
    format: str,  # noqa: A002 (as in report)
    *,
    width: int | None,
    severity: Severity | str | None,
    returns: Returns | None,
    as_of: Period | str | None,
    rule: str | None,
) -> tuple[str, bool]:
    """The text of :func:`report`, and whether any plan has an error finding."""
    if not isinstance(format, str) or format not in FORMATS:
        raise InvalidChoiceError(format, "report format", FORMATS)
    items = _args.require_items(plans, "plans", Plan, "a Plan")
    _args.require_int(len(items), "the number of plans", 1)
    limit = _width(width)
    reports = [_Report(p, severity, returns, as_of, rule) for p in items]
    errors = any(f.severity is Severity.ERROR for r in reports for f in r.all_findings)
    if format == "json":
        data = [_data(r) for r in reports]
        text = json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False)
        return text + "\n", errors
    if format == "csv":
        return "\n".join(_csv(r) for r in reports), errors
    if format == "markdown":
        return "\n".join(_markdown(r) for r in reports), errors
    return "\n".join(_text(r, limit) for r in reports), errors
