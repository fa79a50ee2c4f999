"""The reference catalogue: the Every Child Matters outcomes and aims, and the National Indicators.

Both come from package data (``ecm_plan/catalog/data/``), read once and then looked up in
dictionaries.

Example:
    >>> from ecm_plan.catalog import national_indicator, outcome
    >>> ni = national_indicator("N.I 112")
    >>> ni.code, ni.title, outcome(ni.outcome).title
    ('NI 112', 'Under 18 conception rate', 'Be healthy')

.. versionadded:: 0.1.0
"""

from ecm_plan.catalog._measures import MeasureKind, measure_of, measures
from ecm_plan.catalog._nis import (
    IndicatorCode,
    NationalIndicator,
    PlanWording,
    TitleMatch,
    TitleStatus,
    intended_indicator,
    is_national_code,
    match_title,
    national_indicator,
    national_indicators,
    ni_of,
    normalise_code,
    parse_code,
    plan_wordings,
    title_matches,
)
from ecm_plan.catalog._outcomes import (
    Aim,
    Outcome,
    UnknownOutcomeError,
    aim,
    aims,
    outcome,
    outcomes,
)
from ecm_plan.catalog._suggest import suggest_indicator

__all__ = [
    "Aim",
    "IndicatorCode",
    "MeasureKind",
    "NationalIndicator",
    "Outcome",
    "PlanWording",
    "TitleMatch",
    "TitleStatus",
    "UnknownOutcomeError",
    "aim",
    "aims",
    "intended_indicator",
    "is_national_code",
    "match_title",
    "measure_of",
    "measures",
    "national_indicator",
    "national_indicators",
    "ni_of",
    "normalise_code",
    "outcome",
    "outcomes",
    "parse_code",
    "plan_wordings",
    "suggest_indicator",
    "title_matches",
]
