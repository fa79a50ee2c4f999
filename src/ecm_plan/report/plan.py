"""The full report of a plan: summary, coverage, findings, trajectories and dependencies.

The ``ecm-plan report`` command prints :func:`plan_report` (through
:mod:`~ecm_plan.report.formats`, which gives the same sections as text, Markdown, JSON and
CSV); each example script prints its plan's own tables and then these sections. Library code
never prints: these functions return tables and text.

Example:
    >>> from ecm_plan import load_bundled
    >>> text = plan_report(load_bundled("sample"))
    >>> [line for line in text.splitlines() if line.startswith("Outcomes and priorities")]
    ['Outcomes and priorities: sample']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from ecm_plan import _args, dependencies
from ecm_plan.coverage._facts import Facts
from ecm_plan.coverage.matrix import OutcomeMatrix, _outcome_matrix
from ecm_plan.coverage.rules import RuleSet, _check
from ecm_plan.coverage.summary import _summary
from ecm_plan.exceptions import TrajectoryError
from ecm_plan.findings import Finding, findings_table
from ecm_plan.graph import PlanGraph, build_graph
from ecm_plan.model import Plan, ValueStatus
from ecm_plan.tables import Table
from ecm_plan.trajectory import matching_methods, planned_series

__all__ = [
    "analysis_sections",
    "plan_findings",
    "plan_header",
    "plan_report",
    "summary_table",
    "trajectory_table",
]


class _Context:
    """What every section of one plan's report shares, each built once, on first use.

    The graph (with the references found in the text), the coverage facts read from it, the
    coverage findings and the dependency findings.
    """

    def __init__(self, plan: Plan) -> None:
        """Start the context of a plan; nothing is built yet."""
        self.plan = plan

    @functools.cached_property
    def graph(self) -> PlanGraph:
        """The plan's graph."""
        return build_graph(self.plan)

    @functools.cached_property
    def facts(self) -> Facts:
        """The coverage facts, read from the graph."""
        return Facts(self.plan, self.graph)

    @functools.cached_property
    def coverage_findings(self) -> tuple[Finding, ...]:
        """The findings of every coverage rule at its own severity."""
        return _check(self.plan, RuleSet(), self.facts)

    @functools.cached_property
    def findings(self) -> tuple[Finding, ...]:
        """Every coverage and dependency finding, most severe first."""
        return tuple(
            sorted([*self.coverage_findings, *dependencies.dependency_findings(self.graph)])
        )

    @functools.cached_property
    def matrix(self) -> OutcomeMatrix:
        """The outcomes and aims set against the priorities."""
        return _outcome_matrix(self.plan, self.facts)

    @functools.cached_property
    def coverage_tables(self) -> tuple[Table, ...]:
        """The coverage summary."""
        return _summary(self.plan, self.facts, self.coverage_findings).to_tables()

    @functools.cached_property
    def matrix_tables(self) -> tuple[Table, ...]:
        """The outcomes-by-priorities matrix (and its aims)."""
        return self.matrix.to_tables()

    @functools.cached_property
    def trajectories(self) -> Table:
        """The published trajectories and the methods that reproduce them."""
        return trajectory_table(self.plan)

    @functools.cached_property
    def dependency_tables(self) -> tuple[Table, ...]:
        """The dependency tables."""
        return dependencies.dependency_tables(self.graph)

    def analysis_sections(self) -> tuple[Table, ...]:
        """The analysis tables of :func:`analysis_sections`."""
        return (
            *self.coverage_tables,
            *self.matrix_tables,
            findings_table(self.findings),
            self.trajectories,
            *self.dependency_tables,
        )


def plan_header(plan: Plan, *extra: str, period: str | None = None) -> str:
    """The title block of a plan's report: title, authority, period and kind of document.

    Args:
        plan: The plan.
        extra: Lines to add under the block.
        period: The text of the period line, if not the period's label.

    Returns:
        The block, without a trailing newline.

    Example:
        >>> from ecm_plan import load_bundled
        >>> print(plan_header(load_bundled("sample"), "Vision: safe and happy"))
        Anytown Children and Young People's Plan 2009-12 (sample)
        =========================================================
        Authority: Anytown
        Period:    2009-10 to 2011-12
        Kind:      children_and_young_peoples_plan
        Vision: safe and happy
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    for index, line in enumerate(extra):
        _args.require_text(line, f"extra[{index}]")
    if period is not None:
        _args.require_text(period, "period")
    lines = [
        plan.title,
        "=" * len(plan.title),
        f"Authority: {plan.authority}",
        f"Period:    {plan.period.label if period is None else period}",
        f"Kind:      {plan.kind.value}",
        *extra,
    ]
    return "\n".join(lines)


def summary_table(plan: Plan) -> Table:
    """How many of each element the plan has.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.report import render
        >>> print(render(summary_table(load_bundled("sample"))))
        Plan contents
        =============
        Element         | Count
        ----------------+------
        priorities      | 3
        objectives      | 2
        actions         | 5
        milestones      | 4
        targets         | 4
        indicators      | 3
        funding streams | 3
        allocations     | 3
        leads           | 4
        sections        | 1
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    rows = list(plan.counts().items())
    return Table("Plan contents", ("Element", "Count"), rows)


