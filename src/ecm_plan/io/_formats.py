"""Text formats of plan files: safe, bounded YAML; JSON; TOML."""

from __future__ import annotations

import json
import os
import re
import tomllib
from typing import Any

import attrs
import yaml
import yaml.composer
import yaml.constructor
import yaml.parser
import yaml.reader
import yaml.resolver
import yaml.scanner

from ecm_plan._gc import gc_paused
from ecm_plan.exceptions import Problem, UnknownFormatError

__all__ = [
    "FORMATS",
    "MAX_ALIASES",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANDED_CHARS",
    "MAX_NODES",
    "MAX_NUMBER_CHARS",
    "UNREAD",
    "Document",
    "FormatError",
    "dumps",
    "gc_paused",
    "parse",
    "parse_document",
    "quick_yaml",
]

FORMATS = ("yaml", "json", "toml")
"""The plan file formats, by the names :func:`dumps_plan` and :func:`loads_plan` take."""
MAX_BYTES = 16 * 1024 * 1024
"""The largest plan text read: the four bundled plans are each well under 1 MiB."""
MAX_DEPTH = 64
"""The deepest nesting of lists and mappings a plan file may have (plans need about 12)."""
MAX_ALIASES = 10_000
"""The most YAML aliases a plan may use."""
MAX_NODES = 1_000_000
"""The most YAML nodes a plan may hold, each alias counted as the nodes it stands for."""
MAX_EXPANDED_CHARS = MAX_BYTES
"""The most characters of scalar text a YAML plan may hold, aliases expanded."""
MAX_NUMBER_CHARS = 100
"""The longest number (digits and separators) a parser is given; longer ones are refused."""

_SAFE_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "seq", "map", "merge")
)
_INT_TAG = "tag:yaml.org,2002:int"
_DEPTH_PROBLEM = (
    f"YAML nesting deeper than {MAX_DEPTH} levels",
    "a plan needs about 12 levels; check the indentation",
)
_USE_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False)) and (
    os.environ.get("ECM_PLAN_PURE_YAML", "") not in {"1", "true", "yes"}
)
"""Whether YAML is read with libyaml's parser; ``ECM_PLAN_PURE_YAML=1`` forces pure Python."""


class FormatError(Exception):
    """The text is not well-formed in its format; carries problems."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems."""
        self.problems = problems
        super().__init__(problems)


def _where(line: int, column: int) -> str:
    return f"line {line}, column {column}"


