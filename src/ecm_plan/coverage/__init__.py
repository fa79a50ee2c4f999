"""Coverage checks: does a plan cover the outcomes, and is each part of it complete?

:func:`~ecm_plan.coverage.rules.check` runs registered rules over a plan and returns
:class:`~ecm_plan.findings.Finding` values, most severe first;
:func:`~ecm_plan.coverage.matrix.outcome_matrix` sets the outcomes and aims against the
priorities; :func:`~ecm_plan.coverage.summary.summary` gives the share of each kind of element
that is complete; :func:`~ecm_plan.coverage.portfolio.portfolio` looks across many plans.
Everything is a plain function returning frozen values; nothing prints.

Every public name is importable from here and is defined in one module:
:mod:`~ecm_plan.coverage.rules` (the rule registry, :class:`~ecm_plan.coverage.rules.RuleSet`
and ``check``), :mod:`~ecm_plan.coverage.matrix`, :mod:`~ecm_plan.coverage.summary` and
:mod:`~ecm_plan.coverage.portfolio`. The rules themselves live one family a module, ECM0xx
(the plan as a whole) to ECM6xx (indicators against the catalogue); importing this package
registers them all.

Each rule has a stable code (``ECM101``), a slug (``outcome-not-served``), a default severity
and a docs entry (:func:`~ecm_plan.coverage.rules.all_rules`, and the "Coverage rules" page). A
``RuleSet``, or the ``rules``, ``disable`` and ``severity`` arguments of ``check``, switch
rules off or change their severity per call.

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
    ecm_plan.exceptions.UnknownRuleError: unknown coverage rule 'ECM60';
    did you mean ECM601, ECM602 or ECM603?

.. versionadded:: 0.1.0
"""

from ecm_plan.coverage import _rules  # noqa: F401 (imported for its effect: every rule family registers)
from ecm_plan.coverage.matrix import Link, MatrixColumn, MatrixRow, OutcomeMatrix, outcome_matrix
from ecm_plan.coverage.portfolio import (
    IndicatorCoverage,
    OutcomeCoverage,
    PortfolioCoverage,
    portfolio,
)
from ecm_plan.coverage.rules import (
    Rule,
    RulesArg,
    RuleSet,
    all_rules,
    check,
    rule,
    rules,  # noqa: F401 (deprecated alias of all_rules, kept importable; not in __all__)
    rules_table,
)
from ecm_plan.coverage.summary import CoverageSummary, KindSummary, summary
from ecm_plan.exceptions import RuleConfigError, UnknownRuleError

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
    "all_rules",
    "check",
    "outcome_matrix",
    "portfolio",
    "rule",
    "rules_table",
    "summary",
]
