"""Coverage checks: does a plan cover the outcomes, and is each part of it complete?

:func:`check` runs registered rules over a plan and returns :class:`~ecm_plan.findings.Finding`
values, most severe first; :func:`outcome_matrix` sets the outcomes and aims against the
priorities; :func:`summary` gives the share of each kind of element that is complete;
:func:`portfolio` looks across many plans. Everything is a plain function returning frozen
values; nothing prints.

Each rule has a stable code (``ECM101``), a slug (``outcome-not-served``), a default severity
and a docs entry (:func:`rules`, and the "Coverage rules" page). A :class:`RuleSet`, or the
``rules``, ``disable`` and ``severity`` arguments of :func:`check`, switch rules off or change
their severity per call.

The rules know the shapes plans come in, so that a plan is not flooded with findings that do
not apply to it: actions hung directly off a priority count as its work (Stockton has no
objectives); a plan with no priorities gets one finding saying so (Swindon's introduction),
not one per outcome; a plan that names no lead, allocates no funding or gives no baseline at
all gets one finding for each, not one per element; milestones are checked by quarter only in
plans that date milestones by quarter.

A check costs time linear in the size of the plan: the facts every rule needs (which outcomes
each priority reaches, which targets cite each indicator, what is funded) are gathered in one
pass, and no rule walks the plan again per element.

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.coverage import check
    >>> plan = load_bundled("sample")
    >>> findings = check(plan)
    >>> [f.code for f in findings if f.subject == "NI 157"]
    ['ECM404', 'ECM602', 'ECM406']
    >>> print(next(f for f in findings if f.code == "ECM602").hint)
    The plan file records catalogue code NI 57; the document should cite NI 57.
    >>> check(plan, disable=["ECM60"])
    Traceback (most recent call last):
    ...
    ecm_plan.coverage.UnknownRuleError: unknown coverage rule 'ECM60';
    did you mean ECM601, ECM602 or ECM603?

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable, Mapping
from typing import TypeAlias

import attrs

from ecm_plan._coverage_rules import (
    REGISTERED,
    Facts,
    Rule,
    catalogue_entry,
    outcome_title,
)
from ecm_plan.catalog import national_indicators, outcomes
from ecm_plan.exceptions import AnalysisError, PlanError
from ecm_plan.findings import Finding, Severity
from ecm_plan.model import (
    Action,
    Indicator,
    Objective,
    OutcomeKey,
    Plan,
    Priority,
    PriorityKind,
    Target,
)
from ecm_plan.report import Table

__all__ = [
    "CoverageSummary",
    "IndicatorCoverage",
    "KindSummary",
    "Link",
    "MatrixColumn",
    "MatrixRow",
    "OutcomeCoverage",
    "OutcomeMatrix",
    "PortfolioCoverage",
    "Rule",
    "RuleConfigError",
    "RuleSet",
    "RulesArg",
    "UnknownRuleError",
    "check",
    "outcome_matrix",
    "portfolio",
    "rule",
    "rules",
    "rules_table",
    "summary",
]


# -- errors -----------------------------------------------------------------------------------


class RuleConfigError(PlanError, ValueError):
    """A rule configuration is wrong: an unknown rule, or a severity that is not one.

    Example:
        >>> RuleSet().with_severity({"ECM101": "fatal"})
        Traceback (most recent call last):
        ...
        ecm_plan.coverage.RuleConfigError: 'fatal' is not a severity; use info, warning or error

    .. versionadded:: 0.1.0
    """

    def __init__(self, message: str) -> None:
        """Keep the message."""
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        """Return the message."""
        return self.message

    def __reduce__(self) -> tuple[type[RuleConfigError], tuple[str]]:
        """Pickle with the message."""
        return (type(self), (self.message,))


class UnknownRuleError(RuleConfigError, KeyError):
    """No coverage rule has this code or name; the message suggests near ones.

    It is a :class:`KeyError` and a :class:`ValueError` as well as a
    :class:`~ecm_plan.exceptions.PlanError`.

    Attributes:
        code: The code or name as given.
        suggestions: Codes of rules with a near code or name, best first.

    Example:
        >>> rule("ECM1O1")
        Traceback (most recent call last):
        ...
        ecm_plan.coverage.UnknownRuleError: unknown coverage rule 'ECM1O1';
        did you mean ECM101, ECM102 or ECM103?
        >>> try:
        ...     rule("outcome-not-servd")
        ... except KeyError as err:
        ...     err.suggestions
        ('ECM101', 'ECM102')

    .. versionadded:: 0.1.0
    """

    def __init__(self, code: str, suggestions: Iterable[str] = ()) -> None:
        """Keep the code and the near codes."""
        self.code = code
        self.suggestions = tuple(suggestions)
        near = f"; did you mean {_or(self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f"unknown coverage rule {code!r}{near}"
            if near
            else f"unknown coverage rule {code!r}; the rules are {_RULES[0].code} to "
            f"{_RULES[-1].code} (see ecm_plan.coverage.rules())"
        )

    def __reduce__(self) -> tuple[type[UnknownRuleError], tuple[str, tuple[str, ...]]]:  # type: ignore[override]
        """Pickle with the code and suggestions."""
        return (type(self), (self.code, self.suggestions))


def _or(items: tuple[str, ...]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


# -- the registry -----------------------------------------------------------------------------


_RULES: tuple[Rule, ...] = tuple(sorted((r for r, _ in REGISTERED), key=lambda r: r.code))
_BY_KEY: dict[str, Rule] = {r.code: r for r in _RULES} | {r.name: r for r in _RULES}
_FUNCTIONS = {r.code: function for r, function in REGISTERED}
_ORDER = {r.code: i for i, r in enumerate(_RULES)}


def rules() -> tuple[Rule, ...]:
    """Every registered rule, in code order.

    Example:
        >>> [r.code for r in rules()][:6]
        ['ECM001', 'ECM002', 'ECM003', 'ECM004', 'ECM101', 'ECM102']

    .. versionadded:: 0.1.0
    """
    return _RULES


def rule(code: str) -> Rule:
    """The rule with this code or slug (codes in any case).

    Raises:
        UnknownRuleError: No rule has this code or slug; the message suggests near ones.

    Example:
        >>> rule("ecm601").name
        'indicator-unknown-code'
        >>> rule("milestones-missing-quarter").code
        'ECM306'
        >>> rule("ECM999")
        Traceback (most recent call last):
        ...
        ecm_plan.coverage.UnknownRuleError: unknown coverage rule 'ECM999';
        the rules are ECM001 to ECM603 (see ecm_plan.coverage.rules())

    .. versionadded:: 0.1.0
    """
    if not isinstance(code, str):
        raise TypeError(f"a rule is named by its code or slug, not {type(code).__name__}")
    found = _BY_KEY.get(code) or _BY_KEY.get(code.strip().upper()) or _BY_KEY.get(code.strip())
    if found is not None:
        return found
    key = code.strip()
    ranked = sorted(
        (distance, -_common_prefix(key.upper(), r.code), _ORDER[r.code], r.code)
        for r in _RULES
        if (distance := _distance(key.upper(), r.code)) <= 2
    )
    near = [item[-1] for item in ranked]
    near += [
        _BY_KEY[n].code
        for n in difflib.get_close_matches(key.lower(), [r.name for r in _RULES], n=3, cutoff=0.7)
    ]
    raise UnknownRuleError(code, tuple(dict.fromkeys(near))[:3])


def _common_prefix(first: str, second: str) -> int:
    """How many leading characters two strings share."""
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _distance(first: str, second: str) -> int:
    """The edit distance of two short strings (insertions, deletions, substitutions)."""
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i]
        for j, b in enumerate(second, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def rules_table() -> Table:
    """The registered rules as a table: code, default severity, subject and title.

    Example:
        >>> rules_table().rows[0]
        ('ECM001', 'warning', 'plan', 'A plan with no priorities, objectives or actions.')

    .. versionadded:: 0.1.0
    """
    return Table(
        "Coverage rules",
        ("Code", "Severity", "Subject", "Rule"),
        [(r.code, r.severity.value, r.subject, r.title) for r in _RULES],
    )


def _severity(value: Severity | str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise RuleConfigError(f"{value!r} is not a severity; use info, warning or error") from None


def _codes(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        value = (value,)
    return frozenset(rule(code).code for code in value)


def _overrides(
    value: Mapping[str, Severity | str] | Iterable[tuple[str, Severity | str]],
) -> tuple[tuple[str, Severity], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    merged = {rule(code).code: _severity(level) for code, level in pairs}
    return tuple(sorted(merged.items(), key=lambda item: _ORDER[item[0]]))


def _all_codes() -> frozenset[str]:
    return frozenset(_ORDER)


@attrs.frozen
class RuleSet:
    """Which rules run, and at what severity their findings are reported.

    Rules are named by code or slug; an unknown one raises :class:`UnknownRuleError` when
    the rule set is made. Changing a rule set gives a new one.

    Attributes:
        enabled: The codes of the rules that run (all of them by default).
        severities: Severity overrides, as ``(code, severity)`` pairs in code order.

    Example:
        >>> rs = RuleSet().disable("ECM202", "action-without-lead").with_severity(
        ...     {"ECM404": "info"})
        >>> "ECM202" in rs, "ECM301" in rs, rs.severity_of("ECM404").value
        (False, False, 'info')
        >>> [r.code for r in RuleSet.only("ECM601", "ECM602").rules]
        ['ECM601', 'ECM602']

    .. versionadded:: 0.1.0
    """

    enabled: frozenset[str] = attrs.field(factory=_all_codes, converter=_codes)
    severities: tuple[tuple[str, Severity], ...] = attrs.field(factory=tuple, converter=_overrides)

    @classmethod
    def only(cls, *codes: str) -> RuleSet:
        """A rule set that runs only these rules.

        Example:
            >>> sorted(RuleSet.only("ECM101").enabled)
            ['ECM101']
        """
        return cls(enabled=codes)

    def disable(self, *codes: str) -> RuleSet:
        """The same rule set without these rules.

        Example:
            >>> "ECM502" in RuleSet().disable("action-unfunded")
            False
        """
        return attrs.evolve(self, enabled=self.enabled - _codes(codes))

    def enable(self, *codes: str) -> RuleSet:
        """The same rule set with these rules running too.

        Example:
            >>> "ECM101" in RuleSet.only("ECM102").enable("ECM101")
            True
        """
        return attrs.evolve(self, enabled=self.enabled | _codes(codes))

    def with_severity(self, severities: Mapping[str, Severity | str]) -> RuleSet:
        """The same rule set with these severities (codes or slugs to severities).

        Example:
            >>> RuleSet().with_severity({"ECM202": "error"}).severity_of("ECM202")
            <Severity.ERROR: 'error'>
        """
        merged = dict(self.severities)
        merged.update((rule(code).code, _severity(level)) for code, level in severities.items())
        return attrs.evolve(self, severities=merged)

    def severity_of(self, code: str) -> Severity:
        """The severity this rule's findings are reported at.

        Example:
            >>> RuleSet().severity_of("ECM601")
            <Severity.ERROR: 'error'>
        """
        found = rule(code)
        return dict(self.severities).get(found.code, found.severity)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules that run, in code order."""
        return tuple(r for r in _RULES if r.code in self.enabled)

    def __contains__(self, code: object) -> bool:
        """Whether the rule with this code or slug runs."""
        return isinstance(code, str) and rule(code).code in self.enabled


