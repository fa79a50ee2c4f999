"""The library's errors: where they live, what they say, and that they pickle."""

from __future__ import annotations

import importlib
import pickle
import pkgutil

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


# One representative construction of every class in ecm_plan.exceptions.__all__.
EXAMPLES = {
    "AnalysisError": lambda: exceptions.AnalysisError("graph is not the plan's graph"),
    "ArgumentError": lambda: exceptions.ArgumentError("plan", "a Plan", "NoneType"),
    "ArgumentValueError": lambda: exceptions.ArgumentValueError("steps", "between 1 and 1000", 0),
    "CellError": lambda: exceptions.CellError(
        "72T953", "a digit run broken by letters", "write 72,953"
    ),
    "CycleError": lambda: exceptions.CycleError(["A1", "A2", "A1"]),
    "DuplicatePlanIdError": lambda: exceptions.DuplicatePlanIdError(["wigan-2009-12"]),
    "EcmPlanWarning": lambda: exceptions.EcmPlanWarning("suspicious input"),
    "FieldError": lambda: exceptions.FieldError("due", "not a period"),
    "InvalidChoiceError": lambda: exceptions.InvalidChoiceError("fatal", "severity", ["info"]),
    "InvalidFindingsError": lambda: exceptions.InvalidFindingsError("not an array"),
    "InvalidPeriodError": lambda: exceptions.InvalidPeriodError("2009-11", "not a year"),
    "InvalidShareError": lambda: exceptions.InvalidShareError(1.5),
    "MissingExtraError": lambda: exceptions.MissingExtraError(
        "openpyxl", "xlsx", "reading a workbook"
    ),
    "NotInResultError": lambda: exceptions.NotInResultError("A9", "the order of work", ["A1"]),
    "PlanError": lambda: exceptions.PlanError("something went wrong"),
    "PlanFileError": lambda: exceptions.PlanFileError(
        "plan.yaml", [exceptions.Problem("priorities[0]", "no id", "add one")]
    ),
    "PolarityUnknownError": lambda: exceptions.PolarityUnknownError("2016SC"),
    "PlanWriteError": lambda: exceptions.PlanWriteError("/no/plan.yaml", "No such directory", 2),
    "ReturnsError": lambda: exceptions.ReturnsError(
        "q2.csv", [exceptions.Problem("line 4, column period", "cannot read 'Q5'")]
    ),
    "TextReplacedWarning": lambda: exceptions.TextReplacedWarning(2, ["P1"]),
    "PlanValidationError": lambda: exceptions.PlanValidationError(
        [exceptions.Problem("leads[0]", "unknown lead 'HoS'")]
    ),
    "RuleConfigError": lambda: exceptions.RuleConfigError("'fatal' is not a severity"),
    "TableShapeError": lambda: exceptions.TableShapeError("Leads", 2, 3, 2),
    "TrajectoryError": lambda: exceptions.TrajectoryError("steps must be at least 1"),
    "UnitError": lambda: exceptions.UnitError("cannot add percent and GBP"),
    "UnknownElementError": lambda: exceptions.UnknownElementError("P9", ["P1"], "plan 'x'"),
    "UnknownFormatError": lambda: exceptions.UnknownFormatError("xml", ["yaml", "json"]),
    "UnknownIndicatorError": lambda: exceptions.UnknownIndicatorError("NI 31", ["NI 30"], "gap"),
    "UnknownOutcomeError": lambda: exceptions.UnknownOutcomeError("be_helthy", "outcome", ["x"]),
    "UnknownPlanError": lambda: exceptions.UnknownPlanError("wigan", ["wigan-2009-12"]),
    "UnknownRatingRuleError": lambda: exceptions.UnknownRatingRuleError("x", ["default"]),
    "UnknownRuleError": lambda: exceptions.UnknownRuleError("ECM9", ["ECM901"], "ECM001", "ECM6"),
}
CLASSES = sorted(
    name
    for name in exceptions.__all__
    if isinstance(getattr(exceptions, name), type)
    and issubclass(getattr(exceptions, name), BaseException)
)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


class TestEveryError:
    def test_table_covers_all(self):
        """The table below constructs every exception class the module exports."""
        assert CLASSES == sorted(EXAMPLES)

    @pytest.mark.parametrize("name", CLASSES)
    def test_pickles(self, name):
        """Each error pickles and unpickles to the same class with an equal message."""
        err = EXAMPLES[name]()
        assert name == type(err).__name__
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 (pickled by this test itself)
        assert (type(err), str(err)) == (type(back), str(back))

    @pytest.mark.parametrize("name", CLASSES)
    def test_error_or_warning_of_the_library(self, name):
        """Each class is a PlanError, or the library's warning, and errors subclass a builtin."""
        cls = getattr(exceptions, name)
        if issubclass(cls, Warning):
            assert issubclass(cls, exceptions.EcmPlanWarning)
        else:
            assert issubclass(cls, PlanError)
        if cls is not PlanError and not issubclass(cls, Warning):
            assert issubclass(cls, (ValueError, LookupError, TypeError, OSError, ImportError))

    def test_every_error_is_defined_in_exceptions(self):
        """After importing every module, each PlanError subclass lives in ecm_plan.exceptions."""
        import ecm_plan  # noqa: PLC0415 (the walk below imports every module of the package)

        for info in pkgutil.walk_packages(ecm_plan.__path__, "ecm_plan."):
            if not info.name.endswith("__main__"):
                importlib.import_module(info.name)
        outside = {
            f"{cls.__module__}.{cls.__qualname__}"
            for cls in _subclasses(PlanError)
            if cls.__module__ != "ecm_plan.exceptions"
        }
        assert set() == outside
        defined = {cls.__name__ for cls in _subclasses(PlanError)}
        assert defined <= set(exceptions.__all__)
