"""The library's errors: where they live, what they say, and that they pickle."""

from __future__ import annotations

import pickle

import pytest

from ecm_plan import exceptions, load_bundled
from ecm_plan.exceptions import PlanError, UnknownPlanError
from ecm_plan.plans import UnknownPlanError as PlansUnknownPlanError


class TestUnknownPlanError:
    def test_defined_with_the_other_errors(self):
        """The error lives in ecm_plan.exceptions and is still importable from ecm_plan.plans."""
        assert UnknownPlanError is PlansUnknownPlanError
        assert "UnknownPlanError" in exceptions.__all__

    @pytest.mark.parametrize("name", ["wigan", None, 3, ("a",)])
    def test_any_name_gives_a_message(self, name):
        """A name of any type gives the library's error with a readable message, never a crash."""
        with pytest.raises(UnknownPlanError) as caught:
            load_bundled(name)
        message = str(caught.value)
        assert message.startswith(f"no bundled plan {name!r}")
        assert "sample" in message
        assert isinstance(caught.value, PlanError)
        assert isinstance(caught.value, KeyError)

    def test_suggests_the_nearest_name(self):
        """A near miss is answered with the bundled plan it probably means."""
        assert "did you mean 'wigan-2009-12'" in str(
            UnknownPlanError("wigan-2009", ("wigan-2009-12",))
        )

    @pytest.mark.parametrize("name", ["wigan", None])
    def test_pickles(self, name):
        """The error survives pickling with its facts and its message."""
        err = UnknownPlanError(name, ("sample", "wigan-2009-12"))
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 (pickled by this test itself)
        assert (name, ("sample", "wigan-2009-12")) == (back.name, back.known)
        assert str(err) == str(back)
