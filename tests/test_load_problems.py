"""Loading reports every problem at once: structure, shapes, references and figures, with lines."""

from __future__ import annotations

import json

import pytest

from ecm_plan import PlanFileError, loads_plan
from ecm_plan.catalog import outcome, outcomes
from ecm_plan.cli import main
from ecm_plan.exceptions import Problem, UnknownOutcomeError
from ecm_plan.model import OutcomeKey, Priority, suggest_outcomes

TEN_MISTAKES = """\
id: ten
authority: Anytown
title: A plan with ten mistakes
period: 2009-10 to 2011-12
leads:
  - id: HoS
    name: Head of Service
  - id: HoS
    name: Head of Safeguarding
indicators:
  - id: NI 62
    title: Stability of placements
    unit: percent
    baseline: 8.5%
    targets:
      2009-10: banana
priorities:
  - id: P1
    title: Be healthy
    leads: HoX
    outcomes: [healthy]
    objectives:
      - id: P1.O1
        titel: Engage with parents
        leads: [HoZ]
        actions:
          - id: P1.O1.A1
            text: Deliver the programme
            due: 2010-13-45
            funding: [ABG]
            targets:
              - id: T1
                text: Placements
                kind: measurable
                indicator: NI 99
                value: banana
  - id: P2
    title: Stay safe
    outcomes:
      - outcome: stay_safe
        aims: [1.9, true]
        inferred: 'false'
"""

# (path, line, a fragment of the message)
EXPECTED = [
    ("leads[1].id", 8, "duplicate id 'HoS'"),
    ("indicators[0].baseline", 14, 'e.g. baseline: {value: "8.5%", period: 2008-09}'),
    ("indicators[0].targets['2009-10']", 16, "'banana' is a target of percent indicator NI 62"),
    ("priorities[0].leads", 20, "expected a list of lead ids, e.g. leads: [HoX]"),
    ("priorities[0].outcomes[0]", 21, "did you mean be_healthy?"),
    ("priorities[0].objectives[0].title", 23, "this required key is missing"),
    ("priorities[0].objectives[0].titel", 24, "unknown key 'titel'"),
    ("priorities[0].objectives[0].leads[0]", 25, "unknown lead id 'HoZ'"),
    ("priorities[0].objectives[0].actions[0].funding[0]", 30, "e.g. funding: [{stream: ABG}]"),
    (
        "priorities[0].objectives[0].actions[0].targets[0].indicator",
        35,
        "unknown indicator id 'NI 99'",
    ),
    (
        "priorities[0].objectives[0].actions[0].targets[0].value",
        36,
        "'banana' is a value of measurable target T1 but holds no figure",
    ),
    ("priorities[1].outcomes[0].aims[0]", 41, "expected a whole number"),
    ("priorities[1].outcomes[0].aims[1]", 41, "expected a whole number"),
    ("priorities[1].outcomes[0].inferred", 42, "expected true or false, e.g. inferred: false"),
]


def load_problems(text: str, fmt: str = "yaml") -> tuple[Problem, ...]:
    with pytest.raises(PlanFileError) as info:
        loads_plan(text, fmt)
    return info.value.problems


def find(found: tuple[Problem, ...], path: str) -> Problem:
    matches = [p for p in found if p.path == path]
    assert 1 == len(matches), (path, [str(p) for p in found])
    return matches[0]


