"""``ecm-plan trajectory``: interim targets by method, beside the published figures."""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest

import ecm_plan
from ecm_plan.cli import main
from ecm_plan.exceptions import ArgumentError, ArgumentValueError, TrajectoryError
from ecm_plan.model import Value
from ecm_plan.periods import Period
from ecm_plan.report.interim import INTERIM_COLUMNS, _period_at, interim_report, interim_tables


def run(*argv):
    """Run the command line in-process: the exit code and standard output."""
    out = io.StringIO()
    code = main(list(argv), out=out, err=io.StringIO())
    return code, out.getvalue()


@pytest.fixture(scope="module")
def wigan():
    return ecm_plan.load_bundled("wigan-2009-12")


def rows_of(plan, subject, **options):
    """(period, interim, published) of one subject."""
    table, _ = interim_tables(plan, **options)
    return [(r[2], r[3], r[5]) for r in table.rows if r[0] == subject]


class TestMethods:
    """Wigan's NI 19 runs from 0.86 (2008-09 actual) to 0.73 (2011-12) in three steps."""

    def test_linear(self, wigan):
        """0.86 + (0.73 - 0.86) k / 3 = 0.8167, 0.7733, 0.73: 0.82, 0.77, 0.73 at 2 decimals."""
        assert [
            ("2008-09", "0.86", "0.86"),
            ("2009-10", "0.82", "0.81"),
            ("2010-11", "0.77", "0.77"),
            ("2011-12", "0.73", "0.73"),
        ] == rows_of(wigan, "NI 19", method="linear")

    def test_compound(self, wigan):
        """0.86 (0.73 / 0.86)^(k/3) = 0.8143, 0.7710, 0.73: the published 0.81, 0.77, 0.73."""
        assert ["0.86", "0.81", "0.77", "0.73"] == [
            r[1] for r in rows_of(wigan, "NI 19", method="compound")
        ]

    def test_step(self, wigan):
        """Step holds the baseline until the final period: 0.86, 0.86, 0.73."""
        assert ["0.86", "0.86", "0.86", "0.73"] == [
            r[1] for r in rows_of(wigan, "NI 19", method="step")
        ]

    def test_ndigits(self, wigan):
        """--ndigits replaces the plan's decimals: 0.814, 0.771 to three."""
        assert ["0.86", "0.814", "0.771", "0.730"] == [
            r[1] for r in rows_of(wigan, "NI 19", method="compound", ndigits=3)
        ]

    def test_published_beside(self, wigan):
        """The published column holds the plan's own text, blank where it gives none."""
        assert ("2009-10", "-16", "-16% (2008 data)") == rows_of(wigan, "NI 112")[1]

    def test_relative_target_resolved(self):
        """Stockton's 'reduce the 1998 baseline of 48.3 by 50% by 2010': 12 steps to 24.15."""
        rows = rows_of(ecm_plan.load_bundled("stockton-2008-11"), "P1.T1")
        assert 13 == len(rows)
        assert ("1998", "48.3", "48.3 per 1,000") == rows[0]
        assert ("2010", "24.2", "-50%") == rows[-1]


class TestLeftOut:
    def test_reasons(self):
        """Subjects without a baseline or a final target are listed with the reason."""
        _, left = interim_tables(ecm_plan.load_bundled("southend-2008-09"))
        reasons = dict(left.rows)
        assert reasons["NI 51"].startswith("no baseline")
        assert reasons["NI 115"].startswith("no final target")

    def test_compound_through_zero(self, wigan):
        """A compound path through zero is left out, saying so."""
        _, left = interim_tables(wigan, method="compound")
        assert "no compound (constant-rate) path" in dict(left.rows)["NI 112"]

    def test_not_a_number(self, wigan):
        """A final target that is not a figure is named."""
        ni19 = next(i for i in wigan.indicators if i.id == "NI 19")
        changed = attrs.evolve(ni19, targets={Period.financial_year(2009): Value("TBC")})
        plan = attrs.evolve(
            wigan, indicators=[changed if i.id == "NI 19" else i for i in wigan.indicators]
        )
        _, left = interim_tables(plan)
        assert "the final target 'TBC' is not a number" == dict(left.rows)["NI 19"]

    def test_every_subject_accounted_for(self, wigan):
        """Every indicator is either computed or left out."""
        table, left = interim_tables(wigan)
        named = {r[0] for r in table.rows} | {r[0] for r in left.rows}
        assert {i.id for i in wigan.indicators} <= named


class TestFormats:
    def test_text_sections(self):
        """Text prints the table and the list of those left out ('none' when empty)."""
        code, text = run("trajectory", "swindon-2008")
        assert 0 == code
        assert "Interim targets: swindon-2008 (linear)" in text
        assert text.endswith("Left out\n========\nnone\n")

    def test_csv(self):
        """CSV prints the blocks of the report's convention."""
        code, text = run("trajectory", "wigan-2009-12", "--format", "csv")
        assert 0 == code
        first = text.split("\n\n")[0].splitlines()
        assert "# Interim targets: wigan-2009-12 (linear)" == first[0]
        assert list(INTERIM_COLUMNS) == next(csv.reader([first[1]]))

    def test_json(self):
        """JSON gives the rows as objects and the subjects left out."""
        code, text = run("trajectory", "wigan-2009-12", "--format", "json", "--method", "step")
        data = json.loads(text)
        assert (0, 1, "step") == (code, data["format_version"], data["method"])
        assert {"subject", "step", "period", "interim", "unit", "published"} == set(data["rows"][0])
        assert all({"subject", "reason"} == set(x) for x in data["left_out"])

    def test_usage(self):
        """An unknown method or format is a usage error."""
        assert 2 == run("trajectory", "sample", "--method", "custom")[0]
        assert 2 == run("trajectory", "sample", "--format", "html")[0]

    def test_arguments(self, wigan):
        """The library functions check their arguments."""
        with pytest.raises(ArgumentError):
            interim_tables("wigan")
        with pytest.raises(TrajectoryError):
            interim_tables(wigan, method="custom")
        with pytest.raises(ArgumentValueError):
            interim_tables(wigan, ndigits=99)
        with pytest.raises(ValueError, match="not a trajectory format"):
            interim_report(wigan, format="xml")


class TestPeriods:
    @pytest.mark.parametrize(
        ("final", "back", "expected"),
        [
            (Period.financial_year(2011), 3, "2008-09"),
            (Period.calendar_year(2010), 12, "1998"),
            (Period.academic_year(2010), 1, "AY 2009-10"),
            (Period.quarter(2009, 1), 1, "2008-09 Q4"),
            (Period.quarter(2009, 4), 5, "2008-09 Q3"),
            (Period.month(2010, 1), 2, "November 2009"),
        ],
    )
    def test_period_at(self, final, back, expected):
        """The periods between are counted back from the final target in its own kind."""
        assert expected == _period_at(final, back).label
