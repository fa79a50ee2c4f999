"""Make plans from rows: :class:`PlanBuilder` generates ids and registers what rows mention.

A spreadsheet, a CSV file or a database gives a plan as rows, not as a tree with ids.
The builder takes the rows one element at a time and does the bookkeeping a plan file does by
hand:

- **Ids** in the model's style, in order of first mention: priorities ``P1``, ``P2``;
  objectives ``P1.O1``; actions ``P1.O1.A1`` (or ``P1.A1`` under a priority); targets
  ``P1.O1.A1.T1``.
- **Deduplication**: a priority or objective mentioned again under the same parent (the same
  code and title, compared case- and space-insensitively) is the same element, so
  forward-filled table cells need no care; two with one code but different titles stay two,
  as documents sometimes number them so. Leads, funding streams and indicators are
  registered on first mention, compared the same way.
- **Ids of what is registered**: a lead's or funding stream's id is its name with runs of
  spaces made one and the characters an id cannot hold dropped; an id that is already taken
  gets ``" (lead)"`` or ``" (funding)"`` and then a number. A National Indicator's id is its
  canonical code (``NI 117``); a BVPI or local code is kept as written; an indicator named by
  words only has the words as its title and an id made from them as for a lead.
- **Problems**: nothing raises while rows are added. Every problem (an unknown National
  Indicator, an impossible date, an unknown outcome) is kept with the location the caller
  gave, such as a cell reference ``Actions!D7``, and :meth:`PlanBuilder.build` raises them all
  at once.

Example:
    >>> b = PlanBuilder("anytown", "Anytown", "Action plan", "2009-10 to 2010-11")
    >>> p = b.priority("1 Reduce the number of young people NEET")
    >>> a = b.action(p, "Expand the Connexions service", leads=["Head of Youth"],
    ...              due="October 2009")
    >>> t = b.target(a, indicator="NI 117 NEET", baseline="7.2%",
    ...              values={"2009-10": "6.5%", "2010-11": "6%"})
    >>> b.allocate(a, "Area Based Grant", "£175k")
    >>> plan = b.build()
    >>> p, a, t, plan.priorities[0].code, plan.indicators[0].title
    ('P1', 'P1.A1', 'P1.A1.T1', '1', 'NEET')
    >>> b.action("P1", "Follow up leavers", due="31/02/2010", where={"due": "Actions!E7"})
    'P1.A2'
    >>> b.build()
    Traceback (most recent call last):
    ...
    ecm_plan.exceptions.PlanValidationError: invalid plan: 1 problem
      - Actions!E7: cannot read '31/02/2010' as a period: no such day: ...

.. versionadded:: 0.2.0
"""

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import TypeAlias

import cattrs

from ecm_plan.catalog import national_indicator, normalise_code, outcome
from ecm_plan.exceptions import (
    CellError,
    FieldError,
    InvalidPeriodError,
    PlanError,
    PlanFileError,
    PlanValidationError,
    Problem,
)
from ecm_plan.io._limits import period_problems, value_problems
from ecm_plan.io._rows import (
    _BVPI_HEAD,
    _LOCAL_HEAD,
    _NI_HEAD,
    _STRUCTURAL,
    Cell,
    _clean,
    _derived_id,
    _indicator,
    _IndicatorDraft,
    _key,
    _Node,
    _node_key,
    _priority,
    _value,
    number_text,
    split_code,
)
from ecm_plan.io._text import surrogate_problems
from ecm_plan.io.converter import make_converter
from ecm_plan.model import (
    Allocation,
    DocumentKind,
    Due,
    FundingStream,
    IndicatorScheme,
    Lead,
    Money,
    Observation,
    OutcomeKey,
    Period,
    Plan,
    Target,
    Value,
)
from ecm_plan.periods import parse_period

__all__ = ["PlanBuilder", "Where", "number_text", "split_code"]

Where: TypeAlias = str | Mapping[str, str]
"""Where a call's data came from, as one location for every argument (``"Actions!A7"``), or a
mapping from argument name to location (``{"due": "Actions!E7"}``), where the key ``""``
gives the location of the rest."""


