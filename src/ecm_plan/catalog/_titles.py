"""Comparing indicator titles with the wordings plans use: normalisation and token similarity.

Nothing here knows the catalogue; :mod:`ecm_plan.catalog._nis` ranks its entries with these
functions.
Two comparisons are made, for two purposes:

* :func:`wording_confirms` is strict: it decides whether a plan quotes a catalogue title
  word for word, so that the title counts as confirmed.
* :func:`title_similarity` is loose: it scores how well a free-text wording names an
  indicator, for ranking candidates and for flagging codes whose wording names something else.

Both lower-case the text, drop punctuation and expand the abbreviations in
:data:`ABBREVIATIONS`, so that ``"FSM KS2"`` and ``"free school meals key stage 2"`` compare
equal.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "ABBREVIATIONS",
    "STOP_WORDS",
    "TitleIndex",
    "similarity_tokens",
    "title_similarity",
    "wording_confirms",
]

ABBREVIATIONS: Final[Mapping[str, str]] = {
    "asb": "anti-social behaviour",
    "camhs": "child and adolescent mental health services",
    "cic": "children in care",
    "cla": "children looked after",
    "cyp": "children and young people",
    "eet": "education, employment or training",
    "eyfs": "early years foundation stage",
    "eyfsp": "early years foundation stage profile",
    "fsm": "free school meals",
    "fsp": "foundation stage profile",
    "ks1": "key stage 1",
    "ks2": "key stage 2",
    "ks3": "key stage 3",
    "ks4": "key stage 4",
    "la": "local authority",
    "lac": "looked after children",
    "ldd": "learning difficulties and disabilities",
    "neet": "not in education, employment or training",
    "pe": "physical education",
    "sen": "special educational needs",
    "u18": "under 18",
    "yjs": "youth justice system",
    "yp": "young people",
}
"""Abbreviations the plans use, each with the words it stands for (keys are lower-case)."""

STOP_WORDS: Final[frozenset[str]] = frozenset(
    {
        # function words
        "a", "about", "across", "after", "all", "an", "and", "any", "are", "as", "at", "be",
        "been", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its", "least",
        "more", "of", "on", "or", "than", "that", "the", "their", "this", "those", "to",
        "upon", "were", "which", "who", "with", "within",
        # the verbs and measures a plan wraps a title in ("Reduce the number of ...")
        "drive", "ensure", "improve", "improved", "improving", "increase", "maintain",
        "narrow", "narrowing", "number", "percentage", "proportion", "reduce", "reduction",
        "sustain",
    }
)  # fmt: skip
"""Words :func:`similarity_tokens` ignores. ``"not"`` is kept: NEET is not EET."""

# Phrases that name one thing in several ways, rewritten to one form before scoring.
_SYNONYMS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), replacement)
    for pattern, replacement in (
        (r"(?:children|child) in care", "looked after children"),
        (r"(?:children|child) looked after", "looked after children"),
        (r"looked after child", "looked after children"),
        (r"teenage (?:pregnancy|pregnancies|conceptions?)", "under 18 conception"),
        (r"missing from (?:home|care)", "run away from home"),
        (r"missing children", "children run away from home"),
        (r"mathematics|math", "maths"),
        (r"reoffending", "re offending"),
        (r"breastfeeding", "breast feeding"),
        (r"wellbeing", "well being"),
        (r"surestart", "sure start"),
        (r"takeup", "take up"),
    )
)

_POSSESSIVE: Final = re.compile(r"['\u2019]s\b")
_APOSTROPHES: Final = re.compile(r"['\u2019\u2018`]")
_NON_WORD: Final = re.compile(r"[^0-9a-z]+")


def _words(text: str) -> list[str]:
    """Lower-case words of ``text`` with abbreviations expanded; punctuation splits words.

    A possessive ``'s`` is dropped (``"CiC's"`` is ``"cic"``), other apostrophes are removed
    (``"peoples'"`` is ``"peoples"``), and an abbreviation's plural (``"LACs"``) is expanded too.
    """
    text = _APOSTROPHES.sub("", _POSSESSIVE.sub("", text.lower())).replace("&", " and ")
    words: list[str] = []
    for word in _NON_WORD.split(text):
        if not word:
            continue
        expansion = ABBREVIATIONS.get(word)
        if expansion is None and word.endswith("s"):
            expansion = ABBREVIATIONS.get(word[:-1])
        if expansion is None:
            words.append(word)
        else:
            words.extend(w for w in _NON_WORD.split(expansion) if w)
    return words


def wording_confirms(title: str, wording: str) -> bool:
    """Return whether ``wording`` quotes the whole of ``title``, word for word.

    Case, punctuation, spacing (``"high-quality"`` and ``"high quality"``, ``"breast-feeding"``
    and ``"breastfeeding"``) and the abbreviations in :data:`ABBREVIATIONS` are ignored;
    nothing else is.
    The wording may add words before and after the title (``"Reduce the under 18 conception
    rate (% change from 1998 baseline)"`` quotes ``"Under 18 conception rate"``), but a
    shortened or reordered title does not count.

    Args:
        title: A catalogue title.
        wording: The words a plan puts beside the indicator's code.

    Returns:
        True when some run of whole words of the wording spells the title.

    Example:
        >>> wording_confirms("Prevalence of breastfeeding at 6-8 weeks from birth",
        ...                  "NI 53: Prevalence of breast-feeding at 6-8 weeks from birth.")
        True
        >>> wording_confirms("Children who have run away from home/care overnight",
        ...                  "Children who have run away from home/care")
        False

    .. versionadded:: 0.1.0
    """
    target = "".join(_words(title))
    if not target:
        return False
    words = _words(wording)
    for start in range(len(words)):
        spelt = ""
        for word in words[start:]:
            spelt += word
            if len(spelt) >= len(target):
                if spelt == target:
                    return True
                break
            if not target.startswith(spelt):
                break
    return False


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def similarity_tokens(text: str) -> frozenset[str]:
    """Return the set of tokens :func:`title_similarity` compares.

    The text is lower-cased, apostrophes dropped, other punctuation turned into spaces,
    abbreviations expanded (:data:`ABBREVIATIONS`), a few synonyms unified ("children in
    care" is "looked after children", "teenage pregnancy" is "under 18 conception",
    "missing from home" is "run away from home"), a final
    plural ``s`` (or ``ies``) stripped, and :data:`STOP_WORDS` removed.

    Example:
        >>> sorted(similarity_tokens("Reduce the number of CiC's placements"))
        ['children', 'looked', 'placement']

    .. versionadded:: 0.1.0
    """
    text = " ".join(_words(text))
    for pattern, replacement in _SYNONYMS:
        text = pattern.sub(replacement, text)
    singular = (_singular(word) for word in text.split())
    return frozenset(word for word in singular if word not in STOP_WORDS)


def _weighted_dice(
    first: frozenset[str], second: frozenset[str], weight: Mapping[str, float], default: float
) -> float:
    shared = sum(weight.get(t, default) for t in first & second)
    total = sum(weight.get(t, default) for t in first) + sum(weight.get(t, default) for t in second)
    return 2.0 * shared / total if total else 0.0


def title_similarity(first: str, second: str) -> float:
    """Score how alike two wordings are, from 0 (no shared token) to 1 (same tokens).

    The score is the Dice coefficient of the two :func:`similarity_tokens` sets,
    ``2 |A & B| / (|A| + |B|)``.
    :class:`TitleIndex` uses the same formula with each token weighted by its rarity among
    the titles it indexes.

    Example:
        >>> title_similarity("NEET", "not in education, employment or training")
        1.0
        >>> title_similarity("Under 18 conception rate", "Obesity in Year 6")
        0.0

    .. versionadded:: 0.1.0
    """
    return _weighted_dice(similarity_tokens(first), similarity_tokens(second), {}, 1.0)


class TitleIndex:
    """Titles prepared for scoring many wordings against them.

    Each token is weighted by its inverse document frequency among the indexed titles,
    ``w(t) = ln(1 + N / df(t))`` (``N`` titles, ``df(t)`` of them containing ``t``; a token in
    no title gets ``ln(1 + N)``), so that shared rare words ("breastfeeding") count for more
    than shared common ones ("children", "key stage").
    The score of a wording against a title is the weighted Dice coefficient
    ``2 w(A & B) / (w(A) + w(B))``: 1 for the same tokens, 0 for none in common.

    Args:
        titles: Each item's key and the text to match it by.

    Example:
        >>> index = TitleIndex([("a", "Take up of school lunches"), ("b", "Use of libraries")])
        >>> {key: round(score, 2) for key, score in index.scores("school lunch take-up").items()}
        {'a': 1.0}
        >>> index.score("b", "school lunch take-up")
        0.0

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_default", "_postings", "_tokens", "_totals", "_weight")

    def __init__(self, titles: Iterable[tuple[str, str]]) -> None:
        """Tokenise the titles once, weigh their tokens and index titles by token."""
        self._tokens = {key: similarity_tokens(text) for key, text in titles}
        self._postings: dict[str, list[str]] = {}
        for key, tokens in self._tokens.items():
            for token in tokens:
                self._postings.setdefault(token, []).append(key)
        size = max(len(self._tokens), 1)
        self._weight = {t: math.log1p(size / len(keys)) for t, keys in self._postings.items()}
        self._default = math.log1p(size)
        self._totals = {k: sum(self._weight[t] for t in ts) for k, ts in self._tokens.items()}

    def scores(self, text: str) -> dict[str, float]:
        """Return the score of ``text`` against every title it shares a token with, by key.

        Titles left out score 0.
        """
        tokens = similarity_tokens(text)
        weight, default = self._weight, self._default
        query_total = sum(weight.get(t, default) for t in tokens)
        shared: dict[str, float] = {}
        for token in tokens:
            for key in self._postings.get(token, ()):
                shared[key] = shared.get(key, 0.0) + weight[token]
        return {key: 2.0 * w / (query_total + self._totals[key]) for key, w in shared.items()}

    def weigh(self, tokens: Iterable[str]) -> float:
        """Return the summed weight of some tokens (a token in no title weighs ``ln(1 + N)``).

        Example:
            >>> index = TitleIndex([("a", "Take up of school lunches"), ("b", "Use of libraries")])
            >>> round(index.weigh({"school", "zebra"}), 2)
            2.2
        """
        return math.fsum(self._weight.get(t, self._default) for t in sorted(tokens))

    def score(self, key: str, text: str) -> float:
        """Return the score of ``text`` against the title indexed under ``key``.

        Raises:
            KeyError: No title has that key.
        """
        title = self._tokens[key]
        return _weighted_dice(similarity_tokens(text), title, self._weight, self._default)
