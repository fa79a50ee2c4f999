r"""Monitoring: actual values as data (returns), and a plan assessed against them.

Each quarter or year a performance team receives actual values of a plan's indicators and
reports each indicator's status against its trajectory. This package reads those values as
:class:`Returns`, kept apart from the plan file, and checks them against a plan
(:mod:`~ecm_plan.monitoring.returns`); assesses the plan against them with
:func:`assess_plan` and :func:`assess_portfolio` (:mod:`~ecm_plan.monitoring.assess`, with
their result types in :mod:`~ecm_plan.monitoring.results`), by a :class:`RatingRule`
(:mod:`~ecm_plan.monitoring.rules`), profiling annual targets by quarter
or month where the returns are quarterly (:mod:`~ecm_plan.monitoring.profile`).

Example:
    >>> from ecm_plan import load_bundled
    >>> from ecm_plan.monitoring import check_returns, loads_returns, with_plan_actuals
    >>> wigan = load_bundled("wigan-2009-12")
    >>> returns = loads_returns("indicator,period,value\nNI 56,2009-10,17.6%\n", "csv")
    >>> check_returns(returns, wigan)
    ()
    >>> [(p.label, v.text) for p, v in with_plan_actuals(returns, wigan).series(wigan.id, "NI 56")]
    [('2008-09', '18.01%'), ('2009-10', '17.6%')]

.. versionadded:: 0.1.0
"""

from ecm_plan.monitoring.assess import assess_plan, assess_portfolio
from ecm_plan.monitoring.profile import Profile, monthly_profile, profile, quarterly_profile
from ecm_plan.monitoring.results import (
    REPORTED_VOCABULARY,
    MonitoredPoint,
    MonitoringResult,
    MonitoringRow,
    NextTarget,
    PortfolioResult,
    RollUp,
    Travel,
    Unassessed,
    read_reported,
)
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
from ecm_plan.monitoring.rules import DEFAULT_RULE, RULES, RatingRule, rating_rule

__all__ = [
    "COLUMNS",
    "DEFAULT_RULE",
    "FORMATS",
    "REPORTED_VOCABULARY",
    "REQUIRED_COLUMNS",
    "RULES",
    "MonitoredPoint",
    "MonitoringResult",
    "MonitoringRow",
    "NextTarget",
    "PortfolioResult",
    "Profile",
    "RatingRule",
    "Return",
    "Returns",
    "RollUp",
    "Travel",
    "Unassessed",
    "assess_plan",
    "assess_portfolio",
    "check_returns",
    "dumps_returns",
    "load_returns",
    "loads_returns",
    "monthly_profile",
    "plan_actuals",
    "profile",
    "quarterly_profile",
    "rating_rule",
    "read_reported",
    "with_plan_actuals",
]
