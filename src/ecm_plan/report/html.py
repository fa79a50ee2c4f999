r"""The report of a plan, or of a portfolio of plans, as one self-contained HTML page.

The page needs nothing but a browser: the styles are inline, the charts are inline SVG drawn by
matplotlib, and there is no script and no link to anything outside the file, so it can be sent
by email or kept with the plan. Its sections (plan, contents summary, outcomes by priorities,
findings by severity, trajectories with their charts, monitoring, dependencies and impact) are
the analyses of :func:`~ecm_plan.report.plan.plan_report`, each with an anchor listed in the
table of contents; a section with nothing in it says "None." rather than vanishing.

This module needs the ``html`` extra (``pip install "ecm-plan[html]"``: Jinja2 and
matplotlib); without it the functions raise :class:`~ecm_plan.exceptions.MissingExtraError`.
Every text from the plan is escaped, and control characters in it (U+0000 to U+001F except tab
and newline, U+007F to U+009F, and unpaired surrogates) are shown as visible escapes such as
``\x07`` instead of reaching the page raw.

Example:
    >>> from ecm_plan import load_bundled
    >>> page = plan_html(load_bundled("sample"), max_charts=0)
    >>> page.startswith("<!DOCTYPE html>"), "<script" in page
    (True, False)
    >>> 'id="findings"' in page, "2 of them are not drawn" in page
    (True, True)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import io
import math
import re
import textwrap
import warnings
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ecm_plan import _args
from ecm_plan._version import __version__
from ecm_plan.coverage.matrix import Link, OutcomeMatrix
from ecm_plan.coverage.portfolio import portfolio
from ecm_plan.exceptions import MissingExtraError
from ecm_plan.findings import Finding, Severity, _severity
from ecm_plan.model import Indicator, Plan
from ecm_plan.monitoring import (
    MonitoringResult,
    MonitoringRow,
    RatingRule,
    Returns,
    assess_plan,
    rating_rule,
)
from ecm_plan.periods import Period, parse_period
from ecm_plan.plots import plot_indicator, plot_monitoring
from ecm_plan.report.plan import _Context, summary_table, trajectory_table
from ecm_plan.tables import Table
from ecm_plan.trajectory import planned_series

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["DEFAULT_MAX_CHARTS", "plan_html", "portfolio_html"]

DEFAULT_MAX_CHARTS = 12
"""How many trajectory charts a plan's page draws at most; the page names those left out.

Example:
    >>> DEFAULT_MAX_CHARTS
    12
"""

_MAX_CHARTS_BOUNDS = (0, 200)

#: An id in matplotlib's SVG, or a reference to one: each is given the chart's own prefix, so
#: that the ids of several charts in one page stay distinct.
_SVG_REFERENCE = re.compile(r'(\bid="|xlink:href="#|url\(#)([^"()]+)')

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _clean(text: str) -> str:
    r"""Text with its control characters replaced by visible escapes, as the page shows it.

    Tab and newline stay; every other character from U+0000 to U+001F, U+007F to U+009F, and
    any unpaired surrogate, becomes ``\xNN`` (or ``\uNNNN``).

    Example:
        >>> _clean("Be\x07 healthy\tand\nsafe")
        'Be\\x07 healthy\tand\nsafe'
    """
    return _CONTROL.sub(_visible, text)


def _finalize(value: object) -> object:
    """What every ``{{ ... }}`` of the templates passes through before it is escaped."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return _clean(value)
    return value


def _jinja() -> Any:  # noqa: ANN401 (the module)
    try:
        import jinja2  # noqa: PLC0415 (an optional dependency, imported on use)
    except ImportError:
        raise MissingExtraError("jinja2", "html", "the HTML report") from None
    return jinja2


def _need_matplotlib() -> None:
    """Raise MissingExtraError if matplotlib is not installed, without importing it."""
    try:
        found = importlib.util.find_spec("matplotlib")
    except ValueError:  # in sys.modules as None: import is blocked
        found = None
    if found is None:
        raise MissingExtraError("matplotlib", "html", "the charts of the HTML report")


