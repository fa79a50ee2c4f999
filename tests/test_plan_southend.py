"""Fidelity of the bundled Southend plan to its source document.

The source is the Southend Children's Partnership "Children And Young People's Plan 2007 - 2010,
Annual Update 2008 - 2009": seven priorities with leads, strategic
objectives 1.1 to 7.5 (the heading of 7.2 lost), the "Targets | Strategic actions | By when | Lead
person" tables of Appendix 1, the needs analysis tables, the resources section and the table of
pooled and aligned budgets. The expected values below come from that text; the line numbers are
those of a plain-text extraction of the document.
"""

from __future__ import annotations

import os
import re
import runpy
from collections import defaultdict
from pathlib import Path

import pytest

import ecm_plan
from _seeds import normalise, seed_lines, uncovered
from ecm_plan.model import Arrangement, NoteKind, OutcomeKey, TargetKind

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "southend_2008_09.py"
GOLDEN = ROOT / "tests" / "golden" / "southend_2008_09.txt"


@pytest.fixture(scope="module")
def plan() -> ecm_plan.Plan:
    return ecm_plan.load_bundled("southend-2008-09")


def _actions(plan):
    return [action for _, _, action in plan.iter_actions()]


def _targets(plan):
    return {target.id: target for _, target in plan.iter_targets()}


def _objectives(plan):
    return [objective for priority in plan.priorities for objective in priority.objectives]


def _budget_lines(plan):
    """(priority id, objective code, label, amount text, key) of every allocation."""
    return [
        (priority.id, objective.code, a.label, a.amount.text, a.stream)
        for priority in plan.priorities
        for objective in priority.objectives
        for a in objective.funding
    ]


def _thousands(text):
    """A "Funding £000" cell as the figure printed ("1,501" -> 1501, "£3,584" -> 3584)."""
    return ecm_plan.Value(text).magnitude


class TestPlan:
    def test_header(self, plan):
        """Id, authority, title, kind, period (the update year 2008-09); no publication date is
        printed (the Cabinet approved the update in May 2008)."""
        expected = (
            "southend-2008-09",
            "Southend-on-Sea",
            "Children and Young People's Plan 2007 – 2010, Annual Update 2008 – 2009",
            "annual_update",
            "2008-09",
            None,
        )
        actual = (plan.id, plan.authority, plan.title, plan.kind.value, plan.period.label,
                  plan.published)  # fmt: skip
        assert expected == actual

    def test_parent_plan_is_noted(self, plan):
        """A source note places the update within the 2007-2010 plan (2007-08 to 2009-10)."""
        expected = [True]
        assert expected == [
            any(n.kind is NoteKind.SOURCE and "2007-08 to 2009-10" in n.text for n in plan.notes)
        ]

    def test_vision(self, plan):
        """The four statements of the shared vision (section 3)."""
        expected = (
            "Help them to raise their aspiration and achievement",
            "Ensure they have the opportunities they need for inclusion",
            "Facilitate their participation in decision-making that affects their lives",
            "Strive for excellence in the services we provide",
        )
        assert expected == plan.vision

    def test_plan_outcomes(self, plan):
        """The plan adopts the five ECM outcome areas (sections 1 and 3), stated."""
        expected = [(key, False) for key in OutcomeKey]
        assert expected == [(link.outcome, link.inferred) for link in plan.outcomes]

    def test_rules_are_stated(self, plan):
        """The plan-level notes state the rule for actions (one per printed row) and targets."""
        texts = " ".join(n.text for n in plan.notes)
        expected = (True, True, True)
        assert expected == (
            "one action per printed row" in texts,
            "one target per criterion" in texts,
            "objective's targets" in texts,
        )


