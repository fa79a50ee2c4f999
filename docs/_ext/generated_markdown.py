"""What the docs' generating directives share: MyST Markdown made from the library, parsed in place.

A directive that renders library data (the coverage rules, the outcomes and aims) subclasses
:class:`GeneratedMarkdown` and says only how to make its Markdown; parsing it into the page is
written here once.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


class GeneratedMarkdown(SphinxDirective):
    """A directive with no arguments that renders the Markdown :meth:`markdown` makes."""

    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, object]] = {}
    match_titles: ClassVar[bool] = False
    """Whether the Markdown may hold headings (sections) of its own."""

    def markdown(self) -> str:
        """The MyST Markdown to render."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        """Parse the generated Markdown in place of the directive."""
        holder = nodes.Element()
        text = StringList(self.markdown().splitlines(), source=self.get_source_info()[0])
        self.state.nested_parse(text, self.content_offset, holder, match_titles=self.match_titles)
        return list(holder.children)
