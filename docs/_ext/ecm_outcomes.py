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

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

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


class EcmOutcomesDirective(SphinxDirective):
    """``{ecm-outcomes}``: render the outcomes and aims table; takes no arguments."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        """Parse the generated Markdown in place of the directive."""
        holder = nodes.Element()
        text = StringList(outcomes_markdown().splitlines(), source=self.get_source_info()[0])
        self.state.nested_parse(text, self.content_offset, holder)
        return list(holder.children)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the directive; the extension is safe for parallel reading and writing."""
    app.add_directive("ecm-outcomes", EcmOutcomesDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
