"""Tests for the catalogue's measures: what each indicator's figure is, and plans' overrides."""

from __future__ import annotations

import csv
import io
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import bundled_plans, dumps_plan, load_bundled, loads_plan
from ecm_plan.catalog import MeasureKind, measure_of, measures, national_indicators, parse_code
from ecm_plan.exceptions import FieldError, PlanFileError, UnknownIndicatorError
from ecm_plan.model import Aggregation, Indicator, Measure, Period, Value
from ecm_plan.testing import plans
from ecm_plan.units import UNIT_NAMES

DOCS = Path(__file__).parent.parent / "docs"


def _csv_rows():
    text = resources.files("ecm_plan.catalog").joinpath("data/measures.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _national_codes_of_bundled_plans():
    found = set()
    for name in bundled_plans():
        for indicator in load_bundled(name).indicators:
            code = indicator.catalogue_code or indicator.id
            try:
                found.add((name, indicator.id, f"NI {parse_code(code).number}"))
            except UnknownIndicatorError:
                continue
    return found


class TestMeasuresData:
    def test_every_national_indicator_of_a_bundled_plan_has_a_row(self):
        """Each NI a bundled plan cites (through its catalogue code) has a row of its own."""
        codes = {m.code for m in measures()}
        cited = _national_codes_of_bundled_plans()
        assert len(cited) > 50
        assert set() == {(plan, id_, code) for plan, id_, code in cited if code not in codes}
        for _plan, _id, code in cited:
            assert "catalogue" == measure_of(code).origin

    def test_every_childrens_indicator_has_a_row(self):
        """Every National Indicator the catalogue ties to an ECM outcome has a row."""
        codes = {m.code for m in measures()}
        childrens = {ni.code for ni in national_indicators() if ni.outcome is not None}
        assert set() == childrens - codes

    def test_rows_are_well_formed(self):
        """Each row names a real NI once, a known aggregation and unit, and gives a reason."""
        rows = _csv_rows()
        assert ["code", "aggregation", "change_from", "unit", "lower", "upper", "reason"] == list(
            rows[0]
        )
        assert len(rows) == len({r["code"] for r in rows})
        known = {ni.code for ni in national_indicators()}
        for row in rows:
            assert row["code"] in known
            assert row["aggregation"] in {"level", "count"}
            assert row["unit"] == "" or row["unit"] in UNIT_NAMES
            assert len(row["reason"]) > 30, row
            if row["lower"] or row["upper"]:
                assert row["unit"], f"{row['code']}: bounds need the unit they are in"

    def test_percentages_are_bounded_by_0_and_100(self):
        """A percentage that is not a change lies within 0..100 (a gap within -100..100)."""
        for m in measures():
            if m.unit == "percent" and not m.is_change:
                assert m.lower is not None
                assert m.upper is not None
                assert -100.0 <= m.lower < m.upper <= 100.0
                assert m.lower == 0.0 or "gap" in m.reason, m.code

    def test_counts_are_never_negative(self):
        """A figure in the count unit has lower bound 0 and no upper bound."""
        counted = [m for m in measures() if m.unit == "count"]
        assert counted
        for m in counted:
            assert (0.0, None) == (m.lower, m.upper)

    def test_catalogue_choices_named_in_the_design(self):
        """NI 111 is a count over the year; NI 117 a level; NI 112 a change from 1998."""
        assert Aggregation.COUNT is measure_of("NI 111").aggregation
        assert Aggregation.LEVEL is measure_of("NI 117").aggregation
        ni112 = measure_of("NI 112")
        assert Period.calendar_year(1998) == ni112.change_from
        assert (-100.0, None) == (ni112.lower, ni112.upper)

    def test_docs_table_matches_the_csv(self):
        """docs/explanation/measures.md lists every row of the CSV, word for word."""
        page = (DOCS / "explanation" / "measures.md").read_text(encoding="utf-8")
        table = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in page.splitlines()
            if re.match(r"^\| NI \d+ \|", line)
        ]
        expected = [
            [
                r["code"],
                r["aggregation"],
                r["change_from"] or "-",
                r["unit"] or "-",
                r["lower"] or "-",
                r["upper"] or "-",
                r["reason"],
            ]
            for r in _csv_rows()
        ]
        assert expected == table


