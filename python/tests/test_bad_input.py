"""Bad input gives a diagnostic or a clear TypeError/ValueError, never a crash; the GIL is
released while the engine runs."""

from __future__ import annotations

import math
import sys
import threading
import time
from collections import OrderedDict
from typing import Any

import pytest

import sdrs_lint

GOOD = {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47"}


def body(**members: Any) -> dict[str, Any]:
    return {"protected_instance": {**GOOD, "name": "a", **members}}


def rules(report: sdrs_lint.Report) -> list[str]:
    return [d.rule for d in report]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "{", "not json", '{"protected_instance": {,}}', "[1,]", '{"a": 1} trailing', "\x00", "{" * 10_000],
)
def test_text_that_is_not_json_is_an_invalid_json_error(text: str) -> None:
    report = sdrs_lint.lint(text)
    assert "invalid-json" in rules(report)
    assert report.has_errors
    with pytest.raises(sdrs_lint.LintError):
        sdrs_lint.check(text)


def test_bytes_that_are_not_utf8_are_diagnosed_at_the_first_bad_byte() -> None:
    data = b'{"protected_instance": {"name": "caf\xe9"}}'
    report = sdrs_lint.lint(data)
    (d,) = [d for d in report if d.rule == "invalid-json"]
    assert d.start == data.index(b"\xe9")
    assert "\ufffd" in report.source
    assert report.source_bytes == data


def test_utf16_and_byte_order_marks_are_diagnosed() -> None:
    text = '{"protected_instance": {"server_group_id": "x"}}'
    assert rules(sdrs_lint.lint(text.encode("utf-16")))[0] == "invalid-json"
    with_bom = sdrs_lint.lint(b"\xef\xbb\xbf" + text.encode())
    assert "byte-order-mark" in rules(with_bom)
    # Columns do not count the byte-order mark, offsets do.
    (bom,) = [d for d in with_bom if d.rule == "byte-order-mark"]
    assert (bom.start, bom.end) == (0, 3)


def test_a_str_with_a_lone_surrogate_is_linted_not_refused() -> None:
    report = sdrs_lint.lint('{"protected_instance": {"name": "a\ud800"}}')
    assert "invalid-json" in rules(report)


def test_a_dict_string_with_a_lone_surrogate_is_sent_escaped() -> None:
    report = sdrs_lint.lint(body(name="a\ud800b"))
    assert "\\ud800" in report.source
    assert rules(report) == ["invalid-json"]
    assert "surrogate" in report[0].message


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_nan_and_infinities_are_refused_as_the_sdk_refuses_them(value: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant.*/protected_instance/description"):
        sdrs_lint.lint(body(description=value))
    with pytest.raises(ValueError):
        sdrs_lint.lint({"protected_instance": {value: 1}})


def test_a_set_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="set is not JSON serializable.*/protected_instance/tags"):
        sdrs_lint.lint(body(tags={"a", "b"}))


def test_an_arbitrary_object_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="object is not JSON serializable"):
        sdrs_lint.lint(body(name=object()))
    with pytest.raises(TypeError, match="body must be"):
        sdrs_lint.lint(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="body must be"):
        sdrs_lint.lint(None)  # type: ignore[arg-type]


def test_keys_are_written_as_the_sdk_writes_them() -> None:
    # simplejson turns int, float, bool and None keys into strings: they are linted as such.
    members: dict[Any, Any] = {**GOOD, "name": "a", 1: "x", None: "y", False: "z", 2.5: "w"}
    report = sdrs_lint.lint({"protected_instance": members})
    assert [(d.rule, d.pointer) for d in report] == [
        ("unknown-field", "/protected_instance/1"),
        ("unknown-field", "/protected_instance/null"),
        ("unknown-field", "/protected_instance/false"),
        ("unknown-field", "/protected_instance/2.5"),
    ]
    # Two keys that become the same string are two members of the same name.
    twice: dict[Any, Any] = {**GOOD, "name": "a", 1: "x", "1": "y"}
    assert "duplicate-key" in rules(sdrs_lint.lint({"protected_instance": twice}))