class _LimitError(yaml.MarkedYAMLError):
    """A safety limit or a refused tag, at a place in the YAML text."""

    def __init__(self, mark: Any, problem: str, hint: str) -> None:  # noqa: ANN401 (PyYAML mark)
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class _Resolver(yaml.resolver.Resolver):
    """Dates, decimals and ``=`` stay text; only ``true``/``false`` are booleans (YAML 1.2).

    A plan's periods are labels read by the library, a figure such as ``0.80`` keeps its
    digits as printed, and a cell reading "No" stays text.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML's own class attribute, replaced whole)
        first: [
            (tag, regexp)
            for tag, regexp in resolvers
            if tag
            not in {
                "tag:yaml.org,2002:timestamp",
                "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:float",
                "tag:yaml.org,2002:value",
            }
        ]
        for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    }


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe construction that places every failure at its line."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:  # noqa: ANN401 (PyYAML nodes)
        try:
            return super().construct_object(node, deep=deep)
        except yaml.MarkedYAMLError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError, LookupError) as err:
            tag = str(node.tag).rsplit(":", 1)[-1]
            raise _LimitError(
                node.start_mark,
                f"cannot read this {tag} value: {err}",
                "write the value as plain text, without a tag",
            ) from None


class _Checks:
    """Limits checked while YAML nodes are composed, the same for either parser.

    Depth is checked before the composer recurses; each alias counts the nodes and
    characters of what it stands for, measured once when its anchor is composed.
    """

    anchors: dict[Any, Any]

    def _init_checks(self) -> None:
        self._aliases = 0
        self._nodes = 0
        self._chars = 0
        self._depth = 0
        self._sizes: dict[str, tuple[int, int]] = {}

    def _count(self, nodes: int, chars: int, mark: Any) -> None:  # noqa: ANN401 (PyYAML mark)
        self._nodes += nodes
        self._chars += chars
        if self._nodes > MAX_NODES:
            raise _LimitError(
                mark,
                f"more than {MAX_NODES:,} YAML nodes, aliases expanded; the plan is too large",
                "split the plan, or write it without aliases",
            )
        if self._chars > MAX_EXPANDED_CHARS:
            raise _LimitError(
                mark,
                f"aliases expand the text beyond {MAX_EXPANDED_CHARS:,} characters",
                "write the plan without aliases",
            )

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 (PyYAML nodes)
        event = self.peek_event()  # type: ignore[attr-defined]  # the parser's method
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _LimitError(
                    event.start_mark,
                    f"more than {MAX_ALIASES:,} YAML aliases",
                    "write the plan without aliases",
                )
            size = self._sizes.get(str(event.anchor))
            if size is None and event.anchor in self.anchors:
                raise _LimitError(
                    event.start_mark,
                    f"the alias *{event.anchor} is inside its own anchor",
                    "a plan cannot contain itself; remove the alias",
                )
            node = super().compose_node(parent, index)  # type: ignore[misc]  # the composer's method
            if size is not None:
                self._count(*size, event.start_mark)
            return node
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _LimitError(event.start_mark, *_DEPTH_PROBLEM)
        before = (self._nodes, self._chars)
        try:
            node = super().compose_node(parent, index)  # type: ignore[misc]  # the composer's method
        finally:
            self._depth -= 1
        if node.tag not in _SAFE_TAGS:
            raise _LimitError(
                node.start_mark,
                f"the YAML tag {node.tag!r} is refused in a plan file",
                "remove the tag: plan files hold text, numbers, true/false, lists and mappings",
            )
        chars = 0
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value)
            if node.tag == _INT_TAG and chars > MAX_NUMBER_CHARS:
                raise _LimitError(
                    node.start_mark,
                    f"a number of more than {MAX_NUMBER_CHARS} characters",
                    "quote it if it is text",
                )
        self._count(1, chars, node.start_mark)
        if event.anchor is not None:
            self._sizes[event.anchor] = (self._nodes - before[0], self._chars - before[1])
        return node


class _PyLoader(
    _Checks,
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    _Resolver,
):
    """The bounded loader on PyYAML's pure-Python parser."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self._init_checks()


_CLoader: type[Any] | None = None
if getattr(yaml, "__with_libyaml__", False):  # pragma: no branch (libyaml is on CI)

    class _CLoaderClass(
        _Checks,
        yaml.composer.Composer,
        yaml._yaml.CParser,  # noqa: SLF001 (PyYAML's libyaml binding has no public name)
        _Constructor,
        _Resolver,
    ):
        """The bounded loader on libyaml's parser: events from C, nodes composed here."""

        def __init__(self, stream: str) -> None:
            yaml._yaml.CParser.__init__(self, stream)  # noqa: SLF001 (as above)
            yaml.composer.Composer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)
            self._init_checks()

    _CLoader = _CLoaderClass


_LIBYAML_NESTS = _CLoader is not None and tuple(
    int(part)
    for part in yaml._yaml.get_version_string().split(".")[:3]  # noqa: SLF001 (as above)
) >= (0, 2, 5)
"""Whether libyaml refuses deep nesting itself (from 0.2.5), so that its composer is bounded."""

_PlainCLoader: type[Any] | None = None
if _LIBYAML_NESTS:  # pragma: no branch (libyaml is on CI)

    class _PlainCLoaderClass(
        yaml._yaml.CParser,  # noqa: SLF001 (as above)
        _Constructor,
        _Resolver,
    ):
        """libyaml's parser and composer, both in C: the node tree is checked once it is built."""

        def __init__(self, stream: str) -> None:
            yaml._yaml.CParser.__init__(self, stream)  # noqa: SLF001 (as above)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

    _PlainCLoader = _PlainCLoaderClass

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"