def _matplotlib() -> Any:  # noqa: ANN401 (the module)
    try:
        import matplotlib as mpl  # noqa: PLC0415 (an optional dependency, imported on use)
    except ImportError:
        raise MissingExtraError("matplotlib", "html", "the charts of the HTML report") from None
    return mpl


@functools.cache
def _environment() -> Any:  # noqa: ANN401 (a jinja2.Environment; jinja2 is optional)
    """The one template environment: package templates, autoescaped, strict, cleaned."""
    jinja2 = _jinja()
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ecm_plan.report", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "j2", "html.j2"), default=True
        ),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["clean"] = _clean
    return env


# -- the view of a plan ---------------------------------------------------------------------


@attrs.frozen
class _Cell:
    text: str
    css: str
    label: str = ""


@attrs.frozen
class _MatrixRow:
    title: str
    aim: bool
    links: tuple[_Cell, ...]
    totals: tuple[_Cell, ...]


@attrs.frozen
class _Grid:
    columns: tuple[tuple[str, str], ...]
    totals: tuple[str, ...]
    rows: tuple[_MatrixRow, ...]


@attrs.frozen
class _Chart:
    id: str
    caption: str
    svg: object


@attrs.frozen
class _Charts:
    charts: tuple[_Chart, ...]
    candidates: int
    indicators: int
    left_out: tuple[str, ...]
    cap: int


@attrs.frozen
class _FindingGroup:
    id: str
    title: str
    findings: tuple[Finding, ...]
    shown: bool = True


@attrs.frozen
class _Monitoring:
    tables: tuple[Table, ...]
    findings: tuple[Finding, ...]


@attrs.frozen
class _PlanView:
    """Everything the templates show of one plan."""

    prefix: str
    plan: Plan
    sections: tuple[tuple[str, str], ...]
    counts: Table
    summary: tuple[Table, ...]
    grid: _Grid
    matrix_table: Table
    groups: tuple[_FindingGroup, ...]
    trajectories: Table
    charts: _Charts
    monitoring: _Monitoring | None
    dependencies: tuple[Table, ...]

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return len(self.groups[0].findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.groups[1].findings)

    @property
    def infos(self) -> int:
        """How many findings are notes."""
        return len(self.groups[2].findings)


_SECTIONS = (
    ("plan", "Plan"),
    ("summary", "Summary"),
    ("matrix", "Outcomes and priorities"),
    ("findings", "Findings"),
    ("trajectories", "Trajectories"),
    ("monitoring", "Monitoring"),
    ("dependencies", "Dependencies and impact"),
)

_LINK_TEXT = {
    Link.STATED: "stated",
    Link.INFERRED: "inferred",
    Link.OUTCOME: "outcome",
    Link.SUPPORTS: "supports",
}


def _band(count: int, most: int) -> str:
    """The shade of a count cell: 0 for none, then 1 to 4 by its share of the column's most."""
    if count <= 0 or most <= 0:
        return "count-0"
    return f"count-{min(4, 1 + (4 * count - 1) // most)}"


def _grid(matrix: OutcomeMatrix) -> _Grid:
    names = ("Priorities", "Objectives", "Actions", "Indicators", "Funding lines")
    figures = [
        (r.priorities, r.objectives, r.actions, r.indicators, r.allocations) for r in matrix.rows
    ]
    most = [max((f[i] for f in figures), default=0) for i in range(len(names))]
    rows = []
    for found, counts in zip(matrix.rows, figures, strict=True):
        links = tuple(
            _Cell("\u2013", "link-none", "no link")
            if link is None
            else _Cell(_LINK_TEXT[link], f"link-{link.value}", f"{link.value} link")
            for link in found.links
        )
        totals = tuple(
            _Cell(str(n), _band(n, most[i]), names[i].lower()) for i, n in enumerate(counts)
        )
        title = f"{found.aim.rsplit('.', 1)[1]}. {found.title}" if found.aim else found.title
        rows.append(_MatrixRow(title, found.aim is not None, links, totals))
    columns = tuple((c.label, c.title) for c in matrix.columns)
    return _Grid(columns, names, tuple(rows))


