"""pandas frames of a plan's values, funding and findings (the optional ``pandas`` extra)."""

from __future__ import annotations

import math
import subprocess
import sys

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import ecm_plan
from ecm_plan.coverage import check, summary
from ecm_plan.findings import Finding
from ecm_plan.frames import (
    FINDING_COLUMNS,
    FUNDING_COLUMNS,
    VALUE_COLUMNS,
    findings_frame,
    funding_frame,
    table_frame,
    values_frame,
)
from ecm_plan.report import Table
from ecm_plan.testing import plans


def _model_values(plan: ecm_plan.Plan) -> list[tuple[str, str, str | None, str]]:
    """(owner, series, period label, text) of every value, read from the model directly."""
    out: list[tuple[str, str, str | None, str]] = []
    for ind in plan.indicators:
        if ind.baseline is not None and ind.baseline.value is not None:
            period = ind.baseline.period.label if ind.baseline.period else None
            out.append((ind.id, "baseline", period, ind.baseline.value.text))
        out += [(ind.id, "actual", p.label, v.text) for p, v in ind.actuals.items()]
        out += [(ind.id, "target", p.label, v.text) for p, v in ind.targets.items()]
    for _, target in plan.iter_targets():
        if target.baseline is not None and target.baseline.value is not None:
            period = target.baseline.period.label if target.baseline.period else None
            out.append((target.id, "baseline", period, target.baseline.value.text))
        out += [(target.id, "target", p.label, v.text) for p, v in target.values.items()]  # noqa: PD011 (Target.values is a mapping of the model, not a pandas attribute)
        if target.value is not None:
            window = target.due.window if target.due else None
            out.append((target.id, "target", window.label if window else None, target.value.text))
    return out


def _rows(frame) -> list[tuple[str, str, str | None, str]]:
    return [
        (r.owner, r.series, None if pd.isna(r.period) else r.period, r.text)
        for r in frame.itertuples()
    ]


@pytest.mark.parametrize("name", ecm_plan.bundled_plans())
class TestBundled:
    """Every value and allocation of each bundled plan is in its frame, once."""

    def test_every_value_once(self, name):
        """One row per value, in the model's order, with the document's text."""
        plan = ecm_plan.load_bundled(name)
        frame = values_frame(plan)
        assert list(VALUE_COLUMNS) == list(frame.columns)
        assert _model_values(plan) == _rows(frame)

    def test_magnitudes_are_the_model_values(self, name):
        """A figure is the value's magnitude; a value with no figure is missing, not zero."""
        plan = ecm_plan.load_bundled(name)
        frame = values_frame(plan)
        by_text = {r.text: r.magnitude for r in frame.itertuples()}
        for ind in plan.indicators:
            for value in (*ind.actuals.values(), *ind.targets.values()):
                got = by_text[value.text]
                if value.magnitude is None:
                    assert math.isnan(got)
                else:
                    assert value.magnitude == got

    def test_every_allocation_once(self, name):
        """One row per allocation, with the amount in pounds when it names a sum."""
        plan = ecm_plan.load_bundled(name)
        frame = funding_frame(plan)
        assert list(FUNDING_COLUMNS) == list(frame.columns)
        expected = [
            a.amount.gbp if a.amount is not None else None
            for p in plan.priorities
            for e in (p, *p.actions, *(x for o in p.objectives for x in (o, *o.actions)))
            for a in e.funding
        ]
        got = [None if math.isnan(g) else g for g in frame.gbp]
        assert sorted(expected, key=repr) == sorted(got, key=repr)

    def test_findings(self, name):
        """Every finding of a check is a row."""
        plan = ecm_plan.load_bundled(name)
        findings = check(plan)
        frame = findings_frame(findings)
        assert list(FINDING_COLUMNS) == list(frame.columns)
        assert [(f.code, f.subject) for f in findings] == list(
            zip(frame.code, frame.subject, strict=True)
        )


class TestSourcePlans:
    """Figures the documents print, found through the frames."""

    def test_southend_pooled_budgets_by_key(self):
        """Southend's pooled and aligned budgets table: the totals per funding key in £000."""
        frame = funding_frame(ecm_plan.load_bundled("southend-2008-09"))
        totals = frame.groupby("stream", dropna=False).gbp.sum().div(1000).round()
        assert {"ABG": 3148, "ABG(CF)": 241, "SG": 4172, "SF": 245} == {
            k: int(v) for k, v in totals.items() if isinstance(k, str)
        }
        assert 1440 == int(totals[totals.index.isna()].iloc[0])
        assert 9246 == round(frame.gbp.sum() / 1000)

    def test_wigan_key_targets_grid(self):
        """Wigan's NI 112 and NI 19 rows of the key performance targets table."""
        frame = values_frame(ecm_plan.load_bundled("wigan-2009-12"))
        targets = frame[(frame.source == "indicator") & (frame.series == "target")]
        grid = targets.pivot_table(index="code", columns="period", values="magnitude")
        assert [-16.0, -33.0, -50.0] == grid.loc["NI 112"].tolist()
        assert [0.81, 0.77, 0.73] == grid.loc["NI 19"].tolist()

    def test_code_slip_keeps_both_codes(self):
        """The document's code and the catalogue code it stands for are both kept."""
        frame = values_frame(ecm_plan.load_bundled("wigan-2009-12"))
        row = frame[frame.code == "Ni 93"].iloc[0]
        assert "NI 102a" == row.catalogue_code

    def test_stockton_undetermined_targets(self):
        """Stockton's targets still to be determined have no figure."""
        frame = values_frame(ecm_plan.load_bundled("stockton-2008-11"))
        tbd = frame[frame.status == "to_be_determined"]
        assert len(tbd) > 0
        assert tbd.magnitude.isna().all()

    def test_dates_are_datetimes(self):
        """Period starts and ends are pandas datetimes."""
        frame = values_frame(ecm_plan.load_bundled("sample"))
        assert pd.api.types.is_datetime64_any_dtype(frame.start)
        assert "2009-04-01" == str(frame[frame.period == "2009-10"].start.iloc[0].date())


