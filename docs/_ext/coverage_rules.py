"""Sphinx extension: the ``coverage-rules`` directive lists every registered coverage rule.

Write, in a MyST page::

    ```{coverage-rules}
    ```

and the build renders, from :func:`ecm_plan.coverage.all_rules`, a table of every rule (code,
slug, default severity, subject, one line) followed by one section a rule, headed
``ECMnnn `slug``` under the label ``ecmnnn``, saying what it checks, why it matters and how
to fix what it finds. The list is read from the registry at build time, so the page cannot
fall behind the code.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generated_markdown import GeneratedMarkdown

from ecm_plan.coverage import Rule, all_rules

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _sentences(text: str) -> str:
    """One sentence a line, as the docs are written."""
    return re.sub(r"(?<=[.?]) (?=[A-Z])", "\n", text)


def rules_markdown(found: tuple[Rule, ...] | None = None) -> str:
    """The rule list, as MyST Markdown: a table, then one section a rule.

    Args:
        found: The rules to list; every registered rule by default.

    Returns:
        The Markdown text the directive renders.
    """
    found = all_rules() if found is None else found
    lines = [
        "| Code | Slug | Severity | Subject | Finds |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.severity.value} | {r.subject} | "
        f"{r.title} |"
        for r in found
    ]
    for r in found:
        lines += [
            "",
            f"({r.code.lower()})=",
            f"### {r.code} `{r.name}`",
            "",
            f"*{r.title}*",
            f"Default severity: **{r.severity.value}**; about: {r.subject}.",
            "",
            f"**What it checks.** {_sentences(r.checks)}",
            "",
            f"**Why it matters.** {_sentences(r.why)}",
            "",
            f"**How to fix it.** {_sentences(r.fix)}",
        ]
    return "\n".join(lines) + "\n"


class CoverageRulesDirective(GeneratedMarkdown):
    """``{coverage-rules}``: render the registered coverage rules; takes no arguments."""

    match_titles = True

    def markdown(self) -> str:
        """The Markdown of the page."""
        return rules_markdown()


def setup(app: Sphinx) -> dict[str, object]:
    """Register the directive; the extension is safe for parallel reading and writing."""
    app.add_directive("coverage-rules", CoverageRulesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
