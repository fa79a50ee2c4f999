"""Tests for ecm_plan.dependencies on small hand-made plans and graphs."""

from __future__ import annotations

import pickle

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import Milestone, build_graph, load_bundled
from ecm_plan.dependencies import (
    REFERENCE_RULES,
    Certainty,
    CycleError,
    ReferenceKind,
    UnknownElementError,
    concentration,
    critical_path,
    cycles,
    deadline_conflicts,
    dependency_findings,
    dependency_graph,
    dependency_tables,
    external_node,
    impact,
    order_of_work,
    references,
    shared,
)
from ecm_plan.graph import KIND, RELATION, NodeKind, Relation
from ecm_plan.model import (
    Action,
    Allocation,
    Due,
    FundingStream,
    Indicator,
    Lead,
    Money,
    Objective,
    Period,
    Plan,
    Priority,
    Target,
)


def make_plan(*priorities: Priority, **fields: object) -> Plan:
    """A plan around the given priorities."""
    return Plan(
        id="demo",
        authority="Anytown",
        title="Demo plan",
        period=Period.financial_year(2009),
        priorities=list(priorities),
        **fields,
    )


def chain(*actions: Action) -> Plan:
    """A plan whose one priority holds the given actions."""
    return make_plan(Priority(id="P1", title="Work", actions=list(actions)))


def textual(plan: Plan, source: str | None = None) -> list[tuple[str, str | None, str]]:
    """(source, node, rule) of every textual reference, optionally of one source only."""
    return [
        (r.source, r.node, r.rule)
        for r in references(plan)
        if r.kind is ReferenceKind.TEXTUAL and (source is None or r.source == source)
    ]


def rules_plan(probe: str) -> Plan:
    """A plan in which each rule's example resolves as the rule says, with ``probe`` as the
    text of action P9.O1.A2 (after a sibling action about a pilot)."""
    return make_plan(
        Priority(
            id="P1",
            title="Reduce teenage pregnancy",
            outcomes=["be_healthy"],
            objectives=[
                Objective(id="P1.O1", title="Teenage Pregnancy Strategy", code="1.1"),
                Objective(id="P1.O2", title="Primary Capital Strategy", code="1.2"),
            ],
        ),
        Priority(
            id="P2",
            title="Reduce health inequalities",
            outcomes=["be_healthy"],
            objectives=[Objective(id="P2.O4", title="Health of vulnerable groups", code="2.4")],
        ),
        Priority(
            id="P3",
            title="Ensure children are safe",
            outcomes=["stay_safe"],
            objectives=[
                Objective(id="P3.O1", title="Safe at home", code="3.1"),
                Objective(
                    id="P3.O2",
                    title="Secure permanent families",
                    code="3.2",
                    actions=[
                        Action(id="P3.O2.A1", text="As detailed in Care Matters Action Plan."),
                        Action(id="P3.O2.A2", text="Implement care matters implementation plan."),
                    ],
                ),
            ],
        ),
        Priority(
            id="P4",
            title="Achieve highly",
            outcomes=["enjoy_and_achieve"],
            objectives=[Objective(id="P4.O1", title="Early years", code="4.1")],
        ),
        Priority(
            id="P9",
            title="Probe",
            objectives=[
                Objective(
                    id="P9.O1",
                    title="Probe work",
                    code="9.1",
                    actions=[
                        Action(id="P9.O1.A1", text="Pilot a method of monitoring bullying."),
                        Action(id="P9.O1.A2", text=probe),
                    ],
                )
            ],
        ),
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

    def test_plain_graph_gives_explicit_references(self):
        """A graph of build_graph holds the explicit references only."""
        expected = [("P1.O1.A2", "P1.O1.A1", "depends_on[0]")]
        actual = references(build_graph(load_bundled("sample")))
        assert expected == [(r.source, r.target, r.field) for r in actual]

    def test_wrong_input(self):
        """Anything but a plan or a directed graph is refused."""
        with pytest.raises(TypeError, match="expected a Plan or its graph"):
            references({"P1": []})
        with pytest.raises(TypeError, match="directed graph"):
            cycles(nx.Graph())


class TestDependencyGraph:
    def test_textual_edge_attributes(self):
        """A textual reference becomes an enables edge carrying its rule, text and span."""
        graph = dependency_graph(load_bundled("sample"))
        ((_, _, data),) = [
            e for e in graph.in_edges("P2.O1.A1", data=True) if e[2][RELATION] == Relation.ENABLES
        ]
        expected = (False, "objective_number", "please refer to objective 1.1", (34, 63), 0.95)
        actual = (data["explicit"], data["rule"], data["text"], data["span"], data["confidence"])
        assert expected == actual

    def test_external_node(self):
        """An outside document is a node of kind external, with an edge to the dependent."""
        plan = chain(Action(id="A1", text="Delivery of Youth Justice Plan."))
        graph = dependency_graph(plan)
        node = external_node("Youth Justice Plan")
        assert (NodeKind.EXTERNAL, ["A1"]) == (
            graph.nodes[node][KIND],
            list(graph.successors(node)),
        )

    def test_graph_input_is_not_changed(self):
        """No analysis changes the graph it is given."""
        plan = load_bundled("sample")
        graph = dependency_graph(plan)
        before = (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))
        before_graph = dict(graph.graph)
        for analysis in (
            references,
            cycles,
            order_of_work,
            deadline_conflicts,
            critical_path,
            shared,
            concentration,
            dependency_findings,
            dependency_tables,
        ):
            analysis(graph)
        impact(graph, "ABG")
        after = (list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))
        assert (before, before_graph) == (after, dict(graph.graph))


