"""Reports: the analyses composed into readable text for the command line and the examples.

The plain-text :class:`~ecm_plan.tables.Table` and its renderers live in
:mod:`ecm_plan.tables`, at the bottom of the package, so that analyses can build tables without
importing the report layer; they are re-exported here for the report's callers.
The report of a plan is in :mod:`~ecm_plan.report.plan`, its text, Markdown, JSON and CSV
formats in :mod:`~ecm_plan.report.formats`, and the interim targets of its indicators in
:mod:`~ecm_plan.report.interim`.

Example:
    >>> from ecm_plan.report import Table, render
    >>> print(render(Table("Leads", ("Id",), (("HoS",),))))
    Leads
    =====
    Id
    ---
    HoS

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from ecm_plan.tables import Table, render, render_all

__all__ = ["Table", "render", "render_all"]
