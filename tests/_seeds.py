"""The source texts of the bundled plans, for fidelity tests that compare plan and document."""

from __future__ import annotations

import re
from pathlib import Path

from ecm_plan.io import make_converter

SEEDS = Path(__file__).resolve().parent / "seeds"


def seed_lines(plan_id: str) -> list[str]:
    """The lines of the source text of the bundled plan ``plan_id`` (line 1 is index 0)."""
    return (SEEDS / f"{plan_id}.txt").read_text(encoding="utf-8").splitlines()


def squash(text: str) -> str:
    """Text with runs of white space made one space, quotes made plain, for comparison."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()


def _walk(data: object, *, in_notes: bool, out: list[tuple[bool, str]]) -> None:
    if isinstance(data, str):
        out.append((in_notes, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            _walk(value, in_notes=in_notes or key == "notes", out=out)
    elif isinstance(data, list | tuple):
        for value in data:
            _walk(value, in_notes=in_notes, out=out)


def plan_strings(plan: object) -> list[tuple[bool, str]]:
    """Every string of a plan's unstructured form, each with whether it is in a note."""
    out: list[tuple[bool, str]] = []
    _walk(make_converter().unstructure(plan), in_notes=False, out=out)
    return out


def note_texts(plan: object) -> list[str]:
    """The text of every note anywhere in a plan."""
    return [text for in_notes, text in plan_strings(plan) if in_notes]
