//! JSON Pointers (RFC 6901) for diagnostics.

/// Appends `/token` to `pointer`, escaping `~` and `/`.
pub fn push(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `base` extended by `token`.
pub fn join(base: &str, token: &str) -> String {
    let mut p = String::with_capacity(base.len() + token.len() + 1);
    p.push_str(base);
    push(&mut p, token);
    p
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_tilde_and_slash() {
        assert_eq!(super::join("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(super::join("", ""), "/");
    }
}
