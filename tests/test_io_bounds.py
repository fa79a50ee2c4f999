"""Loading is bounded and total: any input loads or raises the library's own error, located."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ecm_plan.io as io_module
from ecm_plan import dumps_plan, load_bundled, load_plan, loads_plan
from ecm_plan.exceptions import ArgumentError, PlanFileError
from ecm_plan.io import _formats
from ecm_plan.io._formats import MAX_DEPTH, MAX_NODES, _BoundedLoader
from ecm_plan.io._limits import (
    MAX_DIGITS,
    MAX_TEXT_CHARS,
    MAX_YEAR,
    value_problems,
    within_limits,
)
from ecm_plan.io._text import surrogate_problems
from ecm_plan.plans import bundled_plans

BASE = "id: demo\nauthority: A\ntitle: T\nperiod: 2009-10\n"
BASE_JSON = {"id": "demo", "authority": "A", "title": "T", "period": "2009-10"}


@pytest.fixture(params=["libyaml", "pure"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on each YAML parser: libyaml's, and PyYAML's pure-Python one."""
    if request.param == "libyaml" and _formats._CLoader is None:
        pytest.skip("PyYAML is built without libyaml")
    monkeypatch.setattr(_formats, "_USE_LIBYAML", request.param == "libyaml")
    return str(request.param)


def refused(text: str, fmt: str = "yaml") -> list[tuple[str, str]]:
    """The (path, message) of each problem loading the text raises."""
    with pytest.raises(PlanFileError) as info:
        loads_plan(text, fmt)
    return [(p.path, p.message) for p in info.value.problems]


class TestReadFile:
    """load_plan reads only regular files, and never more than the cap."""

    def test_fifo_refused_without_blocking(self, tmp_path):
        """A FIFO named like a plan file is refused at once instead of blocking for ever."""
        fifo = tmp_path / "x.yaml"
        os.mkfifo(fifo)
        with pytest.raises(PlanFileError, match="not a regular file"):
            load_plan(fifo)

    def test_device_refused(self, tmp_path):
        """A name that points at /dev/zero is refused rather than read until memory runs out."""
        link = tmp_path / "zero.yaml"
        link.symlink_to("/dev/zero")
        with pytest.raises(PlanFileError, match="not a regular file"):
            load_plan(link)

    def test_folder_refused(self, tmp_path):
        """A folder named like a plan file is refused."""
        (tmp_path / "plan.json").mkdir()
        with pytest.raises(PlanFileError, match="not a regular file"):
            load_plan(tmp_path / "plan.json")

    def test_missing_file(self, tmp_path):
        """A missing file is a PlanFileError naming the operating system's reason."""
        with pytest.raises(PlanFileError, match="No such file"):
            load_plan(tmp_path / "none.yaml")

    def test_reads_at_most_cap_plus_one(self, tmp_path, monkeypatch):
        """A file over the cap is refused after reading cap + 1 bytes, not the whole file."""
        monkeypatch.setattr(io_module, "MAX_BYTES", 1000)
        path = tmp_path / "big.yaml"
        path.write_text("x" * 50_000)
        read: list[int] = []
        real_read = os.read

        def counting_read(handle: int, size: int) -> bytes:
            chunk = real_read(handle, size)
            read.append(len(chunk))
            return chunk

        monkeypatch.setattr(os, "read", counting_read)
        with pytest.raises(PlanFileError, match="larger than"):
            load_plan(path)
        assert 1001 == sum(read)

    def test_not_utf8(self, tmp_path):
        """Bytes that are not UTF-8 are a problem naming the byte, not a UnicodeDecodeError."""
        path = tmp_path / "plan.yaml"
        path.write_bytes(BASE.encode() + b"vision: [\xff]\n")
        with pytest.raises(PlanFileError, match="not UTF-8 text"):
            load_plan(path)

    def test_regular_file_loads(self, tmp_path):
        """A regular file still loads, in every format."""
        plan = load_bundled("sample")
        for fmt in ("yaml", "json", "toml"):
            path = tmp_path / f"plan.{fmt}"
            path.write_text(dumps_plan(plan, fmt), encoding="utf-8")
            assert plan == load_plan(path)

    def test_text_must_be_str(self):
        """loads_plan given bytes is an ArgumentError, not an AttributeError."""
        with pytest.raises(ArgumentError):
            loads_plan(b"id: x", "yaml")  # type: ignore[arg-type]  # the wrong type is the point of the test


