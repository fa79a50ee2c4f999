"""The plan model: ids, cross-references checked when a plan is built."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given

import ecm_plan
from ecm_plan.exceptions import FieldError, PlanError, PlanValidationError
from ecm_plan.model import (
    Action,
    Allocation,
    FrozenMap,
    FundingStream,
    Indicator,
    Lead,
    LeadStatus,
    Objective,
    OutcomeKey,
    OutcomeLink,
    Period,
    Plan,
    Priority,
    Section,
    Target,
    Value,
)
from ecm_plan.plans import load_bundled
from ecm_plan.testing import plans


def make_plan(**changes):
    base = {
        "id": "demo",
        "authority": "Anytown",
        "title": "Demo",
        "period": Period.financial_year(2009),
        "leads": [Lead(id="HoS", name="Head of Service")],
        "funding_streams": [FundingStream(id="ABG", name="Area Based Grant")],
        "indicators": [Indicator(id="NI 112")],
    }
    base.update(changes)
    return Plan(**base)


class TestPlanReferences:
    def test_valid_plan(self):
        """A plan whose references all resolve is built, and elements are found by id."""
        plan = make_plan(
            priorities=[
                Priority(
                    id="P1",
                    title="t",
                    leads=["HoS"],
                    objectives=[
                        Objective(
                            id="P1.O1",
                            title="o",
                            actions=[
                                Action(
                                    id="P1.O1.A1",
                                    text="a",
                                    funding=[Allocation(stream="ABG")],
                                    targets=[Target(id="T1", text="t", indicator="NI 112")],
                                ),
                                Action(id="P1.O1.A2", text="b", depends_on=["P1.O1.A1"]),
                            ],
                        )
                    ],
                )
            ]
        )
        assert "b" == plan.element("P1.O1.A2").text
        assert "priorities[0].objectives[0].actions[0].targets[0]" == plan.path_of("T1")

    def test_every_problem_at_once(self):
        """Every dangling reference is reported at once, each with its key path and a hint."""
        with pytest.raises(PlanValidationError) as info:
            make_plan(
                priorities=[
                    Priority(
                        id="P1",
                        title="t",
                        leads=["HoS", "Nobody"],
                        supports=["P9"],
                        actions=[
                            Action(
                                id="A1",
                                text="a",
                                funding=[Allocation(stream="LSC")],
                                targets=[Target(id="T1", text="t", indicator="NI 999")],
                                depends_on=["A1", "P1"],
                            )
                        ],
                    )
                ],
                sections=[Section(id="S1", title="s", subject="P7")],
            )
        paths = [p.path for p in info.value.problems]
        assert [
            "priorities[0].leads[1]",
            "priorities[0].supports[0]",
            "priorities[0].actions[0].depends_on[0]",
            "priorities[0].actions[0].depends_on[1]",
            "priorities[0].actions[0].funding[0].stream",
            "priorities[0].actions[0].targets[0].indicator",
            "sections[0].subject",
        ] == sorted(paths, key=paths.index)
        messages = " | ".join(p.message for p in info.value.problems)
        assert "refers to itself" in messages
        assert "is a priority, not an action or objective" in messages
        assert "use one of: HoS" in info.value.problems[0].hint

    def test_duplicate_ids(self):
        """Ids are unique across the whole plan: a lead and a stream cannot share one."""
        with pytest.raises(PlanValidationError, match="duplicate id 'ABG'"):
            make_plan(leads=[Lead(id="ABG", name="x")])

    def test_evolve_checks_again(self):
        """Changing a plan with attrs.evolve checks the references again."""
        plan = make_plan()
        with pytest.raises(PlanValidationError):
            attrs.evolve(plan, priorities=[Priority(id="P1", title="t", leads=["X"])])

    def test_error_is_a_plan_error(self):
        """The validation error is both a PlanError and a ValueError."""
        assert issubclass(PlanValidationError, PlanError)
        assert issubclass(PlanValidationError, ValueError)

    def test_unknown_element(self):
        """Looking up an unknown id is a KeyError that suggests near ids."""
        with pytest.raises(KeyError, match="did you mean"):
            load_bundled("sample").element("P1.O9")


class TestIds:
    @pytest.mark.parametrize("bad", ["", " P1", "P1:x", "-P1", "P1\n"])
    def test_bad_ids(self, bad):
        """Ids start with a letter or digit, hold no colon and no surrounding space."""
        with pytest.raises(ValueError, match="must start with a letter or digit"):
            Lead(id=bad, name="x")

    def test_plan_id_is_slug(self):
        """A plan id is a lower-case slug."""
        with pytest.raises(ValueError, match="slug"):
            make_plan(id="Wigan 2009")


class TestOutcomeLink:
    def test_from_key(self):
        """A priority's outcomes may be given as keys."""
        priority = Priority(id="P1", title="t", outcomes=["stay_safe"])
        assert (OutcomeLink(OutcomeKey.STAY_SAFE),) == priority.outcomes

    def test_unknown_outcome(self):
        """An unknown outcome key is an error."""
        with pytest.raises(ValueError, match="be_happy"):
            OutcomeLink("be_happy")

    def test_aims(self):
        """Aims are numbered 1 to 5 within an outcome."""
        with pytest.raises(ValueError, match="aims 1 to 5"):
            OutcomeLink("be_healthy", aims=(0,))


class TestTarget:
    def test_undetermined_and_provisional(self):
        """A target lists whether any value is to be determined or provisional."""
        target = Target(
            id="T",
            text="x",
            values={Period.financial_year(2009): Value("86% (prov.)")},
            value=Value("target to be determined"),
        )
        assert (True, True) == (target.is_undetermined, target.is_provisional)

    def test_unit_checked(self):
        """A target's unit must be one of the library's units."""
        with pytest.raises(ValueError, match="not a unit of the library"):
            Target(id="T", text="x", unit="furlongs")