RulesArg: TypeAlias = "RuleSet | Iterable[str] | None"
"""What :func:`check` takes as ``rules``: a :class:`RuleSet`, codes or slugs of the only rules
to run, or None for every rule."""


def _ruleset(
    rules: RulesArg,
    disable: Iterable[str],
    severity: Mapping[str, Severity | str] | None,
) -> RuleSet:
    if rules is None:
        found = RuleSet()
    elif isinstance(rules, RuleSet):
        found = rules
    else:
        found = RuleSet(enabled=_codes(rules))
    found = found.disable(*([disable] if isinstance(disable, str) else disable))
    if severity:
        found = found.with_severity(severity)
    return found


# -- check ------------------------------------------------------------------------------------


def _findings(plan: Plan, ruleset: RuleSet, facts: Facts) -> list[Finding]:
    found: list[Finding] = []
    for item in ruleset.rules:
        level = ruleset.severity_of(item.code)
        for hit in _FUNCTIONS[item.code](facts):
            path = plan.path_of(hit.subject) if hit.path is None else hit.path
            found.append(
                Finding(item.code, level, hit.subject, hit.message, hit.hint, path, plan.id)
            )
    return found


def check(
    plan: Plan,
    rules: RulesArg = None,
    *,
    disable: Iterable[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
) -> tuple[Finding, ...]:
    """Run the coverage rules over a plan and return every finding, most severe first.

    Each finding names its rule's code, the id of the element it is about (an outcome key,
    an aim id such as ``be_healthy.3``, or the plan id for the whole plan), the element's key
    path in the plan file, a message and a hint.

    Args:
        plan: The plan.
        rules: A :class:`RuleSet`; or the codes or slugs of the only rules to run; or None for
            every rule.
        disable: Codes or slugs of rules not to run.
        severity: Severity overrides, from codes or slugs to ``info``, ``warning`` or
            ``error``.

    Returns:
        The findings, sorted (most severe first, then by code and subject).

    Raises:
        UnknownRuleError: A code or slug names no rule.
        RuleConfigError: A severity is not one.
        TypeError: ``plan`` is not a :class:`~ecm_plan.model.Plan`.

    Example:
        >>> from ecm_plan import load_bundled
        >>> plan = load_bundled("sample")
        >>> found = check(plan, ["ECM301", "ECM302", "ECM303"])
        >>> [(f.severity.value, f.code, f.subject) for f in found]
        [('warning', 'ECM301', 'P2.O1.A2'), ('info', 'ECM303', 'P2.O1.A2'),
         ('info', 'ECM303', 'P3.A1')]
        >>> print(found[0].message)
        Action P2.O1.A2 'Review the commissioning framework for placements' has no lead;
        its priority P2 is led by HoSafe.
        >>> found[0].path, found[0].plan
        ('priorities[1].objectives[0].actions[1]', 'sample')
        >>> [f.severity.value for f in check(plan, ["ECM301"], severity={"ECM301": "error"})]
        ['error']
        >>> check(plan, disable=["ECM999"])
        Traceback (most recent call last):
        ...
        ecm_plan.coverage.UnknownRuleError: unknown coverage rule 'ECM999'; ...
        >>> check("sample")
        Traceback (most recent call last):
        ...
        TypeError: check() takes a Plan, not str

    .. versionadded:: 0.1.0
    """
    _need_plan(plan, "check")
    ruleset = _ruleset(rules, disable, severity)
    return tuple(sorted(_findings(plan, ruleset, Facts(plan))))


def _need_plan(plan: object, function: str) -> None:
    if not isinstance(plan, Plan):
        raise TypeError(f"{function}() takes a Plan, not {type(plan).__name__}")


# -- the outcome matrix -------------------------------------------------------------------------


class Link(enum.StrEnum):
    """How a priority is linked to an outcome or aim in the :class:`OutcomeMatrix`.

    ``stated``: the document states the link; ``inferred``: the transcriber inferred it;
    ``outcome``: (aim rows) the priority links to the whole outcome, naming no aims;
    ``supports``: (outcome rows) an organisational priority supports a priority that serves
    the outcome.

    Example:
        >>> Link.INFERRED.marker
        'i'

    .. versionadded:: 0.1.0
    """

    STATED = "stated"
    INFERRED = "inferred"
    OUTCOME = "outcome"
    SUPPORTS = "supports"

    @property
    def marker(self) -> str:
        """The mark in a matrix table: ``x``, ``i``, ``~`` or ``s``."""
        return _MARKERS[self]


_MARKERS = {Link.STATED: "x", Link.INFERRED: "i", Link.OUTCOME: "~", Link.SUPPORTS: "s"}
_SERVING = frozenset({Link.STATED, Link.INFERRED})


@attrs.frozen
class MatrixColumn:
    """A priority as a column of the :class:`OutcomeMatrix`, with what lies under it.

    Attributes:
        priority: The priority's id.
        label: Its code if it has one, else its id.
        title: Its title.
        kind: Service or organisational.
        objectives: How many objectives it has.
        actions: How many actions it has, its own and its objectives'.
        indicators: The ids of the indicators its targets cite, in order of first use.
        allocations: How many funding allocations it, its objectives and actions carry.

    Example:
        >>> from ecm_plan import load_bundled
        >>> column = outcome_matrix(load_bundled("sample")).columns[0]
        >>> column.label, column.objectives, column.actions, column.indicators
        ('Priority 1', 1, 2, ('NI 112',))

    .. versionadded:: 0.1.0
    """

    priority: str
    label: str
    title: str
    kind: PriorityKind
    objectives: int
    actions: int
    indicators: tuple[str, ...]
    allocations: int


@attrs.frozen
class MatrixRow:
    """An outcome or an aim as a row of the :class:`OutcomeMatrix`.

    The totals count what lies under the priorities that serve the row (a stated or inferred
    link; for an aim row, a link naming the aim).

    Attributes:
        outcome: The outcome.
        aim: The aim id (``be_healthy.3``) for an aim row, else None.
        title: The outcome's or aim's title.
        links: One cell per column: how that priority is linked, or None.
        priorities: How many priorities serve it.
        objectives: How many objectives those priorities have.
        actions: How many actions.
        indicators: How many distinct indicators their targets cite.
        allocations: How many funding allocations they carry.

    Example:
        >>> from ecm_plan import load_bundled
        >>> row = outcome_matrix(load_bundled("sample")).row("stay_safe")
        >>> [link.value if link else None for link in row.links], row.actions
        ([None, 'stated', 'supports'], 2)

    .. versionadded:: 0.1.0
    """

    outcome: OutcomeKey
    aim: str | None
    title: str
    links: tuple[Link | None, ...]
    priorities: int
    objectives: int
    actions: int
    indicators: int
    allocations: int

    @property
    def key(self) -> str:
        """The aim id, or the outcome key for an outcome row."""
        return self.aim or self.outcome.value


@attrs.frozen
class OutcomeMatrix:
    """The outcomes and their aims set against the priorities of a plan.

    Attributes:
        plan: The plan's id.
        columns: One per priority, in plan order.
        rows: One per outcome, each followed by its five aims, in framework order.

    Example:
        >>> from ecm_plan import load_bundled
        >>> table = outcome_matrix(load_bundled("sample")).to_table(aims=False)
        >>> table.headers
        ('Outcome', 'Priority 1', 'Priority 2', 'KC1', 'Priorities', 'Objectives', 'Actions',
         'Indicators', 'Funding lines')
        >>> for row in table.rows[:3]:
        ...     print(row)
        ('Be healthy', 'x', '', 's', '1', '1', '2', '1', '2')
        ('Stay safe', '', 'x', 's', '1', '1', '2', '1', '1')
        ('Enjoy and achieve', '', 'i', 's', '1', '1', '2', '1', '1')

    .. versionadded:: 0.1.0
    """

    plan: str
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]

    def row(self, key: str) -> MatrixRow:
        """The row of an outcome key or aim id.

        Raises:
            KeyError: No row has this key.

        Example:
            >>> from ecm_plan import load_bundled
            >>> outcome_matrix(load_bundled("sample")).row("be_healthy.3").priorities
            1
        """
        for found in self.rows:
            if found.key == key:
                return found
        raise KeyError(f"no outcome or aim {key!r}; use an outcome key or an aim id")

    def to_table(self, *, aims: bool = True) -> Table:
        """The matrix as a table, with or without the aim rows.

        Example:
            >>> from ecm_plan import load_bundled
            >>> len(outcome_matrix(load_bundled("sample")).to_table().rows)
            30
        """
        rows = []
        for found in self.rows:
            if found.aim is not None and not aims:
                continue
            title = f"  {found.aim.rsplit('.', 1)[1]}. {found.title}" if found.aim else found.title
            marks = ["" if link is None else link.marker for link in found.links]
            rows.append(
                (
                    title,
                    *marks,
                    found.priorities,
                    found.objectives,
                    found.actions,
                    found.indicators,
                    found.allocations,
                )
            )
        headers = (
            "Outcome / aim" if aims else "Outcome",
            *(c.label for c in self.columns),
            "Priorities",
            "Objectives",
            "Actions",
            "Indicators",
            "Funding lines",
        )
        legend = (
            "x stated link; i inferred link; ~ linked to the whole outcome (aim rows); "
            "s through a supported priority"
        )
        return Table(f"Outcomes and priorities: {self.plan}", headers, rows, (legend,))


