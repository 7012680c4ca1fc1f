//! JUnit XML for CI test reports: one test suite per input, one test case per rule; a rule with
//! error-severity diagnostics in an input fails, one with only warnings passes with the warnings
//! in `<system-out>`, and an input that could not be read is a suite with one erroring case.
//! Every element has `time` (seconds): the lint of the input for a suite, the rule's share of it
//! for a case, their sum for the root, `0` when the lint was not timed; the root and each
//! suite count `skipped` cases (rules turned off).
//!
//! The XML is written by hand: the schema is tiny and fixed, and an XML crate would be a
//! dependency for about forty lines. Every string goes through [`one_line`] first, since XML 1.0
//! cannot hold most C0 controls even as character references, and is then escaped (`&<>"'`).

use std::io::{self, Write};
use std::time::Duration;

use super::safe::one_line;
use super::{Entry, FileReport, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Report;

/// `s` as XML character data or an attribute value: unsafe characters escaped by [`one_line`],
/// the noncharacters U+FFFE and U+FFFF (not XML 1.0 characters either) likewise, then `&<>"'`
/// as entities.
fn xml(s: &str) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// One test case: a rule on one input.
struct Case<'a> {
    rule: &'a str,
    diagnostics: Vec<&'a Diagnostic>,
    /// The rule was turned off for this input.
    skipped: bool,
    /// How long the rule took on this input.
    time: Duration,
}

/// A `time` attribute's value: seconds, to the microsecond.
fn seconds(time: Duration) -> String {
    format!("{:.6}", time.as_secs_f64())
}

/// How long the lint of `report` took, if it was timed.
fn suite_time(report: &Report) -> Duration {
    report.timings().map_or(Duration::ZERO, |t| t.total)
}

impl Case<'_> {
    fn failed(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// The cases of an input: when rules ran on it, every registry rule in registry order (those
/// turned off are skipped cases); then any other rule id its diagnostics carry (tool
/// diagnostics such as `unused-suppression`), in order of appearance.
fn cases(report: &Report) -> Vec<Case<'_>> {
    let ran = report.rules_run();
    let mut cases: Vec<Case<'_>> = if ran.is_empty() {
        Vec::new()
    } else {
        // The request rules: the tool's own (configuration) rules never run on a request.
        let request_rules = crate::rules::RULES.iter().map(|r| r.meta().id);
        let time = |rule: &str| {
            let times = report.timings().map(|t| t.rules.as_slice()).unwrap_or_default();
            times.iter().find(|(id, _)| *id == rule).map_or(Duration::ZERO, |&(_, time)| time)
        };
        request_rules
            .map(|rule| Case { rule, diagnostics: Vec::new(), skipped: !ran.contains(&rule), time: time(rule) })
            .collect()
    };
    for d in report.diagnostics() {
        match cases.iter_mut().find(|c| c.rule == d.rule) {
            Some(case) => case.diagnostics.push(d),
            None => cases.push(Case { rule: d.rule, diagnostics: vec![d], skipped: false, time: Duration::ZERO }),
        }
    }
    cases
}

/// `path:line:col: severity[rule]: message`, one line per diagnostic, as the `short` format.
fn listing(file: &FileReport<'_>, diagnostics: &[&Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let at = file.position(d.primary.span.start);
            let line = format!("{}:{}:{}: {}[{}]: {}", file.path, at.line, at.column, d.severity, d.rule, d.message);
            xml(&line) + "\n"
        })
        .collect()
}

