"""`inventory=`: the checks against the state of the cloud, from saved list responses.

The examples of `examples/with-inventory/` (each named after the rule it triggers) against the
snapshot `examples/inventory/`, through Python and through `sdrs-lint --inventory`: the same
diagnostics, labels in the inventory file included, and the same human report. Then the ways of
giving an inventory (paths, responses in memory, SDK models), its problems, and path caching.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from huaweicloudsdksdrs.v1 import (  # type: ignore[import-untyped]
    CreateProtectedInstanceRequest,
    CreateProtectedInstanceRequestBody,
    CreateProtectedInstanceRequestParams,
    ListProtectedInstancesResponse,
    ListProtectionGroupsResponse,
    ShowProtectedInstanceParams,
    ShowProtectionGroupParams,
)

import sdrs_lint
from sdrs_lint import _inventory

from conftest import EXAMPLES, ROOT

INVENTORY = EXAMPLES / "inventory"
WITH_INVENTORY = EXAMPLES / "with-inventory"
REQUESTS = sorted(WITH_INVENTORY.glob("*.json"))

# The request whose file name is not the rule it triggers.
RULE_OF = {"dedicated-host-wrong-az": "dedicated-host-unusable", "clean-with-inventory": None}

GROUP_STATUS = WITH_INVENTORY / "group-status.json"


def expected_rule(path: Path) -> str | None:
    return RULE_OF.get(path.stem, path.stem)


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository's root, as the command below is: file names are relative to it."""
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def inventory() -> sdrs_lint.Inventory:
    return sdrs_lint.Inventory.load(INVENTORY)


def run_cli(cli: Path, *args: str, ok: tuple[int, ...] = (0, 1)) -> subprocess.CompletedProcess[bytes]:
    out = subprocess.run([str(cli), *args], capture_output=True, check=False, cwd=ROOT)
    assert out.returncode in ok, out.stderr.decode()
    return out


def cli_entry(cli: Path, path: Path) -> dict[str, Any]:
    args = ["--isolated", "--inventory", "examples/inventory", "--format", "json", str(path.relative_to(ROOT))]
    (entry,) = json.loads(run_cli(cli, *args).stdout)["files"]
    return entry  # type: ignore[no-any-return]


def point(place: dict[str, Any]) -> tuple[int, int, int]:
    return (place["offset"], place["line"], place["column"])


def cli_labels(d: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(s.get("path"), point(s["span"]["start"]), point(s["span"]["end"]), s["label"]) for s in d["secondary"]]


def labels(d: sdrs_lint.Diagnostic) -> list[tuple[Any, ...]]:
    return [(s.path, (s.start, s.line, s.column), (s.end, s.end_line, s.end_column), s.text) for s in d.labels[1:]]


# --- The examples, against the command ---------------------------------------------------


def test_every_inventory_rule_has_an_example() -> None:
    inventory_rules = {r.id for r in sdrs_lint.rules() if r.is_inventory_rule}
    assert len(inventory_rules) == 20
    assert {expected_rule(p) for p in REQUESTS} - {None} == inventory_rules


@pytest.mark.parametrize("path", REQUESTS, ids=[p.stem for p in REQUESTS])
def test_each_example_gives_its_rule(path: Path, inventory: sdrs_lint.Inventory) -> None:
    report = sdrs_lint.lint(path.read_text(), inventory=inventory)
    rule = expected_rule(path)
    # Exactly that rule (once or more: `flavor-smaller` speaks of vCPUs and of memory).
    assert {d.rule for d in report} == (set() if rule is None else {rule}), str(report)
    # Without the inventory, the request is clean: the finding is the inventory's.
    assert len(sdrs_lint.lint(path.read_text())) == 0


@pytest.mark.parametrize("path", REQUESTS, ids=[p.stem for p in REQUESTS])
def test_same_diagnostics_as_the_command(path: Path, cli: Path, in_root: None) -> None:
    report = sdrs_lint.lint(path.read_bytes(), inventory="examples/inventory")
    entry = cli_entry(cli, path)
    assert [(d.rule, d.severity, d.message, d.pointer, d.help) for d in report] == [
        (d["rule"], d["severity"], d["message"], d["pointer"], d["help"]) for d in entry["diagnostics"]
    ]
    assert [(d.start, d.line, d.column, d.end, d.end_line, d.end_column, d.label) for d in report] == [
        (*point(d["span"]["start"]), *point(d["span"]["end"]), d["label"]) for d in entry["diagnostics"]
    ]
    assert [labels(d) for d in report] == [cli_labels(d) for d in entry["diagnostics"]]


