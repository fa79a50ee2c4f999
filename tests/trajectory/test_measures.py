"""Tests of ecm_plan.trajectory.measures: the published progress measures."""

from __future__ import annotations

import math

import pytest

from ecm_plan.exceptions import TrajectoryError
from ecm_plan.model import Polarity
from ecm_plan.trajectory import (
    MeasureKind,
    ProgressCategory,
    statcan_progress,
    un_expected_value,
    un_progress_chart,
)
from ecm_plan.trajectory import _scalar as sk
from ecm_plan.trajectory import measures as measures_module

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER


def _below(x):
    """The float just below x."""
    return math.nextafter(x, -math.inf)


def _chart(ratio):
    """The UN chart category of a ratio (observed rate = ratio, required rate = 1)."""
    return measures_module._PROGRESS[sk.chart_of(0, ratio, 1.0, achieved=False)[1]]


def _expected(share):
    """The UN 2023 category of a share (base 0, target 1, expected value = share)."""
    return measures_module._PROGRESS[sk.expected_of(0, share, 0.0, 1.0, achieved=False)[1]]


def _statcan(ratio):
    """The Statistics Canada category of a ratio (R = observed rate when required is 1)."""
    cat = sk.statcan_of(0, ratio, 1.0, 1.0, 1.0, achieved=False)[1]
    return measures_module._PROGRESS[cat]