fn write_suite(out: &mut dyn Write, file: &FileReport<'_>, cases: &[Case<'_>]) -> io::Result<()> {
    let path = xml(file.path);
    let failures = cases.iter().filter(|c| c.failed()).count();
    let skipped = cases.iter().filter(|c| c.skipped).count();
    let time = seconds(suite_time(file.report));
    writeln!(
        out,
        r#"  <testsuite name="{path}" tests="{}" failures="{failures}" errors="0" skipped="{skipped}" time="{time}">"#,
        cases.len()
    )?;
    for case in cases {
        let rule = xml(case.rule);
        let time = seconds(case.time);
        let first_error = case.diagnostics.iter().find(|d| d.severity == Severity::Error);
        if let Some(first) = first_error {
            writeln!(out, r#"    <testcase classname="{path}" name="{rule}" time="{time}">"#)?;
            write!(out, r#"      <failure type="error" message="{}">"#, xml(&first.message))?;
            write!(out, "{}", listing(file, &case.diagnostics))?;
            writeln!(out, "</failure>")?;
            writeln!(out, "    </testcase>")?;
        } else if !case.diagnostics.is_empty() {
            writeln!(out, r#"    <testcase classname="{path}" name="{rule}" time="{time}">"#)?;
            writeln!(out, "      <system-out>{}</system-out>", listing(file, &case.diagnostics))?;
            writeln!(out, "    </testcase>")?;
        } else if case.skipped {
            writeln!(out, r#"    <testcase classname="{path}" name="{rule}" time="{time}">"#)?;
            writeln!(out, r#"      <skipped message="rule turned off"/>"#)?;
            writeln!(out, "    </testcase>")?;
        } else {
            writeln!(out, r#"    <testcase classname="{path}" name="{rule}" time="{time}"/>"#)?;
        }
    }
    writeln!(out, "  </testsuite>")
}

/// Writes one JUnit XML document for `entries`: a `<testsuites>` element with the totals (tests,
/// failures, errors, skipped, time), one
/// `<testsuite>` per input with a `<testcase>` per rule, and for an unreadable input a suite
/// whose one case, `read`, holds an `<error>`. `_summary` is accepted for symmetry with
/// [`super::json::write`]; the counts come from `entries`.
pub fn write(out: &mut dyn Write, entries: &[Entry<'_>], _summary: Summary) -> io::Result<()> {
    let suites: Vec<(&Entry<'_>, Vec<Case<'_>>)> = entries
        .iter()
        .map(|entry| match entry {
            Entry::Linted(file) => (entry, cases(file.report)),
            Entry::Failed { .. } => (entry, Vec::new()),
        })
        .collect();
    let mut tests = 0;
    let mut failures = 0;
    let mut errors = 0;
    let mut skipped = 0;
    let mut time = Duration::ZERO;
    for (entry, cases) in &suites {
        match entry {
            Entry::Linted(file) => {
                tests += cases.len();
                failures += cases.iter().filter(|c| c.failed()).count();
                skipped += cases.iter().filter(|c| c.skipped).count();
                time += suite_time(file.report);
            }
            Entry::Failed { .. } => {
                tests += 1;
                errors += 1;
            }
        }
    }
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    let time = seconds(time);
    writeln!(
        out,
        r#"<testsuites name="sdrs-lint" tests="{tests}" failures="{failures}" errors="{errors}" skipped="{skipped}" time="{time}">"#
    )?;
    for (entry, cases) in &suites {
        match entry {
            Entry::Linted(file) => write_suite(out, file, cases)?,
            Entry::Failed { path, error } => {
                let message = xml(&format!("cannot read {path}: {error}"));
                let path = xml(path);
                writeln!(
                    out,
                    r#"  <testsuite name="{path}" tests="1" failures="0" errors="1" skipped="0" time="0.000000">"#
                )?;
                writeln!(out, r#"    <testcase classname="{path}" name="read" time="0.000000">"#)?;
                writeln!(out, r#"      <error message="{message}"/>"#)?;
                writeln!(out, "    </testcase>")?;
                writeln!(out, "  </testsuite>")?;
            }
        }
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn xml_escapes_markup_controls_and_noncharacters() {
        assert_eq!(xml("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&apos;f");
        assert_eq!(xml("x\u{1b}[2J\ny\u{fffe}"), "x\\u{1b}[2J\\u{a}y\\u{fffe}");
    }

    #[test]
    fn tool_diagnostics_get_their_own_cases() {
        let span = Span::new(0, 1);
        let tool = Diagnostic::new("unused-suppression", Severity::Warning, String::new(), span, "x".into());
        let report = Report::from_diagnostics(vec![tool]);
        let cases = cases(&report);
        assert_eq!(cases.len(), 1, "no rule ran on a configuration file");
        assert_eq!((cases[0].rule, cases[0].diagnostics.len(), cases[0].failed()), ("unused-suppression", 1, false));
    }

    #[test]
    fn rules_turned_off_are_skipped_cases() {
        let mut linter = crate::Linter::new();
        let _ = linter.set_level("name-too-long", crate::Level::Off);
        let report = linter.lint("{\"protected_instance\": {\"name\": \"x\"}}");
        let cases = cases(&report);
        assert_eq!(cases.len(), crate::rules::RULES.len());
        let skipped: Vec<&str> = cases.iter().filter(|c| c.skipped).map(|c| c.rule).collect();
        assert_eq!(skipped, ["name-too-long"]);
        assert!(cases.iter().find(|c| c.rule == "missing-field").is_some_and(Case::failed));
    }

    /// The values of attribute `name` on each `<element …>` start tag of `xml`, in order.
    fn attrs(xml: &str, element: &str, name: &str) -> Vec<String> {
        xml.split(&format!("<{element} "))
            .skip(1)
            .filter_map(|tag| {
                let tag = tag.split('>').next()?;
                let at = tag
                    .find(&format!(" {name}=\""))
                    .map(|i| i + name.len() + 3)
                    .or_else(|| tag.starts_with(&format!("{name}=\"")).then_some(name.len() + 2))?;
                tag.get(at..)?.split('"').next().map(str::to_string)
            })
            .collect()
    }

    #[test]
    fn every_element_has_a_time_and_the_root_counts_skipped_cases() {
        let mut linter = crate::Linter::new();
        linter.set_timing(true);
        let _ = linter.set_level("name-too-long", crate::Level::Off);
        let body = "{\"protected_instance\": {\"name\": \"x\"}}";
        let (a, b) = (linter.lint(body), linter.lint(body));
        let (fa, fb) = (FileReport::new("a.json", body.as_bytes(), &a), FileReport::new("b.json", body.as_bytes(), &b));
        let entries = [Entry::Linted(&fa), Entry::Linted(&fb), Entry::Failed { path: "c.json", error: "gone" }];
        let mut out = Vec::new();
        write(&mut out, &entries, Summary::default()).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert_eq!(attrs(&xml, "testsuites", "skipped"), ["2"]);
        assert_eq!(attrs(&xml, "testsuite", "skipped"), ["1", "1", "0"]);
        let time = |s: &String| s.parse::<f64>().unwrap();
        let suites: Vec<f64> = attrs(&xml, "testsuite", "time").iter().map(time).collect();
        let cases: Vec<f64> = attrs(&xml, "testcase", "time").iter().map(time).collect();
        assert_eq!(suites.len(), 3);
        assert_eq!(cases.len(), xml.matches("<testcase ").count(), "every case has a time");
        assert!(suites[0] > 0.0 && suites[1] > 0.0 && suites[2] == 0.0, "{suites:?}");
        let root = time(&attrs(&xml, "testsuites", "time")[0]);
        assert!((root - (suites[0] + suites[1])).abs() < 2e-6, "the root's time is the suites' sum: {root} {suites:?}");
        let rules = crate::rules::RULES.len();
        let first: f64 = cases[..rules].iter().sum();
        assert!(first <= suites[0] + 1e-6, "the rules take part of the lint: {first} > {}", suites[0]);
        // Untimed reports (the library's default) say 0.
        let untimed = crate::lint(body);
        let file = FileReport::new("a.json", body.as_bytes(), &untimed);
        let mut out = Vec::new();
        write(&mut out, &[Entry::Linted(&file)], Summary::default()).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(attrs(&xml, "testcase", "time").iter().all(|t| t == "0.000000"));
        assert_eq!(attrs(&xml, "testsuites", "time"), ["0.000000"]);
    }
}
