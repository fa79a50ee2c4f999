"""Fidelity of the bundled plan ``wigan-2009-12`` to Wigan's CYPS Performance Plan 2009-12.

The document is the report to the Children Young People & Families Scrutiny Committee of
23 July 2009. Line numbers in comments refer to that
text. Expected figures are written here as the document prints them, not read from the plan
file.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest

import ecm_plan
from _seeds import note_texts, seed_lines

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "wigan_2009_12.py"
GOLDEN = Path(__file__).resolve().parent / "golden" / "wigan_2009_12.txt"

LAA = "LAA Indicators"
OTHER = "Other key National Indicators"

# The key performance targets table (lines 168-199; rows on lines 176-199): every row as printed.
# (code, section, responsible, actual 2008-09, target 2009-10, 2010-11, 2011-12)
KEY_TARGETS = (
    (
        "NI 112",
        LAA,
        "S Elliott",
        "+0.58% (2007 data)",
        "-16% (2008 data)",
        "-33% (2009 data)",
        "-50% (2010 data)",
    ),
    ("NI 56", LAA, "S Elliott", "18.01%", "18.01%", "18.01%", "18.01%"),
    ("NI 60", LAA, "M Banham", "83%", "77%", "83%", "86% (prov.)"),
    ("NI 63", LAA, "M Banham", "65.8%", "77%", "80%", "80% (prov.)"),
    ("NI 102a", LAA, "J Clarke", "21.1", "18%", "16%", "N/A"),
    ("NI 102b", LAA, "J Clarke", "32.6", "25%", "23%", "N/A"),
    ("NI 111", LAA, "S Astbury", "1290", "1412", "1380", "N/A"),
    ("NI 110", LAA, "S Astbury", "64.8%", "N/A", "71.8%", "N/A"),
    ("NI 117", LAA, "S Astbury", "8.5", "7.5%", "6.8%", "N/A"),
    ("NI 55", OTHER, "S Elliott", "9.9", "10.3%", "10.3%", "10.3%"),
    ("NI 53", OTHER, "S Elliott", "14.74%", "19.30%", "22.55%", "N/A"),
    ("NI 64", OTHER, "M Banham", "1.1%", "3%", "3%", "3% (prov.)"),
    ("2016SC", OTHER, "M Banham", "25.2%", "23.5%", "22%", "20.5% (prov.)"),
    ("NI 101", OTHER, "J Clarke", "5.6%", "27.3%", "18.2%", "N/A"),
    ("NI 62", OTHER, "M Banham", "10.9%", "9.0%", "9.0%", "9.0% (prov.)"),
    ("NI 92", OTHER, "J Clarke", "31.6%", "28.70%", "27.37%", "N/A"),
    ("NI 19", OTHER, "S Astbury", "0.86", "0.81", "0.77", "0.73"),
    ("NI 45", OTHER, "S Astbury", "53.6%", "85%", "90%", "90%"),
    ("NI 57", OTHER, "S Astbury", "74%", "N/A", "90%", "94%"),
    ("NI 79", OTHER, "C Bluer", "70%", "72%", "73%", "74% (prov.)"),
    ("NI 80", OTHER, "C Bluer", "40.1%", "43%", "44%", "45% (prov.)"),
)
YEARS = ("2009-10", "2010-11", "2011-12")


@pytest.fixture(scope="module")
def plan() -> ecm_plan.Plan:
    return ecm_plan.load_bundled("wigan-2009-12")


def _p(label: str) -> ecm_plan.Period:
    return ecm_plan.parse_period(label)


def _allocations(plan: ecm_plan.Plan) -> list[ecm_plan.Allocation]:
    found: list[ecm_plan.Allocation] = []
    for priority in plan.priorities:
        found.extend(priority.funding)
        for objective in priority.objectives:
            found.extend(objective.funding)
        for action in priority.iter_actions():
            found.extend(action.funding)
    return found


class TestLoading:
    """The plan file loads and round-trips through every format."""

    def test_bundled(self):
        """The plan is bundled under its name."""
        assert "wigan-2009-12" in ecm_plan.bundled_plans()

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_round_trip(self, plan, fmt):
        """Dumping and loading again gives the same plan."""
        assert plan == ecm_plan.loads_plan(ecm_plan.dumps_plan(plan, fmt), fmt)

    def test_header(self, plan):
        """Header facts as the cover sheet and title page give them."""
        expected = (
            "wigan-2009-12",
            "Wigan Council",
            "Children and Young People's Services Performance Plan 2009-12",
            "2009-10 to 2011-12",
            "performance_plan",
            "2009-07-23",  # line 5: Date: 23 July 2009
        )
        actual = (
            plan.id,
            plan.authority,
            plan.title,
            plan.period.label,
            plan.kind.value,
            plan.published.label if plan.published else None,
        )
        assert expected == actual

    def test_vision(self, plan):
        """The vision is the seven-item list of lines 101-107."""
        assert 7 == len(plan.vision)
        assert "Happy, safe and healthy" == plan.vision[0]
        assert (
            "Make a positive contribution through engagement with their community"
            == plan.vision[-1]
        )

    def test_plan_outcomes(self, plan):
        """The Purpose lists the five ECM outcomes (lines 93-97)."""
        expected = [
            "be_healthy",
            "stay_safe",
            "enjoy_and_achieve",
            "positive_contribution",
            "economic_wellbeing",
        ]
        assert expected == [link.outcome.value for link in plan.outcomes]

    def test_purpose_section(self, plan):
        """The Purpose paragraph is a section of topic ``purpose``."""
        section = plan.element("S.purpose")
        assert "purpose" == section.topic
        assert section.items[0].startswith("Children and Young People's Services (CYPS) works")


class TestCounts:
    """Counts of the plan's elements, established from the document."""

    def test_priorities(self, plan):
        """8 priority service objectives (lines 115-129) and 9 rows of the organisational
        effectiveness objectives table (lines 151-164: KC1 twice and one row with no code)."""
        kinds = [p.kind.value for p in plan.priorities]
        assert (8, 9) == (kinds.count("service"), kinds.count("organisational"))

    def test_totals(self, plan):
        """Objectives (workstreams), actions, milestones, targets, indicators, allocations,
        leads and funding streams across the whole plan (delivery plan, lines 201-394)."""
        objectives = [o for p in plan.priorities for o in p.objectives]
        actions = [a for _, _, a in plan.iter_actions()]
        expected = {
            "objectives": 56,
            "actions": 93,
            "milestones": 218,
            "targets": 87,
            "measurable targets": 34,
            "indicators": 30,  # 21 table rows + NI 113, N1 71, Ni 93, NI 102, 87, 21, 81, 82, 106
            "allocations": 77,
            "leads": 29,
            "funding streams": 30,
        }
        actual = {
            "objectives": len(objectives),
            "actions": len(actions),
            "milestones": sum(len(a.milestones) for a in actions),
            "targets": len(list(plan.iter_targets())),
            "measurable targets": sum(t.is_measurable for _, t in plan.iter_targets()),
            "indicators": len(plan.indicators),
            "allocations": len(_allocations(plan)),
            "leads": len(plan.leads),
            "funding streams": len(plan.funding_streams),
        }
        assert expected == actual

    def test_per_priority(self, plan):
        """Per priority: (code, objectives, actions, milestones, targets, allocations), from
        each table of the delivery plan."""
        expected = [
            ("CYPP1", 1, 4, 16, 6, 4),  # lines 207-214 (+2 NIS targets of line 134)
            ("CYPP2", 5, 5, 20, 5, 3),  # lines 216-225
            ("CYPP3", 4, 4, 16, 8, 6),  # lines 227-235
            ("CYPP4", 2, 8, 20, 7, 8),  # lines 237-250
            ("CYPP5", 5, 14, 24, 14, 14),  # lines 253-270
            ("CYPP6", 5, 5, 8, 8, 13),  # lines 272-281
            ("CYPP7", 2, 3, 9, 6, 8),  # lines 284-292
            ("CYPP8", 6, 24, 24, 20, 13),  # lines 294-307
            ("KC5", 7, 7, 26, 2, 1),  # lines 362-374
            ("KC6", 2, 2, 8, 1, 0),  # lines 376-381
            ("KC7", 7, 6, 16, 1, 2),  # lines 383-394 (Play Strategy has no action)
            ("KC3", 3, 3, 8, 1, 2),  # lines 346-355
            ("KC2", 2, 2, 6, 1, 1),  # lines 338-344
            ("KC1", 2, 2, 6, 2, 1),  # lines 327-335, Joint Commissioning share
            ("KC4", 1, 2, 4, 3, 0),  # lines 357-360
            ("KC1", 2, 2, 7, 2, 1),  # lines 327-335, Children's Trust share
            (None, 0, 0, 0, 0, 0),  # line 164: no delivery plan
        ]
        targets = list(plan.iter_targets())
        actual = []
        for p in plan.priorities:
            actions = list(p.iter_actions())
            owned = sum(1 for owner, _ in targets if owner == p.id or owner.startswith(p.id + "."))
            funding = sum(len(a.funding) for a in actions) + sum(
                len(o.funding) for o in p.objectives
            )
            actual.append(
                (
                    p.code,
                    len(p.objectives),
                    len(actions),
                    sum(len(a.milestones) for a in actions),
                    owned,
                    funding,
                )
            )
        assert expected == actual


