"""The HTML report used the way a council tool uses it (mypy --strict)."""

from __future__ import annotations

from pathlib import Path
from typing import assert_type

from ecm_plan import load_bundled
from ecm_plan.exceptions import MissingExtraError
from ecm_plan.monitoring import load_returns
from ecm_plan.report.html import DEFAULT_MAX_CHARTS, plan_html, portfolio_html


def write(folder: Path) -> None:
    plan = load_bundled("wigan-2009-12")
    returns = load_returns(folder / "returns.csv")
    try:
        page = assert_type(
            plan_html(plan, returns=returns, as_of="2009-10 Q2", rule="default"), str
        )
    except MissingExtraError as err:
        (folder / "missing.txt").write_text(assert_type(err.extra, str), encoding="utf-8")
        return
    (folder / "wigan.html").write_text(page, encoding="utf-8")
    both = assert_type(
        portfolio_html([plan, load_bundled("sample")], returns=None, max_charts=DEFAULT_MAX_CHARTS),
        str,
    )
    (folder / "portfolio.html").write_text(both, encoding="utf-8")