class TestCatalogueCode:
    """The catalogue_code column is what ni_of decides."""

    def test_as_ni_of(self):
        """A BVPI indicator with a catalogue code and a dropped code have none; a
        National Indicator written in another spelling has the normal form."""
        sample = ecm_plan.load_bundled("sample")
        base = attrs.evolve(sample.indicators[0], responsible=())
        indicators = [
            attrs.evolve(base, id="BVPI 197", scheme="bvpi", catalogue_code="NI 112"),
            attrs.evolve(base, id="NI 31"),
            attrs.evolve(base, id="NI 56", code="NI056"),
        ]
        plan = ecm_plan.Plan(
            id="p", authority="A", title="T", period=sample.period, indicators=indicators
        )
        frame = values_frame(plan)
        codes = {
            o: c if isinstance(c, str) else None
            for o, c in zip(frame.owner, frame.catalogue_code, strict=True)
        }
        assert {"BVPI 197": None, "NI 31": None, "NI 56": "NI 56"} == codes


class TestShapes:
    """Empty inputs, portfolios and tables."""

    def test_plan_without_values(self):
        """A plan with no figures gives empty frames with every column."""
        plan = ecm_plan.load_bundled("swindon-2008")
        assert (0, len(VALUE_COLUMNS)) == values_frame(plan).shape
        assert (0, len(FUNDING_COLUMNS)) == funding_frame(plan).shape
        assert (0, len(FINDING_COLUMNS)) == findings_frame([]).shape

    def test_portfolio(self):
        """Several plans make one frame; the plan column tells them apart."""
        names = ["sample", "wigan-2009-12"]
        loaded = [ecm_plan.load_bundled(n) for n in names]
        frame = values_frame(iter(loaded))
        assert names == list(dict.fromkeys(frame.plan))
        assert sum(len(values_frame(p)) for p in loaded) == len(frame)

    def test_not_a_plan(self):
        """An item that is not a plan is a TypeError naming it."""
        with pytest.raises(TypeError, match=r"plans\[1\] must be a Plan, not str"):
            values_frame([ecm_plan.load_bundled("sample"), "wigan-2009-12"])  # type: ignore[list-item]  # the wrong kind of input, on purpose

    def test_table(self):
        """A report table keeps its headers, cells, title and notes."""
        table = Table("Key targets", ("Measure", "2009-10"), [("NI 112", "-16%")], ["a note"])
        frame = table_frame(table)
        assert ["Measure", "2009-10"] == list(frame.columns)
        assert [["NI 112", "-16%"]] == frame.to_numpy().tolist()
        assert {"title": "Key targets", "notes": ["a note"]} == frame.attrs

    def test_summary_table(self):
        """Any to_table() result converts."""
        plan = ecm_plan.load_bundled("sample")
        table = summary(plan).to_tables()[0]
        assert [list(r) for r in table.rows] == table_frame(table).to_numpy().tolist()

    def test_findings_fields(self):
        """A finding's fields land in their columns."""
        finding = Finding("ECM201", "error", "P1", "No lead.", "Name one.", "priorities[0]", "x")
        row = findings_frame([finding]).iloc[0].to_dict()
        assert {
            "plan": "x",
            "severity": "error",
            "code": "ECM201",
            "subject": "P1",
            "path": "priorities[0]",
            "message": "No lead.",
            "hint": "Name one.",
        } == row


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_every_value_once(plan):
    """For any plan, the values frame holds every value of the model once, in order."""
    assert _model_values(plan) == _rows(values_frame(plan))


class TestWithoutPandas:
    """The core does not need pandas; the frames say how to get it."""

    def test_core_does_not_import_pandas(self):
        """Importing the library and running an analysis leaves pandas unimported."""
        code = (
            "import sys, ecm_plan, ecm_plan.coverage as c;"
            "c.check(ecm_plan.load_bundled('sample'));"
            "import ecm_plan.frames;"
            "sys.exit('pandas' in sys.modules)"
        )
        assert 0 == subprocess.run([sys.executable, "-c", code], check=False).returncode  # noqa: S603 (our own interpreter and a literal script)

    def test_missing_pandas(self, monkeypatch):
        """Without pandas, a frame function raises ImportError naming the extra."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r'pip install "ecm-plan\[pandas\]"'):
            values_frame(ecm_plan.load_bundled("sample"))
