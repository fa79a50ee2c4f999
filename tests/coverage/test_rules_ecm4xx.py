"""Tests for the ECM4xx rules, about targets and their values, each both ways."""

from __future__ import annotations

import re

import attrs
from coverage_plans import (
    PERIOD,
    YEARS,
    found,
    make_action,
    make_indicator,
    make_plan,
    make_target,
    subjects,
    with_action,
    with_target,
)

from ecm_plan.coverage import check
from ecm_plan.findings import Severity
from ecm_plan.model import Allocation, FundingStream, Money, Observation, Plan, Target, Value
from ecm_plan.periods import Period
from ecm_plan.plans import load_bundled


class TestECM401TargetWithoutIndicator:
    """ECM401: a measurable target with no indicator."""

    def test_breaks(self):
        """A measurable target naming no indicator is reported."""
        plan = with_target(make_target("P1.O1.A1.T1", indicator=None))
        assert [
            (
                "P1.O1.A1.T1",
                (
                    "Measurable target P1.O1.A1.T1 'Under 18 conception rate "
                    "reduced' names no indicator."
                ),
            )
        ] == found(plan, "ECM401")

    def test_hint_suggests_the_indicator_the_text_states(self):
        """The hint names the National Indicator the target's text states in all but name."""
        plan = with_target(make_target("P1.O1.A1.T1", indicator=None))
        (finding,) = check(plan, ["ECM401"])
        assert finding.hint.startswith("Its text states NI 112 'Under 18 conception rate': add")

    def test_hint_suggests_nothing_for_text_stating_no_indicator(self):
        """A target whose text states no indicator gets the plain hint."""
        target = make_target("P1.O1.A1.T1", indicator=None, text="Waiting times under 11 weeks")
        (finding,) = check(with_target(target), ["ECM401"])
        expected = "Add the indicator it is measured by under 'indicators' and refer to it."
        assert expected == finding.hint

    def test_stockton_targets_in_all_but_name(self):
        """Stockton's under-18 conception, exclusion and NEET targets are steered to NI 112,
        NI 114 and NI 117, and no other target of the plan is steered anywhere."""
        findings = check(load_bundled("stockton-2008-11"), ["ECM401"])
        steered = {
            f.subject: match.group(1)
            for f in findings
            if (match := re.match(r"Its text states (NI \d+) ", f.hint))
        }
        expected = {"P1.T1": "NI 112", "P11.T6": "NI 114", "P17.T1": "NI 117"}
        assert expected == steered

    def test_qualitative_keeps(self):
        """A qualitative target needs no indicator."""
        assert [] == found(with_target(Target(id="T", text="Framework in place")), "ECM401")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM401")


class TestECM402TargetWithoutBaseline:
    """ECM402: a measurable target with no baseline."""

    @staticmethod
    def two_targets(second: Target) -> Plan:
        """A plan whose first target has a baseline (so the plan uses baselines)."""
        first = make_target("P1.O1.A1.T1", baseline=Observation(Value("10%")))
        plan = with_target(first, indicators=[make_indicator(actuals={})])
        action = attrs.evolve(plan.priorities[0].objectives[0].actions[0], targets=[first, second])
        return with_action(action, indicators=[make_indicator(actuals={})])

    def test_breaks(self):
        """A target whose indicator reports nothing is reported."""
        plan = self.two_targets(make_target("P1.O1.A1.T2"))
        assert ["P1.O1.A1.T2"] == subjects(plan, "ECM402")

    def test_indicator_actual_keeps(self):
        """An actual reported for the indicator serves as the baseline."""
        assert [] == found(make_plan(), "ECM402")

    def test_indicator_baseline_keeps(self):
        """The indicator's baseline serves."""
        indicator = make_indicator(actuals={}, baseline=Observation(Value("48.3 per 1,000")))
        assert [] == found(make_plan(indicators=[indicator]), "ECM402")

    def test_undetermined_target_left_to_ecm404(self):
        """A target with nothing but 'to be determined' is listed by ECM404 instead."""
        tbd = make_target("P1.O1.A1.T2", values={}, value=Value("target to be determined"))
        assert [] == found(self.two_targets(tbd), "ECM402")

    def test_named_without_figure(self):
        """A baseline named without its figure is reported as such."""
        named = make_target(
            "P1.O1.A1.T2", indicator=None, baseline=Observation(period=Period.calendar_year(1998))
        )
        result = found(self.two_targets(named), "ECM402")
        assert ["P1.O1.A1.T2"] == [subject for subject, _ in result]
        assert result[0][1].endswith("names its baseline but not its figure.")

    def test_no_indicator(self):
        """A target with neither indicator nor baseline is reported."""
        plan = self.two_targets(make_target("P1.O1.A1.T2", indicator=None))
        assert ["P1.O1.A1.T2"] == subjects(plan, "ECM402")