class TestCounts:
    def test_totals(self, plan):
        """7 priorities; 30 objectives (29 headings 1.1-7.5 plus the rebuilt 7.2); 166 actions
        (one per printed action row of Appendix 1); no milestones; 146 targets (70 measurable);
        45 indicators (44 NIs and the local count of children looked after); 38 pooled and
        aligned budget lines (lines 383-425); 59 leads (the two Service Manager titles of 2.2
        and 4.1 kept apart); 19 funding streams."""
        actions = _actions(plan)
        targets = _targets(plan)
        allocations = sum(len(a.funding) for a in actions) + sum(
            len(p.funding) + sum(len(o.funding) for o in p.objectives) for p in plan.priorities
        )
        measurable = [t for t in targets.values() if t.kind is TargetKind.MEASURABLE]
        expected = (7, 30, 166, 0, 146, 70, 45, 38, 59, 19)
        actual = (
            len(plan.priorities),
            len(_objectives(plan)),
            len(actions),
            sum(len(a.milestones) for a in actions),
            len(targets),
            len(measurable),
            len(plan.indicators),
            allocations,
            len(plan.leads),
            len(plan.funding_streams),
        )
        assert expected == actual

    def test_objectives_per_priority(self, plan):
        """1.1-1.3, 2.1-2.5, 3.1-3.4, 4.1-4.4, 5.1-5.5, 6.1-6.4, 7.1-7.5."""
        expected = [3, 5, 4, 4, 5, 4, 5]
        assert expected == [len(p.objectives) for p in plan.priorities]

    def test_actions_per_objective(self, plan):
        """Action rows per objective, counted from the tables of Appendix 1 (lines 437-830)."""
        expected = {
            "1.1": 5, "1.2": 4, "1.3": 3,
            "2.1": 3, "2.2": 19, "2.3": 6, "2.4": 14, "2.5": 3,
            "3.1": 5, "3.2": 7, "3.3": 8, "3.4": 4,
            "4.1": 9, "4.2": 4, "4.3": 9, "4.4": 7,
            "5.1": 1, "5.2": 2, "5.3": 7, "5.4": 4, "5.5": 4,
            "6.1": 1, "6.2": 15, "6.3": 2, "6.4": 2,
            "7.1": 4, "7.2": 4, "7.3": 5, "7.4": 3, "7.5": 2,
        }  # fmt: skip
        assert expected == {o.code: len(o.actions) for o in _objectives(plan)}

    def test_targets_per_priority(self, plan):
        """Targets per priority, counted from the Targets cells (split per criterion and per
        indicator named)."""
        expected = [12, 33, 29, 19, 17, 17, 19]
        actual = [
            sum(len(o.targets) + sum(len(a.targets) for a in o.actions) for o in p.objectives)
            for p in plan.priorities
        ]
        assert expected == actual

    def test_objective_level_targets(self, plan):
        """Targets whose cell runs over several action rows sit on the objective: 2.2
        immunisations; 2.3 NI 50/51/58; 2.4 NI 54 twice and speech and language therapy; 4.1
        four; 4.3 NI 87; 4.4 NI 110; 5.5 young carers; 6.2 the six 14-19 targets."""
        expected = {"2.2": 1, "2.3": 3, "2.4": 3, "4.1": 4, "4.3": 1, "4.4": 1, "5.5": 1,
                    "6.2": 6}  # fmt: skip
        assert expected == {o.code: len(o.targets) for o in _objectives(plan) if o.targets}

    def test_spanning_targets_are_noted(self, plan):
        """Each objective-level target carries a reconstruction note."""
        notes = [
            any(n.kind is NoteKind.RECONSTRUCTION for n in t.notes)
            for o in _objectives(plan)
            for t in o.targets
        ]
        assert [True] * 20 == notes

    def test_empty_cells(self, plan):
        """18 actions have an empty By when cell; 34 have an empty Lead person cell."""
        actions = _actions(plan)
        expected = (18, 34)
        assert expected == (
            sum(1 for a in actions if a.due is None),
            sum(1 for a in actions if not a.leads),
        )


