"""Plan files: load and dump YAML (the authored format), JSON and TOML; the JSON Schema.

Loading never executes anything from a file (YAML is read with a safe loader that also
refuses duplicate keys, unsafe tags and alias expansion bombs), is bounded in time and
memory for any input (see :doc:`/explanation/untrusted-input`), and reports every problem at
once, each with
its key path in the file (and its line, for YAML) and a hint, as one
:class:`~ecm_plan.exceptions.PlanFileError`, in the order of the file: structural problems,
values of the wrong shape, unknown or duplicate ids and measured values without a figure come
from the same load.
Writing a file is atomic: a crash mid-write leaves the old file intact; the file keeps its
permissions, a symbolic link keeps pointing at it, and nothing is touched when the plan
cannot be written.

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
      - line 7: priorities[0].title: this required key is missing (hint: add it)
      - line 8: priorities[0].titel: unknown key 'titel' (hint: did you mean 'title'?)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from ecm_plan import _args
from ecm_plan.exceptions import (
    ArgumentError,
    PlanFileError,
    PlanValidationError,
    PlanWriteError,
    Problem,
)
from ecm_plan.io._errors import problems_from
from ecm_plan.io._formats import (
    FORMATS,
    MAX_BYTES,
    UNREAD,
    Document,
    FormatError,
    dumps,
    gc_paused,
    parse_document,
    quick_yaml,
)
from ecm_plan.io._limits import period_problems, value_problems, within_limits
from ecm_plan.io._raw import raw_problems
from ecm_plan.io._text import surrogate_problems
from ecm_plan.io.builder import PlanBuilder
from ecm_plan.io.converter import configure_converter, make_converter
from ecm_plan.io.schema import plan_schema
from ecm_plan.io.spreadsheet import (
    SheetMapping,
    read_csv_plan,
    read_workbook,
    write_workbook,
)
from ecm_plan.model import Plan

__all__ = [
    "FORMATS",
    "PlanBuilder",
    "SheetMapping",
    "configure_converter",
    "dump_plan",
    "dumps_plan",
    "format_of",
    "load_plan",
    "loads_plan",
    "make_converter",
    "plan_schema",
    "read_csv_plan",
    "read_workbook",
    "write_workbook",
]

_CONVERTER = make_converter()
_O_BINARY = getattr(os, "O_BINARY", 0)
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
    _args.require_path(path, "path")
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


_BRACKETED_KEY = re.compile(r"""\[(?:'([^']*)'|"([^"]*)")\]""")
_LAST_PART = re.compile(r"(?:\.[^.\[]+|\[[^\]]*\])$")


def _ancestry(path: str) -> list[str]:
    """The path and each of its parents, up to the document (``""``)."""
    path = _BRACKETED_KEY.sub(lambda m: "." + (m.group(1) or m.group(2) or ""), path)
    found = [path]
    while path:
        shorter = _LAST_PART.sub("", path)
        path = "" if shorter == path else shorter
        found.append(path)
    return found


def _located(problem: Problem, doc: Document) -> tuple[Problem, int]:
    """The problem with its YAML line, and its rank in document order."""
    chain = _ancestry(problem.path)
    line = problem.line
    if line is None:
        line = next((doc.lines[p] for p in chain if p in doc.lines), None)
        if line is not None:
            problem = attrs.evolve(problem, line=line)
    rank = next((doc.order[p] for p in chain if p in doc.order), -1)
    return problem, rank


def _sorted(problems: list[Problem], doc: Document) -> list[Problem]:
    """Located problems, each once, in the order of the file."""
    seen: set[tuple[str, str]] = set()
    ranked = []
    for problem in problems:
        if (problem.path, problem.message) in seen:
            continue
        seen.add((problem.path, problem.message))
        located, rank = _located(problem, doc)
        ranked.append((located.line or 0, rank, located.path, located))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked]


_Locate = Callable[[], Document]
"""Gives the document with the line of each key path, to place problems in the file."""


def _structure(data: Any, source: str, found: tuple[Problem, ...], locate: _Locate) -> Plan:  # noqa: ANN401 (plain data)
    """The plan the data holds, or raise every problem, each placed in the file by ``locate``."""
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
    problems = list(found)
    try:
        plan = _CONVERTER.structure(data, Plan)
    except PlanValidationError as err:
        # Every field was read; the plan's own checks (references, figures) found these.
        problems.extend(err.problems)
    except Exception as err:  # noqa: BLE001 (every structuring failure becomes problems)
        problems.extend(problems_from(err) or [Problem("", str(err))])
        # The plan was never built, so its checks run over what the file holds.
        problems.extend(raw_problems(data))
    else:
        problems.extend(period_problems(plan))
        if not problems:
            return plan
    raise PlanFileError(source, _sorted(problems, locate()))


