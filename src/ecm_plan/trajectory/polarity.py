"""Polarity: whether a higher or a lower value of an indicator is better.

Example:
    >>> from ecm_plan.trajectory import polarity_for
    >>> polarity_for("NI 112")
    <Polarity.LOWER_IS_BETTER: 'lower_is_better'>

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
from typing import Any

from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Polarity
from ecm_plan.trajectory._common import (
    PolarityLike,
    _polarity,
)

__all__ = [
    "polarity_for",
]


def polarity_for(code: str, override: PolarityLike | None = None) -> Polarity:
    """The polarity of an indicator: ``override`` when given, else the catalogue's.

    The catalogue (:mod:`ecm_plan.catalog`) is imported only when it is needed.

    Args:
        code: An indicator code such as ``"NI 112"``.
        override: A polarity that replaces the catalogue's (for a local indicator, or where
            the plan reads the indicator the other way).

    Returns:
        The polarity.

    Raises:
        TrajectoryError: ``override`` is not a polarity, the catalogue is not available, or
            it records no polarity for the indicator.
        UnknownIndicatorError: The catalogue does not know the code.

    Example:
        >>> polarity_for("NI 112", override="higher_is_better")
        <Polarity.HIGHER_IS_BETTER: 'higher_is_better'>
        >>> polarity_for("NI 112")
        <Polarity.LOWER_IS_BETTER: 'lower_is_better'>

    .. versionadded:: 0.1.0
    """
    if override is not None:
        return _polarity(override)
    try:
        catalog: Any = importlib.import_module("ecm_plan.catalog")
    except ImportError as err:
        raise TrajectoryError(
            f"the indicator catalogue is not available to look up {code}; pass the polarity"
        ) from err
    polarity = catalog.national_indicator(code).polarity
    if polarity is None:
        raise TrajectoryError(
            f"the catalogue records no polarity for {code}; pass override= or polarity="
        )
    return _polarity(polarity)


def _resolve_polarity(polarity: PolarityLike | None, indicator: str | None) -> Polarity:
    if polarity is not None:
        return _polarity(polarity)
    if indicator is not None:
        return polarity_for(indicator)
    raise TrajectoryError("give the indicator's polarity (or indicator= to look it up)")
