"""Action plans in spreadsheets: the builder, reading workbooks and CSV, writing workbooks."""

from __future__ import annotations

import builtins
import csv
import datetime as dt
import pickle
import subprocess
import sys

import openpyxl
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ecm_plan import load_bundled
from ecm_plan.exceptions import (
    ArgumentError,
    MissingExtraError,
    PlanError,
    PlanFileError,
    PlanValidationError,
    PlanWriteError,
)
from ecm_plan.io import PlanBuilder, SheetMapping, dumps_plan, loads_plan
from ecm_plan.io.spreadsheet import (
    export_mapping,
    plan_tables,
    read_csv_plan,
    read_workbook,
    write_workbook,
)
from ecm_plan.model import MoneyKind, Period, Plan
from ecm_plan.tables import Table
from ecm_plan.testing import cell_texts, due_texts, texts

MAPPING = {
    "id": "anytown-2009-11",
    "authority": "Anytown",
    "title": "Anytown NEET action plan",
    "period": "2009-10 to 2010-11",
    "sheet": "Actions",
    "header_row": 1,
    "columns": {
        "priority": "A",
        "objective": "B",
        "action": "C",
        "lead": "D",
        "due": "By when",
        "indicator": "F",
        "baseline": "G",
        "targets": {"2009-10": "H", "2010-11": "I"},
        "funding": "J",
        "amount": "K",
    },
}

HEADERS = [
    "Priority",
    "Objective",
    "Action",
    "Lead",
    "By when",
    "Indicator",
    "Baseline",
    "2009-10",
    "2010-11",
    "Funding",
    "Amount",
]


