"""Sphinx extension: fail the HTML build on a link to an anchor that does not exist.

When the HTML builder has written every page, each page is parsed and every internal link of
the form ``page.html#anchor`` (or ``#anchor`` within the page) is checked against the ``id`` and
``name`` attributes of the page it points to. A link whose anchor is missing is a warning, so
that ``sphinx-build -W`` fails; the source-code pages of ``sphinx.ext.viewcode`` are checked
like the others.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class _Page(HTMLParser):
    """The anchors a page defines and the links it makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record ``id`` and ``name`` anchors, and ``href`` links of ``<a>`` elements."""
        for key, value in attrs:
            if value is None:
                continue
            if key == "id" or (key == "name" and tag == "a"):
                self.anchors.add(value)
            elif key == "href" and tag == "a":
                self.links.append(value)


def broken_anchors(outdir: Path) -> list[tuple[str, str]]:
    """Every internal link under ``outdir`` whose anchor its target page does not define.

    Args:
        outdir: The folder the HTML builder wrote.

    Returns:
        ``(page, href)`` pairs, the page relative to ``outdir``, sorted.
    """
    pages: dict[str, _Page] = {}
    for path in sorted(outdir.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(outdir).as_posix()] = page
    broken: list[tuple[str, str]] = []
    for name, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            target = name
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), parts.path))
            if target not in pages:
                continue  # a link to a file that is not a page: not an anchor question
            if unquote(parts.fragment) not in pages[target].anchors:
                broken.append((name, href))
    return sorted(broken)


def _check(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: warn once for each broken anchor the HTML pages link to."""
    if exception is not None or app.builder.format != "html":
        return
    for page, href in broken_anchors(Path(app.outdir)):
        logger.warning("broken anchor: %s links to %s", page, href, type="anchor", subtype="broken")


def setup(app: Sphinx) -> dict[str, object]:
    """Register the check; the extension is safe for parallel reading and writing."""
    app.connect("build-finished", _check)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
