"""Plan files with hostile text, and saving without side effects."""

from __future__ import annotations

import errno
import json
import os
import pickle
import stat
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from ecm_plan import PlanError, PlanFileError, PlanValidationError, load_bundled
from ecm_plan.exceptions import ArgumentError, PlanWriteError
from ecm_plan.io import dump_plan, dumps_plan, load_plan, loads_plan
from ecm_plan.io._limits import period_problems, value_problems
from ecm_plan.io._text import surrogate_problems
from ecm_plan.io.converter import make_converter
from ecm_plan.testing import plans, unicode_texts

FORMATS = ("yaml", "json", "toml")
HOSTILE = (
    "a\x85b",
    "line\nthen NEL\x85c",
    "a\u2028b\u2029c",
    "bell\x07",
    "\x00",
    "nul\x00 inside",
    "crlf\r\nend\n",
    "lone\rcr",
    "\ufeffbom first",
    "bom\ufeffinside",
    "del\x7f c1\x9f",
    "tab\there",
    "\t",
    "esc\x1b[0m\n",
    " spaces around ",
    "\ufffe\uffff",
    "emoji \U0001f600",
    "trailing\n\n",
)


def _plan_with(text):
    return attrs.evolve(load_bundled("sample"), title=text, vision=(text,))


class TestTextSurvives:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("text", HOSTILE)
    def test_round_trip(self, fmt, text):
        """Controls, NUL, NEL, separators, BOM and CR survive every format exactly."""
        plan = _plan_with(text)
        back = loads_plan(dumps_plan(plan, fmt), fmt)
        assert text == back.title
        assert plan == back

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("text", HOSTILE)
    def test_round_trip_through_file(self, tmp_path, fmt, text):
        """The same holds through a file (no newline translation on either side)."""
        plan = _plan_with(text)
        path = tmp_path / f"plan.{fmt}"
        dump_plan(plan, path)
        assert plan == load_plan(path)

    @settings(max_examples=40)
    @given(plans(text=unicode_texts()))
    def test_any_unicode(self, plan):
        """Text from all of Unicode round-trips in every format, or is refused with its key path.

        One drawn plan goes through all three formats, so each format sees every plan.
        """
        data = make_converter().unstructure(plan)
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            writable = False
        else:
            writable = True
        past_limits = value_problems(data) + period_problems(plan)
        for fmt in FORMATS:
            if writable and not past_limits:
                assert plan == loads_plan(dumps_plan(plan, fmt), fmt), fmt
                continue
            with pytest.raises(PlanValidationError) as info:
                dumps_plan(plan, fmt)
            assert info.value.problems
            if writable:
                assert past_limits == list(info.value.problems)
            else:
                assert all("lone surrogate" in p.message and p.path for p in info.value.problems)

    def test_dumps_refuses_past_limits(self):
        """A plan built in Python with a value loading would refuse is refused at dump."""
        plan = attrs.evolve(load_bundled("sample"), id="p" + "1" * 18)
        with pytest.raises(PlanValidationError) as info:
            dumps_plan(plan)
        assert ["id"] == [p.path for p in info.value.problems]

    def test_lone_surrogate_refused_at_load_json(self):
        """A lone surrogate escape in JSON is a problem at its key path, not a later crash."""
        data = {"id": "demo", "authority": "A", "title": "x\ud800", "period": "2009-10"}
        with pytest.raises(PlanFileError) as info:
            loads_plan(json.dumps(data), "json")
        [problem] = info.value.problems
        assert "title" == problem.path
        assert "lone surrogate U+D800 at character 1" in problem.message
        assert "UTF-8" in problem.hint

    def test_lone_surrogate_refused_at_load_yaml(self):
        """The YAML escape is refused in the same way."""
        text = 'id: demo\nauthority: A\ntitle: t\nperiod: 2009-10\nvision: ["ok", "\\udfff"]\n'
        with pytest.raises(PlanFileError) as info:
            loads_plan(text, "yaml")
        # PyYAML reads the escape and the text is refused at its key path; libyaml refuses
        # the escape itself, at its line and column.
        assert [p.path for p in info.value.problems] in (["vision[1]"], ["line 5, column 19"])

    def test_lone_surrogate_refused_at_load_toml(self):
        """TOML itself refuses a surrogate escape; the error is still a PlanFileError."""
        text = 'id = "demo"\nauthority = "A"\ntitle = "x\\ud800"\nperiod = "2009-10"\n'
        with pytest.raises(PlanFileError, match="Unicode scalar"):
            loads_plan(text, "toml")

    def test_surrogate_in_key_path(self):
        """A key holding a surrogate is reported at that key, in brackets."""
        found = surrogate_problems({"values": {"20\udc00": "1"}})
        assert ["values['20\\udc00']"] == [p.path for p in found]
        assert "the key holds" in found[0].message

    def test_dumps_refuses_surrogate(self, tmp_path):
        """A plan built in Python with a lone surrogate cannot be written; nothing is touched."""
        plan = _plan_with("bad \udc80")
        with pytest.raises(PlanValidationError) as info:
            dumps_plan(plan, "json")
        assert {"title", "vision[0]"} == {p.path for p in info.value.problems}
        path = tmp_path / "plan.yaml"
        path.write_text("old", encoding="utf-8")
        with pytest.raises(PlanValidationError):
            dump_plan(plan, path)
        assert "old" == path.read_text(encoding="utf-8")
        assert ["plan.yaml"] == [p.name for p in tmp_path.iterdir()]

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_bom_at_start_skipped(self, tmp_path, fmt):
        """A file saved with a byte order mark loads, in every format, as text or as a file."""
        plan = load_bundled("sample")
        text = "\ufeff" + dumps_plan(plan, fmt)
        assert plan == loads_plan(text, fmt)
        path = tmp_path / f"plan.{fmt}"
        path.write_bytes(text.encode("utf-8"))
        assert plan == load_plan(path)

    def test_yaml_writes_nel_escaped(self):
        """YAML writes NEL as an escape in a double-quoted scalar, not as a raw line break."""
        text = dumps_plan(_plan_with("a\x85b"), "yaml")
        assert 'title: "a\\Nb"' in text
        assert "\x85" not in text


