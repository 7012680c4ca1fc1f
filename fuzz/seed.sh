#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the example requests, the JSON test suite and the
# rule pages' examples; run from anywhere, before `cargo fuzz run`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
for target in parse lint render; do
  mkdir -p "$root/fuzz/corpus/$target"
  find "$root/examples" "$root/benches/inputs" -maxdepth 2 -type f -not -path '*/examples/inventory/*' \
    -exec cp {} "$root/fuzz/corpus/$target/" \;
  cp "$root"/tests/jsontestsuite/test_parsing/* "$root/fuzz/corpus/$target/"
done
# Code blocks of the rule pages (requests and HTTP files), one file each.
python3 - "$root" <<'PY'
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
for page in sorted((root / "rules").glob("*.md")):
    for i, block in enumerate(re.findall(r"```(?:json|http) (?:in)?valid\n(.*?)```", page.read_text(), re.S)):
        for target in ("parse", "lint", "render"):
            (root / "fuzz/corpus" / target / f"{page.stem}-{i}").write_text(block)
PY
# The inventory target: the example snapshot's responses, one per file.
mkdir -p "$root/fuzz/corpus/inventory"
cp "$root"/examples/inventory/*.json "$root/fuzz/corpus/inventory/"
mkdir -p "$root/fuzz/corpus/config"
cp "$root"/docs/config.md "$root/fuzz/corpus/config/"
python3 - "$root" <<'PY'
import pathlib, re, sys
root = pathlib.Path(sys.argv[1])
for i, block in enumerate(re.findall(r"```toml\n(.*?)```", (root / "docs/config.md").read_text(), re.S)):
    (root / "fuzz/corpus/config" / f"doc-{i}.toml").write_text(block)
PY
echo "seeded: $(ls "$root/fuzz/corpus/lint" | wc -l) inputs per target"
