"""Tests for ecm_plan.monitoring.returns: actual values as data, read, written and checked."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import load_bundled
from ecm_plan.exceptions import FieldError, PlanError, PlanFileError, Problem, ReturnsError
from ecm_plan.model import Indicator, Measure, Period, Plan, Value, ValueStatus
from ecm_plan.monitoring import (
    COLUMNS,
    Return,
    Returns,
    check_returns,
    dumps_returns,
    load_returns,
    loads_returns,
    plan_actuals,
    with_plan_actuals,
)
from ecm_plan.testing import plans, returns

FY = Period.financial_year
HEADER = "indicator,period,value\n"


def problems_of(text, fmt="csv"):
    with pytest.raises(ReturnsError) as info:
        loads_returns(text, fmt)
    return [(p.path, p.message, p.hint) for p in info.value.problems]


@pytest.fixture(scope="module")
def wigan():
    return load_bundled("wigan-2009-12")


class TestLoadsCsv:
    def test_reads_every_column(self):
        """Each column lands in its field; the value keeps its state; the line is kept."""
        text = (
            "plan,indicator,period,value,status,comment,source\n"
            'wigan-2009-12,NI 56,2009-10 Q2,86% (prov.),Amber,"late, revised",PCT\n'
        )
        (row,) = loads_returns(text, "csv").rows
        assert (
            "wigan-2009-12",
            "NI 56",
            Period.quarter(2009, 2),
            "86% (prov.)",
            ValueStatus.PROVISIONAL,
            "Amber",
            "late, revised",
            "PCT",
            2,
        ) == (
            row.plan,
            row.indicator,
            row.period,
            row.value.text,
            row.value.status,
            row.status,
            row.comment,
            row.source,
            row.line,
        )

    def test_header_is_forgiving_about_case_and_spaces(self):
        """' Indicator ' is the indicator column; a BOM is skipped; blank rows are skipped."""
        text = "\ufeff Indicator ,PERIOD,Value\n\nNI 1,2009,5%\n,,\n"
        (row,) = loads_returns(text, "csv").rows
        assert (Period.calendar_year(2009), 3) == (row.period, row.line)

    def test_other_spellings_of_periods_are_read(self):
        """'Q2 2009/10' is the second quarter of 2009-10; the row keeps the period."""
        (row,) = loads_returns(HEADER + "NI 1,Q2 2009/10,5%\n", "csv").rows
        assert Period.quarter(2009, 2) == row.period

    def test_missing_required_column(self):
        """A header without 'value' is one problem, at line 1, naming the column."""
        assert [
            (
                "line 1",
                "the required column 'value' is missing",
                "the header needs indicator, period, value",
            ),
        ] == problems_of("indicator,period\nNI 1,2009-10\n")

    def test_unknown_column_has_a_hint(self):
        """An unknown column names the near column and the allowed ones."""
        [(path, message, hint)] = problems_of("indicator,period,value,stauts\nNI 1,2009,5%,ok\n")
        assert ("line 1, column 'stauts'", "unknown column 'stauts'") == (path, message)
        assert hint.startswith("did you mean 'status'?")
        assert ", ".join(COLUMNS) in hint

    def test_column_given_twice(self):
        """A column named twice is a problem."""
        [(path, message, _)] = problems_of("indicator,period,value,value\nNI 1,2009,5%,6%\n")
        assert ("line 1, column 'value'", "the column is given twice") == (path, message)

    def test_bad_period(self):
        """A period that does not read is located by line and column, with a hint."""
        [(path, message, hint)] = problems_of(HEADER + "NI 1,2009-11,5%\n")
        assert "line 2, column period" == path
        assert "cannot read '2009-11' as a period" in message
        assert "2009-10" in hint

    def test_value_that_does_not_read(self):
        """Words with no figure and no state are a problem, not a value."""
        [(path, message, _)] = problems_of(HEADER + "NI 1,2009,rising\n")
        assert "line 2, column value" == path
        assert "no figure and no state" in message

    def test_value_with_a_bad_data_year(self):
        """A cell whose data year does not read is a problem, not a raw exception."""
        [(path, message, _)] = problems_of(HEADER + "NI 1,2009,5% (2009-11 data)\n")
        assert "line 2, column value" == path
        assert "does not read" in message

    def test_empty_cells(self):
        """Empty required cells are each reported."""
        assert [
            ("line 2, column indicator", "the indicator is empty"),
            ("line 3, column value", "the value is empty"),
        ] == [(p, m) for p, m, _ in problems_of(HEADER + ",2009,5%\nNI 1,2009,\n")]

    def test_duplicate_row(self):
        """A second row for the same plan, indicator and period is reported at its line."""
        [(path, message, _)] = problems_of(HEADER + "NI 1,2009-10,5%\nNI 1,09/10,6%\n")
        assert "line 3" == path
        assert "a second value for NI 1 in 2009-10 (first at line 2)" == message

    def test_row_for_no_plan_clashes_with_a_plans_row(self):
        """A row naming no plan is for every plan, so it clashes with a plan's row."""
        text = "plan,indicator,period,value\n,NI 1,2009,5%\nsample,NI 1,2009,6%\n"
        assert ["line 3"] == [p for p, _, _ in problems_of(text)]

    def test_same_indicator_for_two_plans(self):
        """Two plans may each have a value for the same indicator and period."""
        text = "plan,indicator,period,value\nwigan-2009-12,NI 1,2009,5%\nsample,NI 1,2009,6%\n"
        assert 2 == len(loads_returns(text, "csv"))

    def test_too_many_cells(self):
        """A row with more cells than the header is reported with the count."""
        [(path, message, _)] = problems_of(HEADER + "NI 1,2009,5%,extra\n")
        assert ("line 2", "4 cells where the header has 3") == (path, message)

    def test_trailing_commas_are_tolerated(self):
        """A spreadsheet's trailing empty columns and cells are no problem."""
        (row,) = loads_returns("indicator,period,value,\nNI 1,2009,5%,,\n", "csv").rows
        assert Value("5%") == row.value

    def test_cell_under_a_nameless_column(self):
        """A cell under a column with no name is reported, not dropped."""
        [(path, message, _)] = problems_of("indicator,period,value,\nNI 1,2009,5%,lost\n")
        assert ("line 2, column 4", "a cell under a column with no name") == (path, message)

    def test_every_problem_at_once(self):
        """Problems of several rows and columns come together, in file order."""
        text = "indicator,period,value,colour\nNI 1,2009-11,x\nNI 1,2010,5%\nNI 1,2010,6%\n"
        paths = [p for p, _, _ in problems_of(text)]
        assert [
            "line 1, column 'colour'",
            "line 2, column period",
            "line 2, column value",
            "line 4",
        ] == paths

    def test_line_of_a_row_after_a_quoted_newline(self):
        """Lines count the file's lines, so a cell holding a newline moves the next row."""
        text = 'indicator,period,value,comment\nNI 1,2009,5%,"two\nlines"\nNI 1,2010,x,\n'
        assert ["line 4, column value"] == [p for p, _, _ in problems_of(text)]

    @pytest.mark.parametrize("text", ["", "   \n", "\ufeff"])
    def test_empty_file(self, text):
        """An empty file is a problem with a hint to start with a header."""
        [(path, message, hint)] = problems_of(text)
        assert ("", "the file is empty") == (path, message)
        assert hint.startswith("start with a header row")

    def test_header_only_is_no_returns(self):
        """A header and no rows are valid, empty returns (what an empty Returns dumps to)."""
        assert Returns() == loads_returns(HEADER, "csv")

    def test_bad_csv(self):
        """A stray quote is reported as CSV the library cannot read."""
        [(path, message, _)] = problems_of(HEADER + 'NI 1,2009,"5%"x\n')
        assert "line 2" == path
        assert message.startswith("not valid CSV")

    def test_unknown_format(self):
        """An unknown format is the library's error."""
        assert [("", "unknown format 'xlsx'")] == [
            (p, m) for p, m, _ in problems_of(HEADER, "xlsx")
        ]

    def test_error_is_a_plan_file_error_and_pickles(self):
        """ReturnsError is a PlanFileError and a ValueError, and it pickles with its facts."""
        with pytest.raises(PlanFileError) as info:
            loads_returns("", "csv", source="q1.csv")
        err = info.value
        assert isinstance(err, ValueError)
        again = pickle.loads(pickle.dumps(err))  # noqa: S301 (our own bytes)
        assert (ReturnsError, "q1.csv", err.problems) == (type(again), again.source, again.problems)
        assert str(err).startswith("cannot load returns q1.csv: 1 problem")

    @given(st.text(max_size=200))
    def test_arbitrary_text_loads_or_raises_the_librarys_error(self, text):
        """Any text is either returns or a ReturnsError, never another exception."""
        try:
            loaded = loads_returns(text, "csv")
        except ReturnsError as err:
            problems = err.problems
            assert problems
        else:
            assert isinstance(loaded, Returns)

    @given(
        st.lists(
            st.lists(
                st.sampled_from(["NI 1", "2009-10", "5%", "", "x", "N/A", '"', ",", "plan"])
                | st.text(max_size=8),
                max_size=5,
            ),
            max_size=5,
        )
    )
    def test_arbitrary_rows_load_or_raise_the_librarys_error(self, rows):
        """Rows of likely and unlikely cells under a valid header load or raise ReturnsError."""
        text = HEADER + "\n".join(",".join(cells) for cells in rows)
        try:
            loads_returns(text, "csv")
        except ReturnsError as err:
            problems = err.problems
            assert all(isinstance(p, Problem) for p in problems)


