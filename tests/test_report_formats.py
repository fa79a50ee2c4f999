"""``ecm-plan report`` in every format, and the renderers of ``ecm_plan.report.formats``.

The golden files ``tests/golden/report_<plan>.md`` and ``report_<plan>.csv`` pin the Markdown
and CSV reports of every bundled plan. Set ``ECM_PLAN_REGEN_GOLDEN=1`` to rewrite them after a
deliberate change, and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ecm_plan
from ecm_plan.cli import main
from ecm_plan.exceptions import ArgumentError, ArgumentValueError, InvalidChoiceError
from ecm_plan.findings import Finding
from ecm_plan.monitoring import load_returns
from ecm_plan.report import formats
from ecm_plan.tables import Table, render

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parent.parent
RETURNS = ROOT / "examples" / "wigan-2009-10-returns.csv"
BUNDLED = ecm_plan.bundled_plans()


def run(*argv):
    """Run the command line in-process: the exit code, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def blocks(text):
    """The CSV blocks of a report: (title, comment lines, rows)."""
    found = []
    for block in text.split("\n\n"):
        lines = block.strip("\n").splitlines()
        comments = [line[2:] for line in lines if line.startswith("# ")]
        rows = list(csv.reader(line for line in lines if not line.startswith("# ")))
        found.append((comments[0], comments[1:], rows))
    return found


class TestGolden:
    """The Markdown and CSV reports of every bundled plan are pinned byte for byte."""

    @pytest.mark.parametrize("suffix", ["md", "csv"])
    @pytest.mark.parametrize("name", BUNDLED)
    def test_matches_golden(self, name, suffix):
        """The report equals its golden file."""
        plan = ecm_plan.load_bundled(name)
        render_one = formats.plan_markdown if suffix == "md" else formats.plan_csv
        actual = render_one(plan)
        path = GOLDEN / f"report_{name}.{suffix}"
        if os.environ.get("ECM_PLAN_REGEN_GOLDEN") == "1":
            path.write_bytes(actual.encode("utf-8"))
        assert path.read_bytes().decode("utf-8") == actual

    def test_command_line_writes_the_same(self):
        """``ecm-plan report --format csv`` prints what plan_csv returns."""
        code, out, _ = run("report", "wigan-2009-12", "--format", "csv")
        assert 0 == code
        assert (GOLDEN / "report_wigan-2009-12.csv").read_text("utf-8") == out


class TestText:
    def test_hints_and_paths(self):
        """Each finding shows its hint and key path on indented lines under it."""
        plan = ecm_plan.load_bundled("sample")
        finding = next(
            f for f in formats._Report(plan, None, None, None, None).findings if f.hint and f.path
        )
        text = formats.plan_text(plan)
        lines = text.splitlines()
        first = lines.index(
            f"{finding.severity.value} {finding.code} {finding.subject}: {finding.message}"
        )
        assert f"    hint: {finding.hint}" == lines[first + 1]
        assert f"    path: {finding.path}" == lines[first + 2]

    def test_no_priorities_no_matrix(self):
        """A plan with no priorities prints 'none' for the matrix, not a matrix of zeros."""
        code, out, _ = run("report", "swindon-2008", "--width", "0")
        assert 0 == code
        assert (
            "Outcomes and priorities: swindon-2008\n=====================================\nnone\n"
            in out
        )
        assert "Physically healthy" not in out

    def test_empty_sections_say_none(self):
        """An empty table is its title and 'none'."""
        text = formats.plan_text(ecm_plan.load_bundled("swindon-2008"))
        assert "Dependencies\n============\nnone\n" in text
        assert "(none)" not in text

    @pytest.mark.parametrize("width", [40, 60, 80, 100])
    @pytest.mark.parametrize("name", ["southend-2008-09", "wigan-2009-12"])
    def test_width(self, name, width):
        """No line is longer than the width (Southend's report is 236 wide without one)."""
        code, out, _ = run("report", name, "--width", str(width))
        assert 0 == code
        assert width >= max(len(line) for line in out.splitlines())

    def test_width_zero_is_no_limit(self):
        """--width 0 lays the tables out as the library does without a width."""
        plan = ecm_plan.load_bundled("southend-2008-09")
        code, out, _ = run("report", "southend-2008-09", "--width", "0")
        assert 0 == code
        assert formats.plan_text(plan) == out
        assert 200 < max(len(line) for line in out.splitlines())

    def test_default_width_is_the_terminal(self, monkeypatch):
        """Without --width the terminal's width applies (COLUMNS when set)."""
        monkeypatch.setenv("COLUMNS", "72")
        out = run("report", "wigan-2009-12")[1]
        assert 72 >= max(len(line) for line in out.splitlines())

    def test_bad_width_is_usage(self):
        """A negative or non-numeric width is a usage error."""
        assert 2 == run("report", "sample", "--width", "-1")[0]
        assert 2 == run("report", "sample", "--width", "wide")[0]

    def test_multiple_plans(self):
        """Several plans are reported in turn."""
        code, out, _ = run("report", "sample", "swindon-2008", "--width", "0")
        assert 0 == code
        assert out.index("Authority: Anytown") < out.index("Authority: Swindon")


