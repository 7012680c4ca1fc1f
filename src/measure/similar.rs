//! "Did you mean" suggestions for member names.

/// The candidate closest to `name`: equal ignoring case and `-`/`_`, or within edit distance 2
/// of that folded form. Ties go to the earlier candidate.
pub fn closest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let folded = fold(name);
    let mut candidate = Vec::new();
    let mut row = Vec::new();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        candidate.clear();
        candidate.extend(c.chars().map(fold_char));
        // The distance is at least the difference in length: skip what cannot be close.
        if folded.len().abs_diff(candidate.len()) > 2 {
            continue;
        }
        let d = distance(&folded, &candidate, &mut row);
        if d <= 2 && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn fold_char(c: char) -> char {
    match c {
        '-' => '_',
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn fold(s: &str) -> Vec<char> {
    s.chars().map(fold_char).collect()
}

/// Levenshtein distance, one row at a time in `row`; anything above 2 is reported as 3, as soon
/// as a whole row exceeds 2 (no later row can come back under it).
fn distance(a: &[char], b: &[char], row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        if row.iter().all(|&d| d > 2) {
            return 3;
        }
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let left = row.get(j).copied().unwrap_or(0);
            let up = row.get(j + 1).copied().unwrap_or(0);
            let best = (diagonal + usize::from(ca != cb)).min(left + 1).min(up + 1);
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::closest;

    const NAMES: [&str; 4] = ["flavorRef", "server_id", "server_group_id", "tenancy"];

    #[test]
    fn folds_case_and_dashes() {
        assert_eq!(closest("flavorref", NAMES), Some("flavorRef"));
        assert_eq!(closest("FLAVOR-REF", NAMES), Some("flavorRef"));
        assert_eq!(closest("server-group-id", NAMES), Some("server_group_id"));
    }

    #[test]
    fn allows_two_edits_and_prefers_the_closest() {
        assert_eq!(closest("tenacy", NAMES), Some("tenancy"));
        assert_eq!(closest("servr_idd", NAMES), Some("server_id"));
        assert_eq!(closest("hostname", NAMES), None);
        assert_eq!(closest("ab", ["xy", "ab_"]), Some("ab_"), "distance 1 beats distance 2");
    }
}
