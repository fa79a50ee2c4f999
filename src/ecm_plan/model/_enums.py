"""Enumerations shared across the model and the analyses."""

from __future__ import annotations

import difflib
import enum
import re

from ecm_plan.periods import PeriodKind

__all__ = [
    "Arrangement",
    "Bound",
    "Comparator",
    "DocumentKind",
    "DueKind",
    "IndicatorScheme",
    "LeadKind",
    "LeadStatus",
    "MoneyKind",
    "NoteKind",
    "OutcomeKey",
    "PeriodKind",
    "Polarity",
    "PriorityKind",
    "TargetKind",
    "ValueStatus",
    "suggest_outcomes",
]


class OutcomeKey(enum.StrEnum):
    """The five Every Child Matters outcomes, by their stable keys.

    Example:
        >>> OutcomeKey("stay_safe").label
        'Stay safe'
    """

    BE_HEALTHY = "be_healthy"
    STAY_SAFE = "stay_safe"
    ENJOY_AND_ACHIEVE = "enjoy_and_achieve"
    POSITIVE_CONTRIBUTION = "positive_contribution"
    ECONOMIC_WELLBEING = "economic_wellbeing"

    @property
    def label(self) -> str:
        """The outcome as the 2004 framework words it."""
        return _OUTCOME_TITLES[self]


_OUTCOME_TITLES = {
    OutcomeKey.BE_HEALTHY: "Be healthy",
    OutcomeKey.STAY_SAFE: "Stay safe",
    OutcomeKey.ENJOY_AND_ACHIEVE: "Enjoy and achieve",
    OutcomeKey.POSITIVE_CONTRIBUTION: "Make a positive contribution",
    OutcomeKey.ECONOMIC_WELLBEING: "Achieve economic well-being",
}

_OUTCOME_SPELLINGS = {
    OutcomeKey.BE_HEALTHY: ("being healthy", "health", "healthy"),
    OutcomeKey.STAY_SAFE: ("staying safe", "safe", "safety", "safeguarding"),
    OutcomeKey.ENJOY_AND_ACHIEVE: ("enjoying and achieving", "enjoy achieve", "achievement"),
    OutcomeKey.POSITIVE_CONTRIBUTION: (
        "making a positive contribution",
        "positive contribution",
        "contribution",
    ),
    OutcomeKey.ECONOMIC_WELLBEING: (
        "achieving economic well-being",
        "economic well-being",
        "economic wellbeing",
        "economic well being",
    ),
}
"""Spellings of the outcomes that plans use, beside the keys and the framework's titles."""

_WORD = re.compile(r"[a-z0-9]+")


def _outcome_form(text: str) -> str:
    """Case, punctuation, '&' and '-ing' forms folded away: 'Staying Safe' -> 'staysaf'."""
    words = _WORD.findall(text.casefold().replace("&", " and "))
    stems = []
    for word in words:
        stem = word.removesuffix("ing") if len(word) > len("ing") + 1 else word
        stems.append(stem.removesuffix("e"))
    return "".join(stems)


def suggest_outcomes(text: str) -> tuple[OutcomeKey, ...]:
    """The outcomes a piece of text most likely names, best first; empty when none is near.

    The matcher compares folded forms (case, punctuation, ``&`` for "and" and the "-ing"
    forms set aside) of the text with each outcome's key, its framework title and the
    spellings plans use ("Being healthy", "Staying Safe", "enjoy & achieve", "economic
    well-being"). An exact folded match wins; then a form that contains the other (four
    letters at least); then close spellings by :func:`difflib.get_close_matches`, of the
    folded forms and then of the keys as written.

    It suggests only: the library never reads a title as a key by itself.

    Args:
        text: An outcome as a plan or a user wrote it.

    Returns:
        Outcome keys, best first.

    Example:
        >>> [k.value for k in suggest_outcomes("BEING HEALTHY")]
        ['be_healthy']
        >>> [k.value for k in suggest_outcomes("enjoy & achieve")]
        ['enjoy_and_achieve']
        >>> [k.value for k in suggest_outcomes("be_happy")]
        ['be_healthy']
        >>> suggest_outcomes("banana")
        ()
    """
    form = _outcome_form(text)
    if not form:
        return ()
    forms: list[tuple[str, OutcomeKey]] = []
    for key in OutcomeKey:
        names = (key.value.replace("_", " "), _OUTCOME_TITLES[key], *_OUTCOME_SPELLINGS[key])
        forms.extend((_outcome_form(name), key) for name in names)
    exact = [key for name, key in forms if name == form]
    if exact:
        return tuple(dict.fromkeys(exact))
    minimum = 4
    within = [
        key
        for name, key in forms
        if len(form) >= minimum and len(name) >= minimum and (form in name or name in form)
    ]
    if within:
        return tuple(dict.fromkeys(within))
    close = difflib.get_close_matches(form, [name for name, _ in forms], n=3, cutoff=0.7)
    if close:
        return tuple(dict.fromkeys(key for name, key in forms if name in close))
    keys = difflib.get_close_matches(text.strip().casefold(), list(OutcomeKey), n=2, cutoff=0.6)
    return tuple(OutcomeKey(k) for k in keys)


