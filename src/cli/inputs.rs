//! Which inputs a run lints: files as given, `.json` files below directories (walked with the
//! `ignore` crate: `.gitignore`, `.ignore` and hidden files respected, symlinks not followed,
//! sorted by name), and standard input for `-`.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One input to lint.
#[derive(Debug)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Input {
    /// The name diagnostics show.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) => path.to_string_lossy().into_owned(),
        }
    }

    /// The input's bytes.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Input::File(path) => std::fs::read(path),
        }
    }
}

/// A path that could not be used, and why.
#[derive(Debug)]
pub struct Failure {
    pub path: String,
    pub error: String,
}

/// Expands the command-line paths into inputs, in argument order; directories in name order.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<Failure>) {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut failures);
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    (inputs, failures)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, failures: &mut Vec<Failure>) {
    let walker = ignore::WalkBuilder::new(dir).sort_by_file_name(|a, b| a.cmp(b)).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let is_json = entry.path().extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
                if is_file && is_json {
                    inputs.push(Input::File(entry.into_path()));
                }
            }
            Err(e) => failures.push(Failure { path: dir.to_string_lossy().into_owned(), error: e.to_string() }),
        }
    }
}
