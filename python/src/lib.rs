//! `sdrs_lint._native`: the sdrs-lint engine for Python, as plain data.
//!
//! The Pythonic layer (`Report`, `Diagnostic`, `LintError`, SDK-model serialisation) is written
//! in Python (`sdrs_lint/__init__.py`) on top of this module, for three reasons: typing is
//! ordinary annotated Python that mypy reads (no stubs to keep in step with `#[pyclass]`es
//! beyond the small `_native.pyi`); a `Report` can be a real `collections.abc.Sequence`; and
//! speed does not suffer, because a lint returns one native object holding the Rust report and
//! diagnostics become Python objects only when first looked at (a clean request, the common
//! case before sending, creates none). Every use of the `sdrs_lint` crate is in `engine.rs`.
//!
//! The GIL is released while linting, rendering and reading an inventory.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

mod engine;

use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};

use std::sync::Arc;

use engine::{Place, SettingsError};

/// Rule severities and `[[suppress]]` entries, made once and used for any number of lints.
#[pyclass(frozen, module = "sdrs_lint._native", name = "Settings")]
struct Settings {
    inner: engine::Settings,
    /// The rendered problems of a configuration file used in spite of them.
    warning: Option<String>,
}

#[pymethods]
impl Settings {
    /// `severities`: `(rule id, "error" | "warning" | "warn" | "off")` pairs, applied after the
    /// configuration's; `config`: `(display name, text of an sdrs-lint.toml)`.
    #[new]
    #[pyo3(signature = (severities, config = None))]
    fn new(severities: Vec<(String, String)>, config: Option<(String, String)>) -> PyResult<Self> {
        let config = config.as_ref().map(|(name, text)| (name.as_str(), text.as_str()));
        match engine::Settings::new(&severities, config) {
            Ok((inner, warning)) => Ok(Settings { inner, warning }),
            Err(SettingsError::UnknownRule(id)) => Err(PyKeyError::new_err(id)),
            Err(SettingsError::UnknownLevel { id, level }) => Err(PyValueError::new_err(format!(
                "severity of `{id}` must be \"error\", \"warning\" (or \"warn\") or \"off\", not {level:?}"
            ))),
            Err(SettingsError::Config(problems)) => Err(PyValueError::new_err(problems)),
        }
    }

    /// The configuration's problems when `invalid-config` is a warning (the file is used).
    #[getter]
    fn config_warning(&self) -> Option<&str> {
        self.warning.as_deref()
    }

    /// Lints `source` (`str` or `bytes`) as a request body, or as an HTTP request file;
    /// against `inventory` too when given.
    #[pyo3(signature = (source, http = false, inventory = None))]
    fn lint(
        &self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        http: bool,
        inventory: Option<&Bound<'_, Inventory>>,
    ) -> PyResult<Report> {
        let bytes = owned_bytes(source)?;
        let inventory = inventory.map(|i| Arc::clone(&i.get().inner));
        let linted = py.detach(|| self.inner.lint(bytes, http, inventory.as_ref()));
        Ok(Report { inner: linted })
    }
}

/// An inventory: saved response bodies of the cloud's list APIs, read once. Immutable; passing
/// it to a lint shares it (an `Arc`), never copies it.
#[pyclass(frozen, module = "sdrs_lint._native", name = "Inventory")]
struct Inventory {
    inner: engine::SharedInventory,
}

#[pymethods]
impl Inventory {
    /// Reads `files` (`(name, bytes)` pairs, in order: when an ID repeats the later file wins).
    /// Returns the inventory of the files that could be read and the others' problems, one
    /// line each (`inventory file NAME: REASON`).
    #[staticmethod]
    fn read<'py>(py: Python<'py>, files: Vec<(String, Bound<'py, PyBytes>)>) -> (Inventory, Vec<String>) {
        let files: Vec<(String, Vec<u8>)> =
            files.into_iter().map(|(name, bytes)| (name, bytes.as_bytes().to_vec())).collect();
        let (inner, problems) = py.detach(|| engine::read_inventory(files));
        (Inventory { inner }, problems)
    }

    /// The files read: `(name, kind, elements)`.
    fn files(&self) -> Vec<(&str, &'static str, usize)> {
        engine::inventory_files(&self.inner)
    }

    /// The IDs found twice: `(kind, id, file used, file ignored)`.
    fn duplicates(&self) -> Vec<(&'static str, &str, &str, &str)> {
        engine::inventory_duplicates(&self.inner)
    }

    /// `(kind, distinct elements)` for each kind held.
    fn counts(&self) -> Vec<(&'static str, usize)> {
        engine::inventory_counts(&self.inner)
    }
}

