"""Tests for the ECM6xx rules, indicators against the catalogue, each both ways."""

from __future__ import annotations

import attrs
from coverage_plans import found, make_indicator, make_plan, make_priority, subjects, with_indicator

from ecm_plan.coverage import check
from ecm_plan.findings import Severity


class TestECM601IndicatorUnknownCode:
    """ECM601: indicator codes not in the National Indicator Set."""

    def test_dropped_indicator(self):
        """NI 31 was dropped: an error, with the reason and the neighbours suggested."""
        result = check(with_indicator(make_indicator("NI 31", title=None)), ["ECM601"])
        assert [("NI 31", Severity.ERROR)] == [(f.subject, f.severity) for f in result]
        assert "NI 31 was dropped" in result[0].message
        assert "Did you mean NI 30 or NI 32?" == result[0].hint

    def test_misspelt_code(self):
        """'N1 71' is not a code; NI 71 is suggested."""
        result = check(with_indicator(make_indicator("N1 71", title=None)), ["ECM601"])
        assert "Did you mean NI 71?" == result[0].hint

    def test_written_code_with_correction(self):
        """A slip the transcriber corrected is still reported, the correction in the hint."""
        indicator = make_indicator("NI 71", code="N1 71", catalogue_code="NI 71", title=None)
        result = check(with_indicator(indicator), ["ECM601"])
        assert "The plan cites 'N1 71', which is not a National Indicator code" in (
            result[0].message
        )
        assert "catalogue code NI 71" in result[0].hint

    def test_bad_catalogue_code(self):
        """A catalogue code that is not one is reported at its own path."""
        indicator = make_indicator(catalogue_code="NI 999")
        result = check(with_indicator(indicator), ["ECM601"])
        assert ["indicators[0].catalogue_code"] == [f.path for f in result]

    def test_other_schemes_not_checked(self):
        """BVPI and local codes are not checked against the NIS."""
        indicator = make_indicator("BVPI 197", scheme="bvpi")
        assert [] == found(with_indicator(indicator), "ECM601")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM601")


class TestECM602IndicatorTitleMismatch:
    """ECM602: titles that do not match their code; the right code suggested."""

    def test_sport_suggests_ni_57(self):
        """'NI 157' for participation in sport: NI 57 is suggested."""
        indicator = make_indicator("NI 157", title="Participation in sport")
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert "the catalogue title it matches best is NI 57" in finding.message
        assert finding.hint.startswith("If the plan means NI 57, set catalogue_code: NI 57")

    def test_young_offenders_suggests_ni_45(self):
        """'NI 145' for young offenders in EET: NI 45 is suggested."""
        indicator = make_indicator(
            "NI 145",
            title="Increase young offenders engagement in suitable education, employment or "
            "training",
        )
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert "matches best is NI 45" in finding.message

    def test_recorded_slip(self):
        """A slip recorded with catalogue_code is reported with the recorded code."""
        indicator = make_indicator("NI 157", title="Participation in sport", catalogue_code="NI 57")
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert finding.message.startswith(
            "The plan cites NI 157 for 'Participation in sport', but means NI 57"
        )
        assert "The plan file records catalogue code NI 57; the document should cite NI 57." == (
            finding.hint
        )

    def test_recorded_slip_to_a_part_keeps_the_part(self):
        """A slip recorded as a part code names the part, and its parent for the title."""
        indicator = make_indicator(
            "NI 93",
            code="Ni 93",
            title="Narrow the gap between pupils eligible for FSM and their peers at KS2",
            catalogue_code="NI 102a",
        )
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert "but means NI 102a (a part of NI 102 'Achievement gap" in finding.message
        assert finding.hint.endswith("the document should cite NI 102a.")

    def test_part_code_shown_as_written(self):
        """A part code whose wording names another indicator is shown with its part."""
        indicator = make_indicator("NI 102a", title="Participation in sport")
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert "does not match NI 102a (a part of NI 102 " in finding.message

    def test_no_steer_where_no_other_title_matches(self):
        """Stockton's NI 61 'children in care to be adopted' is reported, but not steered to
        NI 62 (placement stability), whose title only shares 'looked after children'."""
        indicator = make_indicator("NI 61", title="Proportion of children in care to be adopted")
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert "NI 62" not in finding.message + finding.hint
        assert "Check the code and the wording against the document." == finding.hint

    def test_recorded_slip_without_title(self):
        """A recorded slip is reported even when the plan gives no title."""
        indicator = make_indicator("NI 157", title=None, catalogue_code="NI 57")
        assert ["NI 157"] == subjects(with_indicator(indicator), "ECM602")

    def test_no_title_not_checked(self):
        """An indicator with no title has nothing to match."""
        assert [] == found(with_indicator(make_indicator(title=None)), "ECM602")

    def test_keeps(self):
        """A title that names its indicator keeps the rule."""
        assert [] == found(make_plan(), "ECM602")


def _under_be_healthy(plan):
    """The plan with its first priority linked to Be healthy only."""
    first = attrs.evolve(plan.priorities[0], outcomes=["be_healthy"])
    return attrs.evolve(plan, priorities=[first, *plan.priorities[1:]])


class TestECM603IndicatorOutcomeDiffers:
    """ECM603: an indicator used only under outcomes other than the catalogue's (info)."""

    def test_breaks(self):
        """NI 112 (Be healthy) used only under Stay safe is reported at info."""
        plan = make_plan(priorities=[make_priority(outcomes=["stay_safe"])])
        result = check(plan, ["ECM603"])
        assert [("NI 112", Severity.INFO)] == [(f.subject, f.severity) for f in result]
        assert result[0].message == (
            "Indicator NI 112 is used under 'Stay safe'; the catalogue files it under 'Be healthy'."
        )

    def test_part_code_not_replaced_by_its_parent(self):
        """An indicator coded as a part is named by its own code, not its parent's."""
        plan = _under_be_healthy(with_indicator(make_indicator("NI 102a", title=None)))
        (finding,) = check(plan, ["ECM603"])
        assert finding.message == (
            "Indicator NI 102a is used under 'Be healthy'; the catalogue files it under "
            "'Enjoy and achieve'."
        )

    def test_slip_to_a_part_shows_the_part(self):
        """A slip recorded as a part code shows the part beside the plan's id."""
        indicator = make_indicator("NI 93", title=None, catalogue_code="NI 102a")
        (finding,) = check(_under_be_healthy(with_indicator(indicator)), ["ECM603"])
        assert finding.message.startswith("Indicator NI 93 (NI 102a) is used under")

    def test_uses_the_corrected_code(self):
        """The catalogue code the transcriber recorded decides the outcome."""
        indicator = make_indicator("NI 157", title=None, catalogue_code="NI 57")
        plan = with_indicator(indicator)
        plan = attrs.evolve(
            plan, priorities=[attrs.evolve(plan.priorities[0], outcomes=["be_healthy"])]
        )
        assert [] == found(plan, "ECM603")

    def test_uncited_indicator_not_checked(self):
        """An indicator no target cites is not checked."""
        other = make_indicator("NI 62", title=None)
        plan = make_plan(
            indicators=[make_indicator(), other],
            priorities=[make_priority(outcomes=["be_healthy"])],
        )
        assert [] == found(plan, "ECM603")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM603")
