"""Text formats of plan files: safe, bounded YAML; JSON; TOML."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Hashable
from typing import Any

import attrs
import tomli_w
import yaml

from ecm_plan.exceptions import Problem, UnknownFormatError

__all__ = [
    "FORMATS",
    "MAX_ALIASES",
    "MAX_BYTES",
    "MAX_NODES",
    "Document",
    "FormatError",
    "dumps",
    "parse",
    "parse_document",
]

FORMATS = ("yaml", "json", "toml")
MAX_BYTES = 16 * 1024 * 1024
"""The largest plan text read: the four bundled plans are each well under 1 MiB."""
MAX_ALIASES = 100
"""The most YAML aliases a plan may use (alias expansion bombs stop here)."""
MAX_NODES = 1_000_000
"""The most YAML nodes a plan may hold, aliases expanded."""


class FormatError(Exception):
    """The text is not well-formed in its format; carries problems."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems."""
        self.problems = problems
        super().__init__(problems)


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys and too many aliases or nodes.

    Dates and decimals stay text: a plan's periods are labels read by the library, and a
    figure such as ``0.80`` keeps its digits as printed. Only ``true``/``false`` are booleans
    (YAML 1.2), so that a cell reading "No" stays text.
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
            }
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0
        self._nodes = 0
        self.duplicate_problems: list[Problem] = []

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 (PyYAML's untyped Composer API)
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]  # PyYAML's parser methods are untyped
                raise yaml.YAMLError(
                    f"more than {MAX_ALIASES} YAML aliases (line {mark.line + 1}); plan files "
                    "need none, and many aliases are how expansion bombs work"
                )
        node = super().compose_node(parent, index)
        self._nodes += _size(node) if self._aliases else 1
        if self._nodes > MAX_NODES:
            raise yaml.YAMLError(f"more than {MAX_NODES} YAML nodes; the plan is too large")
        return node

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Hashable, Any]:  # noqa: ANN401 (PyYAML's untyped Constructor API)
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                self.duplicate_problems.append(
                    Problem(
                        f"line {key_node.start_mark.line + 1}",
                        f"duplicate key {key!r} (first at line {seen[key] + 1}); "
                        "YAML would keep only the last value",
                        "remove or rename one of them",
                    )
                )
            else:
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _size(node: Any, _depth: int = 0) -> int:  # noqa: ANN401 (a PyYAML node of any kind)
    if _depth > 200:
        raise yaml.YAMLError("YAML nesting deeper than 200 levels")
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(_size(n, _depth + 1) for n in node.value)
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(_size(k, _depth + 1) + _size(v, _depth + 1) for k, v in node.value)
    return 1


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}; JSON would keep only the last value")
        result[key] = value
    return result


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


def _rank(data: Any, path: str, order: dict[str, int], depth: int = 0) -> None:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    order.setdefault(path, len(order))
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            _rank(value, _join(path, key), order, depth + 1)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _rank(value, _join(path, index), order, depth + 1)


def _node_lines(
    node: Any,  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    path: str,
    lines: dict[str, int],
    problems: list[Problem],
    depth: int = 0,
    *,
    line: int | None = None,
) -> None:
    lines.setdefault(path, node.start_mark.line + 1 if line is None else line)
    if depth > _MAX_DEPTH:
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


_MAX_DEPTH = 200


def parse_document(text: str, fmt: str) -> Document:
    """Parse text into a :class:`Document`: the data, and where each key path is.

    YAML keeps the line of each key (its node tree is composed first, under the same
    limits as :func:`parse`); duplicate keys are problems that do not stop the reading, so
    that they are reported with everything else.

    Raises:
        FormatError: The text is not well-formed, or breaks a safety limit.
    """
    if fmt != "yaml":
        data = parse(text, fmt)
        order: dict[str, int] = {}
        _rank(data, "", order)
        return Document(data, {}, order)
    _check_size(text)
    try:
        loader = _BoundedLoader(text)
    except yaml.YAMLError as err:
        raise FormatError([Problem("", f"not valid YAML: {err}")]) from None
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        raise _marked(err) from None
    except yaml.YAMLError as err:
        raise FormatError([Problem("", f"YAML refused: {err}")]) from None
    except (ValueError, TypeError, RecursionError) as err:
        raise FormatError([Problem("", f"YAML could not be read: {err}")]) from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    if node is not None:
        _node_lines(node, "", lines, problems)
    order = {}
    _rank(data, "", order)
    return Document(data, lines, order, tuple(problems))


def _check_size(text: str) -> None:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise FormatError(
            [Problem("", f"the text is larger than {MAX_BYTES // (1024 * 1024)} MiB", "split it")]
        )


def _marked(err: yaml.MarkedYAMLError) -> FormatError:
    mark = err.problem_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return FormatError([Problem(where, f"not valid YAML: {err.problem}", "check the indentation")])


def parse(text: str, fmt: str) -> Any:  # noqa: ANN401 (plain data from a file or a caller, checked at run time)
    """Parse text in a format into plain data, or raise :class:`FormatError`."""
    _check_size(text)
    if fmt == "yaml":
        try:
            loader = _BoundedLoader(text)
        except yaml.YAMLError as err:
            raise FormatError([Problem("", f"not valid YAML: {err}")]) from None
        try:
            data = loader.get_single_data()
        except yaml.MarkedYAMLError as err:
            raise _marked(err) from None
        except yaml.YAMLError as err:
            raise FormatError([Problem("", f"YAML refused: {err}")]) from None
        except (ValueError, TypeError, RecursionError) as err:
            raise FormatError([Problem("", f"YAML could not be read: {err}")]) from None
        finally:
            loader.dispose()
        if loader.duplicate_problems:
            raise FormatError(loader.duplicate_problems)
        return data
    if fmt == "json":
        try:
            return json.loads(text, object_pairs_hook=_json_pairs)
        except json.JSONDecodeError as err:
            where = f"line {err.lineno}, column {err.colno}"
            raise FormatError([Problem(where, f"not valid JSON: {err.msg}")]) from None
        except ValueError as err:
            raise FormatError([Problem("", str(err))]) from None
    if fmt == "toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise FormatError([Problem("", f"not valid TOML: {err}")]) from None
    raise FormatError([Problem("", f"unknown format {fmt!r}", f"use one of {FORMATS}")])


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
_BoundedLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def dumps(data: Any, fmt: str) -> str:  # noqa: ANN401 (plain data of any shape, as json.dumps takes)
    """Write plain data in a format."""
    if fmt == "yaml":
        return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        return tomli_w.dumps(data)
    raise UnknownFormatError(fmt, FORMATS)