class TestKeyPerformanceTargets:
    """Every row of the key performance targets table, as printed."""

    def test_rows_in_order(self, plan):
        """The table's 21 rows, in order, are the indicators with a 2008-09 actual."""
        rows = [i.id for i in plan.indicators if _p("2008-09") in i.actuals]
        assert [row[0] for row in KEY_TARGETS] == rows

    @pytest.mark.parametrize("row", KEY_TARGETS, ids=[row[0] for row in KEY_TARGETS])
    def test_row(self, plan, row):
        """Code, section, responsible officer, actual and the three targets."""
        code = row[0]
        indicator = plan.element(code)
        actual = (
            indicator.id,
            indicator.group,
            plan.element(indicator.responsible[0]).name,
            indicator.actuals[_p("2008-09")].text,
            *(indicator.targets[_p(year)].text for year in YEARS),
        )
        assert row == actual

    def test_responsible_are_people(self, plan):
        """Responsible officers are leads of kind person."""
        kinds = {
            plan.element(i.responsible[0]).kind.value for i in plan.indicators if i.responsible
        }
        assert {"person"} == kinds

    def test_value_states(self, plan):
        """Provisional, not applicable and data-year cells keep their states."""
        ni60 = plan.element("NI 60").targets[_p("2011-12")]
        ni102a = plan.element("NI 102a").targets[_p("2011-12")]
        ni112 = plan.element("NI 112").targets[_p("2009-10")]
        expected = ("provisional", 86.0, "not_applicable", -16.0, "2008")
        actual = (
            ni60.status.value,
            ni60.magnitude,
            ni102a.status.value,
            ni112.magnitude,
            ni112.data_period.label if ni112.data_period else None,
        )
        assert expected == actual

    def test_other_codes(self, plan):
        """NI 112 is also BVPI 197; 2016SC is a local code."""
        expected = (("BVPI 197",), "local")
        actual = (plan.element("NI 112").also, plan.element("2016SC").scheme.value)
        assert expected == actual

    def test_units_and_polarity(self, plan):
        """Units from the cells; NI 111 counts people, NI 19 is a bare rate."""
        expected = {
            "NI 112": ("percent", "lower_is_better"),
            "NI 111": ("count", "lower_is_better"),
            "NI 19": ("ratio", "lower_is_better"),
            "NI 79": ("percent", "higher_is_better"),
            "NI 64": ("percent", None),
        }
        actual = {
            code: (
                plan.element(code).unit,
                plan.element(code).polarity.value if plan.element(code).polarity else None,
            )
            for code in expected
        }
        assert expected == actual

    def test_bare_actuals_noted(self, plan):
        """Actuals printed without % beside % targets carry an ambiguity note."""
        for code in ("NI 102a", "NI 102b", "NI 117", "NI 55"):
            kinds = [n.kind.value for n in plan.element(code).notes]
            assert "ambiguity" in kinds, code


