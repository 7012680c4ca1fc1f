//! The inventory: reading a large snapshot, and linting many requests against it.
//!
//! - **Load**: `Inventory::from_files` on a generated snapshot of about 100 MB (servers, disks,
//!   ports, subnets, protection groups, protected instances, shaped like the example snapshot's
//!   real responses), against `serde_json::from_slice::<Value>` on the same files, in the same
//!   run: time and peak heap.
//! - **Lint**: 10,000 requests naming those resources, linted without and with the inventory.
//!
//! `cargo bench --bench inventory` (add `-- MB REQUESTS` to choose the sizes, default `100 10000`).

use std::hint::black_box;
use std::time::Instant;

use sdrs_lint::{Inventory, Linter};
use serde_json::{Value, json};

#[path = "support/mod.rs"]
mod support;
use support::measure;

/// A deterministic UUID-shaped ID: the kind's tag and the element's number.
fn id(kind: u32, i: usize) -> String {
    format!("{kind:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", i % 0xffff, i % 0xfff, (i / 7) % 0xfff, i)
}

/// The example snapshot's first element of `kind`, as the template of generated ones.
fn template(file: &str, kind: &str) -> Value {
    let path = format!("{}/examples/inventory/{file}", env!("CARGO_MANIFEST_DIR"));
    let body: Value = serde_json::from_slice(&std::fs::read(path).expect("example inventory")).unwrap();
    body[kind][0].clone()
}

/// One response body of `kind` holding `count` elements made by `element`.
fn response(kind: &str, count: usize, element: impl Fn(usize) -> Value) -> Vec<u8> {
    let elements: Vec<Value> = (0..count).map(element).collect();
    serde_json::to_vec_pretty(&json!({ kind: elements, "count": count })).unwrap()
}

/// A snapshot of about `mb` megabytes, as (file name, bytes), and the number of servers.
fn snapshot(mb: usize) -> (Vec<(String, Vec<u8>)>, usize) {
    let server = template("servers.json", "servers");
    let size = |v: &Value| serde_json::to_vec_pretty(v).unwrap().len();
    // Each server comes with a disk, a port and a tenth of a protected instance.
    let per_server = size(&server)
        + size(&template("volumes.json", "volumes"))
        + size(&template("ports.json", "ports"))
        + size(&template("protected-instances.json", "protected_instances")) / 10;
    let servers = (mb * 1_000_000 / per_server).max(10);
    let groups = servers / 20 + 1;
    let mut files = Vec::new();
    files.push((
        "servers.json".to_string(),
        response("servers", servers, |i| {
            let mut s = server.clone();
            s["id"] = json!(id(1, i));
            s["name"] = json!(format!("web-{i}"));
            s["os-extended-volumes:volumes_attached"] = json!([{ "id": id(2, i) }]);
            s
        }),
    ));
    let volume = template("volumes.json", "volumes");
    files.push((
        "volumes.json".to_string(),
        response("volumes", servers, |i| {
            let mut v = volume.clone();
            v["id"] = json!(id(2, i));
            v["multiattach"] = json!(i % 97 == 0);
            v
        }),
    ));
    let port = template("ports.json", "ports");
    files.push((
        "ports.json".to_string(),
        response("ports", servers, |i| {
            let mut p = port.clone();
            p["id"] = json!(id(3, i));
            p["device_id"] = json!(id(1, i));
            p["fixed_ips"] =
                json!([{ "ip_address": format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 254 + 1) }]);
            p
        }),
    ));
    files.push(("subnets.json".to_string(), std::fs::read(example("subnets.json")).unwrap()));
    let group = template("server-groups.json", "server_groups");
    files.push((
        "server-groups.json".to_string(),
        response("server_groups", groups, |i| {
            let mut g = group.clone();
            g["id"] = json!(id(4, i));
            g
        }),
    ));
    let protected = template("protected-instances.json", "protected_instances");
    files.push((
        "protected-instances.json".to_string(),
        response("protected_instances", servers / 10, |i| {
            let mut p = protected.clone();
            p["id"] = json!(id(5, i));
            p["source_server"] = json!(id(1, i * 10));
            p
        }),
    ));
    (files, servers)
}