def cyclic_plan(*, textual_link: bool = False) -> Plan:
    """P1.O1.A1 and P1.O2.A1 need each other; with ``textual_link``, objective 1.1 needs
    P1.O2.A1, which refers to objective 1.1 in its text. P1.A3 is free."""
    second = (
        Action(id="P1.O2.A1", text="b (please refer to objective 1.1)")
        if textual_link
        else Action(id="P1.O2.A1", text="b", depends_on=["P1.O1.A1"])
    )
    return make_plan(
        Priority(
            id="P1",
            title="t",
            objectives=[
                Objective(
                    id="P1.O1",
                    title="o",
                    code="1.1",
                    depends_on=["P1.O2.A1"] if textual_link else [],
                    actions=[
                        Action(
                            id="P1.O1.A1",
                            text="a",
                            depends_on=[] if textual_link else ["P1.O2.A1"],
                        )
                    ],
                ),
                Objective(id="P1.O2", title="p", code="1.2", actions=[second]),
            ],
            actions=[Action(id="P1.A3", text="c")],
        )
    )


class TestCycles:
    def test_cycle_is_found(self):
        """Two actions that need each other are one cycle, least id first."""
        report = cycles(cyclic_plan())
        assert [("P1.O1.A1", "P1.O2.A1")] == [c.ids for c in report]

    def test_explicit_cycle_is_an_error(self):
        """A cycle of explicit dependencies is a DEP001 error."""
        (finding,) = cycles(cyclic_plan()).findings()
        assert ("DEP001", "error", "priorities[0].objectives[0].actions[0]") == (
            finding.code,
            finding.severity.value,
            finding.path,
        )

    def test_textual_cycle_is_a_warning(self):
        """A cycle through a textual reference is only a warning."""
        report = cycles(cyclic_plan(textual_link=True))
        assert [("warning", ("P1.O1", "P1.O2.A1"))] == [
            (c.finding().severity.value, c.component) for c in report
        ]

    def test_no_cycle(self):
        """The sample plan has no cycle."""
        assert 0 == len(cycles(load_bundled("sample")))

    def test_two_knots_and_a_self_loop(self):
        """Each strongly connected component is reported once; a self-loop is a cycle."""
        graph = nx.MultiDiGraph()
        for u, v in [("A", "B"), ("B", "A"), ("C", "D"), ("D", "E"), ("E", "C"), ("F", "F")]:
            graph.add_edge(u, v, relation=Relation.ENABLES, explicit=True)
        assert [("A", "B"), ("C", "D", "E"), ("F",)] == [c.ids for c in cycles(graph)]

    def test_empty_plan(self):
        """An empty plan has no cycle."""
        assert () == cycles(make_plan()).cycles


