"""Tests for check, its configuration (RuleSet, severities, unknown codes) and the rule registry."""

from __future__ import annotations

import pickle

import attrs
import pytest
from coverage_plans import PERIOD, make_action, make_plan, make_priority, with_action

from ecm_plan.coverage import (
    RuleConfigError,
    RuleSet,
    UnknownRuleError,
    all_rules,
    check,
    outcome_matrix,
    rule,
    rules_table,
    summary,
)
from ecm_plan.coverage._facts import Facts
from ecm_plan.exceptions import AnalysisError, PlanError
from ecm_plan.findings import Severity
from ecm_plan.graph import RELATION, Relation, build_graph, build_portfolio_graph
from ecm_plan.model import Plan

# -- the clean plan ---------------------------------------------------------------------------


class TestCleanPlan:
    """The helper plan keeps every rule."""

    def test_no_findings(self):
        """The clean plan has no findings at all."""
        assert () == check(make_plan())


# -- check and its configuration ------------------------------------------------------------


class TestCheck:
    """check() runs rules and returns sorted, located findings."""

    def test_returns_sorted_tuple(self):
        """Findings come back as a tuple, most severe first."""
        plan = make_plan(priorities=[make_priority(leads=[], outcomes=["be_healthy"])])
        result = check(plan)
        assert isinstance(result, tuple)
        assert sorted(result) == list(result)
        assert Severity.WARNING == result[0].severity

    def test_findings_carry_plan_and_path(self):
        """Each finding names the plan and the element's key path."""
        plan = with_action(make_action(leads=[]))
        (finding,) = check(plan, ["ECM301"])
        assert ("test", "priorities[0].objectives[0].actions[0]") == (finding.plan, finding.path)

    def test_only_the_rules_given(self):
        """Codes or slugs given as rules run those rules only."""
        plan = make_plan(priorities=[make_priority(leads=[], outcomes=["be_healthy"])])
        assert {"ECM202"} == {f.code for f in check(plan, ["priority-without-lead"])}

    def test_one_code_as_a_string(self):
        """A single code given as a string is one rule, not its characters."""
        plan = make_plan(priorities=[make_priority(leads=[])])
        assert ["ECM202"] == [f.code for f in check(plan, "ECM202")]

    def test_disable(self):
        """Disabled rules give no findings; the others are unchanged."""
        plan = make_plan(priorities=[make_priority(leads=[], outcomes=["be_healthy"])])
        every = check(plan)
        without = check(plan, disable=["ECM101"])
        assert [f for f in every if f.code != "ECM101"] == list(without)

    def test_severity_override(self):
        """A severity override changes the severity of that rule's findings only."""
        plan = make_plan(priorities=[make_priority(leads=[], outcomes=["be_healthy"])])
        result = check(plan, severity={"ECM202": "error", "outcome-not-served": Severity.INFO})
        assert {Severity.ERROR} == {f.severity for f in result if f.code == "ECM202"}
        assert {Severity.INFO} == {f.severity for f in result if f.code == "ECM101"}
        assert "ECM202" == result[0].code

    def test_ruleset(self):
        """A RuleSet decides which rules run and at what severity."""
        plan = make_plan(priorities=[make_priority(leads=[], outcomes=["be_healthy"])])
        ruleset = RuleSet.only("ECM202", "ECM101").with_severity({"ECM101": "error"})
        result = check(plan, ruleset)
        assert ["ECM101"] * 4 + ["ECM202"] == [f.code for f in result]

    def test_unknown_code_in_disable(self):
        """An unknown code raises UnknownRuleError, suggesting near codes."""
        with pytest.raises(UnknownRuleError, match="did you mean ECM301"):
            check(make_plan(), disable=["ECM31"])

    def test_unknown_code_in_rules(self):
        """An unknown code among the rules raises too."""
        with pytest.raises(UnknownRuleError):
            check(make_plan(), ["ECM101", "no-such-rule"])

    def test_unknown_code_in_severity(self):
        """An unknown code among the severities raises too."""
        with pytest.raises(UnknownRuleError):
            check(make_plan(), severity={"ECM777": "info"})

    def test_bad_severity(self):
        """A severity that is not one raises RuleConfigError."""
        with pytest.raises(RuleConfigError, match="'fatal' is not a severity"):
            check(make_plan(), severity={"ECM101": "fatal"})

    def test_empty_plan(self):
        """A plan with nothing in it gets one finding, ECM001, and no failure."""
        plan = Plan(id="empty", authority="A", title="T", period=PERIOD)
        assert ["ECM001"] == [f.code for f in check(plan)]

    @pytest.mark.parametrize("function", [check, summary, outcome_matrix])
    def test_not_a_plan(self, function):
        """Something that is not a plan is refused with a TypeError naming the function."""
        with pytest.raises(TypeError, match=r"plan must be a Plan \(\w+\), not str"):
            function("not a plan")