def _where(where: Where, name: str = "") -> str:
    if isinstance(where, str):
        return where
    return where.get(name, where.get("", ""))


class PlanBuilder:
    """Builds a :class:`~ecm_plan.model.Plan` from rows; see the module for the rules.

    Each method takes a ``where`` (a :data:`Where`): the location of its data in the
    caller's source, given back in the problems. Methods never raise for bad data; they
    record a problem, and :meth:`build` raises every problem at once.

    Args:
        id: The plan's id, a slug such as ``anytown-2009-12``.
        authority: The council or partnership.
        title: The document's title.
        period: The period the plan covers, as a label (``"2009-10 to 2011-12"``) or a
            :class:`~ecm_plan.model.Period`.
        kind: The kind of document.
        origin: The file the rows come from. When given, :meth:`build` raises
            :class:`~ecm_plan.exceptions.PlanFileError` naming it; otherwise
            :class:`~ecm_plan.exceptions.PlanValidationError`.
        where: Where the plan's own fields came from (a mapping may name ``id``,
            ``period``...).

    Example:
        >>> b = PlanBuilder("demo", "Anytown", "Demo", "2009-10")
        >>> b.priority("Stay safe", outcomes=["stay_safe"]), b.priority("stay  SAFE")
        ('P1', 'P1')
        >>> b.lead("Head of Service"), b.lead("head of service"), b.lead("P1")
        ('Head of Service', 'Head of Service', 'P1 (lead)')
        >>> b.build().priorities[0].outcomes[0].outcome.value
        'stay_safe'

    .. versionadded:: 0.2.0
    """

    def __init__(
        self,
        id: str,  # noqa: A002 (the model's field name)
        authority: str,
        title: str,
        period: str | Period,
        *,
        kind: DocumentKind | str = DocumentKind.OTHER,
        origin: str | None = None,
        where: Where = "",
    ) -> None:
        """Start an empty plan."""
        self._problems: list[Problem] = []
        self._origin = origin
        self._plan_where = where
        self._fields: dict[str, object] = {"id": id, "authority": authority, "title": title}
        self._kind = kind
        self._period: Period | None = None
        if isinstance(period, Period):
            self._period = period
        else:
            try:
                self._period = parse_period(str(period))
            except InvalidPeriodError as err:
                self.problem(
                    _where(where, "period"), str(err), "write a period such as '2009-10 to 2011-12'"
                )
        self._priorities: list[_Node] = []
        self._nodes: dict[str, _Node] = {}
        self._used: set[str] = set()
        self._leads: dict[str, Lead] = {}
        self._streams: dict[str, FundingStream] = {}
        self._indicators: dict[str, _IndicatorDraft] = {}
        self._by_id: dict[str, _IndicatorDraft] = {}

    # -- problems --------------------------------------------------------------------------

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem recorded so far, in the order found.

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> b.indicator("NI 250 Something"), len(b.problems)
            (None, 1)
        """
        return tuple(self._problems)

    def problem(self, where: str, message: str, hint: str = "") -> None:
        """Record a problem the caller found, to be raised with the others by :meth:`build`.

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> b.problem("Actions!C4", "an action with no priority above it")
            >>> print(b.problems[0])
            Actions!C4: an action with no priority above it
        """
        self._problems.append(Problem(where, message, hint))

    def _read(self, cell: Cell | Value, where: str) -> Value | None:
        """A cell as a value, or None with a problem at ``where`` when it cannot be read."""
        try:
            return _value(cell)
        except CellError as err:
            self.problem(where, err.reason, err.hint)
            return None

    # -- the hierarchy ---------------------------------------------------------------------

    def _new_id(self, wanted: str, kind: str) -> str:
        candidate = wanted
        if candidate in self._used or _STRUCTURAL.match(candidate):
            candidate = f"{wanted} ({kind})"
            number = 2
            while candidate in self._used:
                candidate = f"{wanted} ({kind} {number})"
                number += 1
        self._used.add(candidate)
        return candidate

    def _add_leads(self, node: _Node, leads: Iterable[str], where: str) -> None:
        for name in leads:
            lead_id = self.lead(name, where=where)
            if lead_id is not None and lead_id not in node.leads:
                node.leads.append(lead_id)

    def _node(self, node_id: str, kinds: tuple[str, ...], what: str, where: str) -> _Node | None:
        node = self._nodes.get(node_id)
        if node is None or node.kind not in kinds:
            self.problem(
                where,
                f"no {' or '.join(kinds)} {node_id!r} to add {what} to",
                "use an id the builder returned",
            )
            return None
        return node

    def _find(self, siblings: list[_Node], title: str, code: str | None) -> _Node | None:
        key = _node_key(title, code)
        for node in siblings:
            if node.keys.get("key") == key:
                return node
        return None

    def _child(  # noqa: PLR0917 (a private helper)
        self,
        siblings: list[_Node],
        prefix: str,
        kind: str,
        title: str,
        code: str | None,
        where: str,
    ) -> _Node:
        found = self._find(siblings, title, code)
        if found is not None:
            return found
        node_id = f"{prefix}{len(siblings) + 1}"
        self._used.add(node_id)
        node = _Node(node_id, kind, title, code, where)
        node.keys["key"] = _node_key(title, code)
        siblings.append(node)
        self._nodes[node_id] = node
        return node

    def _title(self, text: str, code: str | None, what: str, where: str) -> tuple[str, str | None]:
        if code is None:
            code, text = split_code(text)
        code = code.strip() or None if code is not None else None
        text = text.strip()
        if not text:
            self.problem(where, f"the {what} has no words", f"write the {what} in the cell")
            text = code or "?"
        return text, code

    def priority(
        self,
        title: str,
        *,
        code: str | None = None,
        leads: Iterable[str] = (),
        outcomes: Iterable[str] = (),
        where: Where = "",
    ) -> str:
        """Add a priority, or find the one already added with this code and title.

        A label at the front of the title (``"1 Be healthy"``) is split off as the code
        when ``code`` is not given (:func:`split_code`).

        Args:
            title: The priority as the document words it.
            code: The document's own label, if it gives it apart; ``""`` for none, with
                no label split off the title.
            leads: Lead names, registered on first mention.
            outcomes: ECM outcomes, by key (``be_healthy``) or title (``Be healthy``).
            where: Where the data came from.

        Returns:
            The priority's id, ``P1``, ``P2``...

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> b.priority("Priority 1: Be healthy"), b.priority("Be healthy", code="Priority 1")
            ('P1', 'P1')
            >>> b.priority("Be happy", outcomes=["be_happy"], where="Actions!A9")
            'P2'
            >>> print(b.problems[0])
            Actions!A9: unknown ECM outcome 'be_happy'; did you mean be_healthy? ...
        """
        text, code = self._title(title, code, "priority", _where(where, "title"))
        node = self._child(self._priorities, "P", "priority", text, code, _where(where, "title"))
        self._add_leads(node, leads, _where(where, "leads"))
        for name in outcomes:
            self._add_outcome(node, name, _where(where, "outcomes"))
        return node.id

    def _add_outcome(self, node: _Node, name: str, where: str) -> None:
        """Link an outcome by key or title; anything else is a problem, never dropped."""
        try:
            found = outcome(_clean(name)).key
        except PlanError:
            try:
                found = outcome(_key(name).replace(" ", "_")).key
            except PlanError as err:
                self.problem(where, str(err), f"use one of: {', '.join(OutcomeKey)}")
                return
        if found not in node.outcomes:
            node.outcomes.append(found)

    def objective(
        self,
        priority: str,
        title: str,
        *,
        code: str | None = None,
        leads: Iterable[str] = (),
        where: Where = "",
    ) -> str | None:
        """Add an objective under a priority, or find the one already there.

        Args:
            priority: The priority's id, as :meth:`priority` returned it.
            title: The objective as the document words it (a leading label is split off).
            code: The document's own label, if it gives it apart.
            leads: Lead names.
            where: Where the data came from.

        Returns:
            The objective's id (``P1.O1``), or None when ``priority`` is not a priority of
            the builder (a problem is recorded).

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> b.objective(b.priority("Be healthy"), "1.1 Engage with parents")
            'P1.O1'
        """
        parent = self._node(priority, ("priority",), "an objective", _where(where, "priority"))
        if parent is None:
            return None
        text, code = self._title(title, code, "objective", _where(where, "title"))
        node = self._child(
            parent.children, f"{parent.id}.O", "objective", text, code, _where(where, "title")
        )
        self._add_leads(node, leads, _where(where, "leads"))
        return node.id

    def action(
        self,
        parent: str,
        text: str,
        *,
        code: str | None = None,
        leads: Iterable[str] = (),
        due: str | dt.date | Due | None = None,
        where: Where = "",
    ) -> str | None:
        """Add an action under an objective or a priority; every call adds a new action.

        Args:
            parent: The id of an objective or a priority.
            text: The action as the document words it (a leading label is split off).
            code: The document's own label, if it gives it apart.
            leads: Lead names.
            due: The "By when" text, or a date (a spreadsheet's date cell).
            where: Where the data came from; the key ``due`` locates the date.

        Returns:
            The action's id (``P1.O1.A1``), or None when ``parent`` is unknown.

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> p = b.priority("Be healthy")
            >>> b.action(p, "Open a clinic", due=dt.date(2010, 3, 31))
            'P1.A1'
            >>> b.build().priorities[0].actions[0].due
            Due('2010-03-31')
        """
        node = self._node(parent, ("objective", "priority"), "an action", _where(where, "parent"))
        if node is None:
            return None
        words, code = self._title(text, code, "action", _where(where, "text"))
        action_id = f"{node.id}.A{len(node.actions) + 1}"
        self._used.add(action_id)
        action = _Node(action_id, "action", words, code, _where(where, "text"))
        node.actions.append(action)
        self._nodes[action_id] = action
        self._add_leads(action, leads, _where(where, "leads"))
        if due is not None:
            self.set_due(action_id, due, where=_where(where, "due"))
        return action_id

    def set_due(self, action: str, due: str | dt.date | Due, *, where: str = "") -> None:
        """Give an action its "By when"; an impossible date in it is a problem.

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> a = b.action(b.priority("Be healthy"), "Open a clinic")
            >>> b.set_due(a, "Summer 2009")
            >>> b.set_due(a, "Autumn 2009", where="E3")
            >>> print(b.problems[0])
            E3: a second 'by when' for action P1.A1 ('Autumn 2009'; it has 'Summer 2009') ...
        """
        node = self._node(action, ("action",), "a due date", where)
        if node is None:
            return
        value = due if isinstance(due, Due) else Due(due)
        if node.due is not None and node.due != value:
            self.problem(
                where,
                f"a second 'by when' for action {action} ({value.text!r}; it has "
                f"{node.due.text!r})",
                "give each action one 'by when', or start a new action",
            )
            return
        node.due = value
        for err in value.problems:
            self.problem(where, str(err), "write a date that exists, such as '31/03/2010'")

    def add_leads(self, element: str, leads: Iterable[str], *, where: str = "") -> None:
        """Add leads (by name) to a priority, objective or action.

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> p = b.priority("Be healthy")
            >>> b.add_leads(p, ["Head of Health", "PCT"])
            >>> b.build().priorities[0].leads
            ('Head of Health', 'PCT')
        """
        node = self._node(element, ("priority", "objective", "action"), "leads", where)
        if node is not None:
            self._add_leads(node, leads, where)

    def add_outcomes(self, priority: str, outcomes: Iterable[str], *, where: str = "") -> None:
        """Link a priority to ECM outcomes, by key (``be_healthy``) or label (``Be healthy``).

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> p = b.priority("Be healthy")
            >>> b.add_outcomes(p, ["Be healthy"])
            >>> b.build().priorities[0].outcomes[0].outcome.value
            'be_healthy'
        """
        node = self._node(priority, ("priority",), "outcomes", where)
        if node is not None:
            for name in outcomes:
                self._add_outcome(node, name, where)

    # -- what rows mention -----------------------------------------------------------------

    def lead(self, name: str, *, where: str = "") -> str | None:
        """Register a lead by name on first mention; return its id.

        Returns:
            The lead's id, or None when the name has nothing an id can be made of (a problem
            is recorded).

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> b.lead(" Head  of Service "), b.lead("HEAD OF SERVICE")
            ('Head of Service', 'Head of Service')
        """
        key = _key(name)
        found = self._leads.get(key)
        if found is not None:
            return found.id
        wanted = _derived_id(name)
        if not wanted:
            self.problem(where, f"cannot make a lead id of {name!r}", "name the lead in words")
            return None
        lead = Lead(id=self._new_id(wanted, "lead"), name=_clean(name))
        self._leads[key] = lead
        return lead.id

    def funding_stream(self, name: str, *, where: str = "") -> str | None:
        """Register a funding stream by name or code on first mention; return its id.

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> b.lead("PCT"), b.funding_stream("PCT"), b.funding_stream("pct")
            ('PCT', 'PCT (funding)', 'PCT (funding)')
        """
        key = _key(name)
        found = self._streams.get(key)
        if found is not None:
            return found.id
        wanted = _derived_id(name)
        if not wanted:
            self.problem(
                where, f"cannot make a funding stream id of {name!r}", "name the stream in words"
            )
            return None
        stream = FundingStream(id=self._new_id(wanted, "funding"), name=_clean(name))
        self._streams[key] = stream
        return stream.id

    def indicator(self, text: str, *, title: str | None = None, where: str = "") -> str | None:
        """Register an indicator from a cell such as ``"NI 117 NEET"``; return its id.

        The code is split from the title: a National Indicator code in any spelling the
        catalogue reads (``NI 117``, ``N.I. 117``), a BVPI code, or a local code mixing
        digits and letters (``2016SC``). A National Indicator must exist in the catalogue:
        an unknown one is a problem. Text with no code is a local indicator named by its
        words. When ``title`` is given, ``text`` is the code alone.

        Returns:
            The indicator's id, or None when the code is unknown (a problem is recorded).

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> b.indicator("NI 117 NEET"), b.indicator("ni117"), b.indicator("BVPI 197")
            ('NI 117', 'NI 117', 'BVPI 197')
            >>> b.indicator("NI 31 Re-offending", where="Actions!F9") is None
            True
            >>> print(b.problems[0])
            Actions!F9: unknown indicator code 'NI 31' (NI 31 was dropped ...
        """
        head = text if title is not None else None
        national = _NI_HEAD.match(text)
        if national is not None and (title is None or not national.group(2).strip()):
            code = _clean(national.group(1))
            try:
                entry = national_indicator(code)
                canonical = normalise_code(code)
            except PlanError as err:
                self.problem(
                    where,
                    str(err),
                    "use a code of the National Indicator Set "
                    "(ecm_plan.catalog.national_indicators())",
                )
                return None
            del entry
            words = title if title is not None else national.group(2).strip() or None
            return self._register(canonical, code, IndicatorScheme.NATIONAL, words)
        bvpi = _BVPI_HEAD.match(text)
        if bvpi is not None and (title is None or not bvpi.group(2).strip()):
            code = _clean(bvpi.group(1))
            words = title if title is not None else bvpi.group(2).strip() or None
            return self._register(code, code, IndicatorScheme.BVPI, words)
        if head is not None:
            return self._register(_clean(head), _clean(head), IndicatorScheme.LOCAL, title)
        local = _LOCAL_HEAD.match(text)
        if local is not None:
            return self._register(local.group(1), local.group(1), IndicatorScheme.LOCAL, local[2])
        wanted = _derived_id(text)
        if not wanted:
            self.problem(where, f"cannot read an indicator from {text!r}", "write its code")
            return None
        return self._register(wanted, None, IndicatorScheme.LOCAL, _clean(text))

    def _register(
        self, canonical: str, code: str | None, scheme: IndicatorScheme, title: str | None
    ) -> str:
        key = _key(canonical)
        found = self._indicators.get(key)
        if found is not None:
            return found.id
        indicator_id = self._new_id(_derived_id(canonical) or canonical, "indicator")
        written = code if code is not None and code != indicator_id else None
        words = _clean(title) if title else None
        draft = _IndicatorDraft(indicator_id, written, scheme, words)
        self._indicators[key] = draft
        self._by_id[indicator_id] = draft
        return indicator_id

    def allocate(
        self,
        element: str,
        stream: str | None = None,
        amount: Cell | Money = None,
        *,
        unit: str = "GBP",
        where: Where = "",
    ) -> None:
        """Fund a priority, objective or action from a stream (registered by name).

        Args:
            element: The id of the priority, objective or action.
            stream: The funding stream's name or code, or None when the document names none.
            amount: The money: text such as ``"£175k"``, ``"Base budget"``, ``"TBC"``; a
                number (in ``unit``); or a :class:`~ecm_plan.model.Money`.
            unit: The unit of a bare number: ``GBP``, ``kGBP`` (a "£000" column) or ``MGBP``.
            where: Where the data came from (keys ``stream`` and ``amount``).

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10")
            >>> p = b.priority("Be healthy")
            >>> b.allocate(p, "ABG", 3584, unit="kGBP")
            >>> b.allocate(p, "CYPS Base Budget", "Base budget")
            >>> [(f.stream, f.amount.kind.value, f.amount.gbp)
            ...  for f in b.build().priorities[0].funding]
            [('ABG', 'amount', 3584000.0), ('CYPS Base Budget', 'base_budget', None)]
        """
        node = self._node(element, ("priority", "objective", "action"), "funding", _where(where))
        if node is None:
            return
        stream_id = None
        if stream is not None and _clean(stream):
            stream_id = self.funding_stream(stream, where=_where(where, "stream"))
        money: Money | None
        if isinstance(amount, Money) or amount is None:
            money = amount
        else:
            text = number_text(amount) if isinstance(amount, int | float) else str(amount)
            try:
                money = Money(text, unit=unit)
            except FieldError as err:
                self.problem(_where(where, "amount"), str(err), "use GBP, kGBP or MGBP")
                return
            except CellError as err:
                self.problem(_where(where, "amount"), err.reason, err.hint)
                return
        if stream_id is None and money is None:
            return
        node.funding.append(Allocation(stream=stream_id, amount=money))

    def target(
        self,
        element: str,
        text: str | None = None,
        *,
        indicator: str | None = None,
        indicator_title: str | None = None,
        values: Mapping[str | Period, Cell | Value] | None = None,
        value: Cell | Value = None,
        baseline: Cell | Value = None,
        baseline_period: str | Period | None = None,
        where: Where = "",
    ) -> str | None:
        """Add a target to a priority, objective or action.

        A target with an indicator is measurable, else qualitative. The indicator is
        registered (:meth:`indicator`); the first baseline given for an indicator becomes
        its baseline too. ``text`` defaults to the indicator's cell text.

        Args:
            element: The id of the priority, objective or action.
            text: The target as the document words it.
            indicator: The indicator's cell (``"NI 117 NEET"``), or its code when
                ``indicator_title`` is given.
            indicator_title: The indicator's title, when the document gives it apart.
            values: Target values by period label (``{"2009-10": "6.5%"}``).
            value: A target value tied to no period.
            baseline: The baseline value.
            baseline_period: When the baseline was measured.
            where: Where the data came from (keys ``indicator``, ``baseline``, ``values``
                or each period label).

        Returns:
            The target's id (``P1.O1.A1.T1``), or None when it could not be made.

        Example:
            >>> b = PlanBuilder("demo", "A", "T", "2009-10 to 2010-11")
            >>> p = b.priority("Be healthy")
            >>> b.target(p, indicator="NI 112", values={"2009-10": "-16%"}, baseline=48.3)
            'P1.T1'
            >>> t = b.build().priorities[0].targets[0]
            >>> t.kind.value, t.text, t.baseline.value, t.values
            ('measurable', 'NI 112', Value('48.3'), FrozenMap({Period('2009-10'): Value('-16%')}))
        """
        node = self._node(element, ("priority", "objective", "action"), "a target", _where(where))
        if node is None:
            return None
        indicator_id = None
        if indicator is not None and indicator.strip():
            indicator_id = self.indicator(
                indicator, title=indicator_title, where=_where(where, "indicator")
            )
            if indicator_id is None:
                return None
        words = text if text is not None and text.strip() else None
        if words is None:
            words = indicator.strip() if indicator else None
        if words is None:
            self.problem(
                _where(where, "text"),
                "a target with neither words nor an indicator",
                "write the target or its indicator",
            )
            return None
        by_period: dict[Period, Value] = {}
        for label, cell in (values or {}).items():
            here = _where(where, str(label)) or _where(where, "values")
            try:
                period = label if isinstance(label, Period) else parse_period(str(label))
            except InvalidPeriodError as err:
                self.problem(here, str(err), "label target columns with periods such as 2009-10")
                continue
            found = self._read(cell, here)
            if found is not None:
                by_period[period] = found
        observation = self._observation(baseline, baseline_period, _where(where, "baseline"))
        if indicator_id is not None and observation is not None:
            draft = self._by_id[indicator_id]
            if draft.baseline is None:
                draft.baseline = observation
        target_id = f"{node.id}.T{len(node.targets) + 1}"
        self._used.add(target_id)
        node.targets.append(
            Target(
                id=target_id,
                text=words,
                kind="measurable" if indicator_id is not None else "qualitative",
                indicator=indicator_id,
                baseline=observation,
                values=by_period,
                value=self._read(value, _where(where, "value")),
            )
        )
        return target_id

    def _observation(
        self, baseline: Cell | Value, period: str | Period | None, where: str
    ) -> Observation | None:
        found = self._read(baseline, where)
        when: Period | None = None
        if isinstance(period, Period):
            when = period
        elif period is not None and str(period).strip():
            try:
                when = parse_period(str(period))
            except InvalidPeriodError as err:
                self.problem(where, str(err), "write the baseline's period, such as 2007-08")
        if found is None and when is None:
            return None
        return Observation(found, when)

    # -- the plan --------------------------------------------------------------------------

    def build(self) -> Plan:
        """The plan, with every cross-reference checked.

        Raises:
            PlanFileError: With ``origin`` given, every problem found, each at its location.
            PlanValidationError: Without ``origin``, the same.

        Example:
            >>> b = PlanBuilder("Not A Slug", "A", "T", "2009-10", where={"id": "About!B1"})
            >>> b.build()
            Traceback (most recent call last):
            ...
            ecm_plan.exceptions.PlanValidationError: invalid plan: 1 problem
              - About!B1: id 'Not A Slug' must be a slug: lower-case letters, digits and '-', ...
        """
        problems = list(self._problems)
        plan: Plan | None = None
        if self._period is not None:
            try:
                plan = Plan(
                    id=str(self._fields["id"]),
                    authority=str(self._fields["authority"]),
                    title=str(self._fields["title"]),
                    period=self._period,
                    kind=self._kind,
                    leads=list(self._leads.values()),
                    funding_streams=list(self._streams.values()),
                    indicators=[_indicator(d) for d in self._indicators.values()],
                    priorities=[_priority(p) for p in self._priorities],
                )
            except PlanValidationError as err:
                problems.extend(err.problems)
            except FieldError as err:
                problems.append(Problem(_where(self._plan_where, err.field), str(err)))
            except ValueError as err:  # a kind that is not a DocumentKind
                problems.append(Problem(_where(self._plan_where, "kind"), str(err)))
        if plan is not None and not problems:
            # What a plan file could not hold (figures past the digit limit, years out of
            # range, lone surrogates) is refused here too, so a built plan always saves.
            data = _converter().unstructure(plan)
            problems.extend(
                surrogate_problems(data) or value_problems(data) + period_problems(plan)
            )
        if problems or plan is None:
            if self._origin is not None:
                raise PlanFileError(self._origin, problems)
            raise PlanValidationError(problems)
        return plan


@functools.cache
def _converter() -> cattrs.Converter:
    """The plan-file converter, made once (for the limits a saved plan must keep)."""
    return make_converter()
