"""The plan file of the how-to "Write a plan file", and the docs extensions the pages rely on.

The how-to shows ``docs/how-to/brookfield.yaml`` part by part. These tests check that the
file loads and validates, that it uses every key of the plan format, and that ``ecm-plan
report`` finds in it exactly the warnings the page explains. They also check the extensions
under ``docs/_ext`` that render the outcomes table, show public paths and find broken anchors.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import ecm_plan
from ecm_plan.catalog import outcomes
from ecm_plan.cli import main

DOCS = Path(__file__).parents[1] / "docs"
PLAN = DOCS / "how-to" / "brookfield.yaml"
PAGE = DOCS / "how-to" / "write-a-plan-file.md"

#: The codes of the findings above ``info`` that the report gives on the how-to's plan; the
#: page explains each of them.
EXPECTED_WARNINGS = {"ECM101", "ECM203", "ECM301", "ECM404", "ECM602"}

#: Keys whose values are tables keyed by period: their keys are periods, not format keys.
PERIOD_TABLES = {"actuals", "targets", "values", "amounts"}


def extension(name: str) -> ModuleType:
    """A module of ``docs/_ext``, loaded from its file as Sphinx loads it."""
    pytest.importorskip("sphinx")
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        spec = importlib.util.spec_from_file_location(name, DOCS / "_ext" / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    return module


def keys_used(data: Any, parent: str = "") -> set[str]:
    """Every mapping key of a loaded YAML document, leaving out the keys of period tables."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if parent not in PERIOD_TABLES:
                found.add(str(key))
            found |= keys_used(value, str(key))
    elif isinstance(data, list):
        for item in data:
            found |= keys_used(item)
    return found


def schema_keys() -> set[str]:
    """Every property name of the plan format's JSON Schema."""
    schema = ecm_plan.plan_schema()
    found = set(schema["properties"])
    for definition in schema.get("$defs", {}).values():
        found |= set(definition.get("properties", {}))
    return found


def report_findings(path: Path) -> list[dict[str, Any]]:
    """The findings of ``ecm-plan report --format json`` on ``path``."""
    out = io.StringIO()
    assert 0 == main(["report", "--format", "json", str(path)], out=out, err=io.StringIO())
    findings: list[dict[str, Any]] = json.loads(out.getvalue())["findings"]["items"]
    return findings


class TestTwoPrioritiesPlan:
    """The complete example of the how-to is a real plan file."""

    def test_validates(self):
        """``ecm-plan validate`` accepts it, with its three priorities."""
        out = io.StringIO()
        assert 0 == main(["validate", str(PLAN)], out=out, err=io.StringIO())
        assert f"{PLAN}: valid (3 priorities" in out.getvalue()

    def test_uses_every_key_of_the_format(self):
        """Every key of the JSON Schema appears in the file, and no other key."""
        used = keys_used(yaml.safe_load(PLAN.read_text(encoding="utf-8")))
        assert schema_keys() - {"change_from"} == used

    def test_report_warnings_are_the_ones_the_page_explains(self):
        """The report finds exactly the expected warnings, and the page names each code."""
        findings = report_findings(PLAN)
        codes = {f["code"] for f in findings if f["severity"] != "info"}
        assert EXPECTED_WARNINGS == codes
        text = PAGE.read_text(encoding="utf-8")
        assert [] == [code for code in sorted(EXPECTED_WARNINGS) if code not in text]

    def test_page_includes_every_part_of_the_file(self):
        """Each ``# [part]`` of the file is shown on the page by a literalinclude."""
        text = PAGE.read_text(encoding="utf-8")
        parts = [
            line[3:-1]
            for line in PLAN.read_text(encoding="utf-8").splitlines()
            if line.startswith("# [") and not line.startswith("# [/")
        ]
        assert len(parts) >= 10
        assert [] == [p for p in parts if f':start-after: "# [{p}]"' not in text]

    def test_page_explains_change_from(self):
        """The one key the file does not use is explained on the page."""
        assert "change_from" in PAGE.read_text(encoding="utf-8")


class TestOutcomesDirective:
    """``docs/_ext/ecm_outcomes.py`` renders the catalogue's outcomes and aims."""

    def test_one_row_per_aim(self):
        """The table has a row for each of the 25 aims, with each outcome's key once."""
        text = extension("ecm_outcomes").outcomes_markdown()
        rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
        assert 25 == len(rows)
        for item in outcomes():
            assert 1 == text.count(f"`{item.key.value}`")
            assert all(f"`{a.id}`" in text for a in item.aims)

    def test_ecm_model_page_uses_it(self):
        """The ECM model page holds the directive."""
        page = DOCS / "explanation" / "ecm-model.md"
        assert 1 == page.read_text(encoding="utf-8").count("```{ecm-outcomes}")


class TestPublicPaths:
    """``docs/_ext/public_paths.py`` names objects by their public path."""

    def test_private_path_becomes_public(self):
        """A private module path is rewritten to the package that re-exports the object."""
        module = extension("public_paths")
        assert "ecm_plan.model.Polarity" == module.public_path("ecm_plan.model._enums.Polarity")

    def test_path_with_no_public_twin_is_kept(self):
        """A private path whose object the package does not export is left as it is."""
        module = extension("public_paths")
        assert "ecm_plan.io._limits" == module.public_path("ecm_plan.io._limits")


class TestAnchorCheck:
    """``docs/_ext/anchor_check.py`` finds links to anchors that do not exist."""

    def test_finds_only_the_broken_anchor(self, tmp_path):
        """A link to a missing anchor is reported; good anchors and outside links are not."""
        (tmp_path / "a.html").write_text(
            '<p id="top"></p><a href="#top">x</a><a href="b/c.html#here">y</a>'
            '<a href="b/c.html#gone">z</a><a href="https://example.org/#x">w</a>',
            encoding="utf-8",
        )
        (tmp_path / "b").mkdir()
        (tmp_path / "b" / "c.html").write_text(
            '<span id="here"></span><a href="../a.html#top">back</a>', encoding="utf-8"
        )
        found = extension("anchor_check").broken_anchors(tmp_path)
        assert [("a.html", "b/c.html#gone")] == found

    def test_empty_folder(self, tmp_path):
        """A folder with no pages has no broken anchors."""
        assert [] == extension("anchor_check").broken_anchors(tmp_path)
