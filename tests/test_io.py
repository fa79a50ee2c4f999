"""Plan files: formats, errors with key paths, safe and bounded loading, atomic writes."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ecm_plan
from ecm_plan import PlanError, PlanFileError, load_bundled
from ecm_plan.io import (
    _formats,
    dump_plan,
    dumps_plan,
    format_of,
    load_plan,
    loads_plan,
    plan_schema,
)
from ecm_plan.testing import plans

MINIMAL = """\
id: demo
authority: Anytown
title: Demo
period: 2009-10
"""


ACTION = (
    MINIMAL
    + """\
priorities:
  - id: P1
    title: t
    objectives:
      - id: P1.O1
        title: o
        actions:
          - {{id: P1.O1.A1, text: a, due: {due}}}
"""
)


def problems(text, fmt="yaml"):
    with pytest.raises(PlanFileError) as info:
        loads_plan(text, fmt)
    return [(p.path, p.message, p.hint) for p in info.value.problems]


class TestLoadsPlan:
    def test_minimal(self):
        """Four keys make a plan."""
        assert "2009-10" == loads_plan(MINIMAL).period.label

    def test_unknown_key_with_suggestion(self):
        """An unknown key is an error with its path and the closest valid key."""
        found = problems(MINIMAL + "visoin: [x]\n")
        assert [("visoin", "unknown key 'visoin'", "did you mean 'vision'?")] == found

    def test_every_problem_at_once(self):
        """Problems across the document are all reported in one error."""
        text = (
            MINIMAL
            + """\
leads:
  - {id: HoS, name: Head, kind: boss}
priorities:
  - id: P1
    title: t
    leads: [HoS]
    objectives:
      - id: P1.O1
        title: o
        actions:
          - {id: P1.O1.A1, text: a, due: 3, milestones: [{text: m, period: Q5 2009-10}]}
indicators:
  - {id: NI 112, unit: percentage}
