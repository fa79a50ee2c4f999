"""Coverage checks over the bundled plans: the cases the source plans give, and golden files.

The golden files ``tests/golden/findings_<plan>.txt`` pin every finding of every bundled plan
(severity, code, subject, path, message and hint). Set ``ECM_PLAN_REGEN_GOLDEN=1`` to rewrite
them after a deliberate change, and review the diff.

A source plan that is not bundled yet is skipped, saying so.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

import ecm_plan
from ecm_plan.coverage import check, outcome_matrix, portfolio, summary
from ecm_plan.findings import Finding
from ecm_plan.model import Indicator, Plan, Target

GOLDEN = Path(__file__).parent / "golden"
BUNDLED = ecm_plan.bundled_plans()


def bundled(name: str) -> Plan:
    """Load a bundled plan, skipping the test when it is not bundled yet."""
    if name not in BUNDLED:
        pytest.skip(f"plan {name!r} is not bundled yet")
    return ecm_plan.load_bundled(name)


def render_findings(plan: Plan, findings: Iterable[Finding]) -> str:
    """Findings as text: a line per finding, then its message and hint, indented."""
    found = list(findings)
    lines = [f"{plan.id}: {len(found)} finding{'s' if len(found) != 1 else ''}", ""]
    for finding in found:
        lines.append(
            f"{finding.severity.value} {finding.code} {finding.subject} @ {finding.path or '-'}"
        )
        lines.append(f"    {finding.message}")
        if finding.hint:
            lines.append(f"    hint: {finding.hint}")
    return "\n".join(lines) + "\n"


def about_written_code(plan: Plan, findings: Iterable[Finding], written: str) -> list[Finding]:
    """The findings about the indicator the document writes as ``written``."""
    ids = {i.id for i in plan.indicators if i.written_code == written}
    return [f for f in findings if f.subject in ids]


class TestGoldenFindings:
    """Every bundled plan's findings are pinned in a golden file."""

    @pytest.mark.parametrize("name", BUNDLED)
    def test_matches_golden(self, name):
        """The findings of the plan, rendered as text, match its golden file."""
        plan = ecm_plan.load_bundled(name)
        actual = render_findings(plan, check(plan))
        path = GOLDEN / f"findings_{name}.txt"
        if os.environ.get("ECM_PLAN_REGEN_GOLDEN") == "1":
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.read_text(encoding="utf-8") == actual

    @pytest.mark.parametrize("name", BUNDLED)
    def test_analyses_run(self, name):
        """The matrix and the summary work on every bundled plan."""
        plan = ecm_plan.load_bundled(name)
        assert len(plan.priorities) == len(outcome_matrix(plan).columns)
        assert all(k.complete <= k.total for k in summary(plan).kinds)


class TestStockton:
    """Stockton's service improvement plan, 2008/09-2010/11."""

    def test_undetermined_targets_listed(self):
        """The targets still to be determined are listed: the seven National Indicators the
        plan leaves open, young offenders in education, training and employment, and the
        NEET 'situation not known' share."""
        plan = bundled("stockton-2008-11")
        undetermined = [plan.element(f.subject) for f in check(plan, ["ECM404"])]
        targets = [t for t in undetermined if isinstance(t, Target)]
        indicators = {t.indicator for t in targets if t.indicator}
        expected = {"NI 115", "NI 57", "NI 53", "NI 110", "NI 19", "NI 116", "NI 118"}
        assert expected == expected & indicators
        texts = " | ".join(t.text for t in targets)
        assert "Young offenders engaged in suitable education, training and employment" in texts
        assert "situation not known" in texts

    def test_actions_without_objectives_are_work(self):
        """Priorities with actions and no objectives are not reported as having no work."""
        plan = bundled("stockton-2008-11")
        no_objectives = [p.id for p in plan.priorities if not p.objectives and p.actions]
        assert no_objectives
        flagged = {f.subject for f in check(plan, ["ECM201"])}
        assert set() == flagged & set(no_objectives)

    def test_missing_columns_said_once(self):
        """A plan with no lead or funding column gets one finding for each, not hundreds."""
        plan = bundled("stockton-2008-11")
        result = check(plan, ["ECM002", "ECM003", "ECM202", "ECM301", "ECM501", "ECM502"])
        assert ["ECM002", "ECM003"] == [f.code for f in result]


