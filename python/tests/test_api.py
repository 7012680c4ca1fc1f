"""The Python API: reports, rules, severities, configuration, errors."""

from __future__ import annotations

import pydoc
import subprocess
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import sdrs_lint

from conftest import EXAMPLES, ROOT

REFERENCE = (EXAMPLES / "reference-example.json").read_text()
BAD = '{"protected_instance": {"server_group_id": "", "server_id": "x", "name": "web 01"}}'


def test_a_report_is_a_sequence_of_diagnostics() -> None:
    report = sdrs_lint.lint(REFERENCE)
    assert isinstance(report, Sequence)
    assert len(report) == 5
    assert report[0] is list(report)[0]
    assert report[-1].rule == "doc-example-value"
    assert report[1:3] == tuple(report)[1:3]
    assert report.warnings == 5 and report.errors == 0 and not report.has_errors
    assert report.omitted == 0 and report.suppressed == 0
    assert report.source == REFERENCE
    assert report.source_bytes == REFERENCE.encode()
    assert repr(report) == "<Report <request>: 0 errors, 5 warnings>"
    assert report.index(report[2]) == 2
    with pytest.raises(IndexError):
        report[5]


def test_a_clean_report() -> None:
    report = sdrs_lint.lint((EXAMPLES / "clean-full.json").read_bytes())
    assert len(report) == 0 and not report
    assert str(report) == ""
    assert repr(report) == "<Report <request>: no problems>"


def test_diagnostic_fields() -> None:
    text = (EXAMPLES / "duplicate-tag-keys.json").read_text()
    (d,) = sdrs_lint.lint(text, name="tags.json")
    assert d.rule == "tag-key-duplicate"
    assert d.severity == "error"
    assert d.message == "tag key `env` is already used by an earlier tag"
    assert d.pointer == "/protected_instance/tags/2/key"
    assert (d.line, d.column, d.end_line, d.end_column) == (9, 16, 9, 21)
    assert text.encode()[d.start : d.end] == b'"env"'
    assert d.label == "repeated key"
    primary, first = d.labels
    assert primary.primary and not first.primary
    assert (first.line, first.column, first.text) == (7, 16, "first used here")
    assert d.help is not None and d.help.startswith("tag keys must be unique")
    assert d.fix is None
    # Values: equal when the same, hashable.
    (again,) = sdrs_lint.lint(text)
    assert again == d and again is not d and len({d, again}) == 1
    flavor = sdrs_lint.lint((EXAMPLES / "misspelled-flavorref.json").read_text())
    assert len(set(flavor) | {d}) == 2 and flavor[0].fix is not None and hash(flavor[0].fix)


def test_columns_count_characters_and_offsets_count_bytes() -> None:
    text = '{"protected_instance": {"server_group_id": "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90", "server_id": "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47", "name": "订单 x"}}'
    (d,) = sdrs_lint.lint(text)
    assert d.rule == "name-invalid-char"
    assert text[d.column - 1] == " "
    assert text.encode()[d.start : d.end] == b" "
    assert d.start == len(text[: d.column - 1].encode())
    # A character outside the Basic Multilingual Plane is one column, as in Python's str.
    (d,) = sdrs_lint.lint(text.replace("订单 x", "😀😀x"))
    assert d.rule == "name-invalid-char"
    assert (d.column, d.end_column) == (text.index("订单") + 1, text.index("订单") + 3)


def test_fixes_carry_edits() -> None:
    text = (EXAMPLES / "misspelled-flavorref.json").read_text()
    (d,) = sdrs_lint.lint(text)
    assert d.fix is not None
    assert d.fix.applicability == "unsafe"
    assert d.fix.title == "rename to `flavorRef`"
    (edit,) = d.fix.edits
    assert edit.replacement == '"flavorRef"'
    assert (edit.line, edit.column) == (d.line, d.column)
    fixed = d.fix.apply(text)
    assert '"flavorRef"' in fixed and list(sdrs_lint.lint(fixed)) == []