"""
        )
        paths = [p for p, _, _ in problems(text)]
        assert {
            "leads[0].kind",
            "priorities[0].objectives[0].actions[0].milestones[0].period",
            "indicators[0].unit",
        } == set(paths)

    def test_reference_problems_have_paths(self):
        """Unknown ids are reported with the key path of the reference."""
        text = MINIMAL + "priorities:\n  - {id: P1, title: t, leads: [HoS]}\n"
        found = problems(text)
        assert "priorities[0].leads[0]" == found[0][0]
        assert "unknown lead id 'HoS'" == found[0][1]

    def test_text_fields_refuse_structures(self):
        """A mapping where text belongs is an error, never turned into its repr."""
        found = problems(MINIMAL + "vision: [a: b]\n")
        message = "expected text, got a dict ({'a': 'b'}); write it as one string"
        assert [("vision[0]", message)] == [(p, m) for p, m, _ in found]

    def test_yaml_decimals_keep_their_digits(self):
        """An unquoted YAML decimal stays text as printed: 0.80 is not turned into 0.8."""
        plan = loads_plan(MINIMAL + "indicators:\n  - {id: NI 19, actuals: {2008-09: 0.80}}\n")
        assert "0.80" == next(iter(plan.indicators[0].actuals.values())).text

    def test_json_float_cell_refused(self):
        """A JSON number in a cell is refused with a hint to write it as text."""
        text = (
            '{"id": "d", "authority": "A", "title": "T", "period": "2009-10", '
            '"indicators": [{"id": "NI 19", "actuals": {"2008-09": 0.8}}]}'
        )
        found = problems(text, "json")
        assert "in quotes" in found[0][1]

    def test_duplicate_ids(self):
        """A duplicate id names where the id was first used."""
        text = MINIMAL + "leads:\n  - {id: A, name: a}\n  - {id: A, name: b}\n"
        assert "already used at leads[0]" in problems(text)[0][1]

    def test_wrong_type(self):
        """A mapping where a list belongs is a type problem at its path."""
        found = problems(MINIMAL + "priorities: {id: P1}\n")
        assert found
        assert all(p.startswith("priorities") for p, _, _ in found)

    def test_missing_required(self):
        """A missing required key is named."""
        found = problems("id: demo\nauthority: A\nperiod: 2009-10\n")
        assert [("title", "this required key is missing", "add it")] == found

    def test_non_canonical_period(self):
        """A period in another spelling is refused with the canonical one to write."""
        found = problems(MINIMAL.replace("2009-10", "09/10"))
        assert "period" == found[0][0]
        assert "write it as '2009-10'" in found[0][1]

    def test_impossible_date(self):
        """An impossible date is reported where it stands."""
        found = problems(MINIMAL + "published: 2009-02-30\n")
        assert "published" == found[0][0]

    @pytest.mark.parametrize("text", ["31/02/2010", "2010-13-45", "30/02/2010", "00/01/2010"])
    def test_impossible_due_date(self, text):
        """An action due on an impossible date is a problem at that due, never the year."""
        [(path, message, _)] = problems(ACTION.format(due=text))
        assert "priorities[0].objectives[0].actions[0].due" == path
        assert f"cannot read {text!r} as a period: no such day" in message

    def test_day_first_due_date(self):
        """A due written day first loads as that day."""
        plan = loads_plan(ACTION.format(due="31/03/2010"))
        due = plan.priorities[0].objectives[0].actions[0].due
        assert ("31/03/2010", dt.date(2010, 3, 31)) == (due.text, due.deadline)

    def test_toml_date_due(self):
        """A TOML date (not a string) as a due is that day, written back as ISO text."""
        toml = (
            'id = "d"\nauthority = "A"\ntitle = "T"\nperiod = "2009-10"\n'
            '[[priorities]]\nid = "P1"\ntitle = "t"\n'
            '[[priorities.objectives]]\nid = "P1.O1"\ntitle = "o"\n'
            '[[priorities.objectives.actions]]\nid = "P1.O1.A1"\ntext = "a"\ndue = 2010-03-31\n'
        )
        plan = loads_plan(toml, "toml")
        due = plan.priorities[0].objectives[0].actions[0].due
        assert ("2010-03-31", dt.date(2010, 3, 31)) == (due.text, due.deadline)
        assert plan == loads_plan(dumps_plan(plan, "toml"), "toml")

    def test_bad_unit(self):
        """An unknown unit is reported with the units there are."""
        found = problems(MINIMAL + "indicators:\n  - {id: NI 1, unit: furlong}\n")
        assert "indicators[0].unit" == found[0][0]
        assert "percent" in found[0][1]

    def test_bad_money_unit(self):
        """A money mapping with a bad unit is reported at its path."""
        text = MINIMAL + (
            "funding_streams:\n  - {id: ABG, name: g, amounts: {2009-10: {text: '1', unit: EUR}}}\n"
        )
        assert "funding_streams[0].amounts" in problems(text)[0][0]

    def test_not_a_mapping(self):
        """A document that is not a mapping says what it is instead."""
        assert "a list" in problems("- a\n- b\n")[0][1]
        assert "empty" in problems("")[0][1]

    def test_syntax_error_has_line(self):
        """Broken YAML is reported with its line, never as a raw PyYAML traceback."""
        found = problems("id: demo\n  bad: [\n")
        assert found[0][0].startswith("line ")

    def test_duplicate_yaml_key(self):
        """A repeated key is an error: YAML would silently keep only the last value."""
        found = problems(MINIMAL + "title: Again\n")
        assert "duplicate key 'title'" in found[0][1]

    def test_duplicate_json_key(self):
        """JSON duplicate keys are refused too."""
        text = '{"id": "d", "authority": "A", "title": "T", "title": "U", "period": "2009-10"}'
        assert "duplicate key 'title'" in problems(text, "json")[0][1]

    def test_no_code_execution(self):
        """Python tags are refused: loading never executes anything from a file."""
        found = problems("!!python/object/apply:os.system ['echo pwned']\n")
        assert "not valid YAML" in found[0][1] or "refused" in found[0][1]

    def test_alias_bomb(self):
        """An alias expansion bomb fails fast with a clear message."""
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 15)]
        found = problems("\n".join(lines) + "\n")
        assert "aliases" in found[0][1] or "nodes" in found[0][1]

    def test_oversized(self, monkeypatch):
        """Oversized input fails before it is parsed."""
        monkeypatch.setattr(_formats, "MAX_BYTES", 10)
        assert "larger than" in problems(MINIMAL)[0][1]

    def test_unknown_format(self):
        """An unknown format name is a PlanFileError."""
        assert "unknown format" in problems(MINIMAL, "xml")[0][1]

    def test_toml_and_json(self):
        """The same plan reads from JSON and TOML."""
        as_json = json.dumps({"id": "d", "authority": "A", "title": "T", "period": "2009-10"})
        as_toml = 'id = "d"\nauthority = "A"\ntitle = "T"\nperiod = "2009-10"\n'
        assert loads_plan(as_json, "json") == loads_plan(as_toml, "toml")

    @given(st.text(max_size=200))
    def test_any_text_is_plan_or_plan_file_error(self, text):
        """Any text either loads or raises PlanFileError: never another exception."""
        try:
            loads_plan(text, "yaml")
        except PlanFileError as err:
            problems_found, is_plan_error = err.problems, isinstance(err, PlanError)
        else:
            return
        assert problems_found
        assert is_plan_error


class TestFiles:
    def test_format_of(self):
        """The format comes from the suffix."""
        assert ["yaml", "yaml", "json", "toml"] == [
            format_of(p) for p in ("a.yaml", "b.YML", "c.json", "d.toml")
        ]
        with pytest.raises(PlanFileError, match="unknown file suffix"):
            format_of("plan.xlsx")

    def test_load_missing_file(self, tmp_path):
        """A missing file is a PlanFileError naming the file."""
        with pytest.raises(PlanFileError, match="cannot read the file"):
            load_plan(tmp_path / "nope.yaml")

    def test_errors_name_the_file(self, tmp_path):
        """Problems in a file carry its name."""
        path = tmp_path / "bad.yaml"
        path.write_text("id: demo\n", encoding="utf-8")
        with pytest.raises(PlanFileError) as info:
            load_plan(path)
        assert str(path) == info.value.source

    @pytest.mark.parametrize("suffix", [".yaml", ".json", ".toml"])
    def test_dump_and_load(self, tmp_path, suffix):
        """A plan written to a file reads back equal."""
        plan = load_bundled("sample")
        path = tmp_path / f"plan{suffix}"
        dump_plan(plan, path)
        assert plan == load_plan(path)

    def test_atomic_write_keeps_old_file(self, tmp_path, monkeypatch):
        """A crash mid-write leaves the old file intact and no temporary file behind."""
        path = tmp_path / "plan.yaml"
        path.write_text("old", encoding="utf-8")

        def boom(_fd):
            raise OSError("disk full")

        monkeypatch.setattr(os, "fsync", boom)
        with pytest.raises(OSError, match="disk full"):
            dump_plan(load_bundled("sample"), path)
        assert "old" == path.read_text(encoding="utf-8")
        assert ["plan.yaml"] == [p.name for p in tmp_path.iterdir()]


class TestRoundTrip:
    @settings(max_examples=25)
    @given(plans())
    def test_plans(self, plan):
        """Every generated plan survives dumps then loads in every format.

        One drawn plan goes through all three formats, so each format sees every plan.
        """
        for fmt in ("yaml", "json", "toml"):
            assert plan == loads_plan(dumps_plan(plan, fmt), fmt), fmt

    def test_original_text_kept(self):
        """Normalised cells keep their original text through a round trip."""
        text = dumps_plan(load_bundled("sample"))
        for original in ("+0.58% (2007 data)", "9.0% (prov.)", "Ongoing from April 2009", "£175k"):
            assert original in text

    def test_yaml_is_stable(self):
        """Dumping a loaded dump gives the same text."""
        first = dumps_plan(load_bundled("sample"))
        assert first == dumps_plan(loads_plan(first))


class TestLeadStatus:
    """The plan file key ``lead_status`` is read, written only when it says something, and
    described by the schema."""

    TEXT = """
