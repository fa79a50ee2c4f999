"""A missing optional extra is a library error that names the extra, from a checkout too."""

from __future__ import annotations

import importlib

import pytest

from ecm_plan import frames, plots
from ecm_plan.exceptions import MissingExtraError, PlanError


def _without(monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    real = importlib.import_module

    def fake(name: str, package: str | None = None) -> object:
        if name == missing or name.startswith(missing + "."):
            raise ImportError(f"No module named {name!r}")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", fake)


def test_frames_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    _without(monkeypatch, "pandas")
    with pytest.raises(MissingExtraError) as caught:
        frames._pandas()
    assert isinstance(caught.value, PlanError)
    assert isinstance(caught.value, ImportError)
    assert caught.value.extra == "pandas"
    assert 'pip install ".[pandas]"' in str(caught.value)
    assert 'pip install "ecm-plan[pandas]"' in str(caught.value)


def test_plots_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    _without(monkeypatch, "matplotlib")
    with pytest.raises(MissingExtraError) as caught:
        plots._axes(None)
    assert caught.value.extra == "plot"
    assert caught.value.package == "matplotlib"
    assert 'pip install ".[plot]"' in str(caught.value)