UNREAD = object()
"""What :func:`quick_yaml` gives for a text it leaves to :func:`parse_document`."""


def _plain_data(root: Any, loader: Any) -> Any:  # noqa: ANN401 (PyYAML nodes and their plain data)
    """The plain data of a node tree well inside every limit, or :data:`UNREAD`.

    One pass checks the tree and builds its data as the safe constructor would. It is
    stricter than the bounded composer: any alias, merge, duplicate key, tag other than text,
    integer, true/false and null, or nesting, node count or text size near a limit gives
    :data:`UNREAD`, and the bounded reading reads the text and reports.
    """
    scalar, mapping, sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
    bools = yaml.constructor.SafeConstructor.bool_values
    seen: set[int] = set()
    nodes = chars = 0
    top: list[Any] = [None]
    stack: list[tuple[Any, int, Any, Any]] = [(root, 1, top, 0)]
    pop, push = stack.pop, stack.append

    def plain(node: Any) -> Any:  # noqa: ANN401 (a scalar node and its value)
        tag = node.tag
        if tag == _STR_TAG:
            return node.value
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG:
            return bools.get(node.value.lower(), UNREAD)
        if tag == _INT_TAG and len(node.value) < MAX_NUMBER_CHARS:
            return loader.construct_yaml_int(node)
        return UNREAD

    while stack:
        node, depth, into, slot = pop()
        if depth >= MAX_DEPTH or id(node) in seen:
            return UNREAD
        seen.add(id(node))
        nodes += 1
        kind = type(node)
        if kind is scalar:
            chars += len(node.value)
            value = plain(node)
            if value is UNREAD:
                return UNREAD
            into[slot] = value
        elif kind is mapping and node.tag == _MAP_TAG:
            data: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not scalar or id(key_node) in seen:
                    return UNREAD
                seen.add(id(key_node))
                nodes += 1
                chars += len(key_node.value)
                key = plain(key_node)
                if key is UNREAD or key in data:
                    return UNREAD
                data[key] = None
                push((value_node, depth + 1, data, key))
            into[slot] = data
        elif kind is sequence and node.tag == _SEQ_TAG:
            items: list[Any] = [None] * len(node.value)
            stack.extend([(item, depth + 1, items, i) for i, item in enumerate(node.value)])
            into[slot] = items
        else:
            return UNREAD
    if nodes >= MAX_NODES or chars >= MAX_EXPANDED_CHARS:
        return UNREAD
    return top[0]