@st.composite
def tables(draw):
    """Tables of words and figures."""
    word = st.text("abcdefghij-", min_size=1, max_size=14)
    figure = st.from_regex(r"-?[0-9]{1,3}(,[0-9]{3})?(\.[0-9]{1,2})?%?", fullmatch=True)
    cell = st.lists(st.one_of(word, figure), max_size=6).map(" ".join)
    columns = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(cell, min_size=columns, max_size=columns), max_size=4))
    headers = draw(st.lists(word, min_size=columns, max_size=columns))
    return Table(draw(word), headers, rows)


class TestRenderWidth:
    @given(tables(), st.integers(20, 120))
    def test_fits_and_keeps_figures(self, table, width):
        """Lines fit the width unless the figures alone do not; every figure stays whole."""
        text = render(table, width=width)
        figures = [t for row in table.rows for c in row for t in c.split() if re.search(r"\d", t)]
        tokens = set(text.replace("|", " ").split())
        assert all(f in tokens for f in figures)
        floor = sum(
            max([1, *(len(t) for r in table.rows for t in r[c].split() if re.search(r"\d", t))])
            for c in range(len(table.headers))
        ) + 3 * (len(table.headers) - 1)
        if floor <= width:
            assert width >= max(len(line) for line in text.splitlines())

    @given(tables())
    def test_no_width_unchanged(self, table):
        """Without a width the layout is the one the examples print."""
        assert render(table) == render(table, width=None)


class TestMarkdown:
    def test_cells_escaped(self):
        """Pipes, backslashes and line ends in cells are escaped; HTML is not let through."""
        lines = formats._md_table(Table("t", ("a|b",), [("x|y\nz \\ <b>",)]))
        assert "| a\\|b |" == lines[0]
        assert "| x\\|y<br>z \\\\ &lt;b&gt; |" == lines[2]

    def test_none_and_counts(self):
        """An empty findings list says 'none' under the counts."""
        text = formats.plan_markdown(ecm_plan.load_bundled("sample"), severity="error")
        counts = "Findings: 0 errors, 6 warnings, 11 info (showing error and above)"
        assert f"## Findings\n\n{counts}\n\nnone\n" in text


class TestJson:
    def test_every_section(self):
        """The document holds every section, with a format version."""
        code, out, _ = run("report", "wigan-2009-12", "--format", "json")
        assert 1 == json.loads(out)["format_version"]
        data = json.loads(out)
        assert {
            "format_version",
            "header",
            "summary",
            "matrix",
            "findings",
            "trajectories",
            "dependencies",
            "monitoring",
        } == set(data)
        assert (0, None) == (code, data["monitoring"])
        assert "wigan-2009-12" == data["header"]["id"]
        item = data["findings"]["items"][0]
        assert {"severity", "code", "subject", "message", "hint", "path"} == set(item)
        assert ["Plan contents", f"Coverage summary: {data['header']['id']}"] == [
            t["title"] for t in data["summary"]
        ]
        assert data["matrix"]["rows"]
        assert {"title", "columns", "rows", "notes"} == set(data["trajectories"])

    def test_severity_and_counts(self):
        """--severity keeps the findings at that level or above; counts counts them all."""
        plan = ecm_plan.load_bundled("southend-2008-09")
        every = formats.plan_data(plan)["findings"]
        some = json.loads(
            run("report", "southend-2008-09", "--format", "json", "--severity", "warning")[1]
        )["findings"]
        assert every["counts"] == some["counts"]
        assert sum(every["counts"].values()) == len(every["items"])
        assert some["counts"]["error"] + some["counts"]["warning"] == len(some["items"])
        assert "warning" == some["severity"]

    def test_several_plans_are_a_list(self):
        """Several plans give a list of documents."""
        out = run("report", "sample", "swindon-2008", "--format", "json")[1]
        assert ["sample", "swindon-2008"] == [d["header"]["id"] for d in json.loads(out)]

    def test_deprecated_flag(self):
        """--json still works as before (the findings alone) and says it is deprecated."""
        code, out, err = run("report", "sample", "--json")
        assert 0 == code
        assert "--json is deprecated" in err
        assert "use --format json" in err
        findings = json.loads(out)
        assert isinstance(findings, list)
        assert {"code", "severity", "subject", "message"} <= set(findings[0])
        whole = json.loads(run("report", "sample", "--format", "json")[1])
        assert [(f["code"], f["subject"], f["message"]) for f in findings] == [
            (f["code"], f["subject"], f["message"]) for f in whole["findings"]["items"]
        ]

    def test_deprecated_flag_disagrees(self):
        """--json with another --format is a usage error."""
        assert 2 == run("report", "sample", "--json", "--format", "csv")[0]

    def test_load_error_document(self, tmp_path):
        """A plan that does not load prints a JSON error document, the lines on stderr, exit 1."""
        path = tmp_path / "bad.json"
        path.write_text('{"id": "demo"}', encoding="utf-8")
        code, out, err = run("report", str(path), "--format", "json")
        assert 1 == code
        errors = json.loads(out)["errors"]
        assert {
            "where": f"{path}: authority",
            "message": "this required key is missing",
            "hint": "add it",
        } in errors
        assert f"{path}: authority: this required key is missing (hint: add it)" in err

    def test_unknown_plan_error_document(self):
        """An unknown bundled name is one error entry."""
        code, out, _ = run("report", "nowhere", "--format", "json")
        assert 1 == code
        [entry] = json.loads(out)["errors"]
        assert "nowhere" == entry["where"]

    def test_strict(self):
        """--strict exits 1 on error findings in every format."""
        assert 1 == run("report", "wigan-2009-12", "--format", "json", "--strict")[0]
        assert 1 == run("report", "wigan-2009-12", "--severity", "error", "--strict")[0]


