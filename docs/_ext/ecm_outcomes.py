"""Sphinx extension: the ``ecm-outcomes`` directive lists the five outcomes and their 25 aims.

Write, in a MyST page::

    ```{ecm-outcomes}
    ```

and the build renders, from :func:`ecm_plan.catalog.outcomes`, one table of every outcome
(title and the key a plan file uses) with its five aims (aim id and wording).
The table is read from the library's own data at build time, so the page cannot fall behind
the catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generated_markdown import GeneratedMarkdown

from ecm_plan.catalog import Outcome, outcomes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def outcomes_markdown(found: tuple[Outcome, ...] | None = None) -> str:
    """The outcomes and aims, as one MyST Markdown table.

    Args:
        found: The outcomes to list; the five of the catalogue by default.

    Returns:
        The Markdown text the directive renders.
    """
    found = outcomes() if found is None else found
    lines = [
        "| Outcome (its key in a plan file) | Aim id | The aim |",
        "|---|---|---|",
    ]
    for item in found:
        for aim in item.aims:
            first = aim.number == item.aims[0].number
            outcome = f"**{item.title}** (`{item.key.value}`)" if first else ""
            lines.append(f"| {outcome} | `{aim.id}` | {aim.title} |")
    return "\n".join(lines) + "\n"


class EcmOutcomesDirective(GeneratedMarkdown):
    """``{ecm-outcomes}``: render the outcomes and aims table; takes no arguments."""

    def markdown(self) -> str:
        """The Markdown of the page."""
        return outcomes_markdown()


def setup(app: Sphinx) -> dict[str, object]:
    """Register the directive; the extension is safe for parallel reading and writing."""
    app.add_directive("ecm-outcomes", EcmOutcomesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
