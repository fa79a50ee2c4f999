"""Small hand-made plans shared by the dependency tests."""

from __future__ import annotations

from ecm_plan.dependencies import (
    ReferenceKind,
    references,
)
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


def dated(*dues: tuple[str, str, str | None]) -> Plan:
    """Actions (id, due, prerequisite)."""
    return chain(
        *(
            Action(id=i, text=i, due=Due(due), depends_on=[pre] if pre else [])
            for i, due, pre in dues
        )
    )


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
