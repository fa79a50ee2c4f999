"""GraphML and DOT exports stay valid for any text, and say when they replace characters."""

from __future__ import annotations

import functools
import html
import io
import pickle
import re
import warnings
import xml.etree.ElementTree as ET

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings

from ecm_plan import PlanValidationError, build_graph, load_bundled
from ecm_plan.catalog import aim
from ecm_plan.exceptions import ArgumentError, EcmPlanWarning, TextReplacedWarning
from ecm_plan.graph import (
    ENTITY,
    KIND,
    LABEL,
    RELATION,
    NodeKind,
    Relation,
    export_graph,
    to_dot,
)
from ecm_plan.testing import plans, unicode_texts

HOSTILE = 'Bell\x07 NUL\x00 esc\x1b "q" back\\slash <b>&amp; line\nnext\r\nCR\rend \ufffe\ud800'


def _xml_char(ch):
    """Whether XML 1.0 can hold the character (the spec's Char production)."""
    cp = ord(ch)
    return (
        cp in (0x9, 0xA, 0xD)
        or 0x20 <= cp <= 0xD7FF
        or 0xE000 <= cp <= 0xFFFD
        or 0x10000 <= cp <= 0x10FFFF
    )


def _cleaned(text):
    return "".join(ch if _xml_char(ch) else "\ufffd" for ch in text)


def _bad_count(graph):
    texts = [str(n) for n in graph.nodes]
    texts += [str(d.get(LABEL, n)) for n, d in graph.nodes(data=True)]
    return sum(not _xml_char(ch) for text in texts for ch in text)


def _export(graph, fn):
    """Run an export, checking that it warns exactly when it replaces something."""
    if _bad_count(graph):
        with pytest.warns(TextReplacedWarning):
            return fn(graph)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(graph)


def _graphml_bytes(graph):
    out = io.BytesIO()
    nx.write_graphml(_export(graph, functools.partial(export_graph, all_aims=True)), out)
    return out.getvalue()


def _label(node, data):
    """The label an export gives a node: an aim's title, else the node's label."""
    if data[KIND] == NodeKind.AIM:
        return aim(data[ENTITY]).title
    return str(data.get(LABEL, node))


def _xml_read_back(text):
    """What an XML reader gives for element text: line ends become line feeds."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


Q = r'"(?:[^"\\\n]|\\.)*"'
NODE = re.compile(rf"  ({Q}) \[label=({Q}), shape=(\w+)\];")
EDGE = re.compile(rf"  ({Q}) -> ({Q}) \[label=({Q})\];")


def _dot_unquote(token, *, entities):
    body = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), token[1:-1])
    return html.unescape(body) if entities else body


def _dot_parse(dot):
    """A small DOT reader for what to_dot writes: every line must be one of its forms."""
    lines = dot.split("\n")
    assert ["digraph plan {", "  rankdir=LR;"] == lines[:2]
    assert ["}", ""] == lines[-2:]
    nodes, edges = {}, []
    for line in lines[2:-2]:
        if node := NODE.fullmatch(line):
            name = _dot_unquote(node.group(1), entities=False)
            nodes[name] = _dot_unquote(node.group(2), entities=True)
        elif edge := EDGE.fullmatch(line):
            ends = (_dot_unquote(edge.group(i), entities=False) for i in (1, 2))
            edges.append((*ends, _dot_unquote(edge.group(3), entities=True)))
        else:
            pytest.fail(f"not a DOT statement: {line!r}")
    return nodes, edges


def _hostile_graph():
    plan = attrs.evolve(load_bundled("sample"), title=HOSTILE)
    return build_graph(plan)


class TestExportGraph:
    def test_hostile_text_parses_back(self):
        """GraphML with controls, quotes and markup in labels parses back with ElementTree."""
        graph = _hostile_graph()
        data = _graphml_bytes(graph)
        ET.fromstring(data)  # noqa: S314 (bytes this test made)
        back = nx.read_graphml(io.BytesIO(data))
        expected = _xml_read_back(_cleaned(graph.nodes["plan:sample"][LABEL]))
        assert expected == back.nodes["plan:sample"]["label"]
        assert set(graph.nodes) == set(back.nodes)

    def test_warning_counts_and_places(self):
        """The warning says how many characters were replaced and in which nodes."""
        with pytest.warns(TextReplacedWarning) as record:
            export_graph(_hostile_graph())
        [warning] = record.list
        assert 5 == warning.message.count
        assert ("plan:sample",) == warning.message.where
        assert issubclass(warning.category, EcmPlanWarning)

    def test_clean_text_no_warning(self):
        """Ordinary text exports without a warning."""
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            export_graph(build_graph(load_bundled("sample")))

    def test_ids_that_collide_refused(self):
        """Two ids that differ only in unholdable characters would merge: an error instead."""
        graph = nx.MultiDiGraph()
        for node in ("a\x01", "a\x02"):
            graph.add_node(node, **{KIND: NodeKind.ACTION, LABEL: "x"})
        with pytest.raises(PlanValidationError, match="differ only in characters"):
            export_graph(graph)

    def test_ids_cleaned_in_edges(self):
        """A node id with a control character is cleaned in its node and in its edges."""
        graph = nx.MultiDiGraph()
        graph.add_node("a\x01", **{KIND: NodeKind.ACTION, LABEL: "x"})
        graph.add_node("b", **{KIND: NodeKind.OBJECTIVE, LABEL: "y"})
        graph.add_edge("a\x01", "b", **{RELATION: Relation.PART_OF})
        with pytest.warns(TextReplacedWarning):
            plain = export_graph(graph)
        assert [("a\ufffd", "b")] == list(plain.edges())

    @settings(max_examples=30)
    @given(plans(text=unicode_texts()))
    def test_any_text_valid(self, plan):
        """For text from all of Unicode, the GraphML parses and keeps every node and label."""
        graph = build_graph(plan)
        back = nx.read_graphml(io.BytesIO(_graphml_bytes(graph)))
        assert {_cleaned(n) for n in graph.nodes} == set(back.nodes)
        for node, data in graph.nodes(data=True):
            expected = _xml_read_back(_cleaned(_label(node, data)))
            assert expected == back.nodes[_cleaned(node)]["label"]


class TestToDot:
    def test_hostile_text_escaped(self):
        """Quotes, backslashes, line ends and markup are escaped; every line is a statement."""
        graph = _hostile_graph()
        dot = _export(graph, to_dot)
        assert not re.search("[\x00-\x09\x0b-\x1f\ud800-\udfff]", dot)
        nodes, _ = _dot_parse(dot)
        label = nodes["plan:sample"]
        cleaned = _cleaned(graph.nodes["plan:sample"][LABEL])
        assert cleaned.replace("\r\n", "\n").replace("\r", "\n") == label
        assert "&lt;b&gt;&amp;amp;" in dot

    def test_sample_unchanged(self):
        """Plain ids and relation labels are written as before."""
        dot = to_dot(build_graph(load_bundled("sample")))
        assert '  "P1.O1" -> "P1" [label="part_of"];' in dot.splitlines()

    @settings(max_examples=30)
    @given(plans(text=unicode_texts()))
    def test_any_text_valid(self, plan):
        """For any text, every DOT line tokenizes and gives back each node's label."""
        graph = build_graph(plan)
        nodes, edges = _dot_parse(_export(graph, functools.partial(to_dot, all_aims=True)))
        assert {_cleaned(n) for n in graph.nodes} == set(nodes)
        assert graph.number_of_edges() == len(edges)
        for node, data in graph.nodes(data=True):
            expected = _cleaned(_label(node, data))
            assert expected.replace("\r\n", "\n").replace("\r", "\n") == nodes[_cleaned(node)]


