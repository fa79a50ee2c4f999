"""The exceptions and warnings of :mod:`ecm_plan`.

Every error the library raises derives from :class:`PlanError`, and each concrete error also
derives from a builtin (``ValueError``, ``KeyError``, ``TypeError``) so that callers can catch
either.
The facts of an error are attributes; the message is built from them.

Example:
    >>> from ecm_plan.exceptions import PlanError, UnknownIndicatorError
    >>> err = UnknownIndicatorError("NI 31", suggestions=("NI 30", "NI 32"))
    >>> isinstance(err, PlanError) and isinstance(err, KeyError)
    True
    >>> print(err)
    unknown indicator code 'NI 31'; did you mean NI 30 or NI 32?

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "AnalysisError",
    "ArgumentError",
    "ArgumentValueError",
    "CellError",
    "CycleError",
    "DuplicatePlanIdError",
    "EcmPlanWarning",
    "FieldError",
    "InvalidChoiceError",
    "InvalidFindingsError",
    "InvalidPeriodError",
    "InvalidShareError",
    "MissingExtraError",
    "NotInResultError",
    "PlanError",
    "PlanFileError",
    "PlanValidationError",
    "PlanWriteError",
    "PolarityUnknownError",
    "Problem",
    "ReturnsError",
    "RuleConfigError",
    "TableShapeError",
    "TextReplacedWarning",
    "TrajectoryError",
    "UnitError",
    "UnknownElementError",
    "UnknownFormatError",
    "UnknownIndicatorError",
    "UnknownOutcomeError",
    "UnknownPlanError",
    "UnknownRatingRuleError",
    "UnknownRuleError",
]


class PlanError(Exception):
    """The base class of every error raised by :mod:`ecm_plan`.

    Example:
        >>> from ecm_plan import PlanError, loads_plan
        >>> try:
        ...     loads_plan("authority: [", "yaml")
        ... except PlanError as err:
        ...     print(type(err).__name__)
        PlanFileError
    """


class EcmPlanWarning(UserWarning):
    """The base class of the warnings :mod:`ecm_plan` emits for allowed but suspicious input.

    Example:
        >>> issubclass(EcmPlanWarning, UserWarning)
        True
    """


class TextReplacedWarning(EcmPlanWarning):
    """An export replaced characters that its format cannot hold.

    Fires when :func:`~ecm_plan.graph.export_graph` or :func:`~ecm_plan.graph.to_dot` meets
    text holding characters XML 1.0 cannot hold (C0 controls other than tab, line feed and
    carriage return; lone surrogates; U+FFFE and U+FFFF): each is written as U+FFFD, the
    replacement character, so that the export stays valid. The plan itself is unchanged.
    To export the text exactly, remove the control characters from the plan.

    Attributes:
        count: How many characters were replaced.
        where: The first few node ids whose text was changed.

    Example:
        >>> import warnings
        >>> w = TextReplacedWarning(2, ("P1",))
        >>> print(w)
        replaced 2 characters that XML 1.0 cannot hold with U+FFFD (in P1); ...

    .. versionadded:: 0.1.0
    """

    def __init__(self, count: int, where: Sequence[str] = ()) -> None:
        """Keep the count and where the characters were."""
        self.count = count
        self.where = tuple(where)
        super().__init__(count, self.where)

    def __str__(self) -> str:
        """Say how many characters were replaced, where, and what to do."""
        place = f" (in {', '.join(self.where)})" if self.where else ""
        plural = "s" if self.count != 1 else ""
        return (
            f"replaced {self.count} character{plural} that XML 1.0 cannot hold with "
            f"U+FFFD{place}; remove control characters from the plan's text to export it "
            "exactly"
        )

    def __reduce__(self) -> tuple[type[TextReplacedWarning], tuple[int, tuple[str, ...]]]:
        """Pickle with the count and places."""
        return (type(self), (self.count, self.where))


class ArgumentError(PlanError, TypeError):
    """A function of the library was given the wrong kind of argument.

    Raised before anything is changed: :func:`~ecm_plan.io.dump_plan` refuses anything
    that is not a :class:`~ecm_plan.model.Plan` before it touches the file.

    Attributes:
        name: The argument's name.
        expected: What the argument must be.
        got: The type name of what was given.

    Example:
        >>> from ecm_plan import dump_plan
        >>> dump_plan(None, "plan.yaml")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: plan must be a Plan, not NoneType; ...

    .. versionadded:: 0.1.0
    """

    def __init__(self, name: str, expected: str, got: str) -> None:
        """Keep the argument's name, what it must be, and what it was."""
        self.name = name
        self.expected = expected
        self.got = got
        super().__init__(name, expected, got)

    @classmethod
    def for_value(cls, name: str, expected: str, value: object) -> ArgumentError:
        """The error for ``value`` given as argument ``name``.

        Example:
            >>> print(ArgumentError.for_value("plan", "a Plan", 3))
            plan must be a Plan, not int; pass a Plan
        """
        return cls(name, expected, type(value).__name__)

    def __str__(self) -> str:
        """Say which argument was wrong and what it must be."""
        return f"{self.name} must be {self.expected}, not {self.got}; pass {self.expected}"

    def __reduce__(self) -> tuple[type[ArgumentError], tuple[str, str, str]]:
        """Pickle with the name, expectation and type name."""
        return (type(self), (self.name, self.expected, self.got))


