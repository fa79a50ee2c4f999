"""Indicators and targets: what a plan measures and the figures it aims for.

Example:
    >>> ni112 = Indicator(id="NI 112", title="Under 18 conception rate", unit="percent",
    ...                   polarity="lower_is_better",
    ...                   actuals={Period.financial_year(2008): Value("+0.58% (2007 data)")})
    >>> ni112.actuals[Period.financial_year(2008)].magnitude
    0.58

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs

from ecm_plan.model._check import (
    Refused,
    instance_of,
    named,
    to_indicator_scheme,
    to_opt_comparator,
    to_opt_due,
    to_opt_period,
    to_opt_polarity,
    to_opt_text,
    to_opt_value,
    to_target_kind,
    to_text,
    to_texts,
    to_value_map,
)
from ecm_plan.model._enums import (
    Aggregation,
    Comparator,
    IndicatorScheme,
    Polarity,
    TargetKind,
    ValueStatus,
)
from ecm_plan.model._field import FrozenMap
from ecm_plan.model.due import Due
from ecm_plan.model.elements import FieldError, Note, check_id, to_notes
from ecm_plan.model.values import Value
from ecm_plan.periods import Period
from ecm_plan.units import UNIT_NAMES

__all__ = ["Indicator", "Measure", "Observation", "Target"]


def _check_unit(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and (not isinstance(value, str) or value not in UNIT_NAMES):
        raise FieldError(
            attribute.name,
            f"{attribute.name} {value!r} is not a unit of the library; use one of "
            f"{', '.join(UNIT_NAMES)}",
        )


@attrs.frozen
class Observation:
    """A value at a period: a baseline such as "48.3 per 1,000 in 1998".

    Attributes:
        value: The figure, as a :class:`~ecm_plan.model.Value`, or None when the document
            names a baseline without its figure ("from the 1998 baseline").
        period: When it was measured, or None when the document does not say.

    Example:
        >>> Observation(Value("48.3 per 1,000"), Period.calendar_year(1998)).value.unit
        'per_1000'

    .. versionadded:: 0.1.0
    """

    value: Value | None = attrs.field(default=None, converter=to_opt_value, validator=named)
    period: Period | None = attrs.field(default=None, converter=to_opt_period, validator=named)


def _to_opt_observation(value: Observation | None) -> Observation | Refused | None:
    if value is None:
        return None
    return instance_of(Observation, "an Observation (a value and a period)")(value)


def _to_opt_measure(value: Measure | None) -> Measure | Refused | None:
    if value is None:
        return None
    return instance_of(Measure, "a Measure (aggregation, bounds, change_from)")(value)


def _finite(_instance: Any, attribute: attrs.Attribute[Any], value: float | None) -> None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if value is not None and not math.isfinite(value):
        raise FieldError(attribute.name, f"{attribute.name} must be a finite number, not {value}")


@attrs.frozen
class Measure:
    """What a plan says its indicator's figure is, where it differs from the catalogue's choice.

    Every field left as None takes the catalogue's choice
    (:func:`ecm_plan.catalog.measure_of`); bounds are figures in the indicator's unit.

    Attributes:
        aggregation: A ``level`` at a point in time or a ``count`` over the period.
        change_from: The reference period of a "% change from baseline" figure (the 1998
            baseline of NI 112), or None.
        lower: The lowest figure the measure can take, or None.
        upper: The highest figure the measure can take, or None.

    Example:
        >>> m = Measure(aggregation="count", lower=0)
        >>> m.aggregation.value, m.lower, m.upper
        ('count', 0.0, None)
        >>> Measure(lower=10, upper=5)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: upper 5.0 is below lower 10.0

    .. versionadded:: 0.1.0
    """

    aggregation: Aggregation | None = attrs.field(
        default=None, converter=attrs.converters.optional(Aggregation)
    )
    change_from: Period | None = None
    lower: float | None = attrs.field(
        default=None, converter=attrs.converters.optional(float), validator=_finite
    )
    upper: float | None = attrs.field(
        default=None, converter=attrs.converters.optional(float), validator=_finite
    )

    def __attrs_post_init__(self) -> None:
        """Refuse bounds the wrong way round."""
        if self.lower is not None and self.upper is not None and self.upper < self.lower:
            raise FieldError("upper", f"upper {self.upper} is below lower {self.lower}")


@attrs.frozen
class Indicator:
    """A measure the plan reports: a National Indicator, an older BVPI, or a local code.

    The ``id`` is the code as the plan uses it, so that the plan's own slips stay visible
    ("NI 157" for participation in sport); ``catalogue_code`` then names the National
    Indicator it should be, with a ``code_slip`` note.

    Attributes:
        id: Unique within the plan: the plan's code, such as ``NI 112`` or ``2016SC``.
        code: The code exactly as the document writes it ("Ni 93"), if it differs from
            the id.
        scheme: National, BVPI or local.
        catalogue_code: The National Indicator Set code it is, when that differs from what
            the id reads as (a slip), or None.
        also: Other codes the document gives it ("BVPI 197" beside "NI 112").
        group: The section of the document's indicator table it is listed in ("LAA
            Indicators"), if any.
        title: The title as the document words it.
        unit: The unit of its figures, a name of :mod:`ecm_plan.units`.
        polarity: Which direction is improvement; None to take the catalogue's.
        baseline: The baseline value and period.
        actuals: Actual values by period.
        targets: Target values by period.
        responsible: Lead ids responsible for it.
        notes: Remarks and transcription judgements.
        measure: What its figure is (level or count, change from a baseline, bounds) where
            the plan differs from the catalogue, or None.

    Example:
        >>> Indicator(id="NI 19", unit="ratio").unit
        'ratio'
        >>> Indicator(id="NI 19", unit="percentage")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: unit 'percentage' is not a unit of the library; ...

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    code: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    scheme: IndicatorScheme = attrs.field(
        default=IndicatorScheme.NATIONAL, converter=to_indicator_scheme, validator=named
    )
    catalogue_code: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    also: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    group: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    title: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    unit: str | None = attrs.field(default=None, validator=_check_unit)
    polarity: Polarity | None = attrs.field(
        default=None, converter=to_opt_polarity, validator=named
    )
    baseline: Observation | None = attrs.field(
        default=None, converter=_to_opt_observation, validator=named
    )
    actuals: Mapping[Period, Value] = attrs.field(
        factory=FrozenMap, converter=to_value_map, validator=named
    )
    targets: Mapping[Period, Value] = attrs.field(
        factory=FrozenMap, converter=to_value_map, validator=named
    )
    responsible: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    notes: tuple[Note, ...] = attrs.field(factory=tuple, converter=to_notes, validator=named)
    measure: Measure | None = attrs.field(default=None, converter=_to_opt_measure, validator=named)

    @property
    def written_code(self) -> str:
        """The code as the document writes it.

        Example:
            >>> Indicator(id="NI 93", code="Ni 93").written_code
            'Ni 93'
        """
        return self.code or self.id


