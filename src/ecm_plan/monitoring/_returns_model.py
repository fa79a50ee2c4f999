r"""The rows of a returns file, and returns checked against a plan (behind :mod:`.returns`).

:class:`Return`, :class:`Returns`, and the functions that join returns to a plan
(:func:`plan_actuals`, :func:`with_plan_actuals`, :func:`check_returns`). Import them from
:mod:`ecm_plan.monitoring.returns` or :mod:`ecm_plan.monitoring`; this module is private.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from ecm_plan import _args
from ecm_plan.catalog import measure_of, national_indicator, normalise_code
from ecm_plan.exceptions import FieldError, PlanError, Problem, ReturnsError, UnitError
from ecm_plan.model import Indicator, Plan, Value, ValueStatus
from ecm_plan.periods import Period
from ecm_plan.units import check_compatible

__all__ = [
    "Return",
    "Returns",
    "check_returns",
    "plan_actuals",
    "with_plan_actuals",
]


def _text_field(name: str, *, optional: bool) -> Any:  # noqa: ANN401 (an attrs validator)
    def check(_instance: object, _attribute: object, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise FieldError(
                name,
                f"{name} must be {'None or ' if optional else ''}non-empty text without "
                f"spaces at either end, not {value!r}",
            )

    return check


def _check_value(_instance: object, _attribute: object, value: Value) -> None:
    if not isinstance(value, Value):  # a caller without a type checker
        raise FieldError("value", f"value must be a Value, not {value!r}")
    if not value.text.strip() or value.text != value.text.strip():
        raise FieldError("value", f"value text must be non-empty and trimmed, not {value.text!r}")
    if value.status is ValueStatus.TEXT:
        raise FieldError("value", _unread(value.text))


def _unread(text: str) -> str:
    return f"value {text!r} holds no figure and no state the library reads"


@attrs.frozen
class Return:
    """One actual value of one indicator for one period, as a returns file gives it.

    Attributes:
        indicator: The indicator id as the plan uses it (``NI 56``, ``2016SC``).
        period: The period the value is for.
        value: The figure, with its state (``86% (prov.)`` is provisional) and unit.
        plan: The plan id, in a file covering several plans; None means every plan.
        status: The document's own judgement (``green``, ``Amber``, ``ON COURSE``), as
            written, or None.
        comment: A remark, or None.
        source: Where the figure comes from, or None.
        line: The line of the file the row starts on, or None; not part of equality.

    Example:
        >>> r = Return("NI 56", Period.financial_year(2009), Value("18.3%"), status="amber")
        >>> r.key
        (None, 'NI 56', Period('2009-10'))
        >>> Return("NI 56", Period.financial_year(2009), Value("rising"))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.FieldError: value 'rising' holds no figure and no state ...

    .. versionadded:: 0.1.0
    """

    indicator: str = attrs.field(validator=_text_field("indicator", optional=False))
    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    value: Value = attrs.field(validator=_check_value)
    plan: str | None = attrs.field(default=None, validator=_text_field("plan", optional=True))
    status: str | None = attrs.field(default=None, validator=_text_field("status", optional=True))
    comment: str | None = attrs.field(default=None, validator=_text_field("comment", optional=True))
    source: str | None = attrs.field(default=None, validator=_text_field("source", optional=True))
    line: int | None = attrs.field(default=None, eq=False)

    @property
    def key(self) -> tuple[str | None, str, Period]:
        """``(plan, indicator, period)``: no two rows of a :class:`Returns` share it.

        Example:
            >>> Return("NI 56", Period.financial_year(2009), Value("18%"), plan="wigan").key
            ('wigan', 'NI 56', Period('2009-10'))
        """
        return (self.plan, self.indicator, self.period)


def _clash(rows: tuple[Return, ...]) -> list[tuple[Return, Return]]:
    """Pairs (first, later) of rows for the same indicator and period that would clash.

    Two rows clash when they name the same plan, or when either names no plan (a row
    naming no plan is for every plan).
    """
    seen: dict[tuple[str, Period], list[Return]] = {}
    clashes = []
    for row in rows:
        earlier = seen.setdefault((row.indicator, row.period), [])
        for first in earlier:
            if first.plan is None or row.plan is None or first.plan == row.plan:
                clashes.append((first, row))
                break
        earlier.append(row)
    return clashes


def _to_rows(rows: Iterable[Return]) -> tuple[Return, ...]:
    return tuple(rows)


@attrs.frozen
class Returns:
    """The rows of one returns file (or of a plan's own actuals), immutable.

    No two rows are for the same plan, indicator and period; a row naming no plan is for
    every plan, so it clashes with any row for its indicator and period.

    Attributes:
        rows: The rows, in file order.
        origin: The file name, ``<string>``, or ``plan <id>`` for a plan's own actuals; not
            part of equality.

    Example:
        >>> fy = Period.financial_year
        >>> returns = Returns((Return("NI 56", fy(2010), Value("17%"), plan="wigan-2009-12"),
        ...                    Return("NI 56", fy(2009), Value("18%"), plan="wigan-2009-12")))
        >>> [p.label for p, _ in returns.series("wigan-2009-12", "NI 56")]
        ['2009-10', '2010-11']
        >>> Returns((Return("NI 56", fy(2009), Value("18%")),
        ...          Return("NI 56", fy(2009), Value("19%"), plan="wigan-2009-12")))
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ReturnsError: cannot load returns <string>: 1 problem
          - NI 56 2009-10: a second value for NI 56 in 2009-10 (plan wigan-2009-12) ...

    .. versionadded:: 0.1.0
    """

    rows: tuple[Return, ...] = attrs.field(default=(), converter=_to_rows)
    origin: str = attrs.field(default="<string>", eq=False)

    def __attrs_post_init__(self) -> None:
        """Refuse two rows for the same plan, indicator and period."""
        for row in self.rows:
            if not isinstance(row, Return):
                raise TypeError(f"a row of Returns is a Return, not {row!r}")
        problems = [_duplicate(first, later) for first, later in _clash(self.rows)]
        if problems:
            raise ReturnsError(self.origin, problems)

    def __len__(self) -> int:
        """The number of rows."""
        return len(self.rows)

    def __iter__(self) -> Iterator[Return]:
        """The rows, in order."""
        return iter(self.rows)

    def plans(self) -> tuple[str | None, ...]:
        """The plan ids the rows name (None for rows naming no plan), in first-seen order.

        Example:
            >>> Returns().plans()
            ()
        """
        return tuple(dict.fromkeys(r.plan for r in self.rows))

    def indicators(self) -> tuple[str, ...]:
        r"""The indicator ids the rows name, in first-seen order.

        Example:
            >>> from ecm_plan.monitoring import loads_returns
            >>> loads_returns("indicator,period,value\nNI 1,2009-10,5%\n", "csv").indicators()
            ('NI 1',)
        """
        return tuple(dict.fromkeys(r.indicator for r in self.rows))

    def for_plan(self, plan_id: str) -> Returns:
        r"""The rows for one plan: those naming it and those naming no plan.

        Example:
            >>> from ecm_plan.monitoring import loads_returns
            >>> text = "plan,indicator,period,value\nwigan-2009-12,NI 56,2009-10,18%\n" \
            ...        "sample,NI 56,2009-10,20%\n"
            >>> [r.value.text for r in loads_returns(text, "csv").for_plan("sample")]
            ['20%']
        """
        return Returns(tuple(r for r in self.rows if r.plan in {None, plan_id}), origin=self.origin)

    def get(self, plan_id: str | None, indicator: str, period: Period) -> Return | None:
        r"""The row for a plan, indicator and period (a row naming no plan serves any plan).

        Example:
            >>> from ecm_plan.monitoring import loads_returns
            >>> returns = loads_returns("indicator,period,value\nNI 1,2009-10,5%\n", "csv")
            >>> returns.get("any-plan", "NI 1", Period.financial_year(2009)).value
            Value('5%')
        """
        for row in self.rows:
            if (
                row.indicator == indicator
                and row.period == period
                and (row.plan is None or row.plan == plan_id)
            ):
                return row
        return None

    def series(self, plan_id: str | None, indicator: str) -> tuple[tuple[Period, Value], ...]:
        r"""The values of one indicator for one plan, sorted by period.

        Rows naming no plan serve every plan; with ``plan_id`` None only they are taken.

        Example:
            >>> from ecm_plan.monitoring import loads_returns
            >>> text = "indicator,period,value\nNI 111,2010-11,1200\nNI 111,2009-10,1290\n"
            >>> [(p.label, v.magnitude) for p, v in
            ...  loads_returns(text, "csv").series("wigan-2009-12", "NI 111")]
            [('2009-10', 1290.0), ('2010-11', 1200.0)]
        """
        found = [
            (r.period, r.value)
            for r in self.rows
            if r.indicator == indicator and (r.plan is None or r.plan == plan_id)
        ]
        return tuple(sorted(found, key=lambda pair: pair[0]))


def _where(row: Return) -> str:
    if row.line is not None:
        return f"line {row.line}"
    return f"{row.indicator} {row.period.label}"


def _duplicate(first: Return, later: Return) -> Problem:
    plan = f" (plan {later.plan})" if later.plan else ""
    at = f" (first at line {first.line})" if first.line is not None else ""
    return Problem(
        _where(later),
        f"a second value for {later.indicator} in {later.period.label}{plan}{at}",
        "keep one row for each plan, indicator and period; a row with no plan is for every plan",
    )


# -- with a plan -----------------------------------------------------------------------------


def plan_actuals(plan: Plan) -> Returns:
    """A plan's own actual values (each indicator's ``actuals``) as returns for the plan.

    Values that are words only ("rising") are left out: they are no return.

    Example:
        >>> from ecm_plan import load_bundled
        >>> own = plan_actuals(load_bundled("wigan-2009-12"))
        >>> own.origin, own.get("wigan-2009-12", "NI 111", Period.financial_year(2008)).value
        ('plan wigan-2009-12', Value('1290'))
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    rows = [
        Return(
            indicator.id,
            period,
            value if value.text == value.text.strip() else Value(value.text.strip()),
            plan=plan.id,
        )
        for indicator in plan.indicators
        for period, value in sorted(indicator.actuals.items())
        if value.status is not ValueStatus.TEXT
    ]
    return Returns(tuple(rows), origin=f"plan {plan.id}")


