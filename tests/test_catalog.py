"""Tests for ecm_plan.catalog: the ECM outcomes and aims, and the National Indicator Set."""

from __future__ import annotations

import csv
import io
import pickle
import re
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecm_plan import exceptions
from ecm_plan.catalog import (
    Aim,
    IndicatorCode,
    NationalIndicator,
    Outcome,
    TitleStatus,
    UnknownOutcomeError,
    aim,
    aims,
    intended_indicator,
    is_national_code,
    match_title,
    national_indicator,
    national_indicators,
    ni_of,
    normalise_code,
    outcome,
    outcomes,
    parse_code,
    plan_wordings,
    suggest_indicator,
    title_matches,
)
from ecm_plan.catalog._titles import similarity_tokens, title_similarity, wording_confirms
from ecm_plan.exceptions import PlanError, UnknownIndicatorError
from ecm_plan.model import Indicator, OutcomeKey, Polarity
from ecm_plan.plans import load_bundled
from ecm_plan.units import UNIT_NAMES

NUMBERS = tuple(ni.number for ni in national_indicators())
PLANS = {"wigan-2009-12", "stockton-2008-11", "southend-2008-09"}
DOCS = Path(__file__).resolve().parents[1] / "docs"


def _data(name: str) -> str:
    return resources.files("ecm_plan.catalog").joinpath("data", name).read_text("utf-8")


def _reference_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_data("national_indicators.csv"))))


# The indicators of the set (NI 1..199 without NI 31) that the reference data has no row for.
WITHHELD = tuple(
    f"NI {n}"
    for n in range(1, 200)
    if n != 31 and f"NI {n}" not in {row["code"] for row in _reference_rows()}
)


def _source_kind(source: str) -> str:
    if source.startswith("http"):
        return "url"
    if source.startswith("unconfirmed; subject per "):
        return "subject"
    return "unconfirmed"


def _status_counts() -> dict[TitleStatus, int]:
    counts = dict.fromkeys(TitleStatus, 0)
    for ni in national_indicators():
        counts[ni.title_status] += 1
    return counts


class TestParseCode:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("NI 112", "NI 112"),
            ("N.I 112", "NI 112"),
            ("N.I. 112", "NI 112"),
            ("NIS 112", "NI 112"),
            ("N.I.S. 112", "NI 112"),
            ("Ni 93", "NI 93"),
            ("ni 93", "NI 93"),
            ("NI112", "NI 112"),
            ("NI 056", "NI 56"),
            ("NI056", "NI 56"),
            ("NI63", "NI 63"),
            ("NI: 53", "NI 53"),
            ("NI-53", "NI 53"),
            ("  NI 5  ", "NI 5"),
            ("NI 102a", "NI 102a"),
            ("NI 102b", "NI 102b"),
            ("NI 102 A", "NI 102a"),
            ("NI 102(a)", "NI 102a"),
            ("NI 157c", "NI 157c"),
        ],
    )
    def test_accepted_spellings(self, text, expected):
        """Every spelling the plans use reads as the canonical code."""
        assert expected == parse_code(text).full

    def test_part(self):
        """A part is kept apart from its parent's number."""
        code = parse_code("NI 102a")

        expected = (102, "a", "NI 102", "NI 102a")
        assert expected == (code.number, code.part, code.code, code.full)

    def test_no_part(self):
        """A code without a part has part None and the same code and full form."""
        code = parse_code("NI 112")

        expected = (None, "NI 112", "NI 112")
        assert expected == (code.part, code.code, code.full)

    def test_digit_one_for_letter_i(self):
        """Wigan's "N1 71" is not an NI code; the error suggests NI 71."""
        with pytest.raises(UnknownIndicatorError) as info:
            parse_code("N1 71")

        expected = ("NI 71",)
        assert expected == info.value.suggestions
        assert "did you mean NI 71?" in str(info.value)

    @pytest.mark.parametrize("text", ["NL 57", "MI 57", "IN 57", "N 57", "NII 57"])
    def test_near_prefixes_suggest_the_code(self, text):
        """A prefix one keystroke away from NI suggests the NI code with that number."""
        with pytest.raises(UnknownIndicatorError) as info:
            parse_code(text)

        expected = ("NI 57",)
        assert expected == info.value.suggestions

    @pytest.mark.parametrize("text", ["BVPI 197", "PI 57", "No 57", "2016SC", "NI", "zebra"])
    def test_other_schemes_suggest_nothing(self, text):
        """Codes of other schemes are not NI codes and get no NI suggestion."""
        with pytest.raises(UnknownIndicatorError) as info:
            parse_code(text)

        expected = ()
        assert expected == info.value.suggestions
        expected = "not a National Indicator code"
        assert expected == info.value.reason

    @pytest.mark.parametrize("text", ["NI 999", "NI 0", "NI 200", "NI 1122"])
    def test_out_of_range(self, text):
        """A number outside 1..199 says where the set runs."""
        with pytest.raises(UnknownIndicatorError) as info:
            parse_code(text)

        assert str(info.value).endswith("the National Indicator Set runs from NI 1 to NI 199")

    def test_text_after_code(self):
        """A code followed by its title suggests the code alone."""
        with pytest.raises(UnknownIndicatorError) as info:
            parse_code("NI 57 Children and young people's participation")

        expected = ("NI 57",)
        assert expected == info.value.suggestions

    @pytest.mark.parametrize("text", ["", "   "])
    def test_empty(self, text):
        """Empty text is an unknown code with a reason."""
        with pytest.raises(UnknownIndicatorError, match="empty text"):
            parse_code(text)

    def test_dropped_number_parses(self):
        """NI 31 is spelt as a code; existence is checked by national_indicator."""
        expected = 31
        assert expected == parse_code("NI 31").number

    def test_wrong_type(self):
        """A non-string is a TypeError."""
        with pytest.raises(TypeError):
            parse_code(112)  # type: ignore[arg-type]  # the wrong kind of input, on purpose

    @settings(deadline=None)
    @given(st.sampled_from(NUMBERS))
    def test_spellings_agree(self, number):
        """Every spelling of a catalogue number normalises to the same code."""
        spellings = [
            f"NI{number}",
            f"NI {number}",
            f"N.I {number}",
            f"N.I. {number}",
            f"NIS {number}",
            f"ni 0{number}",
            f"Ni {number:03d}",
            f"NI{number:03d}",
            f"nis{number}",
        ]

        expected = {f"NI {number}"}
        assert expected == {normalise_code(s) for s in spellings}

    @settings(deadline=None)
    @given(st.text())
    def test_succeeds_or_raises_unknown(self, text):
        """On any text parse_code returns a code or raises UnknownIndicatorError."""
        if is_national_code(text):
            assert 1 <= parse_code(text).number <= 199
        else:
            with pytest.raises(UnknownIndicatorError) as info:
                parse_code(text)
            assert text == info.value.code


