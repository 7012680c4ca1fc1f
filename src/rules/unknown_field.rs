use super::Context;
use crate::diagnostic::{Applicability, Fix};
use crate::measure::first_seen::FirstSeen;
use crate::measure::similar;
use crate::request::members;
use crate::text::quote;
use crate::view::{ObjectKind, ObjectView, RequestView};

declare_rule! {
    UnknownField {
        id: "unknown-field",
        severity: Warning,
        fix: Some(Applicability::Unsafe),
        summary: "A member is not documented for its object.",
        visits: [objects],
    }
}

/// How to fix a request whose members were posted without `protected_instance`.
const WRAP: &str =
    "wrap the request's members: `{\"protected_instance\": {\"server_group_id\": …, \"server_id\": …, \"name\": …}}`";

fn check_object(_: &RequestView<'_, '_>, object: &ObjectView<'_>, ctx: &mut Context<'_>) {
    if !object.has_unknown() {
        return;
    }
    let specs = object.kind.spec();
    let names = || specs.iter().map(|s| s.name);
    let members = object.object.members();
    // A repeated name is reported once, at the occurrence the rules check: the last.
    let mut later = FirstSeen::default();
    for member in members.clone().rev() {
        let name = member.key().value();
        if later.first_or_insert(name, ()).is_some() || names().any(|n| n == name) {
            continue;
        }
        // The inner object posted without its wrapper: the most common mistake there is.
        let misplaced = (object.kind == ObjectKind::Root && similar::closest(name, names()).is_none())
            .then(|| similar::closest(name, members::INSTANCE.iter().map(|s| s.name)))
            .flatten();
        if let Some(documented) = misplaced {
            ctx.report(member.key().span(), |d| {
                let spelt = if documented == name { String::new() } else { format!(" (as `{documented}`)") };
                let message =
                    format!("{} belongs inside `protected_instance`{spelt}, not in the request body", quote(name, 40));
                d.describe(object.kind.member_pointer(name), message)
                    .with_label("a member of `protected_instance`")
                    .with_help(WRAP);
            });
            continue;
        }
        ctx.report(member.key().span(), |d| {
            let suggestion = similar::closest(name, names());
            let mut message = format!("unknown member {} in {}", quote(name, 40), object.kind.describe());
            if let Some(s) = suggestion {
                message.push_str(&format!("; did you mean `{s}`?"));
            }
            d.describe(object.kind.member_pointer(name), message)
                .with_label(suggestion.map_or("not documented".to_string(), |s| format!("did you mean `{s}`?")))
                .with_help(format!("the documented members are: {}", object.kind.documented()));
            // Renaming onto a member that already exists would create a duplicate.
            if let Some(s) = suggestion.filter(|s| object.get(s).is_none()) {
                d.with_fix(Fix::replace(
                    format!("rename to `{s}`"),
                    Applicability::Unsafe,
                    member.key().span(),
                    format!("\"{s}\""),
                ));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownField;
    use crate::rules::testing::{assert_clean, labelled, request, run, with_tags};

    #[test]
    fn documented_members_pass() {
        assert_clean(
            &UnknownField,
            &[request("\"flavorRef\": \"s3.large.2\", \"tags\": [{\"key\": \"a\", \"value\": \"b\"}]")],
        );
    }

    #[test]
    fn suggests_and_fixes_close_names() {
        let src = request("\"flavorref\": \"s3.large.2\"");
        let found = run(&UnknownField, &src);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("did you mean `flavorRef`?"), "{}", found[0].message);
        let fix = found[0].fix.as_ref().map(|f| f.edits[0].replacement.clone());
        assert_eq!(fix.as_deref(), Some("\"flavorRef\""));
        assert_eq!(labelled(&UnknownField, &src), ["\"flavorref\""]);
    }

    #[test]
    fn members_posted_without_the_wrapper_are_said_to_belong_inside_it() {
        let src = "{\"server_id\": \"s\", \"serverGroupId\": \"g\", \"protected_instance\": {}, \"x\": 1}";
        let found = run(&UnknownField, src);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`server_id` belongs inside `protected_instance`, not in the request body",
                "`serverGroupId` belongs inside `protected_instance` (as `server_group_id`), not in the request body",
                "unknown member `x` in the request body",
            ]
        );
        assert!(found.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn no_fix_when_the_target_exists() {
        let found = run(&UnknownField, &request("\"flavorRef\": \"a\", \"flavor_ref\": \"b\""));
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn a_repeated_name_is_reported_on_its_last_occurrence() {
        let src = request("\"flavor_ref\": \"a\", \"flavor_ref\": \"b\"");
        let found = run(&UnknownField, &src);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].primary.span.start, src.rfind("\"flavor_ref\"").unwrap_or(0));
        assert!(found[0].fix.is_some());
    }

    #[test]
    fn unknown_members_everywhere_once_each() {
        let src = with_tags("[{\"key\": \"a\", \"value\": \"b\", \"Key\": \"c\"}]")
            .replace("{\"protected_instance\"", "{\"x\": 1, \"x\": 2, \"protected_instance\"");
        assert_eq!(labelled(&UnknownField, &src), ["\"x\"", "\"Key\""]);
    }
}
