r"""Monitoring: actual values as data (returns), checked against a plan.

Each quarter or year a performance team receives actual values of a plan's indicators and
reports each indicator's status against its trajectory. This package reads those values as
:class:`Returns`, kept apart from the plan file, and checks them against a plan.

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.monitoring import check_returns, loads_returns, with_plan_actuals
    >>> wigan = load_bundled("wigan-2009-12")
    >>> returns = loads_returns("indicator,period,value\nNI 56,2009-10,17.6%\n", "csv")
    >>> check_returns(returns, wigan)
    ()
    >>> [(p.label, v.text) for p, v in with_plan_actuals(returns, wigan).series(wigan.id, "NI 56")]
    [('2008-09', '18.01%'), ('2009-10', '17.6%')]

.. versionadded:: 0.2.0
"""

from ecm_plan.monitoring.returns import (
    COLUMNS,
    FORMATS,
    REQUIRED_COLUMNS,
    Return,
    Returns,
    check_returns,
    dumps_returns,
    load_returns,
    loads_returns,
    plan_actuals,
    with_plan_actuals,
)

__all__ = [
    "COLUMNS",
    "FORMATS",
    "REQUIRED_COLUMNS",
    "Return",
    "Returns",
    "check_returns",
    "dumps_returns",
    "load_returns",
    "loads_returns",
    "plan_actuals",
    "with_plan_actuals",
]
