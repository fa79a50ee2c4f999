"""Fidelity of the bundled Swindon plan to its source document.

The source is the Introduction of Swindon Borough Council's "Strategic Management Plan 2008"
: a vision, the drivers of change, the structure of the service
and a review history, with no priorities or action tables. The expected values below come from
that text.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest

import ecm_plan
from ecm_plan.model import NoteKind, OutcomeKey

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "swindon_2008.py"
GOLDEN = ROOT / "tests" / "golden" / "swindon_2008.txt"


@pytest.fixture(scope="module")
def plan() -> ecm_plan.Plan:
    return ecm_plan.load_bundled("swindon-2008")


def _section(plan: ecm_plan.Plan, topic: str) -> ecm_plan.model.Section:
    return next(s for s in plan.sections if s.topic == topic)


class TestPlan:
    def test_header(self, plan):
        """Id, authority, title, kind, period (2008, as the title says) and date (April 2008)."""
        expected = (
            "swindon-2008",
            "Swindon Borough Council",
            "Strategic Management Plan 2008",
            "strategic_management_plan",
            "2008",
            "April 2008",
        )
        actual = (
            plan.id,
            plan.authority,
            plan.title,
            plan.kind.value,
            plan.period.label,
            plan.published.label,
        )
        assert expected == actual

    def test_period_choice_is_noted(self, plan):
        """The choice of period is a note of the plan."""
        expected = [True]
        assert expected == [any("2008-2011" in n.text and "Period" in n.text for n in plan.notes)]

    def test_lead(self, plan):
        """John Gilbert, Group Director, Children, signs the introduction."""
        expected = [("J Gilbert", "John Gilbert", "person", ("Group Director, Children",))]
        actual = [
            (lead.id, lead.name, lead.kind.value, tuple(n.text for n in lead.notes))
            for lead in plan.leads
        ]
        assert expected == actual

    def test_vision(self, plan):
        """The vision as written (the document ends it without a full stop)."""
        vision = (
            "Children and young people deserve the best start in life and we want them to enjoy "
            "life, to achieve, to stay safe from harm, to be healthy and to grow up to be "
            "successful adults in a loving, caring environment"
        )
        expected = (vision,)
        assert expected == plan.vision

    def test_round_trip(self, plan):
        """The plan survives a dump and load in every format."""
        for fmt in ("yaml", "json", "toml"):
            assert plan == ecm_plan.loads_plan(ecm_plan.dumps_plan(plan, fmt), fmt)


class TestNoActionTables:
    def test_counts(self, plan):
        """The introduction has no priorities, objectives, actions, milestones, targets,
        indicators, funding streams or allocations."""
        expected = (0, 0, 0, 0, 0, 0, 0)
        actual = (
            len(plan.priorities),
            sum(len(p.objectives) for p in plan.priorities),
            len(list(plan.iter_actions())),
            sum(len(a.milestones) for _, _, a in plan.iter_actions()),
            len(list(plan.iter_targets())),
            len(plan.indicators),
            len(plan.funding_streams),
        )
        assert expected == actual

    def test_note_says_introduction_only(self, plan):
        """A plan-level source note says the extract is the introduction only."""
        expected = [True]
        actual = [any(n.kind is NoteKind.SOURCE and "introduction" in n.text for n in plan.notes)]
        assert expected == actual


class TestOutcomes:
    def test_outcomes(self, plan):
        """The vision's enjoy/achieve, stay safe and be healthy are stated; "successful adults"
        is inferred as economic well-being; positive contribution is not named."""
        expected = [
            (OutcomeKey.ENJOY_AND_ACHIEVE, False),
            (OutcomeKey.STAY_SAFE, False),
            (OutcomeKey.BE_HEALTHY, False),
            (OutcomeKey.ECONOMIC_WELLBEING, True),
        ]
        assert expected == [(link.outcome, link.inferred) for link in plan.outcomes]

    def test_inferred_link_has_a_note(self, plan):
        """The inferred link says why."""
        inferred = [link for link in plan.outcomes if link.inferred]
        expected = [True]
        assert expected == [all("successful adults" in (link.note or "") for link in inferred)]


class TestSections:
    def test_sections(self, plan):
        """Four sections: drivers, structure, history and the rest of the introduction."""
        expected = [
            ("DRV", "drivers", 13, 5),
            ("STR", "structure", 7, 1),
            ("HIST", "history", 2, 8),
            ("CTX", "context", 7, 1),
        ]
        actual = [(s.id, s.topic, len(s.items), len(s.events)) for s in plan.sections]
        assert expected == actual

    @pytest.mark.parametrize(
        "words",
        [
            "Community Strategy",
            "Children Act 2004",
            "'Strong and Prosperous Communities', published in October 2006",
            "Education and Inspection Act 2007",
            "Child Care Act 2006",
            "Adoption Act 2006",
            "A new duty on schools to promote well-being and community cohesion",
            "refocusing of Children's Trust Arrangements",
            "new Local Area Agreement for Swindon in April 2008",
            "new CYPP and LAA",
        ],
    )
    def test_driver_named(self, plan, words):
        """Each plan or law the introduction names as a driver is an entry of the drivers
        section, as written (Child Care Act 2006 [sic])."""
        expected = True
        assert expected == any(words in item for item in _section(plan, "drivers").items)

    def test_dated_drivers(self, plan):
        """The dated drivers, with their periods as written."""
        expected = [
            ("Children Act 2004", "2004"),
            (
                "Local Government White Paper, 'Strong and Prosperous Communities', published",
                "October 2006",
            ),
            ("Child Care Act 2006", "2006"),
            ("Adoption Act 2006", "2006"),
            ("Education and Inspection Act 2007", "2007"),
        ]
        actual = [(e.text, e.period.label) for e in _section(plan, "drivers").events]
        assert expected == actual

    def test_act_names_noted(self, plan):
        """The Acts' names as written are noted as ambiguities, not corrected."""
        notes = _section(plan, "drivers").notes
        expected = [True]
        assert expected == [
            any(n.kind is NoteKind.AMBIGUITY and "Childcare Act 2006" in n.text for n in notes)
        ]

    @pytest.mark.parametrize(
        "words",
        [
            "four geographical teams across Swindon, with a fifth service for Disabled Children",
            "Five Integrated Service Managers",
            "five business units",
            "50 promises",
            "Eight of the key promises are linked to the priorities",
        ],
    )
    def test_structure(self, plan, words):
        """The structure section holds the teams, managers, business units and promises."""
        expected = True
        assert expected == any(words in item for item in _section(plan, "structure").items)

    def test_history_in_order(self, plan):
        """The review history, dated and in date order."""
        expected = [
            ("June 2006", "Joint Area Review (JAR) of Children Services in Swindon"),
            ("June 2007", "Review of the Children and Young People's Plan"),
            ("2007", "Refreshed needs assessment"),
            ("2007", "Tell Us Survey 2007"),
            (
                "November 2007",
                "Consultation with stakeholders, parents and carers and young people",
            ),
            ("February 2008", "Refreshed Community Strategy launched"),
            ("April 2008", "New Local Area Agreement for Swindon published"),
            ("2008 to 2011", "New Children & Young People's Plan 2008-2011"),
        ]
        actual = [(e.period.label, e.text) for e in _section(plan, "history").events]
        assert expected == actual

    def test_history_labels_as_written(self, plan):
        """Each history event keeps its date as the document writes it."""
        expected = [
            "June 2006", "June 2007", "2007", "2007", "November 2007", "February 2008",
            "April 2008", "2008-2011",
        ]  # fmt: skip
        assert expected == [e.label for e in _section(plan, "history").events]


class TestExample:
    def test_golden(self, capsys):
        """The example prints what the golden file holds (ECM_PLAN_REGEN_GOLDEN=1 rewrites it)."""
        runpy.run_path(str(EXAMPLE), run_name="__main__")
        out = capsys.readouterr().out
        if os.environ.get("ECM_PLAN_REGEN_GOLDEN") == "1":
            GOLDEN.parent.mkdir(parents=True, exist_ok=True)
            GOLDEN.write_text(out, encoding="utf-8")
        assert GOLDEN.read_text(encoding="utf-8") == out
