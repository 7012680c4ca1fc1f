use super::Context;
use crate::measure::uuid::{self, UuidProblem};
use crate::request::members::Field;
use crate::text::describe_char;
use crate::view::RequestView;

declare_rule! {
    IdNotUuid {
        id: "id-not-uuid",
        severity: Warning,
        fix: None,
        summary: "`server_group_id`, `server_id`, `primary_subnet_id` or `dedicated_host_id` is not a UUID.",
    }
}

const HELP: &str = "IDs the service issues are UUIDs: 8-4-4-4-12 hexadecimal digits, such as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`; copy the ID from the console or the API";

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    for &field in Field::ALL.iter().filter(|f| f.is_uuid()) {
        let Some(id) = request.string(field) else { continue };
        let value = id.value.value();
        let name = field.name();
        // A blank ID is `id-empty`'s.
        match uuid::check_id(value) {
            None => {}
            Some(UuidProblem::NotHex { offset, found }) => {
                let span = id.value.source_span(offset, offset + found.len_utf8());
                ctx.report(span, |d| {
                    d.describe(
                        id.pointer(),
                        format!("`{name}` is not a UUID: {} is not a hexadecimal digit", describe_char(found)),
                    )
                    .with_label("not 0-9 or a-f")
                    .with_help(HELP);
                });
            }
            Some(UuidProblem::Shape) => {
                ctx.report(id.value.span(), |d| {
                    let count = value.chars().count();
                    let detail = if value.trim() != value {
                        "it has white space around it".to_string()
                    } else {
                        let groups = value.split('-').count();
                        let count = crate::text::count(count, "character");
                        format!("it has {count} in {}", crate::text::count(groups, "group"))
                    };
                    d.describe(
                        id.pointer(),
                        format!("`{name}` is not a UUID (8-4-4-4-12 hexadecimal digits): {detail}"),
                    )
                    .with_label("not a UUID")
                    .with_help(HELP);
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IdNotUuid;
    use crate::rules::testing::{assert_clean, labelled, request, run};

    #[test]
    fn uuids_blank_ids_and_other_id_members_pass() {
        assert_clean(
            &IdNotUuid,
            &[
                request("\"primary_subnet_id\": \"0B9F2D4E-1A3C-4E5F-8D7C-6B5A4F3E2D1C\""),
                request("\"server_id\": \"\""),
                request("\"cluster_id\": \"pool-1\", \"flavorRef\": \"s3.large.2\""),
            ],
        );
    }

    #[test]
    fn right_shape_labels_the_first_bad_character() {
        let src = request("\"primary_subnet_id\": \"a32217fh-3413-c313-6342-3124d349150g\"");
        assert_eq!(labelled(&IdNotUuid, &src), ["h"]);
        let src = request("\"server_id\": \"\\u0067a2217fa-3413-c313-6342-3124d3491502\"");
        assert_eq!(labelled(&IdNotUuid, &src), ["\\u0067"]);
    }

    #[test]
    fn wrong_shape_labels_the_value() {
        let src = request("\"server_id\": \"i-12345\"");
        assert_eq!(labelled(&IdNotUuid, &src), ["\"i-12345\""]);
        let found = run(&IdNotUuid, &request("\"server_id\": \" 9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47\""));
        assert!(found[0].message.contains("white space"), "{}", found[0].message);
    }
}
