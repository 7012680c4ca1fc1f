use super::Context;
use crate::request::members::Field;
use crate::view::RequestView;

declare_rule! {
    DocExampleValue {
        id: "doc-example-value",
        severity: Warning,
        fix: None,
        summary: "An ID is a placeholder copied from the API reference's example.",
    }
}

/// The four IDs of the reference's example request.
const PLACEHOLDERS: [&str; 4] = [
    "523ab8ad-3759-4933-9436-4cf4ebb20867",
    "403b603d-1d91-42cc-a357-81f3c2daf43f",
    "a32217fh-3413-c313-6342-3124d3491502",
    "0bc41598-1b5a-4bd2-872a-82e6abb82e68",
];

/// Whether `value` is one of the example's IDs (ignoring ASCII case). The four start with
/// different characters, so the first byte rules out all but one before a whole comparison.
pub(super) fn is_placeholder(value: &str) -> bool {
    let first = value.as_bytes().first().map(u8::to_ascii_lowercase);
    PLACEHOLDERS.iter().any(|p| p.as_bytes().first().copied() == first && p.eq_ignore_ascii_case(value))
}

fn check(request: &RequestView<'_, '_>, ctx: &mut Context<'_>) {
    for &field in Field::ALL.iter().filter(|f| f.is_id()) {
        let Some(id) = request.string(field) else { continue };
        if !is_placeholder(id.value.value()) {
            continue;
        }
        ctx.report(id.value.span(), |d| {
            d.describe(
                id.pointer(),
                format!("`{}` is a placeholder ID copied from the API reference's example", field.name()),
            )
            .with_label("example value")
            .with_help(format!("replace it with {}", field.spec().meaning));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::DocExampleValue;
    use crate::rules::testing::{assert_clean, labelled, request};

    #[test]
    fn real_ids_pass() {
        assert_clean(&DocExampleValue, &[request("\"cluster_id\": \"523ab8ad-3759-4933-9436-4cf4ebb20868\"")]);
    }

    #[test]
    fn every_id_member_and_every_placeholder() {
        let members =
            ["server_group_id", "server_id", "primary_subnet_id", "dedicated_host_id", "cluster_id", "flavorRef"];
        for (member, placeholder) in members.iter().zip(super::PLACEHOLDERS.iter().cycle()) {
            let src = request(&format!("\"{member}\": \"{}\"", placeholder.to_ascii_uppercase()));
            assert_eq!(
                labelled(&DocExampleValue, &src),
                [format!("\"{}\"", placeholder.to_ascii_uppercase())],
                "{member}"
            );
        }
    }

    #[test]
    fn any_id_member_ignoring_ascii_case() {
        let src = request(
            "\"server_id\": \"403B603D-1D91-42CC-A357-81F3C2DAF43F\", \"flavorRef\": \"0bc41598-1b5a-4bd2-872a-82e6abb82e68\"",
        );
        assert_eq!(labelled(&DocExampleValue, &src).len(), 2);
    }
}