class TestLoadsYamlJson:
    YAML = """returns:
- indicator: NI 56
  period: 2009-10
  value: 18%
- indicator: NI 111
  period: 2010
  value: 1290
  status: green
"""

    def test_yaml(self):
        """YAML rows are read with their lines; a whole number is a cell too."""
        rows = loads_returns(self.YAML, "yaml").rows
        assert [("NI 56", 2), ("NI 111", 5)] == [(r.indicator, r.line) for r in rows]
        assert ("1290", Period.calendar_year(2010)) == (rows[1].value.text, rows[1].period)

    def test_json(self):
        """JSON rows are read the same way (without lines)."""
        text = '{"returns": [{"indicator": "NI 56", "period": "2009-10", "value": "18%"}]}'
        (row,) = loads_returns(text, "json").rows
        assert ("NI 56", None) == (row.indicator, row.line)

    def test_problems_have_key_paths_and_lines(self):
        """A bad period, an unknown key and a missing value are located by key path and line."""
        text = self.YAML.replace("2009-10", "2009-11").replace("status:", "statsu:")
        text += "- indicator: NI 1\n  period: 2011\n"
        assert [
            "returns[0].period (line 2)",
            "returns[1].statsu (line 5)",
            "returns[2].value (line 9)",
        ] == [p for p, _, _ in problems_of(text, "yaml")]

    def test_float_is_refused(self):
        """A JSON float would lose its printed digits, so it must be quoted."""
        text = '{"returns": [{"indicator": "NI 19", "period": "2009-10", "value": 0.8}]}'
        [(path, message, _)] = problems_of(text, "json")
        assert "returns[0].value" == path
        assert "put it in quotes" in message

    def test_wrong_shapes(self):
        """A list at the top, a non-list 'returns', a row that is not a mapping, other keys."""
        assert "a returns file holds a mapping" in problems_of("- a\n", "yaml")[0][1]
        assert [("returns", "'returns' must be a list of rows")] == [
            (p, m) for p, m, _ in problems_of("returns: 5\n", "yaml")
        ]
        assert ["returns[0] (line 2)"] == [p for p, _, _ in problems_of("returns:\n- 5\n", "yaml")]
        assert ["plan"] == [p for p, _, _ in problems_of("plan: x\nreturns: []\n", "yaml")]
        assert "the text is" not in problems_of("[1]", "json")[0][1]

    def test_boolean_is_not_text(self):
        """A YAML boolean where text belongs is a problem."""
        [(path, message, _)] = problems_of(
            "returns:\n- {indicator: true, period: 2009-10, value: 5%}\n", "yaml"
        )
        assert (
            "returns[0].indicator (line 2)",
            "the indicator is written as text, not bool True",
        ) == (
            path,
            message,
        )

    @pytest.mark.parametrize(("text", "fmt"), [("", "yaml"), ("# nothing\n", "yaml"), ("", "json")])
    def test_empty(self, text, fmt):
        """An empty YAML or JSON file is a problem."""
        assert problems_of(text, fmt)[0][1].startswith("the ")

    def test_syntax_error_is_located(self):
        """Broken YAML or JSON is reported with the line, through the library's error."""
        assert problems_of("returns: [\n", "yaml")[0][0].startswith("line ")
        assert problems_of('{"returns": [}', "json")[0][0].startswith("line 1")

    def test_duplicate_yaml_key(self):
        """A key given twice in a row is refused by the safe loader."""
        text = "returns:\n- indicator: NI 1\n  indicator: NI 2\n  period: 2009\n  value: 5%\n"
        assert "duplicate key 'indicator'" in problems_of(text, "yaml")[0][1]

    def test_returns_empty_list(self):
        """'returns: []' is valid, empty returns."""
        assert Returns() == loads_returns("returns: []\n", "yaml")