def with_plan_actuals(returns: Returns, plan: Plan) -> Returns:
    r"""The returns for a plan, completed with the plan's own actuals: the returns file wins.

    A plan's actual fills a period the returns do not give for that indicator; where both
    give one, the returns file's row is kept (it is the later, monitored figure, and a
    provisional figure in a plan is revised by a later return). :func:`check_returns`
    reports where a return differs from a *firm* actual the plan gives.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import loads_returns
        >>> wigan = load_bundled("wigan-2009-12")
        >>> text = "indicator,period,value\nNI 111,2009-10,1200\n"
        >>> both = with_plan_actuals(loads_returns(text, "csv"), wigan)
        >>> [(p.label, v.text) for p, v in both.series(wigan.id, "NI 111")]
        [('2008-09', '1290'), ('2009-10', '1200')]
    """
    _args.require_type(returns, "returns", Returns, "Returns")
    _args.require_type(plan, "plan", Plan, "a Plan")
    mine = returns.for_plan(plan.id)
    given = {(r.indicator, r.period) for r in mine}
    own = [r for r in plan_actuals(plan) if (r.indicator, r.period) not in given]
    return Returns((*mine.rows, *own), origin=returns.origin)


def _differs(first: Value, second: Value) -> bool:
    return (first.status, first.magnitude, first.upper) != (
        second.status,
        second.magnitude,
        second.upper,
    )


