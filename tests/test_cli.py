"""The ecm-plan command line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import networkx as nx
import pytest

import ecm_plan
from ecm_plan import dump_plan, load_bundled
from ecm_plan.cli import main


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out, err=io.StringIO())
    return code, out.getvalue()


def run_err(*argv):
    """Run and return the exit code, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class TestValidate:
    def test_bundled(self):
        """A bundled plan validates with its counts."""
        code, text = run("validate", "sample")
        assert 0 == code
        assert text.startswith("sample: valid (3 priorities")

    def test_bad_file_lists_problems(self, tmp_path):
        """A bad file exits 1 and lists every problem with its path."""
        path = tmp_path / "bad.yaml"
        path.write_text("id: demo\nauthority: A\ntitle: T\nperiod: 09/10\nvisoin: x\n", "utf-8")
        code, out, text = run_err("validate", str(path))
        assert 1 == code
        assert "" == out
        assert f"{path}: line 4: period: cannot read '09/10'" in text
        assert (
            f"{path}: line 5: visoin: unknown key 'visoin' (hint: did you mean 'vision'?)" in text
        )

    def test_unknown_name(self):
        """An unknown bundled name exits 1 and lists the names there are."""
        code, _, text = run_err("validate", "wigan")
        assert 1 == code
        assert "wigan-2009-12" in text

    def test_usage_error(self):
        """A usage error exits 2."""
        assert 2 == run("frobnicate")[0]