id: demo
authority: Anytown
title: Demo
period: 2009-10
priorities:
- id: P1
  title: One
  actions:
  - id: P1.A1
    text: Create a post
    lead_status: not_agreed
  - id: P1.A2
    text: Review the post
"""

    def test_read(self):
        """The key gives the action's status; an action without it follows its leads."""
        plan = loads_plan(self.TEXT)
        expected = ["not_agreed", "not_stated"]
        assert expected == [a.lead_status.value for _, _, a in plan.iter_actions()]

    @pytest.mark.parametrize("fmt", ["yaml", "json", "toml"])
    def test_round_trip(self, fmt):
        """The status survives every format, and only the stated one is written."""
        plan = loads_plan(self.TEXT)
        text = dumps_plan(plan, fmt)
        assert plan == loads_plan(text, fmt)
        expected = 1
        assert expected == text.count("lead_status")

    def test_bad_value_located(self):
        """A value outside the three is reported at its key path."""
        with pytest.raises(PlanFileError, match=r"actions\[0\]\.lead_status"):
            loads_plan(self.TEXT.replace("not_agreed", "pending"))

    def test_schema(self):
        """The schema lists the three states."""
        action = plan_schema()["$defs"]["Action"]["properties"]["lead_status"]
        expected = {"enum": ["named", "not_agreed", "not_stated"]}
        assert expected == action


class TestSchema:
    def test_shape(self):
        """The schema names the plan's keys and forbids unknown ones."""
        schema = plan_schema()
        assert schema["additionalProperties"] is False
        assert {"priorities", "indicators", "leads"} <= set(schema["properties"])
        assert "Action" in schema["$defs"]

    def test_validates_bundled_plans(self):
        """Every bundled plan, as JSON, is valid against the schema."""
        jsonschema = pytest.importorskip("jsonschema")
        schema = plan_schema()
        for name in ecm_plan.bundled_plans():
            data = json.loads(dumps_plan(load_bundled(name), "json"))
            jsonschema.validate(data, schema)

    def test_schema_file_is_current(self):
        """The schema shipped in the docs matches the model."""
        shipped = Path(__file__).parent.parent / "docs" / "_static" / "plan.schema.json"
        assert plan_schema() == json.loads(shipped.read_text(encoding="utf-8"))
