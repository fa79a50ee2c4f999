"""The API conventions: one table method, old names that warn, library errors on every path."""

from __future__ import annotations

import pytest

from ecm_plan import build_graph, dumps_plan, load_bundled
from ecm_plan.coverage import (
    RuleSet,
    UnknownRuleError,
    all_rules,
    outcome_matrix,
    portfolio,
    rule,
    summary,
)
from ecm_plan.dependencies import (
    concentration,
    critical_path,
    cycles,
    deadline_conflicts,
    dependency_findings,
    dependency_tables,
    impact,
    order_of_work,
    references,
    shared,
)
from ecm_plan.exceptions import (
    InvalidChoiceError,
    InvalidFindingsError,
    NotInResultError,
    PlanError,
    TableShapeError,
    UnknownElementError,
    UnknownFormatError,
    UnknownOutcomeError,
)
from ecm_plan.findings import Finding, findings_from_json
from ecm_plan.graph import outcome_node
from ecm_plan.tables import Table

SAMPLE = load_bundled("sample")
REPORTS = {
    "OutcomeMatrix": lambda: outcome_matrix(SAMPLE),
    "CoverageSummary": lambda: summary(SAMPLE),
    "CriticalPath": lambda: critical_path(SAMPLE),
    "DeadlineConflicts": lambda: deadline_conflicts(SAMPLE),
    "Impact": lambda: impact(SAMPLE, "P1.O1.A2"),
    "Cycles": lambda: cycles(SAMPLE),
    "OrderOfWork": lambda: order_of_work(SAMPLE),
    "References": lambda: references(SAMPLE),
    "Concentration": lambda: concentration(SAMPLE),
    "Sharing": lambda: shared(SAMPLE),
    "PortfolioCoverage": lambda: portfolio([SAMPLE]),
}
ANALYSES = {
    "cycles": (cycles, {}),
    "order_of_work": (order_of_work, {}),
    "deadline_conflicts": (deadline_conflicts, {}),
    "critical_path": (critical_path, {}),
    "references": (references, {}),
    "shared": (shared, {}),
    "concentration": (concentration, {}),
    "impact": (impact, {"element_id": "ABG"}),
    "dependency_findings": (dependency_findings, {}),
    "dependency_tables": (dependency_tables, {}),
}


class TestToTables:
    @pytest.mark.parametrize("name", sorted(REPORTS))
    def test_every_report_renders_through_to_tables(self, name):
        """Every report class has to_tables(), returning a non-empty tuple of tables."""
        report = REPORTS[name]()
        assert name == type(report).__name__
        tables = report.to_tables()
        assert isinstance(tables, tuple)
        assert tables
        assert all(isinstance(t, Table) for t in tables)

    @pytest.mark.parametrize("name", sorted(set(REPORTS) - {"PortfolioCoverage"}))
    def test_to_table_warns_and_gives_the_first(self, name):
        """The old to_table() still gives the first table, warning with the new name."""
        report = REPORTS[name]()
        with pytest.warns(DeprecationWarning, match=r"to_tables\(\)\[0\]"):
            old = report.to_table()
        assert report.to_tables()[0] == old

    def test_outcome_matrix_keeps_its_option(self):
        """to_tables(aims=False) leaves out the aim rows, as to_table(aims=False) did."""
        matrix = outcome_matrix(SAMPLE)
        assert 5 == len(matrix.to_tables(aims=False)[0].rows)
        with pytest.warns(DeprecationWarning, match="to_tables"):
            assert matrix.to_tables(aims=False)[0] == matrix.to_table(aims=False)

    def test_impact_of_a_stream_gives_the_money_too(self):
        """For a funding stream, to_tables() adds the money at stake, once funding_table()."""
        lost = impact(SAMPLE, "ABG")
        affected, funding = lost.to_tables()
        assert funding.title.startswith("Funding at stake: ABG")
        with pytest.warns(DeprecationWarning, match=r"to_tables\(\)\[1\]"):
            assert funding == lost.funding_table()
        assert 1 == len(impact(SAMPLE, "P1.O1.A2").to_tables())
        assert affected.title.startswith("Impact of losing ABG")

    @pytest.mark.parametrize(
        ("old", "index"), [("outcome_table", 0), ("indicator_table", 1), ("untargeted_table", 2)]
    )
    def test_portfolio_tables_warn(self, old, index):
        """The portfolio's three table methods warn, naming to_tables() and the index."""
        found = portfolio([SAMPLE])
        with pytest.warns(DeprecationWarning, match=rf"to_tables\(\)\[{index}\]"):
            table = getattr(found, old)()
        assert found.to_tables()[index] == table


class TestRules:
    def test_rules_function_warns(self):
        """ecm_plan.coverage.rules() still lists the rules, warning to use all_rules()."""
        from ecm_plan.coverage import rules  # noqa: PLC0415 (the deprecated name, on purpose)

        with pytest.warns(DeprecationWarning, match="all_rules"):
            assert all_rules() == rules()

    def test_rules_not_public(self):
        """The deprecated function is no longer listed as public."""
        import ecm_plan.coverage  # noqa: PLC0415 (reads the package's __all__)

        assert "rules" not in ecm_plan.coverage.__all__
        assert "all_rules" in ecm_plan.coverage.__all__

    def test_ruleset_rules_property_warns(self):
        """RuleSet.rules still gives the enabled rules, warning to use enabled_rules."""
        ruleset = RuleSet.only("ECM601")
        with pytest.warns(DeprecationWarning, match="enabled_rules"):
            assert ruleset.enabled_rules == ruleset.rules

    def test_unknown_rule_names_the_range(self):
        """An unknown code with no near one names the range of codes, as attributes too."""
        with pytest.raises(UnknownRuleError) as caught:
            rule("zzzzzz")
        assert ("ECM001", "ECM603") == (caught.value.first, caught.value.last)
        assert "ECM001 to ECM603" in str(caught.value)


