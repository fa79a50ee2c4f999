"""Benchmark: monitoring the four bundled plans through a year of returns, load against assess.

For each bundled source plan, a returns file (CSV) is made with one row per quarter of the
plan's first year for every indicator that has a planned figure in that year: the quarter's
value is the year's planned cell, so every row reads and is assessed. The script then times,
interleaved and repeated (CPU time, medians):

- **load**: reading each plan file (``loads_plan``) and its returns (``loads_returns``);
- **assess**: ``assess_plan`` of each plan against its returns.

It prints each stage's share and a line ``ratio assess/load: X``. Monitoring should be
dominated by loading, not by assessment: goal X < 1.

Run with ``python benchmarks/monitoring.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from importlib import resources

from ecm_plan import loads_plan
from ecm_plan.model import Plan
from ecm_plan.monitoring import assess_plan, loads_returns

SOURCE_PLANS = ("wigan-2009-12", "southend-2008-09", "stockton-2008-11", "swindon-2008")


def returns_csv(plan: Plan) -> str:
    """A year of quarterly returns for every indicator with a planned figure in the first year."""
    first = plan.period.start
    year = next(
        (p for i in plan.indicators for p in i.targets if p.start <= first < p.end),
        None,
    )
    rows = ["indicator,period,value,source"]
    for indicator in plan.indicators:
        for period, value in indicator.targets.items():
            if period == year and value.has_figure:
                for quarter in range(1, 5):
                    label = f"{period.label} Q{quarter}"
                    rows.append(f'"{indicator.id}",{label},"{value.text}",benchmark')
    return "\n".join(rows) + "\n"


def main() -> None:
    """Time load and assess, interleaved, and print the split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    texts = {
        name: resources.files("ecm_plan.plans").joinpath(f"{name}.yaml").read_text("utf-8")
        for name in SOURCE_PLANS
    }
    plans = {name: loads_plan(text, "yaml") for name, text in texts.items()}
    csvs = {name: returns_csv(plan) for name, plan in plans.items()}
    rows = sum(text.count("\n") - 1 for text in csvs.values())

    def load() -> None:
        for name in SOURCE_PLANS:
            loads_plan(texts[name], "yaml")
            loads_returns(csvs[name], "csv")

    returns = {name: loads_returns(csvs[name], "csv") for name in SOURCE_PLANS}
    assessed = sum(len(assess_plan(plans[n], returns[n]).rows) for n in SOURCE_PLANS)

    def assess() -> None:
        for name in SOURCE_PLANS:
            assess_plan(plans[name], returns[name])

    load_times: list[float] = []
    assess_times: list[float] = []
    for _ in range(args.repeat):
        for stage, times in ((load, load_times), (assess, assess_times)):
            start = time.process_time()
            stage()
            times.append(time.process_time() - start)
    load_median = statistics.median(load_times)
    assess_median = statistics.median(assess_times)
    total = load_median + assess_median
    print(f"four bundled plans, {rows} returns rows, {assessed} rows assessed")
    print(f"load    {load_median / total:5.0%} of the job")
    print(f"assess  {assess_median / total:5.0%} of the job")
    ratio = assess_median / load_median
    met = "met" if ratio < 1 else "NOT MET"
    print(f"ratio assess/load: {ratio:.2f} (goal: below 1, dominated by loading; {met})")
    print(f"(medians of {args.repeat} interleaved runs, CPU time)")


if __name__ == "__main__":
    main()
