//! GitHub Actions workflow commands: one `::error` or `::warning` line per diagnostic, which the
//! runner turns into an annotation on the file and lines of the diagnostic.
//!
//! Every string first goes through [`one_line`] (no raw control or bidi character leaves), then
//! through the runner's own escaping (`%`, CR and LF in the message; also `:` and `,` in a
//! property value), so nothing from the input can end the command or forge another one.

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

/// Writes one workflow command per diagnostic of `file`:
/// `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE-ID::MESSAGE`
/// (`::warning` for warnings), columns in characters as in the other outputs, the help (if any)
/// on a second line of the message.
pub fn write(out: &mut dyn Write, file: &FileReport<'_>) -> io::Result<()> {
    let path = escape_property(&one_line(file.path));
    for d in file.report.diagnostics() {
        let (start, end) = file.range(d.primary.span);
        let mut message = escape_data(&one_line(&d.message));
        if let Some(help) = &d.help {
            message.push_str("%0Ahelp: ");
            message.push_str(&escape_data(&one_line(help)));
        }
        writeln!(
            out,
            "::{} file={path},line={},col={},endLine={},endColumn={},title={}::{message}",
            d.severity,
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(d.rule),
        )?;
    }
    if let Some(note) = super::omitted_note(file) {
        writeln!(out, "::notice file={path},title=sdrs-lint::{}", escape_data(&note))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_the_runner_expects() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("100% a\r\nb: c, d"), "100%25 a%0D%0Ab%3A c%2C d");
        assert_eq!(escape_data("%0A"), "%250A", "an escape in the input stays literal");
    }
}
