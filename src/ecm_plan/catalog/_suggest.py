"""Suggesting the National Indicator a target's text describes, when it cites none.

A plan often states a target in an indicator's own words without citing its code (Stockton's
"U18 conception rate - reduce 1998 baseline ..." is NI 112 in all but name).
:func:`suggest_indicator` finds such an indicator, and stays silent for text that names none:
a suggestion that is wrong costs a reader more than no suggestion.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING, Final

import attrs

from ecm_plan import _args
from ecm_plan.catalog._nis import TitleMatch, national_indicators
from ecm_plan.catalog._titles import similarity_tokens

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "SUGGEST_MIN_PRECISION",
    "SUGGEST_MIN_RECALL",
    "SUGGEST_RARE_WEIGHT",
    "suggest_indicator",
]

SUGGEST_MIN_RECALL: Final = 0.6
"""The share of a title's words (by weight) the text must contain."""
SUGGEST_MIN_PRECISION: Final = 0.4
"""The share of the text's words (by weight, figures left out) the title must contain."""
SUGGEST_RARE_WEIGHT: Final = 3.0
"""A title word of at least this weight (in roughly 1 title in 19 or fewer) must be in the text."""

_SUFFIXES: Final = ("ments", "ment", "ing", "ed", "s")


def _stem(word: str) -> str:
    """A word without a common ending, so that "engaged" meets "engagement"."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _words(text: str) -> frozenset[str]:
    return frozenset(_stem(token) for token in similarity_tokens(text))


@attrs.frozen
class _Wording:
    code: str
    words: frozenset[str]


@functools.cache
def _index() -> tuple[tuple[_Wording, ...], dict[str, float], float]:
    """Every title and known variant as word sets, with each word's rarity weight."""
    wordings = tuple(
        _Wording(ni.code, _words(text))
        for ni in national_indicators()
        if ni.title is not None
        for text in (ni.title, *ni.variants)
    )
    titles = len({w.code for w in wordings})
    frequency: dict[str, int] = {}
    for wording in wordings:
        for word in wording.words:
            frequency[word] = frequency.get(word, 0) + 1
    weight = {word: math.log1p(titles / count) for word, count in frequency.items()}
    return wordings, weight, math.log1p(titles)


@functools.cache
def _title_facts() -> tuple[tuple[tuple[float, frozenset[str]], ...], dict[str, tuple[int, ...]]]:
    """Each wording's weight and rare words, and the wordings that hold each word."""
    wordings, weight, default = _index()
    facts = tuple(
        (
            _total(w.words, weight, default),
            frozenset(x for x in w.words if weight.get(x, default) >= SUGGEST_RARE_WEIGHT),
        )
        for w in wordings
    )
    containing: dict[str, list[int]] = {}
    for index, wording in enumerate(wordings):
        for word in wording.words:
            containing.setdefault(word, []).append(index)
    return facts, {word: tuple(found) for word, found in containing.items()}


def _total(words: Iterable[str], weight: dict[str, float], default: float) -> float:
    # Summed in a fixed order and rounded, so that equal shares compare equal whatever the
    # order of the sets (a title the text holds whole has a recall of exactly 1).
    return round(math.fsum(weight.get(word, default) for word in sorted(words)), 9)


def suggest_indicator(text: str) -> TitleMatch | None:
    """Return the National Indicator whose title the text states, or None if it states none.

    Both texts are read as sets of words, as :func:`match_title` reads them (case,
    punctuation, stop words and plurals dropped, abbreviations such as NEET and U18
    expanded, synonyms such as "children in care" unified), with common endings removed so
    that "engaged" meets "engagement". Each word weighs ``ln(1 + N / n)``, ``N`` titles and
    ``n`` of them using the word. An indicator is suggested when its title (or a known
    variant of it) meets all three conditions:

    1. the text holds at least ``SUGGEST_MIN_RECALL`` (0.6) of the title's weight;
    2. the title holds at least ``SUGGEST_MIN_PRECISION`` (0.4) of the text's weight,
       figures left out (so a long text about something else does not qualify by holding a
       few of the title's words);
    3. every rare word of the title (weight of at least ``SUGGEST_RARE_WEIGHT``) is in
       the text: a target on CAMHS waiting times does not state NI 51, the *effectiveness*
       of CAMHS.

    Of the indicators that qualify the one with the higher recall, then precision, is
    suggested; when two tie on both, none is.
    The score of the result is the harmonic mean of its recall and precision.

    Args:
        text: A target's or indicator's wording.

    Returns:
        The suggestion, or None.

    Example:
        >>> suggest_indicator("U18 conception rate - reduce the 1998 baseline by 50%").code
        'NI 112'
        >>> suggest_indicator("Maintain number of permanent exclusions at max 23 per year").code
        'NI 114'
        >>> suggest_indicator("Reduce the percentage of CAMHS new cases with a long wait") is None
        True
        >>> suggest_indicator("") is None
        True

    .. versionadded:: 0.2.0
    """
    _args.require_text(text, "text")
    wordings, weight, default = _index()
    titles, containing = _title_facts()
    words = _words(text)
    if not words:
        return None
    figures = [w for w in words if w.isdigit()]
    plain_weight = _total([w for w in words if not w.isdigit()], weight, default)
    best: dict[str, tuple[float, float]] = {}
    # Only the wordings that share a word with the text can qualify: visited in their order.
    for index in sorted({i for word in words for i in containing.get(word, ())}):
        wording = wordings[index]
        title_weight, rare = titles[index]
        shared = words & wording.words
        text_weight = plain_weight
        if any(w in wording.words for w in figures):  # a figure counts when the title has it
            text_words = [w for w in words if not w.isdigit() or w in wording.words]
            text_weight = _total(text_words, weight, default)
        if not title_weight or not text_weight:
            continue
        shared_weight = _total(shared, weight, default)
        recall = round(shared_weight / title_weight, 6)
        precision = round(shared_weight / text_weight, 6)
        if recall >= SUGGEST_MIN_RECALL and precision >= SUGGEST_MIN_PRECISION and rare <= words:
            best[wording.code] = max(best.get(wording.code, (0.0, 0.0)), (recall, precision))
    if not best:
        return None
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    code, (recall, precision) = ranked[0]
    entry = next(ni for ni in national_indicators() if ni.code == code)
    return TitleMatch(entry, 2 * recall * precision / (recall + precision))