def test_other_keys_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="keys must be str, int, float, bool or None, not tuple"):
        sdrs_lint.lint({"protected_instance": {(1, 2): "x"}})


def test_bytes_values_must_be_utf8() -> None:
    assert rules(sdrs_lint.lint(body(name=b"web-01"))) == []
    with pytest.raises(ValueError, match="not UTF-8"):
        sdrs_lint.lint(body(name=b"\xff"))


def test_circular_references_are_a_value_error() -> None:
    loop: dict[str, Any] = body()
    loop["protected_instance"]["tags"] = [loop]
    with pytest.raises(ValueError, match="circular reference"):
        sdrs_lint.lint(loop)


def test_nesting_deeper_than_the_recursion_limit_is_a_value_error() -> None:
    deep: Any = "x"
    for _ in range(sys.getrecursionlimit() + 100):
        deep = {"a": deep}
    with pytest.raises(ValueError, match="nested too deeply"):
        sdrs_lint.lint(deep)
    deep = []
    for _ in range(sys.getrecursionlimit() * 3):
        deep = [deep]
    with pytest.raises(ValueError, match="nested too deeply"):
        sdrs_lint.lint({"protected_instance": deep})


def test_nesting_the_engine_refuses_is_a_diagnostic() -> None:
    deep: Any = {}
    for _ in range(200):
        deep = {"a": deep}
    report = sdrs_lint.lint({"protected_instance": deep})
    assert any(d.rule == "invalid-json" and "nesting deeper than 128 levels" in d.message for d in report)


def test_deep_text_is_a_diagnostic() -> None:
    report = sdrs_lint.lint("[" * 1_000_000)
    assert any(d.rule == "invalid-json" and "nesting deeper than 128 levels" in d.message for d in report)


def test_a_huge_dict_is_linted_with_capped_diagnostics() -> None:
    huge = {"protected_instance": {**GOOD, "name": "a", **{f"extra{i}": i for i in range(100_000)}}}
    report = sdrs_lint.lint(huge)
    assert len(report) == 1000
    assert report.omitted == 100_000 - 1000
    assert report.warnings == 100_000
    assert not report.has_errors
    assert all(d.rule == "unknown-field" for d in report)


def test_a_huge_tag_list() -> None:
    tags = [{"key": f"k{i}", "value": "v/"} for i in range(50_000)]
    report = sdrs_lint.lint(body(tags=tags))
    assert report.has_errors
    assert report.errors == 50_001  # every `/`, and tags-too-many


def test_mappings_other_than_dict_are_accepted() -> None:
    ordered = OrderedDict(protected_instance=OrderedDict(GOOD, name="a"))
    assert list(sdrs_lint.lint(ordered)) == []


def test_bytearray_and_memoryview_are_text() -> None:
    data = b'{"protected_instance": {}}'
    expected = rules(sdrs_lint.lint(data))
    assert rules(sdrs_lint.lint(bytearray(data))) == expected
    assert rules(sdrs_lint.lint(memoryview(data))) == expected


def test_the_gil_is_released_while_linting() -> None:
    tags = ",".join('{"key": "k%d", "value": "v"}' % i for i in range(400_000))
    text = '{"protected_instance": {"server_group_id": "x", "server_id": "y", "name": "z", "tags": [%s]}}' % tags
    start = time.perf_counter()
    sdrs_lint.lint(text)
    alone = time.perf_counter() - start
    assert alone > 0.05, "the input is too small to tell"

    done = threading.Event()

    def work() -> None:
        sdrs_lint.lint(text)
        done.set()

    thread = threading.Thread(target=work)
    ticks = 0
    longest = 0.0
    thread.start()
    last = time.perf_counter()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        ticks += 1
    thread.join()
    # With the GIL held for the whole lint, this thread would not run at all until it ended.
    assert ticks > 10
    assert longest < alone / 2
