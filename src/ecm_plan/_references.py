"""Reference detection: the documented rule set that reads dependencies out of a plan's text.

Private: the public face is :mod:`ecm_plan.dependencies`, which re-exports :class:`Reference`,
:class:`ReferenceKind`, :class:`ReferenceRule` and :data:`REFERENCE_RULES`.

Detection runs in two steps. Four *detectors* find cues in the text of each priority,
objective, action and target (an objective number, a named document, a "see ..." pointer, a
"following ..." sequence); where two matches overlap, the detector listed first wins. Each
match is then *resolved* against the plan, and the way it resolves names the rule
(``document_titled``, ``document_external``, ...), each with its own confidence. The rules, in
order, are :data:`REFERENCE_RULES`.

Everything is computed from one pass over the plan (:class:`_Context`), so the cost is linear in
the size of the plan's text.
"""

from __future__ import annotations

import enum
import functools
import re
import weakref
from collections import defaultdict
from collections.abc import Iterator
from typing import Protocol

import attrs

from ecm_plan.model import Action, Objective, Plan, Priority, Target

__all__ = [
    "REFERENCE_RULES",
    "Reference",
    "ReferenceKind",
    "ReferenceRule",
    "find_references",
]


class ReferenceKind(enum.StrEnum):
    """Where a reference comes from: the plan's ``depends_on`` lists, or its text.

    Example:
        >>> ReferenceKind("textual") is ReferenceKind.TEXTUAL
        True

    .. versionadded:: 0.1.0
    """

    EXPLICIT = "explicit"
    TEXTUAL = "textual"


@attrs.frozen
class Reference:
    """One dependency of an element on another element or on an outside document.

    The *source* is the element that needs something (the dependent); the *target* is what it
    needs (the prerequisite). In the graph the edge runs from the target to the source
    (``enables``), so "what does this affect?" stays a question about descendants.

    Attributes:
        source: The id of the dependent element.
        target: The id of the element it needs, or None when the reference names an outside
            document (see ``external``) or names nothing that exists (an unresolved
            reference).
        external: The name of the outside document or body it needs, or None.
        kind: Explicit (``depends_on``) or textual (found in the text).
        rule: The name of the rule that found it (``depends_on`` for explicit references; see
            :data:`REFERENCE_RULES`).
        text: The words the rule matched (the prerequisite's id, for explicit references).
        field: Which text of the source it was found in, relative to the source: ``text``,
            ``title``, ``due``, ``milestones[1].text``, ``depends_on[0]``.
        span: The ``(start, end)`` offsets of ``text`` within that field, or None for explicit
            references.
        confidence: How sure the rule is that this is a dependency, from 0 to 1.

    Example:
        >>> ref = Reference("P2.O1.A1", "P1.O1", None, "textual", "objective_number",
        ...                 "refer to objective 1.1", "text", (44, 66), 0.95)
        >>> ref.node, ref.resolved
        ('P1.O1', True)

    .. versionadded:: 0.1.0
    """

    source: str
    target: str | None
    external: str | None
    kind: ReferenceKind = attrs.field(converter=ReferenceKind)
    rule: str
    text: str
    field: str
    span: tuple[int, int] | None
    confidence: float

    @property
    def resolved(self) -> bool:
        """Whether the reference names an element of the plan or an outside document.

        Example:
            >>> Reference("A", None, None, "textual", "objective_number", "objective 9.9",
            ...           "text", (0, 13), 0.95).resolved
            False
        """
        return self.target is not None or self.external is not None

    @property
    def node(self) -> str | None:
        """The graph node of what is needed, or None when unresolved.

        An outside document's node is ``external:<name>``.

        Example:
            >>> Reference("A", None, "Youth Justice Plan", "textual", "document_external",
            ...           "linked to Youth Justice Plan", "due", (12, 40), 0.8).node
            'external:Youth Justice Plan'
        """
        if self.target is not None:
            return self.target
        if self.external is not None:
            return f"external:{self.external}"
        return None