class TestOrderOfWork:
    def test_chain(self):
        """A chain of dependencies is done one step at a time; free actions come first."""
        plan = chain(
            Action(id="A1", text="a"),
            Action(id="A2", text="b", depends_on=["A1"]),
            Action(id="A3", text="c", depends_on=["A2"]),
            Action(id="A4", text="d"),
        )
        assert (("A1", "A4"), ("A2",), ("A3",)) == order_of_work(plan).ids

    def test_cycle_raises(self):
        """With a cycle there is no order; the error names the cycle."""
        with pytest.raises(CycleError) as caught:
            order_of_work(cyclic_plan())
        assert ("P1.O1.A1", "P1.O2.A1") == caught.value.cycle

    def test_cycle_error_pickles(self):
        """The error survives pickling with its cycle."""
        err = pickle.loads(pickle.dumps(CycleError(("A", "B"))))  # noqa: S301 (our own bytes)
        assert ("A", "B") == err.cycle

    def test_outside_documents_do_not_delay(self):
        """An action that needs only an outside document is in the first step."""
        plan = chain(Action(id="A1", text="Delivery of Youth Justice Plan."))
        assert (("A1",),) == order_of_work(plan).ids

    def test_outside_documents_keep_order_through_them(self):
        """A dependency through an outside document still orders the two elements."""
        graph = nx.MultiDiGraph()
        graph.add_node("A", kind=NodeKind.ACTION)
        graph.add_node("B", kind=NodeKind.ACTION)
        graph.add_node("external:X", kind=NodeKind.EXTERNAL)
        graph.add_edge("A", "external:X", relation=Relation.ENABLES)
        graph.add_edge("external:X", "B", relation=Relation.ENABLES)
        assert (("A",), ("B",)) == order_of_work(graph).ids

    def test_step_of_unknown(self):
        """Asking for the step of an element not in the order is a KeyError."""
        with pytest.raises(KeyError, match="not in the order of work"):
            order_of_work(chain(Action(id="A1", text="a"))).step_of("A9")

    def test_empty_plan(self):
        """An empty plan has no steps."""
        assert () == order_of_work(make_plan()).generations

    @given(
        st.integers(1, 12).flatmap(
            lambda n: st.tuples(
                st.just(n),
                st.lists(
                    st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(
                        lambda e: e[0] < e[1]
                    ),
                    max_size=30,
                ),
                st.permutations(range(n)),
            )
        )
    )
    def test_respects_every_edge(self, case):
        """On random acyclic dependencies, every prerequisite comes in an earlier step."""
        n, edges, labels = case
        graph = nx.MultiDiGraph()
        for i in range(n):
            graph.add_node(f"A{labels[i]}", kind=NodeKind.ACTION)
        for u, v in edges:
            graph.add_edge(f"A{labels[u]}", f"A{labels[v]}", relation=Relation.ENABLES)
        order = order_of_work(graph)
        assert all(order.step_of(u) < order.step_of(v) for u, v in graph.edges())
        assert n == sum(len(step) for step in order.generations)


def dated(*dues: tuple[str, str, str | None]) -> Plan:
    """Actions (id, due, prerequisite)."""
    return chain(
        *(
            Action(id=i, text=i, due=Due(due), depends_on=[pre] if pre else [])
            for i, due, pre in dues
        )
    )


