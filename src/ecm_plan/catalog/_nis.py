"""The National Indicator Set (2008): codes, the catalogue, and matching plan wordings to it.

The catalogue is read once from the package data (``data/national_indicators.csv`` and
``data/seen_in_plans.csv``) and kept in dictionaries, so that every look-up after the first
is a dictionary look-up.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import enum
import functools
import io
import re
from importlib import resources
from typing import TYPE_CHECKING, Final

import attrs

from ecm_plan import _args
from ecm_plan.catalog._titles import TitleIndex, similarity_tokens, wording_confirms
from ecm_plan.exceptions import ArgumentError, UnknownIndicatorError
from ecm_plan.model import Indicator, IndicatorScheme, OutcomeKey, Polarity

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "IndicatorCode",
    "NationalIndicator",
    "PlanWording",
    "TitleMatch",
    "TitleStatus",
    "intended_indicator",
    "is_national_code",
    "match_title",
    "national_indicator",
    "national_indicators",
    "ni_of",
    "normalise_code",
    "parse_code",
    "plan_wordings",
    "title_matches",
]

FIRST_NUMBER: Final = 1
"""The lowest indicator number in the set."""
LAST_NUMBER: Final = 199
"""The highest indicator number in the set (NI 199 was added in 2008)."""

_DROPPED: Final[Mapping[int, str]] = {
    31: (
        "NI 31 was dropped from the set before it was published: it was the draft indicator "
        "on re-offending by registered sex offenders"
    ),
}

# What the indicators the reference data leaves out on purpose are about: more than one
# published wording is remembered for each and none could be checked. They exist; only their
# titles are unknown. Which indicators are left out follows the data: every number of the set
# without a row is one; a row for a number named here wins over the subject.
_WITHHELD_SUBJECTS: Final[Mapping[int, str]] = {
    141: "Vulnerable people achieving independent living",
    142: "Vulnerable people maintaining independent living",
    161: "Level 1 literacy",
    162: "Entry Level 3 numeracy",
}

# Titles whose sourced wording differs from the reference data's: the reference row keeps
# a wording that rests on memory, every public source prints the one here. The reference
# wording is kept as a known variant (NationalIndicator.variants).
_SOURCED_TITLES: Final[Mapping[int, str]] = {
    # Every source found, the Wigan and Southend plans among them, writes "under 20"; the
    # "under 25" wording is the definition's later widening.
    113: "Prevalence of Chlamydia in under 20 year olds",
}

_UNITS: Final[Mapping[str, str]] = {
    "percent": "percent",
    "rate_per_1000": "per_1000",
    "count": "count",
    "score": "score",
    "days": "day",
}

# Prefixes that are codes of other schemes, though they are one letter away from "NI".
_OTHER_SCHEMES: Final = frozenset({"BV", "BVPI", "KPI", "LPI", "NO", "PI"})

_CODE: Final = re.compile(
    r"\s*N\s*\.?\s*I\s*\.?\s*(?:S\s*\.?)?\s*[-:.]?\s*([0-9]+)\s*(?:([a-z])|\(([a-z])\))?\s*",
    re.IGNORECASE,
)
_NEAR_CODE: Final = re.compile(
    r"\s*([A-Z0-9|.]{1,6}?)\s*[-:.]?\s*([0-9]{1,3})\s*([a-z])?\s*", re.IGNORECASE
)
_CODE_THEN_TEXT: Final = re.compile(
    r"\s*(N\s*\.?\s*I\s*\.?\s*(?:S\s*\.?)?\s*[-:.]?\s*[0-9]+\s*[a-z]?)\b[\s:.\-\u2013(]+\S",
    re.IGNORECASE,
)

_MATCH_MIN_SIMILARITY: Final = 0.2
_MATCH_MAX_RATIO: Final = 2.0
_OTHER_INDICATOR_WEIGHT: Final = 0.5


class TitleStatus(enum.StrEnum):
    """How sure the catalogue is of an indicator's title.

    * ``confirmed``: the title was seen, word for word, in a public source or in one of the
      plans ``ecm_plan`` ships (see :attr:`NationalIndicator.seen_in`).
    * ``subject_confirmed``: a source ties the number to the subject, in other words.
    * ``unconfirmed``: the standard short title as remembered; no source was found.
    * ``unknown``: the indicator exists but the catalogue has no title for it.

    Example:
        >>> from ecm_plan.catalog import national_indicator
        >>> national_indicator("NI 112").title_status
        <TitleStatus.CONFIRMED: 'confirmed'>

    .. versionadded:: 0.1.0
    """

    CONFIRMED = "confirmed"
    SUBJECT_CONFIRMED = "subject_confirmed"
    UNCONFIRMED = "unconfirmed"
    UNKNOWN = "unknown"


def _check_number(_instance: object, _attribute: object, value: int) -> None:
    if not FIRST_NUMBER <= value <= LAST_NUMBER:
        msg = f"indicator numbers run from {FIRST_NUMBER} to {LAST_NUMBER}, not {value}"
        raise ValueError(msg)


def _check_part(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None and not (len(value) == 1 and "a" <= value <= "z"):
        msg = f"an indicator part is one lower-case letter, not {value!r}"
        raise ValueError(msg)


@attrs.frozen
class IndicatorCode:
    """A National Indicator code as spelt correctly: a number and, for a part, a letter.

    Attributes:
        number: The indicator number, 1 to 199.
        part: The part letter (``"a"`` in ``NI 102a``), or None.

    Raises:
        ValueError: The number is outside 1..199 or the part is not one lower-case letter.

    Example:
        >>> code = IndicatorCode(102, "a")
        >>> code.code, code.full, str(code)
        ('NI 102', 'NI 102a', 'NI 102a')

    .. versionadded:: 0.1.0
    """

    number: int = attrs.field(validator=_check_number)
    part: str | None = attrs.field(default=None, validator=_check_part)

    @property
    def code(self) -> str:
        """The parent indicator's code, ``"NI 102"``."""
        return f"NI {self.number}"

    @property
    def full(self) -> str:
        """The code with its part, ``"NI 102a"`` (the same as :attr:`code` without a part)."""
        return f"NI {self.number}{self.part or ''}"

    def __str__(self) -> str:
        """Return :attr:`full`."""
        return self.full