fn example(file: &str) -> String {
    format!("{}/examples/inventory/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// `count` requests, each naming a server and a group of the snapshot (one in ten already
/// protected, one in 97 with a shared disk).
fn requests(count: usize, servers: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let server = i * 7919 % servers;
            json!({"protected_instance": {
                "server_group_id": id(4, server / 20),
                "server_id": id(1, server),
                "name": format!("web-{server}"),
            }})
            .to_string()
        })
        .collect()
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let mb = args.first().copied().unwrap_or(100);
    let count = args.get(1).copied().unwrap_or(10_000);
    let (files, servers) = snapshot(mb);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("snapshot: {} files, {:.1} MB, {servers} servers", files.len(), bytes as f64 / 1e6);

    let (load, load_peak) = measure(|| {
        let (inventory, problems) = Inventory::from_files(files.iter().map(|(n, b)| (n.clone(), b.clone())));
        assert!(problems.is_empty(), "{problems:?}");
        inventory
    });
    // The same copies of the bytes, so both sides pay for them alike.
    let (serde, serde_peak) = measure(|| {
        files.iter().map(|(_, b)| serde_json::from_slice::<Value>(black_box(&b.clone())).unwrap()).collect::<Vec<_>>()
    });
    println!(
        "load:  Inventory::from_files {:.0} ms ({:.0} MB/s, peak {:.0} MB) vs serde_json::from_slice::<Value> {:.0} ms (peak {:.0} MB): time {:.2}x, peak {:.2}x",
        load.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / load.as_secs_f64(),
        load_peak as f64 / 1e6,
        serde.as_secs_f64() * 1e3,
        serde_peak as f64 / 1e6,
        load.as_secs_f64() / serde.as_secs_f64(),
        load_peak as f64 / serde_peak as f64,
    );

    let (inventory, _) = Inventory::from_files(files);
    let requests = requests(count, servers);
    let plain = Linter::new();
    let mut checked = Linter::new();
    checked.set_inventory(inventory);
    let lint_all = |linter: &Linter| {
        let start = Instant::now();
        let findings: usize = requests.iter().map(|r| linter.lint(black_box(r)).diagnostics().len()).sum();
        (start.elapsed(), findings)
    };
    // Best of three, each way.
    let best = |linter: &Linter| (0..3).map(|_| lint_all(linter)).min_by_key(|(t, _)| *t).unwrap();
    let (without, found_without) = best(&plain);
    let (with, found_with) = best(&checked);
    println!(
        "lint:  {count} requests in memory without the inventory {:.0} ms ({found_without} findings), with it {:.0} ms ({found_with} findings): {:.2}x, {:.1} µs per request with it",
        without.as_secs_f64() * 1e3,
        with.as_secs_f64() * 1e3,
        with.as_secs_f64() / without.as_secs_f64(),
        with.as_secs_f64() * 1e6 / count as f64,
    );

    // As the command lints them: one file each, read from disk, then linted.
    let dir = std::env::temp_dir().join(format!("sdrs-lint-bench-inventory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<_> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let path = dir.join(format!("request-{i:05}.json"));
            std::fs::write(&path, r).unwrap();
            path
        })
        .collect();
    let lint_files = |linter: &Linter| {
        let start = Instant::now();
        let findings: usize =
            paths.iter().map(|p| linter.lint_bytes(black_box(&std::fs::read(p).unwrap())).diagnostics().len()).sum();
        (start.elapsed(), findings)
    };
    let best_files = |linter: &Linter| (0..3).map(|_| lint_files(linter)).min_by_key(|(t, _)| *t).unwrap();
    let (without, _) = best_files(&plain);
    let (with, _) = best_files(&checked);
    println!(
        "files: {count} files read and linted without the inventory {:.0} ms, with it {:.0} ms: {:.2}x (plus the load, once per run)",
        without.as_secs_f64() * 1e3,
        with.as_secs_f64() * 1e3,
        with.as_secs_f64() / without.as_secs_f64(),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