class TestDeadlineConflicts:
    def test_certain(self):
        """A dependent whose latest deadline is before the prerequisite's earliest is certain."""
        plan = dated(("A1", "March 2010", None), ("A2", "Summer 2009", "A1"))
        (conflict,) = deadline_conflicts(plan)
        assert ("A2", "A1", Certainty.CERTAIN) == (
            conflict.dependent.id,
            conflict.prerequisite.id,
            conflict.certainty,
        )
        assert ["DEP002"] == [f.code for f in deadline_conflicts(plan).findings()]

    @pytest.mark.parametrize(("first", "second"), [("2009", "March 2009"), ("March 2009", "2009")])
    def test_possible_either_way(self, first, second):
        """ "2009" against "March 2009" is only a possible conflict, in either order."""
        plan = dated(("A1", first, None), ("A2", second, "A1"))
        assert [(Certainty.POSSIBLE, "DEP003", "info")] == [
            (c.certainty, c.finding().code, c.finding().severity.value)
            for c in deadline_conflicts(plan)
        ]

    @pytest.mark.parametrize(
        ("first", "second"),
        [("March 2009", "April 2009"), ("April 2009", "April 2009"), ("2009", "2010")],
    )
    def test_no_conflict(self, first, second):
        """A dependent due after (or with) its prerequisite is no conflict."""
        assert () == deadline_conflicts(dated(("A1", first, None), ("A2", second, "A1"))).conflicts

    @pytest.mark.parametrize("text", ["Annual review of Plan", "Ongoing from April 2007"])
    def test_undated_is_left_out(self, text):
        """A due date with no deadline is never in conflict."""
        plan = dated(("A1", "March 2010", None), ("A2", text, "A1"))
        assert () == deadline_conflicts(plan).conflicts

    def test_certain_first(self):
        """Certain conflicts come before possible ones."""
        plan = dated(
            ("A1", "March 2009", None),
            ("A2", "2009", "A1"),
            ("A3", "January 2009", "A1"),
        )
        assert ["A3", "A2"] == [c.dependent.id for c in deadline_conflicts(plan)]

    def test_empty_plan(self):
        """An empty plan has no conflicts."""
        assert 0 == len(deadline_conflicts(make_plan()))


class TestCriticalPath:
    def test_longest_chain(self):
        """The chain whose dates span the longest time wins."""
        plan = dated(
            ("A1", "October 2008", None),
            ("A2", "April 2009", "A1"),
            ("A3", "March 2010", "A2"),
            ("A4", "May 2009", "A1"),
        )
        path = critical_path(plan)
        assert (("A1", "A2", "A3"), 547) == (path.ids, path.days)

    def test_conflict_moves_the_dependent_later(self):
        """A dependent due before its prerequisite finishes with the prerequisite."""
        plan = dated(("A1", "March 2010", None), ("A2", "Summer 2009", "A1"))
        path = critical_path(plan)
        assert [("A1", "2010-03-31"), ("A2", "2010-03-31")] == [
            (s.element.id, s.finish.isoformat()) for s in path.steps
        ]

    def test_undated_breaks_the_chain(self):
        """An undated element is no part of a critical path."""
        plan = dated(("A1", "March 2010", None), ("A2", "Annual review", "A1"))
        assert ((), 0) == (critical_path(plan).ids, critical_path(plan).days)

    def test_cycle_raises(self):
        """Dated dependencies in a circle have no critical path."""
        plan = dated(("A1", "March 2010", "A2"), ("A2", "April 2010", "A1"))
        with pytest.raises(CycleError):
            critical_path(plan)

    def test_empty_plan(self):
        """An empty plan has an empty critical path."""
        assert ("(none)",) == critical_path(make_plan()).to_table().notes


def funded_plan() -> Plan:
    """Two priorities funded by ABG, one of them through its part ABG(CF)."""
    return make_plan(
        Priority(
            id="P1",
            title="Health",
            outcomes=["be_healthy"],
            leads=["Boss"],
            objectives=[
                Objective(
                    id="P1.O1",
                    title="Clinics",
                    actions=[
                        Action(
                            id="P1.O1.A1",
                            text="Open clinics",
                            leads=["Nurse"],
                            funding=[
                                Allocation("ABG", Money("£175k")),
                                Allocation("ABG", Money("To be confirmed")),
                            ],
                            targets=[
                                Target(
                                    id="P1.O1.A1.T1", text="Fewer conceptions", indicator="NI 112"
                                )
                            ],
                        ),
                        Action(
                            id="P1.O1.A2",
                            text="Train nurses",
                            leads=["Nurse", "Boss"],
                            depends_on=["P1.O1.A1"],
                        ),
                    ],
                )
            ],
        ),
        Priority(
            id="P2",
            title="Safety",
            outcomes=["stay_safe"],
            actions=[
                Action(
                    id="P2.A1",
                    text="Recruit carers",
                    leads=["Boss"],
                    funding=[Allocation("ABG(CF)", Money("140", unit="kGBP"))],
                    targets=[Target(id="P2.A1.T1", text="Fewer conceptions", indicator="NI 112")],
                ),
                Action(id="P2.A2", text="Review placements", leads=["Boss"]),
            ],
        ),
        leads=[Lead(id="Boss", name="Head of Service"), Lead(id="Nurse", name="Lead Nurse")],
        funding_streams=[
            FundingStream(id="ABG", name="Area Based Grant"),
            FundingStream(id="ABG(CF)", name="Children's Fund", part_of="ABG"),
            FundingStream(id="PCT", name="PCT"),
        ],
        indicators=[Indicator(id="NI 112", title="Under 18 conception rate")],
    )