@pytest.mark.parametrize("path", REQUESTS, ids=[p.stem for p in REQUESTS])
def test_str_is_the_commands_human_output(path: Path, cli: Path, in_root: None) -> None:
    name = str(path.relative_to(ROOT))
    report = sdrs_lint.lint(path.read_text(), inventory=sdrs_lint.Inventory.load("examples/inventory"), name=name)
    out = run_cli(cli, "--isolated", "--inventory", "examples/inventory", "--color", "never", name)
    lines = out.stdout.decode().splitlines(keepends=True)
    assert str(report) == "".join(lines[:-1])
    if expected_rule(path) is not None:
        assert "= note: inventory: examples/inventory/" in str(report)


def test_the_note_names_the_inventory_file_line_and_column(in_root: None) -> None:
    report = sdrs_lint.lint(GROUP_STATUS.read_text(), inventory="examples/inventory")
    (d,) = report
    (related,) = d.labels[1:]
    assert related.path == "examples/inventory/server-groups.json"
    assert not related.primary and d.labels[0].path is None
    assert f"= note: inventory: examples/inventory/server-groups.json:{related.line}:{related.column}" in str(report)


def test_labels_are_positioned_in_the_inventory_file(inventory: sdrs_lint.Inventory) -> None:
    report = sdrs_lint.lint(GROUP_STATUS.read_text(), inventory=inventory)
    (d,) = report
    assert d.rule == "group-status" and d.severity == "error"
    assert "`error-stopping`" in d.message
    (related,) = d.labels[1:]
    assert related.path is not None and related.path.endswith("server-groups.json")
    data = (INVENTORY / "server-groups.json").read_bytes()
    assert data[related.start : related.end] == b'"error-stopping"'
    lines = data.decode().splitlines()
    assert lines[related.line - 1][related.column - 1 :].startswith('"error-stopping"')
    assert (related.end_line, related.end_column) == (related.line, related.column + len('"error-stopping"'))
    # The primary label is in the request.
    assert d.labels[0].path is None
    assert report.source_bytes[d.start : d.end] == b'"f9f5d1c5-4533-5fd2-19c3-34adc5874159"'
    assert "server-groups.json:" in repr(related)


def test_check_raises_with_the_inventory_finding(inventory: sdrs_lint.Inventory) -> None:
    with pytest.raises(sdrs_lint.LintError) as caught:
        sdrs_lint.check(GROUP_STATUS.read_text(), inventory=inventory)
    assert [d.rule for d in caught.value.report] == ["group-status"]
    assert "= note: inventory: " in str(caught.value)
    clean = WITH_INVENTORY / "clean-with-inventory.json"
    assert len(sdrs_lint.check(clean.read_text(), inventory=inventory)) == 0
    # Warnings alone do not raise.
    report = sdrs_lint.check((WITH_INVENTORY / "server-not-found.json").read_text(), inventory=inventory)
    assert [d.severity for d in report] == ["warning"]


def test_severities_and_http_files_with_an_inventory(inventory: sdrs_lint.Inventory) -> None:
    body = GROUP_STATUS.read_text()
    assert len(sdrs_lint.lint(body, inventory=inventory, severities={"group-status": "off"})) == 0
    (d,) = sdrs_lint.lint(body, inventory=inventory, severities={"group-status": "warning"})
    assert d.severity == "warning"
    http = "POST https://sdrs.example.com/v1/0123456789abcdef0123456789abcdef/protected-instances\n\n" + body
    report = sdrs_lint.lint_http(http, inventory=inventory)
    assert [d.rule for d in report] == ["group-status"]
    assert report[0].line == 5 and report[0].labels[1].path is not None


# --- Inventory.load ------------------------------------------------------------------------


def test_load_reads_a_directory_as_the_command_does(inventory: sdrs_lint.Inventory, cli: Path, in_root: None) -> None:
    out = run_cli(cli, "inventory", "examples/inventory", ok=(0,)).stdout.decode()
    loaded = sdrs_lint.Inventory.load("examples/inventory")
    listed = out.split("files read (")[1].split("\n\n")[0].splitlines()[1:]
    assert [line.split()[:3] for line in listed] == [[f.name, f.kind, f"({f.elements}"] for f in loaded.files]
    assert [f.name for f in loaded.files] == sorted(f"examples/inventory/{p.name}" for p in INVENTORY.glob("*.json"))
    assert loaded.paths == ("examples/inventory",)
    for kind, count in loaded.counts.items():
        assert f" {count}  " in out.split("by kind:")[1]
    assert loaded.duplicates == []
    assert [(ROOT / f.name).resolve() for f in loaded.files] == [Path(f.name).resolve() for f in inventory.files]