class TestCodeSlips:
    """Codes the document gets wrong keep its spelling and name the right indicator."""

    def test_ni_93(self, plan):
        """'Ni 93' (line 260) is the Key Stage 2 FSM gap, NI 102a."""
        indicator = plan.element("NI 93")
        expected = ("Ni 93", "NI 102a", True)
        actual = (
            indicator.written_code,
            indicator.catalogue_code,
            any(n.kind.value == "code_slip" for n in indicator.notes),
        )
        assert expected == actual

    def test_n1_71(self, plan):
        """'N1 71' (line 235) is NI 71, young people missing from home."""
        indicator = plan.element("N1 71")
        expected = ("N1 71", "NI 71", True)
        actual = (
            indicator.written_code,
            indicator.catalogue_code,
            any(n.kind.value == "code_slip" for n in indicator.notes),
        )
        assert expected == actual

    def test_cited_codes_are_indicators(self, plan):
        """Every indicator a target cites is in the plan's indicators."""
        ids = {i.id for i in plan.indicators}
        cited = {t.indicator for _, t in plan.iter_targets() if t.indicator}
        assert set() == cited - ids

    def test_cited_in_delivery_plan(self, plan):
        """The indicators the delivery plan's performance targets cite."""
        cited = {t.indicator for _, t in plan.iter_targets() if t.indicator}
        expected = {
            "NI 112",
            "NI 113",
            "NI 55",
            "NI 56",
            "N1 71",
            "NI 93",
            "NI 102",
            "NI 87",
            "NI 111",
            "NI 19",
            "NI 45",
            "NI 21",
            "NI 110",
            "NI 79",
            "NI 80",
            "NI 81",
            "NI 82",
            "NI 106",
            "NI 117",
        }
        assert expected == cited