class TestCsv:
    def test_blocks(self):
        """Each section is a block: a '# title' line, the header row and the rows."""
        found = blocks(run("report", "sample", "--format", "csv")[1])
        titles = [title for title, _, _ in found]
        assert ["Plan", "Plan contents", "Coverage summary: sample"] == titles[:3]
        findings = next(b for b in found if b[0] == "Findings")
        assert findings[1][0].startswith("Findings: ")
        assert ["Severity", "Code", "Subject", "Message", "Hint", "Path"] == findings[2][0]

    def test_empty_section(self):
        """An empty section is its title and '# none'."""
        found = {
            t: (c, r) for t, c, r in blocks(formats.plan_csv(ecm_plan.load_bundled("swindon-2008")))
        }
        assert (["none"], []) == found["Outcomes and priorities: swindon-2008"]


class TestMonitoring:
    @pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
    def test_every_format(self, fmt):
        """--returns adds the monitoring tables, with the window and rule of --as-of, --rule."""
        code, out, _ = run(
            "report",
            "wigan-2009-12",
            "--format",
            fmt,
            "--returns",
            str(RETURNS),
            "--as-of",
            "2009-10 Q2",
            "--rule",
            "havering",
        )
        assert 0 == code
        assert "Monitoring wigan-2009-12 to 2009-10 Q2 (rule: havering)" in out
        assert "Roll-up wigan-2009-12" in out

    def test_json(self):
        """The JSON document's monitoring object is the one ``ecm-plan monitor`` prints."""
        plan = ecm_plan.load_bundled("wigan-2009-12")
        data = formats.plan_data(plan, returns=load_returns(RETURNS), as_of="2009-10 Q2")
        code, out, _ = run(
            "monitor", "wigan-2009-12", str(RETURNS), "--as-of", "2009-10 Q2", "--format", "json"
        )
        assert 0 == code
        assert json.loads(out) == data["monitoring"]

    def test_options_need_returns(self):
        """--as-of and --rule without --returns are a usage error."""
        code, _, err = run("report", "sample", "--as-of", "2009-10")
        assert 2 == code
        assert "need --returns" in err

    def test_bad_returns_file(self, tmp_path):
        """A returns file that does not load is reported like a plan, exit 1."""
        code, out, err = run(
            "report", "sample", "--returns", str(tmp_path / "none.csv"), "--format", "json"
        )
        assert 1 == code
        assert json.loads(out)["errors"]
        assert "none.csv" in err