class TestTextReplacedWarning:
    def test_message_and_pickle(self):
        """The warning names the count and places, and pickles with them."""
        warning = TextReplacedWarning(3, ("P1", "P2"))
        assert "replaced 3 characters" in str(warning)
        assert "(in P1, P2)" in str(warning)
        back = pickle.loads(pickle.dumps(warning))  # noqa: S301 (our own object)
        assert (3, ("P1", "P2")) == (back.count, back.where)


class TestAims:
    """Exports label aims by their titles and leave out those no priority serves."""

    def test_served_aims_only(self):
        """By default only the aims a priority serves are exported, with their edges."""
        graph = build_graph(load_bundled("sample"))
        served = {
            v
            for _, v, r in graph.edges(data=RELATION)
            if r == Relation.SERVES
            if graph.nodes[v][KIND] == NodeKind.AIM
        }
        plain = export_graph(graph)
        aims = {n for n, k in plain.nodes(data=KIND) if k == "aim"}
        assert served == aims
        assert 0 < len(aims) < 25
        assert (
            set(graph.nodes) - set(plain.nodes)
            == {n for n, k in graph.nodes(data=KIND) if k == NodeKind.AIM} - served
        )
        dot = to_dot(graph)
        assert all(f'"{n}"' not in dot for n in set(graph.nodes) - set(plain.nodes))

    def test_all_aims(self):
        """With all_aims every aim is kept, labelled by its title, with its id beside it."""
        plain = export_graph(build_graph(load_bundled("sample")), all_aims=True)
        aims = {n: d for n, d in plain.nodes(data=True) if d["kind"] == "aim"}
        assert 25 == len(aims)
        assert {"kind": "aim", "label": "Physically healthy", "aim": "be_healthy.1"} == aims[
            "aim:be_healthy.1"
        ]

    def test_graph_unchanged(self):
        """The graph the analyses use keeps all 25 aims and their ids as labels."""
        graph = build_graph(load_bundled("sample"))
        export_graph(graph)
        aims = [d for _, d in graph.nodes(data=True) if d[KIND] == NodeKind.AIM]
        assert 25 == len(aims)
        assert all(d[LABEL] == d[ENTITY] for d in aims)

    def test_command_line(self):
        """``ecm-plan graph`` labels aims by title and keeps all with --all-aims."""
        from ecm_plan.cli import main  # noqa: PLC0415 (the command line, beside its use)

        out = io.StringIO()
        assert 0 == main(["graph", "swindon-2008"], out=out)
        assert "octagon" not in out.getvalue().replace("doubleoctagon", "")
        out = io.StringIO()
        assert 0 == main(["graph", "swindon-2008", "--all-aims"], out=out)
        assert '"aim:be_healthy.1" [label="Physically healthy", shape=octagon];' in out.getvalue()

    def test_bad_keyword(self):
        """all_aims must be a bool."""
        with pytest.raises(ArgumentError):
            export_graph(build_graph(load_bundled("sample")), all_aims="yes")
        with pytest.raises(ArgumentError):
            to_dot(build_graph(load_bundled("sample")), all_aims=1)
