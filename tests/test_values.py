"""Cell values, money and figures as the plans write them."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ecm_plan.exceptions import UnitError
from ecm_plan.model import Bound, Money, MoneyKind, Value, ValueStatus, parse_figure


class TestValue:
    @pytest.mark.parametrize(
        ("text", "status", "magnitude", "unit", "bound"),
        [
            ("86% (prov.)", ValueStatus.PROVISIONAL, 86.0, "percent", Bound.EXACT),
            ("N/A", ValueStatus.NOT_APPLICABLE, None, None, Bound.EXACT),
            ("target to be determined", ValueStatus.TO_BE_DETERMINED, None, None, Bound.EXACT),
            (
                "NI 57 - target to be determined",
                ValueStatus.TO_BE_DETERMINED,
                None,
                None,
                Bound.EXACT,
            ),
            ("18.01%", ValueStatus.FIRM, 18.01, "percent", Bound.EXACT),
            ("21.1", ValueStatus.FIRM, 21.1, None, Bound.EXACT),
            ("0.86", ValueStatus.FIRM, 0.86, None, Bound.EXACT),
            ("90%+", ValueStatus.FIRM, 90.0, "percent", Bound.AT_LEAST),
            ("<10%", ValueStatus.FIRM, 10.0, "percent", Bound.BELOW),
            ("7.9% or below", ValueStatus.FIRM, 7.9, "percent", Bound.AT_MOST),
            (">95%", ValueStatus.FIRM, 95.0, "percent", Bound.ABOVE),
            ("48.3 per 1,000", ValueStatus.FIRM, 48.3, "per_1000", Bound.EXACT),
            ("5 working days", ValueStatus.FIRM, 5.0, "working_day", Bound.EXACT),
            ("-29.6%", ValueStatus.FIRM, -29.6, "percent", Bound.EXACT),
            ("2009 target 65%", ValueStatus.FIRM, 65.0, "percent", Bound.EXACT),
            ("Commissioning framework in place", ValueStatus.TEXT, None, None, Bound.EXACT),
            (
                "LAA 2008-2011 targets in negotiation",
                ValueStatus.TO_BE_DETERMINED,
                None,
                None,
                Bound.EXACT,
            ),
            ("taken up by 25% of 13-19 year olds", ValueStatus.FIRM, 25.0, "percent", Bound.EXACT),
            ("Zero", ValueStatus.FIRM, 0.0, None, Bound.EXACT),
        ],
    )
    def test_cells(self, text, status, magnitude, unit, bound):
        """Each cell reads into its state, figure, unit and bound; the text is kept."""
        value = Value(text)
        assert (status, magnitude, unit, bound) == (
            value.status,
            value.magnitude,
            value.unit,
            value.bound,
        )
        assert text == value.text

    def test_range(self):
        """ "5-10%" is a range from 5 to 10 percent."""
        value = Value("5-10%")
        assert (5.0, 10.0, Bound.RANGE, "percent") == (
            value.magnitude,
            value.upper,
            value.bound,
            value.unit,
        )

    def test_data_year(self):
        """ "-16% (2008 data)" names its data year apart from the reporting year."""
        value = Value("-16% (2008 data)")
        assert ("2008", -16.0) == (value.data_period.label, value.magnitude)

    def test_states_are_distinct(self):
        """Provisional, N/A and to-be-determined are three states, not one missing value."""
        states = {Value(t).status for t in ("86% (prov.)", "N/A", "target to be determined")}
        assert 3 == len(states)

    def test_in_unit(self):
        """A rate per 1,000 converts to percent; a bare figure takes the default unit."""
        assert pytest.approx(4.83) == Value("48.3 per 1,000").in_unit("percent")
        assert 21.1 == Value("21.1").in_unit("percent", default_unit="percent")
        assert Value("N/A").in_unit("percent") is None

    def test_in_unit_refuses_mixed_units(self):
        """Converting a count to percent is a unit error, not a silent number."""
        with pytest.raises(UnitError, match="cannot combine"):
            Value("12 days").in_unit("percent")

    def test_quantity(self):
        """The figure as a pint quantity of the library's registry."""
        assert "85.0 percent" == str(Value("85%").quantity())

    def test_not_text(self):
        """A value is made from text only."""
        with pytest.raises(TypeError):
            Value(12)  # type: ignore[arg-type]  # the wrong kind of input, on purpose

    @given(st.text(max_size=40))
    @example("\x1f0")  # a control character that str.isspace() counts as a space
    def test_any_text(self, text):
        """Any text makes a value with a defined state and keeps the text."""
        value = Value(text)
        assert text == value.text
        assert (value.magnitude is None) == (
            value.status
            in {ValueStatus.NOT_APPLICABLE, ValueStatus.TO_BE_DETERMINED, ValueStatus.TEXT}
        )


class TestMoney:
    @pytest.mark.parametrize(
        ("text", "unit", "kind", "gbp"),
        [
            ("£175k", "GBP", MoneyKind.AMOUNT, 175_000.0),
            ("£4k", "GBP", MoneyKind.AMOUNT, 4_000.0),
            ("£2000", "GBP", MoneyKind.AMOUNT, 2_000.0),
            ("3,584", "kGBP", MoneyKind.AMOUNT, 3_584_000.0),
            ("£103m", "GBP", MoneyKind.AMOUNT, 103_000_000.0),
            ("£3.754m", "GBP", MoneyKind.AMOUNT, 3_754_000.0),
            ("£0.462m", "GBP", MoneyKind.AMOUNT, 462_000.0),
            ("£3,584", "kGBP", MoneyKind.AMOUNT, 3_584_000.0),
            ("90K ContactPoint grant", "GBP", MoneyKind.AMOUNT, 90_000.0),
            ("Nil additional", "GBP", MoneyKind.NIL, 0.0),
            ("To be confirmed", "GBP", MoneyKind.TO_BE_CONFIRMED, None),
            ("CYPS Base Budget", "GBP", MoneyKind.BASE_BUDGET, None),
            ("YCAP", "GBP", MoneyKind.UNQUANTIFIED, None),
        ],
    )
    def test_cells(self, text, unit, kind, gbp):
        """Each funding cell reads into an amount in pounds or the kind of words it holds."""
        money = Money(text, unit=unit)
        assert (kind, gbp) == (money.kind, money.gbp)

    def test_bad_unit(self):
        """Only pounds, thousands and millions of pounds are money units."""
        with pytest.raises(ValueError, match="money unit 'EUR'"):
            Money("12", unit="EUR")


class TestParseFigure:
    def test_none_without_number(self):
        """Words without a number give no figure."""
        assert parse_figure("Nil additional") is None

    def test_default_unit(self):
        """A bare number in a £000 column is in thousands of pounds."""
        figure = parse_figure("1,501", default_unit="kGBP")
        assert (1501.0, "kGBP") == (figure.magnitude, figure.unit)
