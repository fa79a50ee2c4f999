"""The HTML report: one self-contained page, every section present, plan text escaped.

Each bundled plan is rendered once for the module; the pages are read back with the standard
library's ``html.parser``. The browser test is ``tests/browser/test_html_report.py``.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecm_plan import Period, Plan, load_bundled
from ecm_plan.exceptions import (
    AnalysisError,
    ArgumentError,
    ArgumentValueError,
    InvalidPeriodError,
    MissingExtraError,
    PlanError,
    UnknownRatingRuleError,
)
from ecm_plan.monitoring import Returns, load_returns
from ecm_plan.report import html
from ecm_plan.report.html import plan_html, portfolio_html
from ecm_plan.report.plan import plan_findings

RETURNS = Path(__file__).resolve().parents[1] / "examples" / "wigan-2009-10-returns.csv"
SECTIONS = ("plan", "summary", "matrix", "findings", "trajectories", "monitoring", "dependencies")
VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source"})
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Charts are the slow part of a page: the bundled plans are drawn with a few.
CHARTS = 4
NASTY = "<script>alert(1)</script> \"quotes' &amp; \x00\x07\r\x7f\x9b end"


class Page(HTMLParser):
    """What a page holds: ids, links, tags, texts by element and section, the matrix cells."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text_in: dict[str, str] = {}
        self.sections: list[str] = []
        self.by_section: dict[str, str] = {}
        self.row_class: str | None = None
        self.cells: dict[str, int] = {}
        self.unbalanced: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)
            if tag == "section":
                self.sections.append(dict(attrs).get("id") or "")

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def _start(self, tag, attrs):
        self.tags.append(tag)
        values = dict(attrs)
        for name, value in attrs:
            self.attrs.append((tag, name, value))
        if "id" in values:
            self.ids.append(values["id"] or "")
        if tag == "a" and "href" in values:
            self.hrefs.append(values["href"] or "")
        if tag == "tr":
            self.row_class = values.get("class")
        if tag == "td" and "data-priority" in values and self.row_class:
            self.cells[self.row_class] = self.cells.get(self.row_class, 0) + 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.unbalanced.append(tag)
            return
        self.stack.pop()
        if tag == "section":
            self.sections.pop()

    def handle_data(self, data):
        if self.stack:
            tag = self.stack[-1]
            self.text_in[tag] = self.text_in.get(tag, "") + data
        if self.sections:
            key = self.sections[-1]
            self.by_section[key] = self.by_section.get(key, "") + data

    def section_text(self, prefix: str) -> str:
        """The text of every section whose id starts with ``prefix``."""
        return " ".join(t for key, t in self.by_section.items() if key.startswith(prefix))


def without_namespaces(page: str) -> str:
    return page.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )


@pytest.fixture(scope="module")
def southend() -> str:
    return plan_html(load_bundled("southend-2008-09"), max_charts=CHARTS)


@pytest.fixture(scope="module")
def wigan() -> str:
    return plan_html(
        load_bundled("wigan-2009-12"), returns=load_returns(RETURNS), max_charts=CHARTS
    )


@pytest.fixture(scope="module")
def sample() -> Plan:
    return load_bundled("sample")


@pytest.fixture(scope="module")
def nasty_plan(sample) -> Plan:
    """The sample plan with hostile text in its title, a priority, an action and an indicator."""
    first = sample.priorities[0]
    objective = first.objectives[0]
    action = attrs.evolve(objective.actions[0], text=NASTY)
    objective = attrs.evolve(objective, actions=(action, *objective.actions[1:]))
    first = attrs.evolve(first, title=NASTY, objectives=(objective, *first.objectives[1:]))
    indicator = attrs.evolve(sample.indicators[0], title=NASTY)
    return attrs.evolve(
        sample,
        title=NASTY,
        priorities=(first, *sample.priorities[1:]),
        indicators=(indicator, *sample.indicators[1:]),
    )


@pytest.fixture(scope="module")
def nasty(nasty_plan) -> str:
    return plan_html(nasty_plan, max_charts=1)