class TestPriorities:
    def test_codes_titles_and_leads(self, plan):
        """PRIORITY ONE ... SEVEN with the "Lead:" of each heading (lines 435-773)."""
        expected = [
            ("P1", "Priority One", "Inspire high aspirations for children and young people",
             ("Head of School Support and Preventative Services",)),
            ("P2", "Priority Two", "Reduce health inequalities", ("Joint Commissioning Manager",)),
            ("P3", "Priority Three", "Ensure children are safe", ("Head of Specialist Services",)),
            ("P4", "Priority Four", "Enable children and young people to achieve highly",
             ("Head of School Improvement",)),
            ("P5", "Priority Five",
             "Enable children and young people to make a positive contribution",
             ("Head of Integrated Youth Support", "Head of Youth Offending Service")),
            ("P6", "Priority Six", "Help young people to achieve economic well being",
             ("Head of School Support and Preventative Services",)),
            ("P7", "Priority Seven",
             "Further strengthen partnership working and secure change for children",
             ("Head of Children's Commissioning and Learning Infrastructure",)),
        ]  # fmt: skip
        names = {lead.id: lead.name for lead in plan.leads}
        actual = [
            (p.id, p.code, p.title, tuple(names[i] for i in p.leads)) for p in plan.priorities
        ]
        assert expected == actual

    def test_outcome_links(self, plan):
        """P2-P6 name their outcome; P1 (enjoy and achieve, economic well-being) and P7 (all
        five) are inferred."""
        expected = [
            [("enjoy_and_achieve", True), ("economic_wellbeing", True)],
            [("be_healthy", False)],
            [("stay_safe", False)],
            [("enjoy_and_achieve", False)],
            [("positive_contribution", False)],
            [("economic_wellbeing", False)],
            [(key.value, True) for key in OutcomeKey],
        ]
        actual = [[(link.outcome.value, link.inferred) for link in p.outcomes]
                  for p in plan.priorities]  # fmt: skip
        assert expected == actual

    def test_inferred_links_say_why(self, plan):
        """Every inferred link has a note."""
        links = [link for p in plan.priorities for link in p.outcomes if link.inferred]
        assert [True] * 7 == [bool(link.note) for link in links]


class TestObjectives:
    def test_codes(self, plan):
        """Objective codes in order, ids P<n>.O<m>."""
        objectives = _objectives(plan)
        expected = [f"P{o.code.split('.')[0]}.O{o.code.split('.')[1]}" for o in objectives]
        assert expected == [o.id for o in objectives]
        assert ["1.1", "1.2", "1.3", "2.1", "2.2"] == [o.code for o in objectives[:5]]

    def test_reconstructed_7_2(self, plan):
        """7.2's heading is missing (line 791 follows 7.1's rows); its title comes from the
        needs analysis ("Embed integrated working amongst all partners.", line 270), noted."""
        objective = plan.element("P7.O2")
        expected = ("7.2", "Embed integrated working amongst all partners.", True)
        assert expected == (
            objective.code,
            objective.title,
            any(n.kind is NoteKind.RECONSTRUCTION for n in objective.notes),
        )

    def test_7_2_rows(self, plan):
        """7.2 holds the four rows of the second table after the 7.1 heading (lines 788-791)."""
        expected = [
            (
                "Strengthen multi-agency packages of support at stage 3 for those children and "
                "young people on the edge of care."
            ),
            "Develop the role of the Locality Partnership Boards.",
            "Develop co-location of Locality Teams.",
            "Develop the Family Information Service.",
        ]
        assert expected == [a.targets[0].text for a in plan.element("P7.O2").actions]


