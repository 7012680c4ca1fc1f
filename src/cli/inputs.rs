//! Which inputs a run considers: files as given, request files below directories (walked with
//! the `ignore` crate: `.gitignore`, `.ignore` and hidden files respected, symbolic links not
//! followed, names sorted), and standard input for `-`.

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::InputKind;

/// Where an input's bytes come from.
#[derive(Debug)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

/// One input to consider.
#[derive(Debug)]
pub struct Input {
    /// Where to read it.
    pub source: Source,
    /// Its path for configuration and `.http` detection: the file, or `--stdin-filename`.
    pub path: Option<PathBuf>,
    /// Named on the command line (always linted) rather than found by a walk.
    pub explicit: bool,
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

impl Input {
    /// The name diagnostics show.
    pub fn display(&self) -> String {
        match (&self.source, &self.path) {
            (_, Some(path)) => path.to_string_lossy().into_owned(),
            (Source::Stdin, None) => "<stdin>".to_string(),
            (Source::File(path), None) => path.to_string_lossy().into_owned(),
        }
    }

    /// What it is: an HTTP request file (`.http`, `.rest`) or a JSON body.
    pub fn kind(&self) -> InputKind {
        self.path.as_deref().map_or(InputKind::Json, InputKind::of_path)
    }

    /// The input's bytes.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match &self.source {
            Source::Stdin => {
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
            Source::File(path) => std::fs::read(path),
        }
    }
}

/// A path that could not be used, and why.
#[derive(Debug)]
pub struct Failure {
    pub path: String,
    pub error: String,
}

/// Expands the command-line paths into inputs: directories into the `.json`, `.http` and
/// `.rest` files below them, in name order. Each file is an input once (see [`dedup`]).
pub fn collect(paths: &[PathBuf], stdin_filename: Option<&Path>) -> (Vec<Input>, Vec<Failure>) {
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input { source: Source::Stdin, path: stdin_filename.map(Path::to_path_buf), explicit: true });
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut failures);
        } else {
            inputs.push(Input { source: Source::File(path.clone()), path: Some(path.clone()), explicit: true });
        }
    }
    (dedup(inputs), failures)
}

/// Drops repeated inputs, so that every format reports a file once (SARIF's artifacts must be
/// unique) and `--fix` never writes a file twice: a file named twice, named and also found by a
/// walk, or reached through a symbolic link and by its own name, is linted once, under the name
/// it was first given, as a named file if it was named anywhere. Standard input is read once.
fn dedup(inputs: Vec<Input>) -> Vec<Input> {
    let mut seen: HashMap<Option<PathBuf>, usize> = HashMap::new();
    let mut kept: Vec<Input> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let key = match &input.source {
            Source::Stdin => None,
            Source::File(path) => Some(identity(path)),
        };
        match seen.get(&key).and_then(|&i| kept.get_mut(i)) {
            Some(first) => first.explicit |= input.explicit,
            None => {
                seen.insert(key, kept.len());
                kept.push(input);
            }
        }
    }
    kept
}

/// What tells two paths of one file apart from two files: the canonical path (symbolic links,
/// `.` and `..` resolved), or for a path that cannot be resolved (a file that does not exist)
/// the path without its `.` components.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.components().filter(|c| *c != std::path::Component::CurDir).collect())
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, failures: &mut Vec<Failure>) {
    let walker = ignore::WalkBuilder::new(dir).sort_by_file_name(|a, b| a.cmp(b)).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && has_extension(entry.path(), &["json", "http", "rest"]) {
                    // `sdrs-lint .` shows `requests/a.json`, not `./requests/a.json`.
                    let path = entry.path().strip_prefix(".").unwrap_or(entry.path()).to_path_buf();
                    inputs.push(Input { source: Source::File(path.clone()), path: Some(path), explicit: false });
                }
            }
            Err(e) => failures.push(Failure { path: dir.to_string_lossy().into_owned(), error: e.to_string() }),
        }
    }
}

/// Whether a walked file is something to lint: a request body, or an HTTP file with a request
/// to create a protected instance; otherwise why not.
pub fn detect(bytes: &[u8], kind: InputKind) -> crate::input::detect::Detection {
    match kind {
        InputKind::Http => crate::input::detect::http(bytes),
        _ => crate::input::detect::json(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inputs: &[Input]) -> Vec<(String, bool)> {
        inputs.iter().map(|i| (i.display(), i.explicit)).collect()
    }

    #[test]
    fn a_file_named_twice_or_named_and_walked_is_one_input() {
        let dir = std::env::temp_dir().join(format!("sdrs-lint-dedup-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.json"), "{}").unwrap();
        std::fs::write(dir.join("sub/b.json"), "{}").unwrap();
        std::os::unix::fs::symlink(dir.join("sub/a.json"), dir.join("link.json")).unwrap();
        let a = dir.join("sub/a.json");
        let dotted = dir.join("sub/./a.json");
        let paths = [dir.join("sub"), a.clone(), dotted, dir.join("link.json"), PathBuf::from("-"), PathBuf::from("-")];
        let (inputs, failures) = collect(&paths, None);
        assert!(failures.is_empty());
        let show = |p: &Path| p.to_string_lossy().into_owned();
        assert_eq!(
            names(&inputs),
            [(show(&a), true), (show(&dir.join("sub/b.json")), false), ("<stdin>".to_string(), true)],
            "walked first, then named: kept once, as a named file"
        );
        // Files that do not exist are told apart by their paths.
        let (inputs, _) = collect(&[PathBuf::from("./missing.json"), PathBuf::from("missing.json")], None);
        assert_eq!(inputs.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
