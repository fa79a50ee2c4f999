"""assess_status with a baseline of the wrong shape."""

from __future__ import annotations

import numpy as np
import pytest

from ecm_plan.exceptions import TrajectoryError
from ecm_plan.trajectory import assess_status


class TestBaselineShape:
    """One series takes one baseline: an empty or longer array is a library error."""

    @pytest.mark.parametrize("baseline", [np.array([]), np.array([1.0, 2.0])])
    def test_wrong_size_is_trajectory_error(self, baseline):
        with pytest.raises(TrajectoryError, match="baseline must be one number"):
            assess_status(0, 0, polarity="lower_is_better", baseline=baseline)

    def test_one_element_array_is_the_number(self):
        got = assess_status([4.0], [5.0], polarity="lower_is_better", baseline=np.array([6.0]))
        want = assess_status([4.0], [5.0], polarity="lower_is_better", baseline=6.0)
        assert want == got