def test_the_inventory_describes_itself(inventory: sdrs_lint.Inventory) -> None:
    assert set(inventory.kinds) == {
        "server_groups",
        "protected_instances",
        "servers",
        "volumes",
        "subnets",
        "ports",
        "keypairs",
        "flavors",
        "dedicated_hosts",
    }
    assert list(inventory.counts) == list(inventory.kinds)
    assert all(n > 0 for n in inventory.counts.values())
    assert inventory.rules_not_run == {}
    f = inventory.files[0]
    assert isinstance(f, sdrs_lint.InventoryFile) and (f.name, f.kind, f.elements) == tuple(f)
    text = repr(inventory)
    assert text.startswith("<Inventory ") and "9 files" in text and "servers=" in text
    with pytest.raises(AttributeError):
        inventory._files = ()
    with pytest.raises(AttributeError):
        inventory.counts = {}  # type: ignore[misc]
    with pytest.raises(TypeError, match="Inventory.load"):
        sdrs_lint.Inventory()
    assert copy.copy(inventory) is inventory and copy.deepcopy([inventory])[0] is inventory
    with pytest.raises(TypeError, match="pickled"):
        pickle.dumps(inventory)
    # The records pickle, as members of the package.
    assert pickle.loads(pickle.dumps(inventory.files)) == inventory.files
    assert type(f).__module__ == "sdrs_lint" and sdrs_lint.InventoryError.__module__ == "sdrs_lint"


def test_a_directory_walk_matches_files_of(tmp_path: Path, cli: Path) -> None:
    source = (INVENTORY / "servers.json").read_bytes()
    groups = (INVENTORY / "server-groups.json").read_bytes()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.json").write_bytes(source)
    (tmp_path / "a-c.json").write_bytes(groups)  # '-' sorts before '/', but a component sorts first
    (tmp_path / "Z.JSON").write_bytes(groups)  # the extension in any case
    (tmp_path / ".json").write_bytes(b"not json")  # no extension: not read
    (tmp_path / "notes.txt").write_bytes(b"not json")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x.json").write_bytes(source)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "linked.json").write_bytes(b"not json")
    os.symlink(outside / "linked.json", tmp_path / "link.json")  # symbolic links are not followed
    os.symlink(outside, tmp_path / "linked-dir")
    try:
        loaded = sdrs_lint.Inventory.load(tmp_path)
        names = [Path(f.name).relative_to(tmp_path).as_posix() for f in loaded.files]
        assert names == ["Z.JSON", "a/b.json", "a-c.json", "deep/er/x.json"]
        out = run_cli(cli, "inventory", str(tmp_path), ok=(0,)).stdout.decode()
        listed = out.split("files read (")[1].split("\n\n")[0].splitlines()[1:]
        assert [line.split()[0] for line in listed] == [f.name for f in loaded.files]
        # Duplicate IDs: the later file wins, as the command says.
        assert [(d.kind, d.used, d.ignored) for d in loaded.duplicates][:1] == [
            ("server_groups", str(tmp_path / "a-c.json"), str(tmp_path / "Z.JSON"))
        ]
        assert "duplicate IDs" in out and str(tmp_path / "a-c.json") in out
        # A symbolic link given as the path is followed, as the command does.
        link = tmp_path.parent / f"{tmp_path.name}-link"
        os.symlink(tmp_path, link)
        try:
            through = sdrs_lint.Inventory.load(link)
            assert [f.name for f in through.files] == [f.name.replace(str(tmp_path), str(link)) for f in loaded.files]
            out = run_cli(cli, "inventory", str(link), ok=(0,)).stdout.decode()
            listed = out.split("files read (")[1].split("\n\n")[0].splitlines()[1:]
            assert [line.split()[0] for line in listed] == [f.name for f in through.files]
        finally:
            link.unlink()
        # A file given by name is read whatever its extension.
        (tmp_path / "notes.txt").write_bytes(groups)
        assert [f.kind for f in sdrs_lint.Inventory.load(tmp_path / "notes.txt").files] == ["server_groups"]
    finally:
        shutil.rmtree(outside)