class TestStructure:
    @pytest.mark.parametrize("name", ["southend", "wigan"])
    def test_sections_and_contents(self, name, request):
        """Every section has an id, the contents link to each, and every link resolves."""
        page = Page(request.getfixturevalue(name))
        assert [] == page.unbalanced
        assert [] == page.stack
        assert len(page.ids) == len(set(page.ids))
        for section in (*SECTIONS, "findings-error", "findings-warning", "findings-info"):
            assert section in page.ids
        assert {f"#{s}" for s in SECTIONS} <= set(page.hrefs)
        assert all(h.startswith("#") and h[1:] in page.ids for h in page.hrefs)

    @pytest.mark.parametrize("name", ["southend", "wigan"])
    def test_self_contained(self, name, request):
        """No script, no external resource: every reference is an anchor in the page."""
        text = request.getfixturevalue(name)
        page = Page(text)
        assert "script" not in page.tags
        assert not any(tag in page.tags for tag in ("link", "img", "iframe", "object"))
        assert "http://" not in without_namespaces(text)
        assert "https://" not in without_namespaces(text)
        refs = [v for _, n, v in page.attrs if n in {"src", "href", "xlink:href", "action"}]
        assert refs
        assert all((v or "").startswith("#") for v in refs)
        assert [] == [(t, n) for t, n, _ in page.attrs if n.startswith("on")]
        assert text.startswith("<!DOCTYPE html>")
        assert '<meta charset="utf-8">' in text
        assert 1 == text.count("<style>")

    def test_matrix_has_a_cell_per_outcome_and_priority(self, southend):
        """The grid has one cell per outcome and priority, and per aim and priority."""
        priorities = len(load_bundled("southend-2008-09").priorities)
        page = Page(southend)
        assert {"outcome": 5 * priorities, "aim": 25 * priorities} == page.cells
        assert "stated" in page.section_text("matrix")

    def test_charts(self, southend, wigan):
        """Southend and Wigan pages carry inline SVG charts and name the indicators left out."""
        for page in (southend, wigan):
            assert CHARTS == page.count("<svg")
            assert CHARTS == len(re.findall(r'<figure class="chart" id="chart-\d+">\n<svg', page))
            assert "<?xml" not in page
            assert "<path" in page
            text = Page(page).section_text("trajectories")
            assert re.search(
                rf"\d+ of them are not drawn, beyond the limit of {CHARTS} charts", text
            )
        assert "NI 112: against the returns to 2009-10" in Page(wigan).text_in["figcaption"]
        assert "as the plan gives it" in Page(southend).text_in["figcaption"]

    def test_findings_by_severity(self, sample):
        """Each finding is listed in the group of its severity, with its code and hint."""
        page = Page(plan_html(sample, max_charts=0))
        findings = plan_findings(sample)
        assert findings
        for finding in findings:
            group = page.section_text(f"findings-{finding.severity.value}")
            assert finding.code in group
            assert finding.message in group
            assert finding.hint in group

    def test_empty_sections_say_none(self):
        """A plan with nothing in it still has every section, each saying None."""
        empty = Plan(id="empty", authority="A", title="T", period=Period.financial_year(2009))
        page = Page(plan_html(empty))
        for section in SECTIONS[1:]:
            assert section in page.ids
        for section in ("matrix", "trajectories", "monitoring", "dependencies"):
            assert "None" in page.section_text(section)
        assert 0 == page.tags.count("svg")


class TestEscaping:
    def test_nothing_hostile_reaches_the_page(self, nasty):
        """Plan text with markup, quotes, entities and control characters is escaped."""
        assert "<script" not in nasty
        assert "&amp;amp;" in nasty
        assert CONTROL.search(nasty) is None
        page = Page(nasty)
        assert "script" not in page.tags
        expected = html._clean(NASTY)
        assert expected == page.text_in["h1"]
        assert expected in page.text_in["title"]
        assert ("th", "title", expected) in page.attrs

    def test_chart_text_is_escaped(self, nasty):
        """An indicator's title drawn in a chart is escaped inside the SVG, too."""
        assert 1 == nasty.count("<svg")
        svg = nasty[nasty.index("<svg") : nasty.index("</svg>")]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
        assert "<script" not in svg
        assert CONTROL.search(svg) is None

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(title=st.text(max_size=40))
    def test_any_title_round_trips(self, sample, title):
        """Any text as a plan's title parses back exactly, control characters made visible."""
        try:
            plan = attrs.evolve(sample, title=title)
        except PlanError:
            return
        page = Page(plan_html(plan, max_charts=0))
        assert html._clean(plan.title) == page.text_in.get("h1", "")
        assert [] == page.unbalanced