class TestOneLoad:
    def test_ten_mistakes_in_one_load(self):
        """One load reports every mistake of the file, each with its key path, line and text."""
        found = load_problems(TEN_MISTAKES)
        for path, line, fragment in EXPECTED:
            problem = find(found, path)
            assert line == problem.line, str(problem)
            assert fragment in problem.message, str(problem)

    def test_nothing_else_reported(self):
        """The problems reported are exactly the ones planted, the impossible date among them."""
        paths = [p.path for p in load_problems(TEN_MISTAKES)]
        due = "priorities[0].objectives[0].actions[0].due"
        assert due in paths
        assert [path for path, _, _ in EXPECTED] == [p for p in paths if p != due]

    def test_impossible_due_date_reported(self):
        """An impossible date in a due cell is reported in the same load."""
        problem = find(load_problems(TEN_MISTAKES), "priorities[0].objectives[0].actions[0].due")
        assert 29 == problem.line
        assert "2010-13-45" in problem.message

    def test_sorted_by_position(self):
        """Problems come in the order of the file."""
        lines = [p.line or 0 for p in load_problems(TEN_MISTAKES)]
        assert sorted(lines) == lines

    def test_every_problem_has_a_hint(self):
        """Each problem says what to do about it."""
        assert all(p.hint for p in load_problems(TEN_MISTAKES))

    def test_reference_found_beside_type_error(self):
        """An unknown lead is reported in the same load as a type error elsewhere."""
        text = (
            "id: d\nauthority: A\ntitle: T\nperiod: 2009-10\n"
            "priorities:\n  - {id: P1, title: t, leads: [Nobody], kind: 7}\n"
        )
        found = load_problems(text)
        assert "unknown lead id 'Nobody'" == find(found, "priorities[0].leads[0]").message
        assert "is not one of" in find(found, "priorities[0].kind").message

    def test_json_sorted_in_document_order(self):
        """Without lines, JSON problems come in the order of their keys in the file."""
        data = {
            "id": "d",
            "authority": "A",
            "title": "T",
            "period": "2009-10",
            "priorities": [{"id": "P1", "title": "t", "leads": ["X"]}],
            "leads": [{"id": "L", "name": 3.5}],
        }
        found = load_problems(json.dumps(data), "json")
        assert ["priorities[0].leads[0]", "leads[0].name"] == [p.path for p in found]
        assert all(p.line is None for p in found)

    def test_duplicate_yaml_key_among_other_problems(self):
        """A duplicate YAML key is reported with its path and line, beside other problems."""
        text = "id: d\nauthority: A\ntitle: T\nperiod: 2009-10\ntitle: U\nvisoin: [x]\n"
        found = load_problems(text)
        assert [("title", 5), ("visoin", 6)] == [(p.path, p.line) for p in found]
        assert "duplicate key 'title' (first at line 3)" in found[0].message

    def test_validate_prints_every_problem(self, tmp_path, capsys):
        """The command line prints each problem with its line."""
        path = tmp_path / "ten.yaml"
        path.write_text(TEN_MISTAKES, encoding="utf-8")
        assert 0 != main(["validate", str(path)])
        captured = capsys.readouterr()
        printed = captured.out + captured.err
        for path_, line, _ in EXPECTED:
            assert f"line {line}: {path_}:" in printed