class TestNormaliseCode:
    def test_canonical(self):
        """The canonical form is "NI", a space, the number without zeros and the part."""
        expected = ["NI 56", "NI 102a"]
        assert expected == [normalise_code("NI056"), normalise_code("NIS 102A")]

    def test_unknown(self):
        """Text that is not a code raises UnknownIndicatorError."""
        with pytest.raises(UnknownIndicatorError):
            normalise_code("N1 71")


class TestIsNationalCode:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("NI 112", True),
            ("NI 056", True),
            ("NI 102a", True),
            ("NI 31", True),
            ("N1 71", False),
            ("NI 999", False),
            ("BVPI 197", False),
            ("2016SC", False),
            ("", False),
        ],
    )
    def test_cases(self, text, expected):
        """Tells NI codes from other text; does not check existence (NI 31)."""
        assert expected == is_national_code(text)

    @pytest.mark.parametrize("value", [None, 112, 1.5, b"NI 112", ["NI 112"]])
    def test_non_text(self, value):
        """Anything that is not a string is not a code."""
        assert is_national_code(value) is False

    @settings(deadline=None)
    @given(st.text())
    def test_never_raises_and_agrees_with_parse_code(self, text):
        """is_national_code never raises and is True exactly when parse_code succeeds."""
        try:
            parse_code(text)
        except UnknownIndicatorError:
            parsed = False
        else:
            parsed = True

        assert parsed == is_national_code(text)


class TestIndicatorCode:
    def test_str(self):
        """str() gives the full code."""
        expected = "NI 157b"
        assert expected == str(IndicatorCode(157, "b"))

    @pytest.mark.parametrize(("number", "part"), [(0, None), (200, None), (5, "ab"), (5, "A")])
    def test_invalid(self, number, part):
        """Numbers outside 1..199 and parts other than one lower-case letter are refused."""
        with pytest.raises(ValueError):
            IndicatorCode(number, part)


class TestNiOf:
    """ni_of(): the one rule for which National Indicator a plan's indicator stands for."""

    def test_plain(self):
        """A National Indicator cited as such stands for itself."""
        assert IndicatorCode(112) == ni_of(Indicator(id="NI 112"))

    def test_recorded_slip_wins(self):
        """The transcriber's catalogue_code wins over the code the document cites."""
        assert "NI 57" == ni_of(Indicator(id="NI 157", catalogue_code="NI 57")).full

    def test_part_kept(self):
        """A part keeps its letter; its code is the parent's."""
        found = ni_of(Indicator(id="NI 102a"))
        assert ("NI 102a", "NI 102") == (found.full, found.code)

    def test_written_spelling(self):
        """The code as the document writes it is read in any accepted spelling."""
        assert "NI 93" == ni_of(Indicator(id="NI 93", code="Ni 93")).full

    def test_id_when_written_code_unknown(self):
        """A written code that names no indicator falls back to the id."""
        assert "NI 93" == ni_of(Indicator(id="NI 93", code="N1 93")).full

    @pytest.mark.parametrize("code", ["NI 31", "NI 999", "2016SC"])
    def test_unknown(self, code):
        """A dropped, out-of-range or local-looking code stands for no National Indicator."""
        assert ni_of(Indicator(id=code)) is None

    def test_unknown_catalogue_code_falls_back_to_id(self):
        """A catalogue_code the catalogue does not know leaves the id to decide."""
        assert "NI 112" == ni_of(Indicator(id="NI 112", catalogue_code="NI 31")).full

    @pytest.mark.parametrize("scheme", ["bvpi", "local"])
    def test_other_schemes(self, scheme):
        """BVPI and local indicators stand for none, even with a National-looking code."""
        assert ni_of(Indicator(id="NI 112", scheme=scheme, catalogue_code="NI 112")) is None

    def test_not_an_indicator(self):
        """A code string is not an indicator."""
        with pytest.raises(TypeError, match="must be an Indicator"):
            ni_of("NI 112")  # type: ignore[arg-type]  # the wrong kind of input, on purpose


