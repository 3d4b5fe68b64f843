//! What an API page documents about its operation besides request and response types:
//! path templates with their parameters, query options, request headers and
//! permissions (issue 7). Page-wide facts, shared by the page's operations.

use std::collections::BTreeMap;

use super::headers::{RequestHeader, header_rows};
use super::paths::{PathTemplate, action_word, parse_template};
use super::permissions::{PermissionSet, permission_table};
use super::query_options::{Support, named_options, prose_options};
use super::tables::clean_name;
use super::type_cell;
use super::{OpFact, PropFact, Rank};
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{Contract, Located, Page, Table, TableKind, normalize_header};

/// Files shown in pages through `[!INCLUDE]`, read as pages, by path from the docs root.
#[derive(Debug, Default)]
pub struct Includes {
    pages: BTreeMap<String, Page>,
}

impl Includes {
    pub fn new(pages: impl IntoIterator<Item = Page>) -> Self {
        Includes {
            pages: pages.into_iter().map(|p| (p.file.to_string(), p)).collect(),
        }
    }

    /// The included file `dest` (as written on `page`, relative to it).
    fn get(&self, page: &str, dest: &str) -> Option<&Page> {
        self.pages.get(&resolve_relative(page, dest))
    }
}

/// A file under an `includes/` folder is shown inside pages, not a page of its own.
pub fn is_include_file(path: &str) -> bool {
    path.split('/').rev().skip(1).any(|d| d == "includes")
}

/// `api/x.md` + `../includes/permissions/y.md` → `includes/permissions/y.md`.
fn resolve_relative(page: &str, dest: &str) -> String {
    let dest = dest.split(['#', '?']).next().unwrap_or(dest);
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in dest.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The query section's statement: which OData options, plus the operation's own query
/// parameters (delta tokens, `startDateTime`).
#[derive(Clone, Debug)]
pub struct QueryFact {
    pub support: Support,
    pub supported: Vec<String>,
    pub unsupported: Vec<String>,
    pub parameters: Vec<PropFact>,
    pub source: Origin,
}

/// Page-wide operation facts.
#[derive(Clone, Debug, Default)]
pub struct OpDocs {
    pub templates: Vec<PathTemplate>,
    /// `None`: the page has no query parameters section (unknown, not "none").
    pub query: Option<QueryFact>,
    pub headers: Vec<RequestHeader>,
    /// `None`: the page documents none that could be read (reported).
    pub permissions: Option<Vec<PermissionSet>>,
}

/// Fills every operation of the page with what the page documents.
pub(super) fn operation_docs(
    page: &Page,
    includes: &Includes,
    query_params: Vec<PropFact>,
    operations: &mut [OpFact],
    diags: &mut Diagnostics,
) {
    if operations.is_empty() {
        return;
    }
    let query = query_fact(page, query_params, diags);
    let headers = page
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::RequestHeaders)
        .flat_map(|t| header_rows(t, in_optional_section(t), diags))
        .collect::<Vec<_>>();
    let permissions = permissions(page, includes, diags);
    let stem = page
        .file
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".md");
    let action = action_word(stem);
    for op in operations {
        let templates = op
            .template_sources
            .iter()
            .map(|t| template(t, action, diags))
            .collect();
        op.docs = OpDocs {
            templates,
            query: query.clone(),
            headers: headers.clone(),
            permissions: permissions.clone(),
        };
    }
}

fn in_optional_section(t: &Table) -> bool {
    t.headings
        .last()
        .is_some_and(|h| h.to_ascii_lowercase().contains("optional"))
}

/// A template's parameters; a malformed one keeps its path, without parameters.
fn template(t: &Located<String>, action: Option<&str>, diags: &mut Diagnostics) -> PathTemplate {
    parse_template(&t.value, action, t.origin.clone()).unwrap_or_else(|why| {
        diags.report(
            Code::PathTemplateInvalid,
            &t.origin,
            format!(
                "path template `{}`: {why}; its parameters are not read",
                t.value
            ),
        );
        PathTemplate {
            path: t.value.clone(),
            parameters: Vec::new(),
            functions: Vec::new(),
            source: t.origin.clone(),
        }
    })
}

