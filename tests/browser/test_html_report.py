"""The HTML report opened in a real browser: it draws, runs nothing, and fetches nothing.

The page is opened from a file in Chromium through Playwright, headless. The browser is Debian's
``chromium`` on the path, or the one ``ECM_PLAN_CHROMIUM`` names; without a browser or without
the ``playwright`` package the tests are skipped, saying which is missing. Run them alone with
``pytest -m browser``.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import attrs
import pytest

from ecm_plan import load_bundled
from ecm_plan.monitoring import load_returns
from ecm_plan.report.html import plan_html

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is needed")

pytestmark = [pytest.mark.browser]

RETURNS = Path(__file__).resolve().parents[2] / "examples" / "wigan-2009-10-returns.csv"
HOSTILE = (
    "Anytown <script>window.__injected = 1</script> plan "
    '<img src=x onerror="window.__injected=2"> 2009-12'
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The browser to use: ``ECM_PLAN_CHROMIUM``, else ``chromium`` on the path."""
    return os.environ.get("ECM_PLAN_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found: install Debian's chromium or set ECM_PLAN_CHROMIUM")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=ARGS, headless=True)
        yield launched
        launched.close()


class Visit:
    """A page opened from a file, with what the browser reported while loading it."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url, wait_until="load")

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def hostile(browser, tmp_path_factory):
    plan = attrs.evolve(load_bundled("sample"), title=HOSTILE)
    path = tmp_path_factory.mktemp("html") / "hostile.html"
    path.write_text(plan_html(plan), encoding="utf-8")
    visit = Visit(browser, path)
    yield visit
    visit.close()


@pytest.fixture(scope="module")
def monitored(browser, tmp_path_factory):
    page = plan_html(load_bundled("wigan-2009-12"), returns=load_returns(RETURNS), max_charts=3)
    path = tmp_path_factory.mktemp("html") / "wigan.html"
    path.write_text(page, encoding="utf-8")
    visit = Visit(browser, path)
    yield visit
    visit.close()


class TestInBrowser:
    def test_runs_nothing_and_fetches_nothing(self, hostile):
        """No console error, no page error, no request but the file, no injected script ran."""
        assert [] == hostile.errors
        assert [hostile.url] == hostile.requests
        assert hostile.page.evaluate("window.__injected === undefined") is True
        assert 0 == hostile.page.locator("script, img").count()

    def test_title_shows_literally(self, hostile):
        """The title's markup is shown as text."""
        heading = hostile.page.inner_text("h1")
        assert "<script>window.__injected = 1</script>" in heading
        assert '<img src=x onerror="window.__injected=2">' in heading

    def test_charts_are_drawn(self, hostile):
        """Each chart is an SVG with a size on screen and matplotlib's paths inside."""
        charts = hostile.page.locator("figure.chart svg")
        assert charts.count() > 0
        for index in range(charts.count()):
            box = charts.nth(index).bounding_box()
            assert box is not None
            assert box["width"] > 100
            assert box["height"] > 50
            assert charts.nth(index).locator("path").count() > 10

    def test_screenshot(self, hostile, tmp_path):
        """A full-page screenshot is a PNG taller than the window and far from blank."""
        image = pytest.importorskip("PIL.Image", reason="Pillow reads the screenshot")
        shot = tmp_path / "page.png"
        hostile.page.screenshot(path=str(shot), full_page=True)
        data = shot.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(data) > 20_000
        with image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
        assert 1200 == width
        assert height > 900
        assert colours is not None
        assert len(colours) > 50

    def test_monitoring_is_visible(self, monitored):
        """With returns, the monitoring section shows its table and roll-up, and runs clean."""
        assert [] == monitored.errors
        assert [monitored.url] == monitored.requests
        section = monitored.page.locator("#monitoring")
        assert section.is_visible()
        assert section.locator("table").first.is_visible()
        text = section.inner_text()
        assert "Monitoring wigan-2009-12" in text
        assert "Roll-up wigan-2009-12" in text
        assert 3 == monitored.page.locator("figure.chart svg").count()
