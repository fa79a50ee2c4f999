"""Benchmark: how long ``import ecm_plan`` takes, against importing what it is built on.

Each measurement is a fresh interpreter (``python -c "import X"``); the runs of ecm_plan, of
the four libraries it stands on (attrs, cattrs, networkx, PyYAML, imported together) and of an
empty interpreter are interleaved, repeated, and their medians taken.  The interpreter's own
start is subtracted from both sides, so the ratio compares import work only:

    ratio import ecm_plan / (attrs+cattrs+networkx+yaml): X      (goal: at most 1.5)

A second line does the same for importing ecm_plan and loading the sample plan, and says
whether pint or NumPy were imported (they should not be: units and arrays load on first use).

Run from the repository root::

    PYTHONPATH=src python benchmarks/startup.py --repeat 15
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "python": "pass",
    "floor": "import attrs, cattrs, networkx, yaml",
    "ecm_plan": "import ecm_plan",
    "ecm_plan+load": "import ecm_plan; ecm_plan.load_bundled('sample')",
}

PROBE = (
    "import sys, ecm_plan; ecm_plan.load_bundled('sample'); "
    "print(sorted(m for m in ('pint', 'numpy') if m in sys.modules))"
)


def run_once(code: str) -> float:
    """Seconds a fresh interpreter takes to run ``code`` and exit."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 (fixed code)
    return time.perf_counter() - start


def main() -> None:
    """Time each case in fresh interpreters, interleaved, and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    for code in CASES.values():  # warm the file-system cache and the byte-code
        run_once(code)
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(args.repeat):
        for name, code in CASES.items():
            times[name].append(run_once(code))
    median = {name: statistics.median(found) * 1000 for name, found in times.items()}

    print(f"{'import':<16} {'median ms':>10} {'minus python':>13}   ({args.repeat} runs each)")
    for name, ms in median.items():
        print(f"{name:<16} {ms:>10.1f} {ms - median['python']:>13.1f}")
    floor = median["floor"] - median["python"]
    ours = median["ecm_plan"] - median["python"]
    loaded = median["ecm_plan+load"] - median["python"]
    modules = subprocess.run(  # noqa: S603 (fixed code)
        [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
    ).stdout.strip()
    print(f"\nimported after loading the sample plan, of pint and numpy: {modules}")
    with_load = loaded / floor
    print(
        f"ratio import ecm_plan and load the sample / (attrs+cattrs+networkx+yaml): {with_load:.2f}"
    )
    print(f"ratio import ecm_plan / (attrs+cattrs+networkx+yaml): {ours / floor:.2f}")


if __name__ == "__main__":
    main()