/// The query parameters section, if the page has one.
fn query_fact(
    page: &Page,
    mut parameters: Vec<PropFact>,
    diags: &mut Diagnostics,
) -> Option<QueryFact> {
    let paragraphs: Vec<_> = page
        .contract_prose
        .iter()
        .filter(|p| p.section == Contract::QueryParameters)
        .collect();
    let tables: Vec<&Table> = page
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::QueryParameters)
        .collect();
    let source = paragraphs
        .first()
        .map(|p| p.origin.clone())
        .or_else(|| tables.first().map(|t| t.origin.clone()))
        .or_else(|| parameters.first().map(|p| p.origin.clone()))?;
    let mut read = prose_options(paragraphs.iter().map(|p| p.text.as_str()));
    for t in tables {
        query_table(t, &mut read.supported, &mut parameters, diags);
    }
    // `$deltatoken` rows of typed tables are options, not the operation's own parameters.
    parameters.retain(|p| {
        let option = named_options(&p.name);
        let keep = option.is_empty();
        for o in option {
            if !read.supported.contains(&o) {
                read.supported.push(o);
            }
        }
        keep
    });
    if read.support == Support::Unknown && !read.supported.is_empty() {
        read.support = Support::Listed;
    }
    if read.support == Support::Unknown && parameters.is_empty() {
        diags.report(
            Code::QueryOptionsUnread,
            &source,
            "the query parameters section names no option and says neither that the OData query parameters are supported nor that they are not; they are left unknown",
        );
    }
    Some(QueryFact {
        support: read.support,
        supported: read.supported,
        unsupported: read.unsupported,
        parameters,
        source,
    })
}

/// A table under a query section: `$option` rows name options; with a Type column,
/// other rows are the operation's own query parameters.
fn query_table(
    t: &Table,
    supported: &mut Vec<String>,
    parameters: &mut Vec<PropFact>,
    diags: &mut Diagnostics,
) {
    let type_col = t.column(&["type", "data type"]);
    let desc_col = t.column(&["description"]);
    let first = t
        .columns
        .first()
        .map(|c| normalize_header(c))
        .unwrap_or_default();
    let names_parameters =
        ["name", "parameter", "query parameter", "parameter name"].contains(&first.as_str());
    for row in &t.rows {
        let Some(cell) = row.cells.first() else {
            continue;
        };
        let options = named_options(&cell.text);
        if !options.is_empty() && cell.text.trim().trim_matches('`').starts_with('$') {
            for o in options {
                if !supported.contains(&o) {
                    supported.push(o);
                }
            }
            continue;
        }
        let (Some(type_col), true) = (type_col, names_parameters) else {
            continue;
        };
        let Some(name) = clean_name(cell, &row.origin, diags) else {
            continue;
        };
        let ty_cell = row.cells.get(type_col).cloned().unwrap_or_default();
        parameters.push(PropFact {
            name,
            ty: type_cell::parse(&ty_cell),
            navigation: false,
            description: desc_col
                .and_then(|c| row.cells.get(c))
                .map(|c| c.text.trim().to_string())
                .filter(|d| !d.is_empty()),
            allowed: Vec::new(),
            hints: Default::default(),
            origin: row.origin.clone(),
            at: None,
            rank: Rank::ApiTable,
        });
    }
}