class TestPriorities:
    """Priorities: codes, themes, support and outcome links."""

    def test_codes(self, plan):
        """CYPP1-8, then the organisational rows in table order (lines 152-164)."""
        expected = [
            "CYPP1",
            "CYPP2",
            "CYPP3",
            "CYPP4",
            "CYPP5",
            "CYPP6",
            "CYPP7",
            "CYPP8",
            "KC5",
            "KC6",
            "KC7",
            "KC3",
            "KC2",
            "KC1",
            "KC4",
            "KC1",
            None,
        ]
        assert expected == [p.code for p in plan.priorities]

    def test_themes(self, plan):
        """Organisational rows are grouped under People / Places / Processes / Performance."""
        expected = [
            "People",
            "People",
            "Places",
            "Places",
            "Places",
            "Processes",
            "Processes",
            "Performance",
            "Performance",
        ]
        assert expected == [p.theme for p in plan.priorities if p.kind.value == "organisational"]

    def test_supports(self, plan):
        """Every organisational objective supports all eight service objectives (inferred)."""
        service = tuple(f"P{k}" for k in range(1, 9))
        for p in plan.priorities:
            if p.kind.value == "organisational":
                assert service == p.supports, p.id
                assert any(n.kind.value == "inferred" for n in p.notes), p.id

    def test_outcome_links_inferred(self, plan):
        """The document links no priority to an outcome, so every link is inferred."""
        assert all(link.inferred for p in plan.priorities for link in p.outcomes)
        assert all(p.outcomes for p in plan.priorities)

    def test_rationale_and_outcomes(self, plan):
        """Bullet counts of the Rationale and Outcomes columns (lines 134-144)."""
        expected = [
            (12, 9),
            (7, 9),
            (9, 11),
            (8, 7),
            (11, 9),
            (11, 10),
            (8, 8),
            (12, 8),
        ]
        actual = [
            (len(p.rationale), len(p.intended_outcomes))
            for p in plan.priorities
            if p.kind.value == "service"
        ]
        assert expected == actual

    def test_duplicate_kc1_noted(self, plan):
        """Both rows coded KC1 carry an ambiguity note; the uncoded row says so."""
        for pid in ("P14", "P16", "P17"):
            assert any(n.kind.value == "ambiguity" for n in plan.element(pid).notes), pid


