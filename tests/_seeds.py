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


_TAGS = re.compile(r"</?[a-z]+>")
_LEAD = re.compile(r"^(?:[-•■*\s]+|\d+\.\s+|Question \d+\s+|Chapter \d+\s+)+")


def normalise(text: str) -> str:
    """Text as compared: squashed, HTML tags and emphasis gone, leading bullets and numbers gone."""
    text = squash(_TAGS.sub(" ", text).replace("**", ""))
    return _LEAD.sub("", text).strip()


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph (split after '.', '?', '!' or ';' and a space)."""
    return [s for s in re.split(r"(?<=[.?!;:])\s+", normalise(paragraph)) if s]


def uncovered(plan: object, lines: list[str], *, key: int = 40) -> list[str]:
    """The paragraphs of ``lines`` that are neither in the plan's text nor named in a note.

    A paragraph is in the plan when the opening ``key`` characters of each of its sentences
    occur in some string of the plan (a section item, a title, an event); it is named in a
    note when a note quotes its opening ``key`` characters.
    """
    strings = plan_strings(plan)
    text = "\n".join(normalise(s) for in_notes, s in strings if not in_notes)
    notes = "\n".join(normalise(s) for in_notes, s in strings if in_notes)
    missing = []
    for line in lines:
        paragraph = normalise(line)
        if not paragraph:
            continue
        if paragraph[:key] in notes:
            continue
        if all(sentence[:key] in text for sentence in sentences(paragraph)):
            continue
        missing.append(paragraph)
    return missing