class TestDumpsRoundTrip:
    @given(generated=returns())
    def test_round_trip(self, generated):
        """loads_returns(dumps_returns(r, f), f) == r for every format.

        One drawn set of returns goes through all three formats, so each format sees them all.
        """
        for fmt in ("csv", "yaml", "json"):
            assert generated == loads_returns(dumps_returns(generated, fmt), fmt), fmt

    def test_csv_writes_only_used_columns(self):
        """Optional columns no row uses are left out of the CSV header."""
        r = Returns((Return("NI 1", FY(2009), Value("5%"), comment="new"),))
        assert "indicator,period,value,comment\nNI 1,2009-10,5%,new\n" == dumps_returns(r)

    def test_unknown_format(self):
        """Writing an unknown format is the library's error."""
        with pytest.raises(ReturnsError):
            dumps_returns(Returns(), "xml")


class TestLoadReturns:
    def test_documented_examples_agree(self, wigan):
        """The three example files of the format page hold the same returns, fit for Wigan."""
        docs = Path(__file__).parent.parent.parent / "docs" / "explanation"
        forms = [load_returns(docs / f"returns-example.{s}") for s in ("csv", "yaml", "json")]
        assert forms[0] == forms[1] == forms[2]
        assert 4 == len(forms[0])
        assert () == check_returns(forms[0], wigan)

    def test_file(self, tmp_path):
        """A file is read by its suffix and named in problems."""
        path = tmp_path / "q1.yml"
        path.write_text("returns:\n- {indicator: NI 1, period: 2009-13, value: 5%}\n", "utf-8")
        with pytest.raises(ReturnsError) as info:
            load_returns(path)
        assert str(path) == info.value.source

    def test_missing_file(self, tmp_path):
        """A file that does not exist is the library's error, not an OSError."""
        with pytest.raises(ReturnsError, match="cannot read the file"):
            load_returns(tmp_path / "none.csv")

    def test_not_utf8(self, tmp_path):
        """A file that is not UTF-8 is the library's error."""
        path = tmp_path / "q1.csv"
        path.write_bytes(b"indicator,period,value\nNI 1,2009,\xa35\n")
        with pytest.raises(ReturnsError, match="cannot read the file"):
            load_returns(path)


