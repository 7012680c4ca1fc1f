//! The rules: one type per rule, one file per type, all registered in [`RULES`].
//!
//! A rule reads the [`RequestView`] and reports through its [`Context`]; it never parses, prints
//! or reads configuration. The engine stamps each diagnostic with the rule's id and severity.

use std::sync::LazyLock;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::span::Span;
use crate::view::{ObjectView, RequestView};

/// Declares a rule: a unit struct whose [`Rule`] impl returns the metadata given here (its page
/// is `rules/<id>.md`, compiled in) and runs the functions of the calling module that `visits`
/// names: `request` runs `check` once on the whole request (the default), `objects` runs
/// `check_object` on each documented object, in the engine's one pass over them.
macro_rules! declare_rule {
    (
        $name:ident {
            id: $id:literal, severity: $severity:ident, fix: $fix:expr, summary: $summary:literal
            $(, service_errors: [$($error:literal),* $(,)?], needs: [$($kind:ident),+ $(,)?])? $(,)?
        }
    ) => {
        declare_rule! {
            $name {
                id: $id, severity: $severity, fix: $fix, summary: $summary, visits: [request]
                $(, service_errors: [$($error),*], needs: [$($kind),+])?
            }
        }
    };
    (
        $name:ident {
            id: $id:literal, severity: $severity:ident, fix: $fix:expr, summary: $summary:literal,
            visits: [$($visit:ident),+ $(,)?]
            $(, service_errors: [$($error:literal),* $(,)?], needs: [$($kind:ident),+ $(,)?])? $(,)?
        }
    ) => {
        // The summary is written once: it is the type's documentation, `sdrs-lint rules`' line
        // and (a test checks) the first paragraph of the rule's page.
        #[doc = $summary]
        pub struct $name;

        impl $crate::rules::Rule for $name {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                static META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                    id: $id,
                    default_severity: $crate::diagnostic::Severity::$severity,
                    summary: $summary,
                    fix: $fix,
                    docs: include_str!(concat!("../../rules/", $id, ".md")),
                    service_errors: &[$($($error),*)?],
                    needs: &[$($($crate::inventory::Kind::$kind),+)?],
                };
                &META
            }

            $(declare_rule!(@visit $visit);)+
        }
    };
    (@visit request) => {
        fn check(&self, request: &$crate::view::RequestView<'_, '_>, ctx: &mut $crate::rules::Context<'_>) {
            check(request, ctx)
        }
    };
    (@visit objects) => {
        fn visits_objects(&self) -> bool {
            true
        }

        fn check_object(
            &self,
            request: &$crate::view::RequestView<'_, '_>,
            object: &$crate::view::ObjectView<'_>,
            ctx: &mut $crate::rules::Context<'_>,
        ) {
            check_object(request, object, ctx)
        }
    };
}

mod byte_order_mark;
mod cloud;
mod dedicated_host_needs_dedicated_tenancy;
mod dedicated_host_not_found;
mod dedicated_host_server_group;
mod dedicated_host_unusable;
mod description_invalid_char;
mod description_too_long;
mod doc_example_value;
mod duplicate_key;
mod flavor_not_found;
mod flavor_smaller;
mod group_not_found;
mod group_status;
mod id_empty;
mod id_not_uuid;
mod invalid_json;
mod invisible_char;
mod ip_in_use;
mod ip_invalid;
mod ip_needs_subnet;
mod ip_outside_subnet;
mod ip_reserved;
mod missing_field;
mod name_empty;
mod name_invalid_char;
mod name_too_long;
mod null_value;
mod project_id;
mod request_line;
mod server_already_protected;
mod server_az_mismatch;
mod server_enterprise_project;
mod server_keypair_missing;
mod server_locked;
mod server_not_found;
mod server_shared_disk;
mod server_status;
mod server_vpc_mismatch;
mod subnet_not_found;
mod subnet_vpc_mismatch;
mod tag_invalid_char;
mod tag_key_duplicate;
mod tag_key_empty;
mod tag_key_lookalike;
mod tag_key_too_long;
mod tag_value_too_long;
mod tags_too_many;
mod tenancy_invalid;
mod too_long;
mod unknown_field;
mod wrong_type;

#[cfg(test)]
pub(crate) mod testing;