class TestImpact:
    def test_funding_per_priority(self):
        """Losing a stream puts its money at stake per priority, its parts' money included."""
        lost = impact(funded_plan(), "ABG")
        expected = [("P1", 175000.0, 2, 1), ("P2", 140000.0, 1, 0)]
        assert expected == [
            (f.priority.id, f.gbp, len(f.allocations), len(f.unquantified)) for f in lost.funding
        ]
        assert 315000.0 == lost.total_gbp

    def test_what_a_stream_reaches(self):
        """A stream reaches what it funds, their dependents, targets, indicators and outcomes."""
        lost = impact(funded_plan(), "ABG")
        assert {"P1", "P2"} == lost.ids("priority")
        assert {"P1.O1.A1", "P1.O1.A2", "P2.A1"} == lost.ids(NodeKind.ACTION)
        assert {"NI 112"} == lost.ids("indicator")
        assert {"outcome:be_healthy", "outcome:stay_safe"} == lost.ids("outcome")

    def test_paths_follow_edges(self):
        """Every path runs from the lost element to the affected one along graph edges."""
        plan = funded_plan()
        graph = dependency_graph(plan)
        lost = impact(graph, "ABG")
        for affected in lost.affected:
            assert ("ABG", affected.element.id) == (affected.path[0], affected.path[-1])
            assert all(
                graph.has_edge(u, v) for u, v in zip(affected.path, affected.path[1:], strict=False)
            )

    def test_losing_an_action_reaches_its_dependents(self):
        """An action's dependents are at risk when it is lost."""
        lost = impact(funded_plan(), "P1.O1.A1")
        assert ("P1.O1.A1", "P1.O1.A2") == lost.path_to("P1.O1.A2")
        assert () == lost.funding

    def test_losing_a_lead(self):
        """A lead puts at risk what it leads, and what that serves."""
        lost = impact(funded_plan(), "Nurse")
        assert ({"P1.O1.A1", "P1.O1.A2"}, {"P1"}) == (lost.ids("action"), lost.ids("priority"))

    def test_losing_an_outside_document(self):
        """An outside document puts at risk the elements tied to it."""
        plan = chain(Action(id="A1", text="Delivery of Youth Justice Plan."))
        assert {"A1", "P1"} == impact(plan, external_node("Youth Justice Plan")).ids(
            "action", "priority"
        )

    def test_unfunded_stream(self):
        """A stream that funds nothing puts nothing at stake."""
        lost = impact(funded_plan(), "PCT")
        assert ((), 0, ("(none)",)) == (lost.funding, len(lost), lost.funding_table().notes)

    def test_unknown_element(self):
        """An id that is no node is an UnknownElementError, a KeyError, with suggestions."""
        with pytest.raises(UnknownElementError) as caught:
            impact(funded_plan(), "P1.O1.A9")
        assert isinstance(caught.value, KeyError)
        assert "P1.O1.A1" in caught.value.suggestions

    @given(
        st.lists(
            st.tuples(st.integers(0, 9), st.integers(0, 9), st.sampled_from(list(Relation))),
            max_size=40,
        ),
        st.integers(0, 9),
    )
    def test_affected_are_the_descendants(self, edges, source):
        """What a loss puts at risk is exactly what lies downstream in the graph."""
        kinds = list(NodeKind)
        graph = nx.MultiDiGraph()
        for i in range(10):
            graph.add_node(f"N{i}", kind=kinds[i % len(kinds)])
        for u, v, relation in edges:
            graph.add_edge(f"N{u}", f"N{v}", relation=relation)
        lost = impact(graph, f"N{source}")
        assert nx.descendants(graph, f"N{source}") == lost.ids()
        assert all(a.path[0] == f"N{source}" for a in lost.affected)