def quick_yaml(text: str) -> Any:  # noqa: ANN401 (plain data of any shape)
    """The plain data of a YAML text well inside every limit, or :data:`UNREAD`.

    libyaml composes the nodes in C and one pass checks them and builds the data. Text this
    does not vouch for (deep, large, with aliases, merges, duplicate keys or other tags, not
    well-formed) gives :data:`UNREAD`: :func:`parse_document` reads it, and reports. The data
    is the same as :func:`parse_document`'s, which also finds the line of every key path:
    that is needed only to place a problem.
    """
    # A text of at most MAX_NODES characters composes fewer nodes than the bounded composer
    # allows (an alias shares its anchor's node), so composing it whole is bounded too; one of
    # at most MAX_BYTES // 4 characters is at most MAX_BYTES bytes of UTF-8.
    if not _USE_LIBYAML or _PlainCLoader is None or len(text) > min(MAX_NODES, MAX_BYTES // 4):
        return UNREAD
    try:
        loader = _PlainCLoader(text)
    except yaml.YAMLError:
        return UNREAD
    try:
        node = loader.get_single_node()
        return UNREAD if node is None else _plain_data(node, loader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return UNREAD
    finally:
        loader.dispose()


def _BoundedLoader(stream: str) -> Any:  # noqa: ANN401, N802 (a loader, named as the class it was)
    """A bounded safe YAML loader: libyaml's parser when present, else PyYAML's own."""
    if _USE_LIBYAML and _CLoader is not None:
        return _CLoader(stream)
    return _PyLoader(stream)


@attrs.frozen
class Document:
    """Plain data parsed from a plan file, with where each key path is and what went wrong.

    Attributes:
        data: The plain data (mappings, lists, strings, numbers, booleans).
        lines: The line (1-based) each key path starts on, for YAML; empty otherwise.
        order: The rank of each key path in document order, for sorting problems.
        problems: Problems found while parsing that do not stop reading (duplicate keys).
    """

    data: Any
    lines: dict[str, int]
    order: dict[str, int]
    problems: tuple[Problem, ...] = ()


def _join(path: str, key: object) -> str:
    if isinstance(key, int) and not isinstance(key, bool):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _rank(data: Any, path: str, order: dict[str, int], depth: int = 0) -> None:  # noqa: ANN401 (plain data of any shape)
    order.setdefault(path, len(order))
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            _rank(value, _join(path, key), order, depth + 1)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _rank(value, _join(path, index), order, depth + 1)


def _node_lines(
    node: Any,  # noqa: ANN401 (a PyYAML node)
    path: str,
    lines: dict[str, int],
    problems: list[Problem],
    depth: int = 0,
    *,
    line: int | None = None,
) -> None:
    lines.setdefault(path, node.start_mark.line + 1 if line is None else line)
    if depth > MAX_DEPTH:
        return
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            here = _join(path, key)
            key_line = key_node.start_mark.line + 1
            if isinstance(key, str) and key in seen:
                problems.append(
                    Problem(
                        here,
                        f"duplicate key {key!r} (first at line {seen[key]}); "
                        "YAML would keep only the last value",
                        "remove or rename one of them",
                        line=key_line,
                    )
                )
            elif isinstance(key, str):
                seen[key] = key_line
            _node_lines(value_node, here, lines, problems, depth + 1, line=key_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, _join(path, index), lines, problems, depth + 1)


def _reader_problem(err: yaml.reader.ReaderError, text: str) -> FormatError:
    """A character YAML cannot hold raw, at its line and column, worded alike by both parsers."""
    code = err.character if isinstance(err.character, int) else 0
    # libyaml counts bytes of UTF-8 and PyYAML characters; the reader stops at the first one.
    found = text.find(chr(code)) if code else -1
    position = found if found >= 0 else min(err.position, len(text))
    return FormatError(
        [
            Problem(
                _position(text, position),
                f"the character U+{code:04X} cannot be written raw in YAML",
                f'write it as the escape "\\u{code:04x}" in a double-quoted string',
            )
        ]
    )


def _compose_yaml(text: str) -> tuple[Any, Any]:
    """The YAML node tree and its plain data, or raise :class:`FormatError`."""
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as err:
        raise _reader_problem(err, text) from None
    except yaml.YAMLError as err:  # pragma: no cover (only the reader checks at creation)
        raise FormatError([Problem("", f"not valid YAML: {err}")]) from None
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except yaml.reader.ReaderError as err:
        raise _reader_problem(err, text) from None
    except _LimitError as err:
        raise _limit(err) from None
    except yaml.MarkedYAMLError as err:
        raise _marked(err) from None
    except yaml.YAMLError as err:
        raise FormatError([Problem("", f"YAML refused: {_plain(err)}")]) from None
    except (ValueError, TypeError, RecursionError) as err:  # pragma: no cover (defensive)
        raise FormatError([Problem("", f"YAML could not be read: {err}")]) from None
    finally:
        loader.dispose()
    return node, data


def parse_document(text: str, fmt: str) -> Document:
    """Parse text into a :class:`Document`: the data, and where each key path is.

    YAML keeps the line of each key (its node tree is composed first, under the same
    limits as :func:`parse`); duplicate keys are problems that do not stop the reading, so
    that they are reported with everything else, in JSON with their key path too.

    Raises:
        FormatError: The text is not well-formed, or breaks a safety limit.
    """
    _check_size(text)
    order: dict[str, int] = {}
    if fmt != "yaml":
        data = _parse_other(text, fmt)
        problems = _json_duplicates(data) if fmt == "json" else []
        _check_depth(data)
        _rank(data, "", order)
        return Document(data, {}, order, tuple(problems))
    node, data = _compose_yaml(text)
    lines: dict[str, int] = {}
    found: list[Problem] = []
    if node is not None:
        _node_lines(node, "", lines, found)
    _rank(data, "", order)
    return Document(data, lines, order, tuple(found))


def _check_size(text: str) -> None:
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise FormatError(
            [Problem("", f"the text is larger than {MAX_BYTES // (1024 * 1024)} MiB", "split it")]
        )


def _plain(err: yaml.YAMLError) -> str:
    """PyYAML's message without the source snippet, which only the pure parser prints."""
    return str(err).split("\n", 1)[0] if not isinstance(err, yaml.MarkedYAMLError) else str(err)


def _marked(err: yaml.MarkedYAMLError) -> FormatError:
    mark = err.problem_mark
    where = _where(mark.line + 1, mark.column + 1) if mark else ""
    if "maximum nesting depth" in str(err.problem):  # libyaml's own limit, met while reading ahead
        return FormatError([Problem(where, *_DEPTH_PROBLEM)])
    return FormatError([Problem(where, f"not valid YAML: {err.problem}", "check the indentation")])


def _limit(err: _LimitError) -> FormatError:
    mark = err.problem_mark
    where = _where(mark.line + 1, mark.column + 1) if mark else ""
    return FormatError([Problem(where, str(err.problem), err.hint)])


_JSON_TOKENS = re.compile(
    r'"[^"\\]*(?:\\[\s\S][^"\\]*)*(?:"|\\?\Z)|[\[\]{}]'
    rf"|[0-9][0-9eE.+\-]{{{MAX_NUMBER_CHARS},}}"
)
_TOML_TOKENS = re.compile(
    r'"""[\s\S]*?(?:"""|\Z)|\'\'\'[\s\S]*?(?:\'\'\'|\Z)'
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"?|\'[^\'\n]*\'?|#[^\n]*'
    rf"|[\[\]{{}}]|[0-9][0-9_eE.+\-:xobTZ]{{{MAX_NUMBER_CHARS},}}"
)


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return _where(line, index - text.rfind("\n", 0, index))


def _prescan(text: str, tokens: re.Pattern[str], name: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and overlong numbers before parsing.

    One linear pass over the text: strings (and TOML comments) are skipped whole, brackets
    and braces outside them are counted.
    """
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        first = token[0]
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise FormatError(
                    [
                        Problem(
                            _position(text, match.start()),
                            f"{name} nesting deeper than {MAX_DEPTH} levels",
                            "a plan needs about 12 levels",
                        )
                    ]
                )
        elif first in "]}":
            depth = max(depth - 1, 0)
        elif first.isdigit():
            raise FormatError(
                [
                    Problem(
                        _position(text, match.start()),
                        f"a number of more than {MAX_NUMBER_CHARS} characters",
                        "quote it if it is text",
                    )
                ]
            )


def _check_depth(data: Any) -> None:  # noqa: ANN401 (plain data)
    """Refuse data nested deeper than :data:`MAX_DEPTH` (TOML's dotted keys nest too)."""
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        path, item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise FormatError(
                [
                    Problem(
                        path,
                        f"nesting deeper than {MAX_DEPTH} levels",
                        "a plan needs about 12 levels",
                    )
                ]
            )
        if isinstance(item, dict):
            stack.extend((_join(path, k), v, depth + 1) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((_join(path, i), v, depth + 1) for i, v in enumerate(item))


class _JsonObject(dict[str, Any]):
    """A JSON object that had duplicate keys; the last value of each is kept."""

    duplicates: list[str]


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    duplicates: list[str] = []
    for key, value in pairs:
        if key in result:
            duplicates.append(key)
        result[key] = value
    if not duplicates:
        return result
    marked = _JsonObject(result)
    marked.duplicates = duplicates
    return marked


def _json_duplicates(data: Any) -> list[Problem]:  # noqa: ANN401 (plain data)
    """A problem at the key path of each duplicate key in parsed JSON."""
    found: list[Problem] = []
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        path, item, depth = stack.pop()
        if depth > MAX_DEPTH:
            continue
        if isinstance(item, _JsonObject):
            found.extend(
                Problem(
                    _join(path, key),
                    f"duplicate key {key!r}; JSON would keep only the last value",
                    "remove or rename one of them",
                )
                for key in dict.fromkeys(item.duplicates)
            )
        if isinstance(item, dict):
            stack.extend((_join(path, k), v, depth + 1) for k, v in reversed(item.items()))
        elif isinstance(item, list):
            stack.extend((_join(path, i), v, depth + 1) for i, v in reversed(list(enumerate(item))))
    return found


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _parse_other(text: str, fmt: str) -> Any:  # noqa: ANN401 (plain data)
    """Parse JSON or TOML under the same limits as YAML."""
    if fmt == "json":
        _prescan(text, _JSON_TOKENS, "JSON")
        try:
            return json.loads(text, object_pairs_hook=_json_pairs)
        except json.JSONDecodeError as err:
            where = _where(err.lineno, err.colno)
            raise FormatError([Problem(where, f"not valid JSON: {err.msg}")]) from None
        except (ValueError, RecursionError) as err:  # pragma: no cover (the prescan stops these)
            raise FormatError([Problem("", f"JSON could not be read: {err}")]) from None
    if fmt == "toml":
        _prescan(text, _TOML_TOKENS, "TOML")
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            message = str(err)
            at = _TOML_AT.search(message)
            where = _where(int(at[1]), int(at[2])) if at else ""
            message = message[: at.start()] if at else message
            raise FormatError([Problem(where, f"not valid TOML: {message}")]) from None
        except (ValueError, RecursionError) as err:  # pragma: no cover (the prescan stops these)
            raise FormatError([Problem("", f"TOML could not be read: {err}")]) from None
    raise FormatError([Problem("", f"unknown format {fmt!r}", f"use one of {FORMATS}")])


def parse(text: str, fmt: str) -> Any:  # noqa: ANN401 (plain data of any shape, as json.loads gives)
    """Parse text in a format into plain data, or raise :class:`FormatError`.

    Duplicate keys, which :func:`parse_document` reports with everything else, are
    errors here.
    """
    doc = parse_document(text, fmt)
    if doc.problems:
        raise FormatError(list(doc.problems))
    return doc.data


class _Dumper(yaml.SafeDumper):
    """Block style, no aliases, long text kept readable."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ANN401, ARG002 (PyYAML's untyped Representer API; the data is not needed)
        return True


_ESCAPED = re.compile("[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Characters a YAML plain, single-quoted or literal scalar would fold, drop or refuse.

NEL (U+0085) and U+2028/U+2029 are line breaks to a YAML 1.1 reader, a carriage return
becomes a line feed, and controls cannot be written raw; all of them survive only as escapes
in a double-quoted scalar, which PyYAML writes when the style asks for one.
"""


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if _ESCAPED.search(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_presenter)


def dumps(data: Any, fmt: str) -> str:  # noqa: ANN401 (plain data of any shape, as json.dumps takes)
    """Write plain data in a format."""
    if fmt == "yaml":
        return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        import tomli_w  # noqa: PLC0415 (TOML files are rare: keep the import off the start-up)

        return tomli_w.dumps(data)
    raise UnknownFormatError(fmt, FORMATS)
