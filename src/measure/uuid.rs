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

use crate::syntax::AsciiSet;

const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];

/// The hexadecimal digits, either case.
const HEX: AsciiSet = AsciiSet::range(b'0', b'9').union(AsciiSet::range(b'a', b'f')).union(AsciiSet::range(b'A', b'F'));

/// Where a well-formed UUID has its hyphens.
const HYPHENS: [bool; 36] = {
    let mut hyphens = [false; 36];
    hyphens[8] = true;
    hyphens[13] = true;
    hyphens[18] = true;
    hyphens[23] = true;
    hyphens
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
    if value.len() == 36
        && value.bytes().zip(HYPHENS).all(|(b, hyphen)| if hyphen { b == b'-' } else { HEX.contains(b) })
    {
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
