use super::Context;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    TagsTooMany {
        id: "tags-too-many",
        severity: Error,
        fix: None,
        summary: "`tags` holds more than 10 tags.",
    }
}

const MAX_TAGS: usize = 10;

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    let Some((_, tags)) = request.tag_array() else { return };
    let (Some(first_extra), Some(last)) = (tags.get(MAX_TAGS), tags.items().next_back()) else { return };
    let extra = tags.len() - MAX_TAGS;
    ctx.report(first_extra.span().to(last.span()), |d| {
        d.describe(Field::Tags.pointer(), format!("`tags` holds {} tags; at most {MAX_TAGS} are allowed", tags.len()))
            .with_label(if extra == 1 { "the 11th tag".to_string() } else { format!("{extra} tags beyond the tenth") })
            .with_help(format!(
                "remove {extra} tag{}: a protected instance can carry at most {MAX_TAGS}",
                if extra == 1 { "" } else { "s" }
            ));
    });
}

#[cfg(test)]
mod tests {
    use super::TagsTooMany;
    use crate::rules::testing::{assert_clean, labelled, with_tags};

    fn tags(n: usize) -> String {
        let tags: Vec<String> = (0..n).map(|i| format!("{{\"key\": \"k{i}\", \"value\": \"\"}}")).collect();
        with_tags(&format!("[{}]", tags.join(", ")))
    }

    #[test]
    fn ten_pass() {
        assert_clean(&TagsTooMany, &[tags(0), tags(10)]);
    }

    #[test]
    fn every_element_counts_whatever_its_type() {
        let ten: Vec<String> = (0..10).map(|i| format!("{{\"key\": \"k{i}\", \"value\": \"\"}}")).collect();
        let src = with_tags(&format!("[{}, null]", ten.join(", ")));
        assert_eq!(labelled(&TagsTooMany, &src), ["null"]);
        let src = with_tags(&format!("[{}, 1, \"x\", [2]]", ["null"; 10].join(", ")));
        assert_eq!(labelled(&TagsTooMany, &src), ["1, \"x\", [2]"]);
    }

    #[test]
    fn labels_from_the_eleventh_to_the_last() {
        assert_eq!(labelled(&TagsTooMany, &tags(11)), ["{\"key\": \"k10\", \"value\": \"\"}"]);
        assert_eq!(
            labelled(&TagsTooMany, &tags(12)),
            ["{\"key\": \"k10\", \"value\": \"\"}, {\"key\": \"k11\", \"value\": \"\"}"]
        );
    }
}