def test_check_returns_the_report_or_raises() -> None:
    assert len(sdrs_lint.check(REFERENCE)) == 5
    with pytest.raises(sdrs_lint.LintError) as caught:
        sdrs_lint.check(BAD, name="bad.json")
    assert isinstance(caught.value, ValueError)
    report = caught.value.report
    assert [d.rule for d in report] == ["id-empty", "id-not-uuid", "name-invalid-char"]
    message = str(caught.value)
    assert message.splitlines()[0] == "bad.json: 2 errors, 1 warning"
    assert " --> bad.json:1:44" in message
    assert message.endswith(report.render().rstrip())


def test_rules_and_rule_pages() -> None:
    all_rules = sdrs_lint.rules()
    ids = [r.id for r in all_rules]
    assert ids == sorted(ids) and len(ids) == 52
    assert sum(r.is_inventory_rule for r in all_rules) == 20
    r = sdrs_lint.rule("tenancy-invalid")
    assert (r.id, r.severity, r.fix) == ("tenancy-invalid", "error", "unsafe")
    assert r.summary == "`tenancy` is neither `shared` nor `dedicated`."
    assert r.page.startswith("# tenancy-invalid")
    assert sdrs_lint.rule("doc-example-value").fix is None
    with pytest.raises(KeyError, match="did you mean 'id-not-uuid'"):
        sdrs_lint.rule("id-not-uid")


def test_rules_agree_with_the_command(cli: Path) -> None:
    out = subprocess.run([str(cli), "rules"], capture_output=True, text=True, check=True).stdout
    for r in sdrs_lint.rules():
        assert r.id in out
    page = subprocess.run([str(cli), "rule", "id-not-uuid"], capture_output=True, text=True, check=True).stdout
    assert page.strip() == sdrs_lint.rule("id-not-uuid").page.strip()


def test_severities_per_call() -> None:
    report = sdrs_lint.lint(REFERENCE, severities={"id-not-uuid": "error", "doc-example-value": "off"})
    assert [(d.rule, d.severity) for d in report] == [("id-not-uuid", "error")]
    assert report.has_errors
    report = sdrs_lint.lint(BAD, severities={"id-empty": "warn", "name-invalid-char": "warning"})
    assert not report.has_errors
    # The defaults are untouched by an earlier call.
    assert len(sdrs_lint.lint(REFERENCE)) == 5


def test_bad_severities_are_value_errors() -> None:
    with pytest.raises(ValueError, match="unknown rule 'id-not-uid'; did you mean 'id-not-uuid'"):
        sdrs_lint.lint(REFERENCE, severities={"id-not-uid": "error"})
    with pytest.raises(ValueError, match="'id-not-uuid' must be 'error', 'warning'"):
        sdrs_lint.lint(REFERENCE, severities={"id-not-uuid": "fatal"})
    with pytest.raises(TypeError):
        sdrs_lint.lint(REFERENCE, severities={"id-not-uuid": None})  # type: ignore[dict-item]


def test_config_rules_and_suppressions(tmp_path: Path) -> None:
    config = tmp_path / "sdrs-lint.toml"
    config.write_text(
        "[rules]\n"
        'id-not-uuid = "error"\n'
        "\n"
        "[[suppress]]\n"
        'rules = ["doc-example-value"]\n'
        'pointer = "/protected_instance/server_id"\n'
        'reason = "fixture"\n'
        "\n"
        "[[suppress]]\n"
        'rules = ["doc-example-value"]\n'
        'paths = ["docs/**"]\n'
        'reason = "paths name files: not applied to bodies"\n'
    )
    report = sdrs_lint.lint(REFERENCE, config=config)
    assert [(d.rule, d.severity) for d in report] == [
        ("doc-example-value", "warning"),
        ("doc-example-value", "warning"),
        ("id-not-uuid", "error"),
        ("doc-example-value", "warning"),
    ]
    assert report.suppressed == 1
    # Per-call severities win over the file's.
    report = sdrs_lint.lint(REFERENCE, config=str(config), severities={"id-not-uuid": "off"})
    assert not report.has_errors and len(report) == 3
    # A changed file is read again.
    config.write_text('[rules]\ndoc-example-value = "off"\n')
    assert [d.rule for d in sdrs_lint.lint(REFERENCE, config=config)] == ["id-not-uuid"]