def _groups(
    prefix: str, findings: Iterable[Finding], threshold: Severity = Severity.INFO
) -> tuple[_FindingGroup, ...]:
    found = tuple(findings)
    titles = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
    return tuple(
        _FindingGroup(
            f"{prefix}findings-{severity.value}",
            titles[severity],
            tuple(f for f in found if f.severity is severity),
            severity >= threshold,
        )
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )


def _charted(indicator: Indicator) -> bool:
    """Whether an indicator's series has a start and a final target figure to draw."""
    series = planned_series(indicator)
    if not series.values or math.isnan(series.values[-1]):
        return False
    figures = sum(1 for v in series.values if not math.isnan(v))
    return series.baseline is not None or figures >= 2


def _svg(draw: Callable[[Axes], object], salt: str) -> object:
    """A chart drawn by ``draw`` as SVG markup, ready to insert in the page."""
    mpl = _matplotlib()
    figure = importlib.import_module("matplotlib.figure")
    text_module = importlib.import_module("matplotlib.text")
    markup = importlib.import_module("markupsafe").Markup
    settings = {"svg.fonttype": "none", "svg.hashsalt": salt, "font.size": 9}
    with mpl.rc_context(settings), warnings.catch_warnings():
        # The browser draws the text with its own fonts (svg.fonttype none): a glyph that
        # matplotlib's font lacks only changes the layout estimate.
        warnings.filterwarnings(
            "ignore", message=r"Glyph \d+ .* missing from", category=UserWarning
        )
        fig = figure.Figure(figsize=(6.4, 3.6), layout="constrained")
        ax = fig.subplots()
        draw(ax)
        title = ax.get_title()
        if len(title) > 70:
            ax.set_title("\n".join(textwrap.wrap(title, 70)))
        for text in fig.findobj(text_module.Text):
            text.set_parse_math(False)
            text.set_text(_clean(text.get_text()))
        buffer = io.StringIO()
        metadata = {"Creator": None, "Date": None, "Format": None, "Type": None}
        fig.savefig(buffer, format="svg", metadata=metadata)
    svg = buffer.getvalue()
    svg = _SVG_REFERENCE.sub(lambda m: f"{m.group(1)}{salt}-{m.group(2)}", svg[svg.index("<svg") :])
    return markup(_clean(svg))


def _charts(prefix: str, plan: Plan, monitoring: MonitoringResult | None, cap: int) -> _Charts:
    monitored: dict[str, MonitoringRow] = {}
    if monitoring is not None:
        monitored = {r.subject: r for r in monitoring.rows if r.subject == r.indicator}
    candidates = [i for i in plan.indicators if i.id in monitored or _charted(i)]
    charts = []
    for n, indicator in enumerate(candidates[:cap], start=1):
        row = monitored.get(indicator.id)
        chart_id = f"{prefix}chart-{n}"
        if row is not None:
            svg = _svg(functools.partial(_draw_monitoring, row), chart_id)
            caption = f"{indicator.written_code}: against the returns to {row.period.label}"
        else:
            svg = _svg(functools.partial(_draw_indicator, indicator), chart_id)
            caption = f"{indicator.written_code}: as the plan gives it"
        charts.append(_Chart(chart_id, caption, svg))
    return _Charts(
        tuple(charts),
        len(candidates),
        len(plan.indicators),
        tuple(i.id for i in candidates[cap:]),
        cap,
    )


def _draw_indicator(indicator: Indicator, ax: Axes) -> None:
    plot_indicator(indicator, ax=ax)


def _draw_monitoring(row: MonitoringRow, ax: Axes) -> None:
    plot_monitoring(row, ax=ax)