@attrs.frozen
class ReferenceRule:
    """A rule of reference detection, as documented and tested.

    Attributes:
        name: The rule's name, as :attr:`Reference.rule` gives it.
        detector: The detector whose match it resolves (``objective_number``,
            ``number_above``, ``document``, ``see``, ``following``).
        cue: What the text says, in words.
        resolves_to: What the reference then points at.
        confidence: The confidence given to references of this rule.
        example: A text the rule fires on.
        counterexample: A near miss that it does not fire on.

    Example:
        >>> REFERENCE_RULES[0].name, REFERENCE_RULES[0].confidence
        ('objective_number', 0.95)

    .. versionadded:: 0.1.0
    """

    name: str
    detector: str
    cue: str
    resolves_to: str
    confidence: float
    example: str
    counterexample: str


REFERENCE_RULES: tuple[ReferenceRule, ...] = (
    ReferenceRule(
        "objective_number",
        "objective_number",
        '"(please) refer to (strategic) objective N.N", "see objective N.N", "objective N.N"',
        "the objective whose code is N.N; unresolved (a DEP004 finding) if the plan has none",
        0.95,
        "Please refer to objective 2.4.",
        "Reduce the rate to 12.5% by 2010.",
    ),
    ReferenceRule(
        "number_above",
        "number_above",
        '"at N.N above", "in N.N below", "see N.N"',
        "the objective whose code is N.N; unresolved if the plan has none",
        0.9,
        "Implement Early Years actions at 4.1 above.",
        "Achieve 4.1 per 1,000 above the national rate.",
    ),
    ReferenceRule(
        "document_in_section",
        "document",
        "a named document with a pointer into the plan: "
        '"Implement Care Matters Plan (see Staying Safe)"',
        "the elements under the pointed-to priority or objective that name the same document "
        "(their nearest common container), else that priority or objective",
        0.75,
        "Implement Care Matters Plan (see Staying Safe).",
        "Implement the care plan (see below).",
    ),
    ReferenceRule(
        "document_titled",
        "document",
        'a named document ("linked to Teenage Pregnancy Strategy") that is the title of a '
        "priority or objective of the plan",
        "each priority or objective so titled; nothing when the source lies under an objective "
        "or priority whose title holds the name (the document it is named after)",
        0.8,
        "Deliver the Teenage Pregnancy Strategy.",
        "Develop a Teenage Pregnancy Strategy.",
    ),
    ReferenceRule(
        "document_external",
        "document",
        'a cue ("implement", "deliver", "delivery of", "as detailed in", "set out in", '
        '"in line with", "as per", "linked to", "see", "support") then a proper name: '
        "capitalised words or acronyms (not starting with a verb such as Develop) ending in "
        "Plan, Strategy, Programme, Framework, Policy or LDP, or followed by a lower-case "
        '"action plan" or "strategy", with an optional year ("Youth Justice Plan", '
        '"Connexions Local Delivery Plan", "EYCC Action Plan 09-10")',
        "an external node for the document (one per plan and document, however spelt)",
        0.8,
        "Annual Plan linked to Youth Justice Plan.",
        "Develop an action plan with schools.",
    ),
    ReferenceRule(
        "see_priority",
        "see",
        '"see <Name>" where the name is a priority\'s title or the ECM outcome it serves '
        '("see Staying Safe")',
        "the priority whose title, code and outcomes hold every word of the name (lightly "
        "stemmed), the one sharing most words with its title first",
        0.6,
        "Improve support for carers (see Staying Safe).",
        "See below for details.",
    ),
    ReferenceRule(
        "see_element",
        "see",
        '"see <Name>" where the name is the title of a priority or objective, or its initials '
        '("see PCS" for "Primary Capital Strategy")',
        "that priority or objective",
        0.6,
        "Q1 actions completed (see PCS).",
        "Q1 actions completed (see page 4).",
    ),
    ReferenceRule(
        "see_external",
        "see",
        '"see <Name>" naming nothing in the plan (navigation words such as Appendix, Section, '
        "Table, Annex, Page, Diagram and Figure excepted)",
        "an external node for the name",
        0.5,
        "Targets agreed (see Healthy Schools Plus).",
        "Targets agreed (see Appendix 2).",
    ),
    ReferenceRule(
        "following_sibling",
        "following",
        '"following (the) <thing>" ("following pilot", "following the review", "following '
        'implementation of equal ranking": the words after the last "of")',
        "the nearest earlier action (else the nearest later one) in the same objective, or in "
        "the same priority for actions hung off the priority, whose text holds every word of "
        "the thing; nothing when no action does (the step lies within the element)",
        0.5,
        "Monitoring system agreed, following pilot.",
        "Support the following areas.",
    ),
    ReferenceRule(
        "following_external",
        "following",
        '"following (the) <Proper Name>" where no action of the objective or priority '
        'names it ("following the Childcare Sufficiency Assessment")',
        "an external node for the name",
        0.4,
        "Develop a childcare plan following the Childcare Sufficiency Assessment.",
        "Develop a childcare plan following the assessment.",
    ),
)
"""The reference rules, in the order their detectors run."""

