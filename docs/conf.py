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

# Local extensions: `coverage_rules` renders the rule registry into the coverage-rules page,
# `ecm_outcomes` the outcomes and aims into the ECM model page, `public_paths` shows public
# import paths in place of private module paths, and `anchor_check` fails the build on a link
# to an anchor that no page defines.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "matplotlib.sphinxext.plot_directive",
    "sphinx_copybutton",
    "coverage_rules",
    "ecm_outcomes",
    "public_paths",
    "anchor_check",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Nitpicky builds (-n) check every cross-reference. Names from outside ecm_plan cannot resolve:
# the build runs without network, so no intersphinx inventory of Python, NumPy, pint,
# networkx, hypothesis, cattrs, attrs, pandas or matplotlib is available. Those names are left
# as plain text; every ecm_plan name must resolve.
nitpick_ignore_regex = [
    (
        r"py:.*",
        (
            r"(numpy|pint|networkx|hypothesis|st|cattrs|attrs|attr|pandas|pd|matplotlib"
            r"|openpyxl|yaml|jsonschema)(\..*)?"
        ),
    ),
    (
        r"py:.*",
        (
            r"(datetime|collections\.abc|collections|enum|os|pathlib|typing|decimal|fractions"
            r"|io|re|types|argparse|csv|json|tomllib|difflib|importlib)(\..*)?"
        ),
    ),
    # Names the annotations take from those libraries under short names: matplotlib's Axes,
    # and the type variables of pint's generic registry type.
    (r"py:class", r"Axes|QuantityT|QuantityArgument"),
    # The type variables of the generic base of ecm_plan.model.FrozenMap (Mapping[K, V]):
    # a type variable has no page of its own.
    (r"py:(class|obj)", r"(ecm_plan\.model\._field\.)?[KV]"),
]

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

# The copy button copies the commands and code only: prompts and output lines are left out.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

html_theme = "furo"
html_title = f"ecm_plan {release}"
html_static_path = ["_static"]