class TestReturnsValue:
    def test_return_refuses_what_a_file_cannot_hold(self):
        """Untrimmed or empty text, and words with no figure, are refused when made."""
        for bad in (
            {"indicator": " NI 1"},
            {"indicator": ""},
            {"status": ""},
            {"value": Value("rising")},
            {"value": Value(" 5%")},
        ):
            fields = {"indicator": "NI 1", "period": FY(2009), "value": Value("5%")} | bad
            with pytest.raises(FieldError):
                Return(**fields)

    def test_duplicate_rows_refused_when_made(self):
        """Returns made in code refuse clashing rows too."""
        row = Return("NI 1", FY(2009), Value("5%"))
        with pytest.raises(ReturnsError):
            Returns((row, row))
        with pytest.raises(TypeError):
            Returns(("NI 1",))

    def test_line_is_not_part_of_equality(self):
        """Two rows that differ only in their line are equal."""
        assert Return("NI 1", FY(2009), Value("5%"), line=3) == Return(
            "NI 1", FY(2009), Value("5%")
        )

    def test_series_for_plan_get(self):
        """series sorts by period and serves rows with no plan to every plan."""
        text = (
            "plan,indicator,period,value\n"
            "sample,NI 1,2010-11,7%\n"
            ",NI 1,2009-10,6%\n"
            "wigan-2009-12,NI 1,2010-11,9%\n"
            "sample,NI 2,2010-11,1%\n"
        )
        r = loads_returns(text, "csv")
        assert [(FY(2009), Value("6%")), (FY(2010), Value("7%"))] == list(
            r.series("sample", "NI 1")
        )
        assert [(FY(2009), Value("6%"))] == list(r.series(None, "NI 1"))
        assert 3 == len(r.for_plan("sample"))
        assert ("sample", None, "wigan-2009-12") == r.plans()
        assert ("NI 1", "NI 2") == r.indicators()
        assert Value("9%") == r.get("wigan-2009-12", "NI 1", FY(2010)).value
        assert r.get("sample", "NI 3", FY(2010)) is None
        assert [] == list(Returns())