class TestMeasureOf:
    @given(st.text(max_size=12) | st.from_regex(r"N[I1.]{0,2} ?0?[0-9]{1,3}[a-c]?", fullmatch=True))
    def test_any_code_gives_a_measure_or_the_librarys_error(self, code):
        """Any text is a measure or an UnknownIndicatorError, never another exception."""
        try:
            m = measure_of(code)
        except UnknownIndicatorError:
            return
        assert m.lower is None or m.upper is None or m.lower <= m.upper

    @given(plans())
    def test_every_indicator_of_any_plan_has_a_measure(self, plan):
        """measure_of never fails for an indicator of a valid plan."""
        for indicator in plan.indicators:
            m = measure_of(indicator)
            assert (m.origin == "plan") == (indicator.measure is not None)
            assert m.lower is None or m.upper is None or m.lower <= m.upper

    def test_plan_bound_beyond_the_catalogues_other_bound(self):
        """A plan's lower bound above the catalogue's upper one drops the borrowed upper."""
        own = Indicator(id="NI 56", unit="percent", measure=Measure(lower=150))
        assert (150.0, None) == measure_of(own).bounds_for("percent")

    def test_part_takes_its_parents_row(self):
        """NI 102a is measured as NI 102 is."""
        assert measure_of("NI 102") == measure_of("NI 102a")

    def test_national_indicator_without_row_takes_its_units_bounds(self):
        """NI 1 (a percentage, not a children's indicator) gets 0..100 from its unit."""
        m = measure_of("NI 1")
        assert ("unit", "percent", 0.0, 100.0) == (m.origin, m.unit, m.lower, m.upper)

    def test_local_indicator_takes_its_units_bounds(self):
        """A local count is a level (a stock such as children looked after), never negative."""
        m = measure_of(Indicator(id="Children looked after", scheme="local", unit="count"))
        assert (Aggregation.LEVEL, 0.0, None) == (m.aggregation, m.lower, m.upper)
        assert (None, None) == measure_of(Indicator(id="X1", scheme="local")).bounds_for(None)

    def test_slip_uses_the_catalogue_code(self):
        """NI 157 written for NI 57 is measured as NI 57."""
        assert measure_of("NI 57") == measure_of(Indicator(id="NI 157", catalogue_code="NI 57"))

    def test_not_a_national_code(self):
        """A BVPI code given as text is refused with the library's error."""
        with pytest.raises(UnknownIndicatorError):
            measure_of("BVPI 197")

    def test_plan_override(self):
        """A plan's measure replaces the fields it sets and keeps the others."""
        own = Indicator(id="NI 111", unit="count", measure=Measure(aggregation="level", upper=5000))
        m = measure_of(own)
        assert ("plan", Aggregation.LEVEL, "count", 0.0, 5000.0) == (
            m.origin,
            m.aggregation,
            m.unit,
            m.lower,
            m.upper,
        )
        assert m.reason.startswith("set by the plan; ")

    def test_plan_override_in_another_unit_drops_the_catalogues_other_bound(self):
        """Bounds set in a unit the catalogue's row is not in do not borrow its other bound."""
        own = Indicator(id="NI 111", unit="percent", measure=Measure(lower=-100))
        assert (-100.0, None) == measure_of(own).bounds_for("percent")

    def test_change_from_override(self):
        """A plan can say its figure is a change from a reference baseline."""
        own = Indicator(id="NI 56", measure=Measure(change_from=Period.calendar_year(2006)))
        assert measure_of(own).is_change

    def test_breach(self):
        """Bounds apply in their own unit, to both ends of a range, and only to figures."""
        ni56 = measure_of("NI 56")
        assert ni56.breach(Value("95-104%")) is not None
        assert ni56.breach(Value("-1"), default_unit="percent") is not None
        assert ni56.breach(Value("-1"), default_unit="count") is None
        assert ni56.breach(Value("N/A")) is None
        assert measure_of("NI 111").breach(Value("-3"), "count") is not None

    def test_kind_is_a_value(self):
        """MeasureKind compares by value."""
        assert measure_of("NI 56") == MeasureKind(
            "NI 56", "level", None, "percent", 0.0, 100.0, measure_of("NI 56").reason
        )


class TestMeasureInPlanFiles:
    PLAN = """
id: x
authority: A
title: T
period: 2009-10
indicators:
- id: NI 112
  unit: percent
  measure:
    aggregation: level
    change_from: '1998'
    lower: -100
"""

    def test_round_trip(self):
        """An indicator's measure is read from and written to a plan file."""
        plan = loads_plan(self.PLAN, "yaml")
        assert Measure("level", Period.calendar_year(1998), -100.0) == plan.indicators[0].measure
        assert plan == loads_plan(dumps_plan(plan, "json"), "json")

    def test_unknown_key_is_located(self):
        """A misspelt key of a measure is reported with its path and the near key."""
        with pytest.raises(PlanFileError) as info:
            loads_plan(self.PLAN.replace("lower:", "lowr:"), "yaml")
        assert "indicators[0].measure.lowr" == info.value.problems[0].path
        assert "lower" in info.value.problems[0].hint

    def test_bad_aggregation(self):
        """An aggregation other than level or count is a located problem."""
        with pytest.raises(PlanFileError) as info:
            loads_plan(self.PLAN.replace("aggregation: level", "aggregation: sum"), "yaml")
        assert "indicators[0].measure.aggregation" == info.value.problems[0].path

    def test_bounds_the_wrong_way_round(self):
        """A measure whose upper bound is below its lower one is refused."""
        with pytest.raises(FieldError):
            Measure(lower=5, upper=1)
        with pytest.raises(FieldError):
            Measure(lower=float("nan"))
