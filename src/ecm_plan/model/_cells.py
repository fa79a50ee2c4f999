"""The cell grammar: a tokenizer and a small parser that read a table cell whole.

A cell is split into lexemes (numbers, words, spaces, single symbols) by one regular
expression without nested quantifiers, so reading is linear in the length of the cell.
The parser then gives every lexeme a role:

========== =====================================================================
role        what it covers
========== =====================================================================
figure      a number with its sign ("-16", "1,501", "0.86", "£175k", "Ten", "Nil")
unit        "%", "per 1,000", "pp", "percentage points", "days", "working days",
            "weeks", "points", "score"; a count word after a bare figure
            ("381 schools") makes the unit ``count``
bound       "at least", "a minimum of", "90%+", "or more", "<", "below", "over",
            "at most", "max", "or below", ">", "above", "more than" ...
range       "5-10%", "5 to 10%": the separator between the two ends
state       "N/A", "not applicable", "to be determined", "TBD", "to be confirmed",
            "TBC", "no target set", "not set", "(prov.)", "provisional"
data        a data year: "(2008 data)", "(2002)", "(Chlamydia 2003)"
date        a year that dates the figure rather than being one ("2009 target 65%",
            "by 2011", "2008-2011")
age         an age qualifier ("13-19 year olds", "under 18s", "aged 16")
code        an indicator code or label ("NI 57", "KS2", "Q1")
rate        "per year", "per annum", "each year"
sep         ";" between the parts of a cell that holds several figures
word        commentary words and ordinary punctuation
unparsed    anything else: symbols the grammar gives no meaning
========== =====================================================================

A digit run broken by letters ("72T953"), a unit cut off mid-word ("25.6 p") and misplaced
thousands separators ("12,3456") are not guessed at: they raise :class:`CellError`.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ecm_plan.exceptions import CellError, InvalidPeriodError
from ecm_plan.model._enums import Bound, ValueStatus
from ecm_plan.periods import Period, parse_period

__all__ = ["Reading", "Role", "Span", "read_cell"]

from ecm_plan.model._cell_words import (  # the grammar's word lists
    _AFTER_PHRASES,
    _AGES,
    _BEFORE_PHRASES,
    _CODE_WORDS,
    _COMPARE,
    _DASHES,
    _DATE_AFTER,
    _DATE_BEFORE,
    _LEXEME,
    _LONE_LETTERS_OK,
    _MONEY_UNITS,
    _NOT_APPLICABLE_PHRASES,
    _NOT_COUNT,
    _NUMBER_WORDS,
    _PUNCT,
    _RATES,
    _SCALES,
    _SIGNS,
    _STATE_PHRASES,
    _UNIT_PHRASES,
    _Phrases,
)


class Role:
    """The roles a span of a cell can have (see the module docstring)."""

    FIGURE = "figure"
    UNIT = "unit"
    BOUND = "bound"
    RANGE = "range"
    STATE = "state"
    DATA = "data"
    DATE = "date"
    AGE = "age"
    CODE = "code"
    RATE = "rate"
    SEP = "sep"
    WORD = "word"
    UNPARSED = "unparsed"


_COMMENTARY = frozenset({Role.WORD, Role.DATE, Role.AGE, Role.CODE, Role.RATE})


@attrs.frozen
class Span:
    """A piece of a cell and the role the grammar gave it."""

    role: str
    start: int
    end: int


@attrs.frozen
class PartReading:
    """One figure of a cell, as the parser read it."""

    magnitude: float
    upper: float | None
    unit: str | None
    bound: Bound
    data_period: Period | None
    provisional: bool
    label: str
    start: int
    end: int


@attrs.frozen
class Reading:
    """The whole reading of a cell: its state, its figures, commentary and leftovers."""

    status: ValueStatus
    parts: tuple[PartReading, ...]
    note: str
    unparsed: str
    spans: tuple[Span, ...]
    nil: bool


@attrs.define
class _Lex:
    kind: str
    text: str
    low: str
    start: int
    end: int
    role: str = Role.WORD


@attrs.define
class _Fig:
    """A figure being built: its lexeme range and what was read around it."""

    first: int
    last: int
    magnitude: float
    upper: float | None = None
    unit: str | None = None
    bound: Bound = Bound.EXACT
    bound_word: str = ""
    signed: bool = False
    money: bool = False
    plain: bool = True
    glued_s: bool = False
    data: Period | None = None
    provisional: bool = False
    words: list[int] = attrs.field(factory=list)


def _lex(text: str) -> list[_Lex]:
    found = []
    for m in _LEXEME.finditer(text):
        kind = m.lastgroup or "sym"
        if kind == "space":
            continue
        found.append(_Lex(kind, m.group(), m.group().lower(), m.start(), m.end()))
    return found


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _yearlike(lex: _Lex) -> bool:
    return lex.kind == "num" and len(lex.text) == 4 and lex.text[:2] in {"19", "20"}


class _Parser:
    def __init__(self, text: str, *, money: bool, default_unit: str | None) -> None:
        self.text = text
        self.money = money
        self.default_unit = default_unit
        self.lx = _lex(text)
        self.figs: list[_Fig] = []
        self.states: list[tuple[int, ValueStatus]] = []
        self.pending_data: list[tuple[int, int, Period]] = []
        self.nil = False

    # -- helpers ------------------------------------------------------------------------

    def glued(self, i: int) -> bool:
        """Whether lexeme i touches lexeme i - 1."""
        return 0 < i < len(self.lx) and self.lx[i - 1].end == self.lx[i].start

    def phrase(self, i: int, words: Sequence[str]) -> int:
        """The index after ``words`` if they are the lexemes from i on, else -1."""
        lx = self.lx
        if i + len(words) > len(lx):
            return -1
        for k, w in enumerate(words):
            if lx[i + k].low != w:
                return -1
        return i + len(words)

    def first_phrase(self, i: int, phrases: _Phrases) -> tuple[int, object]:
        """The first of ``phrases`` (in table order) that starts at i: (end, meaning)."""
        if i >= len(self.lx):
            return -1, None
        for words, what in phrases.get(self.lx[i].low, ()):
            end = self.phrase(i, words)
            if end > 0:
                return end, what
        return -1, None

    def mark(self, i: int, j: int, role: str) -> None:
        for k in range(i, j):
            self.lx[k].role = role

    def fail(self, reason: str, hint: str) -> CellError:
        return CellError(self.text, reason, hint)

    # -- figures ------------------------------------------------------------------------

    def figure_at(self, i: int) -> int:
        """The index of the number lexeme of a figure starting at i, else -1."""
        lx = self.lx
        if i >= len(lx):
            return -1
        if lx[i].kind == "num" or lx[i].low in _NUMBER_WORDS:
            return i
        if lx[i].text == "£" and i + 1 < len(lx) and lx[i + 1].kind == "num":
            return i + 1
        if (
            lx[i].text in _SIGNS
            and i + 1 < len(lx)
            and lx[i + 1].kind == "num"
            and self.glued(i + 1)
        ):
            return i + 1
        return -1

    def check_glued(self, n: int) -> None:
        """Refuse a number glued to what cannot follow or precede it."""
        lx = self.lx
        num = lx[n]
        if (
            n >= 2
            and self.glued(n)
            and lx[n - 1].text in {",", "."}
            and self.glued(n - 1)
            and lx[n - 2].kind in {"num", "word"}
        ):
            piece = self.text[lx[n - 2].start : num.end]
            raise self.fail(
                f"the number in {piece!r} has misplaced separators",
                "write thousands as '1,234' and decimals with one point ('12.5'), and put "
                "a space between words and figures",
            )
        nxt = n + 1
        if nxt < len(lx) and self.glued(nxt):
            after = lx[nxt]
            if after.kind == "num":
                piece = self.text[num.start : after.end]
                raise self.fail(
                    f"the number {piece!r} has misplaced separators",
                    "write thousands as '1,234' and decimals with one point ('12.5')",
                )
            glued_num = nxt + 1 < len(lx) and lx[nxt + 1].kind == "num" and self.glued(nxt + 1)
            if after.text in {",", "."} and glued_num:
                piece = self.text[num.start : lx[nxt + 1].end]
                raise self.fail(
                    f"the number {piece!r} has misplaced separators",
                    "write thousands as '1,234' and decimals with one point ('12.5')",
                )
            if after.kind == "word" and glued_num:
                end = nxt + 1
                while end + 1 < len(lx) and self.glued(end + 1) and lx[end + 1].kind != "sym":
                    end += 1
                piece = self.text[num.start : lx[end].end]
                raise self.fail(
                    f"the digit run {piece!r} is broken by letters",
                    "write the figure with digits only ('72,953') or put the words apart from it",
                )

    def read_figure(self, i: int, n: int) -> int:
        """Read the figure whose number lexeme is n (starting at i); return the next index."""
        lx = self.lx
        num = lx[n]
        if num.kind == "num":
            self.check_glued(n)
            magnitude = _number(num.text)
        else:
            magnitude = _NUMBER_WORDS[num.low]
            if num.low in {"nil", "none"}:
                self.nil = True
        fig = _Fig(first=i, last=n, magnitude=magnitude)
        if i < n and lx[i].text in _SIGNS:
            fig.signed = True
            fig.plain = False
            if lx[i].text != "+":
                fig.magnitude = -magnitude
        money = i < n and lx[i].text == "£"
        if money:
            fig.money = True
            fig.plain = False
        if num.kind == "num" and ("," in num.text or "." in num.text):
            fig.plain = False
        self.mark(i, n + 1, Role.FIGURE)
        j = n + 1
        j = self.read_suffix(fig, j)
        self.figs.append(fig)
        return j

    def read_suffix(self, fig: _Fig, j: int) -> int:
        """Read a scale, unit, range, age and bound after a figure."""
        lx = self.lx
        # A word glued to the number: a scale, a unit, "s" of a decade or age, or an error.
        if j < len(lx) and self.glued(j) and lx[j].kind == "word":
            low = lx[j].low
            if low in _SCALES and (fig.money or self.money):
                j = self.scale(fig, j)
            elif low in {"pp", "pts", "days", "weeks", "day", "week"}:
                pass  # read as a unit below
            elif low == "s":
                fig.glued_s = True
                lx[j].role = Role.AGE
                j += 1
            elif low in {"st", "nd", "rd", "th"}:
                lx[j].role = Role.WORD
                fig.plain = False
                fig.glued_s = True  # an ordinal is not a figure: treated as a qualifier
                j += 1
            else:
                piece = self.text[lx[fig.last].start : lx[j].end]
                raise self.fail(
                    f"the unit of {piece!r} is not understood",
                    "write the figure, a space and a unit the grammar knows ('%', 'days', "
                    "'per 1,000', 'points', '£k'), or the words apart from the figure",
                )
        elif (
            j < len(lx)
            and lx[j].low in _SCALES
            and (
                self.money or (fig.money and lx[j].low in {"thousand", "million", "billion", "bn"})
            )
        ):
            j = self.scale(fig, j)
        j = self.read_unit(fig, j)
        # A range: "5-10%", "5 to 10%".
        if j < len(lx) and (lx[j].text in _DASHES or lx[j].low == "to"):
            k = self.figure_at(j + 1)
            if k == j + 1 and lx[k].kind == "num":
                sep = j
                before_unit = fig.unit
                other = _Fig(first=k, last=k, magnitude=_number(lx[k].text))
                self.check_glued(k)
                if (
                    _yearlike(lx[fig.last])
                    and fig.plain
                    and lx[k].kind == "num"
                    and len(lx[k].text) in {2, 4}
                    and "." not in lx[k].text
                ):
                    # "2008-2011", "2008-09": a span of years dates the cell.
                    self.mark(fig.first, k + 1, Role.DATE)
                    fig.glued_s = True
                    return k + 1
                lx[sep].role = Role.RANGE
                lx[k].role = Role.FIGURE
                m = self.read_unit(other, k + 1)
                if other.unit is not None and before_unit is not None and other.unit != before_unit:
                    piece = self.text[lx[fig.first].start : lx[m - 1].end]
                    raise self.fail(
                        f"the range {piece!r} has two different units",
                        "write both ends in one unit ('5-10%')",
                    )
                fig.upper = other.magnitude
                fig.unit = fig.unit or other.unit
                fig.plain = False
                if fig.upper < fig.magnitude:
                    piece = self.text[lx[fig.first].start : lx[m - 1].end]
                    raise self.fail(
                        f"the range {piece!r} runs from high to low",
                        "write the lower end first ('5-10%')",
                    )
                fig.bound = Bound.RANGE
                fig.last = k
                j = m
        # An age: "13-19 year olds", "16 years old".
        for words in _AGES:
            end = self.phrase(j, words)
            if end > 0 and fig.unit is None:
                self.mark(fig.first, end, Role.AGE)
                fig.glued_s = True
                return end
        # A bound after the figure: "90%+", "7.9% or below".
        end, bound = self.first_phrase(j, _AFTER_PHRASES)
        sign_of_next = (
            end > 0 and lx[j].text == "+" and self.figure_at(end) >= 0 and self.glued(end)
        )
        if end > 0 and isinstance(bound, Bound) and fig.bound is Bound.EXACT and not sign_of_next:
            self.mark(j, end, Role.BOUND)
            fig.bound = bound
            fig.plain = False
            j = self.read_unit(fig, end)
        # A rate: "1% per year".
        for words in _RATES:
            end = self.phrase(j, words)
            if end > 0:
                self.mark(j, end, Role.RATE)
                j = end
                break
        return j

    def scale(self, fig: _Fig, j: int) -> int:
        unit = _SCALES[self.lx[j].low]
        if unit == "bn":
            fig.magnitude *= 1000.0
            unit = "MGBP"
        fig.unit = unit
        fig.money = True
        fig.plain = False
        self.lx[j].role = Role.UNIT
        return j + 1

    def read_unit(self, fig: _Fig, j: int) -> int:
        if fig.unit is not None and not fig.money:
            return j
        if fig.money:
            return j
        end, unit = self.first_phrase(j, _UNIT_PHRASES)
        if end > 0 and isinstance(unit, str):
            self.mark(j, end, Role.UNIT)
            fig.unit = unit
            fig.plain = False
            return end
        return j

    # -- the cell -----------------------------------------------------------------------

    def scan(self) -> None:
        lx = self.lx
        i = 0
        while i < len(lx):
            lex = lx[i]
            if lex.text == ";":
                lex.role = Role.SEP
                i += 1
                continue
            end, state = self.first_phrase(i, _STATE_PHRASES)
            if end > 0 and isinstance(state, ValueStatus):
                if end < len(lx) and lx[end - 1].low == "prov" and lx[end].text == ".":
                    end += 1
                self.mark(i, end, Role.STATE)
                self.states.append((i, state))
                i = end
                continue
            if lex.low == "no" and self.phrase(i + 1, ("additional",)) > 0:
                self.nil = True
            if (
                lex.kind == "word"
                and i + 1 < len(lx)
                and self.glued(i + 1)
                and lx[i + 1].kind == "num"
            ):
                # "Q1", "KS2", "NI112": a code, not a figure.
                end = i + 1
                while end < len(lx) and self.glued(end) and lx[end].kind != "sym":
                    end += 1
                self.mark(i, end, Role.CODE)
                i = end
                continue
            if lex.low in _CODE_WORDS and lex.kind == "word":
                k = i + 1
                if k < len(lx) and lx[k].text in {".", "-"}:
                    k += 1
                if k < len(lx) and lx[k].kind == "num" and lex.low != "ex" and not _yearlike(lx[k]):
                    self.mark(i, k + 1, Role.CODE)
                    i = k + 1
                    continue
            if (
                _yearlike(lex)
                and i + 1 < len(lx)
                and lx[i + 1].low == "data"
                and not self.glued(i + 1)
            ):
                self.mark(i, i + 2, Role.DATA)
                self.pending_data.append((i, i + 2, parse_period(lex.text)))
                i += 2
                continue
            if lex.text == "(":
                end = self.data_group(i)
                if end > 0:
                    i = end
                    continue
            end, bound = self.first_phrase(i, _BEFORE_PHRASES)
            if end > 0 and isinstance(bound, Bound):
                n = self.figure_at(end)
                if n >= 0:
                    self.mark(i, end, Role.BOUND)
                    j = self.read_figure(end, n)
                    fig = self.figs[-1]
                    if fig.bound is Bound.EXACT:
                        fig.bound = bound
                        fig.bound_word = lex.low
                    fig.first = i
                    i = j
                    continue
            n = self.figure_at(i)
            # A dash glued between two words or numbers ("Q1-5") joins them; anywhere else
            # ("-5%", "(-5%)", "; -5%") it is the figure's sign.
            if n >= 0 and not (
                lx[i].text in _SIGNS and self.glued(i) and lx[i - 1].kind in {"num", "word"}
            ):
                if lx[n].kind == "word" and self.glued(n + 1) and n + 1 < len(lx):
                    # "ten" glued to something else is a word, not a figure.
                    i += 1
                    continue
                i = self.read_figure(i, n)
                continue
            if lex.kind in {"word", "num"} or lex.text in _PUNCT or lex.text in _COMPARE:
                lex.role = Role.WORD
            else:
                lex.role = Role.UNPARSED
            i += 1

    def data_group(self, i: int) -> int:
        """Mark a data year in parentheses: "(2008 data)", "(2002)", "(Chlamydia 2003)".

        Returns the index after the closing parenthesis, or -1 when the group is not one.
        """
        lx = self.lx
        # Look ahead a bounded number of lexemes for the closing parenthesis.
        close = -1
        for k in range(i + 1, min(len(lx), i + 8)):
            if lx[k].text == ")":
                close = k
                break
            if lx[k].text == "(":
                return -1
        if close < 0:
            return -1
        year = close - 1
        if lx[year].low == "data":
            year -= 1
        if year <= i:
            return -1
        label = lx[year].text
        first = year
        if (
            year - 2 > i
            and lx[year - 1].text in {"-", "/"}
            and _yearlike(lx[year - 2])
            and len(lx[year].text) == 2
        ):
            first = year - 2
            label = f"{lx[first].text}-{lx[year].text}"
        elif not _yearlike(lx[year]):
            return -1
        if any(lx[k].kind != "word" for k in range(i + 1, first)):
            return -1
        if any(lx[k].low in _DATE_BEFORE for k in range(i + 1, first)):
            return -1
        try:
            period = parse_period(label)
        except InvalidPeriodError as err:
            raise self.fail(
                f"the data year {label!r} does not read: {err.reason}",
                "write the data year as a year or a financial year ('(2008 data)', "
                "'(2008-09 data)')",
            ) from None
        lx[i].role = Role.WORD
        lx[close].role = Role.WORD
        for k in range(i + 1, first):
            lx[k].role = Role.WORD
        self.mark(first, close, Role.DATA)
        self.pending_data.append((first, close, period))
        return close + 1


def _tidy(pieces: list[str]) -> str:
    text = " ".join(p for p in pieces if p)
    text = " ".join(text.split())
    text = text.replace("( ", "(").replace(" )", ")").replace("()", "")
    text = " ".join(text.split())
    text = text.strip(" -–—,;:.")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
        text = " ".join(text.split())
    return text.strip(" -–—,;:.")


def _runs(text: str, lx: list[_Lex], indices: list[int]) -> list[str]:
    """The text of consecutive lexemes, one string per run of neighbours."""
    runs: list[str] = []
    prev = -2
    start = 0
    for k in indices:
        if k == prev + 1 and runs:
            runs[-1] = text[start : lx[k].end]
        else:
            start = lx[k].start
            runs.append(text[start : lx[k].end])
        prev = k
    return runs


def read_cell(text: str, *, money: bool = False, default_unit: str | None = None) -> Reading:
    """Read a cell whole by the grammar (see the module docstring).

    Raises:
        CellError: The cell holds a figure that cannot be read without guessing.
    """
    p = _Parser(text, money=money, default_unit=default_unit)
    lx = p.lx
    stripped = text.strip()
    if stripped in {"-", "–", "—", "--"} or stripped.lower().rstrip(".") in {"na", "n.a"}:
        return Reading(
            ValueStatus.NOT_APPLICABLE,
            (),
            "",
            "",
            (Span(Role.STATE, text.index(stripped), text.index(stripped) + len(stripped)),),
            nil=False,
        )
    # "N/A" first: not applicable, and everything after it is a note.
    if lx:
        end, state = p.first_phrase(0, _NOT_APPLICABLE_PHRASES)
        if end > 0 and state is ValueStatus.NOT_APPLICABLE:
            p.mark(0, end, Role.STATE)
            for k in range(end, len(lx)):
                lx[k].role = (
                    Role.WORD if lx[k].kind != "sym" or lx[k].text in _PUNCT else Role.UNPARSED
                )
            note = _tidy([text[lx[end].start :]]) if end < len(lx) else ""
            return _finish(p, ValueStatus.NOT_APPLICABLE, (), note)
    p.scan()
    _assign_data(p)
    figs = _settle(p)
    statuses = [s for _, s in p.states]
    undetermined = [s for s in statuses if s.is_undetermined]
    provisional = ValueStatus.PROVISIONAL in statuses
    parts = tuple(_part(p, f, provisional and len(figs) == 1) for f in figs)
    if undetermined:
        status = undetermined[0]
    elif not parts:
        status = ValueStatus.TEXT
    elif len(parts) > 1:
        status = ValueStatus.SEVERAL
    else:
        status = ValueStatus.PROVISIONAL if provisional else ValueStatus.FIRM
    used = {k for f in figs for k in f.words}
    rest = [k for k, lex in enumerate(lx) if lex.role in _COMMENTARY and k not in used]
    if status is ValueStatus.TEXT:
        note = ""
    elif status.has_figure:
        note = _tidy(_runs(text, lx, sorted([*rest, *figs[0].words])))
    else:
        note = _tidy(_runs(text, lx, rest))
    return _finish(p, status, parts, note)


def _finish(p: _Parser, status: ValueStatus, parts: tuple[PartReading, ...], note: str) -> Reading:
    lx = p.lx
    spans = tuple(Span(lex.role, lex.start, lex.end) for lex in lx)
    pieces: list[str] = []
    last_end = -1
    for span in spans:
        if span.role == Role.UNPARSED:
            if span.start == last_end and pieces:
                pieces[-1] += p.text[span.start : span.end]
            else:
                pieces.append(p.text[span.start : span.end])
            last_end = span.end
    unparsed = " ".join(pieces)
    return Reading(status, parts, note, unparsed, spans, nil=p.nil)


def _assign_data(p: _Parser) -> None:
    """Attach each data year to the figure before it (else to the one after it).

    A second data year for one figure stays commentary, so it reaches the note.
    """
    events = sorted(
        [(f.last, 0, k) for k, f in enumerate(p.figs)]
        + [(at, 1, k) for k, (at, _end, _period) in enumerate(p.pending_data)]
    )
    last: _Fig | None = None
    waiting: list[tuple[int, int, Period]] = []

    def attach(fig: _Fig, item: tuple[int, int, Period]) -> None:
        if fig.data is None:
            fig.data = item[2]
        else:
            p.mark(item[0], item[1], Role.WORD)

    for _pos, kind, k in events:
        if kind == 0:
            last = p.figs[k]
            for item in waiting:
                attach(last, item)
            waiting = []
        elif last is not None:
            attach(last, p.pending_data[k])
        else:
            waiting.append(p.pending_data[k])
    for item in waiting:
        p.mark(item[0], item[1], Role.WORD)


def _settle(p: _Parser) -> list[_Fig]:
    """Decide which figures are dates or ages, attach commentary, give count units."""
    lx = p.lx
    figs = [f for f in p.figs if not f.glued_s]
    for f in p.figs:
        if f.glued_s and lx[f.last].role == Role.FIGURE:
            p.mark(f.first, f.last + 1, Role.AGE)
    # "2009 target 65%", "by 2011": a year that dates the figure.
    kept: list[_Fig] = []
    for f in figs:
        num = lx[f.last]
        if num.kind == "num" and _yearlike(num) and f.plain and f.data is None:
            before = lx[f.first - 1].low if f.first > 0 else ""
            after = lx[f.last + 1].low if f.last + 1 < len(lx) else ""
            if before in _DATE_BEFORE or after in _DATE_AFTER or len(figs) > 1:
                p.mark(f.first, f.last + 1, Role.DATE)
                continue
        kept.append(f)
    figs = kept
    # "under 18" beside the cell's figure is an age, not a bound on a second figure.
    if len(figs) > 1:
        kept = [figs[0]]
        for f in figs[1:]:
            if f.bound_word in {"under", "over"} and f.unit is None:
                p.mark(f.first, f.last + 1, Role.AGE)
                continue
            kept.append(f)
        figs = kept
    # A lone letter after a figure is a unit cut off mid-word ("25.6 p").
    for f in figs:
        nxt = _next_index(p, f)
        if (
            nxt < len(lx)
            and lx[nxt].kind == "word"
            and len(lx[nxt].text) == 1
            and lx[nxt].low not in _LONE_LETTERS_OK
            and lx[nxt].role == Role.WORD
        ):
            piece = p.text[lx[f.first].start : lx[nxt].end]
            raise p.fail(
                f"the unit of {piece!r} is cut off",
                "write the unit whole ('25.6%', '25.6 per 1,000', '25.6 points') or drop it",
            )
    # Commentary words attach to the figure before them in their segment, else the next;
    # words in parentheses that hold a state ("(percentage to be confirmed)") belong to none.
    free = _state_groups(lx)
    owner: dict[int, _Fig] = {}
    segment_figs: list[_Fig] = []
    pending: list[int] = []
    current: _Fig | None = None
    fig_at = {f.last: f for f in figs}
    for k, lex in enumerate(lx):
        if lex.role == Role.SEP:
            for w in pending:
                if segment_figs:
                    owner[w] = segment_figs[0]
            pending, segment_figs, current = [], [], None
            continue
        if k in fig_at:
            current = fig_at[k]
            segment_figs.append(current)
            for w in pending:
                owner[w] = current
            pending = []
            continue
        if k in free:
            continue
        if lex.role in _COMMENTARY:
            if current is not None:
                owner[k] = current
            else:
                pending.append(k)
    for k, f in owner.items():
        if lx[k].role in _COMMENTARY:
            f.words.append(k)
    for f in figs:
        f.words.sort()
        if f.unit is None and not f.money and not p.money:
            nxt = _next_index(p, f)
            if (
                nxt < len(lx)
                and lx[nxt].kind == "word"
                and lx[nxt].role == Role.WORD
                and lx[nxt].low not in _NOT_COUNT
                and len(lx[nxt].text) > 1
            ):
                f.unit = "count"
    return figs


def _state_groups(lx: list[_Lex]) -> set[int]:
    """Indices of lexemes inside parentheses that hold a state."""
    states = [0]
    for lex in lx:
        states.append(states[-1] + (lex.role == Role.STATE))
    diff = [0] * (len(lx) + 1)
    opened: list[int] = []
    for k, lex in enumerate(lx):
        if lex.text == "(":
            opened.append(k)
        elif lex.text == ")" and opened:
            o = opened.pop()
            if states[k] - states[o] > 0 and not opened:
                diff[o] += 1
                diff[k + 1] -= 1
    free: set[int] = set()
    depth = 0
    for k in range(len(lx)):
        depth += diff[k]
        if depth > 0:
            free.add(k)
    return free


def _next_index(p: _Parser, f: _Fig) -> int:
    k = f.last + 1
    while k < len(p.lx) and p.lx[k].role in {Role.UNIT, Role.BOUND, Role.RATE, Role.FIGURE}:
        k += 1
    return k


def _part(p: _Parser, f: _Fig, provisional: bool) -> PartReading:
    lx = p.lx
    unit = f.unit
    if unit is None and (p.money or f.money):
        # A bare amount, or "£3,584", is in the column's unit (a "£000" column is kGBP).
        column = p.default_unit if p.default_unit in _MONEY_UNITS else None
        unit = column or ("GBP" if f.money else p.default_unit)
    label = _tidy(_runs(p.text, lx, f.words))
    return PartReading(
        magnitude=f.magnitude,
        upper=f.upper,
        unit=unit,
        bound=f.bound,
        data_period=f.data,
        provisional=provisional or _own_provisional(p, f),
        label=label,
        start=lx[f.first].start,
        end=lx[f.last].end,
    )


def _own_provisional(p: _Parser, f: _Fig) -> bool:
    nxt = _next_index(p, f)
    for k in range(nxt, min(nxt + 3, len(p.lx))):
        if p.lx[k].role == Role.STATE and p.lx[k].low in {"prov", "provisional"}:
            return True
        if p.lx[k].role == Role.FIGURE:
            break
    return False