def test_a_config_with_mistakes_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "sdrs-lint.toml"
    config.write_text('[rules]\nid-not-uid = "error"\n')
    with pytest.raises(sdrs_lint.ConfigError) as caught:
        sdrs_lint.lint(REFERENCE, config=config)
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "error[invalid-config]" in message and "did you mean `id-not-uuid`?" in message
    assert f"{config}:2:1" in message
    config.write_text("not toml [")
    with pytest.raises(sdrs_lint.ConfigError, match="invalid TOML"):
        sdrs_lint.lint(REFERENCE, config=config)
    with pytest.raises(FileNotFoundError):
        sdrs_lint.lint(REFERENCE, config=tmp_path / "missing.toml")


def test_invalid_config_as_a_warning_uses_the_rest(tmp_path: Path) -> None:
    config = tmp_path / "sdrs-lint.toml"
    config.write_text('[rules]\ninvalid-config = "warn"\nid-not-uid = "error"\ndoc-example-value = "off"\n')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = sdrs_lint.lint(REFERENCE, config=config)
    assert [d.rule for d in report] == ["id-not-uuid"]
    assert any("warning[invalid-config]" in str(w.message) for w in caught)


def test_inventory_none_runs_no_inventory_rule() -> None:
    # (test_inventory.py tests inventories.)
    assert len(sdrs_lint.lint(REFERENCE, inventory=None)) == 5
    # An empty inventory of servers: no rule finds anything it does not know of in a snapshot
    # that holds nothing but says so.
    report = sdrs_lint.lint(REFERENCE, inventory={"servers.json": {"servers": []}})
    assert all(not sdrs_lint.rule(d.rule).is_inventory_rule or d.severity == "warning" for d in report)
    with pytest.raises(sdrs_lint.InventoryError, match="inventory.json"):
        sdrs_lint.check(REFERENCE, inventory="inventory.json")


def test_http_files() -> None:
    text = (
        "GET https://example.com/v1/0123456789abcdef0123456789abcdef/protected-instances\n"
        "\n"
        "###\n"
        "post https://example.com/v1/0123456789abcdef0123456789abcdef/protected-instances\n"
        "Content-Type: application/json\n"
        "\n" + REFERENCE
    )
    report = sdrs_lint.lint_http(text, name="api.http")
    assert report.kind == "http"
    assert [d.rule for d in report][:1] == ["request-line"]
    assert report[0].line == 4
    (skipped,) = report.skipped_requests
    assert (skipped.line, skipped.column) == (1, 1)
    assert "lists or deletes protected instances" in skipped.reason
    assert report.render().startswith("error[request-line]")


def test_help_shows_the_docstrings() -> None:
    text = pydoc.render_doc(sdrs_lint.lint, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    assert "Lint a create-protected-instance request body" in text
    assert "severities" in text and "inventory" in text
    assert "LintError" in pydoc.render_doc(sdrs_lint.check, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    assert "line" in pydoc.render_doc(sdrs_lint.Diagnostic, renderer=pydoc.plaintext)  # type: ignore[attr-defined]


def test_the_package_is_typed() -> None:
    package = Path(sdrs_lint.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()
    assert sdrs_lint.__version__ == _cargo_version()


def _cargo_version() -> str:
    for line in (ROOT / "python" / "Cargo.toml").read_text().splitlines():
        if line.startswith("version"):
            return line.split('"')[1]
    raise AssertionError("no version")


def test_threads_can_lint_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts: list[Any] = [REFERENCE, BAD, (EXAMPLES / "eleven-tags.json").read_text()] * 50
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda t: [d.rule for d in sdrs_lint.lint(t)], texts))
    assert results == [[d.rule for d in sdrs_lint.lint(t)] for t in texts]