/// What a rule is, independent of what it finds. Fields may be added (`#[non_exhaustive]`).
#[derive(Debug)]
#[non_exhaustive]
pub struct RuleMeta {
    /// The stable kebab-case id users put in configs and CI logs.
    pub id: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// The most a fix of this rule may change, or `None` when it never offers one.
    pub fix: Option<Applicability>,
    /// The rule's page (`rules/<id>.md`): what, why, examples.
    pub docs: &'static str,
    /// The error codes the service answers when the request is sent anyway (from SDRS's
    /// error-code table), for the inventory rules: a user who met `SDRS.1305` finds the rule.
    pub service_errors: &'static [&'static str],
    /// The kinds of inventory file the rule reads, all of which must be present for it to run
    /// (empty for the rules on the request alone).
    pub needs: &'static [crate::inventory::Kind],
}

impl RuleMeta {
    /// Whether the rule checks requests against an inventory.
    pub fn is_inventory_rule(&self) -> bool {
        !self.needs.is_empty()
    }
}

/// A rule: metadata plus its checks over the request view.
pub trait Rule: Send + Sync {
    /// The rule's id, severity, summary and page.
    fn meta(&self) -> &'static RuleMeta;

    /// Reports every problem of this rule's kind that needs the request as a whole.
    fn check(&self, _request: &RequestView<'_, '_>, _ctx: &mut Context<'_>) {}

    /// Whether the engine hands the rule each documented object ([`Rule::check_object`]).
    fn visits_objects(&self) -> bool {
        false
    }

    /// Reports the problems of this rule's kind in `object`, one of the request's documented
    /// objects: the engine walks them once (the root, `protected_instance`, then each tag) and
    /// hands each to every rule that visits objects.
    fn check_object(&self, _request: &RequestView<'_, '_>, _object: &ObjectView<'_>, _ctx: &mut Context<'_>) {}
}

/// Where a running rule reports its diagnostics.
pub struct Context<'d> {
    /// The rule's position in [`RULES`].
    rule: u16,
    id: &'static str,
    severity: Severity,
    out: &'d mut dyn Collect,
}

impl<'d> Context<'d> {
    /// The context of `RULES[rule]`, reporting with `severity` into `out`.
    pub(crate) fn new(rule: usize, severity: Severity, out: &'d mut dyn Collect) -> Self {
        let id = RULES.get(rule).map_or("", |r| r.meta().id);
        Context { rule: u16::try_from(rule).unwrap_or(u16::MAX), id, severity, out }
    }

    /// Reports a finding whose primary label is `span`. `describe` gives it its pointer,
    /// message, labels, help and fix ([`Diagnostic::describe`]); it runs only when the
    /// diagnostics are asked for, so a lint whose findings are only counted builds no text.
    pub(crate) fn report(&mut self, span: Span, describe: impl FnOnce(&mut Diagnostic)) {
        let finding = Finding { start: span.start, rule: self.rule, severity: self.severity };
        if let Some(diagnostic) = self.out.found(finding, self.id, span) {
            describe(diagnostic);
        }
    }
}

/// What the engine keeps of a finding until its diagnostic is asked for: enough to order,
/// count and limit the findings as their diagnostics would be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    /// Where its primary label starts.
    pub start: usize,
    /// The rule that found it: its position in [`RULES`], which is sorted by id.
    pub rule: u16,
    /// The severity the rule ran with.
    pub severity: Severity,
}

impl Finding {
    /// The order reports list findings in: [`Diagnostic::source_order`], as [`RULES`] is
    /// sorted by id.
    pub(crate) fn source_order(&self) -> (usize, u16) {
        (self.start, self.rule)
    }

    /// Its diagnostic at `span` (of rule `id`), yet to be described.
    pub(crate) fn diagnostic(self, id: &'static str, span: Span) -> Diagnostic {
        Diagnostic::new(id, self.severity, String::new(), span, String::new())
    }
}