class TestMonitoring:
    def test_with_returns(self, wigan):
        """With returns, the section holds the monitoring table and the roll-up."""
        text = Page(wigan).section_text("monitoring")
        assert "Monitoring wigan-2009-12 (rule: default)" in text
        assert "Roll-up wigan-2009-12" in text
        assert "NI 112" in text

    def test_without_returns(self, southend):
        """Without returns the section is there and says there is nothing to show."""
        text = Page(southend).section_text("monitoring")
        assert "None: No returns were given" in text


class TestPortfolio:
    def test_two_plans(self, sample):
        """A summary of the plans comes first; each plan's anchors are its own."""
        text = portfolio_html([sample, load_bundled("swindon-2008")], max_charts=0)
        page = Page(text)
        assert [] == page.unbalanced
        assert len(page.ids) == len(set(page.ids))
        assert all(h[1:] in page.ids for h in page.hrefs)
        for n in (1, 2):
            for section in SECTIONS:
                assert f"plan{n}-{section}" in page.ids
        assert {"#plan1-plan", "#plan2-plan", "#portfolio"} <= set(page.hrefs)
        summary = page.section_text("portfolio")
        assert "sample" in summary
        assert "swindon-2008" in summary
        assert "Outcomes across plans" in summary
        assert "Portfolio of 2 plans" == page.text_in["h1"]

    def test_with_returns(self, sample):
        """With returns, each plan has its monitoring and the summary lists each roll-up."""
        wigan = load_bundled("wigan-2009-12")
        text = portfolio_html([wigan, sample], returns=load_returns(RETURNS), max_charts=0)
        page = Page(text)
        assert "Roll-up wigan-2009-12" in page.section_text("portfolio")
        assert "Roll-up sample" in page.section_text("portfolio")
        assert "Monitoring wigan-2009-12" in page.section_text("plan1-monitoring")

    def test_repeated_ids(self, sample):
        """Two plans with one id are refused, as the portfolio coverage refuses them."""
        with pytest.raises(AnalysisError, match="distinct ids"):
            portfolio_html([sample, sample])


class TestArguments:
    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"returns": "wigan.csv"}, ArgumentError),
            ({"as_of": 2009}, ArgumentError),
            ({"as_of": "not a period"}, InvalidPeriodError),
            ({"rule": "nope"}, UnknownRatingRuleError),
            ({"rule": 3}, ArgumentError),
            ({"max_charts": -1}, ArgumentValueError),
            ({"max_charts": 2.5}, ArgumentError),
        ],
    )
    def test_wrong_options(self, sample, kwargs, error):
        """Each option of the wrong kind or value is a library error, for both functions."""
        with pytest.raises(error):
            plan_html(sample, **kwargs)
        with pytest.raises(error):
            portfolio_html([sample], **kwargs)

    @pytest.mark.parametrize("value", [None, "sample", 3, ["sample"]])
    def test_not_plans(self, value):
        """A non-plan is an ArgumentError naming the argument."""
        with pytest.raises(ArgumentError, match=r"^plans?(\[0\])? must"):
            plan_html(value)
        if not isinstance(value, list):
            with pytest.raises(ArgumentError, match=r"^plans"):
                portfolio_html(value)

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data())
    def test_junk_is_a_library_error(self, sample, data):
        """Arguments of any kind: each function returns a page or raises a PlanError."""
        junk = st.sampled_from(
            [
                None,
                0,
                1,
                -3,
                2.5,
                "",
                "x",
                "2009-10",
                b"x",
                [],
                {},
                sample,
                Returns(),
                sample.period,
            ]
        )
        for function, first in ((plan_html, junk), (portfolio_html, st.lists(junk, max_size=2))):
            names = ("returns", "as_of", "rule", "max_charts")
            kwargs = {n: data.draw(junk) for n in names if data.draw(st.booleans())}
            try:
                page = function(data.draw(first), **kwargs)
            except PlanError:
                continue
            assert page.startswith("<!DOCTYPE html>")

    @pytest.mark.parametrize("missing", ["jinja2", "matplotlib"])
    def test_missing_extra(self, sample, monkeypatch, missing):
        """Without Jinja2 or matplotlib the error names the html extra."""
        monkeypatch.setitem(sys.modules, missing, None)
        html._environment.cache_clear()
        try:
            with pytest.raises(MissingExtraError, match=r"ecm-plan\[html\]") as caught:
                plan_html(sample, max_charts=0)
        finally:
            html._environment.cache_clear()
        assert missing == caught.value.package
