"""Tests of references and the reference rules, on small hand-made plans and graphs."""

from __future__ import annotations

import networkx as nx
import pytest
from dep_plans import chain, make_plan, rules_plan, textual
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import Milestone, build_graph, load_bundled
from ecm_plan.dependencies import (
    REFERENCE_RULES,
    ReferenceKind,
    cycles,
    dependency_graph,
    references,
)
from ecm_plan.graph import RELATION, Relation
from ecm_plan.model import (
    Action,
    Due,
    Objective,
    Priority,
    Target,
)


class TestReferenceRules:
    def test_names_are_unique(self):
        """Every rule has its own name."""
        names = [rule.name for rule in REFERENCE_RULES]
        assert len(names) == len(set(names))

    def test_confidences_are_probabilities(self):
        """Every confidence lies in (0, 1]."""
        assert all(0 < rule.confidence <= 1 for rule in REFERENCE_RULES)

    def test_detectors_are_known(self):
        """Every rule belongs to one of the five detectors."""
        expected = {"objective_number", "number_above", "document", "see", "following"}
        assert expected == {rule.detector for rule in REFERENCE_RULES}


class TestReferences:
    @pytest.mark.parametrize("rule", REFERENCE_RULES, ids=lambda r: r.name)
    def test_each_rule_fires_on_its_example(self, rule):
        """A rule's example yields exactly one reference, of that rule."""
        found = textual(rules_plan(rule.example), "P9.O1.A2")
        assert [rule.name] == [r for _, _, r in found]

    @pytest.mark.parametrize("rule", REFERENCE_RULES, ids=lambda r: r.name)
    def test_no_rule_fires_on_a_counterexample(self, rule):
        """A rule's near miss yields no reference at all."""
        assert [] == textual(rules_plan(rule.counterexample), "P9.O1.A2")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Please refer to objective 2.4.", "P2.O4"),
            ("Implement Early Years actions at 4.1 above.", "P4.O1"),
            ("Implement Care Matters Plan (see Staying Safe).", "P3.O2"),
            ("Deliver the Teenage Pregnancy Strategy.", "P1.O1"),
            ("Annual Plan linked to Youth Justice Plan.", "external:Youth Justice Plan"),
            ("Improve support for carers (see Staying Safe).", "P3"),
            ("Q1 actions completed (see PCS).", "P1.O2"),
            ("Targets agreed (see Healthy Schools Plus).", "external:Healthy Schools Plus"),
            ("Monitoring system agreed, following pilot.", "P9.O1.A1"),
            ("(see EYCC Action Plan 09-10)", "external:EYCC Action Plan 09-10"),
        ],
    )
    def test_each_rule_resolves_to_what_it_names(self, text, expected):
        """The examples of the issue resolve to the element (or outside document) they name."""
        assert [expected] == [node for _, node, _ in textual(rules_plan(text), "P9.O1.A2")]

    def test_explicit_dependencies_come_first(self):
        """A depends_on entry is an explicit reference with certainty 1 and no span."""
        plan = chain(Action(id="A1", text="a"), Action(id="A2", text="b", depends_on=["A1"]))
        (ref,) = references(plan)
        expected = ("A2", "A1", ReferenceKind.EXPLICIT, "depends_on", "depends_on[0]", None, 1.0)
        assert expected == (
            ref.source,
            ref.target,
            ref.kind,
            ref.rule,
            ref.field,
            ref.span,
            ref.confidence,
        )

    def test_span_locates_the_text_in_its_field(self):
        """The span of a textual reference picks its text out of the field it names."""
        plan = chain(
            Action(
                id="A1",
                text="Implement the Preventions Plan.",
                due=Due("Annual Plan linked to Youth Justice Plan."),
            )
        )
        action = plan.priorities[0].actions[0]
        fields = {"text": action.text, "due": action.due.text}
        for ref in references(plan):
            start, end = ref.span
            assert ref.text == fields[ref.field][start:end]

    def test_due_and_milestone_text_is_read(self):
        """References in "by when" cells and milestones belong to their action."""
        plan = chain(
            Action(
                id="A1",
                text="Deliver the plan",
                due=Due("Annual Plan linked to Connexions Local Delivery Plan."),
            ),
            Action(id="A2", text="Deliver", milestones=[Milestone("done (see EYCC Plan)")]),
        )
        expected = [
            ("A1", "due", "external:Connexions Local Delivery Plan"),
            ("A2", "milestones[0].text", "external:EYCC Plan"),
        ]
        assert expected == [(r.source, r.field, r.node) for r in references(plan)]

    def test_one_outside_document_however_spelt(self):
        """Two spellings of one outside document share its first spelling's name."""
        plan = chain(
            Action(
                id="A1", text="Deliver the actions set out in the Connexions Local Delivery Plan."
            ),
            Action(id="A2", text="Targets achieved (as per targets in the Connexions LDP)."),
        )
        assert {"external:Connexions Local Delivery Plan"} == {r.node for r in references(plan)}

    def test_unresolved_objective_number(self):
        """An objective number the plan does not have is kept, unresolved, with a DEP004."""
        plan = chain(Action(id="A1", text="Please refer to objective 9.9."))
        report = references(plan)
        assert (None, False) == (report.references[0].node, report.references[0].resolved)
        assert ["DEP004"] == [f.code for f in report.findings()]
        assert "priorities[0].actions[0]" == report.findings()[0].path

    def test_reference_to_own_objective_is_dropped(self):
        """An element never depends on itself or the objective that holds it."""
        plan = make_plan(
            Priority(
                id="P1",
                title="t",
                objectives=[
                    Objective(
                        id="P1.O1",
                        title="o",
                        code="2.4",
                        actions=[Action(id="A1", text="Please refer to objective 2.4.")],
                    )
                ],
            )
        )
        assert [] == textual(plan)

    def test_document_named_after_own_objective_is_dropped(self):
        """A document that names the source's own objective is not a dependency."""
        plan = make_plan(
            Priority(
                id="P1",
                title="t",
                objectives=[
                    Objective(
                        id="P1.O1",
                        title="Primary Capital Strategy",
                        actions=[Action(id="A1", text="Deliver the Primary Capital Strategy.")],
                    )
                ],
            )
        )
        assert [] == textual(plan)

    def test_following_links_a_target_to_its_own_action(self):
        """A target that follows a pilot depends on the action that runs the pilot."""
        plan = chain(
            Action(
                id="A1",
                text="Pilot a method of monitoring bullying.",
                targets=[Target(id="A1.T1", text="Monitoring system agreed, following pilot.")],
            )
        )
        assert [("A1.T1", "A1", "following_sibling")] == textual(plan)

    def test_following_takes_the_thing_after_of(self):
        """ "following implementation of equal ranking" looks for "equal ranking"."""
        plan = chain(
            Action(id="A1", text="Continue to review school organisation."),
            Action(id="A2", text="Introduce new Equal Ranking system."),
            Action(id="A3", text="Review targets following implementation of equal ranking."),
        )
        assert [("A3", "A2", "following_sibling")] == textual(plan)

    def test_following_a_common_noun_with_no_sibling_is_nothing(self):
        """A step within the element ("following the assessment") is not a reference."""
        plan = chain(Action(id="A1", text="Access services following the assessment."))
        assert [] == textual(plan)

    def test_empty_plan(self):
        """A plan with no priorities has no references."""
        assert () == references(make_plan()).references

    def test_graph_of_dependency_graph_gives_the_same(self):
        """The references of a plan and of its dependency graph are the same."""
        plan = load_bundled("sample")
        assert references(plan).references == references(dependency_graph(plan)).references

    def test_graph_of_build_graph_gives_the_same(self):
        """A graph of build_graph holds the references found in the text as well."""
        plan = load_bundled("sample")
        assert references(plan) == references(build_graph(plan))

    def test_graph_without_the_list_reads_the_edges(self):
        """Without graph.graph["references"], the references are read from the edges."""
        graph = build_graph(load_bundled("sample"))
        del graph.graph["references"]
        expected = [
            ("P1.O1.A2", "P1.O1.A1", "explicit", "depends_on[0]"),
            ("P2.O1.A1", "P1.O1", "textual", "text"),
        ]
        actual = [(r.source, r.target, r.kind.value, r.field) for r in references(graph)]
        assert expected == actual

    def test_unresolved_reference_is_kept_in_the_graph(self):
        """A reference that names nothing is no edge, but the graph's list keeps it."""
        plan = chain(Action(id="A1", text="Please refer to objective 9.9 for the detail."))
        graph = build_graph(plan)
        assert references(plan).unresolved == references(graph).unresolved
        assert 1 == len(references(graph).unresolved)
        assert not any(d[RELATION] == Relation.REFERENCED_BY for *_, d in graph.edges(data=True))

    def test_wrong_input(self):
        """Anything but a plan or a directed graph is refused."""
        with pytest.raises(TypeError, match="must be a Plan or its graph"):
            references({"P1": []})
        with pytest.raises(TypeError, match="directed graph"):
            cycles(nx.Graph())


_WORDS = st.sampled_from(
    [
        "see",
        "SEE",
        "objective",
        "1.2",
        "above",
        "Implement",
        "the",
        "Plan",
        "Strategy",
        "in line with",
        "as per",
        "following",
        "support",
        "Youth Justice",
        "delivery of",
        "under",
        "at",
        "3.1",
        "x",
        ",",
    ]
)


@given(st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=12))
def test_cue_prefilter_drops_nothing(words):
    """A text the quick look finds no cue word in has no match at all under the detectors."""
    from ecm_plan import _references  # noqa: PLC0415 (the private detectors, compared)

    text = " ".join(words)
    assert _references._matches(text) == _references._detected(text)
    if _references._ANY_CUE.search(text) is None:
        assert [] == _references._detected(text)


def test_reader_edges_in_networkx_order():
    """The analyses read every edge in the order networkx gives, multigraph or not."""
    from ecm_plan.dependencies._reader import _Reader  # noqa: PLC0415 (the private reader)

    graph = build_graph(load_bundled("wigan-2009-12"))
    assert list(_Reader(graph).edges()) == list(graph.edges(data=True))
    simple = nx.DiGraph(graph)
    assert list(_Reader(simple).edges()) == list(simple.edges(data=True))