def plan_findings(plan: Plan) -> tuple[Finding, ...]:
    """Every coverage and dependency finding for the plan, most severe first.

    Example:
        >>> from ecm_plan import load_bundled
        >>> findings = plan_findings(load_bundled("sample"))
        >>> findings == tuple(sorted(findings))
        True

    .. versionchanged:: 0.2.0 Returns a tuple.
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    return _Context(plan).findings


def _decimals(texts: Sequence[str]) -> int:
    digits = 0
    for full in texts:
        text = full.split("(")[0]
        for token in text.replace("%", " ").split():
            if "." in token and token.replace(".", "").lstrip("+-").isdigit():
                digits = max(digits, len(token.split(".")[1]))
    return digits


def _methods(start: float, figures: Sequence[float], texts: Sequence[str]) -> str:
    if not figures or any(math.isnan(f) for f in figures):
        return "n/a (gaps in the series)"
    try:
        found = matching_methods(start, list(figures), ndigits=_decimals(texts))
    except TrajectoryError as err:
        return f"n/a ({err})"
    return ", ".join(m.value for m in found) or "none"


_TRAJECTORY_NOTE = (
    "Reproduced by: the methods of ecm_plan.trajectory whose path from the baseline, "
    "rounded as printed, gives the published targets (N/A periods left out)."
)


def trajectory_table(plan: Plan) -> Table:
    """Each indicator's published trajectory and the interpolation methods that reproduce it.

    For every indicator with at least one target figure, the baseline is
    :func:`~ecm_plan.trajectory.plan.baseline_of` (the latest actual before the first target
    period, else the stated baseline; else the series is tested from its own first target);
    the methods are those of
    :func:`ecm_plan.trajectory.interim.matching_methods` at the precision the plan prints.

    Example:
        >>> from ecm_plan import load_bundled
        >>> table = trajectory_table(load_bundled("sample"))
        >>> [row[0] for row in table.rows]
        ['NI 112', 'NI 62', 'NI 157']
        >>> table.rows[0][-1]
        'linear'
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    rows = []
    for indicator in plan.indicators:
        planned = planned_series(indicator)
        if not planned.has_figures:
            continue
        series = "; ".join(f"{p}: {v}" for p, v in zip(planned.labels, planned.texts, strict=True))
        stated = [
            (value, text)
            for value, text, status in zip(
                planned.values, planned.texts, planned.statuses, strict=True
            )
            if status is not ValueStatus.NOT_APPLICABLE
        ]
        base = planned.baseline
        if base is None:
            # No baseline: test the series' own steps, from its first target.
            if len(stated) < 2 or math.isnan(stated[0][0]):
                rows.append((indicator.id, "none", series, "n/a (no baseline)"))
                continue
            label, (start, text) = "first target", stated[0]
            stated = stated[1:]
        else:
            label, start, text = base.label, base.value, base.text
        figures = [v for v, _ in stated]
        texts = [s for _, s in stated]
        rows.append((indicator.id, f"{label}: {text}", series, _methods(start, figures, texts)))
    return Table(
        "Trajectories",
        ("Indicator", "Baseline", "Targets", "Reproduced by"),
        rows,
        notes=(_TRAJECTORY_NOTE,),
    )


def analysis_sections(plan: Plan) -> tuple[Table, ...]:
    """The analysis tables every plan report ends with.

    Coverage summary, outcomes by priorities, findings, trajectories and the dependency
    tables, in that order.

    Example:
        >>> from ecm_plan import load_bundled
        >>> [t.title for t in analysis_sections(load_bundled("sample"))][:3]
        ['Coverage summary: sample', 'Outcomes and priorities: sample', 'Findings']

    .. versionchanged:: 0.2.0 Returns a tuple.
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    return _Context(plan).analysis_sections()


def plan_report(plan: Plan) -> str:
    """The whole report of a plan as text: :func:`~ecm_plan.report.formats.plan_text`.

    Example:
        >>> from ecm_plan import load_bundled
        >>> plan_report(load_bundled("swindon-2008")).splitlines()[0]
        'Strategic Management Plan 2008'

    .. versionchanged:: 0.2.0 Findings show their hint and key path; empty sections, and the
       matrix of a plan without priorities, say ``none``.
    """
    from ecm_plan.report.formats import plan_text  # noqa: PLC0415 (formats builds on this module)

    _args.require_type(plan, "plan", Plan, "a Plan")
    return plan_text(plan).rstrip("\n")