@attrs.frozen
class Target:
    """A target: measurable (an indicator, a comparator, figures by period) or qualitative.

    Attributes:
        id: Unique within the plan.
        text: The target as the document words it.
        kind: Measurable or qualitative.
        indicator: The id of the plan indicator it sets a target for, or None.
        comparator: How the indicator is compared with the figures, for a measurable target.
        baseline: The baseline it is measured from, if given.
        values: Target values by period.
        value: A target value the document ties to no period, if any ("target to be
            determined").
        unit: The unit of the figures, when the indicator does not give it.
        due: When the target is to be met, as the document says it.
        depends_on: Ids of actions or objectives that must happen before it can be met
            ("following the review").
        notes: Remarks and transcription judgements.

    Example:
        >>> t = Target(id="T1", text="NI 57 - target to be determined", kind="measurable",
        ...            indicator="NI 57", value=Value("target to be determined"))
        >>> t.is_undetermined
        True

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=check_id)
    text: str = attrs.field(converter=to_text, validator=named)
    kind: TargetKind = attrs.field(
        default=TargetKind.QUALITATIVE, converter=to_target_kind, validator=named
    )
    indicator: str | None = attrs.field(default=None, converter=to_opt_text, validator=named)
    comparator: Comparator | None = attrs.field(
        default=None, converter=to_opt_comparator, validator=named
    )
    baseline: Observation | None = attrs.field(
        default=None, converter=_to_opt_observation, validator=named
    )
    values: Mapping[Period, Value] = attrs.field(
        factory=FrozenMap, converter=to_value_map, validator=named
    )
    value: Value | None = attrs.field(default=None, converter=to_opt_value, validator=named)
    unit: str | None = attrs.field(default=None, validator=_check_unit)
    due: Due | None = attrs.field(default=None, converter=to_opt_due, validator=named)
    depends_on: tuple[str, ...] = attrs.field(factory=tuple, converter=to_texts, validator=named)
    notes: tuple[Note, ...] = attrs.field(factory=tuple, converter=to_notes, validator=named)

    @property
    def is_measurable(self) -> bool:
        """Whether the target is measurable.

        Example:
            >>> Target(id="T", text="Framework in place").is_measurable
            False
        """
        return self.kind is TargetKind.MEASURABLE

    @property
    def all_values(self) -> tuple[Value, ...]:
        """The period values and the unperiod value, in that order.

        Example:
            >>> Target(id="T", text="x", value=Value("N/A")).all_values
            (Value('N/A'),)
        """
        found = tuple(self.values.values())
        return (*found, self.value) if self.value is not None else found

    @property
    def is_undetermined(self) -> bool:
        """Whether any of its values is still to be set (to be determined or confirmed, not set).

        Example:
            >>> Target(id="T", text="x", values={Period.financial_year(2009): Value("tbd")}
            ...        ).is_undetermined
            True
        """
        return any(v.status.is_undetermined for v in self.all_values)

    @property
    def is_provisional(self) -> bool:
        """Whether any of its values is provisional.

        Example:
            >>> Target(id="T", text="x", value=Value("86% (prov.)")).is_provisional
            True
        """
        return any(v.status is ValueStatus.PROVISIONAL for v in self.all_values)
