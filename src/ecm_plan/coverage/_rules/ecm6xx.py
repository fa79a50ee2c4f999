"""ECM6xx: indicators checked against the National Indicator Set.

Private: each rule registers itself with :mod:`ecm_plan.coverage.rules` when this module is
imported (``ecm_plan.coverage`` imports every family).
"""

from __future__ import annotations

from collections.abc import Iterator

from ecm_plan.catalog import (
    NationalIndicator,
    intended_indicator,
    national_indicator,
    normalise_code,
    parse_code,
    title_matches,
)
from ecm_plan.coverage._facts import Facts, Hit, _list, _quote, catalogue_entry, outcome_title
from ecm_plan.coverage.rules import _rule
from ecm_plan.exceptions import UnknownIndicatorError
from ecm_plan.findings import Severity
from ecm_plan.model import IndicatorScheme, OutcomeKey

__all__: list[str] = []


def _ni(entry: NationalIndicator, code: str | None = None) -> str:
    """The entry's code and title, or a part code (``NI 102a``) as written with its parent.

    The title is the parent indicator's: the catalogue has one entry per parent.
    """
    title = _quote(entry.title or f"{entry.subject} (title not known)", 90)
    if code is None or code == entry.code:
        return f"{entry.code} {title}"
    return f"{code} (a part of {entry.code} {title})"


def _shown_code(code: str) -> str:
    """A code as the plan means it, in canonical form with any part letter (``NI 102a``)."""
    try:
        return normalise_code(code)
    except UnknownIndicatorError:
        return code


@_rule(
    "ECM601",
    "indicator-unknown-code",
    Severity.ERROR,
    "indicator",
    "An indicator code that is not in the National Indicator Set.",
    checks="""Every indicator of the national scheme has a code the catalogue knows, as the
    document writes it ("N1 71" is not a code; NI 31 was dropped before publication), and so
    does its ``catalogue_code``. The hint suggests the code probably meant. BVPI and local
    codes are not checked.""",
    why="""An unknown code cannot be reported to government or compared with other
    authorities, and usually hides a typing slip in the document.""",
    fix="""Correct the code if the transcription is wrong; if the document itself is wrong,
    keep its code and set ``catalogue_code`` to the right one with a ``code_slip`` note (the
    finding then remains, to show the document's slip, with the correction in the hint).
    Give other codes the ``bvpi`` or ``local`` scheme.""",
)
def _indicator_unknown_code(facts: Facts) -> Iterator[Hit]:
    for indicator in facts.plan.indicators:
        if indicator.scheme is not IndicatorScheme.NATIONAL:
            continue
        written = indicator.written_code
        try:
            national_indicator(written)
        except UnknownIndicatorError as err:
            if indicator.catalogue_code:
                hint = (
                    f"The plan file records catalogue code {indicator.catalogue_code}; "
                    "correct the document's code."
                )
            elif err.suggestions:
                hint = f"Did you mean {' or '.join(err.suggestions)}?"
            else:
                hint = "Give it the bvpi or local scheme if it is not a National Indicator."
            reason = f" ({err.reason})" if err.reason else ""
            yield Hit(
                indicator.id,
                f"The plan cites {written!r}, which is not a National Indicator code{reason}.",
                hint,
            )
        if indicator.catalogue_code:
            try:
                national_indicator(indicator.catalogue_code)
            except UnknownIndicatorError as err:
                yield Hit(
                    indicator.id,
                    f"The catalogue code {indicator.catalogue_code!r} given for "
                    f"{indicator.id} is not a National Indicator code.",
                    f"Did you mean {' or '.join(err.suggestions)}?"
                    if err.suggestions
                    else "Correct the catalogue code.",
                    f"{facts.path(indicator.id)}.catalogue_code",
                )


def _parent(code: str) -> str | None:
    try:
        return parse_code(code).code
    except UnknownIndicatorError:
        return None


