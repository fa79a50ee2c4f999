"""Coverage across a portfolio of plans: outcomes and National Indicators served or targeted.

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.coverage import portfolio
    >>> portfolio([load_bundled("sample")]).outcome("be_healthy").serving
    ('sample',)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ecm_plan import _args
from ecm_plan._deprecation import alias_table
from ecm_plan._gc import gc_paused
from ecm_plan.catalog import national_indicator, national_indicators
from ecm_plan.catalog import outcome as catalog_outcome
from ecm_plan.coverage._facts import _need_plan, catalogue_entry, outcome_title
from ecm_plan.exceptions import AnalysisError
from ecm_plan.model import OutcomeKey, Plan
from ecm_plan.tables import Table

__all__ = [
    "IndicatorCoverage",
    "OutcomeCoverage",
    "PortfolioCoverage",
    "portfolio",
]


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

        Raises:
            ecm_plan.exceptions.UnknownOutcomeError: The key names no outcome (a
                :class:`ValueError` and a :class:`KeyError`).
        """
        wanted = catalog_outcome(key).key
        return next(o for o in self.outcomes if o.outcome is wanted)

    def indicator(self, code: str) -> IndicatorCoverage:
        """The entry of one National Indicator; no plan targets it when it has none.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).indicator("NI 56").plans
            ()
        """
        entry = national_indicator(code)
        for found in self.indicators:
            if found.code == entry.code:
                return found
        return IndicatorCoverage(entry.code, entry.title, entry.outcome, ())

    def _outcome_table(self) -> Table:
        """Outcomes against the plans that serve them and target their indicators.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).to_tables()[0].rows[1]
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

    def _indicator_table(self) -> Table:
        """The National Indicators some plan targets, with the plans.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).to_tables()[1].rows[-1]
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

    def _untargeted_table(self) -> Table:
        """The children's National Indicators no plan targets.

        Example:
            >>> from ecm_plan import load_bundled
            >>> portfolio([load_bundled("sample")]).to_tables()[2].headers
            ('Code', 'Title', 'Outcome')
        """
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
        return self._outcome_table(), self._indicator_table(), self._untargeted_table()

    outcome_table = alias_table("outcome_table", 0)
    indicator_table = alias_table("indicator_table", 1)
    untargeted_table = alias_table("untargeted_table", 2)


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


@gc_paused()
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
    plans = _args.require_items(plans, "plans", Plan, "a Plan")
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