class TestNationalIndicator:
    @pytest.mark.parametrize(
        "text", ["NI 112", "N.I 112", "NIS 112", "NI112", "ni 0112", "NI 112 ", "n.i.s. 112"]
    )
    def test_spellings(self, text):
        """Every accepted spelling finds the same entry."""
        assert national_indicator("NI 112") is national_indicator(text)

    def test_fields(self):
        """An entry carries the reference data, with units in the library's names."""
        ni = national_indicator("NI 112")

        expected = NationalIndicator(
            code="NI 112",
            number=112,
            title="Under 18 conception rate",
            outcome=OutcomeKey.BE_HEALTHY,
            polarity=Polarity.LOWER_IS_BETTER,
            unit="per_1000",
            source="https://ckan.staging.publishing.service.gov.uk/dataset/ni_112_-_under_18_conception_rate",
            title_status=TitleStatus.CONFIRMED,
            seen_in=("wigan-2009-12", "southend-2008-09"),
        )
        assert expected == ni

    def test_leading_zero(self):
        """Leading zeros are ignored."""
        expected = "Obesity in primary school age children in Year 6"
        assert expected == national_indicator("NI 056").title

    @pytest.mark.parametrize("text", ["NI 102a", "NI 102b", "NI 102"])
    def test_parts_give_parent(self, text):
        """A part (NI 102a, Key Stage 2) gives its parent indicator."""
        expected = "NI 102"
        assert expected == national_indicator(text).code

    def test_wigan_ni_93_spelling(self):
        """Wigan's "Ni 93" spelling is read (its wording is a slip, not its spelling)."""
        expected = "NI 93"
        assert expected == national_indicator("Ni 93").code

    def test_dropped(self):
        """NI 31 does not exist: the error names the neighbours and says it was dropped."""
        with pytest.raises(UnknownIndicatorError) as info:
            national_indicator("NI 31")

        err = info.value
        expected = ("NI 30", "NI 32")
        assert expected == err.suggestions
        assert "dropped" in err.reason
        assert isinstance(err, KeyError)
        assert isinstance(err, PlanError)

    def test_dropped_error_pickles(self):
        """The error survives pickling with its facts."""
        with pytest.raises(UnknownIndicatorError) as info:
            national_indicator("NI 31")

        copy = pickle.loads(pickle.dumps(info.value))  # noqa: S301 (our own bytes)

        assert (info.value.code, info.value.suggestions, info.value.reason) == (
            copy.code,
            copy.suggestions,
            copy.reason,
        )

    def test_out_of_range(self):
        """NI 999 says the set runs from NI 1 to NI 199."""
        with pytest.raises(UnknownIndicatorError) as info:
            national_indicator("NI 999")

        expected = (
            "unknown indicator code 'NI 999'; the National Indicator Set runs from NI 1 to NI 199"
        )
        assert expected == str(info.value)

    def test_slip_spelling(self):
        """The Wigan slip "N1 71" suggests NI 71."""
        with pytest.raises(UnknownIndicatorError) as info:
            national_indicator("N1 71")

        expected = ("NI 71",)
        assert expected == info.value.suggestions

    @pytest.mark.parametrize("code", WITHHELD)
    def test_withheld(self, code):
        """The indicators left out of the reference data exist with no title."""
        ni = national_indicator(code)

        expected = (None, TitleStatus.UNKNOWN, None)
        assert expected == (ni.title, ni.title_status, ni.source)
        assert ni.subject

    def test_str(self):
        """str() gives code and title, or the subject when the title is not known."""
        expected = ["NI 112 Under 18 conception rate", "NI 161 (Level 1 literacy; title not known)"]
        assert expected == [str(national_indicator(c)) for c in ("NI 112", "NI 161")]

    @settings(deadline=None)
    @given(st.text())
    def test_succeeds_or_raises_unknown(self, text):
        """On any text the look-up returns an entry or raises UnknownIndicatorError."""
        try:
            ni = national_indicator(text)
        except UnknownIndicatorError as err:
            code = err.code
        else:
            code = text
            assert parse_code(text).code == ni.code
        assert text == code


