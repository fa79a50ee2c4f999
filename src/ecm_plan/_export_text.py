"""Text for GraphML and DOT exports: replace what XML 1.0 cannot hold, escape DOT strings."""

from __future__ import annotations

import re
import warnings

from ecm_plan.exceptions import TextReplacedWarning

__all__ = ["TextCleaner", "dot_id", "dot_label"]

XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, raw or as a character reference."""

REPLACEMENT = "\ufffd"
_SHOWN = 3


class TextCleaner:
    """Replace characters XML 1.0 cannot hold with U+FFFD, counting them and where they were."""

    def __init__(self) -> None:
        """Start with nothing replaced."""
        self.count = 0
        self.where: list[str] = []

    def __call__(self, text: str, where: str) -> str:
        """The text with every character XML 1.0 cannot hold replaced by U+FFFD."""
        clean, count = XML_INVALID.subn(REPLACEMENT, text)
        if count:
            self.count += count
            shown = XML_INVALID.sub(REPLACEMENT, where)
            if shown not in self.where:
                self.where.append(shown)
        return clean

    def warn(self, stacklevel: int) -> None:
        """Warn once with :class:`TextReplacedWarning` if anything was replaced."""
        if self.count:
            warnings.warn(
                TextReplacedWarning(self.count, self.where[:_SHOWN]),
                stacklevel=stacklevel + 1,
            )


def dot_id(text: str) -> str:
    """A DOT quoted string for a node id: quotes and backslashes escaped, one line."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def dot_label(text: str) -> str:
    r"""A DOT quoted label: ``\``, ``"`` and line ends escaped; ``&``, ``<``, ``>`` as entities.

    Graphviz reads ``\n`` in a label as a line break and ``&lt;`` as ``<``, so the label
    shows the text as written.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return dot_id(text)
