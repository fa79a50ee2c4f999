"""Plan files: load and dump YAML (the authored format), JSON and TOML; the JSON Schema.

Loading never executes anything from a file (YAML is read with a safe loader that also
refuses duplicate keys and alias expansion bombs), and reports every problem at once, each with
its key path in the file and a hint, as one :class:`~ecm_plan.exceptions.PlanFileError`.
Writing a file is atomic: a crash mid-write leaves the old file intact.

Example:
    >>> from ecm_plan import loads_plan, dumps_plan
    >>> text = '''
    ... id: demo
    ... authority: Anytown
    ... title: Demo
    ... period: 2009-10
    ... priorities:
    ...   - id: P1
    ...     titel: Reduce teenage pregnancy
    ... '''
    >>> loads_plan(text, "yaml")
    Traceback (most recent call last):
    ...
    ecm_plan.exceptions.PlanFileError: cannot load <string>: 2 problems
      - priorities[0].title: this required key is missing (hint: add it)
      - priorities[0].titel: unknown key 'titel' (hint: did you mean 'title'?)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ecm_plan.exceptions import PlanFileError, PlanValidationError, Problem
from ecm_plan.io._errors import problems_from
from ecm_plan.io._formats import FORMATS, FormatError, dumps, parse
from ecm_plan.io.converter import configure_converter, make_converter
from ecm_plan.io.schema import plan_schema
from ecm_plan.model import Plan

__all__ = [
    "FORMATS",
    "configure_converter",
    "dump_plan",
    "dumps_plan",
    "format_of",
    "load_plan",
    "loads_plan",
    "make_converter",
    "plan_schema",
]

_CONVERTER = make_converter()
_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}


def format_of(path: str | os.PathLike[str]) -> str:
    """The format of a plan file, from its suffix (``.yaml``/``.yml``, ``.json``, ``.toml``).

    Raises:
        PlanFileError: The suffix is not one of those.

    Example:
        >>> format_of("plans/wigan.yml")
        'yaml'
        >>> format_of("plan.txt")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.PlanFileError: cannot load plan.txt: 1 problem
          - (document): unknown file suffix '.txt' (hint: name the file .yaml, .yml, .json or .toml)
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise PlanFileError(
            str(path),
            [
                Problem(
                    "",
                    f"unknown file suffix {suffix!r}",
                    "name the file .yaml, .yml, .json or .toml",
                )
            ],
        )
    return _SUFFIXES[suffix]


def _structure(data: Any, source: str) -> Plan:  # noqa: ANN401 (plain data parsed from a file, of any shape)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise PlanFileError(
            source,
            [
                Problem(
                    "",
                    f"a plan file holds a mapping of keys, but this one is {kind}",
                    "start with 'id:', 'authority:', 'title:' and 'period:'",
                )
            ],
        )
    try:
        return _CONVERTER.structure(data, Plan)
    except PlanValidationError as err:
        raise PlanFileError(source, err.problems) from None
    except Exception as err:  # noqa: BLE001 (every structuring failure becomes problems)
        problems = problems_from(err)
        raise PlanFileError(source, problems or [Problem("", str(err))]) from None


def loads_plan(text: str, format: str = "yaml", *, source: str = "<string>") -> Plan:  # noqa: A002 (the documented keyword, as in json and tomllib)
    """Read a plan from text.

    Args:
        text: The plan file's text.
        format: ``"yaml"``, ``"json"`` or ``"toml"``.
        source: The name to give in error messages.

    Returns:
        The plan, with every cross-reference checked.

    Raises:
        PlanFileError: Every problem found, each with its key path and a hint.

    Example:
        >>> plan = loads_plan('{"id": "demo", "authority": "A", "title": "T", '
        ...                   '"period": "2009-10"}', "json")
        >>> plan.period.label
        '2009-10'
    """
    try:
        data = parse(text, format)
    except FormatError as err:
        raise PlanFileError(source, err.problems) from None
    return _structure(data, source)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file; the format comes from the suffix.

    Raises:
        PlanFileError: The file cannot be read, or every problem found in it.

    Example:
        >>> import tempfile, pathlib
        >>> from ecm_plan import load_bundled
        >>> with tempfile.TemporaryDirectory() as d:
        ...     path = pathlib.Path(d) / "sample.json"
        ...     dump_plan(load_bundled("sample"), path)
        ...     load_plan(path) == load_bundled("sample")
        True
    """
    fmt = format_of(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PlanFileError(str(path), [Problem("", f"cannot read the file: {err}")]) from None
    return loads_plan(text, fmt, source=str(path))


def dumps_plan(plan: Plan, format: str = "yaml") -> str:  # noqa: A002 (the documented keyword, as in json and tomllib)
    """Write a plan as text; :func:`loads_plan` reads it back to an equal plan.

    Raises:
        UnknownFormatError: ``format`` is not yaml, json or toml (a :class:`ValueError`).

    Example:
        >>> from ecm_plan import load_bundled
        >>> plan = load_bundled("sample")
        >>> loads_plan(dumps_plan(plan, "toml"), "toml") == plan
        True
        >>> dumps_plan(plan, "xml")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.UnknownFormatError: unknown plan file format 'xml'; use one of yaml,
        json, toml
    """
    return dumps(_CONVERTER.unstructure(plan), format)


def dump_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write a plan file atomically; the format comes from the suffix.

    The text goes to a temporary file in the same folder, which then replaces the target in
    one step, so a crash mid-write leaves any old file intact.

    Example:
        >>> import tempfile, pathlib
        >>> from ecm_plan import load_bundled
        >>> with tempfile.TemporaryDirectory() as d:
        ...     dump_plan(load_bundled("sample"), pathlib.Path(d) / "sample.yaml")
        ...     sorted(p.name for p in pathlib.Path(d).iterdir())
        ['sample.yaml']
    """
    target = Path(path)
    text = dumps_plan(plan, format_of(target))
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