class TestNationalIndicators:
    def test_count_and_order(self):
        """198 indicators, NI 1 to NI 199 without NI 31, in number order."""
        numbers = [ni.number for ni in national_indicators()]

        expected = [n for n in range(1, 200) if n != 31]
        assert expected == numbers

    def test_codes_canonical(self):
        """Every code is the canonical form of its number."""
        assert all(f"NI {ni.number}" == ni.code for ni in national_indicators())

    def test_withheld(self):
        """Exactly the indicators the reference data leaves out have no title."""
        expected = WITHHELD
        assert expected == tuple(ni.code for ni in national_indicators() if ni.title is None)

    def test_units_are_library_units(self):
        """Every unit is one of the library's unit names."""
        units = {ni.unit for ni in national_indicators()} - {None}

        expected = {"percent", "per_1000", "count", "score", "day"}
        assert expected == units
        assert units <= set(UNIT_NAMES)

    def test_source_column_unchanged(self):
        """The source of each entry is the reference data's source cell, unchanged."""
        rows = {row["code"]: row["source"] for row in _reference_rows()}

        assert rows == {ni.code: ni.source for ni in national_indicators() if ni.title}

    def test_status_counts(self):
        """The statuses follow the source column, a title quoted by a plan being confirmed
        whatever its source; the indicators without a row are unknown."""
        kinds = {row["code"]: _source_kind(row["source"]) for row in _reference_rows()}
        by_plans = {ni.code for ni in national_indicators() if ni.seen_in}
        expected = {
            TitleStatus.CONFIRMED: sum(k == "url" or c in by_plans for c, k in kinds.items()),
            TitleStatus.SUBJECT_CONFIRMED: sum(
                k == "subject" and c not in by_plans for c, k in kinds.items()
            ),
            TitleStatus.UNCONFIRMED: sum(
                k == "unconfirmed" and c not in by_plans for c, k in kinds.items()
            ),
            TitleStatus.UNKNOWN: len(WITHHELD),
        }
        assert expected == _status_counts()

    def test_cached(self):
        """The catalogue is read once: repeated calls give the same objects."""
        assert national_indicators() is national_indicators()


class TestTitleStatus:
    def test_confirmed_by_plans(self):
        """The titles the plans quote word for word that no public source was found for."""
        by_plans = [
            ni.code
            for ni in national_indicators()
            if ni.seen_in and not (ni.source or "").startswith("http")
        ]

        expected = [
            "NI 45", "NI 55", "NI 57", "NI 69", "NI 70", "NI 80", "NI 106", "NI 110", "NI 114",
            "NI 115", "NI 118",
        ]  # fmt: skip
        assert expected == by_plans
        assert all(national_indicator(c).title_status is TitleStatus.CONFIRMED for c in by_plans)

    def test_plan_confirmation_keeps_source(self):
        """A title confirmed by plans keeps the reference's source and lists the plans."""
        ni = national_indicator("NI 57")

        expected = ("unconfirmed", ("wigan-2009-12", "stockton-2008-11"), TitleStatus.CONFIRMED)
        assert expected == (ni.source, ni.seen_in, ni.title_status)

    def test_subject_confirmed(self):
        """A source giving the subject only is subject_confirmed."""
        expected = TitleStatus.SUBJECT_CONFIRMED
        assert expected == national_indicator("NI 93").title_status

    def test_unconfirmed(self):
        """A title with no source and no plan quoting it stays unconfirmed."""
        expected = TitleStatus.UNCONFIRMED
        assert expected == national_indicator("NI 8").title_status

    @pytest.mark.parametrize("code", ["NI 157", "NI 145", "NI 93"])
    def test_slips_confirm_nothing(self, code):
        """The wordings cited under a slipped code do not count for that code's title."""
        expected = ()
        assert expected == national_indicator(code).seen_in

    def test_seen_in_names_known_plans(self):
        """Every plan in seen_in is one of the bundled plans."""
        assert {p for ni in national_indicators() for p in ni.seen_in} <= PLANS


class TestPlanWordings:
    def test_slips(self):
        """The four known code slips are recorded with the code meant."""
        expected = [
            ("N1 71", "NI 71", "wigan-2009-12"),
            ("Ni 93", "NI 102a", "wigan-2009-12"),
            ("NI 157", "NI 57", "southend-2008-09"),
            ("NI 145", "NI 45", "southend-2008-09"),
        ]
        assert expected == [(w.code, w.slip_for, w.plan) for w in plan_wordings() if w.slip_for]

    def test_rows_are_complete(self):
        """Every row has a wording, a known plan and a location in the document's text."""
        for wording in plan_wordings():
            assert wording.wording
            assert wording.plan in PLANS
            assert wording.location.startswith("text line ")

    def test_codes_as_written(self):
        """Codes are kept as written; all but the "N1 71" slip are spelt as NI codes."""
        unparsed = [w.code for w in plan_wordings() if not is_national_code(w.code)]

        expected = ["N1 71"]
        assert expected == unparsed
        assert {"NIS 112", "N.I 112", "Ni 93", "NI63", "NI 102a"} <= {
            w.code for w in plan_wordings()
        }

    def test_intended(self):
        """intended is slip_for for a slip, else the written code in canonical form."""
        by_code = {w.code: w for w in plan_wordings()}

        expected = ("NI 71", None, "NI 63")
        assert expected == (
            by_code["N1 71"].intended,
            by_code["N1 71"].cited,
            by_code["NI63"].intended,
        )

    def test_slips_are_caught(self):
        """title_matches rejects each slip under its written code and accepts the code meant."""
        for wording in plan_wordings():
            if wording.slip_for:
                if wording.cited is not None:
                    assert not title_matches(wording.cited, wording.wording)
                assert title_matches(wording.slip_for, wording.wording)

    def test_correct_codes_match(self):
        """Every correctly coded wording matches its code, but two that name something else."""
        rejected = [
            (w.code, w.plan)
            for w in plan_wordings()
            if not w.slip_for and not title_matches(w.code, w.wording)
        ]

        expected = [("NI 61", "stockton-2008-11"), ("NI 72", "southend-2008-09")]
        assert expected == rejected


class TestMatchTitle:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("participation in sport", "NI 57"),
            ("Children and young people's participation in high quality PE and sport", "NI 57"),
            ("Increase children and young people's participation in sport", "NI 57"),
            ("young offenders in education, employment or training", "NI 45"),
            ("Increase young offenders engagement in suitable education, employment or training",
             "NI 45"),
            (("Narrow the achievement gap between pupils eligible for FSM and their peers "
              "achieving the expected level at KS2 in English and Maths"), "NI 102"),
            ("KS2 free school meals gap", "NI 102"),
            ("Achievement gap FSM KS4", "NI 102"),
            ("NEET", "NI 117"),
            ("Develop Strategies to reduce the number of young people missing from home", "NI 71"),
            ("teenage pregnancy", "NI 112"),
            ("Stability of placements of CiC: length of placement", "NI 63"),
            ("Level 1 literacy", "NI 161"),
        ],
    )  # fmt: skip
    def test_best_match(self, text, expected):
        """The indicator a plan means comes first."""
        assert expected == match_title(text)[0].code

    def test_sorted_scores(self):
        """Matches come best first with scores in [0, 1]."""
        scores = [m.score for m in match_title("children looked after placements", limit=10)]

        assert sorted(scores, reverse=True) == scores
        assert all(0 < s <= 1 for s in scores)
        expected = 10
        assert expected == len(scores)

    def test_exact_title_scores_one(self):
        """A children's indicator's own title scores 1."""
        expected = 1.0
        assert expected == pytest.approx(match_title("Under 18 conception rate")[0].score)

    def test_limit(self):
        """limit bounds the number of matches; 0 gives none."""
        expected = (1, ())
        assert expected == (len(match_title("obesity", limit=1)), match_title("obesity", limit=0))

    def test_negative_limit(self):
        """A negative limit is a ValueError."""
        with pytest.raises(ValueError, match="limit"):
            match_title("obesity", limit=-1)

    @pytest.mark.parametrize("text", ["", "the of and", "zebra crossings"])
    def test_nothing_matches(self, text):
        """Empty text, stop words only, or words in no title match nothing."""
        expected = ()
        assert expected == match_title(text)

    def test_deterministic(self):
        """The same wording gives the same matches."""
        assert match_title("school attendance") == match_title("school attendance")


class TestTitleMatches:
    @pytest.mark.parametrize(
        ("code", "text", "expected"),
        [
            ("NI 57", "participation in sport", True),
            ("NI 157", "participation in sport", False),
            ("NI 45", "young offenders in education, employment or training", True),
            ("NI 145", "young offenders in education, employment or training", False),
            ("NI 102a", "Achievement gap FSM KS2 (English and Maths)", True),
            ("Ni 93", ("Narrow the achievement gap between pupils eligible for FSM and their "
                       "peers achieving the expected level at KS2 in English and Maths"), False),
            ("NI 117", "NEET", True),
            ("NI 112", "Reduce teenage pregnancy and improve access to sexual health services",
             True),
            ("NI 161", "Level 1 literacy", True),
            ("NI 112", "Obesity in Year 6", False),
            ("NI 112", "", False),
        ],
    )  # fmt: skip
    def test_cases(self, code, text, expected):
        """A wording matches the code it names and not a slipped code."""
        assert expected is title_matches(code, text)

    def test_unknown_code(self):
        """An unknown code raises UnknownIndicatorError."""
        with pytest.raises(UnknownIndicatorError):
            title_matches("NI 31", "re-offending by registered sex offenders")


class TestWordingConfirms:
    @pytest.mark.parametrize(
        ("title", "wording", "expected"),
        [
            ("Under 18 conception rate", "Under 18 conception rate", True),
            ("Under 18 conception rate", "Reduce the under 18 conception rate (% change)", True),
            ("Prevalence of breastfeeding at 6-8 weeks from birth",
             "Prevalence of breast-feeding at 6-8 weeks from birth.", True),
            ("Children and young people's participation in high-quality PE and sport",
             "Children and Young People's participation in high quality PE and sport", True),
            (("Narrowing the gap between the lowest achieving 20% in the Early Years Foundation "
              "Stage Profile and the rest"),
             "Narrowing the gap between the lowest achieving 20% in the EYFSP and the rest", True),
            ("Children who have run away from home/care overnight",
             "Children who have run away from home/care", False),
            ("Achievement of a Level 2 qualification by the age of 19",
             "Achievement of a Level 2 qualification by age 19.", False),
            ("Under 18 conception rate", "Under 18 conceptions rate", False),
            ("", "anything", False),
        ],
    )  # fmt: skip
    def test_cases(self, title, wording, expected):
        """Only the whole title, ignoring case, punctuation and abbreviations, confirms."""
        assert expected is wording_confirms(title, wording)


class TestSimilarityTokens:
    def test_normalisation(self):
        """Case, punctuation, plurals, stop words, abbreviations and synonyms are unified."""
        assert similarity_tokens("Children in Care: placements") == similarity_tokens(
            "placement of looked-after children"
        )

    def test_not_is_kept(self):
        """The word "not" is not a stop word: NEET differs from EET."""
        assert similarity_tokens("NEET") - similarity_tokens("EET") == {"not"}

    def test_similarity(self):
        """title_similarity is 1 for the same tokens and 0 for none shared."""
        expected = (1.0, 0.0)
        assert expected == (
            title_similarity("FSM", "free school meals"),
            title_similarity("FSM", "obesity"),
        )


class TestOutcomes:
    def test_order(self):
        """The five outcomes come in framework order."""
        assert list(OutcomeKey) == [o.key for o in outcomes()]

    def test_aims_count(self):
        """25 aims, five to each outcome, numbered 1 to 5."""
        expected = [[1, 2, 3, 4, 5]] * 5
        assert expected == [[a.number for a in o.aims] for o in outcomes()]
        expected = 25
        assert expected == sum(len(o.aims) for o in outcomes())

    def test_titles(self):
        """Outcome titles are worded as in the 2004 framework."""
        expected = [
            "Be healthy",
            "Stay safe",
            "Enjoy and achieve",
            "Make a positive contribution",
            "Achieve economic well-being",
        ]
        assert expected == [o.title for o in outcomes()]

    def test_source(self):
        """Each outcome names the 2004 framework as its source."""
        assert all("Every Child Matters: Change for Children" in o.source for o in outcomes())

    def test_aims_belong_to_their_outcome(self):
        """Each aim points back at its outcome."""
        assert all(a.outcome is o.key for o in outcomes() for a in o.aims)


class TestOutcome:
    @pytest.mark.parametrize("key", [OutcomeKey.STAY_SAFE, "stay_safe", "Stay safe", "STAY SAFE"])
    def test_lookup(self, key):
        """An outcome is found by enum, key or title in any case."""
        assert OutcomeKey.STAY_SAFE is outcome(key).key

    def test_value(self):
        """The outcome carries its title and aims."""
        found = outcome("economic_wellbeing")

        expected = ("Achieve economic well-being", "Live in households free from low income")
        assert expected == (found.title, found.aims[-1].title)
        assert isinstance(found, Outcome)

    def test_unknown(self):
        """An unknown key is an UnknownOutcomeError (a PlanError and KeyError) with a hint."""
        with pytest.raises(UnknownOutcomeError) as info:
            outcome("be_heathy")

        expected = ("be_healthy",)
        assert expected == info.value.suggestions
        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, PlanError)

    def test_unknown_without_suggestion(self):
        """With no near key, the message lists the outcomes."""
        with pytest.raises(UnknownOutcomeError, match="the outcomes are be_healthy, stay_safe"):
            outcome("zzz")

    def test_error_pickles(self):
        """The error survives pickling."""
        err = UnknownOutcomeError("be_heathy", "outcome", ["be_healthy"])

        assert str(err) == str(pickle.loads(pickle.dumps(err)))  # noqa: S301 (our own bytes)

    def test_error_lives_with_the_others(self):
        """The error is one of the library's exceptions, named by its public module."""
        assert exceptions.UnknownOutcomeError is UnknownOutcomeError
        assert "ecm_plan.exceptions" == UnknownOutcomeError.__module__


class TestAim:
    def test_lookup(self):
        """An aim is found by its id."""
        expected = Aim(OutcomeKey.BE_HEALTHY, 1, "Physically healthy")
        assert expected == aim("be_healthy.1")

    def test_ids(self):
        """Every aim's id finds it."""
        assert all(aim(a.id) is a for a in aims())

    @pytest.mark.parametrize("aim_id", ["be_healthy.6", "be_healthy.0", "be_healthy", "", "x.1"])
    def test_unknown(self, aim_id):
        """An unknown id is an UnknownOutcomeError saying how aim ids look."""
        with pytest.raises(UnknownOutcomeError, match="aim id is"):
            aim(aim_id)

    def test_misspelt_outcome(self):
        """A misspelt outcome key suggests the aim under the right key."""
        with pytest.raises(UnknownOutcomeError) as info:
            aim("stay_saf.2")

        expected = ("stay_safe.2",)
        assert expected == info.value.suggestions


class TestAims:
    def test_all(self):
        """aims() lists the 25 aims, outcome by outcome."""
        expected = [a for o in outcomes() for a in o.aims]
        assert expected == list(aims())


class TestPackageData:
    @pytest.mark.parametrize(
        "name", ["national_indicators.csv", "ecm_outcomes.csv", "seen_in_plans.csv", "README.md"]
    )
    def test_files_ship(self, name):
        """The data files are package resources."""
        assert resources.files("ecm_plan.catalog").joinpath("data", name).is_file()

    def test_reference_rows(self):
        """The copied reference file has a row for every indicator with a title."""
        expected = len([ni for ni in national_indicators() if ni.title is not None])
        assert expected == len(_reference_rows())

    def test_readme_counts(self):
        """The data README states the file's row count and the count of each kind of source."""
        readme = _data("README.md")
        rows = _reference_rows()
        kinds = [_source_kind(row["source"]) for row in rows]
        assert f"({len(rows)} rows)" in readme
        assert f"a URL ({kinds.count('url')} rows)" in readme
        assert f"`unconfirmed; subject per <URL>` ({kinds.count('subject')} rows)" in readme
        assert f"`unconfirmed` ({kinds.count('unconfirmed')} rows)" in readme
        sentence = next(line for line in readme.splitlines() if "left out on purpose" in line)
        assert list(WITHHELD) == [f"NI {n}" for n in re.findall(r"NI (\d+)", sentence)]
        counts = _status_counts()
        assert (
            f"After this, {counts[TitleStatus.CONFIRMED]} titles are confirmed, "
            f"{counts[TitleStatus.SUBJECT_CONFIRMED]} have their subject confirmed, "
            f"{counts[TitleStatus.UNCONFIRMED]} are unconfirmed and "
            f"{counts[TitleStatus.UNKNOWN]} are unknown."
        ) in readme