class TestOutputFile:
    def test_writes_file(self, tmp_path):
        """-o writes the report to the file, nothing to stdout, one line on stderr."""
        target = tmp_path / "r.md"
        code, out, err = run("report", "sample", "--format", "markdown", "-o", str(target))
        assert (0, "") == (code, out)
        assert f"{target}: written\n" == err
        assert (
            formats.plan_markdown(ecm_plan.load_bundled("sample")).encode() == target.read_bytes()
        )
        assert ["r.md"] == [p.name for p in tmp_path.iterdir()]

    def test_missing_directory(self, tmp_path):
        """-o into a missing directory is a one-line error, exit 1."""
        target = tmp_path / "no" / "r.csv"
        code, out, err = run("report", "sample", "--format", "csv", "-o", str(target))
        assert (1, "") == (code, out)
        assert [f"{target}: cannot write: No such file or directory"] == err.splitlines()

    def test_failure_keeps_file(self, tmp_path, monkeypatch):
        """When rendering fails the file that was there is left as it was."""
        target = tmp_path / "r.txt"
        target.write_text("before", encoding="utf-8")

        def broken(*_args, **_kwargs):
            raise ZeroDivisionError("boom")

        monkeypatch.setattr(formats, "_text", broken)
        code, _, _ = run("report", "sample", "-o", str(target))
        assert 3 == code
        assert "before" == target.read_text(encoding="utf-8")
        assert ["r.txt"] == [p.name for p in tmp_path.iterdir()]

    def test_write_failure_keeps_file(self, tmp_path, monkeypatch):
        """When writing fails half-way the old file is kept and no temporary file is left."""
        target = tmp_path / "r.txt"
        target.write_text("before", encoding="utf-8")

        def failing(_fd, _data):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "write", failing)
        code, _, err = run("report", "sample", "-o", str(target))
        assert 1 == code
        assert "No space left on device" in err
        assert "before" == target.read_text(encoding="utf-8")
        assert ["r.txt"] == [p.name for p in tmp_path.iterdir()]


class TestFormats:
    def test_unknown_format_is_usage(self):
        """An unknown --format is a usage error."""
        assert 2 == run("report", "sample", "--format", "pdf")[0]

    def test_html_missing_extra_is_one_line(self, monkeypatch):
        """Without Jinja2 the html format is one line naming the extra, exit 1."""
        import ecm_plan.report.html as html_module  # noqa: PLC0415 (the module whose cache is cleared)

        monkeypatch.setitem(sys.modules, "jinja2", None)
        html_module._environment.cache_clear()  # the next page builds it again, without Jinja2
        code, out, err = run("report", "sample", "--format", "html")
        assert (1, "") == (code, out)
        assert 1 == len(err.splitlines())
        assert 'pip install ".[html]"' in err
        monkeypatch.undo()
        html_module._environment.cache_clear()

    def test_html_to_a_file(self, tmp_path):
        """--format html -o FILE writes one self-contained page of the plan."""
        target = tmp_path / "sample.html"
        code, out, err = run("report", "sample", "--format", "html", "-o", str(target))
        assert (0, "") == (code, out)
        assert f"{target}: written" in err
        page = target.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "Anytown Children and Young People" in page
        assert "<script" not in page

    def test_html_severity_and_portfolio(self):
        """--severity leaves lesser findings unlisted; several plans make the portfolio form."""
        page = run("report", "sample", "--format", "html", "--severity", "warning")[1]
        assert "Not listed: below the severity asked for." in page
        assert "Not listed" not in run("report", "sample", "--format", "html")[1]
        both = run("report", "sample", "swindon-2008", "--format", "html")[1]
        assert 'href="#plan1-findings"' in both
        assert 'href="#plan2-findings"' in both

    @pytest.mark.parametrize("fmt", ["text", "markdown", "csv"])
    def test_severity_counts_in_every_format(self, fmt):
        """--severity prints the count by severity and what is shown."""
        out = run("report", "sample", "--format", fmt, "--severity", "warning")[1]
        assert "Findings: 0 errors, 6 warnings, 11 info (showing warning and above)" in out
        shown_info = {"text": "\ninfo ECM", "markdown": "\n| info |", "csv": "\ninfo,"}[fmt]
        assert shown_info not in out
        assert shown_info.replace("info", "warning") in out

    def test_arguments_checked(self):
        """The renderers check their arguments and raise library errors."""
        plan = ecm_plan.load_bundled("sample")
        with pytest.raises(ArgumentError):
            formats.plan_text(None)
        with pytest.raises(InvalidChoiceError):
            formats.plan_data(plan, severity="fatal")
        with pytest.raises(ArgumentValueError):
            formats.report([], "text")
        with pytest.raises(InvalidChoiceError):
            formats.report([plan], "docx")
        with pytest.raises(ArgumentError):
            formats.plan_csv(plan, returns="returns.csv")
        with pytest.raises(ArgumentError):
            formats.finding_counts([Finding("X", "info", "s", "m"), "other"])
