"""Periods: financial and academic years, quarters, months, seasons, spans."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan.exceptions import InvalidPeriodError, PlanError
from ecm_plan.model import PeriodKind
from ecm_plan.periods import Period, financial_year_of, parse_period, quarters_of
from ecm_plan.testing import periods


class TestParsePeriod:
    @pytest.mark.parametrize(
        ("text", "label", "kind"),
        [
            ("2009-10", "2009-10", PeriodKind.FINANCIAL_YEAR),
            ("08/09", "2008-09", PeriodKind.FINANCIAL_YEAR),
            ("2008/09", "2008-09", PeriodKind.FINANCIAL_YEAR),
            ("2009/2010", "2009-10", PeriodKind.FINANCIAL_YEAR),
            ("FY 2009-10", "2009-10", PeriodKind.FINANCIAL_YEAR),
            ("1999-00", "1999-00", PeriodKind.FINANCIAL_YEAR),
            ("Q2 2009-10", "2009-10 Q2", PeriodKind.QUARTER),
            ("Qtr 2 2009/10", "2009-10 Q2", PeriodKind.QUARTER),
            ("2009-10 Q4", "2009-10 Q4", PeriodKind.QUARTER),
            ("AY 2009-10", "AY 2009-10", PeriodKind.ACADEMIC_YEAR),
            ("academic year 2009/10", "AY 2009-10", PeriodKind.ACADEMIC_YEAR),
            ("October 2008", "October 2008", PeriodKind.MONTH),
            ("Sept 2008", "September 2008", PeriodKind.MONTH),
            ("July 08.", "July 2008", PeriodKind.MONTH),
            ("End of March 2010", "March 2010", PeriodKind.MONTH),
            ("Summer 2009", "Summer 2009", PeriodKind.SEASON),
            ("summer 08", "Summer 2008", PeriodKind.SEASON),
            ("Autumn term 2008", "Autumn term 2008", PeriodKind.SEASON),
            ("2010", "2010", PeriodKind.CALENDAR_YEAR),
            ("31 March 2010", "2010-03-31", PeriodKind.DAY),
            ("31/03/2010", "2010-03-31", PeriodKind.DAY),
            ("2008-09 to 2010-11", "2008-09 to 2010-11", PeriodKind.SPAN),
            ("2008 - 2011", "2008 to 2011", PeriodKind.SPAN),
            ("2008- 2011", "2008 to 2011", PeriodKind.SPAN),
            ("April 2008 to March 2011", "2008-09 to 2010-11", PeriodKind.SPAN),
        ],
    )
    def test_spellings(self, text, label, kind):
        """Every spelling the plans use reads to the right period and its canonical label."""
        period = parse_period(text)
        assert (label, kind) == (period.label, period.kind)

    def test_financial_year_bounds(self):
        """A financial year runs 1 April to 31 March."""
        period = parse_period("2008-09")
        assert (dt.date(2008, 4, 1), dt.date(2009, 3, 31)) == (period.start, period.end)

    def test_quarters_are_financial(self):
        """Q1 is April-June and Q4 is January-March of the next calendar year."""
        q1, q4 = parse_period("2009-10 Q1"), parse_period("2009-10 Q4")
        assert (dt.date(2009, 4, 1), dt.date(2009, 6, 30)) == (q1.start, q1.end)
        assert (dt.date(2010, 1, 1), dt.date(2010, 3, 31)) == (q4.start, q4.end)

    def test_academic_year_bounds(self):
        """An academic year runs 1 September to 31 August."""
        period = parse_period("AY 2009-10")
        assert (dt.date(2009, 9, 1), dt.date(2010, 8, 31)) == (period.start, period.end)

    @pytest.mark.parametrize(
        ("text", "fragment"),
        [
            ("2009-11", "consecutive years"),
            ("31 February 2009", "no such day"),
            ("Q5 2009-10", "use a label"),
            ("13/13/2009", "no such day"),
            ("", "empty"),
            ("sometime soon", "use a label"),
            ("2011 to 2009", "ends before"),
        ],
    )
    def test_impossible_or_unreadable(self, text, fragment):
        """Impossible dates and unreadable labels raise InvalidPeriodError saying why."""
        with pytest.raises(InvalidPeriodError, match=fragment) as info:
            parse_period(text)
        assert isinstance(info.value, PlanError)
        assert isinstance(info.value, ValueError)

    @given(periods())
    def test_label_round_trip(self, period):
        """Every period's canonical label reads back to the same period."""
        assert period == parse_period(period.label)

    @given(st.text(max_size=30))
    def test_never_raises_anything_else(self, text):
        """Any text either reads as a period or raises the documented InvalidPeriodError."""
        try:
            period = parse_period(text)
        except InvalidPeriodError:
            return
        assert period.start <= period.end