_CONFIDENCE = {rule.name: rule.confidence for rule in REFERENCE_RULES}

# -- patterns -------------------------------------------------------------------------------

_CODE = r"(?P<code>\d{1,2}\.\d{1,2})\b(?!\.\d|\s*%)"
_OBJECTIVE_NUMBER = re.compile(
    r"\b(?:(?:please\s+)?(?:refer(?:red|ring)?\s+to|see|as\s+in|under)\s+)?(?:the\s+)?"
    rf"(?:strategic\s+)?objectives?\s+{_CODE}",
    re.IGNORECASE,
)
_NUMBER_ABOVE = re.compile(
    r"\b(?:(?:at|in|under)\s+(?=\d{1,2}\.\d{1,2}\s+(?:above|below)\b)|see\s+)"
    rf"{_CODE}(?:\s+(?:above|below)\b)?",
    re.IGNORECASE,
)
_DOCUMENT_CUE = re.compile(
    r"\b(?:implement(?:ing|ation\s+of)?|deliver(?:ing|y\s+of)?|as\s+detailed\s+in|"
    r"(?:as\s+)?(?:set|laid)\s+out\s+in|as\s+outlined\s+in|in\s+line\s+with|"
    r"in\s+accordance\s+with|as\s+per|as\s+in|linked\s+to|see|(?:to\s+)?support)\s+"
    r"(?:(?:the\s+)?(?:actions?|targets?|activit(?:y|ies)|elements?|recommendations?)\s+"
    r"(?:set\s+out\s+)?(?:of|in|from)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-Z0-9][\w'’&/\-]*|\([^()]{1,80}\))"
_NAME_RUN = re.compile(
    rf"{_NAME_WORD}(?:(?:\s*,\s*|\s+(?:and|of|for|&|on|to)\s+|\s+){_NAME_WORD})*"
)
_TAIL = re.compile(
    r"\s+(?:(?:action|delivery|implementation|business|improvement)\s+)?(?:plans?|strategy)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r",?\s+(?:for\s+)?(?:19|20)?\d{2}\s*[-/–]\s*(?:19|20)?\d{2}\b")
_LEADING_VERB = re.compile(
    r"(?:Develop|Implement|Deliver|Review|Agree|Produce|Prepare|Refresh|Draw\s+up)\s+"
)
_POINTER = re.compile(r"\s*\(\s*see\s+(?P<pointer>[^()]{1,80}?)\s*\)", re.IGNORECASE)
_SEE = re.compile(
    r"\b(?i:see)\s+(?:(?i:the)\s+)?"
    r"(?P<name>[A-Z][\w'’&\-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w'’&\-]*)*)"
)
_FOLLOWING = re.compile(
    r"\bfollowing\s+(?:(?:the|a|an)\s+)?(?P<what>[\w'’\-]+(?:\s+[\w'’\-]+){0,5})",
    re.IGNORECASE,
)
_DOCUMENT_NOUNS = frozenset(
    {"plan", "plans", "strategy", "programme", "program", "framework", "policy", "ldp"}
)
_GENERIC = _DOCUMENT_NOUNS | {
    "action",
    "implementation",
    "delivery",
    "local",
    "business",
    "improvement",
    "the",
    "and",
    "of",
    "for",
    "on",
    "to",
}
_NAVIGATION = frozenset(
    {"appendix", "section", "table", "annex", "page", "diagram", "figure", "above", "below"}
)
_FOLLOWING_STOP = frozenset(
    {
        "for",
        "to",
        "in",
        "on",
        "by",
        "from",
        "with",
        "and",
        "will",
        "is",
        "are",
        "was",
        "that",
        "which",
        "who",
        "when",
        "where",
        "as",
        "at",
    }
)
_STOP_STEMS = frozenset(
    {"the", "a", "an", "and", "of", "for", "to", "in", "on", "be", "are", "is", "all", "&"}
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def _words(text: str) -> list[str]:
    out = []
    for word in _WORD.findall(text):
        w = word.lower().replace("’", "'")
        out.append(w.removesuffix("'s"))
    return out


def _stem(word: str) -> str:
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word == "children":
        return "child"
    if word.endswith("ly") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _words(text) if w not in _STOP_STEMS)


def document_key(name: str) -> str:
    """The key two spellings of one document share.

    It is the lower-case words of the name without the generic document words (plan, action,
    strategy, local, delivery, ...), years and parenthetical expansions.

    Example:
        >>> document_key("Connexions Local Delivery Plan") == document_key("Connexions LDP")
        True
        >>> document_key("PAYP (Positive Activities for Young People) Delivery Plan")
        'payp'
    """
    bare = re.sub(r"\([^()]*\)", " ", name)
    return " ".join(w for w in _words(bare) if w not in _GENERIC and not w.isdigit())


def _initials(title: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'’\-]*", title))


def _mention_pattern(key: str) -> re.Pattern[str]:
    joiner = r"(?:\W+(?:(?:and|of|for|the|&)\W+)*)"
    return re.compile(r"\b" + joiner.join(re.escape(w) for w in key.split()) + r"\b", re.IGNORECASE)


# -- the plan, read once --------------------------------------------------------------------

Work = Priority | Objective | Action | Target


@attrs.define
class _Text:
    source: str
    field: str
    text: str


class _Context:
    """Everything resolution needs, gathered in one pass over the plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.order: dict[str, int] = {}
        self.containers: dict[str, tuple[str, ...]] = {}
        self.kinds: dict[str, str] = {}
        self.texts: list[_Text] = []
        self.texts_of: dict[str, list[str]] = defaultdict(list)
        self.objectives_by_code: dict[str, list[str]] = defaultdict(list)
        self.titled: dict[str, list[str]] = defaultdict(list)
        self.lower_titles: dict[str, str] = {}
        self.initials: dict[str, list[str]] = defaultdict(list)
        self.actions_in: dict[str, list[str]] = defaultdict(list)
        self.scope_of: dict[str, str] = {}
        self.priorities: list[tuple[str, frozenset[str], frozenset[str]]] = []
        for priority in plan.priorities:
            self._priority(priority)

    def _add(self, element: Work, kind: str, containers: tuple[str, ...]) -> None:
        self.order[element.id] = len(self.order)
        self.containers[element.id] = containers
        self.kinds[element.id] = kind

    def _text(self, source: str, field: str, text: str | None) -> None:
        if text:
            self.texts.append(_Text(source, field, text))
            self.texts_of[source].append(text)

    def _title(self, element: Priority | Objective) -> None:
        key = document_key(element.title)
        self.lower_titles[element.id] = " ".join(element.title.lower().split())
        if key:
            self.titled[key].append(element.id)
        initials = _initials(element.title)
        if len(initials) >= 2:
            self.initials[initials].append(element.id)

    def _priority(self, priority: Priority) -> None:
        self._add(priority, "priority", ())
        self._text(priority.id, "title", priority.title)
        self._title(priority)
        outcome_words = " ".join(link.outcome.label for link in priority.outcomes)
        self.priorities.append(
            (
                priority.id,
                _stems(priority.title),
                _stems(f"{priority.title} {priority.code or ''} {outcome_words}"),
            )
        )
        for target in priority.targets:
            self._target(target, (priority.id,), priority.id)
        for action in priority.actions:
            self._action(action, (priority.id,), priority.id)
        for objective in priority.objectives:
            self._add(objective, "objective", (priority.id,))
            self._text(objective.id, "title", objective.title)
            self._title(objective)
            code = re.search(r"\d{1,2}\.\d{1,2}", objective.code or "")
            if code is not None:
                self.objectives_by_code[code.group(0)].append(objective.id)
            for target in objective.targets:
                self._target(target, (priority.id, objective.id), objective.id)
            for action in objective.actions:
                self._action(action, (priority.id, objective.id), objective.id)
                self.actions_in[priority.id].append(action.id)

    def _action(self, action: Action, containers: tuple[str, ...], scope: str) -> None:
        self._add(action, "action", containers)
        self.scope_of[action.id] = scope
        self.actions_in[scope].append(action.id)
        self._text(action.id, "text", action.text)
        if action.due is not None:
            self._text(action.id, "due", action.due.text)
        for i, milestone in enumerate(action.milestones):
            self._text(action.id, f"milestones[{i}].text", milestone.text)
        for target in action.targets:
            self._target(target, (*containers, action.id), scope)

    def _target(self, target: Target, containers: tuple[str, ...], scope: str) -> None:
        self._add(target, "target", containers)
        self.scope_of[target.id] = scope
        self._text(target.id, "text", target.text)
        if target.due is not None:
            self._text(target.id, "due", target.due.text)

    # -- helpers used by resolution ----------------------------------------------------
    def related(self, source: str, target: str) -> bool:
        """Whether the target is the source or contains it (or the other way round)."""
        return (
            source == target
            or target in self.containers.get(source, ())
            or source in self.containers.get(target, ())
        )

    def inside(self, element: str, scope: str) -> bool:
        return element == scope or scope in self.containers.get(element, ())

    def common_container(self, elements: list[str], scope: str) -> str:
        chains = [(*self.containers[e], e) for e in elements]
        common: list[str] = []
        for level in zip(*chains, strict=False):
            if len(set(level)) != 1:
                break
            common.append(level[0])
        deepest = [c for c in common if self.kinds.get(c) != "target"]
        return deepest[-1] if deepest and self.inside(deepest[-1], scope) else scope


# -- matches and resolution -----------------------------------------------------------------


@attrs.frozen
class _Match:
    detector: str
    start: int
    end: int
    groups: tuple[tuple[str, str], ...]

    def group(self, name: str) -> str:
        return dict(self.groups).get(name, "")


def _document_matches(text: str) -> Iterator[_Match]:
    for cue in _DOCUMENT_CUE.finditer(text):
        run = _NAME_RUN.match(text, cue.end())
        if run is None:
            continue
        name_end = _name_end(text, run)
        verb = _LEADING_VERB.match(text, run.start())
        start = verb.end() if verb else run.start()
        if name_end is None or name_end <= start:
            continue
        name = text[start:name_end]
        year = _YEAR.match(text, name_end)
        end = year.end() if year else name_end
        written = text[start:end].strip(" ,")
        if not document_key(name):
            continue
        pointer = _POINTER.match(text, end)
        groups = [("name", written), ("bare", " ".join(name.lower().split()))]
        if pointer is not None:
            groups.append(("pointer", pointer.group("pointer")))
            end = pointer.end()
        yield _Match("document", cue.start(), end, tuple(groups))


def _name_end(text: str, run: re.Match[str]) -> int | None:
    """Where a document's name ends.

    That is after a lower-case tail such as "action plan", else after the last document noun
    in the run of capitalised words, or at the end of the run when the noun is followed by
    "for" or "of" and a capitalised word ("Framework for Children, Young People and Maternity
    Services").
    """
    tail = _TAIL.match(text, run.end())
    if tail is not None:
        return tail.end()
    end = None
    for token in re.finditer(r"\([^()]*\)|[\w'’&/\-]+", run.group(0)):
        if token.group(0).lower() in _DOCUMENT_NOUNS:
            end = run.start() + token.end()
    if end is not None and re.match(r"\s+(?:for|of)\s+[A-Z][a-z]", text[end : run.end()]):
        return run.end()
    return end


_CUES = (
    r"objective|see|above|below|implement|deliver|detailed|set\s+out|laid\s+out|outlined|"
    r"in\s+line|accordance|as\s+per|as\s+in|linked|support|following"
)
_ANY_CUE = re.compile(_CUES, re.IGNORECASE)
"""Words one of which every detector's match holds: a text with none of them has no match."""
_ANY_LOWER_CUE = re.compile(_CUES)
"""The same, for an ASCII text in lower case (where ignoring case is lower-casing; faster)."""


def _matches(text: str) -> list[_Match]:
    if text.isascii():
        if _ANY_LOWER_CUE.search(text.lower()) is None:
            return []
    elif _ANY_CUE.search(text) is None:
        return []
    return _detected(text)


def _detected(text: str) -> list[_Match]:
    found: list[_Match] = [
        _Match("objective_number", m.start(), m.end(), (("code", m.group("code")),))
        for m in _OBJECTIVE_NUMBER.finditer(text)
    ]
    found += [
        _Match("number_above", m.start(), m.end(), (("code", m.group("code")),))
        for m in _NUMBER_ABOVE.finditer(text)
    ]
    found += list(_document_matches(text))
    for m in _SEE.finditer(text):
        name = m.group("name")
        if name.split()[0].lower() in _NAVIGATION:
            continue
        found.append(_Match("see", m.start(), m.end(), (("name", name),)))
    for m in _FOLLOWING.finditer(text):
        if text[max(0, m.start() - 4) : m.start()].lower() == "the ":
            continue
        what = _following_object(m.group("what"))
        if what:
            end = m.start("what") + m.group("what").find(what) + len(what)
            found.append(_Match("following", m.start(), end, (("what", what),)))
    accepted: list[_Match] = []
    for match in found:  # detectors in rule order: the first to claim a span keeps it
        if all(match.end <= a.start or a.end <= match.start for a in accepted):
            accepted.append(match)
    return sorted(accepted, key=lambda m: m.start)


def _following_object(phrase: str) -> str:
    words = phrase.split()
    kept: list[str] = []
    for word in words:
        if word.lower() in _FOLLOWING_STOP:
            break
        kept.append(word)
    lowered = [w.lower() for w in kept]
    if "of" in lowered:
        kept = kept[len(lowered) - lowered[::-1].index("of") :]
    return " ".join(kept)


class _Resolver:
    def __init__(self, context: _Context) -> None:
        self.ctx = context
        self.external_names: dict[str, str] = {}

    def external(self, name: str) -> str:
        key = document_key(name) or name.lower()
        return self.external_names.setdefault(key, " ".join(name.split()))

    def resolve(self, item: _Text, match: _Match, text: str) -> Iterator[Reference]:
        def ref(target: str | None, external: str | None, rule: str) -> Reference:
            return Reference(
                item.source,
                target,
                external,
                ReferenceKind.TEXTUAL,
                rule,
                text[match.start : match.end],
                item.field,
                (match.start, match.end),
                _CONFIDENCE[rule],
            )

        ctx = self.ctx
        if match.detector in {"objective_number", "number_above"}:
            found = ctx.objectives_by_code.get(match.group("code"), [])
            if not found:
                yield ref(None, None, match.detector)
            elif not ctx.related(item.source, found[0]):
                yield ref(found[0], None, match.detector)
        elif match.detector == "document":
            yield from self._document(item, match, ref)
        elif match.detector == "see":
            name = match.group("name")
            element = self._named_element(name)
            if element:
                for target in element:
                    if not ctx.related(item.source, target):
                        yield ref(target, None, "see_element")
                return
            priority = self._priority_named(name)
            if priority is not None:
                if not ctx.related(item.source, priority):
                    yield ref(priority, None, "see_priority")
                return
            yield ref(None, self.external(name), "see_external")
        else:
            yield from self._following(item, match, ref)

    def _document(self, item: _Text, match: _Match, ref: _RefFactory) -> Iterator[Reference]:
        ctx = self.ctx
        name = match.group("name")
        key = document_key(name)
        pointer = match.group("pointer")
        if pointer:
            scope = self._pointer_scope(pointer)
            if scope is not None:
                pattern = _mention_pattern(key)
                mentions = [
                    e
                    for e in ctx.order
                    if ctx.inside(e, scope)
                    and not ctx.related(item.source, e)
                    and any(pattern.search(t) for t in ctx.texts_of.get(e, ()))
                ]
                target = ctx.common_container(mentions, scope) if mentions else scope
                if not ctx.related(item.source, target):
                    yield ref(target, None, "document_in_section")
                return
        bare = match.group("bare")
        if any(bare in ctx.lower_titles.get(c, "") for c in ctx.containers[item.source]):
            return  # the document the source's own objective or priority is named after
        titled = ctx.titled.get(key, [])
        if titled:
            for target in titled:
                if not ctx.related(item.source, target):
                    yield ref(target, None, "document_titled")
            return
        yield ref(None, self.external(name), "document_external")

    def _pointer_scope(self, pointer: str) -> str | None:
        code = re.search(r"\d{1,2}\.\d{1,2}", pointer)
        if code and self.ctx.objectives_by_code.get(code.group(0)):
            return self.ctx.objectives_by_code[code.group(0)][0]
        element = self._named_element(pointer)
        if element:
            return element[0]
        return self._priority_named(pointer)

    def _named_element(self, name: str) -> list[str]:
        key = document_key(name)
        if key and key in self.ctx.titled:
            return self.ctx.titled[key]
        bare = name.strip()
        if bare.isupper() and " " not in bare:
            return self.ctx.initials.get(bare, [])
        return []

    def _priority_named(self, name: str) -> str | None:
        wanted = _stems(name)
        if not wanted:
            return None
        best: tuple[int, int, str] | None = None
        for order, (pid, title, everything) in enumerate(self.ctx.priorities):
            if wanted <= everything:
                score = (len(wanted & title), -order, pid)
                if best is None or score > best:
                    best = score
        return best[2] if best else None

    def _following(self, item: _Text, match: _Match, ref: _RefFactory) -> Iterator[Reference]:
        ctx = self.ctx
        what = match.group("what")
        scope = ctx.scope_of.get(item.source)
        if scope is None:  # a priority or objective title
            scope = item.source
        pattern = re.compile(
            r"\b" + r"\W+".join(re.escape(w) + "s?" for w in what.split()) + r"\b", re.IGNORECASE
        )
        here = ctx.order[item.source]
        candidates = [
            a
            for a in ctx.actions_in.get(scope, ())
            if a != item.source and any(pattern.search(t) for t in ctx.texts_of.get(a, ()))
        ]
        earlier = [a for a in candidates if ctx.order[a] < here]
        later = [a for a in candidates if ctx.order[a] > here]
        if earlier or later:
            target = earlier[-1] if earlier else later[0]
            if not ctx.related(item.source, target) or ctx.kinds[item.source] == "target":
                yield ref(target, None, "following_sibling")
        elif all(w[0].isupper() for w in what.split()):
            yield ref(None, self.external(what), "following_external")


class _RefFactory(Protocol):
    def __call__(self, target: str | None, external: str | None, rule: str) -> Reference: ...


_FOUND_LIMIT = 4096
"""The most plans whose references are remembered at once (each is forgotten with its plan)."""
_FOUND: dict[int, tuple[weakref.ref[Plan], tuple[Reference, ...]]] = {}
"""The references of each live plan, by the plan's identity: a plan and its references are
immutable, so a plan's graph and a portfolio graph that holds it read its text once."""


def find_references(plan: Plan) -> tuple[Reference, ...]:
    """Every reference of the plan: explicit (``depends_on``) then textual, in document order.

    The result is remembered while the plan lives (for at most :data:`_FOUND_LIMIT` plans),
    so that building a plan's graph and a portfolio graph of it reads its text once.

    Example:
        >>> from ecm_plan import load_bundled
        >>> [(r.source, r.node, r.rule) for r in find_references(load_bundled("sample"))]
        [('P1.O1.A2', 'P1.O1.A1', 'depends_on'), ('P2.O1.A1', 'P1.O1', 'objective_number')]
    """
    key = id(plan)
    entry = _FOUND.get(key)
    if entry is not None and entry[0]() is plan:
        return entry[1]
    found = _find_references(plan)
    if len(_FOUND) >= _FOUND_LIMIT:
        del _FOUND[next(iter(_FOUND))]
    _FOUND[key] = (weakref.ref(plan, functools.partial(_forget, key)), found)
    return found


def _forget(key: int, ref: weakref.ref[Plan]) -> None:
    """Drop the references of a plan that is being freed (its id may be given to another)."""
    entry = _FOUND.get(key)
    if entry is not None and entry[0] is ref:
        del _FOUND[key]


def _find_references(plan: Plan) -> tuple[Reference, ...]:
    context = _Context(plan)
    explicit: list[tuple[int, Reference]] = []
    for element_id in context.order:
        element = plan.element(element_id)
        if isinstance(element, Action | Objective):
            explicit.extend(
                (
                    context.order[element_id],
                    Reference(
                        element_id,
                        dependency,
                        None,
                        ReferenceKind.EXPLICIT,
                        "depends_on",
                        dependency,
                        f"depends_on[{i}]",
                        None,
                        1.0,
                    ),
                )
                for i, dependency in enumerate(element.depends_on)
            )
    resolver = _Resolver(context)
    textual: list[tuple[int, Reference]] = []
    for item in context.texts:
        for match in _matches(item.text):
            textual.extend(
                (context.order[item.source], r) for r in resolver.resolve(item, match, item.text)
            )
    explicit.sort(key=lambda pair: pair[0])
    textual.sort(key=lambda pair: pair[0])
    return tuple(r for _, r in explicit) + tuple(r for _, r in textual)
