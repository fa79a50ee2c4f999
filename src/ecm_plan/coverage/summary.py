"""The completeness summary: the share of each kind of element of a plan that is complete.

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.coverage import summary
    >>> summary(load_bundled("sample")).kind("priority").share
    1.0

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from ecm_plan._deprecation import alias_table
from ecm_plan.coverage._facts import Facts, _need_graph, _need_plan
from ecm_plan.coverage.rules import RulesArg, _findings, _ruleset
from ecm_plan.exceptions import NotInResultError
from ecm_plan.findings import Severity
from ecm_plan.graph import PlanGraph
from ecm_plan.model import Action, Indicator, Objective, OutcomeKey, Plan, Priority, Target
from ecm_plan.tables import Table

__all__ = ["CoverageSummary", "KindSummary", "summary"]

_KINDS: tuple[tuple[str, type | None], ...] = (
    ("outcome", None),
    ("priority", Priority),
    ("objective", Objective),
    ("action", Action),
    ("target", Target),
    ("indicator", Indicator),
)


@attrs.frozen
class KindSummary:
    """How many elements of one kind are complete.

    Attributes:
        kind: ``outcome``, ``priority``, ``objective``, ``action``, ``target`` or
            ``indicator``.
        complete: How many are complete.
        total: How many there are.

    Example:
        >>> KindSummary("action", 3, 4).share
        0.75
        >>> KindSummary("objective", 0, 0).share is None
        True

    .. versionadded:: 0.1.0
    """

    kind: str
    complete: int
    total: int

    @property
    def share(self) -> float | None:
        """The complete share, 0 to 1; None when there are none of this kind."""
        return self.complete / self.total if self.total else None


@attrs.frozen
class CoverageSummary:
    """The share of each kind of element of a plan that is complete.

    Attributes:
        plan: The plan's id.
        kinds: One entry per kind, in the order outcome, priority, objective, action,
            target, indicator.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.report import render_all
        >>> print(render_all(summary(load_bundled("sample")).to_tables()))
        Coverage summary: sample
        ========================
        Kind      | Complete | Total | Share
        ----------+----------+-------+------
        outcome   | 3        | 5     | 60%
        priority  | 3        | 3     | 100%
        objective | 2        | 2     | 100%
        action    | 4        | 5     | 80%
        target    | 4        | 4     | 100%
        indicator | 2        | 3     | 67%

    .. versionadded:: 0.1.0
    """

    plan: str
    kinds: tuple[KindSummary, ...]

    def kind(self, name: str) -> KindSummary:
        """The entry of one kind.

        Raises:
            NotInResultError: No such kind (a :class:`KeyError`).

        Example:
            >>> from ecm_plan import load_bundled
            >>> summary(load_bundled("sample")).kind("outcome").complete
            3
        """
        for found in self.kinds:
            if found.kind == name:
                return found
        raise NotInResultError(name, "the coverage summary", [k.kind for k in self.kinds])

    def to_tables(self) -> tuple[Table, ...]:
        """The summary as a table; the share is a whole percentage, or ``-`` for none.

        Example:
            >>> from ecm_plan import load_bundled
            >>> summary(load_bundled("sample")).to_tables()[0].rows[0]
            ('outcome', '3', '5', '60%')
        """
        rows = [
            (
                k.kind,
                k.complete,
                k.total,
                "-" if k.share is None else f"{round(100 * k.share)}%",
            )
            for k in self.kinds
        ]
        return (
            Table(f"Coverage summary: {self.plan}", ("Kind", "Complete", "Total", "Share"), rows),
        )

    to_table = alias_table("to_table")


def summary(
    plan: Plan,
    rules: RulesArg = None,
    *,
    disable: Iterable[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
    graph: PlanGraph | None = None,
) -> CoverageSummary:
    """The share of each kind of element that is complete.

    An outcome is complete when a priority serves it (stated or inferred). Any other element
    is complete when no finding at warning or error level is about it, under the rules and
    severities given (the same arguments as :func:`check`): a priority that reaches an
    outcome, has work, a lead and a measurable target; an action with a lead and a due period
    inside the plan; a measurable target with an indicator, a baseline and a settled value;
    an indicator with a known code, a matching title and a value for each year. Qualitative
    targets are counted and are complete unless a rule says otherwise.

    Args:
        plan: The plan.
        rules: As for :func:`check`.
        disable: As for :func:`check`.
        severity: As for :func:`check`.
        graph: The plan's graph (:func:`~ecm_plan.graph.build_graph`), when the caller has
            built it: the outcomes each priority reaches, through the priorities it supports,
            are then read from its edges rather than from the model; the result is the same.

    Returns:
        One entry per kind; ``to_table()`` renders it.

    Raises:
        AnalysisError: ``graph`` is not the graph of this plan.
        UnknownRuleError: A code or slug names no rule.

    Example:
        >>> from ecm_plan import load_bundled
        >>> plan = load_bundled("sample")
        >>> summary(plan).kind("action").complete, summary(plan).kind("action").total
        (4, 5)
        >>> summary(plan, disable=["ECM301"]).kind("action").complete
        5

    .. versionadded:: 0.1.0
    """
    _need_plan(plan, "summary")
    _need_graph(graph, plan, "summary")
    ruleset = _ruleset(rules, disable, severity)
    facts = Facts(plan, graph)
    flagged = {f.subject for f in _findings(plan, ruleset, facts) if f.severity >= Severity.WARNING}
    counts: dict[str, list[int]] = {name: [0, 0] for name, _ in _KINDS}
    counts["outcome"] = [sum(1 for k in OutcomeKey if facts.serving.get(k)), len(OutcomeKey)]
    by_type = {kind: name for name, kind in _KINDS if kind is not None}
    for _, element in plan.iter_elements():
        name = by_type.get(type(element))
        if name is None:
            continue
        counts[name][1] += 1
        if element.id not in flagged:
            counts[name][0] += 1
    return CoverageSummary(plan.id, tuple(KindSummary(name, *counts[name]) for name, _ in _KINDS))


# -- portfolio --------------------------------------------------------------------------------