class TestFirstArgument:
    @pytest.mark.parametrize("name", sorted(ANALYSES))
    def test_plan_by_keyword(self, name):
        """Every dependency analysis takes the plan (or graph) as ``plan``."""
        function, kwargs = ANALYSES[name]
        assert function(SAMPLE, **kwargs) == function(plan=SAMPLE, **kwargs)

    @pytest.mark.parametrize("name", sorted(ANALYSES))
    def test_old_keyword_warns(self, name):
        """The old ``plan_or_graph=`` keyword still works, warning with the new name."""
        function, kwargs = ANALYSES[name]
        graph = build_graph(SAMPLE)
        with pytest.warns(DeprecationWarning, match="plan="):
            old = function(plan_or_graph=graph, **kwargs)
        assert function(graph, **kwargs) == old

    def test_both_keywords(self):
        """Giving the plan twice is a TypeError, as for any function."""
        with (
            pytest.warns(DeprecationWarning, match="plan="),
            pytest.raises(TypeError, match="both"),
        ):
            cycles(SAMPLE, plan_or_graph=SAMPLE)


class TestLibraryErrors:
    def test_plan_element(self):
        """Plan.element of an unknown id raises UnknownElementError, a KeyError."""
        with pytest.raises(UnknownElementError) as caught:
            SAMPLE.element("P1.O9")
        assert isinstance(caught.value, KeyError)
        assert isinstance(caught.value, PlanError)
        assert "P1.O9" == caught.value.element_id
        assert "plan 'sample'" in str(caught.value)
        assert "P1.O1" in caught.value.suggestions

    def test_matrix_row(self):
        """OutcomeMatrix.row of an unknown key raises NotInResultError, a KeyError."""
        with pytest.raises(NotInResultError) as caught:
            outcome_matrix(SAMPLE).row("be_helthy")
        assert isinstance(caught.value, KeyError)
        assert "be_healthy" in caught.value.known

    def test_summary_kind(self):
        """CoverageSummary.kind of an unknown kind raises NotInResultError, a KeyError."""
        with pytest.raises(NotInResultError) as caught:
            summary(SAMPLE).kind("outcomes")
        assert isinstance(caught.value, KeyError)
        assert "outcome" in caught.value.known

    def test_dumps_plan_format(self):
        """dumps_plan in an unknown format raises UnknownFormatError, a ValueError."""
        with pytest.raises(UnknownFormatError) as caught:
            dumps_plan(SAMPLE, "xml")
        assert isinstance(caught.value, ValueError)
        assert ("xml", ("yaml", "json", "toml")) == (caught.value.format, caught.value.known)

    @pytest.mark.parametrize(
        "text",
        [
            "{",
            '{"code": 1}',
            '[{"code": "ECM101"}]',
            '[{"code": "ECM101", "severity": "fatal", "subject": "P1", "message": "m"}]',
        ],
    )
    def test_findings_from_json(self, text):
        """Text that is not findings JSON raises InvalidFindingsError, a ValueError."""
        with pytest.raises(InvalidFindingsError) as caught:
            findings_from_json(text)
        assert isinstance(caught.value, ValueError)

    def test_findings_from_json_tuple(self):
        """Findings read back are a tuple."""
        assert () == findings_from_json("[]")

    def test_table_shape(self):
        """A row with the wrong number of cells raises TableShapeError, a ValueError."""
        with pytest.raises(TableShapeError) as caught:
            Table("Leads", ("Id", "Name"), [("HoS",)])
        assert isinstance(caught.value, ValueError)
        assert ("Leads", 0, 1, 2) == (
            caught.value.title,
            caught.value.row,
            caught.value.cells,
            caught.value.columns,
        )

    def test_impact_of_kind(self):
        """Impact.of_kind of a kind that is not one raises InvalidChoiceError, a ValueError."""
        with pytest.raises(InvalidChoiceError) as caught:
            impact(SAMPLE, "ABG").of_kind("outcomes")
        assert isinstance(caught.value, ValueError)
        assert "outcome" in caught.value.choices

    def test_finding_severity(self):
        """A finding with a severity that is not one raises InvalidChoiceError, a ValueError."""
        with pytest.raises(InvalidChoiceError, match="'fatal' is not a severity") as caught:
            Finding("ECM101", "fatal", "P1", "m")
        assert isinstance(caught.value, ValueError)

    @pytest.mark.parametrize(
        "look_up",
        [outcome_node, lambda key: portfolio([SAMPLE]).outcome(key)],
        ids=["outcome_node", "PortfolioCoverage.outcome"],
    )
    def test_outcome_key(self, look_up):
        """An unknown outcome key raises UnknownOutcomeError, a ValueError as it was."""
        with pytest.raises(UnknownOutcomeError) as caught:
            look_up("stay_saf")
        assert isinstance(caught.value, ValueError)
        assert isinstance(caught.value, KeyError)
        assert ("stay_safe",) == caught.value.suggestions
