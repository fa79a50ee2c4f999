"""References: which element needs which, from ``depends_on`` and from the text."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ecm_plan import _references
from ecm_plan._deprecation import alias_table, renamed_keyword
from ecm_plan._gc import gc_paused
from ecm_plan._references import Reference, ReferenceKind, ReferenceRule, find_references
from ecm_plan.dependencies._reader import (
    _as_graph,
    _natural,
    _none_note,
    _Reader,
)
from ecm_plan.findings import Finding, Severity
from ecm_plan.graph import (
    ENTITY,
    REFERENCES,
    RELATION,
    PlanGraph,
    Relation,
)
from ecm_plan.model import Plan
from ecm_plan.tables import Table

for _cls in (Reference, ReferenceKind, ReferenceRule):
    _cls.__module__ = __name__

__all__ = [
    "REFERENCE_RULES",
    "Reference",
    "ReferenceKind",
    "ReferenceRule",
    "References",
    "references",
]

REFERENCE_RULES: tuple[ReferenceRule, ...] = _references.REFERENCE_RULES
"""The rules that find references in a plan's text, in the order their detectors run.

Each :class:`ReferenceRule` names what the text says, what the reference resolves to and the
confidence it gets; the explanation page on dependencies lists them as a table.
"""


@attrs.frozen
class References:
    """The references of a plan, explicit and textual, in document order.

    Attributes:
        references: The references.
        plan: The id of the plan, or an empty string.
        source_paths: The key path of each source element (for findings).

    Example:
        >>> from ecm_plan import load_bundled
        >>> report = references(load_bundled("sample"))
        >>> len(report), report.external, report.unresolved
        (2, (), ())

    .. versionadded:: 0.1.0
    """

    references: tuple[Reference, ...]
    plan: str = ""
    source_paths: dict[str, str] = attrs.field(factory=dict, eq=False, hash=False, repr=False)

    def __len__(self) -> int:
        """The number of references."""
        return len(self.references)

    def __iter__(self) -> Iterator[Reference]:
        """The references, in order."""
        return iter(self.references)

    @property
    def external(self) -> tuple[str, ...]:
        """The outside documents the plan depends on, sorted.

        Example:
            >>> References(()).external
            ()
        """
        return tuple(sorted({r.external for r in self.references if r.external is not None}))

    @property
    def unresolved(self) -> tuple[Reference, ...]:
        """The references that name nothing (an objective number the plan does not have).

        Example:
            >>> References(()).unresolved
            ()
        """
        return tuple(r for r in self.references if not r.resolved)

    def findings(self) -> tuple[Finding, ...]:
        """A ``DEP004`` warning for every unresolved reference.

        Example:
            >>> ref = Reference("A1", None, None, "textual", "objective_number",
            ...                 "refer to objective 9.9", "text", (0, 22), 0.95)
            >>> print(References((ref,)).findings()[0].message)
            The text 'refer to objective 9.9' (text) refers to something the plan does not have.
        """
        return tuple(
            Finding(
                "DEP004",
                Severity.WARNING,
                r.source,
                f"The text {r.text!r} ({r.field}) refers to something the plan does not have.",
                "correct the reference, or add the objective it names",
                self.source_paths.get(r.source, ""),
                self.plan,
            )
            for r in self.unresolved
        )

    def to_tables(self) -> tuple[Table, ...]:
        """The references as a table.

        Example:
            >>> from ecm_plan import load_bundled
            >>> from ecm_plan.report import render_all
            >>> print(render_all(references(load_bundled("sample")).to_tables(), max_width=20))
            Dependencies
            ============
            Element  | Needs    | Kind     | Rule             | Confidence | Text
            ---------+----------+----------+------------------+------------+----------------
            P1.O1.A2 | P1.O1.A1 | explicit | depends_on       | 1.00       | P1.O1.A1
            P2.O1.A1 | P1.O1    | textual  | objective_number | 0.95       | please refer to
                     |          |          |                  |            | objective 1.1
        """
        rows = [
            (
                r.source,
                r.node or "(unresolved)",
                r.kind.value,
                r.rule,
                f"{r.confidence:.2f}",
                r.text,
            )
            for r in self.references
        ]
        return (
            Table(
                "Dependencies",
                ("Element", "Needs", "Kind", "Rule", "Confidence", "Text"),
                rows,
                _none_note(rows),
            ),
        )

    to_table = alias_table("to_table")


_DEPENDENCY = frozenset({Relation.ENABLES, Relation.REFERENCED_BY})


def _edge_references(graph: PlanGraph) -> tuple[Reference, ...]:
    found: list[Reference] = []
    for u, v, data in graph.edges(data=True):
        if data.get(RELATION) not in _DEPENDENCY:
            continue
        ref = data.get("reference")
        if isinstance(ref, Reference):
            found.append(ref)
            continue
        depends_on = getattr(graph.nodes[v].get(ENTITY), "depends_on", ())
        element = u.split(":", 1)[1] if u not in depends_on and ":" in u else u
        index = depends_on.index(element) if element in depends_on else 0
        found.append(
            Reference(
                v,
                u,
                None,
                ReferenceKind.EXPLICIT if data.get("explicit", True) else ReferenceKind.TEXTUAL,
                str(data.get("rule", "depends_on")),
                str(data.get("text", element)),
                str(data.get("field", f"depends_on[{index}]")),
                data.get("span"),
                float(data.get("confidence", 1.0)),
            )
        )
    return tuple(sorted(found, key=lambda r: (_natural(r.source), r.field, r.span or (0, 0))))


@renamed_keyword("references", "plan_or_graph", "plan")
@gc_paused()
def references(plan: Plan | PlanGraph) -> References:
    """Every dependency of the plan: explicit (``depends_on``) and found in the text.

    For a plan, the references are found with :data:`REFERENCE_RULES` and listed in document
    order, unresolved ones included. A graph of :func:`~ecm_plan.graph.build_graph` keeps the
    same list (``graph.graph["references"]``), so the answer is the same for a plan and its
    graph; for a graph without that list, they are read from its ``enables`` and
    ``referenced_by`` edges.

    Args:
        plan: The plan, or its graph.

    Returns:
        The references.

    Example:
        >>> from ecm_plan import Action, Due, Objective, Period, Plan, Priority
        >>> plan = Plan(id="demo", authority="A", title="T", period=Period.financial_year(2009),
        ...     priorities=[Priority(id="P1", title="Stay safe", outcomes=["stay_safe"],
        ...         objectives=[Objective(id="P1.O1", title="Offending", code="1.1",
        ...             actions=[Action(id="P1.O1.A1", text="Implement the Preventions Plan",
        ...                             due=Due("Annual Plan linked to Youth Justice Plan."))])])])
        >>> for r in references(plan):
        ...     print(r.node, r.field, r.span, r.rule)
        external:Preventions Plan text (0, 30) document_external
        external:Youth Justice Plan due (12, 40) document_external

    .. versionadded:: 0.1.0
    """
    if isinstance(plan, Plan):
        found = find_references(plan)
        paths = {r.source: plan.path_of(r.source) for r in found}
        return References(found, plan.id, paths)
    graph = _as_graph(plan)
    stored = graph.graph.get(REFERENCES)
    found = stored if isinstance(stored, tuple) else _edge_references(graph)
    plans = graph.graph.get("plans", ())
    plan_id = plans[0] if len(plans) == 1 else ""
    reader = _Reader(graph)
    paths = {r.source: reader.ref(r.source).path for r in found if r.source in graph}
    return References(found, plan_id, paths)