class TestPlanActuals:
    @given(plan=plans(max_priorities=1), generated=returns())
    def test_merge_rule(self, plan, generated):
        """Every file row for the plan is kept; every plan actual fills a period left open."""
        both = with_plan_actuals(generated, plan)
        mine = generated.for_plan(plan.id)
        for row in mine:
            assert row == both.get(plan.id, row.indicator, row.period)
        for own in plan_actuals(plan):
            kept = both.get(plan.id, own.indicator, own.period)
            assert kept is not None
            assert kept in mine.rows or kept == own
        assert len(both) == len(mine) + sum(
            1 for own in plan_actuals(plan) if mine.get(plan.id, own.indicator, own.period) is None
        )

    def test_plan_actuals(self, wigan):
        """Every actual a plan gives is a return for that plan."""
        own = plan_actuals(wigan)
        expected = sum(len(i.actuals) for i in wigan.indicators)
        assert expected == len(own)
        assert {wigan.id} == set(own.plans())

    def test_returns_file_wins(self, wigan):
        """Where the file and the plan both give a value, the file's is kept."""
        text = HEADER + "NI 56,2008-09,18.2%\nNI 56,2009-10,17.9%\n"
        both = with_plan_actuals(loads_returns(text, "csv"), wigan)
        assert [(FY(2008), Value("18.2%")), (FY(2009), Value("17.9%"))] == list(
            both.series(wigan.id, "NI 56")
        )

    def test_other_plans_rows_are_left_out(self, wigan):
        """Rows for another plan are not part of a plan's combined returns."""
        text = "plan,indicator,period,value\nsample,NI 56,2009-10,1%\n"
        both = with_plan_actuals(loads_returns(text, "csv"), wigan)
        assert {wigan.id} == set(both.plans())


def _plan(**indicator):
    return Plan(
        id="p",
        authority="A",
        title="T",
        period=Period.span(FY(2009), FY(2011)),
        indicators=(Indicator(**({"id": "NI 56", "unit": "percent"} | indicator)),),
    )