class TestPeriod:
    def test_ends_before_start(self):
        """A period that ends before it starts cannot be made."""
        with pytest.raises(InvalidPeriodError, match="ends before it starts"):
            Period(PeriodKind.DAY, dt.date(2010, 1, 2), dt.date(2010, 1, 1))

    def test_month_out_of_range(self):
        """Month 13 is an error, not a wrap-around."""
        with pytest.raises(InvalidPeriodError, match="1 to 12"):
            Period.month(2009, 13)

    def test_unknown_season(self):
        """An unknown season name is an error listing the known ones."""
        with pytest.raises(InvalidPeriodError, match="not a season"):
            Period.season(2009, "monsoon")

    def test_winter_crosses_year(self):
        """Winter 2009 runs December 2009 to February 2010 (leap years respected)."""
        winter = Period.season(2011, "winter")
        assert (dt.date(2011, 12, 1), dt.date(2012, 2, 29)) == (winter.start, winter.end)

    def test_contains_and_overlaps(self):
        """A quarter lies inside its financial year and overlaps two calendar years' span."""
        fy = Period.financial_year(2009)
        assert fy.contains(Period.quarter(2009, 4))
        assert not fy.contains(Period.calendar_year(2009))
        assert fy.overlaps(Period.calendar_year(2010))
        assert not fy.overlaps(Period.calendar_year(2011))

    def test_ordering(self):
        """Periods order by start, then end, then precision."""
        day = Period.day(dt.date(2009, 4, 1))
        items = [Period.financial_year(2009), Period.month(2009, 4), day]
        assert ["2009-04-01", "April 2009", "2009-10"] == [p.label for p in sorted(items)]

    def test_repr_reads_back(self):
        """The repr shows the label."""
        assert "Period('2009-10 Q2')" == repr(Period.quarter(2009, 2))

    @given(periods(), periods())
    def test_overlap_is_symmetric(self, a, b):
        """Overlap does not depend on the order of the periods."""
        assert a.overlaps(b) == b.overlaps(a)


class TestQuartersOf:
    def test_year(self):
        """A financial year has four quarters in order."""
        assert 4 == len(quarters_of(Period.financial_year(2009)))

    def test_span(self):
        """A three-year span has twelve quarters."""
        span = parse_period("2009-10 to 2011-12")
        quarters = quarters_of(span)
        assert ["2009-10 Q1", "2011-12 Q4"] == [quarters[0].label, quarters[-1].label]
        assert 12 == len(quarters_of(span))

    def test_month_has_none(self):
        """A month holds no whole quarter."""
        assert () == quarters_of(Period.month(2009, 5))


class TestFinancialYearOf:
    @pytest.mark.parametrize(
        ("day", "label"),
        [(dt.date(2009, 3, 31), "2008-09"), (dt.date(2009, 4, 1), "2009-10")],
    )
    def test_boundary(self, day, label):
        """31 March belongs to the year that started the April before."""
        assert label == financial_year_of(day).label