def make_workbook(path, *, mistakes=False):
    """An action plan as councils keep one: merged cells, dates, percentages, money words."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes["A1"] = "Action plan, draft 3"
    ws = wb.create_sheet("Actions")
    ws.append(HEADERS)
    rows = [
        # 2: the first action, an Excel date, percentages, an amount
        [
            "1 Reduce the number of young people NEET",
            "1.1 Engage young people",
            "Expand the Connexions service",
            "Head of Youth",
            dt.datetime(2010, 3, 31),  # noqa: DTZ001 (spreadsheet dates have no time zone)
            "NI 117 NEET",
            0.072,
            0.065,
            0.06,
            "ABG",
            175000,
        ],
        # 3: a blank continuation row: a second target and a base budget
        [None, None, None, None, None, "NI 79", 0.7, 0.75, 0.8, "CYPS Base Budget", "Base budget"],
        # 4: a second action, two leads, a text date, TBC
        [
            None,
            None,
            "Track school leavers",
            "head of youth; Connexions",
            "October 2009",
            None,
            None,
            None,
            None,
            "ESF",
            "TBC",
        ],
        # 5: a new objective under the merged priority
        [
            None,
            "1.2 Support young parents",
            "Open a young parents' group",
            "Connexions",
            "31/02/2010" if mistakes else "Summer 2010",
            "NI 250 Made up" if mistakes else "NI 118 Take up of formal childcare",
            None,
            0.192,
            None,
            None,
            None,
        ],
        # 6: a new priority with a code+title cell
        [
            "2 Stay safe",
            None,
            "Train staff in safeguarding",
            "Head of Safeguarding",
            "End of March 2010",
            None,
            None,
            None,
            None,
            None,
            None,
        ],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A2:A5")
    ws.merge_cells("B2:B4")
    for ref in ("G2", "H2", "I2", "G3", "H3", "I3"):
        ws[ref].number_format = "0.0%"
    ws["H5"].number_format = "0%"
    ws["E2"].number_format = "dd/mm/yyyy"
    wb.save(path)
    return path


@pytest.fixture
def workbook(tmp_path):
    return make_workbook(tmp_path / "plan.xlsx")


class TestReadWorkbook:
    def test_hierarchy_with_merged_and_blank_cells(self, workbook):
        """Merged and blank priority and objective cells mean the same as above."""
        plan = read_workbook(workbook, MAPPING)
        assert ["P1", "P2"] == [p.id for p in plan.priorities]
        assert ("1", "Reduce the number of young people NEET") == (
            plan.priorities[0].code,
            plan.priorities[0].title,
        )
        assert [("P1.O1", "1.1"), ("P1.O2", "1.2")] == [
            (o.id, o.code) for o in plan.priorities[0].objectives
        ]
        assert ["P1.O1.A1", "P1.O1.A2", "P1.O2.A1", "P2.A1"] == [
            a.id for _, _, a in plan.iter_actions()
        ]

    def test_continuation_row_adds_target_and_funding(self, workbook):
        """A row with a blank action cell gives the action above one more target and fund."""
        action = read_workbook(workbook, MAPPING).priorities[0].objectives[0].actions[0]
        assert ["P1.O1.A1.T1", "P1.O1.A1.T2"] == [t.id for t in action.targets]
        assert ["ABG", "CYPS Base Budget"] == [f.stream for f in action.funding]

    def test_excel_and_text_dates(self, workbook):
        """A date cell is its day; date text is read by Due."""
        plan = read_workbook(workbook, MAPPING)
        dues = {a.id: a.due for _, _, a in plan.iter_actions()}
        assert "2010-03-31" == dues["P1.O1.A1"].text
        assert dt.date(2010, 3, 31) == dues["P1.O1.A1"].deadline
        assert dt.date(2009, 10, 31) == dues["P1.O1.A2"].deadline
        assert dt.date(2010, 3, 31) == dues["P2.A1"].deadline

    def test_percentage_cells_keep_every_digit(self, workbook):
        """0.192 formatted as 0% is 19.2%, not 19%; 0.065 is 6.5%."""
        plan = read_workbook(workbook, MAPPING)
        first = plan.priorities[0].objectives[0].actions[0].targets[0]
        assert "7.2%" == first.baseline.value.text
        fy = Period.financial_year
        assert {fy(2009): "6.5%", fy(2010): "6%"} == {p: v.text for p, v in first.values.items()}
        third = plan.priorities[0].objectives[1].actions[0].targets[0]
        assert "19.2%" == third.values[fy(2009)].text
        assert 19.2 == third.values[fy(2009)].magnitude

    def test_code_and_title_split(self, workbook):
        """'NI 117 NEET' is indicator NI 117 titled NEET; a bare code has no title."""
        plan = read_workbook(workbook, MAPPING)
        found = {i.id: i.title for i in plan.indicators}
        assert {"NI 117": "NEET", "NI 79": None, "NI 118": "Take up of formal childcare"} == found
        ni117 = plan.indicators[0]
        assert "7.2%" == ni117.baseline.value.text

    def test_money_states(self, workbook):
        """Numbers are amounts; 'Base budget' and 'TBC' keep their kinds."""
        plan = read_workbook(workbook, MAPPING)
        kinds = [
            (f.stream, f.amount.kind, f.amount.gbp)
            for _, _, a in plan.iter_actions()
            for f in a.funding
        ]
        assert [
            ("ABG", MoneyKind.AMOUNT, 175000.0),
            ("CYPS Base Budget", MoneyKind.BASE_BUDGET, None),
            ("ESF", MoneyKind.TO_BE_CONFIRMED, None),
        ] == kinds

    def test_leads_registered_once(self, workbook):
        """Leads are registered on first mention, case- and space-insensitively."""
        plan = read_workbook(workbook, MAPPING)
        assert ["Head of Youth", "Connexions", "Head of Safeguarding"] == [
            lead.id for lead in plan.leads
        ]
        second = plan.priorities[0].objectives[0].actions[1]
        assert ("Head of Youth", "Connexions") == second.leads

    def test_every_mistake_reported_with_its_cell(self, tmp_path):
        """An impossible date and an unknown NI are both reported, each at Actions!cell."""
        path = make_workbook(tmp_path / "bad.xlsx", mistakes=True)
        with pytest.raises(PlanFileError) as caught:
            read_workbook(path, MAPPING)
        where = {p.path: p.message for p in caught.value.problems}
        assert ["Actions!E5", "Actions!F5"] == sorted(where)
        assert "no such day" in where["Actions!E5"]
        assert "unknown indicator code 'NI 250'" in where["Actions!F5"]
        assert str(path) == caught.value.source

    def test_unknown_sheet_and_header(self, workbook):
        """A sheet or header the workbook lacks is a problem naming what there is."""
        with pytest.raises(PlanFileError, match="no sheet named 'Plan'"):
            read_workbook(workbook, {**MAPPING, "sheet": "Plan"})
        columns = {**MAPPING["columns"], "due": "Deadline"}
        with pytest.raises(PlanFileError, match="no column headed 'Deadline'"):
            read_workbook(workbook, {**MAPPING, "columns": columns})

    def test_spreadsheet_error_cell(self, tmp_path):
        """A cell holding #REF! is a problem at its cell, not a value."""
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Actions"
        ws.append(HEADERS)
        ws.append(["1 Stay safe", None, "Train staff", None, None, None, None, "#REF!"])
        wb.save(tmp_path / "err.xlsx")
        with pytest.raises(PlanFileError) as caught:
            read_workbook(tmp_path / "err.xlsx", MAPPING)
        assert ["Actions!H2"] == [p.path for p in caught.value.problems]

    def test_formula_without_a_saved_value(self, tmp_path):
        """A formula whose value was never saved is a problem at its cell, not a blank."""
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Actions"
        ws.append(HEADERS)
        ws.append(["1 Stay safe", None, "Train staff", *[None] * 6, "ABG", "=1000*175"])
        wb.save(tmp_path / "formula.xlsx")
        with pytest.raises(PlanFileError) as caught:
            read_workbook(tmp_path / "formula.xlsx", MAPPING)
        assert ["Actions!K2"] == [p.path for p in caught.value.problems]
        assert "formula" in caught.value.problems[0].message

    def test_percent_format_on_money(self, tmp_path):
        """Words in a percentage-formatted amount cell are money words; a number is refused."""
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Actions"
        ws.append(HEADERS)
        ws.append(["1 Stay safe", None, "Train staff", *[None] * 6, "ABG", "Base budget"])
        ws.append([None, None, "Audit files", *[None] * 6, "ABG", 0.5])
        ws["K2"].number_format = "0%"
        ws["K3"].number_format = "0%"
        wb.save(tmp_path / "pct.xlsx")
        with pytest.raises(PlanFileError) as caught:
            read_workbook(tmp_path / "pct.xlsx", MAPPING)
        assert ["Actions!K3"] == [p.path for p in caught.value.problems]

    def test_mapping_from_yaml_file(self, workbook, tmp_path):
        """The mapping may be a YAML file."""
        path = tmp_path / "mapping.yaml"
        path.write_text(yaml.safe_dump(MAPPING), encoding="utf-8")
        assert read_workbook(workbook, path) == read_workbook(workbook, MAPPING)

    def test_not_a_workbook(self, tmp_path):
        """A file that is not a workbook is a PlanFileError."""
        path = tmp_path / "x.xlsx"
        path.write_text("not a zip", encoding="utf-8")
        with pytest.raises(PlanFileError, match="cannot read the workbook"):
            read_workbook(path, MAPPING)

    def test_wrong_kind_of_mapping(self, workbook):
        """A mapping that is not a dict, SheetMapping or path is an ArgumentError."""
        with pytest.raises(ArgumentError):
            read_workbook(workbook, 3)


