"""Due: "By when" phrases of the four source plans."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ecm_plan.exceptions import InvalidPeriodError
from ecm_plan.model import Due, DueKind, PeriodKind
from ecm_plan.periods import parse_period
from ecm_plan.testing import written_dates


class TestDue:
    @pytest.mark.parametrize(
        ("text", "kind", "labels"),
        [
            ("October 2008", DueKind.BY, ["October 2008"]),
            ("Summer 2009", DueKind.BY, ["Summer 2009"]),
            ("End of March 2010", DueKind.BY, ["March 2010"]),
            ("July 08.", DueKind.BY, ["July 2008"]),
            ("Sept 2008", DueKind.BY, ["September 2008"]),
            ("2010 (Phase 3 – all areas)", DueKind.BY, ["2010"]),
            ("Annual review of Plan", DueKind.RECURRING, []),
            ("Ongoing from April 2007", DueKind.FROM, ["April 2007"]),
            ("From April 2008.", DueKind.FROM, ["April 2008"]),
            ("In line with National timetable", DueKind.EXTERNAL, []),
            ("3 year action plan (2008- 2011)", DueKind.SPAN, ["2008 to 2011"]),
            ("3 Year Plan (2007 – 2010) reviewed annually.", DueKind.SPAN, ["2007 to 2010"]),
            ("December 2008 March 2009", DueKind.BY, ["December 2008", "March 2009"]),
            (
                "October 2008 (3 year programme outputs monitored October annually)",
                DueKind.BY,
                ["October 2008"],
            ),
            ("Rolling programme to be reviewed every 2 years", DueKind.RECURRING, []),
            ("Apply for pilot", DueKind.UNSCHEDULED, []),
            ("", DueKind.NONE, []),
            ("Q2 2009/10", DueKind.BY, ["2009-10 Q2"]),
            ("3 Year Plan 2008 to 2011.", DueKind.SPAN, ["2008 to 2011"]),
            (
                "Three year (2008-2011) strategy to be agreed by July 2008.",
                DueKind.BY,
                ["July 2008"],
            ),
            ("by Q4", DueKind.UNSCHEDULED, []),
        ],
    )
    def test_source_plan_phrases(self, text, kind, labels):
        """Each phrase of the source plans reads into its kind and the periods it names."""
        due = Due(text)
        assert (kind, labels) == (due.kind, [p.label for p in due.periods])
        assert text == due.text

    def test_precision_is_kept(self):
        """A season stays a season, a month a month: no day is invented."""
        assert PeriodKind.SEASON == Due("Summer 2009").periods[0].kind
        assert PeriodKind.MONTH == Due("Sept 2008").periods[0].kind

    def test_two_dates_deadline(self):
        """The deadline of "December 2008 March 2009" is the end of the later month."""
        due = Due("December 2008 March 2009")
        assert dt.date(2009, 3, 31) == due.deadline
        assert dt.date(2008, 12, 1) == due.earliest
        assert "December 2008 to March 2009" == due.window.label

    @pytest.mark.parametrize(
        "text", ["Annual review of Plan", "In line with National timetable", "Apply for pilot"]
    )
    def test_no_date_invented(self, text):
        """Text that names no time gets no period and no deadline."""
        due = Due(text)
        assert (None, None, ()) == (due.deadline, due.window, due.periods)

    def test_from_has_no_deadline(self):
        """Work ongoing from a date has a start but no deadline."""
        due = Due("Ongoing from April 2007")
        assert due.deadline is None
        assert due.is_dated

    @given(st.text(max_size=60))
    def test_any_text_reads(self, text):
        """Any text makes a Due (never an exception) and keeps the text exactly."""
        due = Due(text)
        assert text == due.text
        assert all(isinstance(err, InvalidPeriodError) for err in due.problems)
        if due.deadline is not None:
            assert due.earliest is not None
            assert due.earliest <= due.deadline


class TestDueDates:
    """Due reads its dates through parse_period: one reading of dates."""

    @pytest.mark.parametrize(
        "text",
        [
            "2010-03-31",
            "31/03/2010",
            "31/3/10",
            "31.03.10",
            "31-03-2010",
            "31 March 2010",
            "By 31/03/2010.",
        ],
    )
    def test_day_forms(self, text):
        """Each written form of 31 March 2010 is due by that day, with day precision."""
        due = Due(text)
        assert (DueKind.BY, dt.date(2010, 3, 31)) == (due.kind, due.deadline)
        assert PeriodKind.DAY == due.periods[0].kind

    @pytest.mark.parametrize(
        ("text", "deadline"),
        [
            ("Apr-10", dt.date(2010, 4, 30)),
            ("Mar 2010", dt.date(2010, 3, 31)),
            ("March 2010", dt.date(2010, 3, 31)),
            ("Mar-2010", dt.date(2010, 3, 31)),
        ],
    )
    def test_month_forms(self, text, deadline):
        """Spreadsheet month forms are due by the end of the month, with month precision."""
        due = Due(text)
        assert (deadline, PeriodKind.MONTH) == (due.deadline, due.periods[0].kind)

    def test_day_first(self):
        """03/04/2010 is due by 3 April 2010, never 4 March."""
        assert dt.date(2010, 4, 3) == Due("03/04/2010").deadline

    def test_date_object(self):
        """A datetime.date is due by that day and kept as its ISO text."""
        due = Due(dt.date(2010, 3, 31))
        assert ("2010-03-31", dt.date(2010, 3, 31)) == (due.text, due.deadline)

    def test_datetime_object(self):
        """A datetime.datetime with a time is due by the day it falls on."""
        due = Due(dt.datetime(2010, 3, 31, 17, 45))  # noqa: DTZ001 (a naive time is what spreadsheets give)
        assert ("2010-03-31", dt.date(2010, 3, 31)) == (due.text, due.deadline)

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("31/02/2010", "February 2010 has 28 days, not 31"),
            ("30/02/2010", "February 2010 has 28 days, not 30"),
            ("00/01/2010", "January 2010 has 31 days, not 0"),
            ("2010-13-45", "there is no month 13"),
        ],
    )
    def test_impossible_date_is_not_a_year(self, text, reason):
        """An impossible date gives no period (never its year) and keeps the error saying why."""
        due = Due(text)
        assert (text, (), None) == (due.text, due.periods, due.deadline)
        assert [text] == [err.text for err in due.problems]
        assert reason in due.problems[0].reason

    def test_readable_dates_have_no_problems(self):
        """A due whose dates all exist has no problems."""
        assert () == Due("31/03/2010").problems

    def test_impossible_date_beside_a_good_one(self):
        """A good date in the same text is still read; the impossible one is still reported."""
        due = Due("31/02/2010, or March 2010 at the latest")
        assert ["March 2010"] == [p.label for p in due.periods]
        assert ["31/02/2010"] == [err.text for err in due.problems]

    @given(written_dates())
    def test_written_forms_read_back(self, pair):
        """Every written form of a day is due by that day, as parse_period reads it."""
        day, text = pair
        due = Due(text)
        assert (day, day, ()) == (due.deadline, due.earliest, due.problems)
        assert parse_period(text) == due.periods[0]

    @given(written_dates())
    def test_date_objects_read_back(self, pair):
        """A date object is due by that day."""
        day, _ = pair
        assert day == Due(day).deadline

    @given(st.integers(1970, 2069), st.integers(1, 12), st.integers(29, 99))
    def test_impossible_day_is_reported(self, year, month, day):
        """A day the month does not have gives no period and an InvalidPeriodError."""
        assume(day > calendar.monthrange(year, month)[1])
        due = Due(f"{day}/{month}/{year}")
        assert (False, 1) == (due.is_dated, len(due.problems))
        assert isinstance(due.problems[0], InvalidPeriodError)