class TestUnknownRuleError:
    """UnknownRuleError is a PlanError, a KeyError and a ValueError, with suggestions."""

    def test_hierarchy(self):
        """It can be caught as any of its bases."""
        err = UnknownRuleError("ECM1", ("ECM101",))
        assert isinstance(err, PlanError)
        assert isinstance(err, KeyError)
        assert isinstance(err, ValueError)

    def test_message(self):
        """The message names the code and the suggestions."""
        assert "unknown coverage rule 'ECM1'; did you mean ECM101?" == str(
            UnknownRuleError("ECM1", ("ECM101",))
        )

    def test_pickles(self):
        """It survives pickling with its facts."""
        err = pickle.loads(pickle.dumps(UnknownRuleError("ECM1", ("ECM101",))))  # noqa: S301 (our own bytes)
        assert ("ECM1", ("ECM101",)) == (err.code, err.suggestions)

    def test_name_suggestion(self):
        """A misspelt slug suggests the rule it is near."""
        with pytest.raises(UnknownRuleError) as info:
            rule("action-without-lede")
        assert "ECM301" in info.value.suggestions


class TestRule:
    """rule() finds a rule by code or slug."""

    def test_by_code(self):
        """A code finds its rule."""
        assert "outcome-not-served" == rule("ECM101").name

    def test_by_lower_case_code(self):
        """A code in any case finds its rule."""
        assert "ECM101" == rule("ecm101").code

    def test_by_slug(self):
        """A slug finds its rule."""
        assert "ECM306" == rule("milestones-missing-quarter").code

    def test_not_a_string(self):
        """A rule is named by a string."""
        with pytest.raises(TypeError):
            rule(101)  # type: ignore[arg-type]  # the wrong kind of input, on purpose


class TestRules:
    """rules() is the registry: unique codes and slugs, docs for each."""

    def test_codes_unique_and_sorted(self):
        """Codes are unique and in order."""
        codes = [r.code for r in all_rules()]
        assert sorted(set(codes)) == codes

    def test_slugs_unique(self):
        """Slugs are unique."""
        names = [r.name for r in all_rules()]
        assert len(set(names)) == len(names)

    def test_every_rule_documented(self):
        """Every rule says what it checks, why it matters and how to fix it."""
        assert all(r.title and r.checks and r.why and r.fix for r in all_rules())

    def test_table(self):
        """rules_table has one row per rule."""
        assert [r.code for r in all_rules()] == [row[0] for row in rules_table().rows]