@_rule(
    "ECM602",
    "indicator-title-mismatch",
    Severity.WARNING,
    "indicator",
    "An indicator whose title does not match its code; the matching code suggested.",
    checks="""Each National Indicator's title, as the plan words it, names the indicator its
    code stands for. When it does not, the code whose title it really matches is suggested
    (Southend cites "NI 157" for participation in sport, which is NI 57, and "NI 145" for
    young offenders in education, employment or training, which is NI 45); no code is
    suggested when no other title really matches
    (:func:`~ecm_plan.catalog.intended_indicator`: Stockton's "NI 61" for children in care
    to be adopted is not steered to NI 62, placement stability). An indicator whose
    ``catalogue_code`` differs from the code the document cites is a recorded slip and is
    always reported, with the recorded code in the hint.""",
    why="""A wrong code sends the indicator's figures to the wrong line of the national
    return and makes the plan's targets impossible to compare with the catalogue.""",
    fix="""If the document cites the wrong code, keep its code as the indicator's id, set
    ``catalogue_code`` to the right one and add a ``code_slip`` note; if the transcription
    is wrong, correct the code. If the plan's wording is just loose, accept the finding.""",
)
def _indicator_title_mismatch(facts: Facts) -> Iterator[Hit]:
    for indicator in facts.plan.indicators:
        if indicator.scheme is not IndicatorScheme.NATIONAL:
            continue
        try:
            cited = national_indicator(indicator.written_code)
        except UnknownIndicatorError:
            continue  # ECM601
        title = indicator.title
        wording = f" for {_quote(title)}" if title else ""
        intended = _parent(indicator.catalogue_code) if indicator.catalogue_code else None
        if intended is not None and intended != cited.code:
            try:
                meant = national_indicator(intended)
            except UnknownIndicatorError:
                continue  # ECM601 reports the catalogue code
            meant_code = _shown_code(indicator.catalogue_code or meant.code)
            yield Hit(
                indicator.id,
                f"The plan cites {indicator.written_code}{wording}, but means "
                f"{_ni(meant, meant_code)}; {cited.code} is "
                f"{_quote(cited.title or cited.code, 90)}.",
                f"The plan file records catalogue code {indicator.catalogue_code}; the "
                f"document should cite {meant_code}.",
            )
            continue
        if intended is not None or not title:
            continue
        if title_matches(cited.code, title):
            continue
        cited_code = _shown_code(indicator.written_code)
        best = intended_indicator(cited.code, title)
        if best is not None:
            yield Hit(
                indicator.id,
                f"The title {_quote(title)} does not match {_ni(cited, cited_code)}; the catalogue "
                f"title it matches best is {_ni(best.indicator)}.",
                f"If the plan means {best.code}, set catalogue_code: {best.code} and add a "
                "code_slip note; otherwise check the wording.",
            )
        else:
            yield Hit(
                indicator.id,
                f"The title {_quote(title)} does not match {_ni(cited, cited_code)}.",
                "Check the code and the wording against the document.",
            )


@_rule(
    "ECM603",
    "indicator-outcome-differs",
    Severity.INFO,
    "indicator",
    "An indicator used only under outcomes other than the catalogue's.",
    checks="""For each National Indicator the catalogue files under an ECM outcome, the
    priorities whose targets cite it reach that outcome. Reported when none does. Indicators
    no target cites, and indicators the catalogue files under no outcome, are not
    checked.""",
    why="""Using an indicator under another outcome is often sound (sport under Be healthy
    rather than Enjoy and achieve) but may show a mis-linked priority or a wrong code.""",
    fix="""Nothing, if the use is deliberate; otherwise link the priority to the
    catalogue's outcome too, or check the code.""",
)
def _indicator_outcome_differs(facts: Facts) -> Iterator[Hit]:
    for indicator in facts.plan.indicators:
        entry = catalogue_entry(indicator)
        users = facts.cited_by.get(indicator.id)
        if entry is None or entry.outcome is None or not users:
            continue
        used: set[OutcomeKey] = set()
        for item in users:
            used |= facts.reach[item.priority.id]
        if used and entry.outcome not in used:
            under = _list(sorted(f"'{outcome_title(k)}'" for k in used))
            code = _shown_code(indicator.catalogue_code or indicator.written_code)
            as_code = f" ({code})" if code != indicator.id else ""
            yield Hit(
                indicator.id,
                f"Indicator {indicator.id}{as_code} is used under {under}; the "
                f"catalogue files it under '{outcome_title(entry.outcome)}'.",
                "Nothing if deliberate; otherwise link the priority to that outcome too.",
            )