class TestECM403TargetMissingYear:
    """ECM403: target values that miss a year of the plan."""

    def test_indicator_table_missing_year(self):
        """An indicator's targets table without 2011-12 is reported on the indicator."""
        indicator = make_indicator(targets={YEARS[0]: Value("-16%"), YEARS[1]: Value("-33%")})
        plan = with_target(make_target(values={}, value=Value("-50%")), indicators=[indicator])
        assert [("NI 112", "Indicator NI 112 has no target value for 2011-12.")] == found(
            plan, "ECM403"
        )

    def test_table_and_target_values_together(self):
        """A year in the table or in a target citing it counts."""
        indicator = make_indicator(targets={YEARS[0]: Value("-16%"), YEARS[1]: Value("-33%")})
        plan = with_target(make_target(values={YEARS[2]: Value("-50%")}), indicators=[indicator])
        assert [] == found(plan, "ECM403")

    def test_target_without_indicator(self):
        """A target with values and no indicator is checked on its own."""
        target = make_target(indicator=None, values={YEARS[0]: Value("10%")})
        assert [
            (
                "P1.O1.A1.T1",
                (
                    "Target P1.O1.A1.T1 'Under 18 conception rate reduced' has no "
                    "value for 2010-11 and 2011-12."
                ),
            )
        ] == found(with_target(target), "ECM403")

    def test_not_applicable_counts(self):
        """'N/A' is a stated value for the year."""
        values = {YEARS[0]: Value("N/A"), YEARS[1]: Value("-33%"), YEARS[2]: Value("-50%")}
        assert [] == found(with_target(make_target(values=values)), "ECM403")

    def test_academic_year_counts_for_its_midpoint(self):
        """An academic-year value counts for the financial year holding its midpoint."""
        values = {
            Period.academic_year(2009): Value("60%"),
            YEARS[1]: Value("62%"),
            YEARS[2]: Value("64%"),
        }
        assert [] == found(with_target(make_target(values=values)), "ECM403")

    def test_span_counts_for_each_year(self):
        """A value for the whole plan period counts for every year."""
        assert [] == found(with_target(make_target(values={PERIOD: Value("90%")})), "ECM403")

    def test_end_target_not_checked(self):
        """A single value tied to no year is an end target, not checked."""
        assert [] == found(with_target(make_target(values={}, value=Value("-50%"))), "ECM403")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM403")


class TestECM404TargetUndetermined:
    """ECM404: targets still to be determined, listed."""

    def test_target(self):
        """A target to be determined is listed with its indicator."""
        target = make_target(values={}, value=Value("target to be determined"))
        assert [
            (
                "P1.O1.A1.T1",
                (
                    "Target P1.O1.A1.T1 (NI 112) 'Under 18 conception rate reduced' "
                    "is still to be determined: value (no period) 'target to be determined'."
                ),
            )
        ] == (found(with_target(target), "ECM404"))

    def test_indicator_table(self):
        """A 'to be determined' cell of an indicator's table is listed on the indicator."""
        indicator = make_indicator(targets={YEARS[2]: Value("TBC")})
        result = check(make_plan(indicators=[indicator]), ["ECM404"])
        assert [("NI 112", "indicators[0]")] == [(f.subject, f.path) for f in result]
        assert "target 2011-12 'TBC'" in result[0].message

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM404")


class TestECM405ValueProvisional:
    """ECM405: provisional figures, listed as information."""

    def test_breaks(self):
        """A provisional actual and a provisional target are listed together."""
        indicator = make_indicator(
            actuals={Period.financial_year(2008): Value("86% (prov.)")},
            targets={YEARS[0]: Value("88% (prov.)")},
        )
        result = check(make_plan(indicators=[indicator]), ["ECM405"])
        assert [("NI 112", Severity.INFO)] == [(f.subject, f.severity) for f in result]
        assert result[0].message == (
            "Indicator NI 112 has provisional figures: target 2009-10 '88% (prov.)' and "
            "actual 2008-09 '86% (prov.)'."
        )

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM405")


class TestECM406ValueNotApplicable:
    """ECM406: values stated not applicable, listed as information."""

    def test_breaks(self):
        """An N/A target value is listed."""
        values = {YEARS[0]: Value("N/A"), YEARS[1]: Value("-33%"), YEARS[2]: Value("-50%")}
        assert ["P1.O1.A1.T1"] == subjects(with_target(make_target(values=values)), "ECM406")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM406")


class TestECM407CellNotUnderstood:
    """ECM407: value and funding cells the cell grammar did not read whole."""

    def test_indicator_cell(self):
        """An indicator's cell with text left over is reported with what was left."""
        indicator = make_indicator(targets={YEARS[2]: Value("85% ##")})
        plan = make_plan(indicators=[indicator])
        assert [
            (
                "NI 112",
                "Indicator NI 112 has cell text not fully understood: target 2011-12 '85% ##'.",
            )
        ] == found(plan, "ECM407")
        (finding,) = check(plan, ["ECM407"])
        assert (Severity.WARNING, "indicators[0]") == (finding.severity, finding.path)
        assert "'##'" in finding.hint

    def test_target_value(self):
        """A target value with text left over is reported on the target."""
        values = {YEARS[0]: Value("-16% @"), YEARS[1]: Value("-33%"), YEARS[2]: Value("-50%")}
        assert ["P1.O1.A1.T1"] == subjects(with_target(make_target(values=values)), "ECM407")

    def test_funding_amount(self):
        """A funding amount with text left over is reported on the funded element."""
        action = make_action(funding=[Allocation(stream="ABG", amount=Money("£10k ¶"))])
        assert ["P1.O1.A1"] == subjects(with_action(action), "ECM407")

    def test_stream_amount(self):
        """A funding stream's own amount with text left over is reported on the stream."""
        stream = FundingStream(
            id="ABG", name="Area Based Grant", amounts={PERIOD: Money("£103m ~")}
        )
        assert ["ABG"] == subjects(make_plan(funding_streams=[stream]), "ECM407")

    def test_words_are_not_left_over(self):
        """Words around a figure are its note, not text left over."""
        indicator = make_indicator(targets={YEARS[2]: Value("a reduction of at least 5%")})
        assert [] == found(make_plan(indicators=[indicator]), "ECM407")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM407")