class TestShared:
    def test_indicator_and_stream_shared(self):
        """NI 112 is targeted under two priorities, and ABG (with its part) funds both."""
        sharing = shared(funded_plan())
        expected = ([("NI 112", ("P1", "P2"))], [("ABG", ("P1", "P2"))])
        assert expected == (
            [(s.element.id, s.priority_ids) for s in sharing.indicators],
            [(s.element.id, s.priority_ids) for s in sharing.streams],
        )

    def test_objectives_are_listed(self):
        """The objectives among the sharers are listed."""
        assert ("P1.O1",) == shared(funded_plan()).indicators[0].objective_ids

    def test_threshold(self):
        """With a threshold of three priorities nothing is shared."""
        sharing = shared(funded_plan(), min_priorities=3)
        assert ((), ()) == (sharing.indicators, sharing.streams)

    def test_national_indicator_across_plans(self):
        """In a portfolio, a National Indicator gathers the priorities of every plan."""
        from ecm_plan import build_portfolio_graph  # noqa: PLC0415

        one = funded_plan()
        other = attrs.evolve(one, id="other")
        graph = build_portfolio_graph([one, other])
        national = shared(graph, min_priorities=4).indicators
        assert [("NIS:NI 112", 4)] == [(s.element.id, len(s.priorities)) for s in national]

    def test_empty_plan(self):
        """An empty plan shares nothing."""
        assert ("(none)",) == shared(make_plan()).to_table().notes


class TestConcentration:
    def test_ranking(self):
        """Leads are ranked by the actions they carry."""
        expected = [("Boss", 3, 2, ("P1", "P2")), ("Nurse", 2, 1, ("P1",))]
        assert expected == [
            (load.lead.id, load.actions, load.sole, tuple(p.id for p in load.priorities))
            for load in concentration(funded_plan()).leads
        ]

    def test_single_point_of_failure(self):
        """Boss alone leads P2's actions; P1's have two leads between them."""
        assert [("Boss", ("P2",))] == [
            (load.lead.id, tuple(p.id for p in load.cut_off))
            for load in concentration(funded_plan()).single_points_of_failure
        ]

    def test_top(self):
        """top keeps the first leads of the ranking."""
        assert ["Boss"] == [load.lead.id for load in concentration(funded_plan(), top=1).leads]

    def test_empty_plan(self):
        """An empty plan has no leads to rank."""
        assert () == concentration(make_plan()).leads


class TestDependencyFindings:
    def test_everything_in_one_list(self):
        """Cycles, conflicts and unresolved references come in one sorted list."""
        plan = make_plan(
            Priority(
                id="P1",
                title="t",
                actions=[
                    Action(id="A1", text="a", depends_on=["A2"]),
                    Action(id="A2", text="b", depends_on=["A1"]),
                    Action(id="A3", text="c", due=Due("March 2010")),
                    Action(id="A4", text="d", due=Due("2009"), depends_on=["A3"]),
                    Action(id="A5", text="see objective 9.9"),
                ],
            )
        )
        expected = [("DEP001", "A1"), ("DEP002", "A4"), ("DEP004", "A5")]
        assert expected == [(f.code, f.subject) for f in dependency_findings(plan)]

    def test_findings_have_paths(self):
        """Each finding says where its element is in the plan file."""
        (finding,) = dependency_findings(load_bundled("sample"))
        assert ("priorities[0].objectives[0].actions[1]", "sample") == (finding.path, finding.plan)

    def test_empty_plan(self):
        """An empty plan has no findings."""
        assert [] == dependency_findings(make_plan())


class TestDependencyTables:
    def test_titles(self):
        """The section has one table per analysis."""
        expected = [
            "Dependencies",
            "Order of work",
            "Deadline conflicts",
            "Critical path",
            "Shared across priorities",
            "Leads by actions carried",
        ]
        assert expected == [t.title for t in dependency_tables(load_bundled("sample"))]

    def test_cycles_replace_the_order(self):
        """With a cycle, the cycles are listed where the order of work would be."""
        assert "Dependency cycles" == dependency_tables(cyclic_plan())[1].title
