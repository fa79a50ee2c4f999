"""The Wigan monitoring example: its output is pinned, and its figures are labelled illustrative."""

from __future__ import annotations

import csv
import os
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "monitor_wigan.py"
RETURNS = ROOT / "examples" / "wigan-2009-10-returns.csv"
GOLDEN = ROOT / "tests" / "golden" / "monitor_wigan.txt"


class TestMonitorWiganExample:
    """examples/monitor_wigan.py and its returns file."""

    def test_golden(self, capsys):
        """Output equals the golden file (set ECM_PLAN_REGEN_GOLDEN=1 to rewrite it)."""
        runpy.run_path(str(SCRIPT), run_name="__main__")
        output = capsys.readouterr().out
        if os.environ.get("ECM_PLAN_REGEN_GOLDEN") == "1":
            GOLDEN.write_text(output, encoding="utf-8")
        assert GOLDEN.read_text(encoding="utf-8") == output

    def test_every_row_is_labelled_illustrative(self):
        """Every row of the returns file says in its source column that it is illustrative."""
        with RETURNS.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert rows
        assert all("illustrative" in row["source"] for row in rows)

    def test_output_says_illustrative(self, capsys):
        """The script says the figures are illustrative, not Wigan's outturns."""
        runpy.run_path(str(SCRIPT), run_name="__main__")
        head = capsys.readouterr().out.splitlines()[:5]
        assert any("ILLUSTRATIVE" in line and "not Wigan's outturns" in line for line in head)

    def test_four_quarters(self, capsys):
        """The script monitors each quarter of 2009-10."""
        runpy.run_path(str(SCRIPT), run_name="__main__")
        out = capsys.readouterr().out
        assert [f"2009-10 Q{n}: status" in out for n in range(1, 5)] == [True] * 4