def test_load_takes_several_paths_in_order(in_root: None) -> None:
    loaded = sdrs_lint.Inventory.load(Path("examples/inventory/servers.json"), "examples/inventory/server-groups.json")
    assert [f.kind for f in loaded.files] == ["servers", "server_groups"]
    assert loaded.kinds == ("server_groups", "servers")
    assert "group-not-found" not in {r for rules in loaded.rules_not_run.values() for r in rules}
    assert "subnet-not-found" in loaded.rules_not_run["subnets"]
    # Only the rules whose kinds are all present run.
    report = sdrs_lint.lint((WITH_INVENTORY / "ip-in-use.json").read_text(), inventory=loaded)
    assert len(report) == 0


# --- Problems --------------------------------------------------------------------------------


def test_every_problem_is_raised_at_once(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"servers": [')
    (tmp_path / "other.json").write_text('{"pets": []}')
    (tmp_path / "good.json").write_bytes((INVENTORY / "servers.json").read_bytes())
    with pytest.raises(sdrs_lint.InventoryError) as caught:
        sdrs_lint.Inventory.load(tmp_path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert len(error.problems) == 2
    broken, other = error.problems
    assert broken.startswith(f"inventory file {tmp_path / 'broken.json'}: not valid JSON")
    assert other.startswith(f"inventory file {tmp_path / 'other.json'}: unknown kind of inventory file")
    assert "`server_groups`" in other  # the kinds it could have been
    assert str(error) == "\n".join(error.problems)
    # The same through inventory=.
    with pytest.raises(sdrs_lint.InventoryError) as again:
        sdrs_lint.lint("{}", inventory=tmp_path)
    assert again.value.problems == error.problems


def test_paths_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(sdrs_lint.InventoryError) as caught:
        sdrs_lint.Inventory.load(tmp_path / "missing", tmp_path / "gone.json")
    assert caught.value.problems == [
        f"cannot read the inventory {tmp_path / 'missing'}: No such file or directory",
        f"cannot read the inventory {tmp_path / 'gone.json'}: No such file or directory",
    ]
    with pytest.raises(sdrs_lint.InventoryError, match="missing"):
        sdrs_lint.check("{}", inventory=[str(tmp_path / "missing")])


def test_responses_with_problems() -> None:
    given: dict[str, Any] = {
        "a.json": "not json",
        "b.json": {"pets": []},
        "c.json": {"servers": [{"id": float("nan")}]},
        "d.json": {"servers": [{"tags": {1, 2}}]},
        "e.json": b'{"servers": []}',
    }
    with pytest.raises(sdrs_lint.InventoryError) as caught:
        sdrs_lint.Inventory.from_responses(given)
    problems = caught.value.problems
    assert len(problems) == 4
    assert problems[0].startswith("inventory file d.json: cannot be written as JSON: ")
    assert problems[1].startswith("inventory file a.json: not valid JSON")
    assert problems[2].startswith("inventory file b.json: unknown kind of inventory file")
    assert problems[3].startswith("inventory file c.json: not valid JSON")  # NaN is not JSON
    assert all("\n" not in p for p in problems)
    with pytest.raises(sdrs_lint.InventoryError) as named:
        sdrs_lint.Inventory.from_responses({"line\nbreak.json": "[]"})
    assert named.value.problems[0].startswith("inventory file line\\u{a}break.json: not an inventory file")


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="inventory must be"):
        sdrs_lint.lint("{}", inventory=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a response must be"):
        sdrs_lint.Inventory.from_responses({"a.json": 42})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="name must be a str"):
        sdrs_lint.Inventory.from_responses([(1, "{}")])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="mapping of name"):
        sdrs_lint.Inventory.from_responses("servers.json")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="at least one path"):
        sdrs_lint.Inventory.load()
    with pytest.raises(TypeError, match="bytes"):
        sdrs_lint.Inventory.load(b"examples/inventory")  # type: ignore[arg-type]


# --- Responses in memory -------------------------------------------------------------------


def responses(*names: str) -> dict[str, Any]:
    return {f"inventory/{name}": json.loads((INVENTORY / name).read_text()) for name in names}


