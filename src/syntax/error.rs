//! Syntax errors: where the text stopped being JSON, and what would have been valid there.

use crate::span::Span;

/// The first point at which the input stops being RFC 8259 JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The first offending character, or an empty span at the end of a truncated input.
    pub span: Span,
    /// What is wrong ("unexpected end of input").
    pub message: String,
    /// The label at `span` ("expected `,` or `]` after an array element").
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// A related place, such as the bracket that was never closed.
    pub related: Option<(Span, String)>,
}

impl SyntaxError {
    /// Boxed: errors are rare, and a small `Result` keeps the parser's hot path lean.
    pub(crate) fn new(span: Span, message: impl Into<String>, label: impl Into<String>) -> Box<Self> {
        Box::new(SyntaxError { span, message: message.into(), label: label.into(), help: None, related: None })
    }

    pub(crate) fn with_help(mut self: Box<Self>, help: impl Into<String>) -> Box<Self> {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn with_related(mut self: Box<Self>, span: Span, text: impl Into<String>) -> Box<Self> {
        self.related = Some((span, text.into()));
        self
    }
}