class TestActions:
    def test_due_texts_are_kept(self, plan):
        """By when cells as printed, including several dates in one cell."""
        expected = {
            "P1.O2.A3": "October 2008 (3 year programme outputs monitored October annually)",
            "P2.O2.A13": "April 2009 July 2008 July 2008",
            "P2.O3.A1": "September 2008 April 2008 September 2008 December 2008",
            "P4.O4.A1": "As in Play Strategy",
            "P6.O2.A13": "Sept 2008",
            "P6.O4.A2": "April 2010\nApril 2009\nApril 2010\nApril 2009",
        }
        assert expected == {i: plan.element(i).due.text for i in expected}

    def test_deadlines(self, plan):
        """The library reads the dates: the latest named date is the deadline."""
        expected = {"P2.O2.A13": "2009-04-30", "P6.O4.A2": "2010-04-30", "P4.O4.A1": None}
        actual = {}
        for i in expected:
            deadline = plan.element(i).due.deadline
            actual[i] = deadline.isoformat() if deadline else None
        assert expected == actual

    def test_multi_paragraph_cell_is_one_action(self, plan):
        """1.3's four-paragraph cell is one action, its paragraphs on separate lines."""
        expected = 4
        assert expected == len(plan.element("P1.O3.A2").text.split("\n"))

    def test_split_leads(self, plan):
        """Lead cells running several posts together are split into their posts."""
        expected = {
            "P2.O2.A13": ("SM CH&EY", "GM EY"),
            "P2.O4.A6": ("GM LDD", "AD Joint Commissioning"),
            "P4.O1.A1": ("GM EY", "SM CH&IEY", "Primary SM"),
            "P5.O1.A1": ("HoSI", "HoSSPS", "MPT leaders", "Locality coordinators"),
            "P5.O3.A3": ("HoSSPS", "JAB", "GM YS"),
        }
        assert expected == {i: plan.element(i).leads for i in expected}

    @pytest.mark.parametrize("lead_id", ["SM CH&EY", "SM CH&IEY"])
    def test_service_manager_leads_follow_their_rows(self, plan, lead_id):
        """The two Service Manager titles for early years and child health are two leads, and
        each action names the one its row of the source text names."""
        lines = [normalise(line) for line in seed_lines("southend-2008-09")]
        integrated = "Child Health and Integrated Early Years"
        actions = [a for a in _actions(plan) if lead_id in a.leads]
        assert actions
        for action in actions:
            opening = normalise(action.text)[:40]
            row = next(line for line in lines if opening in line)
            assert (lead_id == "SM CH&IEY") == (integrated in row), action.id

    def test_no_invented_dependencies(self, plan):
        """No action or objective depends on another: references stay in the text."""
        expected = 0
        assert expected == sum(len(a.depends_on) for a in _actions(plan)) + sum(
            len(o.depends_on) for o in _objectives(plan)
        )


