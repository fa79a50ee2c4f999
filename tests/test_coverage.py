"""Tests for ecm_plan.coverage: every rule both ways, the configuration, matrix, summary,
portfolio, and properties over generated plans.

Each rule is tested on a plan that breaks it and on plans that keep it. The plans are built
from :func:`make_plan`, a small plan that keeps every rule (it has no findings at all), changed
in one place per test.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecm_plan import coverage
from ecm_plan.coverage import (
    CoverageSummary,
    Link,
    RuleConfigError,
    RuleSet,
    UnknownRuleError,
    check,
    outcome_matrix,
    portfolio,
    rule,
    rules,
    rules_table,
    summary,
)
from ecm_plan.exceptions import AnalysisError, PlanError
from ecm_plan.findings import Finding, Severity
from ecm_plan.model import (
    Action,
    Allocation,
    Due,
    FundingStream,
    Indicator,
    Lead,
    Milestone,
    Money,
    Objective,
    Observation,
    OutcomeKey,
    OutcomeLink,
    Plan,
    Priority,
    Target,
    Value,
)
from ecm_plan.periods import Period
from ecm_plan.testing import plans

RULES_PAGE = Path(__file__).parent.parent / "docs" / "explanation" / "coverage-rules.md"
BEGIN_RULES = "<!-- BEGIN GENERATED RULES"
END_RULES = "<!-- END GENERATED RULES -->"

# -- a plan that keeps every rule ---------------------------------------------------------

PERIOD = Period.span(Period.financial_year(2009), Period.financial_year(2011))
YEARS = (Period.financial_year(2009), Period.financial_year(2010), Period.financial_year(2011))
ALL_OUTCOMES = tuple(k.value for k in OutcomeKey)


def make_target(target_id: str = "P1.O1.A1.T1", **changes: Any) -> Target:
    """A measurable target on NI 112 with a value for each year of the plan."""
    fields: dict[str, Any] = {
        "id": target_id,
        "text": "Under 18 conception rate reduced",
        "kind": "measurable",
        "indicator": "NI 112",
        "comparator": "change_from_baseline",
        "values": {YEARS[0]: Value("-16%"), YEARS[1]: Value("-33%"), YEARS[2]: Value("-50%")},
    }
    fields.update(changes)
    return Target(**fields)


def quarterly(year: int = 2009) -> tuple[Milestone, ...]:
    """One milestone in each quarter of a financial year."""
    return tuple(Milestone(f"Step {n}", Period.quarter(year, n), f"Q{n}") for n in range(1, 5))


def make_action(action_id: str = "P1.O1.A1", **changes: Any) -> Action:
    """An action with a lead, a due date inside the plan, four quarterly milestones, funding
    and a measurable target."""
    fields: dict[str, Any] = {
        "id": action_id,
        "text": "Open a sexual health clinic in each locality",
        "leads": ["L1"],
        "due": Due("March 2010"),
        "milestones": quarterly(),
        "funding": [Allocation(stream="ABG", amount=Money("£10k"))],
        "targets": [make_target(f"{action_id}.T1")],
    }
    fields.update(changes)
    return Action(**fields)


def make_objective(objective_id: str = "P1.O1", **changes: Any) -> Objective:
    """An objective with a lead, funding and one action."""
    fields: dict[str, Any] = {
        "id": objective_id,
        "title": "Targeted sexual health services",
        "code": "1.1",
        "leads": ["L1"],
        "funding": [Allocation(stream="ABG", amount=Money("£175k"))],
        "actions": [make_action(f"{objective_id}.A1")],
    }
    fields.update(changes)
    return Objective(**fields)


def make_priority(priority_id: str = "P1", **changes: Any) -> Priority:
    """A service priority linked to all five outcomes, with a lead and one objective."""
    fields: dict[str, Any] = {
        "id": priority_id,
        "title": "Reduce teenage pregnancy",
        "code": f"Priority {priority_id[1:]}",
        "leads": ["L1"],
        "outcomes": ALL_OUTCOMES,
        "objectives": [make_objective(f"{priority_id}.O1")],
    }
    fields.update(changes)
    return Priority(**fields)


def make_indicator(indicator_id: str = "NI 112", **changes: Any) -> Indicator:
    """NI 112 with its catalogue title, an actual (the baseline) and no targets table."""
    fields: dict[str, Any] = {
        "id": indicator_id,
        "title": "Under 18 conception rate",
        "unit": "percent",
        "actuals": {Period.financial_year(2008): Value("+0.58%")},
    }
    fields.update(changes)
    return Indicator(**fields)


def make_plan(**changes: Any) -> Plan:
    """A small plan that keeps every coverage rule."""
    fields: dict[str, Any] = {
        "id": "test",
        "authority": "Anytown",
        "title": "Test plan",
        "period": PERIOD,
        "vision": ["Every child healthy"],
        "leads": [Lead(id="L1", name="Head of Service")],
        "funding_streams": [FundingStream(id="ABG", name="Area Based Grant")],
        "indicators": [make_indicator()],
        "priorities": [make_priority()],
    }
    fields.update(changes)
    return Plan(**fields)


def found(plan: Plan, code: str) -> list[tuple[str, str]]:
    """(subject, message) of the findings of one rule."""
    return [(f.subject, f.message) for f in check(plan, [code])]


def subjects(plan: Plan, code: str) -> list[str]:
    """The subjects of the findings of one rule, in finding order."""
    return [f.subject for f in check(plan, [code])]


def with_action(plan_action: Action, **plan_changes: Any) -> Plan:
    """The clean plan with its one action replaced."""
    return make_plan(
        priorities=[make_priority(objectives=[make_objective(actions=[plan_action])])],
        **plan_changes,
    )


def with_target(target: Target, **plan_changes: Any) -> Plan:
    """The clean plan with its one target replaced."""
    return with_action(make_action(targets=[target]), **plan_changes)


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
        with pytest.raises(TypeError, match=r"\(\) takes a Plan, not str"):
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
            rule(101)  # type: ignore[arg-type]


class TestRules:
    """rules() is the registry: unique codes and slugs, docs for each."""

    def test_codes_unique_and_sorted(self):
        """Codes are unique and in order."""
        codes = [r.code for r in rules()]
        assert sorted(set(codes)) == codes

    def test_slugs_unique(self):
        """Slugs are unique."""
        names = [r.name for r in rules()]
        assert len(set(names)) == len(names)

    def test_every_rule_documented(self):
        """Every rule says what it checks, why it matters and how to fix it."""
        assert all(r.title and r.checks and r.why and r.fix for r in rules())

    def test_table(self):
        """rules_table has one row per rule."""
        assert [r.code for r in rules()] == [row[0] for row in rules_table().rows]

    def test_docs_list_every_rule(self):
        """The explanation page holds the generated rule list, so it lists every rule.

        With ``ECM_PLAN_REGEN_GOLDEN=1`` the list on the page is rewritten instead.
        """
        generated = coverage._rules_markdown()
        text = RULES_PAGE.read_text(encoding="utf-8")
        head, rest = text.split(BEGIN_RULES, 1)
        start = rest.index("\n") + 1
        if os.environ.get("ECM_PLAN_REGEN_GOLDEN") == "1":
            tail = rest.split(END_RULES, 1)[1]
            rest = f"{rest[:start]}{generated}{END_RULES}{tail}"
            RULES_PAGE.write_text(f"{head}{BEGIN_RULES}{rest}", encoding="utf-8")
        assert generated == rest[start : rest.index(END_RULES)]
        for r in rules():
            assert f"### {r.code} `{r.name}`" in text


class TestRuleSet:
    """RuleSet: which rules run, and at what severity."""

    def test_default_runs_everything(self):
        """By default every rule runs at its own severity."""
        ruleset = RuleSet()
        assert rules() == ruleset.rules
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
            RuleSet().enabled = frozenset()  # type: ignore[misc]

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


# -- ECM0xx: the plan as a whole ----------------------------------------------------------------


class TestECM001PlanWithoutPriorities:
    """ECM001: a plan with no priorities is said once, plainly."""

    def test_breaks(self):
        """A vision-only plan gets one finding saying it holds a vision and no priorities."""
        plan = make_plan(priorities=[], indicators=[])
        (finding,) = check(plan)
        assert ("ECM001", "test", "priorities") == (finding.code, finding.subject, finding.path)
        assert finding.message.startswith("The document holds a vision, but no priorities")

    def test_keeps(self):
        """A plan with priorities keeps the rule."""
        assert [] == found(make_plan(), "ECM001")


class TestECM002PlanWithoutLeads:
    """ECM002: a plan that names no lead anywhere is said once."""

    def test_breaks(self):
        """No leads anywhere: one ECM002, and no per-priority or per-action findings."""
        plan = make_plan(
            priorities=[
                make_priority(
                    leads=[],
                    objectives=[make_objective(leads=[], actions=[make_action(leads=[])])],
                )
            ]
        )
        assert ["ECM002"] == [f.code for f in check(plan, ["ECM002", "ECM202", "ECM301"])]

    def test_keeps(self):
        """One lead anywhere keeps the rule, and the per-element rules run."""
        plan = make_plan(priorities=[make_priority(leads=[])])
        assert ["ECM202"] == [f.code for f in check(plan, ["ECM002", "ECM202", "ECM301"])]


class TestECM003PlanWithoutFunding:
    """ECM003: a plan that allocates no funding is said once."""

    def test_breaks(self):
        """No allocations: one ECM003 naming the unused stream, no ECM501 or ECM502."""
        plan = with_action(make_action(funding=[]))
        plan = attrs.evolve(
            plan,
            priorities=[
                attrs.evolve(
                    plan.priorities[0],
                    objectives=[attrs.evolve(plan.priorities[0].objectives[0], funding=[])],
                )
            ],
        )
        result = check(plan, ["ECM003", "ECM501", "ECM502"])
        assert [("ECM003", "test")] == [(f.code, f.subject) for f in result]
        assert "names 1 funding stream but allocates none" in result[0].message

    def test_keeps(self):
        """Any allocation keeps the rule."""
        assert [] == found(make_plan(), "ECM003")


class TestECM004PlanWithoutBaselines:
    """ECM004: a plan whose measurable targets have no baselines at all is said once."""

    def test_breaks(self):
        """No baseline anywhere: one ECM004, no ECM402."""
        plan = make_plan(indicators=[make_indicator(actuals={})])
        result = check(plan, ["ECM004", "ECM402"])
        assert [("ECM004", "None of the plan's 1 measurable target has a baseline.")] == [
            (f.code, f.message) for f in result
        ]

    def test_keeps(self):
        """A baseline anywhere keeps the rule."""
        assert [] == found(make_plan(), "ECM004")

    def test_no_measurable_targets(self):
        """A plan with no measurable targets is not reported."""
        plan = with_action(make_action(targets=[Target(id="T", text="Framework in place")]))
        assert [] == found(plan, "ECM004")


# -- ECM1xx: outcomes and aims ------------------------------------------------------------------


class TestECM101OutcomeNotServed:
    """ECM101: an outcome no priority serves."""

    def test_breaks(self):
        """Each unserved outcome is a finding, by key."""
        plan = make_plan(priorities=[make_priority(outcomes=["be_healthy", "stay_safe"])])
        assert ["economic_wellbeing", "enjoy_and_achieve", "positive_contribution"] == subjects(
            plan, "ECM101"
        )

    def test_message(self):
        """The message names the outcome as the framework words it."""
        plan = make_plan(priorities=[make_priority(outcomes=ALL_OUTCOMES[:4])])
        assert [
            ("economic_wellbeing", "No priority serves the outcome 'Achieve economic well-being'.")
        ] == found(plan, "ECM101")

    def test_inferred_link_serves(self):
        """An inferred link counts as serving."""
        links = [OutcomeLink(k, inferred=True) for k in ALL_OUTCOMES]
        assert [] == found(make_plan(priorities=[make_priority(outcomes=links)]), "ECM101")

    def test_keeps(self):
        """All outcomes served keeps the rule."""
        assert [] == found(make_plan(), "ECM101")

    def test_silent_without_priorities(self):
        """A plan with no priorities gets ECM001, not five ECM101."""
        assert [] == found(make_plan(priorities=[], indicators=[]), "ECM101")


class TestECM102AimNotServed:
    """ECM102: aims of a served outcome that no priority names (information)."""

    def test_breaks(self):
        """Naming aims 1 and 2 of Be healthy leaves aims 3-5 reported, at info."""
        links = [OutcomeLink("be_healthy", aims=(1, 2)), *ALL_OUTCOMES[1:]]
        plan = make_plan(priorities=[make_priority(outcomes=links)])
        result = check(plan, ["ECM102"])
        assert ["be_healthy.3", "be_healthy.4", "be_healthy.5"] == [f.subject for f in result]
        assert {Severity.INFO} == {f.severity for f in result}

    def test_whole_outcome_link_covers_aims(self):
        """A link to the whole outcome counts for each of its aims."""
        links = [OutcomeLink("be_healthy", aims=(1,)), *ALL_OUTCOMES]
        assert [] == found(make_plan(priorities=[make_priority(outcomes=links)]), "ECM102")

    def test_unserved_outcome_not_repeated_by_aim(self):
        """Aims of an unserved outcome are left to ECM101."""
        plan = make_plan(priorities=[make_priority(outcomes=["be_healthy"])])
        assert [] == found(plan, "ECM102")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM102")


class TestECM103PriorityReachesNoOutcome:
    """ECM103: a priority that reaches no outcome."""

    def test_breaks(self):
        """A service priority with no outcome links is reported."""
        plan = make_plan(priorities=[make_priority(), make_priority("P2", outcomes=[])])
        assert ["P2"] == subjects(plan, "ECM103")

    def test_organisational_through_supports(self):
        """An organisational priority reaches outcomes through what it supports."""
        org = make_priority("P2", kind="organisational", outcomes=[], supports=["P1"])
        assert [] == found(make_plan(priorities=[make_priority(), org]), "ECM103")

    def test_organisational_supporting_unlinked(self):
        """Supporting only priorities that reach nothing reaches nothing."""
        org = make_priority("P3", kind="organisational", outcomes=[], supports=["P2"])
        plan = make_plan(priorities=[make_priority(), make_priority("P2", outcomes=[]), org])
        result = found(plan, "ECM103")
        assert ["P2", "P3"] == [s for s, _ in result]
        assert "supports no priority that does" in result[1][1]

    def test_support_cycle_terminates(self):
        """Organisational priorities supporting each other do not loop."""
        a = make_priority("P2", kind="organisational", outcomes=[], supports=["P3"])
        b = make_priority("P3", kind="organisational", outcomes=[], supports=["P2"])
        plan = make_plan(priorities=[make_priority(), a, b])
        assert ["P2", "P3"] == subjects(plan, "ECM103")

    def test_organisational_without_supports_left_to_ecm204(self):
        """An organisational priority that supports nothing is reported by ECM204 only."""
        org = make_priority("P2", kind="organisational", outcomes=[])
        assert [] == found(make_plan(priorities=[make_priority(), org]), "ECM103")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM103")


# -- ECM2xx: priorities and objectives ----------------------------------------------------------


class TestECM201PriorityWithoutWork:
    """ECM201: a priority with no objectives and no actions."""

    def test_breaks(self):
        """A priority with nothing under it is reported."""
        plan = make_plan(priorities=[make_priority(), make_priority("P2", objectives=[])])
        assert ["P2"] == subjects(plan, "ECM201")

    def test_actions_without_objectives_keep(self):
        """Actions hung directly off the priority (Stockton's shape) keep the rule."""
        priority = make_priority(objectives=[], actions=[make_action("P1.A1")])
        assert [] == found(make_plan(priorities=[priority]), "ECM201")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM201")


class TestECM202PriorityWithoutLead:
    """ECM202: a priority with no lead."""

    def test_breaks(self):
        """A priority with no lead is reported, with its code in the message."""
        plan = make_plan(priorities=[make_priority(leads=[])])
        assert [("P1", "Priority P1 (Priority 1) 'Reduce teenage pregnancy' has no lead.")] == (
            found(plan, "ECM202")
        )

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM202")


class TestECM203PriorityWithoutMeasurableTarget:
    """ECM203: a priority with no measurable target anywhere under it."""

    def test_breaks(self):
        """Only qualitative targets: reported."""
        plan = with_action(make_action(targets=[Target(id="T", text="Framework in place")]))
        assert ["P1"] == subjects(plan, "ECM203")

    def test_priority_level_target_keeps(self):
        """A measurable target on the priority itself keeps the rule."""
        priority = make_priority(
            targets=[make_target("P1.T1")],
            objectives=[make_objective(actions=[make_action(targets=[])])],
        )
        assert [] == found(make_plan(priorities=[priority]), "ECM203")

    def test_objective_level_target_keeps(self):
        """A measurable target on an objective keeps the rule."""
        objective = make_objective(
            targets=[make_target("P1.O1.T1")], actions=[make_action(targets=[])]
        )
        priority = make_priority(objectives=[objective])
        assert [] == found(make_plan(priorities=[priority]), "ECM203")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM203")


class TestECM204OrganisationalSupportsNothing:
    """ECM204: an organisational priority that supports no service priority."""

    def test_breaks(self):
        """No supports: reported."""
        org = make_priority("P2", kind="organisational")
        assert ["P2"] == subjects(make_plan(priorities=[make_priority(), org]), "ECM204")

    def test_supports_only_organisational(self):
        """Supporting only another organisational priority is reported, saying so."""
        first = make_priority("P2", kind="organisational", supports=["P1"])
        second = make_priority("P3", kind="organisational", supports=["P2"])
        result = found(make_plan(priorities=[make_priority(), first, second]), "ECM204")
        assert ["P3"] == [s for s, _ in result]
        assert "supports only organisational priorities" in result[0][1]

    def test_keeps(self):
        """Supporting a service priority keeps the rule."""
        org = make_priority("P2", kind="organisational", supports=["P1"])
        assert [] == found(make_plan(priorities=[make_priority(), org]), "ECM204")


class TestECM205ObjectiveWithoutActions:
    """ECM205: an objective with no actions (information)."""

    def test_breaks(self):
        """An objective with no actions is reported at info."""
        priority = make_priority(objectives=[make_objective(), make_objective("P1.O2", actions=[])])
        result = check(make_plan(priorities=[priority]), ["ECM205"])
        assert [("P1.O2", Severity.INFO)] == [(f.subject, f.severity) for f in result]

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM205")


# -- ECM3xx: actions and milestones ------------------------------------------------------------


class TestECM301ActionWithoutLead:
    """ECM301: an action with no lead."""

    def test_breaks(self):
        """An action with no lead is reported; the message names its objective's lead."""
        plan = with_action(make_action(leads=[]))
        ((subject, message),) = found(plan, "ECM301")
        assert "P1.O1.A1" == subject
        assert message.endswith("has no lead; its objective P1.O1 is led by L1.")

    def test_priority_lead_named(self):
        """With no objective lead, the priority's lead is named."""
        action = make_action("P1.A1", leads=[])
        plan = make_plan(priorities=[make_priority(objectives=[], actions=[action])])
        assert found(plan, "ECM301")[0][1].endswith("its priority P1 is led by L1.")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM301")


class TestECM302ActionWithoutDue:
    """ECM302: an action with no due period."""

    @pytest.mark.parametrize("due", [None, Due(""), Due("Apply for pilot")])
    def test_breaks(self, due):
        """No due, an empty cell, or text naming no time: reported."""
        plan = with_action(make_action(due=due, milestones=[]))
        assert ["P1.O1.A1"] == subjects(plan, "ECM302")

    def test_dated_milestones_are_a_timetable(self):
        """An action dated by its milestones (Wigan's delivery plan) has a timetable."""
        assert [] == found(with_action(make_action(due=None)), "ECM302")

    def test_objective_milestones_are_a_timetable(self):
        """Dated milestones the objective's actions share time the actions too."""
        objective = make_objective(
            milestones=quarterly(), actions=[make_action(due=None, milestones=[])]
        )
        assert [] == found(make_plan(priorities=[make_priority(objectives=[objective])]), "ECM302")

    def test_undated_milestones_are_not(self):
        """Milestones with no period do not date the action."""
        plan = with_action(make_action(due=None, milestones=[Milestone("Start")]))
        assert ["P1.O1.A1"] == subjects(plan, "ECM302")

    @pytest.mark.parametrize("due", ["Annual review of Plan", "In line with National timetable"])
    def test_undated_timing_left_to_ecm303(self, due):
        """Recurring and external timings are ECM303's, not a miss."""
        assert [] == found(with_action(make_action(due=Due(due))), "ECM302")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM302")


class TestECM303ActionDueUndated:
    """ECM303: recurring or external timings, listed as information."""

    def test_recurring(self):
        """A recurring timing is listed at info."""
        result = check(with_action(make_action(due=Due("Annual review of Plan"))), ["ECM303"])
        assert [("P1.O1.A1", Severity.INFO)] == [(f.subject, f.severity) for f in result]
        assert "recurring, not a date" in result[0].message

    def test_external(self):
        """A timing set elsewhere is listed."""
        plan = with_action(make_action(due=Due("In line with National timetable")))
        assert "set elsewhere, not a date" in found(plan, "ECM303")[0][1]

    def test_keeps(self):
        """A dated action keeps the rule."""
        assert [] == found(make_plan(), "ECM303")


class TestECM304ActionDueOutsidePlan:
    """ECM304: a due period wholly outside the plan's period."""

    def test_before(self):
        """Due before the plan starts: reported as before."""
        plan = with_action(make_action(due=Due("October 2008")))
        assert "before the plan starts" in found(plan, "ECM304")[0][1]

    def test_after(self):
        """Due after the plan ends: reported as after."""
        plan = with_action(make_action(due=Due("May 2013")))
        assert "after it ends" in found(plan, "ECM304")[0][1]

    def test_from_after_the_plan(self):
        """Work starting after the plan ends is outside it."""
        assert ["P1.O1.A1"] == subjects(
            with_action(make_action(due=Due("From April 2013"))), "ECM304"
        )

    def test_ongoing_from_before_keeps(self):
        """Work ongoing from before the plan started is in the plan."""
        plan = with_action(make_action(due=Due("Ongoing from April 2007")))
        assert [] == found(plan, "ECM304") + found(plan, "ECM305")

    def test_by_the_month_after_the_plan(self):
        """'April 2012' in a plan ending 31 March 2012 reads as by the start of April: inside."""
        plan = with_action(make_action(due=Due("April 2012")))
        assert [] == found(plan, "ECM304") + found(plan, "ECM305")

    def test_two_months_after_the_plan(self):
        """'May 2012' in a plan ending 31 March 2012 is after it."""
        assert ["P1.O1.A1"] == subjects(with_action(make_action(due=Due("May 2012"))), "ECM304")

    def test_partial_overlap_is_not_outside(self):
        """A due period that overlaps the plan is ECM305's, not ECM304's."""
        assert [] == found(with_action(make_action(due=Due("2012"))), "ECM304")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM304")


class TestECM305ActionDuePartlyOutsidePlan:
    """ECM305: a due period that runs over the edge of the plan (information)."""

    def test_coarse_year_at_the_end(self):
        """'2012' in a plan ending March 2012 ends after the plan."""
        result = check(with_action(make_action(due=Due("2012"))), ["ECM305"])
        assert [("P1.O1.A1", Severity.INFO)] == [(f.subject, f.severity) for f in result]
        assert "(2012), which ends after the plan (2009-10 to 2011-12)" in result[0].message

    def test_programme_started_before(self):
        """A span starting before the plan starts before it."""
        plan = with_action(make_action(due=Due("3 year action plan (2008- 2011)")))
        assert "starts before the plan" in found(plan, "ECM305")[0][1]

    def test_several_periods_ending_at_the_edge(self):
        """'December 2011 April 2012': the later period is read as the plan's last day."""
        plan = with_action(make_action(due=Due("December 2011 April 2012")))
        assert [] == found(plan, "ECM305")

    def test_season_over_the_edge(self):
        """'Spring 2012' (March to May) runs over the end of a plan ending in March."""
        assert ["P1.O1.A1"] == subjects(with_action(make_action(due=Due("Spring 2012"))), "ECM305")

    def test_keeps(self):
        """A due period inside the plan keeps the rule."""
        assert [] == found(make_plan(), "ECM305")


class TestECM306MilestonesMissingQuarter:
    """ECM306: quarterly milestones that miss a quarter the plan uses."""

    def test_breaks(self):
        """Q1, Q2 and Q4 only: Q3 is reported."""
        milestones = [m for m in quarterly() if m.label != "Q3"]
        plan = with_action(make_action(milestones=milestones))
        assert [
            (
                "P1.O1.A1",
                (
                    "Action P1.O1.A1 'Open a sexual health clinic in each locality' "
                    "has no milestone for quarter 2009-10 Q3."
                ),
            )
        ] == found(plan, "ECM306")

    def test_each_year_used(self):
        """Milestones in two years must cover both years' quarters."""
        milestones = [*quarterly(2009), Milestone("Review", Period.quarter(2010, 2))]
        plan = with_action(make_action(milestones=milestones))
        assert found(plan, "ECM306")[0][1].endswith(
            "quarters 2010-11 Q1, 2010-11 Q3 and 2010-11 Q4."
        )

    def test_month_counts_for_its_quarter(self):
        """A milestone dated by month counts for the quarter it lies in."""
        milestones = [*quarterly()[1:], Milestone("Start", Period.month(2009, 6))]
        assert [] == found(with_action(make_action(milestones=milestones)), "ECM306")

    def test_span_counts_for_each_quarter(self):
        """A milestone over Q1 to Q3 ("Q1-3") counts for each of the three quarters."""
        span = Period.span(Period.quarter(2009, 1), Period.quarter(2009, 3))
        milestones = [Milestone("Pilot", span, "Q1-3"), quarterly()[3]]
        assert [] == found(with_action(make_action(milestones=milestones)), "ECM306")

    def test_span_does_not_cover_later_quarters(self):
        """A span over Q1 to Q2 leaves Q3 reported when nothing else dates it."""
        span = Period.span(Period.quarter(2009, 1), Period.quarter(2009, 2))
        milestones = [Milestone("Pilot", span, "Q1-2"), quarterly()[3]]
        result = found(with_action(make_action(milestones=milestones)), "ECM306")
        assert result[0][1].endswith("has no milestone for quarter 2009-10 Q3.")

    def test_undated_milestones(self):
        """Undated milestones in a plan that uses quarters are reported."""
        other = make_action("P1.O1.A2", milestones=[Milestone("Start"), Milestone("Finish")])
        plan = make_plan(
            priorities=[make_priority(objectives=[make_objective(actions=[make_action(), other])])]
        )
        assert [("P1.O1.A2")] == subjects(plan, "ECM306")
        assert "none is dated" in found(plan, "ECM306")[0][1]

    def test_objective_milestones(self):
        """Milestones an objective's actions share are checked on the objective."""
        shared = [m for m in quarterly() if m.label != "Q2"]
        objective = make_objective(milestones=shared, actions=[make_action(milestones=[])])
        plan = make_plan(priorities=[make_priority(objectives=[objective])])
        result = found(plan, "ECM306")
        assert ["P1.O1"] == [subject for subject, _ in result]
        assert result[0][1].startswith("Objective P1.O1 (1.1) 'Targeted sexual health services'")

    def test_plan_without_quarters_keeps(self):
        """A plan whose milestones are not dated by quarter is not checked."""
        milestones = [Milestone("Start", Period.month(2009, 6))]
        assert [] == found(with_action(make_action(milestones=milestones)), "ECM306")

    def test_action_without_milestones_keeps(self):
        """Actions without milestones are not checked."""
        other = make_action("P1.O1.A2", milestones=[])
        plan = make_plan(
            priorities=[make_priority(objectives=[make_objective(actions=[make_action(), other])])]
        )
        assert [] == found(plan, "ECM306")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM306")


# -- ECM4xx: targets and values -------------------------------------------------------------------


class TestECM401TargetWithoutIndicator:
    """ECM401: a measurable target with no indicator."""

    def test_breaks(self):
        """A measurable target naming no indicator is reported."""
        plan = with_target(make_target("P1.O1.A1.T1", indicator=None))
        assert [
            (
                "P1.O1.A1.T1",
                (
                    "Measurable target P1.O1.A1.T1 'Under 18 conception rate "
                    "reduced' names no indicator."
                ),
            )
        ] == found(plan, "ECM401")

    def test_qualitative_keeps(self):
        """A qualitative target needs no indicator."""
        assert [] == found(with_target(Target(id="T", text="Framework in place")), "ECM401")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM401")


class TestECM402TargetWithoutBaseline:
    """ECM402: a measurable target with no baseline."""

    @staticmethod
    def two_targets(second: Target) -> Plan:
        """A plan whose first target has a baseline (so the plan uses baselines)."""
        first = make_target("P1.O1.A1.T1", baseline=Observation(Value("10%")))
        plan = with_target(first, indicators=[make_indicator(actuals={})])
        action = attrs.evolve(plan.priorities[0].objectives[0].actions[0], targets=[first, second])
        return with_action(action, indicators=[make_indicator(actuals={})])

    def test_breaks(self):
        """A target whose indicator reports nothing is reported."""
        plan = self.two_targets(make_target("P1.O1.A1.T2"))
        assert ["P1.O1.A1.T2"] == subjects(plan, "ECM402")

    def test_indicator_actual_keeps(self):
        """An actual reported for the indicator serves as the baseline."""
        assert [] == found(make_plan(), "ECM402")

    def test_indicator_baseline_keeps(self):
        """The indicator's baseline serves."""
        indicator = make_indicator(actuals={}, baseline=Observation(Value("48.3 per 1,000")))
        assert [] == found(make_plan(indicators=[indicator]), "ECM402")

    def test_undetermined_target_left_to_ecm404(self):
        """A target with nothing but 'to be determined' is listed by ECM404 instead."""
        tbd = make_target("P1.O1.A1.T2", values={}, value=Value("target to be determined"))
        assert [] == found(self.two_targets(tbd), "ECM402")

    def test_named_without_figure(self):
        """A baseline named without its figure is reported as such."""
        named = make_target(
            "P1.O1.A1.T2", indicator=None, baseline=Observation(period=Period.calendar_year(1998))
        )
        result = found(self.two_targets(named), "ECM402")
        assert ["P1.O1.A1.T2"] == [subject for subject, _ in result]
        assert result[0][1].endswith("names its baseline but not its figure.")

    def test_no_indicator(self):
        """A target with neither indicator nor baseline is reported."""
        plan = self.two_targets(make_target("P1.O1.A1.T2", indicator=None))
        assert ["P1.O1.A1.T2"] == subjects(plan, "ECM402")


class TestECM403TargetMissingYear:
    """ECM403: target values that miss a year of the plan."""

    def test_indicator_table_missing_year(self):
        """An indicator's targets table without 2011-12 is reported on the indicator."""
        indicator = make_indicator(targets={YEARS[0]: Value("-16%"), YEARS[1]: Value("-33%")})
        plan = with_target(make_target(values={}, value=Value("-50%")), indicators=[indicator])
        assert [("NI 112", "Indicator NI 112 has no target value for 2011-12.")] == found(
            plan, "ECM403"
        )

    def test_table_and_target_values_together(self):
        """A year in the table or in a target citing it counts."""
        indicator = make_indicator(targets={YEARS[0]: Value("-16%"), YEARS[1]: Value("-33%")})
        plan = with_target(make_target(values={YEARS[2]: Value("-50%")}), indicators=[indicator])
        assert [] == found(plan, "ECM403")

    def test_target_without_indicator(self):
        """A target with values and no indicator is checked on its own."""
        target = make_target(indicator=None, values={YEARS[0]: Value("10%")})
        assert [
            (
                "P1.O1.A1.T1",
                (
                    "Target P1.O1.A1.T1 'Under 18 conception rate reduced' has no "
                    "value for 2010-11 and 2011-12."
                ),
            )
        ] == found(with_target(target), "ECM403")

    def test_not_applicable_counts(self):
        """'N/A' is a stated value for the year."""
        values = {YEARS[0]: Value("N/A"), YEARS[1]: Value("-33%"), YEARS[2]: Value("-50%")}
        assert [] == found(with_target(make_target(values=values)), "ECM403")

    def test_academic_year_counts_for_its_midpoint(self):
        """An academic-year value counts for the financial year holding its midpoint."""
        values = {
            Period.academic_year(2009): Value("60%"),
            YEARS[1]: Value("62%"),
            YEARS[2]: Value("64%"),
        }
        assert [] == found(with_target(make_target(values=values)), "ECM403")

    def test_span_counts_for_each_year(self):
        """A value for the whole plan period counts for every year."""
        assert [] == found(with_target(make_target(values={PERIOD: Value("90%")})), "ECM403")

    def test_end_target_not_checked(self):
        """A single value tied to no year is an end target, not checked."""
        assert [] == found(with_target(make_target(values={}, value=Value("-50%"))), "ECM403")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM403")


class TestECM404TargetUndetermined:
    """ECM404: targets still to be determined, listed."""

    def test_target(self):
        """A target to be determined is listed with its indicator."""
        target = make_target(values={}, value=Value("target to be determined"))
        assert [
            (
                "P1.O1.A1.T1",
                (
                    "Target P1.O1.A1.T1 (NI 112) 'Under 18 conception rate reduced' "
                    "is still to be determined: value (no period) 'target to be determined'."
                ),
            )
        ] == (found(with_target(target), "ECM404"))

    def test_indicator_table(self):
        """A 'to be determined' cell of an indicator's table is listed on the indicator."""
        indicator = make_indicator(targets={YEARS[2]: Value("TBC")})
        result = check(make_plan(indicators=[indicator]), ["ECM404"])
        assert [("NI 112", "indicators[0]")] == [(f.subject, f.path) for f in result]
        assert "target 2011-12 'TBC'" in result[0].message

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM404")


class TestECM405ValueProvisional:
    """ECM405: provisional figures, listed as information."""

    def test_breaks(self):
        """A provisional actual and a provisional target are listed together."""
        indicator = make_indicator(
            actuals={Period.financial_year(2008): Value("86% (prov.)")},
            targets={YEARS[0]: Value("88% (prov.)")},
        )
        result = check(make_plan(indicators=[indicator]), ["ECM405"])
        assert [("NI 112", Severity.INFO)] == [(f.subject, f.severity) for f in result]
        assert result[0].message == (
            "Indicator NI 112 has provisional figures: target 2009-10 '88% (prov.)' and "
            "actual 2008-09 '86% (prov.)'."
        )

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM405")


class TestECM406ValueNotApplicable:
    """ECM406: values stated not applicable, listed as information."""

    def test_breaks(self):
        """An N/A target value is listed."""
        values = {YEARS[0]: Value("N/A"), YEARS[1]: Value("-33%"), YEARS[2]: Value("-50%")}
        assert ["P1.O1.A1.T1"] == subjects(with_target(make_target(values=values)), "ECM406")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM406")


# -- ECM5xx: funding -------------------------------------------------------------------------------


class TestECM501ObjectiveUnfunded:
    """ECM501: an objective with no funding."""

    def test_breaks(self):
        """An objective with no funding of its own, above or below is reported."""
        bare = make_objective("P1.O2", funding=[], actions=[make_action("P1.O2.A1", funding=[])])
        plan = make_plan(priorities=[make_priority(objectives=[make_objective(), bare])])
        assert ["P1.O2"] == subjects(plan, "ECM501")

    def test_funded_action_keeps(self):
        """An objective whose action is funded counts as funded."""
        objective = make_objective(funding=[])
        assert [] == found(make_plan(priorities=[make_priority(objectives=[objective])]), "ECM501")

    def test_priority_funding_keeps(self):
        """Funding to the priority as a whole counts for its objectives."""
        bare = make_objective("P1.O2", funding=[], actions=[make_action("P1.O2.A1", funding=[])])
        priority = make_priority(
            objectives=[make_objective(), bare],
            funding=[Allocation(stream="ABG", amount=Money("£1m"))],
        )
        assert [] == found(make_plan(priorities=[priority]), "ECM501")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM501")


class TestECM502ActionUnfunded:
    """ECM502: an action with no funding (information)."""

    def test_breaks(self):
        """An action with no funding, under an unfunded objective, is listed at info."""
        bare = make_objective("P1.O2", funding=[], actions=[make_action("P1.O2.A1", funding=[])])
        plan = make_plan(priorities=[make_priority(objectives=[make_objective(), bare])])
        result = check(plan, ["ECM502"])
        assert [("P1.O2.A1", Severity.INFO)] == [(f.subject, f.severity) for f in result]

    def test_objective_funding_keeps(self):
        """An action under a funded objective counts as funded."""
        assert [] == found(with_action(make_action(funding=[])), "ECM502")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM502")


class TestECM504FundingUnquantified:
    """ECM504: allocations that state no amount (information)."""

    @pytest.mark.parametrize(
        "allocation",
        [
            Allocation(stream="ABG", amount=Money("To be confirmed")),
            Allocation(stream="ABG", amount=Money("CYPS Base Budget")),
            Allocation(stream="ABG"),
        ],
    )
    def test_breaks(self, allocation):
        """No amount, 'To be confirmed' or a base budget: listed with the allocation's path."""
        result = check(with_action(make_action(funding=[allocation])), ["ECM504"])
        assert [("P1.O1.A1", "priorities[0].objectives[0].actions[0].funding[0]")] == [
            (f.subject, f.path) for f in result
        ]

    def test_nil_is_an_amount(self):
        """'Nil additional' states an amount: nothing."""
        allocation = Allocation(stream="ABG", amount=Money("Nil additional"))
        assert [] == found(with_action(make_action(funding=[allocation])), "ECM504")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM504")


# -- ECM6xx: indicators against the catalogue ------------------------------------------------------


def with_indicator(indicator: Indicator) -> Plan:
    """The clean plan with its target citing this indicator."""
    return with_target(make_target(indicator=indicator.id), indicators=[indicator])


class TestECM601IndicatorUnknownCode:
    """ECM601: indicator codes not in the National Indicator Set."""

    def test_dropped_indicator(self):
        """NI 31 was dropped: an error, with the reason and the neighbours suggested."""
        result = check(with_indicator(make_indicator("NI 31", title=None)), ["ECM601"])
        assert [("NI 31", Severity.ERROR)] == [(f.subject, f.severity) for f in result]
        assert "NI 31 was dropped" in result[0].message
        assert "Did you mean NI 30 or NI 32?" == result[0].hint

    def test_misspelt_code(self):
        """'N1 71' is not a code; NI 71 is suggested."""
        result = check(with_indicator(make_indicator("N1 71", title=None)), ["ECM601"])
        assert "Did you mean NI 71?" == result[0].hint

    def test_written_code_with_correction(self):
        """A slip the transcriber corrected is still reported, the correction in the hint."""
        indicator = make_indicator("NI 71", code="N1 71", catalogue_code="NI 71", title=None)
        result = check(with_indicator(indicator), ["ECM601"])
        assert "The plan cites 'N1 71', which is not a National Indicator code" in (
            result[0].message
        )
        assert "catalogue code NI 71" in result[0].hint

    def test_bad_catalogue_code(self):
        """A catalogue code that is not one is reported at its own path."""
        indicator = make_indicator(catalogue_code="NI 999")
        result = check(with_indicator(indicator), ["ECM601"])
        assert ["indicators[0].catalogue_code"] == [f.path for f in result]

    def test_other_schemes_not_checked(self):
        """BVPI and local codes are not checked against the NIS."""
        indicator = make_indicator("BVPI 197", scheme="bvpi")
        assert [] == found(with_indicator(indicator), "ECM601")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM601")


class TestECM602IndicatorTitleMismatch:
    """ECM602: titles that do not match their code; the right code suggested."""

    def test_sport_suggests_ni_57(self):
        """'NI 157' for participation in sport: NI 57 is suggested."""
        indicator = make_indicator("NI 157", title="Participation in sport")
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert "the catalogue title it matches best is NI 57" in finding.message
        assert finding.hint.startswith("If the plan means NI 57, set catalogue_code: NI 57")

    def test_young_offenders_suggests_ni_45(self):
        """'NI 145' for young offenders in EET: NI 45 is suggested."""
        indicator = make_indicator(
            "NI 145",
            title="Increase young offenders engagement in suitable education, employment or "
            "training",
        )
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert "matches best is NI 45" in finding.message

    def test_recorded_slip(self):
        """A slip recorded with catalogue_code is reported with the recorded code."""
        indicator = make_indicator("NI 157", title="Participation in sport", catalogue_code="NI 57")
        (finding,) = check(with_indicator(indicator), ["ECM602"])
        assert finding.message.startswith(
            "The plan cites NI 157 for 'Participation in sport', but means NI 57"
        )
        assert "The plan file records catalogue code NI 57; the document should cite NI 57." == (
            finding.hint
        )

    def test_recorded_slip_without_title(self):
        """A recorded slip is reported even when the plan gives no title."""
        indicator = make_indicator("NI 157", title=None, catalogue_code="NI 57")
        assert ["NI 157"] == subjects(with_indicator(indicator), "ECM602")

    def test_no_title_not_checked(self):
        """An indicator with no title has nothing to match."""
        assert [] == found(with_indicator(make_indicator(title=None)), "ECM602")

    def test_keeps(self):
        """A title that names its indicator keeps the rule."""
        assert [] == found(make_plan(), "ECM602")


class TestECM603IndicatorOutcomeDiffers:
    """ECM603: an indicator used only under outcomes other than the catalogue's (info)."""

    def test_breaks(self):
        """NI 112 (Be healthy) used only under Stay safe is reported at info."""
        plan = make_plan(priorities=[make_priority(outcomes=["stay_safe"])])
        result = check(plan, ["ECM603"])
        assert [("NI 112", Severity.INFO)] == [(f.subject, f.severity) for f in result]
        assert result[0].message == (
            "Indicator NI 112 is used under 'Stay safe'; the catalogue files it under 'Be healthy'."
        )

    def test_uses_the_corrected_code(self):
        """The catalogue code the transcriber recorded decides the outcome."""
        indicator = make_indicator("NI 157", title=None, catalogue_code="NI 57")
        plan = with_indicator(indicator)
        plan = attrs.evolve(
            plan, priorities=[attrs.evolve(plan.priorities[0], outcomes=["be_healthy"])]
        )
        assert [] == found(plan, "ECM603")

    def test_uncited_indicator_not_checked(self):
        """An indicator no target cites is not checked."""
        other = make_indicator("NI 62", title=None)
        plan = make_plan(
            indicators=[make_indicator(), other],
            priorities=[make_priority(outcomes=["be_healthy"])],
        )
        assert [] == found(plan, "ECM603")

    def test_keeps(self):
        """The clean plan keeps the rule."""
        assert [] == found(make_plan(), "ECM603")


# -- outcome matrix --------------------------------------------------------------------------------


class TestOutcomeMatrix:
    """outcome_matrix() sets outcomes and aims against priorities."""

    @staticmethod
    def plan() -> Plan:
        """Two service priorities (one inferred, one naming aims) and an organisational one."""
        p1 = make_priority(outcomes=[OutcomeLink("be_healthy", aims=(3,))])
        p2 = make_priority("P2", outcomes=[OutcomeLink("stay_safe", inferred=True)], objectives=[])
        p3 = make_priority(
            "P3", code="KC1", kind="organisational", outcomes=[], supports=["P1"], objectives=[]
        )
        return make_plan(priorities=[p1, p2, p3])

    def test_columns(self):
        """One column per priority, with what lies under it."""
        columns = outcome_matrix(self.plan()).columns
        assert [
            ("Priority 1", 1, 1, ("NI 112",), 2),
            ("Priority 2", 0, 0, (), 0),
            ("KC1", 0, 0, (), 0),
        ] == [(c.label, c.objectives, c.actions, c.indicators, c.allocations) for c in columns]

    def test_links(self):
        """Stated, inferred, whole-outcome and supports links are told apart."""
        matrix = outcome_matrix(self.plan())
        assert (Link.STATED, None, Link.SUPPORTS) == matrix.row("be_healthy").links
        assert (Link.STATED, None, None) == matrix.row("be_healthy.3").links
        assert (None, Link.INFERRED, None) == matrix.row("stay_safe").links
        assert (None, Link.OUTCOME, None) == matrix.row("stay_safe.2").links

    def test_row_totals(self):
        """Rows total what lies under the priorities that serve them."""
        row = outcome_matrix(self.plan()).row("be_healthy")
        assert (1, 1, 1, 1, 2) == (
            row.priorities,
            row.objectives,
            row.actions,
            row.indicators,
            row.allocations,
        )

    def test_thirty_rows(self):
        """Five outcomes, each followed by its five aims."""
        assert 30 == len(outcome_matrix(make_plan()).rows)

    def test_table(self):
        """The table marks links and can leave the aims out."""
        table = outcome_matrix(self.plan()).to_table(aims=False)
        assert ("Be healthy", "x", "", "s", "1", "1", "1", "1", "2") == table.rows[0]
        assert ("Stay safe", "", "i", "", "1", "0", "0", "0", "0") == table.rows[1]
        assert 5 == len(table.rows)

    def test_unknown_row(self):
        """An unknown key raises KeyError."""
        with pytest.raises(KeyError):
            outcome_matrix(make_plan()).row("be_happy")

    def test_empty_plan(self):
        """A plan without priorities has no columns and unserved rows."""
        matrix = outcome_matrix(Plan(id="empty", authority="A", title="T", period=PERIOD))
        assert ((), {0}) == (matrix.columns, {r.priorities for r in matrix.rows})


# -- summary ---------------------------------------------------------------------------------------


class TestSummary:
    """summary() gives the complete share of each kind of element."""

    def test_clean_plan_complete(self):
        """Everything in the clean plan is complete."""
        result = summary(make_plan())
        assert [
            ("outcome", 5, 5),
            ("priority", 1, 1),
            ("objective", 1, 1),
            ("action", 1, 1),
            ("target", 1, 1),
            ("indicator", 1, 1),
        ] == [(k.kind, k.complete, k.total) for k in result.kinds]

    def test_warning_makes_incomplete(self):
        """An element with a warning is incomplete; an info finding does not count."""
        plan = with_action(make_action(leads=[], due=Due("Annual review of Plan")))
        assert (0, 1) == (summary(plan).kind("action").complete, summary(plan).kind("action").total)

    def test_follows_the_rules_given(self):
        """Disabling the rule makes the element complete again."""
        plan = with_action(make_action(leads=[]))
        assert 1 == summary(plan, disable=["ECM301"]).kind("action").complete

    def test_outcomes_served(self):
        """An outcome is complete when a priority serves it."""
        plan = make_plan(priorities=[make_priority(outcomes=["be_healthy"])])
        assert 0.2 == summary(plan).kind("outcome").share

    def test_empty_plan(self):
        """No elements: shares are None and render as '-'."""
        result = summary(Plan(id="empty", authority="A", title="T", period=PERIOD))
        assert None is result.kind("action").share
        assert ("action", "0", "0", "-") == result.to_table().rows[3]

    def test_unknown_kind(self):
        """An unknown kind raises KeyError."""
        with pytest.raises(KeyError):
            summary(make_plan()).kind("milestone")

    def test_is_frozen(self):
        """The result is a frozen value."""
        assert isinstance(summary(make_plan()), CoverageSummary)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            summary(make_plan()).plan = "x"  # type: ignore[misc]


# -- portfolio -------------------------------------------------------------------------------------


class TestPortfolio:
    """portfolio() looks across plans."""

    @staticmethod
    def plans() -> list[Plan]:
        """Two plans: one serving all outcomes on NI 112, one serving Stay safe on NI 57."""
        second = with_indicator(make_indicator("NI 157", title=None, catalogue_code="NI 57"))
        second = attrs.evolve(
            second,
            id="other",
            priorities=[attrs.evolve(second.priorities[0], outcomes=["stay_safe"])],
        )
        return [make_plan(), second]

    def test_outcomes(self):
        """Each outcome lists the plans serving it and targeting its indicators."""
        cover = portfolio(self.plans())
        assert (("test", "other"), ("test", "other")) == (
            cover.outcome("stay_safe").serving,
            cover.outcome("be_healthy").targeting,
        )
        assert (("test",), ()) == (
            cover.outcome("be_healthy").serving,
            cover.outcome("stay_safe").targeting,
        )

    def test_indicators(self):
        """Each targeted indicator lists its plans, by catalogue code after correction."""
        cover = portfolio(self.plans())
        assert [("NI 57", ("other",)), ("NI 112", ("test",))] == [
            (i.code, i.plans) for i in cover.indicators
        ]

    def test_untargeted(self):
        """Children's indicators no plan targets are listed; others are not."""
        cover = portfolio(self.plans())
        assert "NI 56" in cover.untargeted
        assert "NI 112" not in cover.untargeted
        assert "NI 157" not in cover.untargeted  # not a children's indicator

    def test_tables(self):
        """The three tables render the three parts."""
        outcomes_t, indicators_t, untargeted_t = portfolio(self.plans()).to_tables()
        assert ("Be healthy", "test", "test, other") == outcomes_t.rows[0]
        assert 2 == len(indicators_t.rows)
        assert len(portfolio(self.plans()).untargeted) == len(untargeted_t.rows)

    def test_empty(self):
        """No plans: nothing served, every children's indicator untargeted."""
        cover = portfolio([])
        assert ((), ()) == (cover.plans, cover.indicators)
        assert "NI 112" in cover.untargeted

    def test_not_a_plan(self):
        """Something that is not a plan is refused."""
        with pytest.raises(TypeError, match="portfolio"):
            portfolio([make_plan(), "other"])  # type: ignore[list-item]

    def test_duplicate_ids(self):
        """Two plans with one id are refused."""
        with pytest.raises(AnalysisError, match="repeated: test"):
            portfolio([make_plan(), make_plan()])


# -- properties ------------------------------------------------------------------------------------


class TestProperties:
    """Properties over generated plans (ecm_plan.testing.plans).

    The number of examples follows the Hypothesis profile (``HYPOTHESIS_PROFILE``); several
    properties share one test because generating a plan is the slow part.
    """

    @settings(deadline=None)
    @given(plans())
    def test_check_summary_matrix_on_any_plan(self, plan):
        """For any valid plan: check() returns sorted findings located in the plan; summary
        counts are within bounds; the matrix has a cell per priority in each row."""
        result = check(plan)
        assert list(result) == sorted(result)
        assert all(isinstance(f, Finding) and f.plan == plan.id for f in result)
        index = {e.id: path for path, e in plan.iter_elements()}
        for finding in result:
            if finding.subject in index:
                assert finding.path.startswith(index[finding.subject])
        assert all(0 <= k.complete <= k.total for k in summary(plan).kinds)
        matrix = outcome_matrix(plan)
        assert {len(plan.priorities)} == {len(r.links) for r in matrix.rows}

    @settings(deadline=None)
    @given(plans(), st.sampled_from([r.code for r in rules()]))
    def test_disabling_removes_exactly_its_findings(self, plan, code):
        """Disabling a rule removes its findings and no others."""
        every = check(plan)
        assert [f for f in every if f.code != code] == list(check(plan, disable=[code]))

    @settings(deadline=None)
    @given(plans(), st.sampled_from(list(Severity)))
    def test_severity_override(self, plan, level):
        """Overriding every rule's severity reports every finding at that severity."""
        result = check(plan, severity={r.code: level for r in rules()})
        assert all(f.severity is level for f in result)
