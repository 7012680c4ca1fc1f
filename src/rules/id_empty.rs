use super::Context;
use crate::measure::is_blank;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    IdEmpty {
        id: "id-empty",
        severity: Error,
        fix: None,
        summary: "An ID member is empty or holds only white space.",
    }
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    for &field in Field::ALL.iter().filter(|f| f.is_id()) {
        let Some(id) = request.string(field).filter(|s| is_blank(s.value.value())) else { continue };
        let what = if id.value.value().is_empty() { "empty" } else { "only white space" };
        ctx.report(id.value.span(), |d| {
            let spec = field.spec();
            let help = if spec.required {
                format!("give {}", spec.meaning)
            } else {
                format!("give {}, or leave `{}` out", spec.meaning, spec.name)
            };
            d.describe(id.pointer(), format!("`{}` is {what}", spec.name)).with_label("names nothing").with_help(help);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::IdEmpty;
    use crate::rules::testing::{assert_clean, labelled, request};

    #[test]
    fn any_visible_id_passes() {
        assert_clean(
            &IdEmpty,
            &[request("\"flavorRef\": \"s3.large.2\", \"cluster_id\": \"x\""), request("\"cluster_id\": null")],
        );
    }

    #[test]
    fn every_id_member_with_any_white_space() {
        let members =
            ["server_group_id", "server_id", "primary_subnet_id", "dedicated_host_id", "cluster_id", "flavorRef"];
        for member in members {
            for blank in ["", "\\u3000", "\u{a0}\u{85}\u{2028}", "\\n\\r"] {
                let src = request(&format!("\"{member}\": \"{blank}\""));
                assert_eq!(labelled(&IdEmpty, &src), [format!("\"{blank}\"")], "{member}: {blank:?}");
            }
        }
        // A zero-width space is not white space.
        assert_clean(&IdEmpty, &[request("\"cluster_id\": \"\\u200b\"")]);
    }

    #[test]
    fn empty_and_blank_ids_fire() {
        let src = request("\"server_id\": \"\", \"cluster_id\": \" \\t\", \"flavorRef\": \"\u{3000}\"");
        assert_eq!(labelled(&IdEmpty, &src), ["\"\"", "\" \\t\"", "\"\u{3000}\""]);
    }
}