def _view(
    prefix: str,
    plan: Plan,
    monitoring: MonitoringResult | None,
    cap: int,
    threshold: Severity = Severity.INFO,
) -> _PlanView:
    ctx = _Context(plan)
    monitored = None
    if monitoring is not None:
        rows, rollup = monitoring.to_tables()
        monitored = _Monitoring((rows, rollup), monitoring.findings)
    return _PlanView(
        prefix=prefix,
        plan=plan,
        sections=tuple((prefix + key, title) for key, title in _SECTIONS),
        counts=summary_table(plan),
        summary=ctx.coverage_tables,
        grid=_grid(ctx.matrix),
        matrix_table=ctx.matrix_tables[0],
        groups=_groups(prefix, ctx.findings, threshold),
        trajectories=trajectory_table(plan),
        charts=_charts(prefix, plan, monitoring, cap),
        monitoring=monitored,
        dependencies=ctx.dependency_tables,
    )


def _render(template: str, **context: object) -> str:
    page: str = _environment().get_template(template).render(version=__version__, **context)
    return page


def _check_options(
    returns: object, as_of: object, rule: object, max_charts: object
) -> tuple[Returns | None, RatingRule, int]:
    if returns is not None:
        _args.require_type(returns, "returns", Returns, "Returns")
    if as_of is not None and not isinstance(as_of, Period):
        parse_period(_args.require_text(as_of, "as_of"))
    if rule is not None and not isinstance(rule, RatingRule):
        _args.require_text(rule, "rule")
    cap = _args.require_int(max_charts, "max_charts", *_MAX_CHARTS_BOUNDS)
    chosen = rating_rule(rule if isinstance(rule, RatingRule | str) else None)
    return (returns if isinstance(returns, Returns) else None), chosen, cap


def plan_html(
    plan: Plan,
    *,
    returns: Returns | None = None,
    as_of: Period | str | None = None,
    rule: str | RatingRule | None = "default",
    max_charts: int = DEFAULT_MAX_CHARTS,
    severity: Severity | str | None = None,
) -> str:
    """The report of a plan as one self-contained HTML page.

    The sections, each with an anchor in the table of contents: the plan (title, authority,
    period, kind, vision); a summary of its contents and their completeness; the outcomes set
    against the priorities as a coloured grid (each cell also says how the priority is linked);
    the findings grouped by severity with their rule code, message, hint and place in the
    plan file; the trajectories, with one chart for each indicator whose series has a start
    (a baseline, or a first target) and a final target figure, at most ``max_charts`` of them
    (the page names those left out); the monitoring table and roll-up when ``returns`` are
    given (:func:`~ecm_plan.monitoring.assess_plan`); and the dependency and impact tables.

    Args:
        plan: The plan.
        returns: Actual values to assess the plan against, or None for no monitoring.
        as_of: The last period of returns to take (a period or a label such as
            ``"2009-10 Q2"``); None takes every return.
        rule: The rating rule, or its name (:data:`~ecm_plan.monitoring.RULES`).
        max_charts: The most trajectory charts to draw (0 to 200).
        severity: The least severe findings to list (``error``, ``warning`` or ``info``);
            the groups below it keep their count and say they are not listed. None lists all.

    Returns:
        One HTML5 document, to be written as UTF-8.

    Raises:
        ArgumentError: An argument is of the wrong kind (a :class:`TypeError`).
        ArgumentValueError: ``max_charts`` is out of its bounds.
        UnknownRatingRuleError: ``rule`` names no rule the library knows.
        InvalidChoiceError: ``severity`` is not a severity (a :class:`ValueError`).
        InvalidPeriodError: ``as_of`` is not a period label.
        MissingExtraError: Jinja2 or matplotlib is not installed (an :class:`ImportError`).

    Example:
        >>> from ecm_plan import load_bundled
        >>> page = plan_html(load_bundled("sample"), max_charts=1)
        >>> page.count("<svg"), page.count('<section id="')
        (1, 10)
        >>> "No returns were given" in page
        True
        >>> plan_html("sample")
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: plan must be a Plan, not str; pass a Plan

    .. versionadded:: 0.2.0
    """
    _args.require_type(plan, "plan", Plan, "a Plan")
    given, chosen, cap = _check_options(returns, as_of, rule, max_charts)
    _environment()
    _need_matplotlib()
    monitoring = None if given is None else assess_plan(plan, given, as_of=as_of, rule=chosen)
    threshold = Severity.INFO if severity is None else _severity(severity)
    view = _view("", plan, monitoring, cap, threshold)
    return _render("plan.html.j2", title=plan.title, views=(view,), portfolio=None, level=1)


