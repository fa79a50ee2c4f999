"""Field helpers of the model: the read-only mapping its series use, and FieldError.

``FieldError`` is public in :mod:`ecm_plan.exceptions`; it is re-exported here for the model.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import attrs

from ecm_plan.exceptions import ArgumentError, FieldError

__all__ = ["FieldError", "FrozenMap", "cell_text"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only, hashable mapping: the type of every series the model holds by period.

    It keeps the order it was given, compares equal to any mapping with the same items (a
    plain ``dict`` included), and cannot be changed in place, so a validated plan stays valid and
    can be hashed. Change a plan with :func:`attrs.evolve`, which validates again.

    Example:
        >>> from ecm_plan.model import FrozenMap
        >>> m = FrozenMap({"2009-10": 1, "2010-11": 2})
        >>> m["2010-11"], len(m), m == {"2009-10": 1, "2010-11": 2}
        (2, 2, True)
        >>> hash(m) == hash(FrozenMap({"2010-11": 2, "2009-10": 1}))
        True
        >>> m["2011-12"] = 3
        Traceback (most recent call last):
        ...
        TypeError: 'FrozenMap' object does not support item assignment

    .. versionadded:: 0.2.0
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        """Copy the items, so that nothing outside can change them later."""
        self._data: dict[K, V] = dict(items) if items is not None else {}
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        """The value at ``key``."""
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        """The keys, in the order given."""
        return iter(self._data)

    def __len__(self) -> int:
        """How many items there are."""
        return len(self._data)

    def __hash__(self) -> int:
        """A hash of the items, whatever their order."""
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        """Equal to any mapping with the same items."""
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        """``FrozenMap({...})``."""
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as its items."""
        return (type(self), (self._data,))


def cell_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a cell's text must be a string, else an :class:`ArgumentError`.

    The error is the library's (a ``TypeError`` too) and names the class and the field.
    """
    if not isinstance(value, str):
        raise ArgumentError.for_value(
            f"{type(instance).__name__}({attribute.name})", "the cell's text (a str)", value
        )
