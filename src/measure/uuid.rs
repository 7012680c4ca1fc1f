//! The 8-4-4-4-12 hexadecimal shape of the IDs the service issues.

/// Why a value is not a UUID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UuidProblem {
    /// The groups are not 8-4-4-4-12 characters separated by `-`.
    Shape,
    /// The shape is right, but a character is not a hexadecimal digit.
    NotHex {
        /// Its byte offset in the decoded value.
        offset: usize,
        /// The character.
        found: char,
    },
}

const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];

/// What each byte is to a UUID: [`HEX`], [`HYPHEN`] or anything else (0). Built at compile
/// time, where an out-of-bounds index is a build error, not a panic.
#[allow(clippy::indexing_slicing)]
const CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        classes[b] = if byte.is_ascii_hexdigit() {
            HEX
        } else if byte == b'-' {
            HYPHEN
        } else {
            0
        };
        b += 1;
    }
    classes
};
const HEX: u8 = 1;
const HYPHEN: u8 = 2;

/// The class of each byte of a well-formed UUID.
#[allow(clippy::indexing_slicing)]
const SHAPE: [u8; 36] = {
    let mut shape = [HEX; 36];
    shape[8] = HYPHEN;
    shape[13] = HYPHEN;
    shape[18] = HYPHEN;
    shape[23] = HYPHEN;
    shape
};

/// What `id-not-uuid` finds in the value of a UUID member: nothing for an empty or blank one,
/// which is `id-empty`'s, else [`check`]'s answer.
pub fn check_id(value: &str) -> Option<UuidProblem> {
    if super::is_blank(value) { None } else { check(value) }
}

/// Checks `value` against the UUID shape: split at every `-`, exactly five groups of 8, 4, 4,
/// 4 and 12 characters (not bytes); then every character must be a hexadecimal digit.
pub fn check(value: &str) -> Option<UuidProblem> {
    // The common case, a well-formed UUID, needs no character decoding.
    if value.len() == 36 && value.bytes().zip(SHAPE).all(|(b, class)| CLASSES.get(usize::from(b)) == Some(&class)) {
        return None;
    }
    let mut groups = 0;
    let mut offset = 0;
    let mut first_bad = None;
    for (i, group) in value.split('-').enumerate() {
        if GROUPS.get(i) != Some(&group.chars().count()) {
            return Some(UuidProblem::Shape);
        }
        if first_bad.is_none() {
            first_bad = group.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()).map(|(j, c)| (offset + j, c));
        }
        offset += group.len() + 1;
        groups += 1;
    }
    if groups != GROUPS.len() {
        return Some(UuidProblem::Shape);
    }
    first_bad.map(|(offset, found)| UuidProblem::NotHex { offset, found })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_either_case() {
        assert_eq!(check("403b603d-1d91-42cc-a357-81f3c2daf43f"), None);
        assert_eq!(check("403B603D-1D91-42CC-A357-81F3C2DAF43F"), None);
    }

    #[test]
    fn finds_the_first_non_hex_character() {
        assert_eq!(check("a32217fh-3413-c313-6342-3124d3491502"), Some(UuidProblem::NotHex { offset: 7, found: 'h' }));
        // Shape is counted in characters, so a multi-byte character keeps the shape.
        assert_eq!(
            check("a32217f中-3413-c313-6342-3124d349150z"),
            Some(UuidProblem::NotHex { offset: 7, found: '中' })
        );
    }

    #[test]
    fn blank_ids_are_left_to_id_empty() {
        for blank in ["", " ", "\u{3000}", "\t\n", "\u{a0}\u{85}"] {
            assert_eq!(check_id(blank), None, "{blank:?}");
        }
        assert_eq!(check_id("\u{200b}"), Some(UuidProblem::Shape));
    }

    #[test]
    fn groups_are_split_at_every_hyphen_and_counted_in_characters() {
        // Five groups of the right lengths, but with an extra hyphen inside one: six groups.
        assert_eq!(check("403b603d-1d91-42cc-a357-81f3c2da-43f"), Some(UuidProblem::Shape));
        // Multi-byte characters count one each, escapes are already decoded.
        assert_eq!(
            check("403b603d-1d91-42cc-a357-81f3c2daf43\u{ff46}"),
            Some(UuidProblem::NotHex { offset: 35, found: '\u{ff46}' })
        );
        assert_eq!(
            check("40３b603d-1d91-42cc-a357-81f3c2daf43f"),
            Some(UuidProblem::NotHex { offset: 2, found: '３' })
        );
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "403b603d1d9142cca35781f3c2daf43f",
            "403b603d-1d91-42cc-a357-81f3c2daf43",
            "a-b-c-d-e",
            " 403b603d-1d91-42cc-a357-81f3c2daf43f",
            "403b603d-1d91-42cc-a357-81f3c2daf43f-0000",
        ] {
            assert_eq!(check(bad), Some(UuidProblem::Shape), "{bad:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn accepts_exactly_the_8_4_4_4_12_hexadecimal_shape(s in "[0-9a-fA-FgG-]{36}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-fG]{12}") {
            let shape = regex::Regex::new("^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$").unwrap_or_else(|e| panic!("{e}"));
            proptest::prop_assert_eq!(check(&s).is_none(), shape.is_match(&s), "{}", s);
        }
    }
}