class TestSwindon:
    """Swindon's Strategic Management Plan 2008: an introduction with no action tables."""

    def test_said_plainly(self):
        """The findings say the document holds a vision and no priorities, objectives or
        actions, and nothing fails."""
        plan = bundled("swindon-2008")
        result = check(plan)
        assert ["ECM001"] == [f.code for f in result]
        assert "holds a vision" in result[0].message
        assert "no priorities, objectives or actions" in result[0].message

    def test_analyses_do_not_fail(self):
        """The matrix, summary and portfolio work on a plan with no priorities."""
        plan = bundled("swindon-2008")
        assert () == outcome_matrix(plan).columns
        assert 0 == summary(plan).kind("priority").total
        assert () == portfolio([plan]).outcome("be_healthy").serving


class TestSouthend:
    """Southend's Children and Young People's Plan, annual update 2008-09."""

    def test_sport_slip(self):
        """'NI 157' for participation in sport is found, with NI 57 suggested."""
        plan = bundled("southend-2008-09")
        result = about_written_code(plan, check(plan, ["ECM601", "ECM602"]), "NI 157")
        assert ["ECM602"] == [f.code for f in result]
        assert "NI 57" in f"{result[0].message} {result[0].hint}"

    def test_young_offenders_slip(self):
        """'NI 145' for young offenders in education, employment or training is found, with
        NI 45 suggested."""
        plan = bundled("southend-2008-09")
        result = about_written_code(plan, check(plan, ["ECM601", "ECM602"]), "NI 145")
        assert ["ECM602"] == [f.code for f in result]
        assert "NI 45" in f"{result[0].message} {result[0].hint}"


class TestWigan:
    """Wigan's Children and Young People's Services Performance Plan 2009-12."""

    def test_missing_children_slip(self):
        """'N1 71' is not a National Indicator code; NI 71 is given."""
        plan = bundled("wigan-2009-12")
        result = about_written_code(plan, check(plan, ["ECM601", "ECM602"]), "N1 71")
        assert ["ECM601"] == [f.code for f in result]
        assert "NI 71" in result[0].hint

    def test_free_school_meals_gap_slip(self):
        """'Ni 93' for the Key Stage 2 free school meals gap is found, with NI 102 given."""
        plan = bundled("wigan-2009-12")
        result = about_written_code(plan, check(plan, ["ECM601", "ECM602"]), "Ni 93")
        assert ["ECM602"] == [f.code for f in result]
        assert "NI 102" in f"{result[0].message} {result[0].hint}"

    def test_quarterly_milestones_checked(self):
        """Wigan dates its milestones by quarter, so the quarter rule looks at its actions."""
        plan = bundled("wigan-2009-12")
        quarters = [
            m
            for _, _, a in plan.iter_actions()
            for m in a.milestones
            if m.period is not None and m.period.kind.value == "quarter"
        ]
        assert quarters


class TestPortfolio:
    """Coverage across every bundled plan."""

    def test_every_plan_listed(self):
        """The portfolio names every bundled plan, and NI 112 is targeted by some."""
        cover = portfolio([ecm_plan.load_bundled(n) for n in BUNDLED])
        assert BUNDLED == cover.plans
        assert cover.indicator("NI 112").plans

    def test_corrected_codes_count(self):
        """A slip counts under the code the transcriber recorded (NI 157 as NI 57)."""
        plan = bundled("southend-2008-09")
        cover = portfolio([plan])
        slips = [
            i.catalogue_code
            for i in plan.indicators
            if isinstance(i, Indicator) and i.written_code == "NI 157" and i.catalogue_code
        ]
        assert slips
        assert "southend-2008-09" in cover.indicator(slips[0]).plans
