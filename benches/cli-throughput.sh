#!/usr/bin/env bash
# CLI throughput: generates a corpus of 10 000 realistic request files (fixed seed; mostly
# valid, one in eight with a typical mistake) and times `sdrs-lint` over it with hyperfine,
# against `cat` of the same files, on one thread and on all cores; then start-up alone and
# one small file (what a pre-commit hook pays).
#
#   benches/cli-throughput.sh [FILES]        (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-10000}"
corpus="${TMPDIR:-/tmp}/sdrs-lint-corpus-$count"
bin="$root/target/release/sdrs-lint"

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
if [ ! -d "$corpus" ]; then
  python3 - "$corpus" "$count" <<'PY'
import json, os, random, sys
corpus, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261128)
hexdigits = "0123456789abcdef"
def uuid():
    return "-".join("".join(rng.choice(hexdigits) for _ in range(n)) for n in (8, 4, 4, 4, 12))
names = ["web", "db", "cache", "orders", "billing", "订单", "数据库", "api", "queue", "search"]
mistakes = [
    lambda r: r.update(name=r["name"] + " copy"),
    lambda r: r.update(flavorref=r.pop("flavorRef", "s3.large.2")),
    lambda r: r.update(dedicated_host_id=uuid()) or r.pop("tenancy", None),
    lambda r: r.setdefault("tags", []).append({"key": "team/owner", "value": "ops"}),
    lambda r: r.update(primary_ip_address="192.168.01.5", primary_subnet_id=uuid()),
    lambda r: r.update(tenancy="Dedicated"),
    lambda r: r.update(server_id=""),
]
for i in range(count):
    request = {
        "server_group_id": uuid(),
        "server_id": uuid(),
        "name": f"{rng.choice(names)}-{i:05d}",
    }
    if rng.random() < 0.5:
        request["description"] = f"protected instance {i}"
    if rng.random() < 0.4:
        request["primary_subnet_id"] = uuid()
        request["primary_ip_address"] = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    if rng.random() < 0.3:
        request["flavorRef"] = rng.choice(["s3.large.2", "c6.xlarge.2", "m6.2xlarge.8"])
    if rng.random() < 0.6:
        request["tags"] = [{"key": k, "value": rng.choice(["prod", "staging", "ops"])} for k in rng.sample(["env", "owner", "app", "cost-center", "tier"], rng.randrange(1, 5))]
    if i % 8 == 0:
        rng.choice(mistakes)(request)
    path = os.path.join(corpus, f"{i % 100:02d}", f"request-{i:05d}.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump({"protected_instance": request}, f, ensure_ascii=False, indent=2)
PY
fi
echo "corpus: $count files, $(du -sh "$corpus" | cut -f1) in $corpus"
files="$corpus/files.txt"
find "$corpus" -name '*.json' | sort > "$files"

hyperfine --warmup 2 --runs 10 --ignore-failure \
  --command-name "cat (the same files)" "xargs cat < $files > /dev/null" \
  --command-name "sdrs-lint -j 1" "$bin -j 1 --format short $corpus > /dev/null" \
  --command-name "sdrs-lint (all cores)" "$bin --format short $corpus > /dev/null"

hyperfine --warmup 20 --runs 200 -N --ignore-failure \
  --command-name "start-up (--version)" "$bin --version" \
  --command-name "one small file" "$bin --format short $root/examples/clean-minimal.json"