def _column(priority: Priority, cited: list[str]) -> MatrixColumn:
    indicators = dict.fromkeys(cited)
    allocations = (
        len(priority.funding)
        + sum(len(o.funding) for o in priority.objectives)
        + sum(len(a.funding) for a in priority.iter_actions())
    )
    return MatrixColumn(
        priority=priority.id,
        label=priority.code or priority.id,
        title=priority.title,
        kind=priority.kind,
        objectives=len(priority.objectives),
        actions=sum(1 for _ in priority.iter_actions()),
        indicators=tuple(indicators),
        allocations=allocations,
    )


def _row(
    key: OutcomeKey,
    aim: str | None,
    title: str,
    links: list[Link | None],
    columns: tuple[MatrixColumn, ...],
) -> MatrixRow:
    serving = [c for c, link in zip(columns, links, strict=True) if link in _SERVING]
    return MatrixRow(
        outcome=key,
        aim=aim,
        title=title,
        links=tuple(links),
        priorities=len(serving),
        objectives=sum(c.objectives for c in serving),
        actions=sum(c.actions for c in serving),
        indicators=len({i for c in serving for i in c.indicators}),
        allocations=sum(c.allocations for c in serving),
    )


def _link(inferred: bool) -> Link:
    return Link.INFERRED if inferred else Link.STATED


