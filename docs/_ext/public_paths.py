"""Sphinx extension: the reference names every object by the path users import it from.

The library keeps its code in private modules (``ecm_plan.model._enums``) and re-exports the
public names from the packages (``ecm_plan.model``); the reference documents them there, and some
families under their public module (``ecm_plan.dependencies.ordering.cycles``). Two things follow
that this extension puts right at build time:

* A cross-reference written with the package path (``ecm_plan.dependencies.cycles``) or, in a
  docstring, with a bare name (``cycles``) finds the object where the reference documents it:
  the name is imported, and the documented entry holding the same object is linked.
* A type rendered from an annotation names the private module where Python defined it
  (``ecm_plan.model._enums.Polarity``); the text and the link's title are rewritten to the public
  path (``ecm_plan.model.Polarity``), which holds the very same object.
* ``sphinx.ext.viewcode`` keeps one documented module name for each source module, the first it
  meets, and builds every "[docs]" link of the source page from it; when the objects of one
  source module are documented under several public modules (the errors under
  ``ecm_plan.exceptions``, one of them also under ``ecm_plan.catalog``), the links point to
  anchors that do not exist. Before the source pages are written, each source module gets the
  documented module that holds most of its objects, and each object the page documenting it
  under that name.
"""

from __future__ import annotations

import importlib
import re
from types import FunctionType, MethodType, ModuleType
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains.python import PythonDomain
    from sphinx.environment import BuildEnvironment

_MISSING = object()
#: The documented-name table of each build environment, made on the first missing reference.
_TABLES: dict[int, dict[int, str]] = {}
#: Extra anchors for the "[docs]" links of the source pages: docname -> node id -> anchors.
_EXTRA_IDS: dict[str, dict[str, list[str]]] = {}
_PRIVATE_PATH = re.compile(r"\becm_plan(?:\.\w+)*\._\w+(?:\.\w+)*")


def lookup(name: str) -> object:
    """The object a dotted ``ecm_plan`` name leads to, or ``_MISSING``."""
    parts = name.split(".")
    if parts[0] != "ecm_plan":
        return _MISSING
    for cut in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            found = getattr(found, attr, _MISSING)
            if found is _MISSING:
                return _MISSING
        return found
    return _MISSING


def _has_identity(obj: object) -> bool:
    """Whether ``obj`` is a thing that is itself (a class, function, module, property)."""
    return isinstance(obj, (type, FunctionType, MethodType, ModuleType, property)) or callable(obj)


def _documented(domain: PythonDomain) -> dict[int, str]:
    """Documented name of each object the reference describes, keyed by the object's id."""
    table: dict[int, str] = {}
    for name, entry in domain.objects.items():
        if entry.aliased or "._" in name:
            continue
        obj = lookup(name)
        if obj is not _MISSING and _has_identity(obj):
            table.setdefault(id(obj), name)
    return table


def _candidates(node: pending_xref) -> list[str]:
    """The full names a reference may mean, most specific first."""
    target = str(node["reftarget"]).lstrip(".~")
    module = node.get("py:module") or ""
    klass = node.get("py:class") or ""
    names = [target]
    if module:
        if klass:
            names.append(f"{module}.{klass}.{target}")
        parts = module.split(".")
        names += [".".join([*parts[:cut], target]) for cut in range(len(parts), 0, -1)]
    return names


def _resolve(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """``missing-reference``: link a public or bare ``ecm_plan`` name to its documented entry."""
    if node.get("refdomain") != "py":
        return None
    domain: PythonDomain = env.get_domain("py")
    table = _TABLES.get(id(env))
    if table is None:
        table = _TABLES[id(env)] = _documented(domain)
    for name in _candidates(node):
        obj = lookup(name)
        if obj is _MISSING:
            continue
        documented = table.get(id(obj)) if _has_identity(obj) else None
        if documented is None:
            # Data (a tuple, a mapping): the documented entry of that name holding the object.
            last = name.rsplit(".", 1)[-1]
            same = [
                full
                for full, entry in domain.objects.items()
                if full.endswith(f".{last}") and not entry.aliased and lookup(full) is obj
            ]
            documented = same[0] if same else None
        if documented is not None:
            return _link(app, node, contnode, domain, documented)
    # A bare name (data, or a name the context module does not export): the one documented
    # entry of that name in the nearest enclosing package.
    target = str(node["reftarget"]).lstrip(".~")
    parts = str(node.get("py:module") or "ecm_plan").split(".")
    for cut in range(len(parts), 0, -1):
        prefix = ".".join(parts[:cut]) + "."
        same = [
            name
            for name, entry in domain.objects.items()
            if name.startswith(prefix) and name.endswith(f".{target}") and not entry.aliased
        ]
        if len(same) == 1:
            return _link(app, node, contnode, domain, same[0])
        if same:
            break
    return None


def _link(
    app: Sphinx, node: pending_xref, contnode: nodes.Element, domain: PythonDomain, name: str
) -> nodes.Element:
    """A reference from ``node`` to the documented entry ``name``."""
    entry = domain.objects[name]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, name)