class TestCheckReturns:
    def check(self, rows, plan):
        return [
            (p.path, p.message, p.hint) for p in check_returns(loads_returns(HEADER + rows), plan)
        ]

    def test_clean(self, wigan):
        """Returns that fit the plan give no problems, and the plan is unchanged."""
        before = load_bundled("wigan-2009-12")
        assert [] == self.check("NI 56,2009-10,17.8%\nNI 111,2009-10 Q1,300\n", wigan)
        assert before == wigan

    def test_unknown_indicator_with_suggestion(self, wigan):
        """An indicator the plan lacks is located, with the near id."""
        [(path, message, hint)] = self.check("NI 65,2009-10,5%\n", _plan())
        assert ("line 2, column indicator", "p has no indicator 'NI 65'") == (path, message)
        assert "did you mean 'NI 56'?" == hint
        [(_, _, hint)] = self.check("NI 71,2009-10,5%\n", wigan)
        assert "did you mean 'N1 71', the plan's id for it?" == hint
        [(_, _, hint)] = self.check("NI056,2009-10,5%\n", wigan)
        assert "did you mean 'NI 56', the plan's id for it?" == hint

    def test_period_outside_the_plan(self):
        """A period the plan does not cover is a problem with a hint."""
        [(path, message, hint)] = self.check("NI 56,2015-16,5%\n", _plan())
        assert "line 2, column period" == path
        assert "2015-16 is outside the plan's period 2009-10 to 2011-12" == message
        assert "check the year" in hint

    def test_period_the_plan_itself_uses_is_fine(self):
        """A baseline year before the plan, for which the plan gives an actual, is fine."""
        assert [] == self.check("NI 56,2008-09,6%\n", _plan(actuals={FY(2008): Value("6%")}))

    def test_wrong_unit(self):
        """A value whose unit does not convert to the indicator's is a problem."""
        [(path, message, hint)] = self.check("NI 56,2009-10,5 days\n", _plan())
        assert "line 2, column value" == path
        assert "NI 56 is in percent, and '5 days' is in day, which does not convert to it" == (
            message
        )
        assert "give the figure in percent" == hint

    def test_unit_from_the_catalogue(self):
        """An indicator without a unit takes the catalogue's (percent for NI 56)."""
        assert ["line 2, column value"] == [
            p for p, _, _ in self.check("NI 56,2009-10,5 days\n", _plan(unit=None))
        ]

    def test_percentage_over_100(self):
        """A percentage over 100, and a range reaching over it, are problems."""
        assert 2 == len(self.check("NI 56,2009-10,101%\nNI 56,2010-11,95-105%\n", _plan()))

    def test_negative_count(self, wigan):
        """A negative count is a problem."""
        [(_, message, _)] = self.check("NI 111,2009-10,-4\n", wigan)
        assert "below 0, the lowest figure NI 111 can take (count)" in message

    def test_change_may_be_negative(self, wigan):
        """NI 112 is a change from 1998: -40% is fine, -120% is not."""
        assert [] == self.check("NI 112,2009-10,-40%\n", wigan)
        assert 1 == len(self.check("NI 112,2010-11,-120%\n", wigan))

    def test_plans_override_of_bounds(self):
        """A plan's own measure bounds are used."""
        plan = _plan(measure=Measure(lower=-50, upper=50))
        assert [] == self.check("NI 56,2009-10,-20%\n", plan)
        assert 1 == len(self.check("NI 56,2009-10,60%\n", plan))

    def test_firm_actual_revised(self):
        """A return that differs from a firm actual in the plan is reported."""
        plan = _plan(actuals={FY(2009): Value("18%"), FY(2010): Value("19% (prov.)")})
        [(path, message, _)] = self.check("NI 56,2009-10,17%\nNI 56,2010-11,20%\n", plan)
        assert "line 2, column value" == path
        assert "'17%' differs from the firm actual '18%'" in message
        assert [] == self.check("NI 56,2009-10,18.0%\n", plan)

    def test_rows_of_other_plans_are_not_checked(self):
        """Only the rows for the plan are checked."""
        text = "plan,indicator,period,value\nother,NI 99,1990,500%\n"
        assert () == check_returns(loads_returns(text), _plan())

    def test_location_without_a_line(self):
        """Rows made in code are located by indicator and period."""
        r = Returns((Return("NI 65", FY(2009), Value("5%")),))
        assert ["NI 65 2009-10"] == [p.path for p in check_returns(r, _plan())]

    def test_is_library_errors_only(self):
        """The problem list is made of Problem values (never raised, never printed)."""
        problems = check_returns(loads_returns(HEADER + "NI 65,1990,500%\n"), _plan())
        assert all(isinstance(p, Problem) for p in problems)
        assert issubclass(ReturnsError, PlanError)