class TestOtherCommands:
    def test_list(self):
        """The bundled plans are listed with their authorities."""
        code, text = run("list")
        assert 0 == code
        assert "sample\tAnytown\t" in text

    def test_schema(self):
        """The schema is printed as JSON."""
        code, text = run("schema")
        assert "ecm_plan plan file" == json.loads(text)["title"]
        assert 0 == code

    def test_graph_dot(self):
        """The graph exports as DOT."""
        code, text = run("graph", "sample")
        assert 0 == code
        assert '"P1.O1" -> "P1" [label="part_of"];' in text

    def test_graph_graphml(self, tmp_path):
        """The graph exports as GraphML that networkx reads back with every node."""
        path = tmp_path / "g.graphml"
        assert 0 == run("graph", "sample", "-f", "graphml", "-o", str(path))[0]
        graph = nx.read_graphml(path)
        assert "action" == graph.nodes["P1.O1.A1"]["kind"]

    def test_graphml_needs_output(self):
        """GraphML goes to a file, never to the terminal."""
        assert 2 == run("graph", "sample", "-f", "graphml")[0]

    def test_entry_point(self):
        """The module runs as a program through the installed entry point's function."""
        result = subprocess.run(
            [sys.executable, "-c", "import sys, ecm_plan.cli as c; sys.exit(c.main(['list']))"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == result.returncode
        assert "wigan-2009-12" in result.stdout


class TestReport:
    def test_report_sections(self):
        """The report prints the summary, coverage, findings, trajectories and dependencies."""
        code, text = run("report", "sample")
        assert 0 == code
        for title in ("Plan contents", "Outcomes and priorities", "Findings", "Trajectories"):
            assert title in text

    def test_report_json(self):
        """With --format json the findings come out in the JSON document."""
        code, text = run("report", "sample", "--format", "json")
        assert 0 == code
        item = json.loads(text)["findings"]["items"][0]
        assert {"code", "severity", "subject", "message"} <= set(item)

    def test_strict_fails_on_errors(self):
        """With --strict, error findings make the exit code 1."""
        code, _ = run("report", "wigan-2009-12", "--strict")
        assert 1 == code

    def test_trajectory(self):
        """The trajectory command prints the interim targets beside the published ones."""
        code, text = run("trajectory", "wigan-2009-12", "--method", "compound")
        assert 0 == code
        assert any(
            line.split()
            == ["NI", "19", "|", "1", "|", "2009-10", "|", "0.81", "|", "ratio", "|", "0.81"]
            for line in text.splitlines()
        )


def _no_traceback(text):
    return "Traceback" not in text


class TestErrorLines:
    def test_file_not_found(self, tmp_path):
        """A missing file is one 'path: problem' line on stderr and exit 1."""
        path = tmp_path / "missing.yaml"
        code, out, err = run_err("validate", str(path))
        assert (1, "") == (code, out)
        assert err.startswith(f"{path}: (document): cannot read the file")
        assert 1 == len(err.splitlines())

    def test_wrong_suffix(self):
        """A file with the wrong suffix says which suffixes to use."""
        code, _, err = run_err("report", "plan.txt")
        assert 1 == code
        assert "plan.txt: (document): unknown file suffix '.txt'" in err

    @pytest.mark.parametrize("command", ["report", "trajectory", "graph"])
    def test_invalid_plan_in_every_command(self, tmp_path, command):
        """Every command that loads a plan reports its problems as lines and exits 1."""
        path = tmp_path / "bad.json"
        path.write_text('{"id": "demo"}', encoding="utf-8")
        code, out, err = run_err(command, str(path))
        assert (1, "") == (code, out)
        assert f"{path}: authority: this required key is missing (hint: add it)" in err
        assert _no_traceback(err)

    def test_unwritable_output(self, tmp_path):
        """An output file that cannot be written is a line naming it, exit 1."""
        target = tmp_path / "no" / "g.graphml"
        code, _, err = run_err("graph", "sample", "-f", "graphml", "-o", str(target))
        assert 1 == code
        assert f"{target}: No such file or directory" in err

    def test_graphml_needs_output_on_stderr(self):
        """The usage problem goes to stderr with exit 2."""
        code, out, err = run_err("graph", "sample", "-f", "graphml")
        assert (2, "") == (code, out)
        assert "graphml needs --output FILE" in err


class TestExitCodes:
    def test_version(self, capsys):
        """--version prints the package version and exits 0."""
        assert 0 == main(["--version"])
        assert f"ecm-plan {ecm_plan.__version__}" == capsys.readouterr().out.strip()

    def test_help_exits_zero(self, capsys):
        """--help is not an error."""
        assert 0 == main(["--help"])
        assert "141 output closed" in capsys.readouterr().out

    def test_internal_error_is_one_line(self, monkeypatch):
        """An unexpected exception is one line asking for a report, exit 3, no traceback."""
        monkeypatch.delenv("ECM_PLAN_DEBUG", raising=False)

        def broken(_name):
            raise ZeroDivisionError("division by zero\nsecond line")

        monkeypatch.setattr("ecm_plan.cli._load", broken)
        code, _, err = run_err("report", "sample")
        assert 3 == code
        assert 1 == len(err.splitlines())
        assert "internal error: ZeroDivisionError: division by zero second line" in err
        assert "report it" in err
        assert "ECM_PLAN_DEBUG=1" in err
        assert _no_traceback(err)

    def test_debug_shows_traceback(self, monkeypatch):
        """ECM_PLAN_DEBUG=1 adds the traceback."""
        monkeypatch.setenv("ECM_PLAN_DEBUG", "1")

        def broken(_name):
            raise ZeroDivisionError("boom")

        monkeypatch.setattr("ecm_plan.cli._load", broken)
        code, _, err = run_err("report", "sample")
        assert 3 == code
        assert "Traceback" in err
        assert "internal error: ZeroDivisionError: boom" in err

    def test_keyboard_interrupt(self, monkeypatch):
        """Ctrl-C exits 130 with one line."""

        def interrupted(_name):
            raise KeyboardInterrupt

        monkeypatch.setattr("ecm_plan.cli._load", interrupted)
        code, _, err = run_err("validate", "sample")
        assert 130 == code
        assert "ecm-plan: interrupted\n" == err

    def test_broken_pipe_in_process(self):
        """A closed output ends quietly with 141."""

        class Closed(io.StringIO):
            def write(self, _text):
                raise BrokenPipeError

        err = io.StringIO()
        assert 141 == main(["list"], out=Closed(), err=err)
        assert "" == err.getvalue()

    def test_closed_pipe_subprocess(self, tmp_path):
        """'ecm-plan report sample | head -1' ends quietly: nothing on stderr, exit 141."""
        src = Path(ecm_plan.__file__).parent.parent
        env = {**os.environ, "PYTHONPATH": str(src)}
        code = "import sys; from ecm_plan.cli import main; sys.exit(main())"
        with subprocess.Popen(  # noqa: S603 (this interpreter and a fixed command)
            [sys.executable, "-c", code, "report", "sample"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp_path,
        ) as proc:
            assert proc.stdout is not None
            proc.stdout.close()
            _, stderr = proc.communicate(timeout=120)
        assert b"" == stderr
        assert 141 == proc.returncode


class TestGraphWarnings:
    def test_replaced_characters_reported(self, tmp_path):
        """A plan with control characters exports valid GraphML and says so on stderr."""
        plan = attrs.evolve(load_bundled("sample"), title="Bell\x07 & <tag>")
        source = tmp_path / "plan.yaml"
        dump_plan(plan, source)
        target = tmp_path / "g.graphml"
        code, _, err = run_err("graph", str(source), "-f", "graphml", "-o", str(target))
        assert 0 == code
        assert "ecm-plan: warning: replaced 1 character that XML 1.0 cannot hold" in err
        root = ET.parse(target).getroot()  # noqa: S314 (a file this test wrote)
        assert root.tag.endswith("graphml")
        assert "Bell\ufffd & <tag>" == nx.read_graphml(target).nodes["plan:sample"]["label"]

    def test_dot_warns_too(self, tmp_path):
        """DOT output replaces the same characters and warns the same way."""
        plan = attrs.evolve(load_bundled("sample"), title="Bell\x07")
        source = tmp_path / "plan.json"
        dump_plan(plan, source)
        code, out, err = run_err("graph", str(source))
        assert 0 == code
        assert "\x07" not in out
        assert "warning: replaced 1 character" in err