@attrs.frozen
class NationalIndicator:
    """One indicator of the 2008 National Indicator Set, as the catalogue knows it.

    Attributes:
        code: The canonical code, ``"NI 112"``.
        number: The indicator number.
        title: The short title, or None for an indicator whose title is not known (the
            reference data leaves out NI 141, 142, 161 and 162 on purpose).
        outcome: The Every Child Matters outcome the indicator serves, or None when it is not
            about children or young people.
        polarity: Which direction is improvement, or None when unclear or disputed.
        unit: The library's unit name (``"percent"``, ``"per_1000"``, ``"count"``,
            ``"score"``, ``"day"``), or None when the unit is something else or unknown.
        source: The reference data's ``source`` cell, unchanged: a URL where the title was
            seen, ``"unconfirmed; subject per <URL>"`` or ``"unconfirmed"``; None for an
            indicator without a title.
        title_status: How sure the title is (:class:`TitleStatus`).
        seen_in: The plans, by id, that quote the title word for word (see
            :func:`plan_wordings`); a title seen in a plan is ``confirmed``.
        subject: What the indicator is about, for one without a title; else None.
        variants: Other wordings known for the title, such as NI 113's "under 25 year
            olds" (a later widening of the definition; the title is the sourced "under 20").
            A plan that writes a variant names the indicator as well as one that writes the
            title; a variant never confirms the title.

    Example:
        >>> ni = national_indicator("NI 57")
        >>> ni.title
        "Children and young people's participation in high-quality PE and sport"
        >>> ni.unit, ni.polarity.value, ni.title_status.value
        ('percent', 'higher_is_better', 'confirmed')
        >>> ni.seen_in
        ('wigan-2009-12', 'stockton-2008-11')
        >>> chlamydia = national_indicator("NI 113")
        >>> chlamydia.title
        'Prevalence of Chlamydia in under 20 year olds'
        >>> chlamydia.variants
        ('Prevalence of Chlamydia in under 25 year olds',)

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       The ``variants`` attribute.
    """

    code: str
    number: int
    title: str | None
    outcome: OutcomeKey | None
    polarity: Polarity | None
    unit: str | None
    source: str | None
    title_status: TitleStatus
    seen_in: tuple[str, ...] = ()
    subject: str | None = None
    variants: tuple[str, ...] = ()

    def __str__(self) -> str:
        """Return the code and title, ``"NI 112 Under 18 conception rate"``."""
        return f"{self.code} {self.title or f'({self.subject}; title not known)'}"