def loads_plan(text: str, format: str = "yaml", *, source: str = "<string>") -> Plan:  # noqa: A002 (the name callers pass, as in dumps_plan(plan, format))
    r"""Read a plan from text.

    A byte order mark at the start of the text is skipped. Every text in the plan loads
    exactly as written, or is refused: a lone surrogate (such as the JSON escape
    ``"\ud800"`` on its own) cannot be written as UTF-8, so it is a problem at its key path.

    Args:
        text: The plan file's text.
        format: ``"yaml"``, ``"json"`` or ``"toml"``.
        source: The name to give in error messages.

    Returns:
        The plan, with every cross-reference checked.

    Any text at all either loads or raises :class:`~ecm_plan.exceptions.PlanFileError`:
    nesting, numbers, texts, ids, years and YAML aliases are limited, each refused at its
    key path or its line and column (see :doc:`/explanation/untrusted-input`).

    Raises:
        PlanFileError: Every problem found, each with its key path and a hint.
        ArgumentError: ``text`` is not a string.

    Example:
        >>> plan = loads_plan('{"id": "demo", "authority": "A", "title": "T", '
        ...                   '"period": "2009-10"}', "json")
        >>> plan.period.label
        '2009-10'
        >>> loads_plan('{"id": "demo", "vision": ' + "[" * 100 + "]" * 100 + "}", "json")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.PlanFileError: cannot load <string>: 1 problem
          - line 1, column 89: JSON nesting deeper than 64 levels (hint: ...)
    """
    _args.require_text(text, "text")
    _args.require_text(format, "format")
    _args.require_text(source, "source")
    text = text.removeprefix("\ufeff")
    with gc_paused():
        data = quick_yaml(text) if format == "yaml" else UNREAD
        if data is UNREAD:
            try:
                doc = parse_document(text, format)
            except FormatError as err:
                raise PlanFileError(source, err.problems) from None
            data, found = doc.data, doc.problems

            def locate() -> Document:
                return doc

        else:
            found = ()

            def locate() -> Document:
                # The quick reading keeps no lines: read again, to place the problems.
                return parse_document(text, format)

        problems = [] if within_limits(data) else surrogate_problems(data) or value_problems(data)
        if problems:
            raise PlanFileError(source, _sorted(problems, locate()))
        return _structure(data, source, found, locate)


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file; the format comes from the suffix.

    Only a regular file is read (a FIFO, a device or a folder is refused without blocking),
    and never more than 16 MiB and one byte of it.

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
    _args.require_path(path, "path")
    fmt = format_of(path)
    return loads_plan(_read_text(path), fmt, source=str(path))