@pytest.fixture
def umask():
    """Set a umask for one test and restore the old one."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


def _names(folder):
    return sorted(p.name for p in Path(folder).iterdir())


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and links")
class TestDumpPlan:
    def test_keeps_mode(self, tmp_path):
        """An existing file keeps its permission bits."""
        path = tmp_path / "plan.yaml"
        path.write_text("old", encoding="utf-8")
        path.chmod(0o640)
        dump_plan(load_bundled("sample"), path)
        assert 0o640 == stat.S_IMODE(path.stat().st_mode)

    @pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0, 0o666)])
    def test_new_file_honours_umask(self, tmp_path, umask, mask, expected):
        """A new file gets 0o666 less the umask, not the 0o600 of a temporary file."""
        umask(mask)
        path = tmp_path / "plan.json"
        dump_plan(load_bundled("sample"), path)
        assert expected == stat.S_IMODE(path.stat().st_mode)

    def test_writes_through_symlink(self, tmp_path):
        """A symbolic link stays a link; its target gets the new plan."""
        real = tmp_path / "real" / "plan.yaml"
        real.parent.mkdir()
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "plan.yaml"
        link.symlink_to(real)
        plan = load_bundled("sample")
        dump_plan(plan, link)
        assert link.is_symlink()
        assert plan == load_plan(real)
        assert ["plan.yaml", "real"] == _names(tmp_path)
        assert ["plan.yaml"] == _names(real.parent)

    def test_dangling_symlink_creates_target(self, tmp_path):
        """A link to a file not yet there creates the file and keeps the link."""
        real = tmp_path / "new.toml"
        link = tmp_path / "plan.toml"
        link.symlink_to(real)
        dump_plan(load_bundled("sample"), link)
        assert link.is_symlink()
        assert real.is_file()

    def test_symlink_loop_refused(self, tmp_path):
        """A loop of links has no file to write: a PlanWriteError, and the links stay."""
        first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
        first.symlink_to(second)
        second.symlink_to(first)
        with pytest.raises(PlanWriteError) as info:
            dump_plan(load_bundled("sample"), first)
        assert errno.ELOOP == info.value.errno
        assert first.is_symlink()
        assert second.is_symlink()
        assert ["a.yaml", "b.yaml"] == _names(tmp_path)

    def test_hard_link_detached(self, tmp_path):
        """Atomic replacement gives the path a new file; another hard link keeps the old text."""
        path = tmp_path / "plan.yaml"
        path.write_text("old", encoding="utf-8")
        other = tmp_path / "other.yaml"
        other.hardlink_to(path)
        dump_plan(load_bundled("sample"), path)
        assert "old" == other.read_text(encoding="utf-8")
        assert 1 == path.stat().st_nlink
        assert load_bundled("sample") == load_plan(path)

    def test_fsyncs_file_and_folder(self, tmp_path, monkeypatch):
        """The file is synced before the rename and the folder after it."""
        kinds = []
        real_fsync = os.fsync

        def spy(fd):
            kinds.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", spy)
        dump_plan(load_bundled("sample"), tmp_path / "plan.yaml")
        assert ["file", "dir"] == kinds

    @pytest.mark.parametrize("error", [KeyboardInterrupt, OSError, RuntimeError])
    def test_no_temp_file_when_replace_fails(self, tmp_path, monkeypatch, error):
        """An error or interrupt at the rename leaves the old file and no temporary file."""
        path = tmp_path / "plan.yaml"
        path.write_text("old", encoding="utf-8")

        def fail(_self, _target):
            raise error("stop")

        monkeypatch.setattr(Path, "replace", fail)
        with pytest.raises((error, PlanWriteError)):
            dump_plan(load_bundled("sample"), path)
        assert "old" == path.read_text(encoding="utf-8")
        assert ["plan.yaml"] == _names(tmp_path)

    def test_no_temp_file_when_write_interrupted(self, tmp_path, monkeypatch):
        """A KeyboardInterrupt mid-write removes the temporary file."""
        path = tmp_path / "plan.yaml"
        path.write_text("old", encoding="utf-8")

        def interrupted(_fd, _data):
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "write", interrupted)
        with pytest.raises(KeyboardInterrupt):
            dump_plan(load_bundled("sample"), path)
        assert "old" == path.read_text(encoding="utf-8")
        assert ["plan.yaml"] == _names(tmp_path)

    @pytest.mark.parametrize("wrong", [None, {}, "plan", 3])
    def test_refuses_non_plan_before_touching(self, tmp_path, wrong):
        """Anything but a Plan is an ArgumentError, and the good file stays as it was."""
        path = tmp_path / "plan.yaml"
        dump_plan(load_bundled("sample"), path)
        before = path.read_bytes()
        with pytest.raises(ArgumentError) as info:
            dump_plan(wrong, path)
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, PlanError)
        assert type(wrong).__name__ == info.value.got
        assert before == path.read_bytes()
        assert ["plan.yaml"] == _names(tmp_path)
        with pytest.raises(ArgumentError):
            dumps_plan(wrong)

    def test_serialises_before_opening(self, tmp_path, monkeypatch):
        """Nothing is opened until the whole text is ready."""
        opened = []
        real_open = os.open

        def spy(*args, **kwargs):
            opened.append(args[0])
            return real_open(*args, **kwargs)

        def broken(*_args):
            assert not opened
            raise ValueError("cannot serialise")

        monkeypatch.setattr(os, "open", spy)
        monkeypatch.setattr("ecm_plan.io.dumps", broken)
        with pytest.raises(ValueError, match="cannot serialise"):
            dump_plan(load_bundled("sample"), tmp_path / "plan.yaml")
        assert [] == opened
        assert [] == _names(tmp_path)

    def test_missing_folder_is_plan_write_error(self, tmp_path):
        """An operating system error becomes a PlanWriteError that is still an OSError."""
        path = tmp_path / "nope" / "plan.yaml"
        with pytest.raises(PlanWriteError) as info:
            dump_plan(load_bundled("sample"), path)
        assert isinstance(info.value, OSError)
        assert 2 == info.value.errno
        assert str(path) in str(info.value)


class TestErrorsPickle:
    @pytest.mark.parametrize(
        "err",
        [ArgumentError("plan", "a Plan", "NoneType"), PlanWriteError("p.yaml", "denied", 13)],
    )
    def test_pickle(self, err):
        """The new errors pickle with their facts."""
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 (our own object)
        assert str(err) == str(back)
        assert type(err) is type(back)