class TestIndicators:
    def test_codes(self, plan):
        """Every indicator cited, in order of first citation."""
        expected = [
            "NI 115", "NI 53", "NI 55", "NI 56", "NI 157", "NI 198", "NI 50", "NI 51", "NI 58",
            "NI 54", "NI 112", "NI 113", "Children looked after", "NI 66", "NI 61", "NI 62",
            "NI 63", "NI 69", "NI 64", "NI 65", "NI 70", "NI 59", "NI 60", "NI 67", "NI 71",
            "NI 68", "NI 72", "NI 92", "NI 109", "NI 99", "NI 100", "NI 101", "NI 114", "NI 87",
            "NI 110", "NI 111", "NI 19", "NI 46", "NI 118", "NI 79", "NI 80", "NI 81", "NI 82",
            "NI 117", "NI 145",
        ]  # fmt: skip
        assert expected == [i.id for i in plan.indicators]

    def test_every_indicator_is_used(self, plan):
        """Each indicator is the indicator of at least one target."""
        used = {t.indicator for t in _targets(plan).values() if t.indicator}
        assert {i.id for i in plan.indicators} == used

    def test_code_slips(self, plan):
        """NI 157 (sport, = NI 57) and NI 145 (young offenders in EET, = NI 45) keep the
        document's code with a catalogue code and a code_slip note; no other indicator has
        one."""
        expected = {"NI 157": ("NI 57", True), "NI 145": ("NI 45", True)}
        actual = {
            i.id: (i.catalogue_code, any(n.kind is NoteKind.CODE_SLIP for n in i.notes))
            for i in plan.indicators
            if i.catalogue_code is not None
        }
        assert expected == actual

    def test_codes_are_in_the_catalogue(self, plan):
        """Every national code (or its catalogue code, for the slips) is in the 2008 set."""
        catalog = pytest.importorskip("ecm_plan.catalog")
        national = [i for i in plan.indicators if i.scheme.value == "national"]
        codes = [i.catalogue_code or i.id for i in national]
        assert codes == [catalog.national_indicator(code).code for code in codes]

    def test_written_code_of_ni_63(self, plan):
        """NI 63 is written "NI63" (line 580)."""
        expected = "NI63"
        assert expected == plan.element("NI 63").written_code

    def test_yearly_targets(self, plan):
        """Targets by year as printed (08/09, 09/10, 10/11)."""
        expected = {
            "NI 51": ["12", "14", "16"],
            "NI 112": ["-29.6%", "-36.4%", "-43.2%"],
            "Children looked after": ["283", "270", "257"],
            "NI 92": ["28.6%", "28.0%", "27.0%"],
            "NI 114": ["23", "20", "18"],
            "NI 87": ["7.16%", "7%", "6%"],
            "NI 111": ["-2%", "-3%", "-5%"],
            "NI 19": ["-2%", "-3%", "-5%"],
            "NI 117": ["6.6%", "6.2%", "6.0%"],
            "NI 59": ["75%"],
            "NI 60": ["85%"],
        }
        actual = {
            i.id: [v.text for _, v in sorted(i.targets.items(), key=lambda kv: kv[0].start)]
            for i in plan.indicators
            if i.targets
        }
        assert expected == actual

    def test_target_values_match_indicator_targets(self, plan):
        """The targets that carry yearly figures carry the same figures as their indicator."""
        for target in _targets(plan).values():
            if target.values and target.indicator:
                indicator = plan.element(target.indicator)
                for period, value in target.values.items():
                    assert indicator.targets[period] == value

    def test_obesity_baseline_is_on_neither_indicator(self, plan):
        """The row citing NI 55 & 56 gives its baseline for an age group that is neither
        indicator's, so no target of either indicator carries that figure as its baseline,
        and a note on each says where the figure went."""
        row = next(line for line in seed_lines("southend-2008-09") if "NI 55 & 56" in line)
        figure = re.search(r"baseline (\d+(?:\.\d+)?)%", row).group(1)
        cited = [t for _, t in plan.iter_targets() if t.indicator in {"NI 55", "NI 56"}]
        assert ["NI 55", "NI 56"] == [t.indicator for t in cited]
        for target in cited:
            assert target.baseline is None
            assert any(
                f"baseline of {figure}%" in n.text and n.kind is NoteKind.AMBIGUITY
                for n in target.notes
            )

    def test_ni112_is_change_from_baseline(self, plan):
        """NI 112: % change from the 1998 baseline, -29.6 / -36.4 / -43.2."""
        target = plan.element("P2.O5.A2.T1")
        expected = ("change_from_baseline", [-29.6, -36.4, -43.2])
        assert expected == (
            target.comparator.value,
            [v.magnitude for v in target.values.values()],
        )