def test_from_responses_with_dicts() -> None:
    given = responses("server-groups.json", "servers.json")
    inventory = sdrs_lint.Inventory.from_responses(given)
    assert [(f.name, f.kind) for f in inventory.files] == [
        ("inventory/server-groups.json", "server_groups"),
        ("inventory/servers.json", "servers"),
    ]
    assert inventory.paths is None
    report = sdrs_lint.lint(GROUP_STATUS.read_text(), inventory=inventory)
    (d,) = report
    (related,) = d.labels[1:]
    assert related.path == "inventory/server-groups.json"
    # Positions are those of json.dumps(response, indent=2).
    text = json.dumps(given["inventory/server-groups.json"], indent=2)
    assert text.encode()[related.start : related.end] == b'"error-stopping"'
    assert text.splitlines()[related.line - 1][related.column - 1 :].startswith('"error-stopping"')
    assert f"= note: inventory: inventory/server-groups.json:{related.line}:{related.column}" in str(report)


def test_responses_as_text_bytes_pairs_and_mappings() -> None:
    groups = (INVENTORY / "server-groups.json").read_text()
    for given in (
        {"groups.json": groups},
        {"groups.json": groups.encode()},
        [("groups.json", bytearray(groups.encode()))],
        iter([("groups.json", json.loads(groups))]),
    ):
        inventory = sdrs_lint.Inventory.from_responses(given)
        (d,) = sdrs_lint.lint(GROUP_STATUS.read_text(), inventory=inventory)
        assert d.rule == "group-status" and d.labels[1].path == "groups.json"
    # Text is read as it is: positions are the text's.
    (d,) = sdrs_lint.lint(GROUP_STATUS.read_text(), inventory={"groups.json": groups})
    assert (d.labels[1].line, d.labels[1].column) == next(
        (i + 1, line.index('"error-stopping"') + 1) for i, line in enumerate(groups.splitlines()) if "error-stopping" in line
    )
    # inventory= takes the mapping directly.
    (d,) = sdrs_lint.lint(GROUP_STATUS.read_text(), inventory={"groups.json": json.loads(groups)})
    assert d.rule == "group-status"


def test_the_later_response_wins_and_duplicates_are_listed() -> None:
    group = {
        "id": "f9f5d1c5-4533-5fd2-19c3-34adc5874159",
        "name": "dr-db",
        "status": "error-stopping",
    }
    fixed = dict(group, status="available")
    inventory = sdrs_lint.Inventory.from_responses(
        [("old.json", {"server_groups": [group]}), ("new.json", {"server_group": fixed})]
    )
    assert inventory.counts == {"server_groups": 1}
    assert inventory.kinds == ("server_groups",)
    assert [f.kind for f in inventory.files] == ["server_groups", "server_group"]
    (duplicate,) = inventory.duplicates
    # The kind of the file whose element is used.
    assert duplicate == sdrs_lint.Duplicate("server_group", group["id"], "new.json", "old.json")
    assert len(sdrs_lint.lint(GROUP_STATUS.read_text(), inventory=inventory)) == 0
    assert "1 duplicate IDs" in repr(inventory)


def test_sdk_response_models() -> None:
    groups = json.loads((INVENTORY / "server-groups.json").read_text())["server_groups"]
    known = ShowProtectionGroupParams.openapi_types
    models = [ShowProtectionGroupParams(**{k: v for k, v in g.items() if k in known}) for g in groups]
    response = ListProtectionGroupsResponse(server_groups=models, count=len(models))
    inventory = sdrs_lint.Inventory.from_responses({"groups": response})
    assert inventory.counts == {"server_groups": len(groups)}
    (d,) = sdrs_lint.lint(GROUP_STATUS.read_text(), inventory=inventory)
    assert d.rule == "group-status" and d.labels[1].path == "groups"
    protected = json.loads((INVENTORY / "protected-instances.json").read_text())["protected_instances"]
    known = ShowProtectedInstanceParams.openapi_types
    instances = [ShowProtectedInstanceParams(**{k: v for k, v in p.items() if k in known}) for p in protected]
    both = sdrs_lint.Inventory.from_responses(
        {"groups": response, "instances": ListProtectedInstancesResponse(protected_instances=instances)}
    )
    request = (WITH_INVENTORY / "server-already-protected.json").read_text()
    assert [d.rule for d in sdrs_lint.lint(request, inventory=both)] == ["server-already-protected"]


