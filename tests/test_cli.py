"""The ecm-plan command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import networkx as nx

from ecm_plan.cli import main


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


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
        code, text = run("validate", str(path))
        assert 1 == code
        assert "period: cannot read '09/10'" in text
        assert "visoin: unknown key 'visoin' (hint: did you mean 'vision'?)" in text

    def test_unknown_name(self):
        """An unknown bundled name exits 1 and lists the names there are."""
        code, text = run("validate", "wigan")
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
        """With --json the findings come out as a JSON array."""
        code, text = run("report", "sample", "--json")
        assert 0 == code
        assert {"code", "severity", "subject", "message"} <= set(json.loads(text)[0])

    def test_strict_fails_on_errors(self):
        """With --strict, error findings make the exit code 1."""
        code, _ = run("report", "wigan-2009-12", "--strict")
        assert 1 == code

    def test_trajectory(self):
        """The trajectory command shows which method reproduces each published series."""
        code, text = run("trajectory", "wigan-2009-12")
        assert 0 == code
        assert any(
            line.startswith("NI 19 ") and line.rstrip().endswith("compound")
            for line in text.splitlines()
        )
