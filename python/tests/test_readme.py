"""The README's Python example runs as printed, and `mypy --strict` accepts it."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Using it from Python") :]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, flags=re.S | re.M)
    assert blocks, "the README's Python section has no python block"
    return str(blocks[0])


def test_the_readme_example_runs() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_example(), "README.md", "exec"), {"__name__": "readme"})
    printed = out.getvalue()
    assert "error[id-empty]: " in printed
    assert " --> <request>:1:44" in printed


def test_mypy_strict_accepts_the_readme_example(tmp_path: Path) -> None:
    example = tmp_path / "readme_example.py"
    example.write_text(readme_example())
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(example)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout
