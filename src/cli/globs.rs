//! Glob patterns among the paths (`sdrs-lint 'requests/**/*.json'`, quoted so that the shell
//! leaves it alone): expanded here, the same on every shell and platform, into the files they
//! match, which are then linted like files named on the command line. The walk follows the
//! directory walk's rules: `.gitignore` (inside a git repository) and `.ignore` are honoured,
//! hidden files skipped, symbolic links not followed, names sorted. `*` and `?` stay within one
//! path component, `**` crosses any number; `[abc]` and `{a,b}` work as in `.gitignore`.

use std::path::{Path, PathBuf};

use globset::GlobBuilder;

/// Characters that make an argument a pattern (when no file has that name).
const META: [char; 4] = ['*', '?', '[', '{'];

/// `paths` with each pattern replaced by the files it matches, in name order. A pattern that
/// matches nothing, or is malformed, is an error.
pub fn expand(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, String> {
    let mut expanded = Vec::with_capacity(paths.len());
    for path in paths {
        match pattern(&path) {
            Some(pattern) => {
                let matched = matching(pattern)?;
                if matched.is_empty() {
                    return Err(format!("no file matches `{pattern}`"));
                }
                expanded.extend(matched);
            }
            None => expanded.push(path),
        }
    }
    Ok(expanded)
}

/// The argument as a pattern, if it is one: it holds a pattern character and names nothing.
fn pattern(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    (text.contains(META) && std::fs::symlink_metadata(path).is_err()).then_some(text)
}

/// The files below the pattern's literal leading directories that it matches.
fn matching(pattern: &str) -> Result<Vec<PathBuf>, String> {
    let glob = GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("invalid pattern `{pattern}`: {}", e.kind()))?
        .compile_matcher();
    let parts: Vec<&str> = pattern.split('/').collect();
    let literal = parts.iter().take_while(|p| !p.contains(META)).count();
    let base = parts.get(..literal).unwrap_or_default().join("/");
    let (root, relative) = match base.as_str() {
        "" if pattern.starts_with('/') => ("/".to_string(), false),
        "" => (".".to_string(), true),
        _ => (base, false),
    };
    let mut found = Vec::new();
    let walker = ignore::WalkBuilder::new(&root).sort_by_file_name(|a, b| a.cmp(b)).build();
    for entry in walker.flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        // A pattern without a leading directory matches paths as written without `./`.
        let path = if relative { entry.path().strip_prefix(".").unwrap_or(entry.path()) } else { entry.path() };
        if glob.is_match(path) {
            found.push(path.to_path_buf());
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str, files: &[&str]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sdrs-lint-globs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for file in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        dir
    }

    #[test]
    fn patterns_expand_to_the_files_they_match_in_name_order() {
        let dir =
            tree("match", &["r/b.json", "r/a.json", "r/sub/c.json", "r/sub/d.http", "r/.hidden/e.json", "r/x.txt"]);
        let root = dir.to_str().unwrap();
        let names = |pattern: &str| -> Vec<String> {
            expand(vec![PathBuf::from(pattern)])
                .unwrap()
                .iter()
                .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(names(&format!("{root}/r/**/*.json")), ["r/a.json", "r/b.json", "r/sub/c.json"]);
        assert_eq!(names(&format!("{root}/r/*.json")), ["r/a.json", "r/b.json"], "`*` stays in one directory");
        assert_eq!(
            names(&format!("{root}/r/**/*.{{json,http}}")),
            ["r/a.json", "r/b.json", "r/sub/c.json", "r/sub/d.http"]
        );
        assert_eq!(names(&format!("{root}/r/[a]?json")), ["r/a.json"]);
    }

    #[test]
    fn no_match_and_malformed_patterns_are_errors_and_plain_paths_pass_through() {
        let dir = tree("errors", &["a.json"]);
        let root = dir.to_str().unwrap();
        assert_eq!(
            expand(vec![PathBuf::from(format!("{root}/*.http"))]).unwrap_err(),
            format!("no file matches `{root}/*.http`")
        );
        assert!(expand(vec![PathBuf::from(format!("{root}/[a.json"))]).unwrap_err().starts_with("invalid pattern"));
        let plain = vec![PathBuf::from("-"), PathBuf::from("missing.json"), dir.join("a.json")];
        assert_eq!(expand(plain.clone()).unwrap(), plain);
    }
}
