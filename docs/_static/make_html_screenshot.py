"""Make ``html-report.png``: Wigan's report with the illustrative returns, as Chromium shows it.

Run from the checkout with ``python docs/_static/make_html_screenshot.py``; it needs the
``html`` extra, the ``playwright`` package and a Chromium (Debian's ``chromium``, or the one
``ECM_PLAN_CHROMIUM`` names). The picture is one window (1200 by 900 pixels) from the note
above the charts, kept small enough for the documentation.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from ecm_plan import load_bundled
from ecm_plan.monitoring import load_returns
from ecm_plan.report.html import plan_html

HERE = Path(__file__).resolve().parent
RETURNS = HERE.parents[1] / "examples" / "wigan-2009-10-returns.csv"
OUT = HERE / "html-report.png"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    """Write the report to a temporary file, open it, and save one window of it."""
    chromium = os.environ.get("ECM_PLAN_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        sys.stderr.write("no Chromium found: install chromium or set ECM_PLAN_CHROMIUM\n")
        return 1
    page_text = plan_html(load_bundled("wigan-2009-12"), returns=load_returns(RETURNS))
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = Path(folder) / "wigan.html"
        path.write_text(page_text, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(path.as_uri(), wait_until="load")
        top = page.locator("#trajectories > p.note").bounding_box()
        y = 0.0 if top is None else max(0.0, top["y"] - 16)
        page.screenshot(
            path=str(OUT), full_page=True, clip={"x": 0, "y": y, "width": 1200, "height": 900}
        )
        browser.close()
    sys.stdout.write(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