class ArgumentValueError(PlanError, ValueError):
    """An argument of the right kind has a value out of its bounds, such as a size too large.

    Sizes (``steps``, ``ndigits``, ``horizon``) are checked against documented bounds before
    anything is allocated or looped over, so a mistaken ``10**9`` fails at once.

    Attributes:
        name: The argument's name.
        expected: What the value must be, in words (``"between 1 and 1000"``).
        value: The value as given.

    Example:
        >>> from ecm_plan.catalog import match_title
        >>> match_title("sport", limit=-1)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentValueError: limit must be 0 or more, not -1

    .. versionadded:: 0.2.0
    """

    def __init__(self, name: str, expected: str, value: object) -> None:
        """Keep the argument's name, what it must be, and the value given."""
        self.name = name
        self.expected = expected
        self.value = value
        super().__init__(name, expected, value)

    def __str__(self) -> str:
        """Name the argument, its bounds and the value."""
        return f"{self.name} must be {self.expected}, not {self.value!r}"

    def __reduce__(self) -> tuple[type[ArgumentValueError], tuple[str, str, object]]:
        """Pickle with the facts."""
        return (type(self), (self.name, self.expected, self.value))


class PlanWriteError(PlanError, OSError):
    """A plan file could not be written; any old file at the path is left as it was.

    Attributes:
        path: The file that was to be written.
        reason: What the operating system said.
        errno: The operating system's error number, or None (also ``OSError.errno``).

    Example:
        >>> err = PlanWriteError("/no/such/dir/plan.yaml", "No such file or directory", 2)
        >>> print(err)
        cannot write /no/such/dir/plan.yaml: No such file or directory (the old file, ...)
        >>> isinstance(err, OSError), err.errno
        (True, 2)

    .. versionadded:: 0.1.0
    """

    def __init__(self, path: str, reason: str, errno: int | None = None) -> None:
        """Keep the path, the reason and the error number."""
        if errno is None:
            super().__init__(reason)
        else:
            super().__init__(errno, reason, path)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        """Say which file could not be written and why."""
        return (
            f"cannot write {self.path}: {self.reason} (the old file, if any, is unchanged; "
            "check that the folder exists and is writable)"
        )

    def __reduce__(self) -> tuple[type[PlanWriteError], tuple[str, str, int | None]]:
        """Pickle with the path, reason and error number."""
        return (type(self), (self.path, self.reason, self.errno))


@attrs.frozen
class Problem:
    """One problem found in a plan: where it is and what to do about it.

    Attributes:
        path: The key path in the plan file, such as ``priorities[2].objectives[0].leads[1]``;
            empty for the whole document.
        message: What is wrong, in words a plan author understands.
        hint: What to do about it, or an empty string.
        line: The line of the file the path starts on (YAML files), or None.

    Example:
        >>> print(Problem("priorities[0].leads[0]", "unknown lead id 'HoS'", "add it to leads"))
        priorities[0].leads[0]: unknown lead id 'HoS' (hint: add it to leads)
        >>> print(Problem("priorities[0].leads", "expected a list", line=12))
        line 12: priorities[0].leads: expected a list
    """

    path: str
    message: str
    hint: str = ""
    line: int | None = None

    def __str__(self) -> str:
        """Render as ``line N: path: message (hint: ...)``."""
        where = self.path or "(document)"
        if self.line is not None:
            where = f"line {self.line}: {where}"
        tail = f" (hint: {self.hint})" if self.hint else ""
        return f"{where}: {self.message}{tail}"


def _render(header: str, problems: Sequence[Problem]) -> str:
    lines = [f"{header}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"]
    lines.extend(f"  - {p}" for p in problems)
    return "\n".join(lines)


class PlanValidationError(PlanError, ValueError):
    """A plan breaks rules that span several of its elements, such as an unknown or duplicate id.

    Every problem is listed at once in ``problems``, each with its key path.

    Example:
        >>> err = PlanValidationError([Problem("leads[1].id", "duplicate id 'L1'")])
        >>> print(err)
        invalid plan: 1 problem
          - leads[1].id: duplicate id 'L1'
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Keep the problems; the message lists them."""
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        """List every problem on its own line."""
        return _render("invalid plan", self.problems)

    def __reduce__(self) -> tuple[type[PlanValidationError], tuple[tuple[Problem, ...]]]:
        """Pickle with the problems."""
        return (type(self), (self.problems,))


