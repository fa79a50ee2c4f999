"""Deprecated names: the old name keeps working for one minor version and warns.

Private: the public modules build their aliases with these helpers, so that every warning
names the new name in the same words.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

__all__ = [
    "alias_method",
    "alias_property",
    "alias_table",
    "renamed_keyword",
    "warn",
]

P = ParamSpec("P")
R = TypeVar("R")


def warn(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that ``old`` is deprecated and ``new`` replaces it."""
    warnings.warn(
        f"{old} is deprecated and will be removed in the next minor version; use {new}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def alias_method(old: str, new: str, call: Callable[..., Any]) -> Callable[..., Any]:
    """A method named ``old`` that warns, naming ``new``, and returns ``call(self, ...)``."""

    def method(self: object, *args: object, **kwargs: object) -> Any:  # noqa: ANN401 (returns what the old method returned)
        warn(f"{type(self).__name__}.{old}()", f"{type(self).__name__}.{new}")
        return call(self, *args, **kwargs)

    method.__name__ = old
    method.__doc__ = f"Deprecated: use ``{new}``.\n\n.. deprecated:: 0.2.0 Use ``{new}``."
    return method


def alias_table(old: str, index: int = 0) -> Callable[..., Any]:
    """A method named ``old`` that warns and returns table ``index`` of ``to_tables()``."""

    def call(self: Any, *args: object, **kwargs: object) -> Any:  # noqa: ANN401 (any report class with to_tables)
        return self.to_tables(*args, **kwargs)[index]

    return alias_method(old, f"to_tables()[{index}]", call)


def alias_property(old: str, new: str) -> property:
    """A property named ``old`` that warns and reads the attribute named ``new``."""

    def getter(self: object) -> Any:  # noqa: ANN401 (returns what the new attribute holds)
        warn(f"{type(self).__name__}.{old}", f"{type(self).__name__}.{new}")
        return getattr(self, new)

    getter.__doc__ = f"Deprecated, use ``{new}``.\n\n.. deprecated:: 0.2.0 Use ``{new}``."
    return property(getter)


def renamed_keyword(
    function: str, old: str, new: str
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Accept the keyword ``old`` of ``function`` as ``new``, with a warning naming ``new``."""

    def decorate(wrapped: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(wrapped)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            if old in kwargs:
                warn(f"the {old}= keyword of {function}()", f"{new}= or pass it by position")
                if new in kwargs or args:
                    raise TypeError(f"{function}() got both {old}= and {new}")
                kwargs[new] = kwargs.pop(old)
            return wrapped(*args, **kwargs)

        return wrapper

    return decorate