/// The page's permissions tables, and those of the files its permissions includes show.
fn permissions(
    page: &Page,
    includes: &Includes,
    diags: &mut Diagnostics,
) -> Option<Vec<PermissionSet>> {
    let mut sets = Vec::new();
    let mut found = false;
    // A `Permission type | Property | …` table under Request body is no permissions table.
    let in_body = |t: &&Table| {
        t.headings
            .last()
            .is_some_and(|h| h.to_ascii_lowercase().contains("request body"))
    };
    for t in page
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::Permissions && !in_body(t))
    {
        found = true;
        sets.extend(permission_table(t, scenario(t), diags));
    }
    for inc in &page.includes {
        let annotated = inc
            .annotation
            .as_ref()
            .and_then(|a| a.block_type())
            .is_some_and(|b| b == "permissions");
        // Other includes under the heading are notes (`limited-info.md`), not tables.
        let named = inc.name.eq_ignore_ascii_case("permissions-table")
            || inc.path.to_ascii_lowercase().contains("/permissions/");
        if !(annotated || named) {
            continue;
        }
        found = true;
        let Some(included) = includes.get(&page.file, &inc.path) else {
            diags.report(
                Code::IncludeMissing,
                &inc.origin,
                format!("the permissions include `{}` is not in the docs tree; the permissions are unknown", inc.path),
            );
            return None;
        };
        for t in included
            .tables
            .iter()
            .filter(|t| t.kind == TableKind::Permissions)
        {
            sets.extend(permission_table(t, scenario(t), diags));
        }
    }
    if !found {
        let origin = page
            .contract_prose
            .iter()
            .find(|p| p.section == Contract::Permissions)
            .map(|p| p.origin.clone())
            .or_else(|| page.h1.as_ref().map(|h| h.origin.clone()))
            .unwrap_or_else(|| Origin::new(&page.file, 1));
        diags.report(
            Code::PermissionsUnread,
            &origin,
            "the page has no permissions table; the operation's permissions are unknown",
        );
        return None;
    }
    Some(sets)
}

/// A sub-heading under the permissions section names the set's scenario.
fn scenario(t: &Table) -> Option<&str> {
    let h = t.headings.last()?;
    let lower = h.to_ascii_lowercase();
    let section = lower == "permissions" || lower == "prerequisites" || t.headings.len() < 2;
    (!section).then_some(h.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::reader::read_page;
    use std::sync::Arc;

    fn page(file: &str, text: &str) -> Page {
        read_page(Arc::from(file), text.as_bytes()).0
    }

    const API: &str = "---\ndoc_type: apiPageType\n---\n# T\n\n## Permissions\n\n<!-- { \"blockType\": \"permissions\" } -->\n[!INCLUDE [permissions-table](../includes/permissions/t.md)]\n\n[!INCLUDE [note](../includes/limited-info.md)]\n";

    #[test]
    fn a_permissions_include_is_read_from_the_docs_tree() {
        let included = page(
            "includes/permissions/t.md",
            "|Permission type|Least privileged permissions|Higher privileged permissions|\n|:---|:---|:---|\n|Application|User.Read.All|Directory.Read.All|\n",
        );
        let includes = Includes::new([included]);
        let mut d = Diagnostics::default();
        let sets = permissions(&page("api/t.md", API), &includes, &mut d).unwrap();
        assert_eq!(sets[0].source.to_string(), "includes/permissions/t.md:1");
        assert!(sets[0].application.is_some());
        // The other include under the heading is a note, not a table: not looked up.
        assert!(d.into_sorted().is_empty());
    }

    #[test]
    fn a_missing_permissions_include_leaves_permissions_unknown() {
        let mut d = Diagnostics::default();
        let sets = permissions(&page("api/t.md", API), &Includes::default(), &mut d);
        assert_eq!(sets, None);
        let d = d.into_sorted();
        assert_eq!((d.len(), d[0].code, d[0].line), (1, "G1204", 9));
    }

    #[test]
    fn includes_resolve_relative_to_the_page() {
        assert_eq!(
            resolve_relative("api/x.md", "../includes/permissions/y.md"),
            "includes/permissions/y.md"
        );
        assert_eq!(resolve_relative("api/x.md", "./z.md#top"), "api/z.md");
        assert!(is_include_file("includes/permissions/y.md"));
        assert!(!is_include_file("api/includes.md"));
    }
}