class TestUnProgressChart:
    @pytest.mark.parametrize(
        ("ratio", "expected"),
        [
            (0.99, ProgressCategory.ON_TRACK),
            (0.96, ProgressCategory.ON_TRACK),
            (0.94, ProgressCategory.ACCELERATION_NEEDED),
            (0.51, ProgressCategory.ACCELERATION_NEEDED),
            (0.49, ProgressCategory.LIMITED_PROGRESS),
            (-0.09, ProgressCategory.LIMITED_PROGRESS),
            (-0.11, ProgressCategory.DETERIORATION),
        ],
    )
    def test_thresholds(self, ratio, expected):
        """On track >= 0.95, fair 0.5-0.95, limited -0.1-0.5, deterioration < -0.1."""
        # One period elapsed of one: CR is the share of the required change achieved.
        m = un_progress_chart(
            100.0, 100.0 + 100.0 * ratio, 200.0, elapsed=1, horizon=1, polarity=HIGHER
        )
        assert expected == m.category
        assert pytest.approx(ratio) == m.value

    @pytest.mark.parametrize(
        ("threshold", "above", "below"),
        [
            (0.95, ProgressCategory.ON_TRACK, ProgressCategory.ACCELERATION_NEEDED),
            (0.5, ProgressCategory.ACCELERATION_NEEDED, ProgressCategory.LIMITED_PROGRESS),
            (-0.1, ProgressCategory.LIMITED_PROGRESS, ProgressCategory.DETERIORATION),
        ],
    )
    def test_threshold_edges(self, threshold, above, below):
        """Each threshold belongs to the upper band; the float below it to the lower band."""
        assert above == _chart(threshold)
        assert below == _chart(_below(threshold))

    def test_wigan_ni19_formula(self):
        """CR = CAGR_a / CAGR_r, from the published formula."""
        m = un_progress_chart(0.86, 0.81, 0.73, elapsed=1, horizon=3, polarity=LOWER)
        expected = (0.81 / 0.86 - 1) / ((0.73 / 0.86) ** (1 / 3) - 1)
        assert pytest.approx(expected) == m.value
        assert MeasureKind.UN_PROGRESS_CHART == m.kind
        assert m.score is None

    def test_target_achieved(self):
        """A latest value that meets the target is 'target achieved', whatever the ratio."""
        m = un_progress_chart(0.86, 0.70, 0.73, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category
        assert m.value is not None

    def test_zero_baseline(self):
        """A zero baseline: unable to assess, no 0.001 substitution, no warning."""
        m = un_progress_chart(0.0, 5.0, 10.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert m.value is None
        assert "zero" in m.reason

    def test_sign_change(self):
        """A latest value of the other sign from the base: unable to assess."""
        m = un_progress_chart(0.58, -10.0, -50.0, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert "differ in sign" in m.reason

    def test_target_of_other_sign(self):
        """A target of the other sign from the base: unable to assess."""
        m = un_progress_chart(0.58, 0.2, -50.0, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert "target differ in sign" in m.reason

    def test_single_point(self):
        """No elapsed period: unable to assess."""
        m = un_progress_chart(10.0, 10.0, 20.0, elapsed=0, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert "later actual value" in m.reason

    def test_missing_current(self):
        """A missing current value: unable to assess."""
        m = un_progress_chart(10.0, math.nan, 20.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category

    def test_flat_target_not_met(self):
        """A 'maintain' target missed is deterioration, with no ratio."""
        m = un_progress_chart(18.01, 19.0, 18.01, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.DETERIORATION == m.category
        assert m.value is None
        assert "equals the base" in m.reason

    def test_flat_target_met(self):
        """A 'maintain' target met is achieved."""
        m = un_progress_chart(18.01, 18.01, 18.01, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category

    def test_zero_target(self):
        """A zero target gives the required rate -100% exactly."""
        m = un_progress_chart(10.0, 5.0, 0.0, elapsed=1, horizon=1, polarity=LOWER)
        assert pytest.approx(0.5) == m.value

    def test_negative_values(self):
        """Two negative values have a defined growth rate."""
        m = un_progress_chart(-10.0, -8.0, -5.0, elapsed=1, horizon=1, polarity=HIGHER)
        assert pytest.approx(0.4) == m.value

    def test_percent_change_series(self):
        """A % change series is measured on the index 100 + x."""
        m = un_progress_chart(
            0.58, -10.0, -50.0, elapsed=1, horizon=3, polarity=LOWER, percent_change=True
        )
        expected = (90.0 / 100.58 - 1) / ((50.0 / 100.58) ** (1 / 3) - 1)
        assert pytest.approx(expected) == m.value
        assert ProgressCategory.ACCELERATION_NEEDED == m.category

    @pytest.mark.parametrize(("elapsed", "horizon"), [(-1, 3), (2, 1), (1, 0), (1.0, 3), (True, 3)])
    def test_period_counts_are_checked(self, elapsed, horizon):
        """elapsed >= 0 and horizon >= max(elapsed, 1), whole numbers."""
        with pytest.raises(TrajectoryError):
            un_progress_chart(1.0, 2.0, 3.0, elapsed=elapsed, horizon=horizon, polarity=HIGHER)

    def test_target_must_be_finite(self):
        """A missing target is an error."""
        with pytest.raises(TrajectoryError, match="target"):
            un_progress_chart(1.0, 2.0, math.nan, elapsed=1, horizon=3, polarity=HIGHER)


class TestUnExpectedValue:
    @pytest.mark.parametrize(
        ("share", "expected"),
        [
            (1.0, ProgressCategory.TARGET_ACHIEVED),
            (0.96, ProgressCategory.ON_TRACK),
            (0.94, ProgressCategory.ACCELERATION_NEEDED),
            (0.11, ProgressCategory.ACCELERATION_NEEDED),
            (0.09, ProgressCategory.STAGNATION_OR_REGRESSION),
            (-0.5, ProgressCategory.STAGNATION_OR_REGRESSION),
        ],
    )
    def test_thresholds(self, share, expected):
        """>= 0.95 on track, 0.10-0.95 acceleration needed, < 0.10 stagnation or regression."""
        # One period of one: the expected value is the latest value itself.
        m = un_expected_value(
            100.0, 100.0 + 100.0 * share, 200.0, elapsed=1, horizon=1, polarity=HIGHER
        )
        assert expected == m.category
        assert pytest.approx(share) == m.value

    @pytest.mark.parametrize(
        ("threshold", "above", "below"),
        [
            (0.95, ProgressCategory.ON_TRACK, ProgressCategory.ACCELERATION_NEEDED),
            (0.10, ProgressCategory.ACCELERATION_NEEDED, ProgressCategory.STAGNATION_OR_REGRESSION),
        ],
    )
    def test_threshold_edges(self, threshold, above, below):
        """Each threshold belongs to the upper band."""
        assert above == _expected(threshold)
        assert below == _expected(_below(threshold))

    def test_expected_value_formula(self):
        """R = (v_t (1 + CAGR_a)^(T - t) - v_b) / (v_T - v_b), from the published formula."""
        m = un_expected_value(296, 283, 257, elapsed=1, horizon=3, polarity=LOWER)
        cagr = 283 / 296 - 1
        ve = 283 * (1 + cagr) ** 2
        assert pytest.approx((ve - 296) / (257 - 296)) == m.value

    def test_flat_target(self):
        """A missed 'maintain' target is stagnation or regression, with no ratio."""
        m = un_expected_value(18.01, 19.0, 18.01, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.STAGNATION_OR_REGRESSION == m.category
        assert m.value is None

    def test_zero_baseline(self):
        """A zero baseline: unable to assess."""
        m = un_expected_value(0.0, 1.0, 2.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category

    def test_target_sign_does_not_matter(self):
        """Unlike the rate ratio, the expected value needs no target of the base's sign."""
        m = un_expected_value(10.0, 5.0, -10.0, elapsed=1, horizon=1, polarity=LOWER)
        assert pytest.approx(0.25) == m.value

    def test_overflow_is_infinite_not_an_error(self):
        """A huge growth extrapolated far gives an infinite ratio, not OverflowError."""
        m = un_expected_value(1e-300, 1e300, 2.0, elapsed=1, horizon=50, polarity=HIGHER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category
        m = un_expected_value(1e-300, 1.0, 2.0, elapsed=1, horizon=50, polarity=HIGHER)
        assert m.value == math.inf
        assert ProgressCategory.ON_TRACK == m.category


class TestStatcanProgress:
    @pytest.mark.parametrize(
        ("ratio", "expected"),
        [
            (0.99, ProgressCategory.ON_TRACK),
            (0.96, ProgressCategory.ON_TRACK),
            (0.94, ProgressCategory.ACCELERATION_NEEDED),
            (0.61, ProgressCategory.ACCELERATION_NEEDED),
            (0.59, ProgressCategory.LIMITED_PROGRESS),
            (0.01, ProgressCategory.LIMITED_PROGRESS),
            (-0.01, ProgressCategory.DETERIORATION),
        ],
    )
    def test_thresholds(self, ratio, expected):
        """>= 0.95 on track, 0.60-0.95 acceleration needed, 0-0.60 limited, < 0 deterioration."""
        m = statcan_progress(
            100.0, 100.0 + 100.0 * ratio, 200.0, elapsed=1, horizon=1, polarity=HIGHER
        )
        assert expected == m.category
        assert pytest.approx(ratio) == m.value

    @pytest.mark.parametrize(
        ("threshold", "above", "below"),
        [
            (0.95, ProgressCategory.ON_TRACK, ProgressCategory.ACCELERATION_NEEDED),
            (0.60, ProgressCategory.ACCELERATION_NEEDED, ProgressCategory.LIMITED_PROGRESS),
            (0.0, ProgressCategory.LIMITED_PROGRESS, ProgressCategory.DETERIORATION),
        ],
    )
    def test_threshold_edges(self, threshold, above, below):
        """Each threshold belongs to the upper band."""
        assert above == _statcan(threshold)
        assert below == _statcan(_below(threshold))

    @pytest.mark.parametrize(
        ("ratio", "score"),
        [
            (-1.0, -5.0),
            (-0.6, -5.0),
            (0.0, -2.5),
            (0.3, -1.25),
            (0.6, 0.0),
            (0.95, 2.5),
            (1.3, 5.0),
            (2.0, 5.0),
        ],
    )
    def test_score(self, ratio, score):
        """The score is piecewise linear: -5 at -0.6, -2.5 at 0, 0 at 0.6, 2.5 at 0.95, 5 at 1.3."""
        assert pytest.approx(score, abs=1e-12) == sk.statcan_score(ratio)

    @pytest.mark.parametrize("ratio", [-0.3, 0.2, 0.7, 1.0, 1.2])
    def test_score_agrees_with_sdg_build_coefficients(self, ratio):
        """sdg-build writes the slopes as 4.1667 and 7.1429; the exact fractions agree to 1e-3."""
        published = 4.1667 * ratio - 2.5 if ratio < 0.6 else min(7.1429 * ratio - 4.2857, 5)
        assert pytest.approx(published, abs=1e-3) == sk.statcan_score(ratio)

    def test_signed_by_direction_and_base(self):
        """R = sign(y0) * d * CAGR_a / |CAGR_r|: a fall is progress when lower is better."""
        m = statcan_progress(0.86, 0.81, 0.73, elapsed=1, horizon=3, polarity=LOWER)
        expected = -1 * (0.81 / 0.86 - 1) / abs((0.73 / 0.86) ** (1 / 3) - 1)
        assert pytest.approx(expected) == m.value
        assert ProgressCategory.ON_TRACK == m.category

    def test_negative_base_flips_the_sign(self):
        """For negative values a rise towards zero is progress when higher is better."""
        m = statcan_progress(-10.0, -8.0, -5.0, elapsed=1, horizon=1, polarity=HIGHER)
        assert pytest.approx(0.4) == m.value
        assert ProgressCategory.LIMITED_PROGRESS == m.category

    def test_target_achieved_scores_five(self):
        """A met target scores 5 whatever the trend."""
        m = statcan_progress(10.0, 25.0, 20.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category
        assert 5.0 == m.score

    def test_zero_base_is_not_replaced(self):
        """A zero base is unable to assess (Open SDG would substitute 0.001)."""
        m = statcan_progress(0.0, 3.0, 10.0, elapsed=1, horizon=3, polarity=HIGHER)
        assert ProgressCategory.UNABLE_TO_ASSESS == m.category
        assert m.value is None
        assert m.score is None

    def test_flat_target_missed(self):
        """A missed 'maintain' target is deterioration with score -5."""
        m = statcan_progress(18.01, 19.0, 18.01, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.DETERIORATION == m.category
        assert -5.0 == m.score
        assert m.value is None

    def test_wrong_way_target(self):
        """A target in the undesired direction (Wigan NI 64: 1.1% to 3%) is already met."""
        m = statcan_progress(1.1, 1.5, 3.0, elapsed=1, horizon=3, polarity=LOWER)
        assert ProgressCategory.TARGET_ACHIEVED == m.category
