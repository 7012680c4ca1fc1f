//! Text as rules and renderers see it: which characters are what (invisible, default-ignorable,
//! visible) and how messages name characters and values.

mod chars;
mod naming;

pub(crate) use chars::*;
pub(crate) use naming::*;
