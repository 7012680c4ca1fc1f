//! Strict dotted-decimal IPv4: four decimal octets 0–255, no leading zeros, nothing else.

/// Why a string is not a strict dotted-decimal IPv4 address, phrased for a message.
pub fn parse(s: &str) -> Result<[u8; 4], String> {
    if let Some(octets) = strict(s) {
        return Ok(octets);
    }
    if s.is_empty() {
        return Err("is empty".into());
    }
    if s.parse::<std::net::Ipv6Addr>().is_ok() {
        return Err("is an IPv6 address; only IPv4 addresses are accepted".into());
    }
    if s.chars().any(char::is_whitespace) {
        return Err("contains white space".into());
    }
    if let Some((addr, prefix)) = s.split_once('/') {
        return Err(format!("has a prefix length `/{prefix}`; give the address `{addr}` alone"));
    }
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return Err(format!("has {} parts; an IPv4 address has four numbers separated by dots", parts.len()));
    }
    let mut octets = [0u8; 4];
    for (octet, part) in octets.iter_mut().zip(&parts) {
        if part.is_empty() {
            return Err("has an empty part between dots".into());
        }
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("has {}, which is not a decimal number", crate::text::quote(part, 16)));
        }
        if part.len() > 1 && part.starts_with('0') {
            return Err(format!("has `{part}` with a leading zero, which some parsers read as octal"));
        }
        *octet = part.parse().map_err(|_| format!("has `{part}`, which is greater than 255"))?;
    }
    Ok(octets)
}

/// The fast path: four octets, each 1–3 digits, no leading zero, at most 255; read byte by
/// byte, as most values are well-formed addresses.
fn strict(s: &str) -> Option<[u8; 4]> {
    let mut octets = [0u8; 4];
    let mut bytes = s.as_bytes();
    for (i, octet) in octets.iter_mut().enumerate() {
        if i > 0 {
            bytes = bytes.strip_prefix(b".")?;
        }
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        let (number, rest) = bytes.split_at_checked(digits)?;
        if !(1..=3).contains(&digits) || (digits > 1 && number.first() == Some(&b'0')) {
            return None;
        }
        let value = number.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
        *octet = u8::try_from(value).ok()?;
        bytes = rest;
    }
    bytes.is_empty().then_some(octets)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn accepts_strict_dotted_decimal() {
        assert_eq!(parse("192.168.0.5"), Ok([192, 168, 0, 5]));
        assert_eq!(parse("0.0.0.0"), Ok([0; 4]));
        assert_eq!(parse("255.255.255.255"), Ok([255; 4]));
    }

    #[test]
    fn explains_what_is_wrong() {
        let cases = [
            ("", "is empty"),
            ("::1", "IPv6"),
            ("fe80::1", "IPv6"),
            ("192.168.0.5 ", "white space"),
            ("192.168.0.0/24", "prefix length `/24`"),
            ("192.168.0", "has 3 parts"),
            ("1.2.3.4.5", "has 5 parts"),
            ("1..3.4", "empty part"),
            ("1.2.3.a", "`a`, which is not a decimal"),
            ("1.2.3.+4", "not a decimal"),
            ("192.168.01.5", "leading zero"),
            ("192.168.0.256", "`256`, which is greater than 255"),
            ("1.2.3.99999999999999999999", "greater than 255"),
        ];
        for (input, expected) in cases {
            let err = parse(input).err().unwrap_or_default();
            assert!(err.contains(expected), "{input:?}: {err}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_standard_parser(s in "[0-9.]{1,16}|([0-9]{1,3}\\.){3}[0-9]{1,3}") {
            // The standard library's parser is strict dotted decimal too (no leading zeros).
            let expected = s.parse::<std::net::Ipv4Addr>().ok().map(|a| a.octets());
            proptest::prop_assert_eq!(parse(&s).ok(), expected);
        }
    }
}