def _read_text(path: str | os.PathLike[str]) -> str:
    """The text of a regular file of at most :data:`MAX_BYTES`, read without blocking.

    The path is checked before it is opened, and the open file again (it may have been
    replaced in between); a FIFO, device or folder is refused rather than read.
    """

    def refused(message: str, hint: str = "") -> PlanFileError:
        return PlanFileError(str(path), [Problem("", message, hint)])

    try:
        if not stat.S_ISREG(Path(path).stat().st_mode):
            raise refused("not a regular file", "give the path of a plan file")
        handle = os.open(path, os.O_RDONLY | _O_BINARY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):  # pragma: no cover (a race)
                raise refused("not a regular file", "give the path of a plan file")
            chunks = []
            left = MAX_BYTES + 1
            while left > 0:
                chunk = os.read(handle, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(handle)
    except OSError as err:
        raise refused(f"cannot read the file: {err.strerror or err}") from None
    data = b"".join(chunks)
    if len(data) > MAX_BYTES:
        raise refused(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB", "split it")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise refused(
            f"the file is not UTF-8 text (byte {err.start}: {err.reason})",
            "save it as UTF-8",
        ) from None


def dumps_plan(plan: Plan, format: str = "yaml") -> str:  # noqa: A002 (the name callers pass, as in dumps_plan(plan, format))
    r"""Write a plan as text; :func:`loads_plan` reads it back to an equal plan.

    Every text survives the round trip in every format: control characters (NUL included),
    NEL (U+0085), the line and paragraph separators (U+2028, U+2029), a byte order mark and
    carriage returns are written as escapes (YAML in a double-quoted scalar, JSON and TOML in
    their ordinary strings), so they load back exactly.

    Args:
        plan: The plan.
        format: ``"yaml"``, ``"json"`` or ``"toml"``.

    Raises:
        ArgumentError: ``plan`` is not a :class:`~ecm_plan.model.Plan`.
        PlanValidationError: A text holds a lone surrogate, which no file can hold, or a
            value is past a limit that loading checks (a text over 10,000 characters, a
            figure of more than 17 digits, a year outside 1900 to 2100), so the file could
            not be read back; each problem names its key path.

    Raises:
        UnknownFormatError: ``format`` is not yaml, json or toml (a :class:`ValueError`).

    Example:
        >>> import attrs
        >>> from ecm_plan import load_bundled
        >>> plan = load_bundled("sample")
        >>> loads_plan(dumps_plan(plan, "toml"), "toml") == plan
        True
        >>> odd = attrs.evolve(plan, title="Bell\x07 and NEL\x85 kept")
        >>> all(loads_plan(dumps_plan(odd, f), f) == odd for f in ("yaml", "json", "toml"))
        True
        >>> dumps_plan(None)
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: plan must be a Plan, not NoneType; ...
    """
    _args.require_text(format, "format")
    if not isinstance(plan, Plan):
        raise ArgumentError.for_value("plan", "a Plan", plan)
    data = _CONVERTER.unstructure(plan)
    problems = surrogate_problems(data) or value_problems(data) + period_problems(plan)
    if problems:
        raise PlanValidationError(problems)
    return dumps(data, format)


def _create_temp(folder: Path, name: str, mode: int | None) -> tuple[int, Path]:
    """Create a new temporary file beside the target; the kernel applies the umask."""
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
        try:
            if mode is not None:
                os.fchmod(handle, mode) if hasattr(os, "fchmod") else tmp.chmod(mode)
        except BaseException:
            os.close(handle)
            tmp.unlink(missing_ok=True)
            raise
        return handle, tmp
    raise FileExistsError(f"no free temporary name beside {name}")  # pragma: no cover


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover (folders cannot be opened on Windows)
        return
    handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def dump_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write a plan file atomically; the format comes from the suffix.

    The plan is checked and serialised in full first, so that nothing is touched when it
    cannot be written. The bytes then go to a new temporary file in the target's folder
    (``.NAME.<random>.tmp``), which is flushed and synced to disk and then replaces the
    target in one step; the folder is synced too. A crash mid-write leaves any old file
    intact, and an error or interrupt (:exc:`KeyboardInterrupt` included) removes the
    temporary file; only a hard kill at the wrong moment can leave one behind, which is
    safe to delete.

    - An existing file keeps its permission bits (and its owner and group, where the
      operating system allows); a new file gets ``0o666`` less the umask, as any editor's.
    - A symbolic link is followed: its target is replaced and the link stays a link (a loop
      of links is a PlanWriteError).
    - A file with several hard links is replaced by a new file, so the other names keep
      the old content: atomic replacement cannot keep hard links.

    Args:
        plan: The plan.
        path: The file to write: ``.yaml``/``.yml``, ``.json`` or ``.toml``.

    Raises:
        ArgumentError: ``plan`` is not a :class:`~ecm_plan.model.Plan` (nothing is touched).
        PlanFileError: The suffix is not a plan file's (nothing is touched).
        PlanValidationError: A text holds a lone surrogate (nothing is touched).
        PlanWriteError: The operating system refused; the old file is unchanged.

    Example:
        >>> import tempfile, pathlib
        >>> from ecm_plan import load_bundled
        >>> with tempfile.TemporaryDirectory() as d:
        ...     dump_plan(load_bundled("sample"), pathlib.Path(d) / "sample.yaml")
        ...     sorted(p.name for p in pathlib.Path(d).iterdir())
        ['sample.yaml']
        >>> dump_plan(None, "sample.yaml")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: plan must be a Plan, not NoneType; ...
    """
    if not isinstance(plan, Plan):
        raise ArgumentError.for_value("plan", "a Plan", plan)
    fmt = format_of(path)
    data = dumps_plan(plan, fmt).encode("utf-8")
    target = Path(os.path.realpath(path))
    try:
        _write_replace(target, data)
    except OSError as err:
        raise PlanWriteError(str(path), err.strerror or str(err), err.errno) from err


def _write_replace(target: Path, data: bytes) -> None:
    if target.is_symlink():  # realpath stops at a loop of links
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(target))
    try:
        old = target.stat()
    except FileNotFoundError:
        old = None
    mode = stat.S_IMODE(old.st_mode) if old is not None else None
    handle, tmp = _create_temp(target.parent, target.name, mode)
    try:
        try:
            if old is not None and hasattr(os, "fchown"):
                with contextlib.suppress(OSError):
                    os.fchown(handle, old.st_uid, old.st_gid)
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