class TestRoundTrip:
    def test_import_export_import_is_equal(self, workbook, tmp_path):
        """Reading a workbook, writing it and reading the result gives an equal plan."""
        plan = read_workbook(workbook, MAPPING)
        out = tmp_path / "out.xlsx"
        write_workbook(plan, out)
        assert plan == read_workbook(out)

    @pytest.mark.parametrize("name", ["sample", "wigan-2009-12"])
    def test_bundled_plans_keep_their_elements(self, name, tmp_path):
        """Every action and target of a bundled plan survives the workbook, with its id."""
        plan = load_bundled(name)
        write_workbook(plan, tmp_path / "out.xlsx")
        again = read_workbook(tmp_path / "out.xlsx")
        assert [a.id for _, _, a in plan.iter_actions()] == [
            a.id for _, _, a in again.iter_actions()
        ]
        assert [t.id for _, t in plan.iter_targets()] == [t.id for _, t in again.iter_targets()]

    @pytest.mark.parametrize("name", ["sample", "southend-2008-09", "wigan-2009-12"])
    def test_bundled_plans_are_stable_after_one_import(self, name, tmp_path):
        """After one import a bundled plan's workbook reads back equal, whatever it holds."""
        out = tmp_path / "out.xlsx"
        write_workbook(load_bundled(name), out)
        first = read_workbook(out)
        write_workbook(first, out)
        assert first == read_workbook(out)

    def test_sample_keeps_its_ids(self, tmp_path):
        """The sample plan's ids are the builder's, so they survive the workbook."""
        plan = load_bundled("sample")
        write_workbook(plan, tmp_path / "s.xlsx")
        again = read_workbook(tmp_path / "s.xlsx")
        assert [t.id for _, t in plan.iter_targets()] == [t.id for _, t in again.iter_targets()]

    def test_csv_of_the_actions_sheet(self, workbook, tmp_path):
        """The Actions sheet saved as CSV reads back through export_mapping."""
        plan = read_workbook(workbook, MAPPING)
        table = plan_tables(plan)[1]
        path = tmp_path / "actions.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([table.headers, *table.rows])
        assert plan == read_csv_plan(path, export_mapping(plan))