class TestShapes:
    MINIMAL = "id: d\nauthority: A\ntitle: T\nperiod: 2009-10\n"

    def one(self, tail: str, fmt: str = "yaml") -> Problem:
        found = load_problems(self.MINIMAL + tail, fmt)
        assert 1 == len(found), [str(p) for p in found]
        return found[0]

    def test_text_is_never_split(self):
        """A lead written as text is one lead id, and the fix is shown."""
        problem = self.one("priorities:\n  - {id: P1, title: t, leads: HoX}\n")
        assert "expected a list of lead ids, e.g. leads: [HoX]" == problem.message

    def test_mapping_expected(self):
        """A baseline written as a cell shows the mapping it should be."""
        problem = self.one("indicators:\n  - {id: NI 1, baseline: 8.5%}\n")
        assert (
            'expected a mapping with a value and a period, e.g. baseline: {value: "8.5%", '
            "period: 2008-09}" == problem.message
        )

    def test_list_of_mappings_expected(self):
        """Funding written as stream ids shows allocations."""
        problem = self.one("priorities:\n  - {id: P1, title: t, funding: [ABG]}\n")
        assert "e.g. funding: [{stream: ABG}]" in problem.message

    @pytest.mark.parametrize("text", ["'false'", "'true'", "yes", "0", "1"])
    def test_booleans_are_strict(self, text):
        """No truthy text or numbers where true or false is expected."""
        problem = self.one(f"outcomes:\n  - {{outcome: stay_safe, inferred: {text}}}\n")
        assert problem.message.startswith("expected true or false")

    @pytest.mark.parametrize("text", ["[1.9]", "[true]", "['2']"])
    def test_integers_are_strict(self, text):
        """No decimals, booleans or text where a whole number is expected."""
        problem = self.one(f"outcomes:\n  - {{outcome: stay_safe, aims: {text}}}\n")
        assert problem.message.startswith("expected a whole number")

    def test_json_float_aim_refused(self):
        """A JSON 1.0 is not an aim number."""
        data = {"id": "d", "authority": "A", "title": "T", "period": "2009-10"}
        data["outcomes"] = [{"outcome": "stay_safe", "aims": [1.0]}]
        found = load_problems(json.dumps(data), "json")
        assert ["outcomes[0].aims[0]"] == [p.path for p in found]

    def test_figure_check_when_everything_else_reads(self):
        """A measured cell without a figure is reported, with its line, when the rest is fine."""
        problem = self.one("indicators:\n  - id: NI 1\n    targets: {2009-10: banana}\n")
        assert "indicators[0].targets['2009-10']" == problem.path
        assert 7 == problem.line
        assert "holds no figure" in problem.message

    def test_periods_mapping_expected(self):
        """Targets written as a list show the mapping of period to value."""
        problem = self.one("indicators:\n  - {id: NI 1, targets: [85%]}\n")
        assert 'e.g. targets: {2009-10: "85%"}' in problem.message

    @pytest.mark.parametrize(
        ("written", "key"),
        [
            ("Be healthy", "be_healthy"),
            ("being healthy", "be_healthy"),
            ("BEING HEALTHY", "be_healthy"),
            ("Staying Safe", "stay_safe"),
            ("enjoy & achieve", "enjoy_and_achieve"),
            ("economic well-being", "economic_wellbeing"),
            ("Make a positive contribution", "positive_contribution"),
        ],
    )
    def test_outcome_spellings_suggest_the_key(self, written, key):
        """An outcome written as plans write it suggests its key and lists the five."""
        problem = self.one(f"outcomes: ['{written}']\n")
        assert f"did you mean {key}?" in problem.message
        assert ", ".join(OutcomeKey) in problem.message


class TestSuggestOutcomes:
    def test_titles_and_spellings(self):
        """Each outcome's key and title are suggested for themselves."""
        for key in OutcomeKey:
            assert (key,) == suggest_outcomes(key.label)
            assert (key,) == suggest_outcomes(key.value)

    def test_catalogue_titles(self):
        """The outcome titles of the catalogue (as its aims carry them) suggest their keys."""
        for found in outcomes():
            assert (found.key,) == suggest_outcomes(found.title.upper())
            assert found.key == outcome(found.title).key

    def test_catalogue_lookup_suggests(self):
        """The catalogue's look-up suggests a key for a spelling plans use."""
        with pytest.raises(UnknownOutcomeError) as info:
            outcome("Staying Safe")
        assert ("stay_safe",) == info.value.suggestions

    def test_nothing_near(self):
        """Text far from every outcome gets no suggestion."""
        assert () == suggest_outcomes("banana")
        assert () == suggest_outcomes("")

    def test_constructor_suggests(self):
        """A priority built in Python with an outcome title gets the key suggested."""
        with pytest.raises(UnknownOutcomeError) as info:
            Priority(id="P1", title="t", outcomes=["Be healthy"])
        assert ("be_healthy",) == info.value.suggestions
        assert isinstance(info.value, ValueError)
