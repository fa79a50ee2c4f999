"""Cross-reference and figure checks over a plan file's raw mapping.

When some part of a file cannot be read into the model, the plan is never built, so its own
checks (:func:`~ecm_plan.model.plan.check_references`,
:func:`~ecm_plan.model.plan.check_figures`) would not run. This walk collects the declared ids,
the references and the measured values from the plain data instead, skipping whatever has the
wrong shape (that is reported by the structural pass), so that one load reports every problem.
"""

from __future__ import annotations

from typing import Any

from ecm_plan.exceptions import PlanError, Problem
from ecm_plan.model import Value
from ecm_plan.model.plan import check_figures, check_references

__all__ = ["raw_problems"]


def _items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    found = data.get(key)
    if not isinstance(found, list):
        return []
    return [(i, item) for i, item in enumerate(found) if isinstance(item, dict)]


def _text(value: Any) -> str | None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    """An id as the loader reads it: text, or a whole number as its digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def _id(item: dict[str, Any]) -> str | None:
    return _text(item.get("id"))


def _value(text: Any) -> Value | None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str):
        return None
    try:
        return Value(text)
    except (PlanError, ValueError):
        return None


class _Walk:
    def __init__(self) -> None:
        self.declared: list[tuple[str, str, str]] = []
        self.refs: list[tuple[str, str, str]] = []
        self.figures: list[tuple[str, Value, str]] = []

    def add(self, path: str, kind: str, item: dict[str, Any]) -> None:
        element_id = _id(item)
        if element_id is not None:
            self.declared.append((path, kind, element_id))

    def ref(self, path: str, kind: str, value: Any) -> None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        found = _text(value)
        if found is not None:
            self.refs.append((path, kind, found))

    def ref_list(self, path: str, kind: str, values: Any) -> None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        if isinstance(values, list):
            for i, value in enumerate(values):
                self.ref(f"{path}[{i}]", kind, value)

    def figure(self, path: str, text: Any, what: str) -> None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        value = _value(text)
        if value is not None:
            self.figures.append((path, value, what))

    def series(self, path: str, values: Any, what: str) -> None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
        if isinstance(values, dict):
            for period, text in values.items():
                self.figure(f"{path}[{str(period)!r}]", text, what)

    def baseline(self, path: str, item: dict[str, Any], what: str) -> None:
        found = item.get("baseline")
        if isinstance(found, dict) and "value" in found:
            self.figure(f"{path}.baseline.value", found["value"], what)

    def funding(self, path: str, item: dict[str, Any]) -> None:
        for i, allocation in _items(item, "funding"):
            self.ref(f"{path}.funding[{i}].stream", "funding stream", allocation.get("stream"))

    def targets(self, path: str, item: dict[str, Any]) -> None:
        for i, target in _items(item, "targets"):
            here = f"{path}.targets[{i}]"
            self.add(here, "target", target)
            self.ref(f"{here}.indicator", "indicator", target.get("indicator"))
            self.ref_list(f"{here}.depends_on", "action or objective", target.get("depends_on"))
            if target.get("kind") == "measurable":
                what = f"a value of measurable target {_id(target) or here}"
                self.series(f"{here}.values", target.get("values"), what)
                if "value" in target:
                    self.figure(f"{here}.value", target["value"], what)
                self.baseline(here, target, what)

    def action(self, path: str, item: dict[str, Any]) -> None:
        self.add(path, "action", item)
        self.ref_list(f"{path}.leads", "lead", item.get("leads"))
        self.ref_list(f"{path}.depends_on", "action or objective", item.get("depends_on"))
        self.funding(path, item)
        self.targets(path, item)

    def sections(self, path: str, item: dict[str, Any], depth: int = 0) -> None:
        if depth > 50:
            return
        for i, section in _items(item, "sections"):
            here = f"{path}[{i}]"
            self.add(here, "section", section)
            self.ref(f"{here}.subject", "element", section.get("subject"))
            self.sections(f"{here}.sections", section, depth + 1)

    def plan(self, data: dict[str, Any]) -> None:
        for i, lead in _items(data, "leads"):
            self.add(f"leads[{i}]", "lead", lead)
        for i, stream in _items(data, "funding_streams"):
            self.add(f"funding_streams[{i}]", "funding stream", stream)
            self.ref(f"funding_streams[{i}].part_of", "funding stream", stream.get("part_of"))
        for i, indicator in _items(data, "indicators"):
            here = f"indicators[{i}]"
            self.add(here, "indicator", indicator)
            self.ref_list(f"{here}.responsible", "lead", indicator.get("responsible"))
            unit = indicator.get("unit")
            unit = f"{unit} " if isinstance(unit, str) else ""
            name = _id(indicator) or here
            self.series(
                f"{here}.targets", indicator.get("targets"), f"a target of {unit}indicator {name}"
            )
            self.series(
                f"{here}.actuals", indicator.get("actuals"), f"an actual of {unit}indicator {name}"
            )
            self.baseline(here, indicator, f"the baseline of {name}")
        for p, priority in _items(data, "priorities"):
            pp = f"priorities[{p}]"
            self.add(pp, "priority", priority)
            self.ref_list(f"{pp}.leads", "lead", priority.get("leads"))
            self.ref_list(f"{pp}.supports", "priority", priority.get("supports"))
            self.funding(pp, priority)
            self.targets(pp, priority)
            for a, item in _items(priority, "actions"):
                self.action(f"{pp}.actions[{a}]", item)
            for o, objective in _items(priority, "objectives"):
                op = f"{pp}.objectives[{o}]"
                self.add(op, "objective", objective)
                self.ref_list(f"{op}.leads", "lead", objective.get("leads"))
                self.ref_list(
                    f"{op}.depends_on", "action or objective", objective.get("depends_on")
                )
                self.funding(op, objective)
                self.targets(op, objective)
                for a, item in _items(objective, "actions"):
                    self.action(f"{op}.actions[{a}]", item)
        self.sections("sections", data)


def raw_problems(data: dict[str, Any]) -> list[Problem]:
    """Duplicate ids, unknown references and measured values without a figure, from raw data.

    Example:
        >>> data = {"leads": [{"id": "HoS"}], "priorities": [{"id": "P1", "leads": ["HoX"]}]}
        >>> [p.message for p in raw_problems(data)]
        ["unknown lead id 'HoX'"]
    """
    walk = _Walk()
    walk.plan(data)
    return check_references(walk.declared, walk.refs) + check_figures(walk.figures)
