//! Which namespace a page's names live in.

use std::collections::BTreeSet;

use super::DEFAULT_NAMESPACE;
use super::type_cell::is_type_name;
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{FencedBlock, Page, TableKind};

/// `resources/enums-managedtenants.md`, `resources/managedtenants-x.md`: a declared
/// namespace other than `microsoft.graph` whose last segment starts the file name.
pub(super) fn namespace_in_file_name(file: &str, namespaces: &BTreeSet<String>) -> Option<String> {
    let stem = file
        .rsplit('/')
        .next()?
        .trim_end_matches(".md")
        .to_ascii_lowercase();
    let stem = stem.strip_prefix("enums-").unwrap_or(&stem);
    let first = stem.split('-').next()?;
    namespaces
        .iter()
        .filter(|ns| ns.as_str() != DEFAULT_NAMESPACE)
        .find(|ns| {
            ns.rsplit('.')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(first))
        })
        .cloned()
}

pub(super) fn page_namespace(
    page: &Page,
    resources: &[&FencedBlock],
    namespaces: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> String {
    let from_annotation = resources
        .iter()
        .filter_map(|b| b.annotation.as_ref()?.odata_type())
        .map(|t| t.trim_start_matches('#'))
        .filter(|t| is_type_name(t))
        .filter_map(|t| t.rsplit_once('.').map(|(ns, _)| ns.to_string()))
        .next();
    match (&page.namespace, from_annotation) {
        (Some(ns), Some(ann)) => {
            if !ns.value.eq_ignore_ascii_case(&ann) {
                diags.report(
                    Code::NamespaceMismatch,
                    &ns.origin,
                    format!("`Namespace: {}` disagrees with the resource annotation's `{ann}`; the annotation is used", ns.value),
                );
                return ann;
            }
            ns.value.clone()
        }
        (Some(ns), None) => ns.value.clone(),
        (None, Some(ann)) => {
            if page.doc_type.as_deref() != Some("conceptualPageType") {
                diags.report(
                    Code::NamespaceMissing,
                    &Origin::new(&page.file, page.h1.as_ref().map_or(1, |h| h.origin.line)),
                    format!("no `Namespace:` line; `{ann}` taken from the resource annotation"),
                );
            }
            ann
        }
        (None, None) => {
            let interesting = !page
                .tables
                .iter()
                .all(|t| t.kind.is_ignored() || t.kind == TableKind::Unknown)
                || page.blocks.iter().any(|b| b.annotation.is_some());
            let named = namespace_in_file_name(&page.file, namespaces);
            if interesting && page.doc_type.as_deref() != Some("conceptualPageType") {
                let message = match &named {
                    Some(ns) => format!("no `Namespace:` line; `{ns}` taken from the file name"),
                    None => format!("no `Namespace:` line; `{DEFAULT_NAMESPACE}` assumed"),
                };
                diags.report(
                    Code::NamespaceMissing,
                    &Origin::new(&page.file, page.h1.as_ref().map_or(1, |h| h.origin.line)),
                    message,
                );
            }
            named.unwrap_or_else(|| DEFAULT_NAMESPACE.to_string())
        }
    }
}
