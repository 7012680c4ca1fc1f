//! No network, no surprises: the dependency tree (what ships, default features and library-only
//! alike) holds no crate that opens network connections or spawns an async runtime.

use std::process::Command;

/// Crates that exist to talk over a network (HTTP clients and servers, TLS, sockets).
const NETWORKING: &[&str] = &[
    "curl",
    "h2",
    "http",
    "hyper",
    "isahc",
    "mio",
    "native-tls",
    "openssl",
    "reqwest",
    "rustls",
    "socket2",
    "surf",
    "tokio",
    "ureq",
];

fn dependencies(features: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tree", "--offline", "--edges", "normal", "--prefix", "none", "--format", "{p}"])
        .args(features)
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn no_networking_crate_in_the_tree() {
    for features in [&[][..], &["--no-default-features"][..]] {
        let names = dependencies(features);
        assert!(names.iter().any(|n| n == "serde_json"), "the tree was read: {names:?}");
        let found: Vec<&String> = names.iter().filter(|n| NETWORKING.contains(&n.as_str())).collect();
        assert!(found.is_empty(), "networking crates with {features:?}: {found:?}");
    }
}

#[test]
fn the_library_alone_has_no_command_line_or_terminal_dependencies() {
    let names = dependencies(&["--no-default-features"]);
    for cli_only in
        ["clap", "ignore", "lsp-server", "owo-colors", "rayon", "supports-color", "terminal_size", "textwrap"]
    {
        assert!(!names.iter().any(|n| n == cli_only), "{cli_only} is built for library users");
    }
}