def _unit_of(indicator: Indicator) -> str | None:
    if indicator.unit is not None:
        return indicator.unit
    try:
        return national_indicator(indicator.catalogue_code or indicator.id).unit
    except PlanError:
        return None


def _normal(code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return normalise_code(code)
    except PlanError:
        return None


def _near_indicator(code: str, plan: Plan) -> str:
    ids = [i.id for i in plan.indicators]
    normal = _normal(code)
    for indicator in plan.indicators:
        names = {indicator.id, indicator.catalogue_code, indicator.code, *indicator.also}
        if code in names or (
            normal is not None and normal in {_normal(n) for n in names if n is not None}
        ):
            return f"did you mean {indicator.id!r}, the plan's id for it?"
    near = difflib.get_close_matches(code, ids, n=2, cutoff=0.6)
    if near:
        return f"did you mean {' or '.join(repr(n) for n in near)}?"
    shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
    return f"the plan's indicators are {shown}" if ids else "the plan has no indicators"


def _known_periods(indicator: Indicator, plan: Plan) -> set[Period]:
    known = {*indicator.actuals, *indicator.targets}
    if indicator.baseline is not None and indicator.baseline.period is not None:
        known.add(indicator.baseline.period)
    for _path, target in plan.iter_targets():
        if target.indicator == indicator.id:
            known.update(target.values)
            if target.baseline is not None and target.baseline.period is not None:
                known.add(target.baseline.period)
    return known


def check_returns(returns: Returns, plan: Plan) -> tuple[Problem, ...]:
    """Check the returns for a plan against it, without changing either.

    Only the rows for the plan are checked (:meth:`Returns.for_plan`). Each problem is
    located by the row's line (or its indicator and period) and says what to do:

    - an indicator the plan does not have (with the plan's id for it, or near ids);
    - a period outside the plan's period that the plan gives no baseline, actual or target
      for;
    - a value whose unit does not convert to the indicator's (a count where the indicator is
      a percentage);
    - a value outside the measure's natural bounds (:func:`~ecm_plan.catalog.measure_of`:
      a percentage over 100, a negative count);
    - a value that differs from a firm actual the plan itself gives for that period.

    Args:
        returns: The returns, for this plan and maybe others.
        plan: The plan.

    Returns:
        The problems, in row order; empty when the returns fit the plan.

    Example:
        >>> from ecm_plan import load_bundled
        >>> from ecm_plan.monitoring import loads_returns
        >>> wigan = load_bundled("wigan-2009-12")
        >>> text = '''indicator,period,value
        ... NI 56,2010-11,104%
        ... NI 111,2009-10,45%
        ... NI056,2010-11,17%
        ... '''
        >>> for problem in check_returns(loads_returns(text, "csv"), wigan):
        ...     print(problem)
        line 2, column value: 104% is above 100, the highest figure NI 56 can take (percent) ...
        line 3, column value: NI 111 is in count, and '45%' is in percent, ...
        line 4, column indicator: wigan-2009-12 has no indicator 'NI056' (hint: did you mean ...)
    """
    _args.require_type(returns, "returns", Returns, "Returns")
    _args.require_type(plan, "plan", Plan, "a Plan")
    by_id = {i.id: i for i in plan.indicators}
    problems: list[Problem] = []
    for row in returns.for_plan(plan.id):
        where = _where(row)

        def at(column: str, where: str = where, row: Return = row) -> str:
            return f"{where}, column {column}" if row.line is not None else where

        indicator = by_id.get(row.indicator)
        if indicator is None:
            problems.append(
                Problem(
                    at("indicator"),
                    f"{plan.id} has no indicator {row.indicator!r}",
                    _near_indicator(row.indicator, plan),
                )
            )
            continue
        if not row.period.overlaps(plan.period) and row.period not in _known_periods(
            indicator, plan
        ):
            problems.append(
                Problem(
                    at("period"),
                    f"{row.period.label} is outside the plan's period {plan.period.label}",
                    "check the year, and the plan the row is for",
                )
            )
        unit = _unit_of(indicator)
        if row.value.unit is not None and unit is not None:
            try:
                check_compatible(row.value.unit, unit)
            except UnitError:
                problems.append(
                    Problem(
                        at("value"),
                        f"{indicator.id} is in {unit}, and {row.value.text!r} is in "
                        f"{row.value.unit}, which does not convert to it",
                        f"give the figure in {unit}",
                    )
                )
                continue
        breach = measure_of(indicator).breach(row.value, unit)
        if breach is not None:
            problems.append(Problem(at("value"), breach, "check the figure and its unit"))
        own = indicator.actuals.get(row.period)
        if own is not None and own.status is ValueStatus.FIRM and _differs(own, row.value):
            problems.append(
                Problem(
                    at("value"),
                    f"{row.value.text!r} differs from the firm actual {own.text!r} the plan "
                    f"gives for {indicator.id} in {row.period.label}",
                    "the returns file wins over the plan; check which figure is right",
                )
            )
    return tuple(problems)
