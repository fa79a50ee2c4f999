"""Starting plans: the bundled templates and ``ecm-plan init``."""

from __future__ import annotations

import io
from importlib import resources

import pytest

from ecm_plan import bundled_plans, load_plan
from ecm_plan.cli import main
from ecm_plan.coverage import check
from ecm_plan.io import plan_schema

TEMPLATES = ("minimal", "full")


def run_err(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class TestTemplates:
    @pytest.mark.parametrize("name", TEMPLATES)
    def test_loads_with_no_error_findings(self, name, tmp_path):
        """Each template loads and the coverage checks find no errors in it."""
        path = tmp_path / "plan.yaml"
        assert 0 == run_err("init", "--template", name, str(path))[0]
        plan = load_plan(path)
        assert [] == [f for f in check(plan) if f.severity.value == "error"]

    @pytest.mark.parametrize("name", TEMPLATES)
    def test_shipped_as_package_data(self, name):
        """The templates are package data beside the bundled plans, commented."""
        text = resources.files("ecm_plan.plans").joinpath("templates", f"{name}.yaml")
        assert text.read_text(encoding="utf-8").startswith("# ")

    def test_full_template_shows_every_key(self):
        """Every key of the plan format's schema appears in the full template."""
        text = (
            resources.files("ecm_plan.plans")
            .joinpath("templates", "full.yaml")
            .read_text(encoding="utf-8")
        )
        keys: set[str] = set()

        def walk(node):
            if isinstance(node, dict):
                for key, value in node.get("properties", {}).items():
                    keys.add(key)
                    walk(value)
                for value in node.values():
                    if isinstance(value, dict | list):
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(plan_schema())
        assert set() == {k for k in keys if f"{k}:" not in text}

    def test_bundled_plans_unchanged(self):
        """Templates are not listed as bundled plans."""
        assert not any(name in bundled_plans() for name in TEMPLATES)


class TestInit:
    def test_writes_the_minimal_template_by_default(self, tmp_path):
        """Without --template the minimal template is written."""
        path = tmp_path / "plan.yaml"
        code, out, _ = run_err("init", str(path))
        assert 0 == code
        assert "minimal" in out
        expected = (
            resources.files("ecm_plan.plans")
            .joinpath("templates", "minimal.yaml")
            .read_text(encoding="utf-8")
        )
        assert expected == path.read_text(encoding="utf-8")

    def test_refuses_to_overwrite(self, tmp_path):
        """An existing file is left alone: exit 1 and a message naming --force."""
        path = tmp_path / "plan.yaml"
        path.write_text("mine", encoding="utf-8")
        code, _, err = run_err("init", str(path))
        assert 1 == code
        assert "already exists" in err
        assert "--force" in err
        assert "mine" == path.read_text(encoding="utf-8")

    def test_force_replaces(self, tmp_path):
        """--force replaces an existing file."""
        path = tmp_path / "plan.yaml"
        path.write_text("mine", encoding="utf-8")
        assert 0 == run_err("init", "--force", "--template", "full", str(path))[0]
        assert "mine" != path.read_text(encoding="utf-8")

    def test_unknown_template_is_a_usage_error(self, tmp_path):
        """A template that does not exist is a usage error (exit 2)."""
        assert 2 == run_err("init", "--template", "huge", str(tmp_path / "p.yaml"))[0]

    @pytest.mark.parametrize("suffix", [".json", ".toml"])
    def test_json_and_toml_hold_the_same_plan(self, suffix, tmp_path):
        """A .json or .toml FILE gets the template's plan in that format, without comments."""
        yaml_path, other = tmp_path / "plan.yaml", tmp_path / f"plan{suffix}"
        assert 0 == run_err("init", "--template", "full", str(yaml_path))[0]
        assert 0 == run_err("init", "--template", "full", str(other))[0]
        assert load_plan(yaml_path) == load_plan(other)

    def test_unknown_suffix(self, tmp_path):
        """A FILE that is not a plan file's suffix is refused, and nothing is written."""
        code, _, err = run_err("init", str(tmp_path / "plan.txt"))
        assert 1 == code
        assert "unknown file suffix" in err
        assert not (tmp_path / "plan.txt").exists()

    def test_missing_folder(self, tmp_path):
        """A folder that does not exist is exit 1 with one line, no traceback."""
        code, _, err = run_err("init", str(tmp_path / "no" / "plan.yaml"))
        assert 1 == code
        assert "Traceback" not in err
