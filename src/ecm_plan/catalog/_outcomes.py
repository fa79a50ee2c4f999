"""The five Every Child Matters outcomes and their 25 aims (DfES 2004, p9).

Read once from ``data/ecm_outcomes.csv``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
from importlib import resources

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import UnknownOutcomeError
from ecm_plan.model import OutcomeKey, suggest_outcomes

__all__ = ["Aim", "Outcome", "UnknownOutcomeError", "aim", "aims", "outcome", "outcomes"]


@attrs.frozen
class Aim:
    """One of the five aims of an outcome ("Physically healthy" under Be healthy).

    Attributes:
        outcome: The outcome the aim belongs to.
        number: 1 to 5, in the order the 2004 framework prints them.
        title: The aim's wording.

    Example:
        >>> first = aim("stay_safe.3")
        >>> first.title, first.id
        ('Safe from bullying and discrimination', 'stay_safe.3')

    .. versionadded:: 0.1.0
    """

    outcome: OutcomeKey
    number: int
    title: str

    @property
    def id(self) -> str:
        """The aim's stable id, ``"<outcome key>.<number>"``, such as ``"be_healthy.1"``."""
        return f"{self.outcome}.{self.number}"


@attrs.frozen
class Outcome:
    """One of the five Every Child Matters outcomes, with its aims.

    Attributes:
        key: The outcome's stable key.
        title: The outcome as the framework words it ("Be healthy").
        aims: Its five aims, in framework order.
        source: The document the outcome and aims come from, and the public copy used.

    Example:
        >>> healthy = outcome("be_healthy")
        >>> healthy.title, len(healthy.aims), healthy.aims[0].title
        ('Be healthy', 5, 'Physically healthy')

    .. versionadded:: 0.1.0
    """

    key: OutcomeKey
    title: str
    aims: tuple[Aim, ...]
    source: str


@functools.cache
def outcomes() -> tuple[Outcome, ...]:
    """Return the five outcomes in framework order, each with its five aims.

    Example:
        >>> [o.key.value for o in outcomes()]
        ['be_healthy', 'stay_safe', 'enjoy_and_achieve', 'positive_contribution',
         'economic_wellbeing']
        >>> sum(len(o.aims) for o in outcomes())
        25

    .. versionadded:: 0.1.0
    """
    text = resources.files("ecm_plan.catalog").joinpath("data", "ecm_outcomes.csv")
    rows = list(csv.DictReader(io.StringIO(text.read_text("utf-8"))))
    result = []
    for key in OutcomeKey:
        own = [row for row in rows if row["outcome_key"] == key]
        result.append(
            Outcome(
                key=key,
                title=own[0]["outcome_title"],
                aims=tuple(Aim(key, int(row["aim_number"]), row["aim_title"]) for row in own),
                source=own[0]["source"],
            )
        )
    return tuple(result)


@functools.cache
def _outcome_lookup() -> dict[str, Outcome]:
    table: dict[str, Outcome] = {}
    for found in outcomes():
        table[found.key.value] = found
        table[found.title.casefold()] = found
    return table


@functools.cache
def _aim_lookup() -> dict[str, Aim]:
    return {a.id: a for found in outcomes() for a in found.aims}


@functools.cache
def aims() -> tuple[Aim, ...]:
    """Return the 25 aims, outcome by outcome, in framework order.

    Example:
        >>> len(aims()), aims()[-1].id
        (25, 'economic_wellbeing.5')

    .. versionadded:: 0.1.0
    """
    return tuple(_aim_lookup().values())


def outcome(key: OutcomeKey | str) -> Outcome:
    """Look an outcome up by its key, or by its title in any case.

    Raises:
        UnknownOutcomeError: No outcome has that key or title.

    Example:
        >>> outcome("Stay safe").key
        <OutcomeKey.STAY_SAFE: 'stay_safe'>
        >>> outcome("be_happy")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownOutcomeError: unknown ECM outcome 'be_happy';
        did you mean be_healthy? The outcomes are ...

    .. versionadded:: 0.1.0
    """
    _args.require_type(key, "key", str, "an outcome key or its name (a str)")
    table = _outcome_lookup()
    found = table.get(key) or table.get(str(key).strip().casefold())
    if found is None:
        near = [k.value for k in suggest_outcomes(str(key))]
        raise UnknownOutcomeError(str(key), "outcome", near, known=OutcomeKey)
    return found


def aim(aim_id: str) -> Aim:
    """Look an aim up by its id, ``"<outcome key>.<1 to 5>"``.

    Raises:
        UnknownOutcomeError: No aim has that id.

    Example:
        >>> aim("economic_wellbeing.5").title
        'Live in households free from low income'
        >>> aim("be_healthy.6")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownOutcomeError: unknown ECM aim 'be_healthy.6'; ...

    .. versionadded:: 0.1.0
    """
    _args.require_text(aim_id, "aim_id")
    table = _aim_lookup()
    found = table.get(aim_id)
    if found is None:
        key, _, number = str(aim_id).partition(".")
        near_keys = difflib.get_close_matches(key, [k.value for k in OutcomeKey], n=1, cutoff=0.6)
        near = [f"{k}.{number}" for k in near_keys if f"{k}.{number}" in table]
        raise UnknownOutcomeError(str(aim_id), "aim", near)
    return found
