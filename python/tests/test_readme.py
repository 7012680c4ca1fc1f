"""The README's Python examples run as printed, and `mypy --strict` accepts them."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def readme_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Using it from Python") :]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, flags=re.S | re.M)
    assert blocks, "the README's Python section has no python block"
    return [str(b) for b in blocks]


def run(example: str, monkeypatch: pytest.MonkeyPatch) -> str:
    # The examples name files of the repository relative to its root.
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(example, "README.md", "exec"), {"__name__": "readme"})
    return out.getvalue()


def test_there_are_two_examples() -> None:
    assert len(readme_examples()) == 2


def test_the_readme_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    printed = run(readme_examples()[0], monkeypatch)
    assert "error[id-empty]: " in printed
    assert " --> <request>:1:44" in printed


def test_the_readme_inventory_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    example = readme_examples()[1]
    printed = run(example, monkeypatch)
    lines = printed.splitlines()
    assert lines[0].startswith("<Inventory examples/inventory: 9 files, server_groups=3, ")
    assert lines[0].endswith(", dedicated_hosts=3>")
    assert lines[1].startswith("group-status protection group `dr-db` is `error-stopping`")
    # What the comments say is what is printed.
    place = re.search(r"# (examples/inventory/server-groups\.json:\d+:\d+)\n", example)
    assert place is not None and lines[2] == place.group(1)
    assert f"  = note: inventory: {place.group(1)} (the group's status)" in lines


@pytest.mark.parametrize("index", [0, 1])
def test_mypy_strict_accepts_the_readme_examples(index: int, tmp_path: Path) -> None:
    example = tmp_path / "readme_example.py"
    example.write_text(readme_examples()[index])
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(example)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
