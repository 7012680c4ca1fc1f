//! The library's modules form layers, each using only those below it: bytes → syntax → view →
//! rules → engine → renderers → command line. This test reads `src/` and fails on any `crate::`
//! path that reaches up a layer (which is also how a cycle would start).

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;

/// The top-level modules, lowest first. A module may use those before it, never those after.
const LAYERS: &[&str] = &[
    "span",       // byte ranges
    "text",       // character classes and naming
    "lines",      // line and column positions
    "diagnostic", // what a rule reports
    "pointer",    // JSON Pointers
    "syntax",     // bytes → span-preserving tree
    "request",    // the request's declaration and typed structs
    "measure",    // shared measurements (lengths, UUIDs, IPv4, similar names)
    "input",      // input kinds: JSON bodies, HTTP files, detection
    "inventory",  // saved responses of the cloud's list APIs
    "view",       // the tree seen as a request
    "rules",      // the rules
    "engine",     // running the rules: the linter and its report
    "fix",        // applying fixes
    "validate",   // checking a typed request
    "config",     // sdrs-lint.toml
    "render",     // output formats
    "fuzzing",    // fuzz entry points
    "cli",        // the command line and the language server
];

/// The top-level module of a source file (`src/engine/sink.rs` → `engine`).
fn module_of(path: &Path, src: &Path) -> String {
    let relative = path.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The text of a source file without comments, string literals and test modules.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(tests) => &text[..tests],
        None => text,
    };
    let comments = Regex::new(r##"(?s)//[^\n]*|/\*.*?\*/|r#".*?"#|"(\\.|[^"\\])*""##).unwrap();
    comments.replace_all(text, "").into_owned()
}

/// Which top-level module each item re-exported at the crate root comes from.
fn root_exports(lib: &str) -> BTreeMap<String, String> {
    let uses = Regex::new(r"(?m)^pub use (\w+)::(?:\{([^}]*)\}|(\w+));").unwrap();
    let mut exports = BTreeMap::new();
    for c in uses.captures_iter(lib) {
        let items = c.get(2).or(c.get(3)).unwrap().as_str();
        for item in items.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            exports.insert(item.to_string(), c[1].to_string());
        }
    }
    // The crate root's own functions run the engine and list the rules.
    for (function, module) in [("lint", "engine"), ("lint_bytes", "engine"), ("rules", "rules"), ("rule", "rules")] {
        exports.insert(function.to_string(), module.to_string());
    }
    exports
}

/// Every `crate::` path of `code`, as the top-level module it reaches.
fn uses(code: &str, exports: &BTreeMap<String, String>) -> Vec<String> {
    let single = Regex::new(r"crate::(\w+)").unwrap();
    let group = Regex::new(r"crate::\{([^}]*)\}").unwrap();
    let mut found: Vec<String> = single.captures_iter(code).map(|c| c[1].to_string()).collect();
    for c in group.captures_iter(code) {
        let heads = c[1].split(',').map(|p| p.trim().split("::").next().unwrap_or_default().to_string());
        found.extend(heads.filter(|h| !h.is_empty()));
    }
    found.into_iter().map(|name| exports.get(&name).cloned().unwrap_or(name)).collect()
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn modules_only_use_the_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let exports = root_exports(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in files {
        let module = module_of(&path, &src);
        if module == "lib" || module == "main" {
            continue;
        }
        // Test helpers may reach anywhere.
        if path.file_name().is_some_and(|n| n == "tests.rs" || n == "testing.rs") {
            continue;
        }
        let Some(layer) = LAYERS.iter().position(|l| *l == module) else {
            problems.push(format!("{}: module `{module}` is not in LAYERS", path.display()));
            continue;
        };
        seen.insert(module.clone());
        for used in uses(&code(&std::fs::read_to_string(&path).unwrap()), &exports) {
            match LAYERS.iter().position(|l| *l == used) {
                Some(other) if other > layer => {
                    problems.push(format!("{}: `{module}` uses `{used}`, a layer above it", path.display()))
                }
                Some(_) => {}
                None => problems.push(format!("{}: `crate::{used}` is not a module in LAYERS", path.display())),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let listed: std::collections::BTreeSet<String> = LAYERS.iter().map(|l| l.to_string()).collect();
    assert_eq!(seen, listed, "every layer is a module of src/");
}