def outcome_matrix(plan: Plan) -> OutcomeMatrix:
    """Set the ECM outcomes and aims against the priorities of a plan.

    A cell says how a priority is linked to the outcome or aim: stated, inferred by the
    transcriber, (aim rows) through a link to the whole outcome, or (outcome rows, for an
    organisational priority) through a service priority it supports. Each row totals the
    objectives, actions, indicators and funding lines under the priorities that serve it.

    Args:
        plan: The plan.

    Returns:
        The matrix; ``to_table()`` renders it.

    Example:
        >>> from ecm_plan import load_bundled
        >>> m = outcome_matrix(load_bundled("sample"))
        >>> [c.priority for c in m.columns], len(m.rows)
        (['P1', 'P2', 'P3'], 30)
        >>> m.row("be_healthy.3").links[0].value, m.row("be_healthy.1").links[0]
        ('stated', None)
        >>> from ecm_plan import Period, Plan
        >>> outcome_matrix(Plan(id="empty", authority="A", title="T",
        ...                     period=Period.financial_year(2009))).columns
        ()

    .. versionadded:: 0.1.0
    """
    _need_plan(plan, "outcome_matrix")
    facts = Facts(plan)
    cited: dict[str, list[str]] = {p.id: [] for p in plan.priorities}
    for item in facts.targets:
        if item.target.indicator is not None:
            cited[item.priority.id].append(item.target.indicator)
    columns = tuple(_column(p, cited[p.id]) for p in plan.priorities)
    rows: list[MatrixRow] = []
    for found in outcomes():
        key = found.key
        outcome_links: list[Link | None] = []
        aim_links: dict[str, list[Link | None]] = {a.id: [] for a in found.aims}
        for priority in plan.priorities:
            own = [link for link in priority.outcomes if link.outcome is key]
            cell: Link | None = None
            if own:
                cell = _link(all(link.inferred for link in own))
            elif key in facts.reach[priority.id]:
                cell = Link.SUPPORTS
            outcome_links.append(cell)
            for aim in found.aims:
                naming = [link for link in own if aim.number in link.aims]
                if naming:
                    aim_links[aim.id].append(_link(all(link.inferred for link in naming)))
                elif any(not link.aims for link in own):
                    aim_links[aim.id].append(Link.OUTCOME)
                else:
                    aim_links[aim.id].append(None)
        rows.append(_row(key, None, found.title, outcome_links, columns))
        rows.extend(_row(key, a.id, a.title, aim_links[a.id], columns) for a in found.aims)
    return OutcomeMatrix(plan.id, columns, tuple(rows))