@attrs.frozen
class PlanWording:
    """The words one of the source plans puts beside an indicator code.

    Attributes:
        code: The code exactly as the plan writes it (``"NI 112"``, ``"N.I 112"``,
            ``"Ni 93"``, ``"N1 71"``).
        wording: The plan's words for the indicator.
        plan: The plan's id (``"wigan-2009-12"``, ``"stockton-2008-11"``,
            ``"southend-2008-09"``).
        location: Where in the plan's text copy the wording is.
        slip_for: When the written code is a slip, the code the plan means; else None.
        note: A remark on the wording, or an empty string.

    Example:
        >>> slip = next(w for w in plan_wordings() if w.code == "NI 157")
        >>> slip.wording, slip.cited, slip.intended
        ("Increase children and young people's participation in sport", 'NI 157', 'NI 57')

    .. versionadded:: 0.1.0
    """

    code: str
    wording: str
    plan: str
    location: str
    slip_for: str | None = None
    note: str = ""

    @property
    def cited(self) -> str | None:
        """The written code in canonical form, or None when it is not spelt as an NI code."""
        try:
            return normalise_code(self.code)
        except UnknownIndicatorError:
            return None

    @property
    def intended(self) -> str | None:
        """The code the plan means (:attr:`slip_for` if set, else :attr:`cited`)."""
        return self.slip_for or self.cited


@attrs.frozen
class TitleMatch:
    """A catalogue entry whose title matches a wording, with how well it matches.

    Attributes:
        indicator: The catalogue entry.
        score: The ranking score in [0, 1] (see :func:`match_title`).

    Example:
        >>> best = match_title("under 18 conceptions")[0]
        >>> best.code, round(best.score, 2)
        ('NI 112', 0.91)

    .. versionadded:: 0.1.0
    """

    indicator: NationalIndicator
    score: float

    @property
    def code(self) -> str:
        """The indicator's code."""
        return self.indicator.code


# --- codes -------------------------------------------------------------------------------


