"""Helpers the trajectory modules share: input coercion, unit stripping and type aliases."""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pint

from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import _scalar as sk
from ecm_plan.units import conversion_factor

if TYPE_CHECKING:
    from collections.abc import Callable


Floats = npt.NDArray[np.float64]
Quantity = pint.Quantity
PolarityLike = Polarity | str
"""A :class:`~ecm_plan.model.Polarity` or its value (``"higher_is_better"``, ...)."""
MethodLike = str
"""A :class:`.Method` or its value: ``"linear"``, ``"compound"`` or ``"step"``."""


# --------------------------------------------------------------------------------------------
# Input helpers
# --------------------------------------------------------------------------------------------


_factor: Callable[[str, str], float] = functools.lru_cache(maxsize=256)(conversion_factor)


def _strip(value: Any, unit: str | None) -> tuple[Any, str | None]:  # noqa: ANN401 (any number)
    """The magnitude of ``value`` in ``unit`` (its own unit when ``unit`` is None).

    Plain numbers are taken to be in ``unit`` already.
    """
    if not isinstance(value, pint.Quantity):
        return value, unit
    own = str(value.units)
    magnitude = value.magnitude
    if unit is None or own == unit:
        return magnitude, own
    factor = _factor(own, unit)
    if isinstance(magnitude, np.ndarray):
        return magnitude * factor, unit
    return float(magnitude) * factor, unit


_POLARITIES: dict[str, Polarity] = {p.value: p for p in Polarity}


def _polarity(polarity: PolarityLike) -> Polarity:
    try:
        return _POLARITIES[polarity]
    except (KeyError, TypeError):
        raise TrajectoryError(
            f"unknown polarity {polarity!r}; use 'higher_is_better' or 'lower_is_better'"
        ) from None


def _float(x: float | None) -> float:
    """A float, with ``None`` and non-finite values read as ``nan`` (missing)."""
    if x is None:
        return sk.NAN
    v = float(x)
    return v if v - v == 0.0 else sk.NAN


def _float_list(values: Iterable[float | None]) -> list[float]:
    """Floats, with ``None`` and non-finite values read as ``nan`` (missing)."""
    try:
        out = [*map(float, values)]  # type: ignore[arg-type]  # None raises TypeError
    except TypeError:
        out = [sk.NAN if x is None else float(x) for x in values]
    total = sum(out)
    if total - total != 0.0:  # some value is nan or infinite (or the sum overflowed)
        out = [v if v - v == 0.0 else sk.NAN for v in out]
    return out


def _floats(values: Any) -> Floats:  # noqa: ANN401 (array-like)
    """A float64 array, with ``None`` read as ``nan``."""
    try:
        return np.asarray(values, dtype=np.float64)
    except TypeError:
        return np.array(
            [
                [_float(x) for x in row] if isinstance(row, Sequence) else _float(row)
                for row in values
            ],
            dtype=np.float64,
        )


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else x


def _signs(polarity: Any, n: int) -> Floats | float:  # noqa: ANN401 (polarity or array)
    """+1/-1 for all rows (a float) or per row (an array)."""
    if polarity is None or isinstance(polarity, (Polarity, str)):
        return float(_polarity(polarity).sign) if polarity is not None else 1.0
    arr = np.asarray(polarity)
    if arr.dtype.kind in "OUS":
        signs = np.array([_polarity(p).sign for p in arr.ravel()], dtype=np.float64)
    else:
        signs = arr.astype(np.float64).ravel()
        if not np.isin(signs, (1.0, -1.0)).all():
            raise TrajectoryError("an array of polarities must hold +1 (higher is better) or -1")
    if signs.shape != (n,):
        raise TrajectoryError(f"need one polarity per series ({n}), not {signs.shape[0]}")
    return signs


def _row_vector(value: Any, n: int, name: str) -> Floats:  # noqa: ANN401 (number or array)
    if value is None:
        return np.full(n, np.nan)
    arr = _floats(value)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    if arr.shape != (n,):
        raise TrajectoryError(
            f"{name} must be a number or one value per series ({n}), not shape {arr.shape}"
        )
    return arr