class TestWriteWorkbook:
    def test_sheets_styling_and_monitoring(self, tmp_path):
        """One sheet per table, bold headers, frozen panes, widths; any Table as a sheet."""

        class Results:
            def to_tables(self):
                return [Table("Monitoring: Q2", ("Indicator", "Status"), [("NI 62", "green")])]

        path = tmp_path / "s.xlsx"
        write_workbook(load_bundled("sample"), path, monitoring=Results())
        wb = openpyxl.load_workbook(path)
        assert [
            "About",
            "Actions",
            "Targets",
            "Indicators",
            "Funding",
            "Leads",
            "Monitoring Q2",
        ] == wb.sheetnames
        actions = wb["Actions"]
        assert actions["A1"].font.bold
        assert "A2" == actions.freeze_panes
        assert actions.column_dimensions["G"].width > 20
        assert "green" == wb["Monitoring Q2"]["B2"].value

    def test_numbers_and_percentages_written_as_numbers(self, tmp_path):
        """A percentage text that reads back the same is a formatted number."""
        path = tmp_path / "s.xlsx"
        write_workbook(load_bundled("sample"), path)
        sheet = openpyxl.load_workbook(path)["Indicators"]
        cells = [c for row in sheet.iter_rows() for c in row if c.value == 0.109]
        assert cells
        assert "%" in cells[0].number_format

    def test_formula_like_text_stays_text(self, tmp_path):
        """Text starting with '=' is written as text, never as a formula."""
        b = PlanBuilder("demo", "A", "T", "2009-10")
        b.action(b.priority("Stay safe"), "=1+1 is not a formula")
        path = tmp_path / "f.xlsx"
        write_workbook(b.build(), path)
        assert "=1+1 is not a formula" == read_workbook(path).priorities[0].actions[0].text

    def test_refuses_what_is_not_a_plan(self, tmp_path):
        """Anything but a Plan is an ArgumentError; monitoring must give tables."""
        with pytest.raises(ArgumentError):
            write_workbook(None, tmp_path / "x.xlsx")
        with pytest.raises(ArgumentError):
            write_workbook(load_bundled("sample"), tmp_path / "x.xlsx", monitoring=3)

    def test_unwritable_path(self, tmp_path):
        """A folder that does not exist is a PlanWriteError."""
        with pytest.raises(PlanWriteError):
            write_workbook(load_bundled("sample"), tmp_path / "no" / "x.xlsx")


class TestReadCsv:
    def test_forward_fill_and_cells(self, tmp_path):
        """CSV rows are read as a sheet's; problems are at their cells."""
        text = (
            "Priority,Action,By when,Funding,Amount\n"
            '1 Stay safe,Train staff,March 2010,ABG,"£3,584"\n'
            ",Audit files,31/02/2010,,Nil additional\n"
        )
        path = tmp_path / "plan.csv"
        path.write_text(text, encoding="utf-8")
        mapping = {
            **MAPPING,
            "columns": {
                "priority": "Priority",
                "action": "B",
                "due": "C",
                "funding": "D",
                "amount": "E",
            },
        }
        with pytest.raises(PlanFileError) as caught:
            read_csv_plan(path, mapping)
        assert ["C3"] == [p.path for p in caught.value.problems]
        path.write_text(text.replace("31/02/2010", "28/02/2010"), encoding="utf-8")
        plan = read_csv_plan(path, mapping)
        actions = plan.priorities[0].actions
        assert ["P1.A1", "P1.A2"] == [a.id for a in actions]
        assert 3584.0 == actions[0].funding[0].amount.gbp
        assert MoneyKind.NIL == actions[1].funding[0].amount.kind

    def test_empty_file(self, tmp_path):
        """A file with no rows gives a plan with no priorities."""
        path = tmp_path / "empty.csv"
        path.write_text("", encoding="utf-8")
        mapping = {**MAPPING, "columns": {"action": "A"}}
        assert () == read_csv_plan(path, mapping).priorities