/// What collects the findings of running rules (the engine's sink, a test's list).
pub(crate) trait Collect {
    /// Keeps `finding` of rule `id`, whose primary label is `span`; returns its diagnostic
    /// for the rule to describe when this collector keeps whole diagnostics.
    fn found(&mut self, finding: Finding, id: &'static str, span: Span) -> Option<&mut Diagnostic>;
}

impl Collect for Vec<Diagnostic> {
    fn found(&mut self, finding: Finding, id: &'static str, span: Span) -> Option<&mut Diagnostic> {
        Some(self.push_mut(finding.diagnostic(id, span)))
    }
}

/// Every rule, sorted by id.
pub static RULES: &[&dyn Rule] = &[
    &byte_order_mark::ByteOrderMark,
    &dedicated_host_needs_dedicated_tenancy::DedicatedHostNeedsDedicatedTenancy,
    &dedicated_host_not_found::DedicatedHostNotFound,
    &dedicated_host_server_group::DedicatedHostServerGroup,
    &dedicated_host_unusable::DedicatedHostUnusable,
    &description_invalid_char::DescriptionInvalidChar,
    &description_too_long::DescriptionTooLong,
    &doc_example_value::DocExampleValue,
    &duplicate_key::DuplicateKey,
    &flavor_not_found::FlavorNotFound,
    &flavor_smaller::FlavorSmaller,
    &group_not_found::GroupNotFound,
    &group_status::GroupStatus,
    &id_empty::IdEmpty,
    &id_not_uuid::IdNotUuid,
    &invalid_json::InvalidJson,
    &invisible_char::InvisibleChar,
    &ip_in_use::IpInUse,
    &ip_invalid::IpInvalid,
    &ip_needs_subnet::IpNeedsSubnet,
    &ip_outside_subnet::IpOutsideSubnet,
    &ip_reserved::IpReserved,
    &missing_field::MissingField,
    &name_empty::NameEmpty,
    &name_invalid_char::NameInvalidChar,
    &name_too_long::NameTooLong,
    &null_value::NullValue,
    &project_id::ProjectId,
    &request_line::RequestLine,
    &server_already_protected::ServerAlreadyProtected,
    &server_az_mismatch::ServerAzMismatch,
    &server_enterprise_project::ServerEnterpriseProject,
    &server_keypair_missing::ServerKeypairMissing,
    &server_locked::ServerLocked,
    &server_not_found::ServerNotFound,
    &server_shared_disk::ServerSharedDisk,
    &server_status::ServerStatus,
    &server_vpc_mismatch::ServerVpcMismatch,
    &subnet_not_found::SubnetNotFound,
    &subnet_vpc_mismatch::SubnetVpcMismatch,
    &tag_invalid_char::TagInvalidChar,
    &tag_key_duplicate::TagKeyDuplicate,
    &tag_key_empty::TagKeyEmpty,
    &tag_key_lookalike::TagKeyLookalike,
    &tag_key_too_long::TagKeyTooLong,
    &tag_value_too_long::TagValueTooLong,
    &tags_too_many::TagsTooMany,
    &tenancy_invalid::TenancyInvalid,
    &unknown_field::UnknownField,
    &wrong_type::WrongType,
];

/// Declares the metadata of a rule the tool reports about its own configuration rather than
/// about a request: it has an id, a severity and a page like any other, and no request check.
macro_rules! declare_tool_rule {
    ($name:ident { id: $id:literal, severity: $severity:ident, summary: $summary:literal $(,)? }) => {
        #[doc = $summary]
        pub static $name: RuleMeta = RuleMeta {
            id: $id,
            default_severity: Severity::$severity,
            summary: $summary,
            fix: None,
            docs: include_str!(concat!("../../rules/", $id, ".md")),
            service_errors: &[],
            needs: &[],
        };
    };
}

declare_tool_rule! {
    INVALID_CONFIG {
        id: "invalid-config",
        severity: Error,
        summary: "`sdrs-lint.toml` holds something that is not a setting, or a setting with a wrong value.",
    }
}

declare_tool_rule! {
    UNUSED_SUPPRESSION {
        id: "unused-suppression",
        severity: Warning,
        summary: "A `[[suppress]]` entry silences nothing, or one of its `paths` matches no file.",
    }
}

/// Every rule's metadata, request rules and the tool's own, sorted by id.
pub fn all() -> &'static [&'static RuleMeta] {
    static ALL: LazyLock<Vec<&'static RuleMeta>> = LazyLock::new(|| {
        let mut all: Vec<&'static RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
        all.extend([&INVALID_CONFIG, &UNUSED_SUPPRESSION]);
        all.sort_by_key(|m| m.id);
        all
    });
    &ALL
}

/// The metadata of the rule with id `id`.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    all().iter().copied().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn ids_are_sorted_unique_and_kebab_case() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.meta().id).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "RULES must be sorted by id without repeats: {ids:?}");
        let all: Vec<&str> = super::all().iter().map(|m| m.id).collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]), "no tool rule shares an id with a request rule: {all:?}");
        for id in ids {
            assert!(id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())), "{id}");
        }
    }

    #[test]
    fn summaries_are_one_sentence() {
        for rule in RULES {
            let summary = rule.meta().summary;
            assert!(summary.ends_with('.') && !summary.contains('\n'), "{}: {summary:?}", rule.meta().id);
        }
    }
}