class Polarity(enum.StrEnum):
    """Which direction of an indicator counts as improvement.

    Example:
        >>> Polarity.LOWER_IS_BETTER.sign
        -1
    """

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"

    @property
    def sign(self) -> int:
        """``+1`` when higher is better, ``-1`` when lower is better."""
        return 1 if self is Polarity.HIGHER_IS_BETTER else -1


class DocumentKind(enum.StrEnum):
    """The kind of planning document a plan was transcribed from.

    Example:
        >>> DocumentKind("annual_update").value
        'annual_update'
    """

    CHILDREN_AND_YOUNG_PEOPLES_PLAN = "children_and_young_peoples_plan"
    ANNUAL_UPDATE = "annual_update"
    PERFORMANCE_PLAN = "performance_plan"
    SERVICE_IMPROVEMENT_PLAN = "service_improvement_plan"
    STRATEGIC_MANAGEMENT_PLAN = "strategic_management_plan"
    LOCAL_AREA_AGREEMENT = "local_area_agreement"
    OTHER = "other"


class PriorityKind(enum.StrEnum):
    """A service priority serves outcomes; an organisational one supports service priorities.

    Example:
        >>> PriorityKind("organisational") is PriorityKind.ORGANISATIONAL
        True
    """

    SERVICE = "service"
    ORGANISATIONAL = "organisational"


class LeadKind(enum.StrEnum):
    """What a lead is: a role (post), a named person, an organisation, or a group.

    Example:
        >>> [k.value for k in LeadKind]
        ['role', 'person', 'organisation', 'group']
    """

    ROLE = "role"
    PERSON = "person"
    ORGANISATION = "organisation"
    GROUP = "group"


class LeadStatus(enum.StrEnum):
    """What the document says of an action's lead.

    ``named``: the action has its leads; ``not_agreed``: the document says the lead is
    not yet agreed (Wigan's "Responsibility: Not yet agreed"); ``not_stated``: the document
    names no lead and says nothing of it (an empty cell).

    Example:
        >>> from ecm_plan.model import Action
        >>> Action(id="A1", text="Review the strategy", lead_status="not_agreed").lead_status
        <LeadStatus.NOT_AGREED: 'not_agreed'>
        >>> Action(id="A2", text="Review the strategy").lead_status.value
        'not_stated'

    .. versionadded:: 0.2.0
    """

    NAMED = "named"
    NOT_AGREED = "not_agreed"
    NOT_STATED = "not_stated"


class TargetKind(enum.StrEnum):
    """A measurable target has figures; a qualitative one is a state to reach.

    Example:
        >>> TargetKind.MEASURABLE == "measurable"
        True
    """

    MEASURABLE = "measurable"
    QUALITATIVE = "qualitative"


class Comparator(enum.StrEnum):
    """How a measurable target compares the indicator with its value.

    ``reduce`` and ``increase`` give a direction with no figure ("NI 19 - Reduce");
    ``reduce_by`` and ``increase_by`` are absolute changes ("a reduction of at least 0.5 days
    per FTE");
    ``relative_change`` is a change from a baseline by a share ("reduce the 1998 baseline by
    50%"); ``change_from_baseline`` is a series given as % change from a baseline (NI 112).

    Example:
        >>> Comparator("within_range").value
        'within_range'
    """

    REDUCE = "reduce"
    INCREASE = "increase"
    REDUCE_TO = "reduce_to"
    INCREASE_TO = "increase_to"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    BELOW = "below"
    ABOVE = "above"
    MAINTAIN = "maintain"
    WITHIN_RANGE = "within_range"
    ZERO = "zero"
    EXACTLY = "exactly"
    REDUCE_BY = "reduce_by"
    INCREASE_BY = "increase_by"
    RELATIVE_CHANGE = "relative_change"
    CHANGE_FROM_BASELINE = "change_from_baseline"