class TestDeliveryPlan:
    """Spot checks of the delivery plan against the document."""

    def test_quarter_labels(self, plan):
        """Milestones keep the document's labels and map to 2009-10 quarters."""
        action = plan.element("P1.O1.A1")
        expected = [
            ("Qtr1", "2009-10 Q1"),
            ("Qtr2", "2009-10 Q2"),
            ("Qtr3", "2009-10 Q3"),
            ("Qtr4", "2009-10 Q4"),
        ]
        assert expected == [(m.label, m.period.label) for m in action.milestones]

    def test_multi_quarter_labels(self, plan):
        """'Q,3,4' (line 276) and 'Q1-3' (line 330) are spans of quarters."""
        yjb = plan.element("P6.O1.A1").milestones[1]
        early = plan.element("P14.O1.A1").milestones[0]
        expected = [
            ("Q,3,4", "October 2009 to March 2010"),
            ("Q1-3", "April 2009 to December 2009"),
        ]
        assert expected == [(m.label, m.period.label) for m in (yjb, early)]

    def test_measurable_targets(self, plan):
        """Targets with figures keep them as printed."""
        primary = plan.element("P5.O2.A1.T1")
        attendance = plan.element("P4.O2.A1.T1")
        neet = plan.element("P8.O6.A1.T1")
        expected = (
            ("NI 93", "reduce_to", "20%"),
            (None, "below", "below 10%"),
            ("NI 117", None, "7.3%"),
        )
        actual = (
            (primary.indicator, primary.comparator.value, primary.values[_p("2009-10")].text),
            (attendance.indicator, attendance.comparator.value, attendance.value.text),
            (neet.indicator, None, neet.values[_p("November 2009 to January 2010")].text),
        )
        assert expected == actual

    def test_undetermined_target(self, plan):
        """'Outcome measures to be determined.' (Hindley YOI, line 279) is undetermined."""
        assert plan.element("P6.O4.A1.T1").is_undetermined

    def test_early_years_pairs(self, plan):
        """Ten Early Years actions, each with its own target and funding (lines 257-259)."""
        objective = plan.element("P5.O1")
        expected = [
            "Nil Additional",
            "£2000",
            "£2000",
            "£1500",
            "Nil additional",
            "£4000",
            "£2000",
            "Nil additional",
            "£5000",
            "£2500",
        ]
        actual = [a.funding[0].amount.text for a in objective.actions]
        assert expected == actual
        assert all(len(a.targets) == 1 for a in objective.actions)

    def test_missing_leads_noted(self, plan):
        """An action with an empty Responsibility has no lead and an ambiguity note; one with
        'Not yet agreed' has no lead, the lead status not_agreed and a note quoting the cell."""
        empty = plan.element("P3.O4.A1")
        assert ((), "not_stated") == (empty.leads, empty.lead_status.value)
        assert any(n.kind.value == "ambiguity" for n in empty.notes)
        not_agreed = plan.element("P4.O1.A6")
        assert ((), "not_agreed") == (not_agreed.leads, not_agreed.lead_status.value)
        assert any("Not yet agreed" in n.text for n in not_agreed.notes)