class TestDocsPage:
    """docs/explanation/national-indicators.md states the catalogue's counts as they are."""

    def test_status_table(self):
        """Each row of the status table gives the number of entries with that status."""
        page = (DOCS / "explanation" / "national-indicators.md").read_text("utf-8")
        rows = re.findall(r"^\| `([a-z_]+)` \| .* \| (\d+) \|$", page, flags=re.MULTILINE)
        expected = {status.value: count for status, count in _status_counts().items()}
        assert expected == {status: int(count) for status, count in rows}

    def test_unknown_entries_listed(self):
        """The page names each indicator without a title."""
        page = (DOCS / "explanation" / "national-indicators.md").read_text("utf-8")
        sentence = next(line for line in page.splitlines() if "`unknown` entries are" in line)
        assert list(WITHHELD) == [f"NI {n}" for n in re.findall(r"NI (\d+)", sentence)]

    def test_counts_in_prose(self):
        """The page's sentences on plan confirmations give the computed numbers."""
        page = (DOCS / "explanation" / "national-indicators.md").read_text("utf-8")
        confirmed = [ni for ni in national_indicators() if ni.seen_in]
        sourceless = [ni for ni in confirmed if not (ni.source or "").startswith("http")]
        assert f"The plans confirm {len(confirmed)} titles." in page
        words = {11: "Eleven", 15: "Fifteen"}
        assert f"{words.get(len(sourceless), len(sourceless))} of these had no public" in page
        sourced = [row for row in _reference_rows() if row["source"].startswith("http")]
        assert f"{len(sourced)} titles now have a public source" in page


class TestRevision20261130:
    """The catalogue follows the reference data as revised on 2026-11-30."""

    def test_ni_14_has_its_title(self):
        """NI 14, once left out, has the title its source prints."""
        ni = national_indicator("NI 14")
        expected = (
            (
                "Avoidable contact: The proportion of customer contact that is of low or no "
                "value to the customer"
            ),
            TitleStatus.CONFIRMED,
        )
        assert expected == (ni.title, ni.title_status)

    @pytest.mark.parametrize("code", ["NI 2", "NI 72", "NI 99", "NI 169"])
    def test_changed_titles_are_the_files(self, code):
        """The four changed titles are the reference file's, word for word."""
        rows = {row["code"]: row["title"] for row in _reference_rows()}
        assert rows[code] == national_indicator(code).title

    def test_every_other_title_is_the_files(self):
        """Apart from NI 113, every title is the reference file's, with no variants."""
        rows = {row["code"]: row["title"] for row in _reference_rows()}
        differ = [ni.code for ni in national_indicators() if ni.title and rows[ni.code] != ni.title]
        assert ["NI 113"] == differ
        assert ["NI 113"] == [ni.code for ni in national_indicators() if ni.variants]


class TestNi113:
    """NI 113's title is the sourced "under 20" wording; "under 25" is a known variant."""

    def test_title_and_variant(self):
        """The sourced wording is the title and the file's wording a variant."""
        ni = national_indicator("NI 113")
        rows = {row["code"]: row for row in _reference_rows()}
        expected = ("Prevalence of Chlamydia in under 20 year olds", (rows["NI 113"]["title"],))
        assert expected == (ni.title, ni.variants)
        assert "under 25" in ni.variants[0]

    def test_status_is_the_sources(self):
        """The source cell and so the status stay the file's."""
        ni = national_indicator("NI 113")
        expected = TitleStatus.SUBJECT_CONFIRMED
        assert expected == ni.title_status

    @pytest.mark.parametrize(
        "wording",
        [
            "Prevalence of Chlamydia in under 20 year olds",
            "Prevalence of Chlamydia in under 25 year olds",
            "Reduce the prevalence of Chlamydia in under 20s.",
        ],
    )
    def test_either_wording_names_ni_113(self, wording):
        """A plan writing either wording names NI 113, and NI 113 ranks first for it."""
        assert title_matches("NI 113", wording)
        assert "NI 113" == match_title(wording, limit=1)[0].code

    def test_variant_does_not_lend_itself_to_others(self):
        """The variant is NI 113's only: a chlamydia wording does not name another code."""
        assert not title_matches("NI 112", "Prevalence of Chlamydia in under 25 year olds")

    def test_variant_never_confirms(self):
        """A wording that quotes only the variant would not confirm the title."""
        ni = national_indicator("NI 113")
        assert not wording_confirms(ni.title, ni.variants[0])


