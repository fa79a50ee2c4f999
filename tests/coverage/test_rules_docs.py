"""Tests for the docs of the coverage rules: the page and the ``coverage-rules`` directive.

The "Coverage rules" page lists every rule through the ``{coverage-rules}`` directive of the
Sphinx extension in ``docs/_ext/coverage_rules.py``, which renders the registry when the docs
are built. These tests check the page uses it, and that the extension renders every rule of
the registry with its anchor and no private module path.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from ecm_plan.coverage import all_rules

DOCS = Path(__file__).parents[2] / "docs"
RULES_PAGE = DOCS / "explanation" / "coverage-rules.md"
EXTENSION = DOCS / "_ext" / "coverage_rules.py"


@pytest.fixture(scope="module")
def extension():
    """The extension module, loaded from its file as Sphinx loads it (needs the docs extras)."""
    pytest.importorskip("sphinx")
    spec = importlib.util.spec_from_file_location("coverage_rules", EXTENSION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(EXTENSION.parent))  # as docs/conf.py does, for its shared helper
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(EXTENSION.parent))
    return module


class TestPage:
    """The explanation page takes its rule list from the directive."""

    def test_uses_the_directive_once(self):
        """The page holds the directive once and no hand-written rule entries."""
        text = RULES_PAGE.read_text(encoding="utf-8")
        assert 1 == text.count("```{coverage-rules}")
        assert [] == re.findall(r"^### ECM\d{3}", text, flags=re.MULTILINE)

    def test_conf_loads_the_extension(self):
        """The docs configuration loads the extension."""
        assert '"coverage_rules"' in (DOCS / "conf.py").read_text(encoding="utf-8")


class TestRulesMarkdown:
    """rules_markdown() lists every rule of the registry."""

    def test_every_rule(self, extension):
        """One table row, one label and one section per rule, in code order."""
        text = extension.rules_markdown()
        rows = re.findall(r"^\| \[(ECM\d{3})\]\(#(ecm\d{3})\)", text, flags=re.MULTILINE)
        assert [(r.code, r.code.lower()) for r in all_rules()] == rows
        for r in all_rules():
            assert f"({r.code.lower()})=\n### {r.code} `{r.name}`\n" in text
            assert f"Default severity: **{r.severity.value}**; about: {r.subject}." in text

    def test_sentences_one_a_line(self, extension):
        """The prose is written one sentence a line, as the pages are."""
        assert "First.\nSecond?\nThird." == extension._sentences("First. Second? Third.")

    def test_empty(self, extension):
        """No rules give the table header alone."""
        assert 2 == len(extension.rules_markdown(()).splitlines())


def test_directive_renders_every_rule(extension, tmp_path):  # noqa: ARG001 (loads it, or skips)
    """A Sphinx build with the directive renders each rule's section and its anchor."""
    sphinx_application = pytest.importorskip("sphinx.application")
    pytest.importorskip("myst_parser")
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "coverage_rules"]\nexclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    (tmp_path / "index.md").write_text(
        "# Rules\n\n## The rules\n\n```{coverage-rules}\n```\n", encoding="utf-8"
    )
    sys.path.insert(0, str(EXTENSION.parent))
    try:
        app = sphinx_application.Sphinx(
            str(tmp_path),
            str(tmp_path),
            str(tmp_path / "_build"),
            str(tmp_path / "_doctrees"),
            "html",
            status=None,
            warning=None,
            warningiserror=True,
            freshenv=True,
        )
        app.build()
    finally:
        sys.path.remove(str(EXTENSION.parent))
    html = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {r.code.lower() for r in all_rules()} <= ids
    links = set(re.findall(r'href="#(ecm\d{3})"', html))
    assert {r.code.lower() for r in all_rules()} == links
    assert "_rules" not in html
    assert "_facts" not in html