# Every line of the pooled and aligned budgets table (lines 380-425): priority, objective,
# budget line, "Funding £000" as printed, key.
BUDGET_LINES = [
    ("P1", "1.1", "Choice Advisers.", "28", "ABG"),
    ("P1", "1.3", "Extended rights for free travel.", "29", "ABG"),
    ("P1", "1.3", "Short breaks for families with disabled children.", "40", "SG"),
    ("P2", "2.1", "Health-led Parenting Programme.", "198", None),
    ("P2", "2.1", "Parenting Practitioner (Youth Offending).", "50", "SG"),
    ("P2", "2.2", "Young persons Substance Misuse.", "78", None),
    ("P2", "2.2", "School Travel Advisers.", "18", "ABG"),
    ("P2", "2.2", "Sustainable Travel to School.", "12", "ABG"),
    ("P2", "2.3", "CAMHS grant.", "332", None),
    ("P2", "2.3", "Primary Mental Health and Wellbeing.", "140", "ABG(CF)"),
    ("P2", "2.4", "Portage Workers.", "41", None),
    ("P2", "2.5", "Teenage Pregnancy grant.", "106", "ABG"),
    ("P3", "3.2", "Adoption Allowances.", "401", None),
    ("P3", "3.3", "LSCB – Local Authority", "46", None),
    ("P3", "3.3", "LSCB – PCT", "28", None),
    ("P3", "3.3", "LSCB – Police", "15", None),
    ("P3", "3.3", "LSCB - Probation", "6", None),
    ("P4", "4.1", "Sure Start programme.", "£3,584", "SG"),
    ("P4", "4.2", "Primary National Strategy: Co-ordination.", "104", "ABG"),
    ("P4", "4.2", "Secondary National Strategy: Co-ordination.", "137", "ABG"),
    ("P4", "4.2", "School Development Grant.", "355", "ABG"),
    ("P4", "4.2", "School Improvement Partners.", "65", "ABG"),
    ("P4", "4.2", "School Intervention.", "38", "ABG"),
    ("P4", "4.3", "Secondary Behaviour & Attendance: Co-ordination.", "68", "ABG"),
    ("P4", "4.4", "Extended Schools: start-up.", "440", "ABG"),
    ("P4", "4.4", "Extended Schools: sustainability.", "245", "SF"),
    ("P5", "5.1", "Wingspan – for children who have experienced domestic violence.", "60",
     "ABG(CF)"),
    ("P5", "5.1", "Education Health Partnerships.", "47", "ABG"),
    ("P5", "5.3", "Positive Activities for Young People.", "80", "ABG"),
    ("P5", "5.3", "Youth Opportunity Fund.", "94", "SG"),
    ("P5", "5.3", "Participation Work.", "41", "ABG(CF)"),
    ("P5", "5.4", "Youth offending prevention.", "120", None),
    ("P5", "5.5", "Carers Grant.", "175", None),
    ("P6", "6.2", "Connexions Grant.", "1,501", "ABG"),
    ("P6", "6.2", "14-19 Partnership.", "55", "ABG"),
    ("P6", "6.2", "KS4 Diplomas.", "262", "SG"),
    ("P7", "7.3", "Children's Social Care Workforce.", "65", "ABG"),
    ("P7", "7.4", "Contact Point.", "142", "SG"),
]  # fmt: skip


class TestPooledBudgets:
    def test_every_line(self, plan):
        """Each line of the table, on the objective its first column names."""
        assert BUDGET_LINES == _budget_lines(plan)

    def test_line_attributes(self, plan):
        """Every line is in £000, pooled and aligned, for 2008-09."""
        lines = [a for o in _objectives(plan) for a in o.funding]
        expected = [("kGBP", Arrangement.POOLED_AND_ALIGNED, "2008-09")] * 38
        assert expected == [(a.amount.unit, a.arrangement, a.period.label) for a in lines]

    def test_lines_without_key_are_noted(self, plan):
        """The eleven lines with no key have no stream and a note saying so."""
        lines = [a for o in _objectives(plan) for a in o.funding if a.stream is None]
        expected = [True] * 11
        assert expected == [any("No funding key" in n.text for n in a.notes) for a in lines]

    def test_split_cells_are_noted(self, plan):
        """The lines split out of run-together cells (1.3: 2, 2.1: 2, 2.2: 3, 2.3: 2, 6.2: 3)
        carry a reconstruction note."""
        lines = [
            a
            for o in _objectives(plan)
            for a in o.funding
            if any(n.kind is NoteKind.RECONSTRUCTION and "Split" in n.text for n in a.notes)
        ]
        expected = 12
        assert expected == len(lines)

    def test_totals_per_priority(self, plan):
        """Totals in £000 added up by hand from the table: P1 28+29+40; P2 198+50+78+18+12+332
        +140+41+106; P3 401+46+28+15+6; P4 3584+104+137+355+65+38+68+440+245; P5
        60+47+80+94+41+120+175; P6 1501+55+262; P7 65+142."""
        expected = {"P1": 97, "P2": 975, "P3": 496, "P4": 5036, "P5": 617, "P6": 1818,
                    "P7": 207}  # fmt: skip
        totals = defaultdict(float)
        for priority, _, _, amount, _ in _budget_lines(plan):
            totals[priority] += _thousands(amount)
        assert expected == totals

    def test_totals_per_key(self, plan):
        """Totals in £000 by key, added up by hand: ABG 28+29+18+12+106+104+137+355+65+38+68
        +440+47+80+1501+55+65; ABG(CF) 140+60+41; SG 40+50+3584+94+262+142; SF 245; no key
        198+78+332+41+401+46+28+15+6+120+175."""
        expected = {"ABG": 3148, "ABG(CF)": 241, "SG": 4172, "SF": 245, None: 1440}
        totals = defaultdict(float)
        for _, _, _, amount, key in _budget_lines(plan):
            totals[key] += _thousands(amount)
        assert expected == totals

    def test_total(self, plan):
        """The whole table: £9,246 thousand."""
        expected = 9246
        assert expected == sum(_thousands(line[3]) for line in _budget_lines(plan))

    def test_streams_of_the_key(self, plan):
        """The key's streams (lines 427-430), ABG(CF) within the ABG; SF (not in the key) is
        the Standards Fund, noted."""
        expected = {
            "ABG": ("Area Based Grant", None),
            "ABG(CF)": ("The Children's Fund Grant, within the Area Based Grant", "ABG"),
            "SG": ("Other specific grant", "Specific grants"),
            "SF": ("Standards Fund", "Specific grants"),
        }
        assert expected == {i: (plan.element(i).name, plan.element(i).part_of) for i in expected}
        assert [NoteKind.RECONSTRUCTION] == [n.kind for n in plan.element("SF").notes]


