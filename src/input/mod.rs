//! What is linted: a JSON request body, or an HTTP request file holding requests; and whether
//! a file found by a walk is a request at all.

pub(crate) mod detect;
pub(crate) mod http;
