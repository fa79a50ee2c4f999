"""The plan model: frozen attrs classes, one concept per module."""

from ecm_plan.model._enums import (
    Arrangement,
    Bound,
    Comparator,
    DocumentKind,
    DueKind,
    IndicatorScheme,
    LeadKind,
    MoneyKind,
    NoteKind,
    OutcomeKey,
    PeriodKind,
    Polarity,
    PriorityKind,
    TargetKind,
    ValueStatus,
)

__all__ = [
    "Arrangement",
    "Bound",
    "Comparator",
    "DocumentKind",
    "DueKind",
    "IndicatorScheme",
    "LeadKind",
    "MoneyKind",
    "NoteKind",
    "OutcomeKey",
    "PeriodKind",
    "Polarity",
    "PriorityKind",
    "TargetKind",
    "ValueStatus",
]