class TestSuggestIndicator:
    """suggest_indicator names the indicator a text states, and none for text stating none."""

    @pytest.mark.parametrize(
        ("target_id", "expected"),
        [("P1.T1", "NI 112"), ("P17.T1", "NI 117"), ("P11.T6", "NI 114")],
    )
    def test_stockton_targets_in_all_but_name(self, target_id, expected):
        """Stockton's under-18 conception, NEET and exclusion targets cite no code but state
        NI 112, NI 117 and NI 114."""
        plan = load_bundled("stockton-2008-11")
        assert expected == suggest_indicator(plan.element(target_id).text).code

    @pytest.mark.parametrize(
        "text",
        [
            "Reduce the percentage of CAMHS new cases with a wait of under 11 weeks",
            "The proportion of 16-18 year olds who are recorded as 'situation not known'",
            (
                "Ensure 100% of young offenders with identified substance misuse needs receive "
                "specialist assessment within 5 working days"
            ),
            "Increase the numbers of schools to achieve the Healthy Schools Award to 100%",
            "Commissioning framework in place",
            "Achieve 9 Special Guardianships.",
            "50% in 2008/09 and 50% in 2009/10",
        ],
    )
    def test_no_suggestion_for_text_naming_no_indicator(self, text):
        """Text that shares words with a title but does not state it gets no suggestion."""
        assert suggest_indicator(text) is None

    def test_empty_and_figures(self):
        """Empty text and bare figures suggest nothing."""
        assert (None, None) == (suggest_indicator(""), suggest_indicator("85% 2009-10 506"))

    def test_plans_own_wordings_never_misled(self):
        """Every wording a plan puts beside a code it means either suggests that indicator
        or nothing; most suggest it."""
        checked = [w for w in plan_wordings() if not w.slip_for and w.intended]
        suggested = {w.wording: suggest_indicator(w.wording) for w in checked}
        wrong = [
            (w.code, s.code)
            for w in checked
            if (s := suggested[w.wording]) is not None and s.code != parse_code(w.intended).code
        ]
        assert [] == wrong
        assert sum(s is not None for s in suggested.values()) > len(checked) / 2

    def test_variant_counts(self):
        """A text in NI 113's variant wording states NI 113."""
        assert "NI 113" == suggest_indicator("Prevalence of Chlamydia in under 25 year olds").code

    def test_score_is_one_for_the_title(self):
        """A text that is exactly a title scores 1."""
        ni = national_indicator("NI 63")
        expected = ("NI 63", 1.0)
        match = suggest_indicator(ni.title)
        assert expected == (match.code, match.score)

    @settings(max_examples=50)
    @given(st.lists(st.sampled_from(["zebra", "crossing", "lollipop", "quartz", "42"]), max_size=6))
    def test_words_of_no_title(self, words):
        """Text made of words no title uses never gets a suggestion."""
        assert suggest_indicator(" ".join(words)) is None

    def test_deterministic(self):
        """The same text gives the same suggestion (no dependence on set order)."""
        text = "Stability of placements of looked after children: length of placement"
        assert {suggest_indicator(text).code for _ in range(5)} == {"NI 63"}


class TestIntendedIndicator:
    """intended_indicator offers another code only where the titles really match."""

    @pytest.mark.parametrize(
        ("written", "expected"),
        [("NI 157", "NI 57"), ("NI 145", "NI 45")],
    )
    def test_southend_slips(self, written, expected):
        """The wordings of Southend's two slips are steered to the code the plan means."""
        wording = next(w.wording for w in plan_wordings() if w.code == written)
        assert expected == intended_indicator(written, wording).code

    def test_ni_61_adoption_not_steered(self):
        """Stockton's adoption wording under NI 61 matches no other title well enough."""
        assert intended_indicator("NI 61", "Proportion of children in care to be adopted") is None

    def test_wording_that_names_its_code(self):
        """A wording that names the cited indicator needs no other code."""
        assert intended_indicator("NI 57", "participation in sport") is None

    def test_every_correct_wording_left_alone(self):
        """No wording a plan puts beside the code it means is steered elsewhere."""
        steered = [
            (w.code, w.wording)
            for w in plan_wordings()
            if not w.slip_for and w.cited and intended_indicator(w.cited, w.wording) is not None
        ]
        assert [] == steered

    def test_unknown_code(self):
        """A code that names no indicator raises."""
        with pytest.raises(UnknownIndicatorError):
            intended_indicator("NI 31", "anything")


def _suggest_every_wording(text):
    """The suggestion rule read plainly: every wording scored in turn (the reference)."""
    from ecm_plan.catalog import _suggest as s  # noqa: PLC0415 (the private rule, compared)

    wordings, weight, default = s._index()
    words = s._words(text)
    best = {}
    for wording in wordings:
        shared = words & wording.words
        if not shared:
            continue
        title_weight = s._total(wording.words, weight, default)
        text_words = [w for w in words if not w.isdigit() or w in wording.words]
        text_weight = s._total(text_words, weight, default)
        if not title_weight or not text_weight:
            continue
        recall = round(s._total(shared, weight, default) / title_weight, 6)
        precision = round(s._total(shared, weight, default) / text_weight, 6)
        rare = [w for w in wording.words if weight.get(w, default) >= s.SUGGEST_RARE_WEIGHT]
        if recall >= 0.6 and precision >= 0.4 and all(w in words for w in rare):
            best[wording.code] = max(best.get(wording.code, (0.0, 0.0)), (recall, precision))
    ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


_TITLE_WORDS = sorted(
    {w for ni in national_indicators() for w in (ni.title or "").split()} | {"12", "2009", "U18"}
)


@given(st.lists(st.sampled_from(_TITLE_WORDS), min_size=1, max_size=12))
def test_suggestion_as_every_wording_scored(words):
    """Scoring only the wordings that share a word with the text suggests what scoring all does."""
    text = " ".join(words)
    found = suggest_indicator(text)
    assert (found.code if found else None) == _suggest_every_wording(text)
