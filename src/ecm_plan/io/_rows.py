"""Rows to plan elements: cell reading and text helpers for :class:`.PlanBuilder`.

Numbers and labels as cells give them (:func:`number_text`, :func:`split_code`), ids derived
from names, the drafts of priorities, objectives, actions and indicators the builder keeps,
and their assembly into model elements.
"""

import decimal
import re
from typing import TypeAlias

import attrs

from ecm_plan.model import (
    Action,
    Allocation,
    Due,
    Indicator,
    IndicatorScheme,
    Objective,
    Observation,
    OutcomeKey,
    Priority,
    Target,
    Value,
)

__all__ = ["number_text", "split_code"]

Cell: TypeAlias = str | float | int | None
"""A cell as rows give it: text, a number, or nothing."""

_SPACES = re.compile(r"\s+")
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9£ ._()/&'+\-]")
_STRUCTURAL = re.compile(r"^P\d+(?:\.[OAT]\d+)*$")
_NUMBER_TEXT = re.compile(r"^-?\d+(?:\.\d+)?$")

_CODE_WORDS = (
    r"(?:development\s+|strategic\s+|service\s+)?(?:priority|objective|action|outcome|"
    r"theme|aim|workstream)"
)
_LEADING_CODE = re.compile(
    rf"^\s*((?:{_CODE_WORDS}\s+)?(?:\d+(?:\.\d+)*[a-z]?|[A-Z]{{1,6}}\d+(?:\.\d+)*[a-z]?))"
    r"(?:\s*[.:)\-–]\s*|\s+)(\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")

_NI_HEAD = re.compile(
    r"^\s*(N\s*\.?\s*I\s*\.?\s*(?:S\s*\.?)?\s*[-:.]?\s*\d+(?:[a-z]|\([a-z]\))?)(?![a-z0-9])"
    r"\s*[-:–.,]?\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_BVPI_HEAD = re.compile(
    r"^\s*((?:ex[-\s]?)?BV(?:PI)?\s*\d+[a-z]?)(?![a-z0-9])\s*[-:–.,]?\s*(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_LOCAL_HEAD = re.compile(
    r"^\s*((?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]+)\s*[-:–.,]?\s+(\S.*)$",
    re.DOTALL,
)


def _key(text: str) -> str:
    """Text compared case- and space-insensitively."""
    return _SPACES.sub(" ", text).strip().casefold()


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def number_text(value: float) -> str:
    """A number as a cell's text: an integral number without ``.0``, others to 15 digits.

    This is how a spreadsheet's numbers are read; the 15 significant digits are what a
    spreadsheet itself keeps, so floating-point noise (``19.200000000000003``) goes.

    Example:
        >>> number_text(283.0), number_text(0.86), number_text(0.192 * 100), number_text(1e15)
        ('283', '0.86', '19.2', '1000000000000000')
    """
    if float(value).is_integer():
        return str(int(value))
    # positional, never an exponent ("1e-07" is no way a plan writes a figure)
    return format(decimal.Decimal(format(value, ".15g")), "f")


def split_code(text: str) -> tuple[str | None, str]:
    """Split a document's own label off the front of a title: ``"1.1 Engage parents"``.

    A label is a number with dots (``1``, ``1.1``, ``2.3a``), a short code of capitals and
    digits (``CYPP1``, ``KC5``), either after a word such as "Priority" or "Objective"
    (``Priority 1``), followed by a space or ``.``, ``:``, ``)`` or a dash. A year
    (``2009 programme``) is not a label. Text with no label is returned whole.

    Example:
        >>> split_code("1.1 Engage with parents")
        ('1.1', 'Engage with parents')
        >>> split_code("Priority One: Be healthy")
        (None, 'Priority One: Be healthy')
        >>> split_code("Priority 2 - Stay safe"), split_code("CYPP1: Teenage pregnancy")
        (('Priority 2', 'Stay safe'), ('CYPP1', 'Teenage pregnancy'))
        >>> split_code("2010 review of the plan")
        (None, '2010 review of the plan')
    """
    found = _LEADING_CODE.match(text)
    if found is None or _YEAR.match(found.group(1)):
        return None, text.strip()
    return _clean(found.group(1)), found.group(2).strip()


def _derived_id(name: str) -> str:
    """An id from a name: spaces made one, characters an id cannot hold dropped."""
    cleaned = _clean(_NOT_IN_ID.sub("", _clean(name)))
    cleaned = re.sub(r"^[^A-Za-z0-9£]+", "", cleaned)
    cleaned = cleaned[:1] + cleaned[1:].replace("£", "")  # a pound sign only leads an id
    return _clean(cleaned[:80])


def _node_key(title: str, code: str | None) -> str:
    """Priorities and objectives are the same when code and title are (two may share a code)."""
    return f"{_key(code or '')}\x00{_key(title)}"


@attrs.define
class _Node:
    """A priority, objective or action being built."""

    id: str
    kind: str
    title: str
    code: str | None
    where: str
    leads: list[str] = attrs.Factory(list)
    outcomes: list[OutcomeKey] = attrs.Factory(list)
    due: Due | None = None
    children: list["_Node"] = attrs.Factory(list)
    actions: list["_Node"] = attrs.Factory(list)
    targets: list[Target] = attrs.Factory(list)
    funding: list[Allocation] = attrs.Factory(list)
    keys: dict[str, str] = attrs.Factory(dict)


@attrs.define
class _IndicatorDraft:
    id: str
    code: str | None
    scheme: IndicatorScheme
    title: str | None
    baseline: Observation | None = None


def _value(cell: Cell | Value) -> Value | None:
    if cell is None or isinstance(cell, Value):
        return cell
    if isinstance(cell, bool):
        return Value(str(cell))
    if isinstance(cell, int | float):
        return Value(number_text(cell))
    text = str(cell).strip()
    return Value(text) if text else None


def _indicator(draft: _IndicatorDraft) -> Indicator:
    return Indicator(
        id=draft.id,
        code=draft.code,
        scheme=draft.scheme,
        title=draft.title,
        baseline=draft.baseline,
    )


def _action(node: _Node) -> Action:
    return Action(
        id=node.id,
        text=node.title,
        code=node.code,
        leads=node.leads,
        due=node.due,
        funding=node.funding,
        targets=node.targets,
    )


def _priority(node: _Node) -> Priority:
    return Priority(
        id=node.id,
        title=node.title,
        code=node.code,
        leads=node.leads,
        outcomes=node.outcomes,
        targets=node.targets,
        funding=node.funding,
        actions=[_action(a) for a in node.actions],
        objectives=[
            Objective(
                id=o.id,
                title=o.title,
                code=o.code,
                leads=o.leads,
                targets=o.targets,
                funding=o.funding,
                actions=[_action(a) for a in o.actions],
            )
            for o in node.children
        ],
    )
