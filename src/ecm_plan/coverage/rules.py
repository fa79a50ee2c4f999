"""The rule registry and :func:`check`: run the coverage rules over a plan.

Each rule has a stable code (``ECM101``), a slug (``outcome-not-served``), a default severity
and a docs entry (:func:`all_rules`, and the "Coverage rules" page). A :class:`RuleSet`, or the
``rules``, ``disable`` and ``severity`` arguments of :func:`check`, switch rules off or change
their severity per call.

The rules themselves live one family a module (ECM1xx outcomes, ECM2xx priorities, ... ECM6xx
indicators), each registering its rules here; the registry is complete as soon as this module
is imported.

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.coverage import check
    >>> findings = check(load_bundled("sample"), ["ECM601", "ECM602"])
    >>> [(f.code, f.subject) for f in findings]
    [('ECM602', 'NI 157')]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeAlias

import attrs

from ecm_plan import _args
from ecm_plan._deprecation import alias_property, warn
from ecm_plan._gc import gc_paused
from ecm_plan.coverage._facts import Facts, Hit, _need_graph, _need_plan
from ecm_plan.exceptions import ArgumentError, RuleConfigError, UnknownRuleError
from ecm_plan.findings import Finding, Severity
from ecm_plan.graph import PlanGraph
from ecm_plan.model import Plan
from ecm_plan.tables import Table

__all__ = [
    "Rule",
    "RuleSet",
    "RulesArg",
    "all_rules",
    "check",
    "rule",
    "rules_table",
]


RuleFunction = Callable[[Facts], Iterator[Hit]]


@attrs.frozen
class Rule:
    """A coverage rule: its code, slug, default severity and what it is for.

    Attributes:
        code: The stable code, such as ``ECM101``; the first digit groups rules (0 plan,
            1 outcomes, 2 priorities and objectives, 3 actions, 4 targets, 5 funding,
            6 indicators against the catalogue).
        name: A stable slug, such as ``outcome-not-served``; accepted wherever a code is.
        severity: The default severity of its findings.
        subject: The kind of element its findings are about.
        title: One line saying what it finds.
        checks: What exactly it checks.
        why: Why that matters.
        fix: How to fix what it finds.

    Example:
        >>> from ecm_plan.coverage import rule
        >>> r = rule("ECM302")
        >>> r.name, r.severity.value, r.title
        ('action-without-due', 'warning', 'An action with no due period.')

    .. versionadded:: 0.1.0
    """

    code: str
    name: str
    severity: Severity
    subject: str
    title: str
    checks: str
    why: str
    fix: str


_REGISTERED: list[tuple[Rule, RuleFunction]] = []
"""Every rule with the function that checks it, in the order they are defined."""


def _rule(
    code: str,
    name: str,
    severity: Severity,
    subject: str,
    title: str,
    *,
    checks: str,
    why: str,
    fix: str,
) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        texts = (" ".join(text.split()) for text in (checks, why, fix))
        _REGISTERED.append((Rule(code, name, severity, subject, title, *texts), function))
        return function

    return register


# -- the registry -----------------------------------------------------------------------------


class _Registry:
    """The registered rules, indexed once every family has registered."""

    def __init__(self, registered: list[tuple[Rule, RuleFunction]]) -> None:
        """Index the rules by code, slug and order."""
        self.rules = tuple(sorted((r for r, _ in registered), key=lambda r: r.code))
        self.by_key = {r.code: r for r in self.rules} | {r.name: r for r in self.rules}
        self.functions = {r.code: function for r, function in registered}
        self.order = {r.code: i for i, r in enumerate(self.rules)}


@functools.cache
def _registry() -> _Registry:
    """The registry, complete: every rule family is imported before it is read.

    The families import :func:`_rule` from this module to register, so they cannot be
    imported at its top; reading the registry through this function, never at import time,
    keeps it complete whichever coverage module is imported first.
    """
    from ecm_plan.coverage import _rules  # noqa: PLC0415, F401 (see the docstring)

    return _Registry(_REGISTERED)


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in code order.

    Example:
        >>> [r.code for r in all_rules()][:6]
        ['ECM001', 'ECM002', 'ECM003', 'ECM004', 'ECM101', 'ECM102']

    .. versionadded:: 0.2.0 Replaces ``rules()``, whose name was also the name of this module
       and of the ``rules`` argument of :func:`check`.
    """
    return _registry().rules


