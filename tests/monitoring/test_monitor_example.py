"""The Wigan monitoring example: its output is pinned, and its figures are labelled illustrative."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "monitor_wigan.py"
RETURNS = ROOT / "examples" / "wigan-2009-10-returns.csv"
GOLDEN = ROOT / "tests" / "golden" / "monitor_wigan.txt"


@pytest.fixture(scope="module")
def output() -> str:
    """What the script prints, run once for the tests that read it."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        runpy.run_path(str(SCRIPT), run_name="__main__")
    return printed.getvalue()


class TestMonitorWiganExample:
    """examples/monitor_wigan.py and its returns file."""

    def test_golden(self, output):
        """Output equals the golden file (set ECM_PLAN_REGEN_GOLDEN=1 to rewrite it)."""
        if os.environ.get("ECM_PLAN_REGEN_GOLDEN") == "1":
            GOLDEN.write_text(output, encoding="utf-8")
        assert GOLDEN.read_text(encoding="utf-8") == output

    def test_every_row_is_labelled_illustrative(self):
        """Every row of the returns file says in its source column that it is illustrative."""
        with RETURNS.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert rows
        assert all("illustrative" in row["source"] for row in rows)

    def test_output_says_illustrative(self, output):
        """The script says the figures are illustrative, not Wigan's outturns."""
        head = output.splitlines()[:5]
        assert any("ILLUSTRATIVE" in line and "not Wigan's outturns" in line for line in head)

    def test_four_quarters(self, output):
        """The script monitors each quarter of 2009-10."""
        assert [f"2009-10 Q{n}: status" in output for n in range(1, 5)] == [True] * 4
