"""Shared fixtures: the repository, its examples, and the `sdrs-lint` command to compare with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The tests exercise the installed package (with its compiled `_native`), never the source tree
# beside them, which `python -m pytest` run from `python/` would put first on the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "python"]
EXAMPLES = ROOT / "examples"


def _find_cli() -> Path:
    """`$SDRS_LINT_BIN`, else a binary built in the workspace's target directory, else one built now."""
    configured = os.environ.get("SDRS_LINT_BIN")
    if configured:
        return Path(configured)
    for profile in ("release", "debug"):
        candidate = ROOT / "target" / profile / "sdrs-lint"
        if candidate.is_file():
            return candidate
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.fail("no sdrs-lint binary: set SDRS_LINT_BIN or build it with cargo build --release")
    subprocess.run([cargo, "build", "--release", "--quiet", "--bin", "sdrs-lint"], cwd=ROOT, check=True)
    return ROOT / "target" / "release" / "sdrs-lint"


@pytest.fixture(scope="session")
def cli() -> Path:
    return _find_cli()


@pytest.fixture(scope="session")
def cli_json(cli: Path) -> Any:
    """`sdrs-lint --isolated --format json FILE`: the file's entry of the document."""

    def run(path: Path) -> dict[str, Any]:
        out = subprocess.run(
            [str(cli), "--isolated", "--format", "json", str(path)], capture_output=True, check=False
        )
        assert out.returncode in (0, 1), out.stderr.decode()
        document = json.loads(out.stdout)
        (entry,) = document["files"]
        return entry  # type: ignore[no-any-return]

    return run


@pytest.fixture(scope="session")
def cli_human(cli: Path) -> Any:
    """`sdrs-lint --isolated --color never FILE`, without the closing summary line."""

    def run(path: Path) -> str:
        out = subprocess.run(
            [str(cli), "--isolated", "--color", "never", str(path)], capture_output=True, check=False, cwd=ROOT
        )
        assert out.returncode in (0, 1), out.stderr.decode()
        lines = out.stdout.decode().splitlines(keepends=True)
        return "".join(lines[:-1])

    return run