def rules() -> tuple[Rule, ...]:
    """Every registered rule, in code order: deprecated, use :func:`all_rules`.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore", DeprecationWarning)
        ...     rules() == all_rules()
        True

    .. deprecated:: 0.2.0 Use :func:`all_rules`.
    """
    warn("ecm_plan.coverage.all_rules()", "ecm_plan.coverage.all_rules()")
    return all_rules()


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
        ecm_plan.exceptions.UnknownRuleError: unknown coverage rule 'ECM999';
        the rules are ECM001 to ECM603 (see ecm_plan.coverage.all_rules())

    .. versionadded:: 0.1.0
    """
    if not isinstance(code, str):
        raise ArgumentError.for_value("code", "a rule's code or slug (a str)", code)
    registry = _registry()
    found = (
        registry.by_key.get(code)
        or registry.by_key.get(code.strip().upper())
        or registry.by_key.get(code.strip())
    )
    if found is not None:
        return found
    key = code.strip()
    ranked = sorted(
        (distance, -_common_prefix(key.upper(), r.code), registry.order[r.code], r.code)
        for r in registry.rules
        if (distance := _distance(key.upper(), r.code)) <= 2
    )
    near = [item[-1] for item in ranked]
    near += [
        registry.by_key[n].code
        for n in difflib.get_close_matches(
            key.lower(), [r.name for r in registry.rules], n=3, cutoff=0.7
        )
    ]
    raise UnknownRuleError(
        code, tuple(dict.fromkeys(near))[:3], registry.rules[0].code, registry.rules[-1].code
    )


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
        [(r.code, r.severity.value, r.subject, r.title) for r in _registry().rules],
    )


def _severity(value: Severity | str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise RuleConfigError(f"{value!r} is not a severity; use info, warning or error") from None


def _codes(value: Iterable[str], name: str = "codes") -> frozenset[str]:
    if isinstance(value, str):
        value = (value,)
    items = _args.require_items(value, name, str, "a rule code or slug (a str)")
    return frozenset(rule(code).code for code in items)


def _overrides(
    value: Mapping[str, Severity | str] | Iterable[tuple[str, Severity | str]],
) -> tuple[tuple[str, Severity], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    merged = {rule(code).code: _severity(level) for code, level in pairs}
    return tuple(sorted(merged.items(), key=lambda item: _registry().order[item[0]]))


def _all_codes() -> frozenset[str]:
    return frozenset(_registry().order)


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
        >>> [r.code for r in RuleSet.only("ECM601", "ECM602").enabled_rules]
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
    def enabled_rules(self) -> tuple[Rule, ...]:
        """The rules that run, in code order.

        Example:
            >>> [r.code for r in RuleSet.only("ECM602", "ECM601").enabled_rules]
            ['ECM601', 'ECM602']

        .. versionadded:: 0.2.0 Replaces the ``rules`` property.
        """
        return tuple(r for r in _registry().rules if r.code in self.enabled)

    rules = alias_property("rules", "enabled_rules")

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
        found = RuleSet(enabled=_codes(rules, "rules"))
    found = found.disable(*_codes(disable, "disable"))
    if severity is not None:
        _args.require_type(severity, "severity", Mapping, "a mapping of rule codes to severities")
    if severity:
        found = found.with_severity(severity)
    return found


# -- check ------------------------------------------------------------------------------------


def _findings(plan: Plan, ruleset: RuleSet, facts: Facts) -> list[Finding]:
    found: list[Finding] = []
    for item in ruleset.enabled_rules:
        level = ruleset.severity_of(item.code)
        for hit in _registry().functions[item.code](facts):
            path = plan.path_of(hit.subject) if hit.path is None else hit.path
            found.append(
                Finding(item.code, level, hit.subject, hit.message, hit.hint, path, plan.id)
            )
    return found


@gc_paused()
def check(
    plan: Plan,
    rules: RulesArg = None,
    *,
    disable: Iterable[str] = (),
    severity: Mapping[str, Severity | str] | None = None,
    graph: PlanGraph | None = None,
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
        graph: The plan's graph (:func:`~ecm_plan.graph.build_graph`), when the caller has
            built it: the outcomes each priority reaches, through the priorities it supports,
            are then read from its edges rather than from the model; the result is the same.

    Returns:
        The findings, sorted (most severe first, then by code and subject).

    Raises:
        AnalysisError: ``graph`` is not the graph of this plan.
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
        >>> from ecm_plan import build_graph
        >>> check(plan, graph=build_graph(plan)) == check(plan)
        True
        >>> check(plan, disable=["ECM999"])
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownRuleError: unknown coverage rule 'ECM999'; ...
        >>> check("sample")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: plan must be a Plan (check), not str; ...

    .. versionadded:: 0.1.0
    """
    _need_plan(plan, "check")
    _need_graph(graph, plan, "check")
    ruleset = _ruleset(rules, disable, severity)
    return _check(plan, ruleset, Facts(plan, graph))


def _check(plan: Plan, ruleset: RuleSet, facts: Facts) -> tuple[Finding, ...]:
    """:func:`check` over facts already gathered (the report gathers them once per plan)."""
    return tuple(sorted(_findings(plan, ruleset, facts)))
