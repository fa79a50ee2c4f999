"""Findings: what an analysis found in a plan, as plain values that sort, compare and serialise.

Every analysis that judges a plan (coverage checks, dependency analysis) returns
:class:`Finding` values, never prints, so that one report can list everything.

Example:
    >>> f = Finding(code="ECM101", severity="warning", subject="P3",
    ...             message="Priority P3 reaches no ECM outcome.",
    ...             hint="Link it to an outcome under 'outcomes'.", path="priorities[2]")
    >>> f.severity > Severity.INFO, Severity.ERROR > Severity.WARNING
    (True, True)
    >>> print(findings_to_json([f]))
    [
      {
        "code": "ECM101",
        "severity": "warning",
        "subject": "P3",
        "message": "Priority P3 reaches no ECM outcome.",
        "hint": "Link it to an outcome under 'outcomes'.",
        "path": "priorities[2]"
      }
    ]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from typing import Any

import attrs

from ecm_plan.exceptions import InvalidChoiceError, InvalidFindingsError
from ecm_plan.tables import Table

__all__ = ["Finding", "Severity", "findings_from_json", "findings_table", "findings_to_json"]


class Severity(enum.StrEnum):
    """How much a finding matters; compares ``info < warning < error``.

    Example:
        >>> sorted([Severity.ERROR, Severity.INFO, Severity.WARNING])
        [<Severity.INFO: 'info'>, <Severity.WARNING: 'warning'>, <Severity.ERROR: 'error'>]
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        """Order by rank, not alphabetically."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        """Order by rank."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        """Order by rank."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        """Order by rank."""
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    __hash__ = enum.StrEnum.__hash__


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def _sort_key(finding: Finding) -> tuple[int, str, str, str, str]:
    return (-finding.severity.rank, finding.plan, finding.code, finding.subject, finding.message)


def _severity(value: Severity | str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise InvalidChoiceError(value, "severity", [s.value for s in Severity]) from None


@attrs.frozen(order=False)
class Finding:
    """One thing an analysis found: a rule code, a severity, its subject, and what to do.

    Findings sort with the most severe first, then by plan, code and subject.

    Attributes:
        code: The stable rule code, such as ``ECM101``.
        severity: Error, warning or info.
        subject: The id of the element it is about (the plan id for the whole plan).
        message: What was found, in words a performance officer understands.
        hint: What to do about it.
        path: Where the element is in the plan file, such as ``priorities[2].actions[0]``.
        plan: The id of the plan.

    Example:
        >>> a = Finding("ECM201", "error", "P1", "No lead.")
        >>> b = Finding("ECM101", "info", "P1", "Aim not served.")
        >>> [f.code for f in sorted([b, a])]
        ['ECM201', 'ECM101']

    .. versionadded:: 0.1.0
    """

    code: str
    severity: Severity = attrs.field(converter=_severity)
    subject: str
    message: str
    hint: str = ""
    path: str = ""
    plan: str = ""

    def __lt__(self, other: object) -> bool:
        """Most severe first, then plan, code, subject and message."""
        if not isinstance(other, Finding):
            return NotImplemented
        return _sort_key(self) < _sort_key(other)

    def __le__(self, other: object) -> bool:
        """See :meth:`__lt__`."""
        if not isinstance(other, Finding):
            return NotImplemented
        return _sort_key(self) <= _sort_key(other)

    def __str__(self) -> str:
        """``warning ECM101 P3: message (hint: ...)``."""
        tail = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.severity.value} {self.code} {self.subject}: {self.message}{tail}"


def _as_dict(finding: Finding) -> dict[str, Any]:
    data = attrs.asdict(finding)
    data["severity"] = finding.severity.value
    return {k: v for k, v in data.items() if v != "" or k in {"code", "subject", "message"}}


def findings_to_json(findings: Iterable[Finding]) -> str:
    """Serialise findings to a JSON array (empty strings left out).

    Example:
        >>> findings_to_json([])
        '[]'
    """
    return json.dumps([_as_dict(f) for f in findings], indent=2, ensure_ascii=False)


def findings_from_json(text: str) -> tuple[Finding, ...]:
    """Read findings written by :func:`findings_to_json`.

    Raises:
        InvalidFindingsError: The text is not such a JSON array (a :class:`ValueError`).

    Example:
        >>> f = Finding("ECM101", "info", "be_healthy.3", "Aim not served.")
        >>> findings_from_json(findings_to_json([f])) == (f,)
        True
        >>> findings_from_json('{"code": 1}')
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.InvalidFindingsError: not findings JSON (an array of objects with
        code, severity, subject and message): the text is not an array of objects

    .. versionchanged:: 0.2.0 Returns a tuple; raises :class:`InvalidFindingsError`.
    """
    try:
        data = json.loads(text)
    except ValueError as err:
        raise InvalidFindingsError(f"not valid JSON: {err}") from None
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise InvalidFindingsError("the text is not an array of objects")
    try:
        return tuple(Finding(**d) for d in data)
    except (TypeError, ValueError) as err:
        raise InvalidFindingsError(f"not a finding: {err}") from None


def findings_table(findings: Iterable[Finding], title: str = "Findings") -> Table:
    """The findings as a :class:`~ecm_plan.report.Table`, most severe first.

    Example:
        >>> from ecm_plan.report import render
        >>> print(render(findings_table([Finding("ECM201", "error", "P1", "No lead.")])))
        Findings
        ========
        Severity | Code   | Subject | Message
        ---------+--------+---------+---------
        error    | ECM201 | P1      | No lead.
    """
    rows = [(f.severity.value, f.code, f.subject, f.message) for f in sorted(findings)]
    return Table(title, ("Severity", "Code", "Subject", "Message"), rows)