class ValueStatus(enum.StrEnum):
    """The state of a value in a table cell: never collapsed into a missing value.

    ``firm`` and ``provisional`` cells give the value's figure.
    ``to_be_determined`` ("target to be determined"), ``to_be_confirmed`` ("TBC",
    "percentage to be confirmed"), ``not_set`` ("No target set") and ``not_applicable``
    ("N/A") give none, though figures around them are kept as :attr:`Value.parts`.
    ``several`` is a cell holding several labelled figures ("4.6% obese; 15.1% overweight"):
    its figures are :attr:`Value.parts` and it has no single figure.
    ``text`` is words with no figure ("Commissioning framework in place").

    Example:
        >>> from ecm_plan.model import Value
        >>> Value("86% (prov.)").status is ValueStatus.PROVISIONAL
        True
    """

    FIRM = "firm"
    PROVISIONAL = "provisional"
    TO_BE_DETERMINED = "to_be_determined"
    TO_BE_CONFIRMED = "to_be_confirmed"
    NOT_SET = "not_set"
    NOT_APPLICABLE = "not_applicable"
    SEVERAL = "several"
    TEXT = "text"

    @property
    def has_figure(self) -> bool:
        """Whether a value in this state has its own figure (firm or provisional).

        Example:
            >>> ValueStatus.PROVISIONAL.has_figure, ValueStatus.TO_BE_CONFIRMED.has_figure
            (True, False)
        """
        return self in {ValueStatus.FIRM, ValueStatus.PROVISIONAL}

    @property
    def is_undetermined(self) -> bool:
        """Whether the value is still to be set (to be determined, to be confirmed or not set).

        Example:
            >>> [s.value for s in ValueStatus if s.is_undetermined]
            ['to_be_determined', 'to_be_confirmed', 'not_set']
        """
        return self in {
            ValueStatus.TO_BE_DETERMINED,
            ValueStatus.TO_BE_CONFIRMED,
            ValueStatus.NOT_SET,
        }


class Bound(enum.StrEnum):
    """How a figure in a cell bounds the value: "90%+" is at least, "<10%" is below.

    Example:
        >>> from ecm_plan.model import Value
        >>> Value("<10%").bound is Bound.BELOW
        True
    """

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    BELOW = "below"
    ABOVE = "above"
    RANGE = "range"


class DueKind(enum.StrEnum):
    """What a "by when" cell says about time.

    ``by`` names a deadline; ``from`` a start ("Ongoing from April 2007"); ``span`` a period
    of work ("3 year action plan (2008- 2011)"); ``recurring`` a cycle with no date ("Annual
    review of Plan"); ``external`` a timetable set elsewhere ("In line with National
    timetable"); ``unscheduled`` text that names no time; ``none`` an empty cell.

    Example:
        >>> from ecm_plan.model import Due
        >>> Due("Annual review of Plan").kind is DueKind.RECURRING
        True
    """

    BY = "by"
    FROM = "from"
    SPAN = "span"
    RECURRING = "recurring"
    EXTERNAL = "external"
    UNSCHEDULED = "unscheduled"
    NONE = "none"


class MoneyKind(enum.StrEnum):
    """Whether a funding cell states an amount, or says something else.

    Example:
        >>> from ecm_plan.model import Money
        >>> Money("Nil additional").kind is MoneyKind.NIL
        True
    """

    AMOUNT = "amount"
    NIL = "nil"
    TO_BE_CONFIRMED = "to_be_confirmed"
    BASE_BUDGET = "base_budget"
    UNQUANTIFIED = "unquantified"


class NoteKind(enum.StrEnum):
    """Why a note is attached: a transcription judgement is always visible as a note.

    Example:
        >>> NoteKind("code_slip").value
        'code_slip'
    """

    NOTE = "note"
    RECONSTRUCTION = "reconstruction"
    AMBIGUITY = "ambiguity"
    CODE_SLIP = "code_slip"
    INFERRED = "inferred"
    SOURCE = "source"


class Arrangement(enum.StrEnum):
    """How a funding allocation is held with partners.

    Example:
        >>> Arrangement("pooled_and_aligned") is Arrangement.POOLED_AND_ALIGNED
        True
    """

    POOLED = "pooled"
    ALIGNED = "aligned"
    POOLED_AND_ALIGNED = "pooled_and_aligned"


class IndicatorScheme(enum.StrEnum):
    """Where an indicator code comes from.

    Example:
        >>> IndicatorScheme("bvpi").value
        'bvpi'
    """

    NATIONAL = "national"
    BVPI = "bvpi"
    LOCAL = "local"


class Aggregation(enum.StrEnum):
    """How an indicator's figure relates to time: a level at a point, or a count over a period.

    A level (a percentage, a rate, an average) for a year is the year's figure, and a quarter's
    level is comparable with the year's; a count accumulates over the period, so a quarter holds
    part of the year's total.

    Example:
        >>> Aggregation("count").value
        'count'

    .. versionadded:: 0.1.0
    """

    LEVEL = "level"
    COUNT = "count"