class TestIteration:
    def test_iter_actions_and_targets(self):
        """The sample plan's actions and targets are found in document order."""
        plan = load_bundled("sample")
        actions = [a.id for _, _, a in plan.iter_actions()]
        assert ["P1.O1.A1", "P1.O1.A2", "P2.O1.A1", "P2.O1.A2", "P3.A1"] == actions
        owners = [owner for owner, _ in plan.iter_targets()]
        assert ["P1.O1.A1", "P2.O1.A1", "P2.O1.A2", "P3"] == owners


class TestImmutable:
    """A loaded plan cannot be changed in place: it is hashable, and evolve validates again."""

    @pytest.mark.parametrize("name", ecm_plan.bundled_plans())
    def test_bundled_plans_hash(self, name):
        """Every bundled plan hashes, and equal plans hash alike."""
        plan = ecm_plan.load_bundled(name)
        copy = ecm_plan.loads_plan(ecm_plan.dumps_plan(plan, "json"), "json")
        assert hash(plan) == hash(copy)

    def test_series_cannot_be_changed_in_place(self):
        """An indicator's actuals, targets and a target's values are read-only mappings."""
        plan = ecm_plan.load_bundled("sample")
        indicator = plan.indicators[0]
        period = ecm_plan.parse_period("2009-10")
        for series in (indicator.actuals, indicator.targets):
            assert isinstance(series, FrozenMap)
            with pytest.raises(TypeError):
                series[period] = Value("1%")
        stream = plan.funding_streams[0]
        assert isinstance(stream.amounts, FrozenMap)

    def test_a_given_dict_is_copied(self):
        """Changing the dict a constructor was given does not change the element."""
        given = {ecm_plan.parse_period("2009-10"): Value("12%")}
        indicator = Indicator(id="NI 1", targets=given)
        given[ecm_plan.parse_period("2010-11")] = Value("14%")
        assert 1 == len(indicator.targets)

    def test_evolve_validates_again(self):
        """A change made with attrs.evolve is checked like a new plan."""
        plan = ecm_plan.load_bundled("sample")
        action = plan.priorities[0].objectives[0].actions[0]
        bad = attrs.evolve(action, leads=("nobody",))
        objective = attrs.evolve(plan.priorities[0].objectives[0], actions=(bad,))
        priority = attrs.evolve(plan.priorities[0], objectives=(objective,))
        with pytest.raises(PlanValidationError, match="nobody"):
            attrs.evolve(plan, priorities=(priority, *plan.priorities[1:]))


class TestActionLeadStatus:
    """An action says whether its lead is named, not yet agreed, or not stated."""

    def test_follows_the_leads(self):
        """Without a status, an action with leads is named and one without is not stated."""
        expected = (LeadStatus.NAMED, LeadStatus.NOT_STATED)
        actual = (
            Action(id="A1", text="x", leads=["HoS"]).lead_status,
            Action(id="A2", text="x").lead_status,
        )
        assert expected == actual

    def test_not_agreed(self):
        """A lead the document says is not yet agreed is a state of its own."""
        action = Action(id="A1", text="x", lead_status="not_agreed")
        assert (LeadStatus.NOT_AGREED, ()) == (action.lead_status, action.leads)

    @pytest.mark.parametrize(
        ("leads", "status"),
        [(["HoS"], "not_agreed"), (["HoS"], "not_stated"), ([], "named")],
    )
    def test_must_agree_with_leads(self, leads, status):
        """A status that contradicts the leads is an error naming the field."""
        with pytest.raises(FieldError, match="lead_status"):
            Action(id="A1", text="x", leads=leads, lead_status=status)

    def test_unknown_status(self):
        """A status outside the three is a ValueError."""
        with pytest.raises(ValueError, match="not_known"):
            Action(id="A1", text="x", lead_status="not_known")


class TestOneWalk:
    """Allocations and element counts come from one walk of the plan."""

    @pytest.mark.parametrize("name", ecm_plan.bundled_plans())
    def test_every_allocation_once(self, name):
        """iter_allocations yields each element's allocations, every element once, in order."""
        plan = ecm_plan.load_bundled(name)
        walked = [(owner.id, allocation) for _, owner, allocation in plan.iter_allocations()]
        expected = [
            (element.id, allocation)
            for _, element in plan.iter_elements()
            if isinstance(element, Priority | Objective | Action)
            for allocation in element.funding
        ]
        assert sorted(expected, key=repr) == sorted(walked, key=repr)
        assert len(expected) == plan.counts()["allocations"]


class TestAnyPlan:
    """Properties of any valid plan (several share one test: drawing a plan is the slow part)."""

    @given(plans())
    def test_properties(self, plan):
        """Each property below holds for any valid plan."""
        _any_plan_hashes(plan)
        _counts_match_the_elements(plan)


def _any_plan_hashes(plan):
    """Any valid plan is hashable, and an equal copy hashes alike."""
    back = pickle.loads(pickle.dumps(plan))  # noqa: S301 (pickled by this test itself)
    assert back == plan, "a pickled copy differs"
    assert hash(plan) == hash(back), "an equal copy hashes differently"


def _counts_match_the_elements(plan):
    """The counts agree with the elements the plan indexes (one walk gives both)."""
    kinds = {"Priority": 0, "Objective": 0, "Action": 0, "Target": 0}
    for _, element in plan.iter_elements():
        name = type(element).__name__
        if name in kinds:
            kinds[name] += 1
    counts = plan.counts()
    assert kinds == {
        "Priority": counts["priorities"],
        "Objective": counts["objectives"],
        "Action": counts["actions"],
        "Target": counts["targets"],
    }, "counts() disagrees with iter_elements()"
