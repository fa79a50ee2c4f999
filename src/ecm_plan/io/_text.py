r"""Text that every plan file format can hold: finding lone surrogates, with key paths.

A lone surrogate (U+D800 to U+DFFF not in a pair) can come from a JSON escape such as
``"\ud800"`` or from a Python string, but UTF-8 cannot write it, so no plan file can hold it.
Loading refuses it and dumping refuses it, each with the key path. Every other character is
kept: the dumpers escape control characters, NEL and the Unicode line separators.
"""

from __future__ import annotations

import re
from typing import Any

from ecm_plan.exceptions import Problem

__all__ = ["SURROGATE", "surrogate_problems"]

SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate: any surrogate code point in a Python string stands alone."""
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HINT = (
    "a lone surrogate cannot be written as UTF-8: remove it, or write the character meant "
    "(in JSON, a character above U+FFFF is a pair of escapes such as \\ud83d\\ude00)"
)


def _key(path: str, key: object) -> str:
    if isinstance(key, str) and _NAME.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{key!r}]"


def _problem(path: str, text: str, what: str) -> Problem:
    match = SURROGATE.search(text)
    assert match is not None  # noqa: S101 (only called after a search found one)
    code = f"U+{ord(match.group()):04X}"
    message = f"{what} holds a lone surrogate {code} at character {match.start()}"
    return Problem(path, message, _HINT)


def surrogate_problems(data: Any, path: str = "") -> list[Problem]:  # noqa: ANN401 (plain data)
    r"""Every text (key or value) in plain data that holds a lone surrogate, with its key path.

    Example:
        >>> surrogate_problems({"title": "ok", "vision": ["x\ud800"]})
        [Problem(path='vision[0]', message='the text holds a lone surrogate U+D800 at ...)]
    """
    found: list[Problem] = []
    stack: list[tuple[str, Any]] = [(path, data)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            if SURROGATE.search(item):
                found.append(_problem(where, item, "the text"))
        elif isinstance(item, dict):
            for key, value in reversed(item.items()):
                if isinstance(key, str) and SURROGATE.search(key):
                    found.append(_problem(_key(where, key), key, "the key"))
                stack.append((_key(where, key), value))
        elif isinstance(item, list | tuple):
            stack.extend((f"{where}[{i}]", value) for i, value in reversed(list(enumerate(item))))
    return found