class TestFunding:
    """Funding lines: named sources, amounts and Money words."""

    def test_parenting_support(self, plan):
        """The Parenting Support Strategy row (line 231) as five allocations."""
        action = plan.element("P3.O1.A1")
        expected = [
            ("YCAP", "£175k", 175000.0),
            ("DCSF", "£186K", 186000.0),
            ("Sure Start", "TBC", None),
            ("Extended Schools Grant", "£309k", 309000.0),
            ("Parenting Expert Grant", "£100k", 100000.0),
        ]
        actual = [(f.stream, f.amount.text, f.amount.gbp) for f in action.funding]
        assert expected == actual

    def test_totals_per_stream(self, plan):
        """The quantified total of each stream that has one."""
        totals: dict[str | None, float] = {}
        for allocation in _allocations(plan):
            if allocation.is_quantified and allocation.amount and allocation.amount.gbp:
                key = allocation.stream
                totals[key] = totals.get(key, 0.0) + allocation.amount.gbp
        expected = {
            "YCAP": 525000.0,  # £175k (line 231) + £350k (line 277)
            "DCSF": 186000.0,
            "Extended Schools Grant": 309000.0,
            "Parenting Expert Grant": 100000.0,
            "ContactPoint grant": 90000.0,  # "90K ContactPoint grant" (line 371)
            None: 23000.0,  # Early Years £2000 x3, £1500, £4000, £5000, £2500; Welfare Call £4k
        }
        assert expected == totals

    def test_money_words(self, plan):
        """'Nil additional', 'To Be confirmed' and base budgets keep their kinds."""
        expected = {
            "Nil additional": "nil",
            "To Be confirmed": "to_be_confirmed",
            "CYPS Base Budget": "base_budget",
            "Base budget": "base_budget",
        }
        seen = {
            a.amount.text: a.amount.kind.value
            for a in _allocations(plan)
            if a.amount and a.amount.text in expected
        }
        assert expected == seen

    def test_every_allocation_keeps_its_text(self, plan):
        """Every funding line keeps the cell text as written."""
        assert all(a.text for a in _allocations(plan))


class TestExampleScript:
    """The example script reproduces the plan's tables."""

    def test_golden(self, capsys):
        """Output equals the golden file (set ECM_PLAN_REGEN_GOLDEN=1 to rewrite it)."""
        runpy.run_path(str(SCRIPT), run_name="__main__")
        output = capsys.readouterr().out
        if os.environ.get("ECM_PLAN_REGEN_GOLDEN") == "1":
            GOLDEN.parent.mkdir(parents=True, exist_ok=True)
            GOLDEN.write_text(output, encoding="utf-8")
        assert GOLDEN.read_text(encoding="utf-8") == output


class TestEndOfDocument:
    """The document's last section is transcribed to its last line."""

    def test_last_line_in_last_section(self, plan):
        """The last line of the text is an item of the section its heading opens."""
        lines = [line.strip() for line in seed_lines("wigan-2009-12") if line.strip()]
        heading, last = lines[-2], lines[-1]
        section = next(s for s in plan.sections if s.title == heading)
        assert last in section.items

    def test_no_note_says_the_text_stops_early(self, plan):
        """No note claims the text ends at a heading or that content is missing from it."""
        wrong = [
            text for text in note_texts(plan) if "ends at" in text or "not in the extract" in text
        ]
        assert [] == wrong


class TestLeadNotAgreed:
    """A Responsibility cell reading "Not yet agreed" is a lead state, not a missing lead."""

    def test_rows_not_yet_agreed(self, plan):
        """Each delivery-plan row whose Responsibility cell says "Not yet agreed" is an
        action with that lead status and no lead; no other action has it."""
        rows = [
            line.split("\t") for line in seed_lines("wigan-2009-12") if "\tNot yet agreed\t" in line
        ]
        texts = {cells[cells.index("Not yet agreed") - 1].strip() for cells in rows}
        actions = [a for _, _, a in plan.iter_actions()]
        not_agreed = {
            a.text for a in actions if a.lead_status is ecm_plan.model.LeadStatus.NOT_AGREED
        }
        assert texts == not_agreed
        assert all(not a.leads for a in actions if a.text in texts)