# -- summary ----------------------------------------------------------------------------------

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
        >>> from ecm_plan.report import render
        >>> print(render(summary(load_bundled("sample")).to_table()))
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
            KeyError: No such kind.

        Example:
            >>> from ecm_plan import load_bundled
            >>> summary(load_bundled("sample")).kind("outcome").complete
            3
        """
        for found in self.kinds:
            if found.kind == name:
                return found
        raise KeyError(f"no kind {name!r}; use one of {', '.join(k for k, _ in _KINDS)}")

    def to_table(self) -> Table:
        """The summary as a table; the share is a whole percentage, or ``-`` for none.

        Example:
            >>> from ecm_plan import load_bundled
            >>> summary(load_bundled("sample")).to_table().rows[0]
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
        return Table(f"Coverage summary: {self.plan}", ("Kind", "Complete", "Total", "Share"), rows)


def summary(
    plan: Plan,
    rules: RulesArg = None,
    *,
    disable: Iterable[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
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

    Returns:
        One entry per kind; ``to_table()`` renders it.

    Raises:
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
    ruleset = _ruleset(rules, disable, severity)
    facts = Facts(plan)
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


@attrs.frozen
class OutcomeCoverage:
    """Which plans of a portfolio serve an outcome, and which target its indicators.

    Attributes:
        outcome: The outcome.
        serving: Ids of the plans with a priority linked to it.
        targeting: Ids of the plans that target a National Indicator the catalogue files
            under it.

    Example:
        >>> from ecm_plan import load_bundled
        >>> portfolio([load_bundled("sample")]).outcome("stay_safe").serving
        ('sample',)

    .. versionadded:: 0.1.0
    """

    outcome: OutcomeKey
    serving: tuple[str, ...]
    targeting: tuple[str, ...]


@attrs.frozen
class IndicatorCoverage:
    """Which plans of a portfolio target a National Indicator.

    Attributes:
        code: The catalogue code, such as ``NI 112``.
        title: The catalogue title, or None when the catalogue does not know it.
        outcome: The outcome the catalogue files it under, or None.
        plans: Ids of the plans that target it, in portfolio order.

    Example:
        >>> from ecm_plan import load_bundled
        >>> portfolio([load_bundled("sample")]).indicator("NI 57").plans
        ('sample',)

    .. versionadded:: 0.1.0
    """

    code: str
    title: str | None
    outcome: OutcomeKey | None
    plans: tuple[str, ...]


@attrs.frozen
class PortfolioCoverage:
    """Coverage across many plans: outcomes, indicators, and the indicators no plan targets.

    A plan *targets* a National Indicator when one of its indicators is that National
    Indicator (after the plan's ``catalogue_code`` correction) and a target cites it or it
    has a targets table. Parts (``NI 102a``) count for their indicator.

    Attributes:
        plans: The plans' ids, in the order given.
        outcomes: One entry per outcome, in framework order.
        indicators: One entry per National Indicator some plan targets, by number.
        untargeted: Codes of the National Indicators filed under an ECM outcome that no plan
            targets, by number.

    Example:
        >>> from ecm_plan import load_bundled
        >>> cover = portfolio([load_bundled("sample")])
        >>> [i.code for i in cover.indicators]
        ['NI 57', 'NI 62', 'NI 112']
        >>> "NI 56" in cover.untargeted, "NI 112" in cover.untargeted
        (True, False)

    .. versionadded:: 0.1.0
    """

    plans: tuple[str, ...]
    outcomes: tuple[OutcomeCoverage, ...]
    indicators: tuple[IndicatorCoverage, ...]
    untargeted: tuple[str, ...]

    def outcome(self, key: OutcomeKey | str) -> OutcomeCoverage:
        """The entry of one outcome.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).outcome("positive_contribution").serving
            ()
        """
        wanted = OutcomeKey(key)
        return next(o for o in self.outcomes if o.outcome is wanted)

    def indicator(self, code: str) -> IndicatorCoverage:
        """The entry of one National Indicator; no plan targets it when it has none.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).indicator("NI 56").plans
            ()
        """
        from ecm_plan.catalog import national_indicator  # noqa: PLC0415

        entry = national_indicator(code)
        for found in self.indicators:
            if found.code == entry.code:
                return found
        return IndicatorCoverage(entry.code, entry.title, entry.outcome, ())

    def outcome_table(self) -> Table:
        """Outcomes against the plans that serve them and target their indicators.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).outcome_table().rows[1]
            ('Stay safe', 'sample', 'sample')
        """
        return Table(
            "Outcomes across plans",
            ("Outcome", "Served by", "Targeted by"),
            [
                (outcome_title(o.outcome), ", ".join(o.serving), ", ".join(o.targeting))
                for o in self.outcomes
            ],
        )

    def indicator_table(self) -> Table:
        """The National Indicators some plan targets, with the plans.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).indicator_table().rows[-1]
            ('NI 112', 'Under 18 conception rate', 'Be healthy', 'sample')
        """
        return Table(
            "National Indicators targeted",
            ("Code", "Title", "Outcome", "Plans"),
            [
                (
                    i.code,
                    i.title or "",
                    outcome_title(i.outcome) if i.outcome else "",
                    ", ".join(i.plans),
                )
                for i in self.indicators
            ],
        )

    def untargeted_table(self) -> Table:
        """The children's National Indicators no plan targets.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).untargeted_table().headers
            ('Code', 'Title', 'Outcome')
        """
        from ecm_plan.catalog import national_indicator  # noqa: PLC0415

        rows = []
        for code in self.untargeted:
            entry = national_indicator(code)
            where = outcome_title(entry.outcome) if entry.outcome else ""
            rows.append((code, entry.title or "", where))
        return Table(
            "Children's National Indicators no plan targets", ("Code", "Title", "Outcome"), rows
        )

    def to_tables(self) -> tuple[Table, Table, Table]:
        """The three tables: outcomes, indicators targeted, indicators untargeted.

        Example:
            >>> from ecm_plan import load_bundled
            >>> [t.title for t in portfolio([load_bundled("sample")]).to_tables()][0]
            'Outcomes across plans'
        """
        return self.outcome_table(), self.indicator_table(), self.untargeted_table()


def _targeted(plan: Plan) -> set[str]:
    cited = {t.indicator for _, t in plan.iter_targets() if t.indicator is not None}
    found: set[str] = set()
    for indicator in plan.indicators:
        if indicator.id not in cited and not indicator.targets:
            continue
        entry = catalogue_entry(indicator)
        if entry is not None:
            found.add(entry.code)
    return found


def portfolio(plans: Iterable[Plan]) -> PortfolioCoverage:
    """Coverage across many plans: which plans serve or target each outcome and indicator.

    For each outcome, the plans with a priority linked to it and the plans that target one of
    its National Indicators; for each National Indicator, the plans that target it; and the
    children's National Indicators (those the catalogue files under an outcome) no plan
    targets.

    Args:
        plans: The plans, with distinct ids.

    Returns:
        The coverage; ``to_tables()`` renders it.

    Raises:
        AnalysisError: Two plans share an id.

    Example:
        >>> from ecm_plan import load_bundled
        >>> cover = portfolio([load_bundled("sample")])
        >>> [(o.outcome.value, o.serving) for o in cover.outcomes][:2]
        [('be_healthy', ('sample',)), ('stay_safe', ('sample',))]
        >>> portfolio([load_bundled("sample"), load_bundled("sample")])
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.AnalysisError: plans in a portfolio need distinct ids; repeated: sample

    .. versionadded:: 0.1.0
    """
    plans = list(plans)
    for plan in plans:
        _need_plan(plan, "portfolio")
    ids = [p.id for p in plans]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise AnalysisError(
            f"plans in a portfolio need distinct ids; repeated: {', '.join(repeated)}"
        )
    catalogue = national_indicators()
    by_code = {e.code: e for e in catalogue}
    targeting: dict[str, list[str]] = {}
    serving: dict[OutcomeKey, list[str]] = {k: [] for k in OutcomeKey}
    outcome_targeted: dict[OutcomeKey, list[str]] = {k: [] for k in OutcomeKey}
    for plan in plans:
        for key in {link.outcome for p in plan.priorities for link in p.outcomes}:
            serving[key].append(plan.id)
        codes = _targeted(plan)
        for code in codes:
            targeting.setdefault(code, []).append(plan.id)
        for key in OutcomeKey:
            if any(by_code[c].outcome is key for c in codes):
                outcome_targeted[key].append(plan.id)
    order = {p: i for i, p in enumerate(ids)}
    outcome_rows = tuple(
        OutcomeCoverage(
            key,
            tuple(sorted(serving[key], key=order.__getitem__)),
            tuple(sorted(outcome_targeted[key], key=order.__getitem__)),
        )
        for key in OutcomeKey
    )
    indicator_rows = tuple(
        IndicatorCoverage(
            e.code, e.title, e.outcome, tuple(sorted(targeting[e.code], key=order.__getitem__))
        )
        for e in catalogue
        if e.code in targeting
    )
    untargeted = tuple(
        e.code for e in catalogue if e.outcome is not None and e.code not in targeting
    )
    return PortfolioCoverage(tuple(ids), outcome_rows, indicator_rows, untargeted)


# -- docs -------------------------------------------------------------------------------------


def _sentences(text: str) -> str:
    """One sentence a line, as the docs are written."""
    return re.sub(r"(?<=[.?]) (?=[A-Z])", "\n", text)


def _rules_markdown() -> str:
    """The rule list of the "Coverage rules" page, generated from the registry."""
    lines = [
        "| Code | Slug | Severity | Subject | Finds |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.severity.value} | {r.subject} | "
        f"{r.title} |"
        for r in _RULES
    ]
    for r in _RULES:
        lines += [
            "",
            f"({r.code.lower()})=",
            f"### {r.code} `{r.name}`",
            "",
            f"*{r.title}*",
            f"Default severity: **{r.severity.value}**; about: {r.subject}.",
            "",
            f"**What it checks.** {_sentences(r.checks)}",
            "",
            f"**Why it matters.** {_sentences(r.why)}",
            "",
            f"**How to fix it.** {_sentences(r.fix)}",
        ]
    return "\n".join(lines) + "\n"