class TestResources:
    def test_dsg(self, plan):
        """DSG: £103m for 2008-09, £106m for 2009-10 and £110m for 2010-11 (line 376)."""
        dsg = plan.element("DSG")
        expected = {"2008-09": ("£103m", 103e6), "2009-10": ("£106m", 106e6),
                    "2010-11": ("£110m", 110e6)}  # fmt: skip
        assert expected == {p.label: (m.text, m.gbp) for p, m in dsg.amounts.items()}

    def test_five_sources(self, plan):
        """The five sources (lines 344-348): specific grants, DSG, ABG £3.754m, the Council's
        £25m, partners."""
        expected = {
            "Specific grants": {},
            "DSG": {"2008-09": "£103m", "2009-10": "£106m", "2010-11": "£110m"},
            "ABG": {"2008-09": "£3.754m"},
            "Council": {"2008-09": "£25m"},
            "Partners": {},
        }
        actual = {
            i: {p.label: m.text for p, m in plan.element(i).amounts.items()} for i in expected
        }
        assert expected == actual

    def test_partner_spend(self, plan):
        """Partner spend as printed (lines 352-354), including "£2.623" with no unit."""
        expected = {
            "PCT Health Visitors": "£1.476m",
            "PCT School nurses": "£0.462m",
            "PCT SALT": "£0.298m",
            "PCT Public Health": "£1.634m",
            "PCT CAMHS": "£2.623",
            "Hospital activity": "£10.984m",
            "Inpatient paediatrics": "£1.275m",
            "Child outpatients": "£4.314m",
            "Connexions": "£1.501m",
        }
        actual = {i: next(iter(plan.element(i).amounts.values())).text for i in expected}
        assert expected == actual

    def test_schools_forum(self, plan):
        """Schools Forum funding for 2008-2011 (line 362)."""
        expected = ["£250,228", "£255,233", "£260,337"]
        assert expected == [m.text for m in plan.element("Schools Forum").amounts.values()]