@attrs.frozen
class _Portfolio:
    plans: Table
    coverage: tuple[Table, ...]
    monitoring: tuple[Table, ...]


def portfolio_html(
    plans: Iterable[Plan],
    *,
    returns: Returns | None = None,
    as_of: Period | str | None = None,
    rule: str | RatingRule | None = "default",
    max_charts: int = DEFAULT_MAX_CHARTS,
    severity: Severity | str | None = None,
) -> str:
    """The report of several plans as one self-contained HTML page.

    A portfolio summary comes first: one row per plan (with a link to its report), the
    outcomes and National Indicators across the plans
    (:func:`~ecm_plan.coverage.portfolio`), and, with ``returns``, the monitoring roll-up of
    every plan. Each plan's report follows under its own heading, with the sections of
    :func:`plan_html`; the anchors of plan *n* start ``planN-``.

    Args:
        plans: The plans, with distinct ids.
        returns: Actual values (a row's ``plan`` column says which plan it is for).
        as_of: The last period of returns to take.
        rule: The rating rule, or its name.
        max_charts: The most trajectory charts to draw for each plan (0 to 200).
        severity: The least severe findings to list, as in :func:`plan_html`.

    Returns:
        One HTML5 document, to be written as UTF-8.

    Raises:
        ArgumentError: An argument is of the wrong kind (a :class:`TypeError`).
        AnalysisError: Two plans share an id (a :class:`ValueError`).
        UnknownRatingRuleError: ``rule`` names no rule the library knows.
        InvalidChoiceError: ``severity`` is not a severity (a :class:`ValueError`).
        InvalidPeriodError: ``as_of`` is not a period label.
        MissingExtraError: Jinja2 or matplotlib is not installed (an :class:`ImportError`).

    Example:
        >>> from ecm_plan import load_bundled
        >>> page = portfolio_html([load_bundled("sample"), load_bundled("swindon-2008")],
        ...                       max_charts=0)
        >>> 'href="#plan1-findings"' in page, 'href="#plan2-findings"' in page
        (True, True)
        >>> portfolio_html([load_bundled("sample"), "swindon-2008"])
        Traceback (most recent call last):
        ...
        ecm_plan.exceptions.ArgumentError: plans[1] must be a Plan, not str; pass a Plan

    .. versionadded:: 0.2.0
    """
    found = _args.require_items(plans, "plans", Plan, "a Plan")
    given, chosen, cap = _check_options(returns, as_of, rule, max_charts)
    threshold = Severity.INFO if severity is None else _severity(severity)
    cover = portfolio(found)
    _environment()
    _need_matplotlib()
    views = []
    for n, plan in enumerate(found, start=1):
        monitoring = None
        if given is not None:
            monitoring = assess_plan(plan, given, as_of=as_of, rule=chosen)
        views.append(_view(f"plan{n}-", plan, monitoring, cap, threshold))
    rows = [
        (
            v.plan.id,
            v.plan.title,
            v.plan.authority,
            v.plan.period.label,
            v.errors,
            v.warnings,
            v.infos,
        )
        for v in views
    ]
    headers = ("Id", "Title", "Authority", "Period", "Errors", "Warnings", "Notes")
    rollups: tuple[Table, ...] = ()
    if given is not None:
        rollups = tuple(v.monitoring.tables[1] for v in views if v.monitoring is not None)
    summary = _Portfolio(Table("Plans", headers, rows), cover.to_tables(), rollups)
    title = f"Portfolio of {len(found)} plans"
    return _render("plan.html.j2", title=title, views=tuple(views), portfolio=summary, level=2)