def public_path(private: str) -> str:
    """The public path of an object named by its private module path, or the text unchanged."""
    obj = lookup(private)
    if obj is _MISSING:
        return private
    parts = private.split(".")
    public = ".".join(p for p in parts[:-1] if not p.startswith("_")) + "." + parts[-1]
    return public if lookup(public) is obj else private


def _rewrite(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: public paths in rendered types, and every alias as an anchor.

    Private module paths in rendered types become public paths. An object documented under
    its public path is also known by the path of the module that defines it (an alias); that
    path becomes a second anchor of its signature, so that a link made from the alias (the
    "[docs]" links of the source pages) finds the object.
    """
    aliases: dict[str, list[str]] = {}
    for name, entry in app.env.get_domain("py").objects.items():
        if entry.aliased and entry.docname == docname and "._" not in name:
            aliases.setdefault(entry.node_id, []).append(name)
    for node_id, extra in _EXTRA_IDS.get(docname, {}).items():
        aliases.setdefault(node_id, []).extend(extra)
    for signature in doctree.findall(addnodes.desc_signature):
        for node_id in list(signature["ids"]):
            signature["ids"] += [a for a in aliases.get(node_id, ()) if a not in signature["ids"]]
    for ref in doctree.findall(nodes.reference):
        title = ref.get("reftitle")
        if title and "._" in title:
            ref["reftitle"] = _PRIVATE_PATH.sub(lambda m: public_path(m.group(0)), title)
    for text in list(doctree.findall(nodes.Text)):
        if "._" not in text or isinstance(text.parent, (nodes.literal, nodes.literal_block)):
            continue
        new = _PRIVATE_PATH.sub(lambda m: public_path(m.group(0)), str(text))
        if new != str(text):
            text.parent.replace(text, nodes.Text(new))


def _viewcode_backlinks(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: give each source module the documented module its "[docs]" links use."""
    del app
    modules = getattr(env, "_viewcode_modules", {})
    objects = env.get_domain("py").objects
    for modname, entry in modules.items():
        if not entry:
            continue
        code, tags, used, refname = entry
        counts: dict[str, int] = {}
        for name in used:
            for full, found in objects.items():
                if full.endswith(f".{name}") and not found.aliased:
                    owner = full[: -len(name) - 1]
                    counts[owner] = counts.get(owner, 0) + 1
        if not counts:
            continue
        best = max(counts, key=lambda owner: (counts[owner], owner == modname, owner == refname))
        table = _documented(env.get_domain("py"))
        for name in used:
            if f"{best}.{name}" in objects and not objects[f"{best}.{name}"].aliased:
                used[name] = objects[f"{best}.{name}"].docname
                continue
            # Documented under another module: its signature gets the link's name as an anchor.
            obj = lookup(f"{modname}.{name}")
            documented = table.get(id(obj)) if _has_identity(obj) else None
            if documented is not None:
                place = objects[documented]
                used[name] = place.docname
                extra = _EXTRA_IDS.setdefault(place.docname, {}).setdefault(place.node_id, [])
                extra.append(f"{best}.{name}")
        modules[modname] = (code, tags, used, best)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the handlers; the extension is safe for parallel reading and writing."""
    app.connect("env-updated", _viewcode_backlinks)
    app.connect("missing-reference", _resolve)
    app.connect("doctree-resolved", _rewrite)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