class TestNeedsAnalysis:
    def test_one_section_per_priority(self, plan):
        """NA1-NA7, topic needs_analysis, subject P1-P7."""
        sections = [s for s in plan.sections if s.subject is not None]
        expected = [(f"NA{n}", "needs_analysis", f"P{n}") for n in range(1, 8)]
        assert expected == [(s.id, s.topic, s.subject) for s in sections]

    def test_columns(self, plan):
        """Each priority's section has the nine columns of the tables, by topic."""
        expected = [
            "context", "aspirations", "inspection_findings", "priority", "strategic_actions",
            "enablers", "enablers", "risks", "risks",
        ]  # fmt: skip
        for n in range(1, 8):
            assert expected == [s.topic for s in plan.element(f"NA{n}").sections]

    def test_entries_per_column(self, plan):
        """Entries per priority for context (line 242), aspirations (249), inspection findings
        (256) and risks (systems and infrastructure, lines 287-288)."""
        expected = {
            "context": [5, 7, 7, 7, 6, 7, 7],
            "aspirations": [4, 4, 4, 3, 1, 4, 3],
            "inspection": [1, 4, 5, 1, 3, 5, 5],
            "ri_si": [2, 5, 3, 1, 3, 2, 1],
        }
        actual = {
            key: [len(plan.element(f"NA{n}.{key}").items) for n in range(1, 8)] for key in expected
        }
        assert expected == actual

    def test_first_context_entry(self, plan):
        """The first entry of the needs analysis."""
        expected = "1 in 4 children live in poverty"
        assert expected == plan.element("NA1.context").items[0]


def _narrative(lines: list[str]) -> list[str]:
    """The lines of chapters 1 to 8 that are prose, not tables: every chapter from the
    Foreword up to the needs-analysis table, chapter 7 up to its calendar table, chapter 8 up
    to the pooled and aligned budgets table."""

    def at(prefix: str) -> int:
        return next(i for i, line in enumerate(lines) if line.startswith(prefix))

    return [
        *lines[
            at("1. Foreword") : at(
                "What do we know about the Southend context and performance? This"
            )
        ],
        *lines[at("7. Performance monitoring") : at("Activity\t")],
        *lines[at("8. Resources") : at("CYPP Priorities 2008-09\tPooled")],
    ]


class TestNarrative:
    """Chapters 1 to 8 are transcribed paragraph by paragraph into sections."""

    def test_every_paragraph_is_kept_or_named(self, plan):
        """Each paragraph, heading and bullet of the prose is in the plan or quoted by a note."""
        assert [] == uncovered(plan, _narrative(seed_lines("southend-2008-09")))

    def test_uncovered_finds_a_dropped_paragraph(self, plan):
        """The check itself reports a paragraph the plan does not hold."""
        assert ["A paragraph no plan holds."] == uncovered(plan, ["A paragraph no plan holds."])

    def test_foreword(self, plan):
        """The foreword is a section of its own, opening with the welcome (line 41)."""
        foreword = plan.element("FOREWORD")
        assert "Foreword" == foreword.title
        assert foreword.items[0].startswith("Welcome to the Southend Children and Young People's")

    def test_signatories_keep_both_titles(self, plan):
        """The foreword's two signatories are listed; the cover's other title for Rob Tinlin
        is kept in an ambiguity note beside them."""
        signatories = plan.element("FOREWORD.signatories")
        expected = (
            "Rob Tinlin – Chair of Southend Children's Partnership Board",
            "Erin Burrows – Youth Mayor",
        )
        assert expected == signatories.items
        (note,) = signatories.notes
        assert NoteKind.AMBIGUITY == note.kind
        assert "Chair, Children & Learning Partnership Board" in note.text


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_round_trip(self, plan, fmt):
        """The plan survives dumping and loading in each format."""
        assert plan == ecm_plan.loads_plan(ecm_plan.dumps_plan(plan, fmt), fmt)


class TestExample:
    def test_golden(self, capsys):
        """The example prints what the golden file holds (ECM_PLAN_REGEN_GOLDEN=1 rewrites it)."""
        runpy.run_path(str(EXAMPLE), run_name="__main__")
        out = capsys.readouterr().out
        if os.environ.get("ECM_PLAN_REGEN_GOLDEN") == "1":
            GOLDEN.parent.mkdir(parents=True, exist_ok=True)
            GOLDEN.write_text(out, encoding="utf-8")
        assert GOLDEN.read_text(encoding="utf-8") == out