class TestDepth:
    """Nesting is limited in every format before the parser recurses."""

    def test_json_deep_arrays(self):
        """JSON nested 1,000 deep is refused at its line and column, not a RecursionError."""
        [(path, message)] = refused("[" * 1000 + "]" * 1000, "json")
        assert f"line 1, column {MAX_DEPTH + 1}" == path
        assert "nesting deeper than" in message

    def test_json_deep_objects_in_a_plan(self):
        """Deep objects inside a plan are refused too; brackets in strings do not count."""
        text = json.dumps({**BASE_JSON, "title": "[[[[" * 100}).rstrip("}")
        text += ', "x": ' + '{"a": ' * 500 + "1" + "}" * 500 + "}"
        assert "nesting deeper than" in refused(text, "json")[0][1]

    def test_json_at_the_limit_parses(self):
        """Nesting up to the limit is parsed; the problem is then the unknown key, not depth."""
        text = json.dumps(
            {**BASE_JSON, "x": json.loads("[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))}
        )
        assert all("nesting" not in message for _, message in refused(text, "json"))

    def test_toml_deep_arrays(self):
        """TOML arrays nested 900 deep are refused, not a RecursionError."""
        [(path, message)] = refused("a = " + "[" * 900 + "]" * 900, "toml")
        assert path.startswith("line 1, column")
        assert "nesting deeper than" in message

    def test_toml_deep_inline_tables(self):
        """Inline tables nest as arrays do."""
        assert "nesting" in refused("a = " + "{b = " * 900 + "1" + "}" * 900, "toml")[0][1]

    def test_toml_dotted_headers(self):
        """A table header of 900 dotted keys is refused at its key path."""
        [(path, message)] = refused("[" + ".".join(["a"] * 900) + "]\nx = 1\n", "toml")
        assert path.startswith("a.a.a")
        assert "nesting deeper than" in message

    def test_toml_brackets_in_strings_ignored(self):
        """Brackets in TOML strings and comments do not count as nesting."""
        text = 'id = "demo"\nauthority = "[[[["\ntitle = \'{{{{\'\nperiod = "2009-10"\n# [[[[\n'
        assert "demo" == loads_plan(text * 1, "toml").id

    @pytest.mark.parametrize("style", ["flow", "block"])
    @pytest.mark.usefixtures("loader")
    def test_yaml_deep(self, style):
        """YAML nested 1,000 deep is refused at its line by either parser."""
        if style == "flow":
            text = BASE + "vision: " + "[" * 1000 + "]" * 1000 + "\n"
        else:
            text = BASE + "x:\n" + "".join("  " * i + "- " + "\n" for i in range(1000))
        [(path, message)] = refused(text)
        assert path.startswith("line ")
        assert "nesting deeper than" in message


class TestNumbers:
    """Numbers are capped in digits before any parser converts them."""

    @pytest.mark.parametrize(
        ("fmt", "text"),
        [
            ("toml", 'id = "demo"\nn = ' + "1" * 4400 + "\n"),
            ("json", '{"id": "demo",\n "n": ' + "1" * 5000 + "}"),
            ("json", '{"id": "demo",\n "n": 1.' + "1" * 5000 + "}"),
            ("yaml", "id: demo\nn: " + "1" * 5000 + "\n"),
            ("yaml", "id: demo\nn: !!int '" + "1" * 5000 + "'\n"),
        ],
    )
    def test_huge_numbers(self, fmt, text):
        """A number of thousands of digits is a located problem, not a ValueError."""
        [(path, message)] = refused(text, fmt)
        assert path.startswith("line 2")
        assert "a number of more than" in message

    def test_large_number_at_key_path(self):
        """A number past the magnitude limit is refused at its key path."""
        problems = refused(json.dumps({**BASE_JSON, "vision": [10**16]}), "json")
        assert [("vision[0]", "the number is larger than 1e+15 in magnitude")] == problems

    def test_not_finite(self):
        """NaN and infinity are refused at their key path."""
        text = json.dumps({**BASE_JSON, "vision": [float("nan"), float("inf")]})
        assert ["vision[0]", "vision[1]"] == [path for path, _ in refused(text, "json")]


class TestYamlTags:
    """Only the standard safe tags are read."""

    @pytest.mark.parametrize(
        "value", ["!!timestamp x", "!!timestamp 2009-01-01", "!!binary aGVsbG8=", "!!set {a}"]
    )
    @pytest.mark.usefixtures("loader")
    def test_refused_at_line(self, value):
        """Other tags are refused at their line, where !!timestamp x was an AttributeError."""
        [(path, message)] = refused(BASE + f"published: {value}\n")
        assert path.startswith("line 5, column")
        assert "is refused in a plan file" in message

    @pytest.mark.usefixtures("loader")
    def test_bad_value_for_safe_tag(self):
        """A safe tag whose value does not fit is a problem at its line."""
        [(path, message)] = refused(BASE + "vision: [!!int abc]\n")
        assert path.startswith("line 5")
        assert "cannot read this int value" in message

    @pytest.mark.usefixtures("loader")
    def test_equals_sign_is_text(self):
        """A plain '=' is text, not YAML's 'value' tag."""
        assert ("=",) == loads_plan(BASE + "vision: [=]\n").vision


class TestAliases:
    """Each alias counts the size of what it stands for, measured once."""

    @pytest.mark.usefixtures("loader")
    def test_big_string_aliased(self):
        """One 1 MiB string aliased 99 times is refused before it is expanded."""
        text = BASE + 's: &a "' + "x" * (1 << 20) + '"\nl: [' + ", ".join(["*a"] * 99) + "]\n"
        [(path, message)] = refused(text)
        assert path.startswith("line 6")
        assert "aliases expand the text beyond" in message

    @pytest.mark.usefixtures("loader")
    def test_billion_laughs(self):
        """Nested aliases are refused at the node limit, quickly."""
        text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n"
            for i in range(9)
        )
        start = time.process_time()
        [(_, message)] = refused(text)
        assert f"more than {MAX_NODES:,} YAML nodes" in message
        assert time.process_time() - start < 5

    @pytest.mark.usefixtures("loader")
    def test_alias_inside_own_anchor(self):
        """A recursive alias is refused rather than building a structure that contains itself."""
        [(_, message)] = refused("a: &a [1, *a]\n")
        assert "inside its own anchor" in message

    @pytest.mark.usefixtures("loader")
    def test_nodes_counted_once_per_anchor(self):
        """The node count is exact: the anchor's size times each alias, not re-measured."""
        anchor = "[" + ", ".join(["[1, 2]"] * 10) + "]"  # 1 + 10 * 3 = 31 nodes
        text = f"a: &a {anchor}\nb: [" + ", ".join(["*a"] * 200) + "]\n"
        instance = _BoundedLoader(text)
        try:
            instance.get_single_node()
        finally:
            instance.dispose()
        # mapping + 2 keys + anchored list (31) + list of aliases (1 + 200 * 31)
        assert 1 + 2 + 31 + 1 + 200 * 31 == instance._nodes

    @pytest.mark.usefixtures("loader")
    def test_aliases_load(self):
        """Ordinary aliases still load, to the same data."""
        text = BASE + "leads:\n  - &l {id: L1, name: Lead}\nvision: [&v Hello, *v]\n"
        assert ("Hello", "Hello") == loads_plan(text).vision


class TestValueLimits:
    """Values the analyses cannot handle are refused at load, at their key path."""

    def test_long_text(self):
        """A text over the cap is refused at its key path (one 20,000-digit cell took 21 s)."""
        start = time.process_time()
        problems = refused(BASE + "vision: ['" + "1" * 20_000 + "']\n")
        assert time.process_time() - start < 2
        assert "vision[0]" == problems[0][0]
        assert f"more than the {MAX_TEXT_CHARS:,} allowed" in problems[0][1]

    def test_long_figure(self):
        """A figure of more than 17 digits is refused; a target with 400 decimal places too."""
        data = json.loads(dumps_plan(load_bundled("sample"), "json"))
        data["indicators"][1]["targets"]["2009-10"] = "0." + "1" * 400 + "%"
        [(path, message)] = refused(json.dumps(data), "json")
        assert "indicators[1].targets.2009-10" == path
        assert f"more than {MAX_DIGITS} digits" in message

    def test_thousands_separators_counted(self):
        """Thousands separators do not hide digits; a list of years is not one long figure.

        "2008,2009,2010,2011" is refused by the cell grammar for its separators (a figure it
        would have to guess at), not by the digit limit.
        """
        data = json.loads(dumps_plan(load_bundled("sample"), "json"))
        data["indicators"][1]["targets"]["2009-10"] = "1" + ",000" * 6
        [(path, _)] = refused(json.dumps(data), "json")
        assert "indicators[1].targets.2009-10" == path
        data["indicators"][1]["targets"]["2009-10"] = "2008,2009,2010,2011"
        [(path, message)] = refused(json.dumps(data), "json")
        assert "separators" in message
        assert "digits" not in message

    def test_free_text_not_digit_limited(self):
        """Free text (a title, a vision) may hold long digit runs; only its length is limited."""
        assert ("1" * 40,) == loads_plan(BASE + "vision: ['" + "1" * 40 + "']\n").vision

    def test_long_id(self):
        """An id with a 4,300-digit run is refused (order_of_work raised ValueError on it)."""
        data = json.loads(dumps_plan(load_bundled("sample"), "json"))
        data["priorities"][0]["objectives"][0]["actions"][1]["id"] = "P1.O1.A" + "9" * 4300
        [(path, message)] = refused(json.dumps(data), "json")
        assert "priorities[0].objectives[0].actions[1].id" == path
        assert "the id has" in message

    def test_digit_run_in_id(self):
        """An id short enough but with a run of more than 17 digits is refused too."""
        [(path, _)] = refused(BASE.replace("id: demo", "id: p" + "1" * 18))
        assert "id" == path

    @pytest.mark.parametrize(("key", "value"), [("period", "'9999'"), ("published", "1850")])
    def test_years(self, key, value):
        """A period outside 1900..2100 is refused (coverage.check raised on year 10000)."""
        text = BASE.replace("period: 2009-10", "period: 2009-10") + f"{key}: {value}\n"
        if key == "period":
            text = BASE.replace("period: 2009-10", f"period: {value}")
        problems = refused(text)
        assert [key] == [path for path, _ in problems]
        assert f"outside 1900 to {MAX_YEAR}" in problems[0][1]

    def test_bundled_plans_within_limits(self):
        """Every bundled plan loads: the limits are far from what real plans hold."""
        for name in bundled_plans():
            assert load_bundled(name).id


class TestFormatErrors:
    """Format errors carry a key path or a line and column."""

    def test_json_duplicate_key_path(self):
        """A duplicate JSON key is reported at its key path, with everything else."""
        text = '{"id": "demo", "authority": "A", "title": "T", "period": "2009-10", '
        text += '"leads": [{"id": "L", "name": "a", "name": "b"}]}'
        assert [
            ("leads[0].name", "duplicate key 'name'; JSON would keep only the last value")
        ] == refused(text, "json")

    def test_toml_syntax_line_and_column(self):
        """A TOML syntax error gives its line and column as the problem's place."""
        [(path, message)] = refused('id = "demo"\ntitle = \n', "toml")
        assert "line 2, column 9" == path
        assert "not valid TOML: Invalid value" == message

    def test_json_syntax_line_and_column(self):
        """A JSON syntax error gives its line and column."""
        [(path, _)] = refused('{"id": "demo",\n  x}', "json")
        assert "line 2, column 3" == path


class TestLoaders:
    """libyaml and pure Python give the same plans and the same limit messages."""

    @pytest.mark.parametrize("name", sorted(bundled_plans()))
    def test_bundled_identical(self, monkeypatch, name):
        """Every bundled plan loads to an identical Plan with either parser."""
        if _formats._CLoader is None:
            pytest.skip("PyYAML is built without libyaml")
        text = dumps_plan(load_bundled(name), "yaml")
        monkeypatch.setattr(_formats, "_USE_LIBYAML", True)
        fast = loads_plan(text)
        monkeypatch.setattr(_formats, "_USE_LIBYAML", False)
        assert fast == loads_plan(text)
        assert fast == load_bundled(name)

    @pytest.mark.parametrize(
        "text",
        [
            BASE + "vision: " + "[" * 100 + "]" * 100 + "\n",
            BASE + "published: !!timestamp x\n",
            BASE + "vision: [" + "9" * 200 + "]\n",
            "a: &a [1, *a]\n",
            BASE + "priorities:\n  - id: P1\n    titel: x\n",
            BASE + "authority: B\n",
        ],
    )
    def test_same_problems(self, monkeypatch, text):
        """Limit, tag and plan problems are word for word the same with either parser."""
        if _formats._CLoader is None:
            pytest.skip("PyYAML is built without libyaml")
        monkeypatch.setattr(_formats, "_USE_LIBYAML", True)
        fast = refused(text)
        monkeypatch.setattr(_formats, "_USE_LIBYAML", False)
        assert fast == refused(text)

    @pytest.mark.usefixtures("loader")
    def test_lines_with_both(self):
        """Problems keep their YAML line with either parser."""
        with pytest.raises(PlanFileError) as info:
            loads_plan(BASE + "priorities:\n  - id: P1\n    titel: x\n")
        assert {6, 7} == {p.line for p in info.value.problems}

    def test_env_var_forces_pure(self):
        """ECM_PLAN_PURE_YAML=1 makes a new process read YAML with PyYAML's own parser."""
        code = "from ecm_plan.io import _formats; print(_formats._USE_LIBYAML)"
        env = {**os.environ, "ECM_PLAN_PURE_YAML": "1"}
        out = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert "False" == out.stdout.strip()


class TestGarbageCollection:
    """The collector is paused while a file is structured, and restored after."""

    def test_enabled_after_failed_load(self):
        """A load that fails leaves the collector enabled again."""
        assert gc.isenabled()
        with pytest.raises(PlanFileError):
            loads_plan(BASE + "priorities: 3\n")
        assert gc.isenabled()

    def test_paused_during_load(self, monkeypatch):
        """The collector is off while the plan is structured and checked."""
        seen: list[bool] = []
        real = io_module.period_problems

        def spy(plan):
            seen.append(gc.isenabled())
            return real(plan)

        monkeypatch.setattr(io_module, "period_problems", spy)
        loads_plan(BASE)
        assert [False] == seen
        assert gc.isenabled()

    def test_disabled_stays_disabled(self):
        """A caller that turned the collector off finds it off after a load."""
        gc.disable()
        try:
            loads_plan(BASE)
            assert not gc.isenabled()
        finally:
            gc.enable()


class TestYamlCharacters:
    """Characters YAML cannot hold raw are located, in the same words by both parsers."""

    @pytest.mark.usefixtures("loader")
    @pytest.mark.parametrize("char", ["\x01", "\ufffe"])
    def test_raw_control(self, char):
        """A raw control character is a problem at its line and column, not a bare message."""
        problems = refused(BASE + f'vision: ["é€x{char}y"]\n')
        expected = f"the character U+{ord(char):04X} cannot be written raw in YAML"
        assert [("line 5, column 14", expected)] == problems


class TestQuickReading:
    """The quick YAML reading gives the bounded reading's data, or leaves the text to it."""

    @pytest.fixture(autouse=True)
    def _libyaml(self, monkeypatch):
        if _formats._PlainCLoader is None:
            pytest.skip("PyYAML is built without libyaml 0.2.5 or later")
        monkeypatch.setattr(_formats, "_USE_LIBYAML", True)

    @pytest.mark.parametrize("name", sorted(bundled_plans()))
    def test_bundled_same_data(self, name):
        """Every bundled plan reads quickly, to the very data the bounded reading gives."""
        text = dumps_plan(load_bundled(name), "yaml")
        quick = _formats.quick_yaml(text)
        assert quick is not _formats.UNREAD
        assert quick == _formats.parse_document(text, "yaml").data

    @pytest.mark.parametrize(
        "text",
        [
            BASE + "vision: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n",
            BASE + "published: !!timestamp 2009-01-01\n",
            BASE + "vision: [" + "9" * 200 + "]\n",
            BASE + "vision: [&a x, *a]\n",
            "a: &a [1, *a]\n",
            BASE + "title: U\n",
            BASE + "notes: [{<<: {a: 1}, b: 2}]\n",
            BASE + "vision: [\n",
            "a: 1\n---\nb: 2\n",
            "1: a\n01: b\n",
            "a: !!float 1.5\n",
            "a: !!bool maybe\n",
            "? [a]\n: b\n",
            "",
        ],
    )
    def test_left_to_bounded_reading(self, text):
        """Deep nesting, tags, long numbers, aliases, duplicate keys, merges, bad YAML."""
        assert _formats.quick_yaml(text) is _formats.UNREAD

    def test_scalars_same_data(self):
        """Integers, true/false, nulls and tagged scalars read as the bounded reading reads them."""
        text = "a: 12\nb: -0x1F\n2009: [true, False, ~, null, '7', !!str 8, !!int '9', 1_000]\n"
        quick = _formats.quick_yaml(text)
        assert quick == {"a": 12, "b": -31, 2009: [True, False, None, None, "7", "8", 9, 1000]}
        assert quick == _formats.parse_document(text, "yaml").data

    def test_large_text_left(self, monkeypatch):
        """A text past the quick reading's size is left to the bounded reading, which refuses it."""
        monkeypatch.setattr(_formats, "MAX_BYTES", 40)
        assert _formats.quick_yaml(BASE) is _formats.UNREAD

    def test_problems_keep_lines(self):
        """A plan problem found after a quick reading is still placed on its line."""
        text = BASE + "priorities:\n  - id: P1\n    title: x\n    outcomes: [stay_saf]\n"
        assert _formats.quick_yaml(text) is not _formats.UNREAD
        with pytest.raises(PlanFileError) as info:
            loads_plan(text)
        assert [8] == [p.line for p in info.value.problems]


_TEXTS = st.one_of(
    st.text(max_size=5),
    st.sampled_from(["id", "value", "targets", "x" * 101, "1" * 18, "\ud800", "1,234.5"]),
    st.just("y" * (MAX_TEXT_CHARS + 1)),
)
_PLAIN = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**16), max_value=10**16),
        st.floats(),
        _TEXTS,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(_TEXTS, st.integers()), inner, max_size=4),
    ),
    max_leaves=20,
)


@given(_PLAIN)
def test_within_limits_agrees(data):
    """The one-pass check says yes exactly when the checks with key paths find nothing."""
    assert within_limits(data) == (not surrogate_problems(data) and not value_problems(data))