/// The bytes of `source`: a `bytes` object's, or a `str`'s UTF-8. A `str` holding lone
/// surrogates (which UTF-8 cannot encode) is encoded with `surrogatepass`, so the linter reports
/// the ill-formed sequence as `invalid-json` instead of the call failing.
fn owned_bytes(source: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = source.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    let Ok(text) = source.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "expected str or bytes, not {}",
            source.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        )));
    };
    match text.to_cow() {
        Ok(text) => Ok(text.into_owned().into_bytes()),
        Err(_) => {
            let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
            Ok(encoded.cast::<PyBytes>()?.as_bytes().to_vec())
        }
    }
}

/// What a lint found, on the exact bytes linted.
#[pyclass(frozen, module = "sdrs_lint._native", name = "Report")]
struct Report {
    inner: engine::Linted,
}

/// `(offset, line, column, end offset, end line, end column, text, path)`; `path` is `None`
/// for a place in the linted input.
type PlaceTuple<'a> = (usize, usize, usize, usize, usize, usize, Option<&'a str>, Option<&'a str>);

/// `(offset, line, column, end offset, end line, end column, replacement)`.
type EditTuple<'a> = (usize, usize, usize, usize, usize, usize, Option<&'a str>);

fn place<'a>(p: &Place<'a>) -> PlaceTuple<'a> {
    (p.start.offset, p.start.line, p.start.column, p.end.offset, p.end.line, p.end.column, p.text, p.path)
}

fn edit<'a>(p: &Place<'a>) -> EditTuple<'a> {
    (p.start.offset, p.start.line, p.start.column, p.end.offset, p.end.line, p.end.column, p.text)
}

#[pymethods]
impl Report {
    /// Error-severity diagnostics (including those omitted past the limit).
    #[getter]
    fn errors(&self) -> usize {
        self.inner.errors()
    }

    /// Warning-severity diagnostics (including those omitted past the limit).
    #[getter]
    fn warnings(&self) -> usize {
        self.inner.warnings()
    }

    /// Diagnostics found past the limit of 1000 per input and not kept.
    #[getter]
    fn omitted(&self) -> usize {
        self.inner.omitted()
    }

    /// Diagnostics silenced by the configuration's `[[suppress]]` entries.
    #[getter]
    fn suppressed(&self) -> usize {
        self.inner.suppressed()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The bytes that were linted.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.source())
    }

    /// The diagnostics as (nested) tuples:
    /// `(rule, severity, message, pointer, primary, secondary, help, fix)`, where `primary` and
    /// each of `secondary` is a place `(start, line, column, end, end_line, end_column, text,
    /// path)` (`path` names the inventory file a place is in, `None` for the linted input) and
    /// `fix` is `None` or `(title, applicability, edits)`, each edit
    /// `(start, line, column, end, end_line, end_column, replacement)`.
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let diagnostics = self.inner.diagnostics();
        let list = PyList::empty(py);
        for d in &diagnostics {
            // Tuples all the way down, so that a diagnostic is hashable.
            let secondary = PyTuple::new(py, d.secondary.iter().map(place))?;
            let fix = match &d.fix {
                Some(f) => Some((f.title, f.applicability, PyTuple::new(py, f.edits.iter().map(edit))?)),
                None => None,
            };
            list.append((d.rule, d.severity, d.message, d.pointer, place(&d.primary), secondary, d.help, fix))?;
        }
        Ok(list)
    }

    /// The requests of an HTTP file that were not linted: `(offset, line, column, reason)`.
    fn skipped(&self) -> Vec<(usize, usize, usize, &str)> {
        self.inner.skipped().into_iter().map(|(p, reason)| (p.offset, p.line, p.column, reason)).collect()
    }

    /// The command's human report (no colour, 100 columns), the input shown as `name`.
    fn render(&self, py: Python<'_>, name: &str) -> String {
        py.detach(|| self.inner.render(name))
    }
}

/// A rule: `(id, default severity, summary, fix or None, page, service errors, inventory kinds
/// needed)`.
type RuleTuple = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    Vec<&'static str>,
    Vec<&'static str>,
);

/// Every rule, sorted by id.
#[pyfunction]
fn rules() -> Vec<RuleTuple> {
    engine::rules()
        .into_iter()
        .map(|r| (r.id, r.severity, r.summary, r.fix, r.docs, r.service_errors.to_vec(), r.needs))
        .collect()
}

/// Every kind of inventory file the engine reads (what `InventoryKind` lists for type checkers).
#[pyfunction]
fn inventory_kinds() -> Vec<&'static str> {
    engine::inventory_kinds()
}

/// `text` for a one-line message, as the command writes names and reasons: control, format and
/// line-separator characters escaped (`\u{a}`).
#[pyfunction]
fn one_line(text: &str) -> String {
    engine::one_line(text)
}

#[pymodule]
#[pyo3(name = "_native")]
fn sdrs_lint_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Settings>()?;
    m.add_class::<Report>()?;
    m.add_class::<Inventory>()?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(one_line, m)?)?;
    m.add_function(wrap_pyfunction!(inventory_kinds, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
