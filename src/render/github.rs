//! GitHub Actions workflow commands: one `::error` or `::warning` line per diagnostic, which the
//! runner turns into an annotation on the file and lines of the diagnostic.
//!
//! Every string first goes through the runner's own escaping (`%` → `%25`, CR → `%0D`, LF →
//! `%0A` in the message; also `:` → `%3A` and `,` → `%2C` in a property value, which the runner
//! decodes: a file name holding a line break still names its file), then through [`one_line`]
//! for what the runner cannot decode (other controls and bidi characters become `\u{1b}`), so
//! nothing from the input can end the command, forge another one or reach the log raw.

use std::io::{self, Write};

use super::FileReport;
use super::safe::one_line;

/// The runner's escaping of a command's data (the text after `::`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// The runner's escaping of a property value (`file=…`, `title=…`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `s` as a command's data: the runner's escapes, then the other unsafe characters shown.
fn data(s: &str) -> String {
    one_line(&escape_data(s)).into_owned()
}

/// `s` as a property value: the runner's escapes, then the other unsafe characters shown.
fn property(s: &str) -> String {
    one_line(&escape_property(s)).into_owned()
}

/// Writes one workflow command per diagnostic of `file`:
/// `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE-ID::MESSAGE`
/// (`::warning` for warnings), columns in characters as in the other outputs, the help (if any)
/// on a second line of the message.
pub fn write(out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
    let path = property(file.path);
    for d in file.report.diagnostics() {
        let (start, end) = file.range(d.primary.span);
        let mut message = data(&d.message);
        if let Some(help) = &d.help {
            message.push_str("%0Ahelp: ");
            message.push_str(&data(help));
        }
        writeln!(
            out,
            "::{} file={path},line={},col={},endLine={},endColumn={},title={}::{message}",
            d.severity,
            start.line,
            start.column,
            end.line,
            end.column,
            property(d.rule),
        )?;
    }
    if let Some(note) = super::omitted_note(file) {
        writeln!(out, "::notice file={path},title=sdrs-lint::{}", data(&note))?;
    }
    Ok(())
}

/// Writes the annotation of an input that could not be read:
/// `::error file=PATH,title=sdrs-lint::cannot read PATH: ERROR`.
pub fn write_unreadable(out: &mut dyn Write, path: &str, error: &str) -> io::Result<()> {
    writeln!(out, "::error file={},title=sdrs-lint::{}", property(path), data(&format!("cannot read {path}: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_the_runner_expects() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("100% a\r\nb: c, d"), "100%25 a%0D%0Ab%3A c%2C d");
        assert_eq!(escape_data("%0A"), "%250A", "an escape in the input stays literal");
        // A line break is the runner's escape, which it decodes; ESC has none and is shown.
        assert_eq!(property("a\nb\r\u{1b},c:d%"), "a%0Ab%0D\\u{1b}%2Cc%3Ad%25");
        assert_eq!(data("a\nb\r\u{1b},c:d%\u{202e}"), "a%0Ab%0D\\u{1b},c:d%25\\u{202e}");
    }

    #[test]
    fn an_unreadable_input_is_an_error_annotation() {
        let mut out = Vec::new();
        write_unreadable(&mut out, "a,b:c%.json", "No such file or directory (os error 2)").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=a%2Cb%3Ac%25.json,title=sdrs-lint::cannot read a,b:c%25.json: No such file or directory (os error 2)\n"
        );
    }
}