class PlanFileError(PlanError, ValueError):
    """A plan file (or text) could not be loaded; every problem is listed with its key path.

    Attributes:
        source: The file name, or ``<string>`` for text.
        problems: Every problem found, in document order.

    Example:
        >>> err = PlanFileError("plan.yaml", [Problem("priorities[0].titel", "unknown key")])
        >>> print(err)
        cannot load plan.yaml: 1 problem
          - priorities[0].titel: unknown key
        >>> err.problems[0].path
        'priorities[0].titel'
    """

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        """Keep the source name and the problems; the message lists them."""
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(source, self.problems)

    def __str__(self) -> str:
        """List every problem on its own line, after the file name."""
        return _render(f"cannot load {self.source}", self.problems)

    def __reduce__(self) -> tuple[type[PlanFileError], tuple[str, tuple[Problem, ...]]]:
        """Pickle with the source and problems."""
        return (type(self), (self.source, self.problems))


class ReturnsError(PlanFileError):
    """A returns file (or text) could not be loaded; every problem is listed with its location.

    A CSV problem is located by line and column (``line 4, column period``); a YAML or JSON
    problem by key path (``returns[3].period``), with the line where the format gives it.

    Attributes:
        source: The file name, or ``<string>`` for text.
        problems: Every problem found, in file order.

    Example:
        >>> err = ReturnsError("q2.csv", [Problem("line 4, column period", "cannot read 'Q5'")])
        >>> print(err)
        cannot load returns q2.csv: 1 problem
          - line 4, column period: cannot read 'Q5'
        >>> isinstance(err, PlanFileError) and isinstance(err, ValueError)
        True

    .. versionadded:: 0.1.0
    """

    def __str__(self) -> str:
        """List every problem on its own line, after the file name."""
        return _render(f"cannot load returns {self.source}", self.problems)


class UnknownIndicatorError(PlanError, KeyError):
    """An indicator code is not in the National Indicator Set catalogue.

    Attributes:
        code: The code as given.
        suggestions: Near codes that do exist, best first.

    Example:
        >>> print(UnknownIndicatorError("NI 999"))
        unknown indicator code 'NI 999'; the National Indicator Set runs from NI 1 to NI 199
    """

    def __init__(self, code: str, suggestions: Sequence[str] = (), reason: str = "") -> None:
        """Keep the code, the near codes and an optional reason."""
        self.code = code
        self.suggestions = tuple(suggestions)
        self.reason = reason
        super().__init__(code)

    def __str__(self) -> str:
        """Say which code is unknown and what to try instead."""
        msg = f"unknown indicator code {self.code!r}"
        if self.reason:
            msg += f" ({self.reason})"
        if self.suggestions:
            return f"{msg}; did you mean {' or '.join(self.suggestions)}?"
        return f"{msg}; the National Indicator Set runs from NI 1 to NI 199"

    def __reduce__(self) -> tuple[type[UnknownIndicatorError], tuple[str, tuple[str, ...], str]]:
        """Pickle with the code, suggestions and reason."""
        return (type(self), (self.code, self.suggestions, self.reason))


class InvalidPeriodError(PlanError, ValueError):
    """A period label could not be read, or names an impossible date.

    Example:
        >>> from ecm_plan.periods import parse_period
        >>> parse_period("2009-11")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.InvalidPeriodError: cannot read '2009-11' as a period: ...
    """

    def __init__(self, text: str, reason: str) -> None:
        """Keep the text and the reason."""
        self.text = text
        self.reason = reason
        super().__init__(text, reason)

    def __str__(self) -> str:
        """Say what could not be read and why."""
        return f"cannot read {self.text!r} as a period: {self.reason}"

    def __reduce__(self) -> tuple[type[InvalidPeriodError], tuple[str, str]]:
        """Pickle with the text and reason."""
        return (type(self), (self.text, self.reason))


class UnitError(PlanError, ValueError):
    """A unit is unknown to the library's registry, or two units cannot be combined.

    Example:
        >>> from ecm_plan.units import check_compatible
        >>> check_compatible("percent", "count")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnitError: cannot combine percent with count: ...
    """

    def __init__(self, message: str) -> None:
        """Keep the message."""
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        """Return the message."""
        return self.message


class AnalysisError(PlanError, ValueError):
    """An analysis cannot give an answer for this input (the middle class of analysis errors).

    Example:
        >>> issubclass(TrajectoryError, AnalysisError)
        True
    """


