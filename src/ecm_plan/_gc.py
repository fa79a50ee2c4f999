"""Pausing the cyclic garbage collector while the library builds and reads large structures."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector; restore its previous state after, even on error.

    Loading a plan, building a graph and the whole-graph analyses allocate many objects and
    free them by reference counting, so a collection in the middle (which walks every object
    alive, every plan of a portfolio among them) only costs time. It works as a decorator too.

    Example:
        >>> import gc
        >>> with gc_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