class TestSheetMapping:
    def test_problems_reported_at_once(self):
        """Unknown keys and columns and bad period labels are all reported."""
        with pytest.raises(PlanFileError) as caught:
            SheetMapping.from_dict(
                {**MAPPING, "shet": "A", "columns": {"acton": "C", "targets": {"2009-11": "H"}}}
            )
        paths = [p.path for p in caught.value.problems]
        assert ["shet", "columns.acton", "columns.targets['2009-11']"] == paths

    def test_needs_an_action_or_priority_column(self):
        """A mapping with neither a priority nor an action column is refused."""
        with pytest.raises(PlanFileError, match="name a priority or an action column"):
            SheetMapping.from_dict({**MAPPING, "columns": {"lead": "D"}})


class TestOptionalDependency:
    def test_importing_ecm_plan_does_not_import_openpyxl(self):
        """openpyxl is imported only when a spreadsheet is read or written."""
        code = "import sys, ecm_plan, ecm_plan.io; print('openpyxl' in sys.modules)"
        result = subprocess.run(  # noqa: S603 (our own interpreter and code)
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False" == result.stdout.strip()

    def test_missing_openpyxl_names_the_extra(self, monkeypatch, tmp_path):
        """Without openpyxl the error names the xlsx extra."""
        real_import = builtins.__import__

        def no_openpyxl(name, *args, **kwargs):
            if name == "openpyxl" or name.startswith("openpyxl."):
                raise ImportError(name)
            return real_import(name, *args, **kwargs)

        monkeypatch.delitem(sys.modules, "openpyxl", raising=False)
        monkeypatch.setattr(builtins, "__import__", no_openpyxl)
        with pytest.raises(MissingExtraError, match=r"ecm-plan\[xlsx\]") as caught:
            write_workbook(load_bundled("sample"), tmp_path / "x.xlsx")
        assert isinstance(caught.value, ImportError)
        assert isinstance(caught.value, PlanError)
        again = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 (our own bytes)
        assert str(caught.value) == str(again)


class TestPlanBuilder:
    def test_ids_in_the_model_style(self):
        """Priorities, objectives, actions and targets get P1, P1.O1, P1.O1.A1, ...T1."""
        b = PlanBuilder("demo", "A", "T", "2009-10")
        p = b.priority("Stay safe")
        o = b.objective(p, "Safe placements")
        a = b.action(o, "Recruit carers")
        t = b.target(a, "Placements stable")
        assert ("P1", "P1.O1", "P1.O1.A1", "P1.O1.A1.T1") == (p, o, a, t)
        assert "qualitative" == b.build().priorities[0].objectives[0].actions[0].targets[0].kind

    def test_same_code_different_titles_stay_apart(self):
        """Two priorities sharing a code but not a title are two priorities, as in Wigan's KC1."""
        b = PlanBuilder("demo", "A", "T", "2009-10")
        first = b.priority("Joint Commissioning", code="KC1")
        second = b.priority("Children's Trust Arrangements", code="KC1")
        again = b.priority("joint  commissioning", code="kc1")
        assert ("P1", "P2", "P1") == (first, second, again)

    def test_registered_ids_never_clash(self):
        """A lead, a stream and an indicator of the same name get distinct ids."""
        b = PlanBuilder("demo", "A", "T", "2009-10")
        ids = [b.lead("PCT"), b.funding_stream("PCT"), b.indicator("PCT")]
        assert ["PCT", "PCT (funding)", "PCT (indicator)"] == ids

    def test_unknown_parent_is_a_problem(self):
        """An id the builder did not return is a problem at the caller's location."""
        b = PlanBuilder("demo", "A", "T", "2009-10", origin="rows.csv")
        assert b.action("P9", "x", where="row 3") is None
        with pytest.raises(PlanFileError) as caught:
            b.build()
        assert ["row 3"] == [p.path for p in caught.value.problems]

    def test_outcomes_by_key_or_title(self):
        """Outcomes are linked by key or title; an unknown one is a problem, never dropped."""
        b = PlanBuilder("demo", "A", "T", "2009-10")
        b.priority("Jobs", outcomes=["Achieve economic well-being", "STAY SAFE"])
        assert ["economic_wellbeing", "stay_safe"] == [
            o.outcome.value for o in b.build().priorities[0].outcomes
        ]
        b.priority("Fun", outcomes=["be happy"], where="A9")
        assert ["A9"] == [p.path for p in b.problems]

    def test_unknown_document_kind(self):
        """A kind that is not a document kind is a problem at its location."""
        b = PlanBuilder("demo", "A", "T", "2009-10", kind="novel", where={"kind": "About!B5"})
        with pytest.raises(PlanValidationError) as caught:
            b.build()
        assert ["About!B5"] == [p.path for p in caught.value.problems]

    def test_bad_period(self):
        """A plan period that cannot be read is a problem."""
        b = PlanBuilder("demo", "A", "T", "2009-11", where={"period": "About!B4"})
        with pytest.raises(PlanValidationError) as caught:
            b.build()
        assert ["About!B4"] == [p.path for p in caught.value.problems]

    @given(
        ops=st.lists(
            st.tuples(
                st.sampled_from(["priority", "objective", "action", "target", "fund", "lead"]),
                st.one_of(texts(), cell_texts(), due_texts()),
                st.one_of(
                    st.none(),
                    cell_texts(),
                    st.integers(0, 260).map(lambda n: f"NI {n} words"),
                    st.floats(allow_nan=False, allow_infinity=False),
                ),
            ),
            max_size=12,
        ),
        plan_id=st.sampled_from(["demo", "Bad Id"]),
    )
    def test_builds_a_valid_plan_or_raises_the_library_error(self, ops, plan_id):
        """Whatever the rows, build() gives a valid plan (that a file holds) or a PlanError."""
        b = PlanBuilder(plan_id, "A", "T", "2009-10 to 2010-11")
        last: dict[str, str | None] = {"priority": None, "objective": None, "action": None}
        for kind, text, cell in ops:
            if kind == "priority":
                last["priority"] = b.priority(text)
            elif kind == "objective":
                last["objective"] = b.objective(last["priority"] or "P1", text)
            elif kind == "action":
                parent = last["objective"] or last["priority"] or "P1"
                last["action"] = b.action(parent, text, due=text, leads=[text])
            elif kind == "target":
                owner = last["action"] or last["priority"] or "P1"
                indicator = cell if isinstance(cell, str) else None
                b.target(owner, text, indicator=indicator, values={"2009-10": cell})
            elif kind == "fund":
                b.allocate(last["priority"] or "P1", text, cell)
            else:
                b.lead(text)
        outcome: Plan | PlanValidationError
        try:
            outcome = b.build()
        except PlanValidationError as err:
            outcome = err
        if isinstance(outcome, PlanValidationError):
            assert outcome.problems
            assert isinstance(outcome, PlanError)
        else:
            assert outcome == loads_plan(dumps_plan(outcome, "json"), "json")


class TestWriteWorkbookArguments:
    """write_workbook refuses a wrong argument before it opens anything."""

    @pytest.mark.parametrize("path", [None, 3, b"plan.xlsx"])
    def test_bad_path(self, path, tmp_path, monkeypatch):
        """A path that is not a str or PathLike is ArgumentError, and nothing is written."""
        monkeypatch.chdir(tmp_path)
        with pytest.raises(ArgumentError, match="path"):
            write_workbook(load_bundled("sample"), path)
        assert [] == list(tmp_path.iterdir())

    def test_not_a_plan(self, tmp_path):
        """Anything but a Plan is ArgumentError naming the argument."""
        with pytest.raises(ArgumentError, match="plan"):
            write_workbook(None, tmp_path / "x.xlsx")
        assert [] == list(tmp_path.iterdir())


class TestBuiltPlansSave:
    """A plan the builder returns is one a plan file can hold."""

    def test_figure_past_the_digit_limit_refused(self):
        """A figure of 18 digits (what 1e17 becomes) is refused at build, not at save."""
        b = PlanBuilder("demo", "A", "T", "2009-10")
        b.priority("Priority 1")
        b.target("P1", "Big", values={"2009-10": 1e17})
        with pytest.raises(PlanValidationError) as info:
            b.build()
        assert any("digits" in p.message for p in info.value.problems)