class TrajectoryError(AnalysisError):
    """A trajectory cannot be computed or assessed.

    The values are inconsistent, or the method does not apply (a compound path through zero).

    Example:
        >>> print(TrajectoryError("a compound path needs start and end of the same sign"))
        a compound path needs start and end of the same sign
    """


class PolarityUnknownError(TrajectoryError):
    """Nothing says which way an indicator or target improves, so it cannot be judged.

    The polarity is taken from the plan, else from the National Indicator catalogue, else
    from the comparator of the target (``reduce_to`` is lower-is-better); when none of them
    says, pass one.

    Attributes:
        subject: The id of the indicator or target.

    Example:
        >>> err = PolarityUnknownError("2016SC")
        >>> isinstance(err, ValueError), err.subject
        (True, '2016SC')
        >>> print(err)
        no polarity for 2016SC: the plan gives none, the catalogue does not know it ...

    .. versionadded:: 0.2.0
    """

    def __init__(self, subject: str) -> None:
        """Keep the subject."""
        self.subject = subject
        super().__init__(subject)

    def __str__(self) -> str:
        """Say whose polarity is unknown and how to give one."""
        return (
            f"no polarity for {self.subject}: the plan gives none, the catalogue does not know "
            "it and no target comparator says which way is better; pass polarity= "
            "('higher_is_better' or 'lower_is_better'), or set the indicator's polarity in "
            "the plan"
        )

    def __reduce__(self) -> tuple[type[PolarityUnknownError], tuple[str]]:
        """Pickle with the subject."""
        return (type(self), (self.subject,))


class FieldError(PlanError, ValueError):
    """A field of a model element has an invalid value; ``field`` names it.

    A plan loader uses the name to point at the key in the file.

    Example:
        >>> from ecm_plan.model import Lead
        >>> try:
        ...     Lead(id="HoS:1", name="Head of Service")
        ... except FieldError as err:
        ...     print(err.field)
        id
    """

    def __init__(self, field: str, message: str) -> None:
        """Keep the field name and the message."""
        self.field = field
        self.message = message
        super().__init__(field, message)

    def __str__(self) -> str:
        """Return the message."""
        return self.message

    def __reduce__(self) -> tuple[type[FieldError], tuple[str, str]]:
        """Pickle with the field and message."""
        return (type(self), (self.field, self.message))