def test_an_sdk_request_with_an_inventory(inventory: sdrs_lint.Inventory) -> None:
    members = json.loads(GROUP_STATUS.read_text())["protected_instance"]
    request = CreateProtectedInstanceRequest(
        body=CreateProtectedInstanceRequestBody(protected_instance=CreateProtectedInstanceRequestParams(**members))
    )
    report = sdrs_lint.lint(request, inventory=inventory)
    (d,) = report
    assert d.rule == "group-status" and d.pointer == "/protected_instance/server_group_id"
    assert report.source_bytes[d.start : d.end] == f'"{members["server_group_id"]}"'.encode()
    with pytest.raises(sdrs_lint.LintError):
        sdrs_lint.check(request, inventory=inventory)
    # The same request, fixed to name an available group, is sent.
    request.body.protected_instance.server_group_id = "09083613-9f16-0411-cb7a-1fed1a651f5c"
    assert len(sdrs_lint.check(request, inventory=inventory)) == 0


# --- Caching of paths ------------------------------------------------------------------------


def test_paths_are_read_once_until_a_file_changes(tmp_path: Path) -> None:
    shutil.copytree(INVENTORY, tmp_path / "inv")
    directory = tmp_path / "inv"
    first = _inventory._cached([directory])
    assert _inventory._cached([str(directory)]) is first
    assert _inventory._cached([directory / "." / ".." / "inv"]) is first
    body = GROUP_STATUS.read_text()
    assert [d.rule for d in sdrs_lint.lint(body, inventory=directory)] == ["group-status"]
    assert _inventory._cached([directory]) is first

    # A changed file is read again.
    groups = directory / "server-groups.json"
    groups.write_text(groups.read_text().replace('"error-stopping"', '"available"'))
    second = _inventory._cached([directory])
    assert second is not first
    assert len(sdrs_lint.lint(body, inventory=directory)) == 0

    # So is a file added (or removed).
    (directory / "zz").mkdir()  # read last: it wins
    (directory / "zz" / "group.json").write_text(
        json.dumps({"server_group": {"id": "f9f5d1c5-4533-5fd2-19c3-34adc5874159", "status": "deleting"}})
    )
    third = _inventory._cached([directory])
    assert third is not second and len(third.duplicates) == 1
    assert [d.rule for d in sdrs_lint.lint(body, inventory=[directory])] == ["group-status"]
    (directory / "zz" / "group.json").unlink()
    assert _inventory._cached([directory]) is not third

    # A list of paths is its own entry.
    assert _inventory._cached([groups]) is not _inventory._cached([directory])


def test_loops_do_not_read_the_files_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(INVENTORY, tmp_path / "inv")
    reads: list[int] = []
    real = _inventory._read_paths

    def counting(files: Any, paths: Any) -> sdrs_lint.Inventory:
        reads.append(len(files))
        return real(files, paths)

    monkeypatch.setattr(_inventory, "_read_paths", counting)
    body = GROUP_STATUS.read_text()
    for _ in range(20):
        assert [d.rule for d in sdrs_lint.lint(body, inventory=tmp_path / "inv")] == ["group-status"]
    assert reads == [9]


def test_threads_share_an_inventory(inventory: sdrs_lint.Inventory) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [p.read_text() for p in REQUESTS] * 10
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda t: [d.rule for d in sdrs_lint.lint(t, inventory=inventory)], texts))
    assert results == [[d.rule for d in sdrs_lint.lint(t, inventory=inventory)] for t in texts]


# --- Rules ---------------------------------------------------------------------------------


def test_rules_name_the_service_errors_they_prevent() -> None:
    protected = sdrs_lint.rule("server-already-protected")
    assert protected.service_errors == ("SDRS.1305",)
    assert protected.needs == ("protected_instances",)
    assert protected.is_inventory_rule
    assert sdrs_lint.rule("group-status").service_errors == ("SDRS.1323", "SDRS.1325")
    assert sdrs_lint.rule("server-shared-disk").service_errors == ()
    assert sdrs_lint.rule("ip-in-use").needs == ("subnets", "ports")
    body_rule = sdrs_lint.rule("id-not-uuid")
    assert body_rule.service_errors == () and body_rule.needs == () and not body_rule.is_inventory_rule
    assert all(isinstance(e, str) for r in sdrs_lint.rules() for e in r.service_errors)


def test_the_kind_literal_names_exactly_the_kinds_the_engine_reads() -> None:
    # `InventoryKind` is written out for type checkers; the engine's list is the truth.
    from typing import get_args

    from sdrs_lint import _native

    assert get_args(sdrs_lint.InventoryKind) == tuple(_native.inventory_kinds())
