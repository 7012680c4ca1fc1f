"""The same diagnostics as the command: every file of `examples/`, through Python and through
`sdrs-lint --format json`, compared field by field; `str(report)` against the human output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import sdrs_lint

from conftest import EXAMPLES, ROOT

FILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".json", ".http"))


def test_there_are_examples_of_both_kinds() -> None:
    assert len(FILES) >= 10
    assert {p.suffix for p in FILES} == {".json", ".http"}


def lint_file(path: Path, *, as_text: bool) -> sdrs_lint.Report:
    data = path.read_bytes()
    body: str | bytes = data.decode("utf-8") if as_text else data
    name = str(path.relative_to(ROOT))
    if path.suffix == ".http":
        return sdrs_lint.lint_http(body, name=name)
    return sdrs_lint.lint(body, name=name)


def point(place: dict[str, Any]) -> tuple[int, int, int]:
    return (place["offset"], place["line"], place["column"])


def expected(d: dict[str, Any]) -> dict[str, Any]:
    span = d["span"]
    return {
        "rule": d["rule"],
        "severity": d["severity"],
        "message": d["message"],
        "pointer": d["pointer"],
        "start": point(span["start"]),
        "end": point(span["end"]),
        "label": d["label"],
        "secondary": [(point(s["span"]["start"]), point(s["span"]["end"]), s["label"]) for s in d["secondary"]],
        "help": d["help"],
        "fix": None
        if d["fix"] is None
        else (
            d["fix"]["title"],
            d["fix"]["applicability"],
            [(point(e["span"]["start"]), point(e["span"]["end"]), e["replacement"]) for e in d["fix"]["edits"]],
        ),
    }


def actual(d: sdrs_lint.Diagnostic) -> dict[str, Any]:
    return {
        "rule": d.rule,
        "severity": d.severity,
        "message": d.message,
        "pointer": d.pointer,
        "start": (d.start, d.line, d.column),
        "end": (d.end, d.end_line, d.end_column),
        "label": d.label,
        "secondary": [((s.start, s.line, s.column), (s.end, s.end_line, s.end_column), s.text) for s in d.labels[1:]],
        "help": d.help,
        "fix": None
        if d.fix is None
        else (
            d.fix.title,
            d.fix.applicability,
            [((e.start, e.line, e.column), (e.end, e.end_line, e.end_column), e.replacement) for e in d.fix.edits],
        ),
    }


@pytest.mark.parametrize("as_text", [True, False], ids=["str", "bytes"])
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_same_diagnostics_as_the_command(path: Path, as_text: bool, cli_json: Any) -> None:
    report = lint_file(path, as_text=as_text)
    entry = cli_json(path)
    assert [actual(d) for d in report] == [expected(d) for d in entry["diagnostics"]]
    assert report.omitted == entry["omitted"]
    assert len(report) == len(entry["diagnostics"])
    assert report.has_errors == any(d["severity"] == "error" for d in entry["diagnostics"])


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_str_is_the_commands_human_output(path: Path, cli_human: Any) -> None:
    report = lint_file(path, as_text=True)
    assert str(report) == cli_human(path.relative_to(ROOT))


def test_the_reference_example_gives_four_placeholders_and_one_bad_uuid() -> None:
    report = sdrs_lint.lint((EXAMPLES / "reference-example.json").read_text())
    assert sorted(d.rule for d in report) == ["doc-example-value"] * 4 + ["id-not-uuid"]
    assert not report.has_errors
    (bad,) = [d for d in report if d.rule == "id-not-uuid"]
    assert (bad.line, bad.column, bad.end_column) == (7, 34, 35)
    assert bad.pointer == "/protected_instance/primary_subnet_id"
    assert report.source_bytes[bad.start : bad.end] == b"h"


def test_the_http_example_adds_the_project_id_placeholder() -> None:
    report = sdrs_lint.lint_http((EXAMPLES / "reference-request.http").read_text())
    assert sorted(d.rule for d in report) == ["doc-example-value"] * 4 + ["id-not-uuid", "project-id"]
    assert report.kind == "http"
    assert report.skipped_requests == ()
