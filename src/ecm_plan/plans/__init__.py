"""The plans bundled with the library, read with :mod:`importlib.resources`.

``sample`` is a small plan written for this library's tutorial and tests.
The four source plans reproduce council documents of the period.

Example:
    >>> from ecm_plan import bundled_plans, load_bundled
    >>> "sample" in bundled_plans()
    True
    >>> load_bundled("sample").authority
    'Anytown'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
from importlib import resources

from ecm_plan.exceptions import UnknownPlanError
from ecm_plan.io import loads_plan
from ecm_plan.model import Plan

__all__ = ["UnknownPlanError", "bundled_plans", "load_bundled"]


def bundled_plans() -> tuple[str, ...]:
    """The names of the bundled plans, sorted.

    Example:
        >>> "sample" in bundled_plans(), bundled_plans() == tuple(sorted(bundled_plans()))
        (True, True)
    """
    files = resources.files(__name__)
    names = (p.name.removesuffix(".yaml") for p in files.iterdir() if p.name.endswith(".yaml"))
    return tuple(sorted(names))


@functools.cache
def _load(name: str) -> Plan:
    text = resources.files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return loads_plan(text, "yaml", source=f"ecm_plan/plans/{name}.yaml")


def load_bundled(name: str) -> Plan:
    """Load a bundled plan by name (plans are immutable, so the loaded plan is cached).

    Raises:
        ~ecm_plan.exceptions.UnknownPlanError: No bundled plan has this name.

    Example:
        >>> load_bundled("sample").period.label
        '2009-10 to 2011-12'
    """
    known = bundled_plans()
    if name not in known:
        raise UnknownPlanError(name, known)
    return _load(name)
