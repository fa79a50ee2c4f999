"""Due: "By when" phrases of the four source plans."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan.model import Due, DueKind, PeriodKind


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
        if due.deadline is not None:
            assert due.earliest is not None
            assert due.earliest <= due.deadline
