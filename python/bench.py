"""Compare `sdrs_lint.lint(text)` with `json.loads(text)` on the same requests.

    python python/bench.py            # from the repository's root, with the package installed

Inputs: every `.json` file of `examples/`, and `benches/inputs/` (a maximal valid request and
one with a dozen problems). For each: the best of several `timeit` repeats, per call, of
`json.loads(text)`; `sdrs_lint.lint(text)` (the engine's report; diagnostics become Python
objects only when looked at); and `list(sdrs_lint.lint(text))` (every diagnostic made a Python
object, positions included). The ratios are lint / json.loads: below 1 means the lint is cheaper.
"""

from __future__ import annotations

import json
import math
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The installed package (with its compiled engine), not the source tree beside this script.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "python"]

import sdrs_lint  # noqa: E402


def best(stmt: object, number: int, repeat: int = 7) -> float:
    """Seconds per call, the best of `repeat` runs of `number` calls."""
    return min(timeit.repeat(stmt, number=number, repeat=repeat)) / number  # type: ignore[arg-type]


def main() -> None:
    inputs = sorted((ROOT / "examples").glob("*.json")) + sorted((ROOT / "benches" / "inputs").glob("*.json"))
    print(f"sdrs_lint {sdrs_lint.__version__}, Python {sys.version.split()[0]}; µs per call, best of 7")
    header = f"{'input':<36} {'bytes':>6} {'diags':>5} {'json.loads':>10} {'lint':>8} {'ratio':>6} {'+diags':>8} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    ratios: list[float] = []
    ratios_full: list[float] = []
    for path in inputs:
        text = path.read_text()
        n = len(sdrs_lint.lint(text))
        number = 5000
        loads = best(lambda: json.loads(text), number)
        lint = best(lambda: sdrs_lint.lint(text), number)
        full = best(lambda: list(sdrs_lint.lint(text)), number)
        ratios.append(lint / loads)
        ratios_full.append(full / loads)
        print(
            f"{path.name:<36} {len(text.encode()):>6} {n:>5} {loads * 1e6:>10.2f} {lint * 1e6:>8.2f} "
            f"{lint / loads:>5.2f}x {full * 1e6:>8.2f} {full / loads:>5.2f}x"
        )
    print(
        f"\ngeometric mean of the ratios: lint {geomean(ratios):.2f}x json.loads; "
        f"with every diagnostic made a Python object {geomean(ratios_full):.2f}x"
    )


def geomean(xs: list[float]) -> float:
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


if __name__ == "__main__":
    main()