class UnknownOutcomeError(PlanError, KeyError, ValueError):
    """An outcome key or an aim id is not in the Every Child Matters framework.

    It is a ``KeyError`` (a look-up in the framework failed) and a ``ValueError`` (a model
    field was given a bad value), so that either catches it.
    For an outcome the message lists the valid keys it was given; the suggestions come from
    :func:`~ecm_plan.model.suggest_outcomes`, which knows the titles and the spellings plans
    use ("Be healthy", "Staying Safe", "enjoy & achieve").

    Attributes:
        key: The key or id as given.
        kind: ``"outcome"`` or ``"aim"``.
        suggestions: Near keys or ids that do exist, best first.
        known: The valid keys (the library passes the five outcome keys), or empty.

    Example:
        >>> from ecm_plan.model import OutcomeKey
        >>> print(UnknownOutcomeError("be_happy", "outcome", ["be_healthy"], known=OutcomeKey))
        unknown ECM outcome 'be_happy'; did you mean be_healthy? The outcomes are
        be_healthy, stay_safe, enjoy_and_achieve, positive_contribution, economic_wellbeing
        >>> print(UnknownOutcomeError("be_healthy.6", "aim"))
        unknown ECM aim 'be_healthy.6';
        an aim id is '<outcome key>.<1 to 5>', such as 'be_healthy.1'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 Also a :class:`ValueError`.
    """

    def __init__(
        self,
        key: str,
        kind: str = "outcome",
        suggestions: Sequence[str] = (),
        *,
        known: Iterable[str] = (),
    ) -> None:
        """Keep the key, what kind of thing it should name, the near keys and the valid ones."""
        self.key = key
        self.kind = kind
        self.suggestions = tuple(suggestions)
        self.known = tuple(str(k) for k in known)
        super().__init__(key)

    def __str__(self) -> str:
        """Say what is unknown and what to use instead."""
        msg = f"unknown ECM {self.kind} {self.key!r}"
        if self.suggestions:
            msg = f"{msg}; did you mean {' or '.join(self.suggestions)}?"
        if self.kind == "aim":
            if self.suggestions:
                return msg
            return f"{msg}; an aim id is '<outcome key>.<1 to 5>', such as 'be_healthy.1'"
        if not self.known:
            return msg
        keys = ", ".join(self.known)
        if self.suggestions:
            return f"{msg} The outcomes are {keys}"
        return f"{msg}; the outcomes are {keys}"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with the key, kind, suggestions and valid keys."""
        return (_rebuild_unknown_outcome, (self.key, self.kind, self.suggestions, self.known))


def _rebuild_unknown_outcome(
    key: str, kind: str, suggestions: tuple[str, ...], known: tuple[str, ...]
) -> UnknownOutcomeError:
    return UnknownOutcomeError(key, kind, suggestions, known=known)


class UnknownPlanError(PlanError, KeyError):
    """No bundled plan has this name.

    Attributes:
        name: The name as given (any object: a caller may pass ``None`` or a number).
        known: The names of the bundled plans.

    Example:
        >>> from ecm_plan import load_bundled
        >>> load_bundled("wigan")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownPlanError: no bundled plan 'wigan'; ...
        >>> import pickle
        >>> print(pickle.loads(pickle.dumps(UnknownPlanError(None, ("sample",)))))
        no bundled plan None; bundled plans: sample

    .. versionadded:: 0.1.0
    """

    def __init__(self, name: object, known: Sequence[str]) -> None:
        """Keep the name and the names there are."""
        self.name = name
        self.known = tuple(known)
        super().__init__(name)

    def __str__(self) -> str:
        """Say which names there are, nearest first."""
        near = (
            difflib.get_close_matches(self.name, self.known, n=1, cutoff=0.6)
            if isinstance(self.name, str)
            else []
        )
        hint = f"did you mean {near[0]!r}? " if near else ""
        return f"no bundled plan {self.name!r}; {hint}bundled plans: {', '.join(self.known)}"

    def __reduce__(self) -> tuple[type[UnknownPlanError], tuple[object, tuple[str, ...]]]:
        """Pickle with the name and the known names."""
        return (type(self), (self.name, self.known))


class CycleError(AnalysisError):
    """The dependencies go round in a circle, so no order of work exists.

    Like networkx's ``NetworkXUnfeasible``, raised by analyses that need an acyclic set of
    dependencies (:func:`order_of_work`, :func:`critical_path`).
    :func:`~ecm_plan.dependencies.cycles` lists every cycle without raising.

    Attributes:
        cycle: The elements on one cycle, in order (each needs the one before it; the first
            needs the last).

    Example:
        >>> err = CycleError(("A1", "A2"))
        >>> print(err)
        the dependencies form a cycle (A1 -> A2 -> A1), so no order of work exists
        >>> isinstance(err, ValueError)
        True

    .. versionadded:: 0.1.0
    """

    def __init__(self, cycle: Sequence[str]) -> None:
        """Keep the cycle."""
        self.cycle: tuple[str, ...] = tuple(cycle)
        super().__init__(self.cycle)

    def __str__(self) -> str:
        """Name the elements on the cycle."""
        loop = " -> ".join((*self.cycle, self.cycle[0])) if self.cycle else "?"
        return f"the dependencies form a cycle ({loop}), so no order of work exists"

    def __reduce__(self) -> tuple[type[CycleError], tuple[tuple[str, ...]]]:
        """Pickle with the cycle."""
        return (type(self), (self.cycle,))


class UnknownElementError(PlanError, KeyError):
    """No element of the plan, or node of the graph, has this id.

    Attributes:
        element_id: The id asked for.
        suggestions: Near ids that do exist, best first.
        where: What was searched, in words (``"the graph"``, ``"plan 'sample'"``).

    Example:
        >>> print(UnknownElementError("P1.O1.A9", ("P1.O1.A1",)))
        no element 'P1.O1.A9' in the graph; did you mean P1.O1.A1?
        >>> print(UnknownElementError("P9", where="plan 'sample'"))
        no element 'P9' in plan 'sample'

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 ``where`` names what was searched.
    """

    def __init__(
        self, element_id: str, suggestions: Sequence[str] = (), where: str = "the graph"
    ) -> None:
        """Keep the id, the near ids and what was searched."""
        self.element_id = element_id
        self.suggestions = tuple(suggestions)
        self.where = where
        super().__init__(element_id)

    @classmethod
    def for_graph(cls, element_id: str, graph: Iterable[object]) -> UnknownElementError:
        """The error for an id missing from a graph, with the nearest ids as suggestions.

        Example:
            >>> from ecm_plan import build_graph, load_bundled
            >>> UnknownElementError.for_graph("P1.O2", build_graph(load_bundled("sample")))
            UnknownElementError('P1.O2')
        """
        near = difflib.get_close_matches(element_id, [str(n) for n in graph], n=3)
        return cls(element_id, near)

    def __str__(self) -> str:
        """Say which id is missing and what to try instead."""
        hint = f"; did you mean {' or '.join(self.suggestions)}?" if self.suggestions else ""
        return f"no element {self.element_id!r} in {self.where}{hint}"

    def __reduce__(self) -> tuple[type[UnknownElementError], tuple[str, tuple[str, ...], str]]:
        """Pickle with the id, suggestions and what was searched."""
        return (type(self), (self.element_id, self.suggestions, self.where))


class NotInResultError(PlanError, KeyError):
    """An element asked of an analysis result is not in it.

    Raised by lookups on results, such as ``OrderOfWork.step_of`` and ``Impact.path_to``.

    Attributes:
        element_id: The id asked for.
        result: What was searched, in words (``"the order of work"``).
        known: Some ids that are in the result, to show what is valid.

    Example:
        >>> err = NotInResultError("A9", "the order of work", ("A1", "A2"))
        >>> print(err)
        'A9' is not in the order of work; it holds A1, A2
        >>> isinstance(err, KeyError)
        True

    .. versionadded:: 0.2.0
    """

    def __init__(self, element_id: str, result: str, known: Sequence[str] = ()) -> None:
        """Keep the id, the result searched and some ids that are in it."""
        self.element_id = element_id
        self.result = result
        self.known = tuple(known)
        super().__init__(element_id)

    def __str__(self) -> str:
        """Say what is missing and what the result holds."""
        if not self.known:
            return f"{self.element_id!r} is not in {self.result}, which is empty"
        shown = ", ".join(self.known[:10]) + (", ..." if len(self.known) > 10 else "")
        return f"{self.element_id!r} is not in {self.result}; it holds {shown}"

    def __reduce__(self) -> tuple[type[NotInResultError], tuple[str, str, tuple[str, ...]]]:
        """Pickle with the id, result and known ids."""
        return (type(self), (self.element_id, self.result, self.known))


class InvalidShareError(PlanError, ValueError):
    """A share of a loss is not a fraction in (0, 1].

    Attributes:
        share: The share as given.

    Example:
        >>> print(InvalidShareError(1.5))
        share must be more than 0 and at most 1 (a fraction of the money lost), not 1.5

    .. versionadded:: 0.2.0
    """

    def __init__(self, share: object) -> None:
        """Keep the share given."""
        self.share = share
        super().__init__(share)

    def __str__(self) -> str:
        """Say what was given and what is valid."""
        return (
            "share must be more than 0 and at most 1 (a fraction of the money lost), "
            f"not {self.share!r}"
        )

    def __reduce__(self) -> tuple[type[InvalidShareError], tuple[object]]:
        """Pickle with the share."""
        return (type(self), (self.share,))


class DuplicatePlanIdError(PlanError, ValueError):
    """Two plans of a portfolio share an id, so their elements could not be told apart.

    Attributes:
        duplicates: The repeated ids, sorted.

    Example:
        >>> print(DuplicatePlanIdError(["wigan-2009-12"]))
        plans in a portfolio need distinct ids; repeated: wigan-2009-12 (give each plan its own id)
        >>> isinstance(DuplicatePlanIdError(["a"]), ValueError)
        True

    .. versionadded:: 0.2.0
    """

    def __init__(self, duplicates: Sequence[str]) -> None:
        """Keep the repeated ids."""
        self.duplicates = tuple(duplicates)
        super().__init__(self.duplicates)

    def __str__(self) -> str:
        """Name the repeated ids and what to do."""
        return (
            "plans in a portfolio need distinct ids; repeated: "
            f"{', '.join(self.duplicates)} (give each plan its own id)"
        )

    def __reduce__(self) -> tuple[type[DuplicatePlanIdError], tuple[tuple[str, ...]]]:
        """Pickle with the repeated ids."""
        return (type(self), (self.duplicates,))


class CellError(PlanError, ValueError):
    """A table cell holds a figure that cannot be read without guessing.

    Raised for a digit run broken by letters ("72T953"), a unit cut off mid-word ("25.6 p"),
    misplaced thousands separators ("12,3456") and figures a money cell cannot hold.
    The library never reports a figure it had to guess; rewrite the cell as the hint says.

    Attributes:
        text: The cell as given.
        reason: What was not understood, quoting the piece of the cell.
        hint: How to write the cell so that it reads whole.

    Example:
        >>> from ecm_plan.model import Money
        >>> Money("72T953")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.CellError: cannot read the cell '72T953': the digit run '72T953' ...
        >>> err = CellError("25.6 p", "the unit of '25.6 p' is cut off", "write '25.6%'")
        >>> isinstance(err, ValueError), err.hint
        (True, "write '25.6%'")

    .. versionadded:: 0.1.0
    """

    def __init__(self, text: str, reason: str, hint: str) -> None:
        """Keep the cell text, the reason and the hint."""
        self.text = text
        self.reason = reason
        self.hint = hint
        super().__init__(text, reason, hint)

    def __str__(self) -> str:
        """Say what was not understood and how to write it."""
        return f"cannot read the cell {self.text!r}: {self.reason}; {self.hint}"

    def __reduce__(self) -> tuple[type[CellError], tuple[str, str, str]]:
        """Pickle with the text, reason and hint."""
        return (type(self), (self.text, self.reason, self.hint))


class UnknownFormatError(PlanError, ValueError):
    """A plan file format the library does not read or write.

    Attributes:
        format: The format as given.
        known: The formats there are.

    Example:
        >>> print(UnknownFormatError("xml", ("yaml", "json", "toml")))
        unknown plan file format 'xml'; use one of yaml, json, toml

    .. versionadded:: 0.2.0
    """

    def __init__(self, format: str, known: Sequence[str]) -> None:  # noqa: A002 (the name callers pass: dumps_plan(plan, format))
        """Keep the format given and the known ones."""
        self.format = format
        self.known = tuple(known)
        super().__init__(format)

    def __str__(self) -> str:
        """Name the format and the ones to use instead."""
        return f"unknown plan file format {self.format!r}; use one of {', '.join(self.known)}"

    def __reduce__(self) -> tuple[type[UnknownFormatError], tuple[str, tuple[str, ...]]]:
        """Pickle with the format and the known ones."""
        return (type(self), (self.format, self.known))


class InvalidChoiceError(PlanError, ValueError):
    """A value that must be one of a fixed set of names is not one of them.

    Raised for a node kind, a severity and the like given as text.

    Attributes:
        value: The value as given.
        what: What it should name, in words (``"node kind"``).
        choices: The names there are.

    Example:
        >>> print(InvalidChoiceError("fatal", "severity", ("info", "warning", "error")))
        'fatal' is not a severity; use one of info, warning, error

    .. versionadded:: 0.2.0
    """

    def __init__(self, value: object, what: str, choices: Sequence[str]) -> None:
        """Keep the value, what it should name and the choices."""
        self.value = value
        self.what = what
        self.choices = tuple(choices)
        super().__init__(value, what, self.choices)

    def __str__(self) -> str:
        """Name the value and the choices."""
        return f"{self.value!r} is not a {self.what}; use one of {', '.join(self.choices)}"

    def __reduce__(self) -> tuple[type[InvalidChoiceError], tuple[object, str, tuple[str, ...]]]:
        """Pickle with the facts."""
        return (type(self), (self.value, self.what, self.choices))


class InvalidFindingsError(PlanError, ValueError):
    """Text given as findings JSON is not an array of findings.

    Attributes:
        reason: What is wrong with it.

    Example:
        >>> print(InvalidFindingsError("item 0 has no 'code'"))
        not findings JSON (an array of objects with code, severity, subject and message): \
item 0 has no 'code'

    .. versionadded:: 0.2.0
    """

    def __init__(self, reason: str) -> None:
        """Keep the reason."""
        self.reason = reason
        super().__init__(reason)

    def __str__(self) -> str:
        """Say what findings JSON looks like and what is wrong."""
        return (
            "not findings JSON (an array of objects with code, severity, subject and message): "
            f"{self.reason}"
        )

    def __reduce__(self) -> tuple[type[InvalidFindingsError], tuple[str]]:
        """Pickle with the reason."""
        return (type(self), (self.reason,))


class TableShapeError(PlanError, ValueError):
    """A row of a table has more or fewer cells than the table has columns.

    Attributes:
        title: The table's title.
        row: The index of the row.
        cells: How many cells the row has.
        columns: How many columns the table has.

    Example:
        >>> print(TableShapeError("Leads", 2, 3, 2))
        row 2 of table 'Leads' has 3 cells; the table has 2 columns (give one cell per header)

    .. versionadded:: 0.2.0
    """

    def __init__(self, title: str, row: int, cells: int, columns: int) -> None:
        """Keep the facts."""
        self.title = title
        self.row = row
        self.cells = cells
        self.columns = columns
        super().__init__(title, row, cells, columns)

    def __str__(self) -> str:
        """Say which row is the wrong width."""
        return (
            f"row {self.row} of table {self.title!r} has {self.cells} cells; the table has "
            f"{self.columns} columns (give one cell per header)"
        )

    def __reduce__(self) -> tuple[type[TableShapeError], tuple[str, int, int, int]]:
        """Pickle with the facts."""
        return (type(self), (self.title, self.row, self.cells, self.columns))


class RuleConfigError(PlanError, ValueError):
    """A coverage rule configuration is wrong: an unknown rule, or a severity that is not one.

    Importable from :mod:`ecm_plan.coverage` too.

    Attributes:
        message: What is wrong and what to do.

    Example:
        >>> from ecm_plan.coverage import RuleSet
        >>> RuleSet().with_severity({"ECM101": "fatal"})
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.RuleConfigError: 'fatal' is not a severity;
        use info, warning or error

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 Defined in :mod:`ecm_plan.exceptions`.
    """

    def __init__(self, message: str) -> None:
        """Keep the message."""
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        """Return the message."""
        return self.message

    def __reduce__(self) -> tuple[type[RuleConfigError], tuple[object, ...]]:
        """Pickle with the message."""
        return (type(self), (self.message,))


class UnknownRuleError(RuleConfigError, KeyError):
    """No coverage rule has this code or name; the message suggests near ones.

    It is a :class:`KeyError` and a :class:`ValueError` as well as a :class:`PlanError`.
    Importable from :mod:`ecm_plan.coverage` too.

    Attributes:
        code: The code or name as given.
        suggestions: Codes of rules with a near code or name, best first.
        first: The first registered code, to show the range (empty if not given).
        last: The last registered code (empty if not given).

    Example:
        >>> from ecm_plan.coverage import rule
        >>> rule("ECM1O1")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownRuleError: unknown coverage rule 'ECM1O1';
        did you mean ECM101, ECM102 or ECM103?
        >>> try:
        ...     rule("outcome-not-servd")
        ... except KeyError as err:
        ...     err.suggestions
        ('ECM101', 'ECM102')
        >>> print(UnknownRuleError("X", first="ECM001", last="ECM603"))
        unknown coverage rule 'X'; the rules are ECM001 to ECM603 \