class TestRuleSet:
    """RuleSet: which rules run, and at what severity."""

    def test_default_runs_everything(self):
        """By default every rule runs at its own severity."""
        ruleset = RuleSet()
        assert all_rules() == ruleset.enabled_rules
        assert Severity.ERROR == ruleset.severity_of("ECM601")

    def test_disable_and_enable(self):
        """disable and enable give new rule sets."""
        ruleset = RuleSet().disable("ECM101", "aim-not-served")
        assert ("ECM101" in ruleset, "ECM102" in ruleset) == (False, False)
        assert "ECM101" in ruleset.enable("ECM101")

    def test_is_frozen_and_hashable(self):
        """A rule set is a value."""
        assert hash(RuleSet().disable("ECM101")) == hash(RuleSet().disable("outcome-not-served"))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            RuleSet().enabled = frozenset()  # type: ignore[misc]  # assigning to a frozen class, on purpose

    def test_with_severity_merges(self):
        """Later severities override earlier ones; others stay."""
        ruleset = (
            RuleSet()
            .with_severity({"ECM101": "info"})
            .with_severity({"ECM101": "error", "ECM202": "info"})
        )
        assert (Severity.ERROR, Severity.INFO) == (
            ruleset.severity_of("ECM101"),
            ruleset.severity_of("ECM202"),
        )

    def test_unknown_code(self):
        """An unknown code raises when the rule set is made."""
        with pytest.raises(UnknownRuleError):
            RuleSet.only("ECM000")

    def test_contains_non_string(self):
        """Membership of a non-string is False."""
        assert 101 not in RuleSet()


class TestGraphGiven:
    """With the plan's graph, the outcomes priorities reach are read from its edges."""

    @staticmethod
    def plan() -> Plan:
        """A service priority, and organisational ones supporting it and each other."""
        org = make_priority("P2", kind="organisational", outcomes=[], supports=["P1", "P3"])
        other = make_priority("P3", kind="organisational", outcomes=["stay_safe"], supports=["P2"])
        return make_plan(priorities=[make_priority(), org, other])

    def test_same_findings(self):
        """check, summary and the matrix give the same results with the graph as without."""
        plan = self.plan()
        graph = build_graph(plan)
        assert check(plan) == check(plan, graph=graph)
        assert summary(plan) == summary(plan, graph=graph)
        assert outcome_matrix(plan) == outcome_matrix(plan, graph=graph)

    def test_same_reach_through_a_support_cycle(self):
        """The walk over the graph's edges reaches what the walk over the model does."""
        plan = self.plan()
        assert Facts(plan).reach == Facts(plan, build_graph(plan)).reach

    def test_reads_the_graph(self):
        """The supports edges of the graph decide: without them, P2 reaches nothing."""
        plan = make_plan(
            priorities=[
                make_priority(),
                make_priority("P2", kind="organisational", outcomes=[], supports=["P1"]),
            ]
        )
        graph = build_graph(plan)
        assert [] == [f.subject for f in check(plan, ["ECM103"], graph=graph)]
        graph.remove_edges_from(
            [
                (u, v, k)
                for u, v, k, r in graph.edges(keys=True, data=RELATION)
                if r is Relation.SUPPORTS
            ]
        )
        assert ["P2"] == [f.subject for f in check(plan, ["ECM103"], graph=graph)]

    @pytest.mark.parametrize("function", [check, summary, outcome_matrix])
    def test_graph_of_another_plan(self, function):
        """A graph of another plan, or of a portfolio, is refused."""
        plan = make_plan()
        other = attrs.evolve(plan, id="other")
        with pytest.raises(AnalysisError, match="not the graph of plan 'test'"):
            function(plan, graph=build_graph(other))
        with pytest.raises(AnalysisError, match="pass build_graph"):
            function(plan, graph=build_portfolio_graph([plan]))

    def test_not_a_graph(self):
        """Something other than a graph is a TypeError."""
        with pytest.raises(TypeError, match="graph must be the plan's graph from build_graph"):
            check(make_plan(), graph={"plans": ("test",)})


def test_checked_graph_freed_without_collector():
    """A plan's graph dropped after its check is freed at once: the check leaves no cycle on it."""
    import gc  # noqa: PLC0415 (only this test pauses the collector)
    import weakref  # noqa: PLC0415 (as above)

    from ecm_plan import build_graph, load_bundled  # noqa: PLC0415 (as above)
    from ecm_plan.coverage import check  # noqa: PLC0415 (as above)

    plan = load_bundled("wigan-2009-12")
    graph = build_graph(plan)
    check(plan, graph=graph)
    watched = weakref.ref(graph)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del graph
        assert watched() is None
    finally:
        if enabled:
            gc.enable()
