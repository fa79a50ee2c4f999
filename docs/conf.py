"""Sphinx configuration for the ecm_plan documentation."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

project = "ecm_plan"
author = "The ecm_plan developers"
copyright = "2026, The ecm_plan developers"
release = _version("ecm-plan")
version = ".".join(release.split(".")[:2])

# Local extensions: `coverage_rules` renders the rule registry into the coverage-rules page.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "matplotlib.sphinxext.plot_directive",
    "coverage_rules",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_attr_annotations = True

# DOCS is the docs folder, so that examples can load the plan files shipped with the pages.
doctest_global_setup = (
    f"import pathlib\nimport ecm_plan\nDOCS = pathlib.Path({str(Path(__file__).parent)!r})"
)
# Docstring examples are run by pytest --doctest-modules; the doctest builder runs the
# examples written in the pages themselves.
doctest_test_doctest_blocks = ""

# Charts in the pages are drawn from their code when the docs are built.
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]

html_theme = "furo"
html_title = f"ecm_plan {release}"
html_static_path = ["_static"]
