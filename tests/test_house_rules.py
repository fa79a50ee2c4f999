"""House rules checked over the whole tree: every suppression says why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TREES = ("src", "tests", "benchmarks", "examples", "docs")
SUFFIXES = (".py", ".md")
# Spelled in pieces so that this file does not match its own patterns.
NOQA = re.compile(r"#\s*no" + r"qa\b(?P<rest>.*)$")
NOQA_WITH_REASON = re.compile(r"^: [A-Z]+[0-9]+(?:, ?[A-Z]+[0-9]+)* \(\S.*\)")
IGNORE = re.compile(r"#\s*type:\s*ig" + r"nore\b(?P<rest>.*)$")
IGNORE_WITH_REASON = re.compile(r"^\[[a-z-]+(?:, ?[a-z-]+)*\]\s+#\s*\S")


def _files() -> list[Path]:
    return sorted(
        path
        for tree in TREES
        for path in (ROOT / tree).rglob("*")
        if path.suffix in SUFFIXES and "_build" not in path.parts
    )


def bare_suppressions(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` whose ``noqa`` or ``type: ignore`` gives no code and reason."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        noqa = NOQA.search(line)
        if noqa and not NOQA_WITH_REASON.match(noqa["rest"]):
            found.append((number, line.strip()))
        ignore = IGNORE.search(line)
        if ignore and not IGNORE_WITH_REASON.match(ignore["rest"]):
            found.append((number, line.strip()))
    return found


class TestSuppressionsGiveReasons:
    """Every ``noqa`` names its codes and a reason in brackets; every ``type: ignore`` its codes
    and a reason in a comment after it."""

    def test_tree(self):
        """No file of the tree holds a bare suppression."""
        bare = [
            f"{path.relative_to(ROOT)}:{number}: {line}"
            for path in _files()
            for number, line in bare_suppressions(path.read_text(encoding="utf-8"))
        ]
        assert [] == bare

    def test_scans_the_tree(self):
        """The scan reads the source, the tests and the docs, not an empty list."""
        names = {path.relative_to(ROOT).parts[0] for path in _files()}
        assert {"src", "tests", "docs"} <= names

    @pytest.mark.parametrize(
        "line",
        [
            "import os  # no" + "qa",
            "import os  # no" + "qa: F401",
            "import os  # no" + "qa: F401 - unused",
            "x = f()  # type: ig" + "nore",
            "x = f()  # type: ig" + "nore[arg-type]",
            "x = f()  # type: ig" + "nore[arg-type] (reason)",
        ],
    )
    def test_bare_ones_are_caught(self, line):
        """A suppression without a code or without a reason is reported."""
        assert [(1, line)] == bare_suppressions(line)

    @pytest.mark.parametrize(
        "line",
        [
            "import os  # no" + "qa: F401 (imported for its effect)",
            "import os  # no" + "qa: F401, PLC0415 (imported on first use)",
            "x = f()  # type: ig" + "nore[arg-type]  # the wrong kind of input, on purpose",
            "x = 1",
        ],
    )
    def test_reasoned_ones_pass(self, line):
        """A suppression with its codes and a reason passes."""
        assert [] == bare_suppressions(line)