(see ecm_plan.coverage.all_rules())

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 Defined in :mod:`ecm_plan.exceptions`; the range of codes is
       passed as ``first`` and ``last``.
    """

    def __init__(
        self, code: str, suggestions: Iterable[str] = (), first: str = "", last: str = ""
    ) -> None:
        """Keep the code, the near codes and the range of codes."""
        self.code = code
        self.suggestions = tuple(suggestions)
        self.first = first
        self.last = last
        if self.suggestions:
            message = f"unknown coverage rule {code!r}; did you mean {_or(self.suggestions)}?"
        elif first and last:
            message = (
                f"unknown coverage rule {code!r}; the rules are {first} to {last} "
                "(see ecm_plan.coverage.all_rules())"
            )
        else:
            message = f"unknown coverage rule {code!r} (see ecm_plan.coverage.all_rules())"
        super().__init__(message)

    def __reduce__(self) -> tuple[type[UnknownRuleError], tuple[str, tuple[str, ...], str, str]]:
        """Pickle with the code, suggestions and range."""
        return (type(self), (self.code, self.suggestions, self.first, self.last))


def _or(items: tuple[str, ...]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


class MissingExtraError(PlanError, ImportError):
    """A feature needs a package that is not installed; the message names the extra to install.

    Attributes:
        package: The package that is missing, such as ``openpyxl``.
        extra: The ``ecm-plan`` extra that installs it, such as ``xlsx``.
        feature: What needs it, in words.

    Example:
        >>> err = MissingExtraError("openpyxl", "xlsx", "reading and writing spreadsheets")
        >>> print(err)
        reading and writing spreadsheets needs openpyxl, which is not installed; ...
        >>> isinstance(err, ImportError)
        True

    .. versionadded:: 0.2.0
    """

    def __init__(self, package: str, extra: str, feature: str) -> None:
        """Keep the package, the extra and the feature."""
        self.package = package
        self.extra = extra
        self.feature = feature
        super().__init__(package, extra, feature)

    def __str__(self) -> str:
        """Say what is missing and how to install it."""
        return (
            f"{self.feature} needs {self.package}, which is not installed; install it with "
            f'pip install "ecm-plan[{self.extra}]" (from a checkout of ecm_plan: '
            f'pip install ".[{self.extra}]")'
        )

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str, str]]:
        """Pickle with the package, extra and feature."""
        return (type(self), (self.package, self.extra, self.feature))


class UnknownRatingRuleError(PlanError, KeyError):
    """A rating rule was asked for by a name the library does not know.

    Attributes:
        name: The name as given.
        known: The names the library knows.

    Example:
        >>> print(UnknownRatingRuleError("traffic", ("default", "havering", "tolerance")))
        unknown rating rule 'traffic'; use one of default, havering, tolerance, or pass a RatingRule

    .. versionadded:: 0.2.0
    """

    def __init__(self, name: str, known: Sequence[str] = ()) -> None:
        """Keep the name and the known names."""
        self.name = name
        self.known = tuple(known)
        super().__init__(name)

    def __str__(self) -> str:
        """Say which name is unknown and what to use."""
        return (
            f"unknown rating rule {self.name!r}; use one of {', '.join(self.known)}, or pass a "
            "RatingRule"
        )

    def __reduce__(self) -> tuple[type[UnknownRatingRuleError], tuple[str, tuple[str, ...]]]:
        """Pickle with the name and the known names."""
        return (type(self), (self.name, self.known))
