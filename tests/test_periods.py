"""Periods: financial and academic years, quarters, months, seasons, spans."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ecm_plan.exceptions import InvalidPeriodError, PlanError
from ecm_plan.model import PeriodKind
from ecm_plan.periods import Period, financial_year_of, parse_period, quarters_of
from ecm_plan.testing import periods, written_dates


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


class TestDates:
    """One reading of dates: ISO, UK day first, spreadsheet months and date objects."""

    @pytest.mark.parametrize(
        "text", ["2010-03-31", "31/03/2010", "31/3/10", "31.03.10", "31-03-2010", "31-Mar-2010"]
    )
    def test_day_forms(self, text):
        """Each written form of 31 March 2010 reads as that day, with day precision."""
        period = parse_period(text)
        assert (PeriodKind.DAY, dt.date(2010, 3, 31)) == (period.kind, period.start)
        assert period.start == period.end

    @pytest.mark.parametrize(
        ("text", "label"),
        [
            ("Apr-10", "April 2010"),
            ("Mar 2010", "March 2010"),
            ("March 2010", "March 2010"),
            ("Mar-2010", "March 2010"),
        ],
    )
    def test_month_forms(self, text, label):
        """Spreadsheet month forms read as the whole month, not a day of it."""
        period = parse_period(text)
        assert (label, PeriodKind.MONTH) == (period.label, period.kind)

    def test_day_first_never_month_first(self):
        """03/04/2010 is 3 April: an American month-first reading is never guessed."""
        assert dt.date(2010, 4, 3) == parse_period("03/04/2010").start

    def test_month_first_is_refused(self):
        """12/31/2010 has no month 31 read day first; the error says dates are day first."""
        with pytest.raises(InvalidPeriodError, match="day first"):
            parse_period("12/31/2010")

    @pytest.mark.parametrize(
        ("text", "year"),
        [("31/3/00", 2000), ("31/3/69", 2069), ("31/3/70", 1970), ("31/3/98", 1998)],
    )
    def test_two_digit_year_pivot(self, text, year):
        """Two-digit years 00-69 are 20xx and 70-99 are 19xx."""
        assert year == parse_period(text).start.year

    def test_two_digit_financial_year_across_the_century(self):
        """99/00 is the financial year 1999-00 (the pivot applies to years in labels too)."""
        assert dt.date(1999, 4, 1) == parse_period("99/00").start

    def test_date_object(self):
        """A datetime.date reads as its day."""
        assert "2010-03-31" == parse_period(dt.date(2010, 3, 31)).label

    def test_datetime_object(self):
        """A datetime.datetime with a time reads as the day it falls on."""
        period = parse_period(dt.datetime(2010, 3, 31, 14, 30))  # noqa: DTZ001 (a naive time is what spreadsheets give)
        assert (PeriodKind.DAY, "2010-03-31") == (period.kind, period.label)

    def test_wrong_type(self):
        """A value that is neither text nor a date is an InvalidPeriodError naming its type."""
        with pytest.raises(InvalidPeriodError, match="not int"):
            parse_period(2010)

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ("31/02/2010", "February 2010 has 28 days, not 31; write a day such as '28/02/2010'"),
            ("30/02/2010", "February 2010 has 28 days, not 30"),
            ("00/01/2010", "January 2010 has 31 days, not 0"),
            ("2010-13-45", "there is no month 13; write a date such as '2010-03-31'"),
            ("29/02/2009", "February 2009 has 28 days"),
            ("0000-01-01", "there is no year 0"),
            ("0000", "there is no year 0"),
        ],
    )
    def test_impossible_dates(self, text, reason):
        """An impossible date is an InvalidPeriodError naming the text, why, and how to write it."""
        with pytest.raises(InvalidPeriodError) as info:
            parse_period(text)
        assert text == info.value.text
        assert reason in info.value.reason

    def test_leap_day(self):
        """29 February exists in a leap year."""
        assert dt.date(2008, 2, 29) == parse_period("29/02/2008").start

    def test_non_ascii_letters_are_not_month_names(self):
        """'ſept 2008' (a long s) is not read as September: month names are ASCII."""
        with pytest.raises(InvalidPeriodError):
            parse_period("\u017fept 2008")

    @given(written_dates())
    def test_written_forms_read_back(self, pair):
        """Every written form of a day reads back as that day."""
        day, text = pair
        period = parse_period(text)
        assert (PeriodKind.DAY, day, day) == (period.kind, period.start, period.end)

    @given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    def test_four_digit_forms_read_back_in_any_year(self, day):
        """ISO and dd/mm/yyyy forms read back for any year a date can have."""
        assert day == parse_period(day.isoformat()).start
        assert day == parse_period(f"{day.day:02d}/{day.month:02d}/{day.year:04d}").start
        assert day == parse_period(day).start

    @given(
        st.integers(1970, 2069),
        st.integers(1, 12),
        st.integers(0, 99),
        st.sampled_from(["{d}/{m}/{y}", "{y}-{m:02d}-{d:02d}", "{d:02d}.{m:02d}.{yy:02d}"]),
    )
    def test_impossible_day_raises(self, year, month, day, form):
        """A day the month does not have is an InvalidPeriodError, in every numeric form."""
        assume(not 1 <= day <= calendar.monthrange(year, month)[1])
        text = form.format(d=day, m=month, y=year, yy=year % 100)
        with pytest.raises(InvalidPeriodError, match="no such day"):
            parse_period(text)

    @given(st.integers(1970, 2069), st.integers(13, 99), st.integers(1, 28))
    def test_impossible_month_raises(self, year, month, day):
        """A month above 12 is an InvalidPeriodError, never read as a year."""
        for text in (f"{day}/{month}/{year}", f"{year}-{month}-{day:02d}"):
            with pytest.raises(InvalidPeriodError, match="no month"):
                parse_period(text)

    @given(st.one_of(st.text(max_size=30), written_dates().map(lambda pair: pair[1] + "x")))
    def test_any_text_reads_or_raises_invalid_period(self, text):
        """Any text is a period or an InvalidPeriodError, never another exception."""
        try:
            period = parse_period(text)
        except InvalidPeriodError:
            return
        assert period.start <= period.end