def _edit_distance_at_most_one(first: str, second: str) -> bool:
    """Whether one insertion, deletion, substitution or swap of neighbours makes them equal."""
    if first == second:
        return True
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        diff = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and first[diff[0]] == second[diff[1]]
            and first[diff[1]] == second[diff[0]]
        )
    shorter, longer = sorted((first, second), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _looks_like_ni(prefix: str) -> bool:
    compact = prefix.replace(".", "").upper().replace("|", "I")
    if not compact or compact in _OTHER_SCHEMES or not any(c.isalpha() for c in compact):
        return False
    return _edit_distance_at_most_one(compact, "NI") or _edit_distance_at_most_one(compact, "NIS")


def _near_codes(text: str) -> tuple[tuple[str, ...], str]:
    """Suggestions and a reason for text that is not spelt as an NI code."""
    if not text.strip():
        return (), "empty text is not an indicator code"
    head = _CODE_THEN_TEXT.match(text)
    if head is not None:
        try:
            return (normalise_code(head.group(1)),), "text follows the code"
        except UnknownIndicatorError:
            pass
    near = _NEAR_CODE.fullmatch(text)
    if near is not None and _looks_like_ni(near.group(1)):
        number = int(near.group(2))
        part = (near.group(3) or "").lower()
        found = (f"NI {number}{part}",) if number in _by_number() else ()
        return found, f"{near.group(1)!r} is not spelt 'NI'"
    return (), "not a National Indicator code"


def parse_code(text: str) -> IndicatorCode:
    """Read a National Indicator code in any of the spellings the plans use.

    Accepted: ``NI``, ``N.I``, ``N.I.``, ``NIS`` in any case, with or without a space, a colon
    or a hyphen before the number; leading zeros (``NI 056``); a part letter in either case,
    with or without brackets (``NI 102a``, ``NI 102 A``, ``NI 102(a)``).
    Only the spelling and the range 1..199 are checked here; whether the indicator exists
    (NI 31 does not) is :func:`national_indicator`'s business.

    Args:
        text: The code as written.

    Returns:
        The code's number and part.

    Raises:
        ~ecm_plan.exceptions.UnknownIndicatorError: The text is not spelt as an NI code,
            or its number is outside 1..199. The error suggests the code that was probably
            meant, if any.
        TypeError: ``text`` is not a string.

    Example:
        >>> parse_code("N.I 112")
        IndicatorCode(number=112, part=None)
        >>> parse_code("NI056").full, parse_code("Ni 93").full, parse_code("NIS 102A").full
        ('NI 56', 'NI 93', 'NI 102a')
        >>> parse_code("N1 71")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownIndicatorError: unknown indicator code 'N1 71' (...);
        did you mean NI 71?
        >>> parse_code("NI 999")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownIndicatorError: unknown indicator code 'NI 999';
        the National Indicator Set runs from NI 1 to NI 199

    .. versionadded:: 0.1.0
    """
    _args.require_text(text, "text")
    found = _CODE.fullmatch(text)
    if found is None:
        suggestions, reason = _near_codes(text)
        raise UnknownIndicatorError(text, suggestions, reason)
    number = int(found.group(1))
    if not FIRST_NUMBER <= number <= LAST_NUMBER:
        raise UnknownIndicatorError(text)
    part = found.group(2) or found.group(3)
    return IndicatorCode(number, part.lower() if part else None)


def normalise_code(text: str) -> str:
    """Return a code in canonical form, ``"NI 102a"``.

    Raises:
        ~ecm_plan.exceptions.UnknownIndicatorError: As :func:`parse_code`.

    Example:
        >>> [normalise_code(t) for t in ("NI112", "N.I 112", "nis 0112", "NI 102(a)")]
        ['NI 112', 'NI 112', 'NI 112', 'NI 102a']

    .. versionadded:: 0.1.0
    """
    _args.require_text(text, "text")
    return parse_code(text).full


def is_national_code(text: object) -> bool:
    """Return whether ``text`` is spelt as a National Indicator code; never raises.

    True exactly when :func:`parse_code` would succeed.
    This tells National Indicator codes from other schemes (``BVPI 197``, ``2016SC``); it does
    not check that the indicator exists (``NI 31`` is spelt as a code but was dropped).

    Example:
        >>> is_national_code("NI 056"), is_national_code("BVPI 197"), is_national_code(None)
        (True, False, False)
        >>> is_national_code("NI 31"), is_national_code("NI 200")
        (True, False)

    .. versionadded:: 0.1.0
    """
    if not isinstance(text, str):
        return False
    found = _CODE.fullmatch(text)
    return found is not None and FIRST_NUMBER <= int(found.group(1)) <= LAST_NUMBER


# --- the catalogue -----------------------------------------------------------------------


def _read_csv(name: str) -> list[dict[str, str]]:
    data = resources.files("ecm_plan.catalog").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


@functools.cache
def plan_wordings() -> tuple[PlanWording, ...]:
    """Return the wordings the source plans put beside indicator codes, in plan order.

    Read from ``data/seen_in_plans.csv``; each row names its plan and where the wording is.
    Known code slips (Southend's ``NI 157`` for participation in sport) carry
    :attr:`PlanWording.slip_for`; they never confirm a title.

    Example:
        >>> slips = [(w.code, w.slip_for) for w in plan_wordings() if w.slip_for]
        >>> slips
        [('N1 71', 'NI 71'), ('Ni 93', 'NI 102a'), ('NI 157', 'NI 57'), ('NI 145', 'NI 45')]

    .. versionadded:: 0.1.0
    """
    return tuple(
        PlanWording(
            code=row["code"],
            wording=row["wording"],
            plan=row["plan"],
            location=row["location"],
            slip_for=row["slip_for"] or None,
            note=row["note"],
        )
        for row in _read_csv("seen_in_plans.csv")
    )


def _status_of(source: str) -> TitleStatus:
    if source.startswith(("http://", "https://")):
        return TitleStatus.CONFIRMED
    if source.startswith("unconfirmed; subject per "):
        return TitleStatus.SUBJECT_CONFIRMED
    return TitleStatus.UNCONFIRMED


def _confirming_wordings() -> dict[str, list[PlanWording]]:
    """The plans' wordings that may confirm a title, by the parent code they cite."""
    by_code: dict[str, list[PlanWording]] = {}
    for wording in plan_wordings():
        if wording.slip_for or not is_national_code(wording.code):
            continue
        by_code.setdefault(parse_code(wording.code).code, []).append(wording)
    return by_code


def _entry(row: Mapping[str, str], wordings: Mapping[str, list[PlanWording]]) -> NationalIndicator:
    code, title, source = row["code"], row["title"], row["source"]
    variants: tuple[str, ...] = ()
    sourced = _SOURCED_TITLES.get(int(row["number"]))
    if sourced is not None and sourced != title:
        title, variants = sourced, (title,)
    plans = (w.plan for w in wordings.get(code, ()) if wording_confirms(title, w.wording))
    seen_in = tuple(dict.fromkeys(plans))
    return NationalIndicator(
        code=code,
        number=int(row["number"]),
        title=title,
        outcome=OutcomeKey(row["ecm_outcome"]) if row["ecm_outcome"] else None,
        polarity=Polarity(row["polarity"]) if row["polarity"] else None,
        unit=_UNITS[row["unit_hint"]] if row["unit_hint"] else None,
        source=source,
        title_status=TitleStatus.CONFIRMED if seen_in else _status_of(source),
        seen_in=seen_in,
        variants=variants,
    )


@functools.cache
def _by_number() -> dict[int, NationalIndicator]:
    wordings = _confirming_wordings()
    entries = [_entry(row, wordings) for row in _read_csv("national_indicators.csv")]
    listed = {e.number for e in entries}
    entries.extend(
        NationalIndicator(
            code=f"NI {number}",
            number=number,
            title=None,
            outcome=None,
            polarity=None,
            unit=None,
            source=None,
            title_status=TitleStatus.UNKNOWN,
            subject=_WITHHELD_SUBJECTS.get(number),
        )
        for number in range(FIRST_NUMBER, LAST_NUMBER + 1)
        if number not in listed and number not in _DROPPED
    )
    return {e.number: e for e in sorted(entries, key=lambda e: e.number)}


@functools.cache
def _by_code() -> dict[str, NationalIndicator]:
    return {e.code: e for e in _by_number().values()}


_VARIANT_KEY: Final = "#"


@functools.cache
def _title_index() -> TitleIndex:
    """Every title, subject and known variant, keyed by code (``"NI 113#1"`` for a variant)."""
    texts: list[tuple[str, str]] = []
    for entry in _by_number().values():
        texts.append((entry.code, entry.title or entry.subject or ""))
        texts.extend((f"{entry.code}{_VARIANT_KEY}{i}", v) for i, v in enumerate(entry.variants, 1))
    return TitleIndex(texts)


def _scores(text: str) -> dict[str, float]:
    """The similarity of ``text`` to each indicator: the best over its title and variants."""
    best: dict[str, float] = {}
    for key, score in _title_index().scores(text).items():
        code = key.partition(_VARIANT_KEY)[0]
        best[code] = max(score, best.get(code, 0.0))
    return best


@functools.cache
def national_indicators() -> tuple[NationalIndicator, ...]:
    """Return every indicator of the set, by number: NI 1 to NI 199 without NI 31 (198).

    The indicators the reference data leaves out on purpose (no wording could be checked)
    are included, with ``title=None``, a short ``subject`` and ``title_status`` ``unknown``.

    Example:
        >>> everything = national_indicators()
        >>> len(everything), everything[0].code, everything[-1].code
        (198, 'NI 1', 'NI 199')
        >>> [ni.code for ni in everything if ni.title is None]
        ['NI 141', 'NI 142', 'NI 161', 'NI 162']

    .. versionadded:: 0.1.0
    """
    return tuple(_by_number().values())


def _unknown(text: str, number: int) -> UnknownIndicatorError:
    near = [n for n in (number - 1, number + 1) if n in _by_number()]
    return UnknownIndicatorError(text, [f"NI {n}" for n in near], _DROPPED.get(number, ""))


def national_indicator(code: str) -> NationalIndicator:
    """Look an indicator up by its code, in any spelling :func:`parse_code` accepts.

    A part (``NI 102a``) gives its parent indicator.
    After the first call every look-up is a dictionary look-up.

    Args:
        code: The code as written.

    Returns:
        The catalogue entry.

    Raises:
        ~ecm_plan.exceptions.UnknownIndicatorError: The code is not spelt as an NI code
            (the error suggests the code probably meant, if any), or names an indicator that
            does not exist (NI 31 was dropped).

    Example:
        >>> national_indicator("NI 112").title
        'Under 18 conception rate'
        >>> national_indicator("NI 102a").code
        'NI 102'
        >>> national_indicator("NI 31")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownIndicatorError: unknown indicator code 'NI 31'
        (NI 31 was dropped from the set before it was published: ...); did you mean NI 30 or NI 32?

    .. versionadded:: 0.1.0
    """
    _args.require_text(code, "code")
    found = _by_code().get(code)
    if found is not None:
        return found
    parsed = parse_code(code)
    found = _by_number().get(parsed.number)
    if found is None:
        raise _unknown(code, parsed.number)
    return found


def ni_of(indicator: Indicator) -> IndicatorCode | None:
    """The National Indicator a plan's indicator stands for, or None when it stands for none.

    This is the library's one rule for it; the coverage checks, the portfolio graph and the
    data frames all read it from here.

    - Only indicators of the national scheme stand for a National Indicator; BVPI and local
      indicators give None, whatever their codes look like.
    - A written slip is resolved by the plan file, not guessed: when the transcriber recorded
      a ``catalogue_code`` (the document cites "NI 157" for participation in sport, which is
      NI 57), that code is the one the indicator stands for. Otherwise the code as the
      document writes it counts (``Ni 93``, ``N.I 112``: any spelling :func:`parse_code`
      reads), and, when that is not a known indicator, the indicator's id.
    - The indicator must exist in the catalogue: a code spelt as a National Indicator but
      never published (NI 31 was dropped) or not spelt as one at all gives None. A wrong
      but existing code stays what it says; ECM602 is the check that questions it.
    - A part code keeps its part: ``NI 102a`` gives ``IndicatorCode(102, "a")``, whose
      :attr:`~IndicatorCode.full` is ``"NI 102a"`` and whose :attr:`~IndicatorCode.code`,
      ``"NI 102"``, is the catalogue entry it counts for (``national_indicator`` gives the
      parent for a part).

    Args:
        indicator: An indicator of a plan.

    Returns:
        The code, normalised (number and part), or None.

    Raises:
        TypeError: ``indicator`` is not an :class:`~ecm_plan.model.Indicator`.

    Example:
        >>> from ecm_plan.model import Indicator
        >>> ni_of(Indicator(id="NI 157", catalogue_code="NI 57")).full
        'NI 57'
        >>> ni_of(Indicator(id="NI 102a")).full, ni_of(Indicator(id="NI 102a")).code
        ('NI 102a', 'NI 102')
        >>> ni_of(Indicator(id="NI 93", code="Ni 93", catalogue_code="NI 102a")).full
        'NI 102a'
        >>> ni_of(Indicator(id="NI 31")) is None, ni_of(Indicator(id="BVPI 197", scheme="bvpi"))
        (True, None)
        >>> ni_of("NI 112")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: indicator must be an Indicator, not str; ...

    .. versionadded:: 0.1.0
    """
    if not isinstance(indicator, Indicator):
        raise ArgumentError.for_value("indicator", "an Indicator", indicator)
    if indicator.scheme is not IndicatorScheme.NATIONAL:
        return None
    for text in (indicator.catalogue_code or indicator.written_code, indicator.id):
        try:
            national_indicator(text)
        except UnknownIndicatorError:
            continue
        return parse_code(text)
    return None


# --- matching wordings to titles -----------------------------------------------------------


def match_title(text: str, *, limit: int = 3) -> tuple[TitleMatch, ...]:
    """Return the catalogue entries whose titles best match a free-text wording, best first.

    Both texts are turned into sets of tokens: lower-cased, punctuation and a few stop words
    dropped (with the verbs plans wrap titles in, such as "reduce" and "improve"),
    abbreviations expanded ("FSM" is "free school meals", "KS2" is "key stage 2", and so on
    for "EET", "NEET", "PE", "LAC", "CiC"...), a final plural s removed.
    The similarity of wording ``A`` and title ``B`` is the weighted Dice coefficient
    ``2 w(A & B) / (w(A) + w(B))``, each token weighted by its rarity among the catalogue's
    titles, ``ln(1 + N / df)``: 1 for the same tokens, 0 for none in common.
    Because the wordings come from children's services plans, an indicator that serves no
    Every Child Matters outcome scores half its similarity: "participation in sport" means
    NI 57 (children's PE and sport) before NI 8 (adult sport).
    Entries that share no token with the wording are left out; ties go to the lower number.
    The entries without a title are matched by their subject, and an entry with known
    variants of its title (:attr:`NationalIndicator.variants`) by the best of its wordings.
    The result is deterministic.

    Args:
        text: A wording from a plan.
        limit: How many matches to return at most.

    Returns:
        Up to ``limit`` matches, best first; empty when nothing matches.

    Raises:
        ecm_plan.exceptions.ArgumentError: ``text`` is not a str or ``limit`` not an int.
        ecm_plan.exceptions.ArgumentValueError: ``limit`` is negative.

    Example:
        >>> [m.code for m in match_title("participation in sport")]
        ['NI 57', 'NI 8', 'NI 110']
        >>> match_title("Young offenders in EET", limit=1)[0].code
        'NI 45'
        >>> match_title("zebra crossings")
        ()

    .. versionadded:: 0.1.0
    """
    _args.require_text(text, "text")
    _args.require_int(limit, "limit", 0)
    by_code = _by_code()
    ranked: list[tuple[float, int, NationalIndicator]] = []
    for code, similarity in _scores(text).items():
        entry = by_code[code]
        weight = 1.0 if entry.outcome is not None else _OTHER_INDICATOR_WEIGHT
        ranked.append((-similarity * weight, entry.number, entry))
    ranked.sort(key=lambda item: item[:2])
    return tuple(TitleMatch(entry, -score) for score, _, entry in ranked[:limit])


def title_matches(code: str, text: str) -> bool:
    """Return whether a plan's wording plausibly names the indicator with this code.

    Used to catch code slips, such as a plan citing "NI 157" (planning applications) for
    participation in sport (NI 57).
    The wording plausibly names the indicator when both hold, with the similarity of
    :func:`match_title` but without its preference for children's indicators:

    1. its similarity to the indicator's title is at least 0.2 (it shares a real part of the
       title, beyond one common word); and
    2. no other title in the catalogue is more than twice as similar to it (a wording that
       fits another indicator far better names that one: Wigan's "Ni 93" wording scores
       0.37 against NI 93 but 0.93 against NI 102).

    Against the wordings of :func:`plan_wordings` this rejects the three slips whose code is
    spelt correctly ("NI 157", "NI 145", "Ni 93"; "N1 71" is not an NI code at all), accepts
    each slip's wording for the code the plan meant, and accepts every correctly coded
    wording but two, which do not name their indicator: Southend's "70% of children achieve
    a good average FSP score" (a target, for NI 72) and Stockton's "Proportion of children in
    care to be adopted" (an adoption rate; NI 61 measures how quickly children are placed).

    Args:
        code: The code the plan cites, in any spelling :func:`parse_code` accepts.
        text: The plan's wording for it.

    Raises:
        ~ecm_plan.exceptions.UnknownIndicatorError: ``code`` names no indicator.

    Example:
        >>> title_matches("NI 57", "participation in sport")
        True
        >>> title_matches("NI 157", "participation in sport")
        False
        >>> title_matches("NI 93", "Narrow the achievement gap between pupils eligible for "
        ...               "FSM and their peers achieving the expected level at KS2")
        False

    .. versionadded:: 0.1.0
    """
    _args.require_text(code, "code")
    _args.require_text(text, "text")
    entry = national_indicator(code)
    scores = _scores(text)
    own = scores.get(entry.code, 0.0)
    return own >= _MATCH_MIN_SIMILARITY and own * _MATCH_MAX_RATIO >= max(scores.values())


def _title_tokens(entry: NationalIndicator) -> frozenset[str]:
    tokens = similarity_tokens(entry.title or entry.subject or "")
    for variant in entry.variants:
        tokens |= similarity_tokens(variant)
    return tokens


def intended_indicator(code: str, text: str) -> TitleMatch | None:
    """Return the indicator a wording cited under ``code`` names instead, if another one.

    For catching code slips, such as Southend's "NI 157" (planning applications) for
    participation in sport, which is NI 57.
    None when the wording plausibly names the cited indicator (:func:`title_matches`), and
    None when no other title really matches it. Another indicator really matches when both
    hold:

    1. :func:`title_matches` accepts the wording for it; and
    2. the words the wording shares with its title but not with the cited indicator's
       title weigh more (by rarity, as in :func:`match_title`) than the words it shares
       with the cited title: the wording says more about the other indicator than about
       the one it cites. Stockton's "Proportion of children in care to be adopted" under
       NI 61 (the timeliness of adoption placements) shares "looked after children" with
       NI 62 (placement stability) too, but nothing NI 61's title lacks, so NI 62 is not
       offered; Southend's "70% of children achieve a good average FSP score" under NI 72
       shares only "profile" with NI 92 beyond what it shares with NI 72.

    The candidates are the three best of :func:`match_title`, best first.

    Args:
        code: The code the plan cites, in any spelling :func:`parse_code` accepts.
        text: The plan's wording for it.

    Returns:
        The indicator meant, with its :func:`match_title` score, or None.

    Raises:
        ~ecm_plan.exceptions.UnknownIndicatorError: ``code`` names no indicator.

    Example:
        >>> wording = "Increase children and young people's participation in sport"
        >>> intended_indicator("NI 157", wording).code
        'NI 57'
        >>> print(intended_indicator("NI 61", "Proportion of children in care to be adopted"))
        None
        >>> print(intended_indicator("NI 57", "participation in sport"))
        None

    .. versionadded:: 0.2.0
    """
    _args.require_text(code, "code")
    _args.require_text(text, "text")
    cited = national_indicator(code)
    if title_matches(cited.code, text):
        return None
    index = _title_index()
    words = similarity_tokens(text)
    cited_words = words & _title_tokens(cited)
    for match in match_title(text, limit=3):
        if match.code == cited.code or not title_matches(match.code, text):
            continue
        evidence = (words & _title_tokens(match.indicator)) - cited_words
        if evidence and index.weigh(evidence) > index.weigh(cited_words):
            return match
    return None
