//! Page model → facts: what one page claims about types, enums, operations and
//! examples, still with names as written, prose interpreted here. Cross-page
//! resolution happens in the schema stage.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{Annotation, FencedBlock, Link, Located, Page, Table, TableKind};

mod bodies;
mod derived;
mod headers;
mod json_representation;
mod namespace;
mod op_docs;
mod op_examples;
mod operations;
mod paths;
mod permissions;
pub mod prose;
mod query_options;
mod tables;
pub mod type_cell;
mod workload;

pub use derived::{DerivedClaim, DerivedForm};
pub use headers::{RequestHeader, Requirement};
pub use op_docs::{Includes, OpDocs, QueryFact, is_include_file};
pub use op_examples::{ExampleMessage, ExampleRequest, ExampleResponse, OperationExample};
pub use paths::{FunctionArgument, FunctionCall, PathParameter, PathTemplate};
pub use permissions::{Permission, PermissionSet};
pub use query_options::Support;

use bodies::{ExampleBody, block_bodies, examples};
use json_representation::json_only_properties;
use namespace::page_namespace;
use op_docs::operation_docs;
use operations::operations;
use tables::{enum_fact, property_rows};
use type_cell::{Primitive, TypeCell, TypeExpr};

pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// Precedence of a fact: lower wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// A resource annotation and the tables on its page.
    ResourcePage,
    /// Tables on API pages (Request body).
    ApiTable,
    /// JSON examples and inline "Possible values" lists.
    Example,
}

#[derive(Debug)]
pub struct PageFacts {
    pub file: Arc<str>,
    /// The page's namespace as written (not yet case-canonicalized).
    pub namespace: String,
    pub area: Option<String>,
    pub types: Vec<TypeFact>,
    pub enums: Vec<EnumFact>,
    pub operations: Vec<OpFact>,
    pub examples: Vec<ExampleFact>,
}

#[derive(Debug)]
pub struct TypeFact {
    /// Qualified name as written (`microsoft.graph.user`).
    pub name: String,
    pub rank: Rank,
    pub origin: Origin,
    pub base: Option<Located<Option<String>>>,
    pub base_prose: Option<Located<Link>>,
    pub base_rows: Vec<Located<Link>>,
    /// Types this page names as derived from this one (`## Derived types`, "is the base
    /// type for [x](x.md)").
    pub derived: Vec<DerivedClaim>,
    pub key: Option<String>,
    pub is_abstract: bool,
    pub open: bool,
    pub description: Option<String>,
    pub properties: Vec<PropFact>,
}

#[derive(Debug, Clone)]
pub struct PropFact {
    pub name: String,
    pub ty: Result<TypeCell, String>,
    pub navigation: bool,
    pub description: Option<String>,
    pub allowed: Vec<String>,
    pub hints: prose::Hints,
    /// Where the property is defined, as the schema's sources name it (for a JSON
    /// member: the representation's opening).
    pub origin: Origin,
    /// Where a diagnostic about it points, when that is not `origin`: a JSON member's
    /// own line.
    pub at: Option<Origin>,
    pub rank: Rank,
}

#[derive(Debug)]
pub struct EnumFact {
    pub name: String,
    /// The docs' workload (`ms.prod`) of the page.
    pub area: Option<String>,
    pub flags: bool,
    pub members: Vec<MemberFact>,
    pub origin: Origin,
    pub rank: Rank,
}

#[derive(Debug, Clone)]
pub struct MemberFact {
    pub name: String,
    pub value: Option<i64>,
    pub description: Option<String>,
}

#[derive(Debug)]
pub struct OpFact {
    pub method: String,
    pub paths: Vec<String>,
    pub request: Option<String>,
    pub response: Option<ResponseFact>,
    /// The links behind a request or response type taken from prose, which resolve it
    /// when its text is not a type name (`[tab](../resources/teamstab.md)`).
    pub request_link: Option<String>,
    pub response_link: Option<String>,
    pub parameters: Vec<PropFact>,
    pub origin: Origin,
    /// The method's path templates as written, each with its line.
    pub template_sources: Vec<Located<String>>,
    /// Templates parsed, query options, headers and permissions.
    pub docs: OpDocs,
    /// The page's request/response example pairs of this method, as written.
    pub examples: Vec<OperationExample>,
}

/// What an operation returns, as an example or the prose says it.
#[derive(Debug, Clone)]
pub struct ResponseFact {
    pub status: Option<u16>,
    /// Type as written.
    pub type_name: Option<String>,
    pub collection: bool,
}

#[derive(Debug, Clone)]
pub struct ExampleFact {
    /// Type as written in the annotation or body.
    pub type_name: String,
    pub collection: bool,
    pub json: Value,
    pub origin: Origin,
}

/// Extracts the facts of one page.
/// `namespaces`: every namespace some page of the tree declares; `includes`: the files
/// `[!INCLUDE]` directives can show.
pub fn collect(
    page: &Page,
    namespaces: &BTreeSet<String>,
    includes: &Includes,
    diags: &mut Diagnostics,
) -> PageFacts {
    let resources: Vec<&FencedBlock> = page
        .blocks
        .iter()
        .filter(|b| b.annotation.as_ref().and_then(Annotation::block_type) == Some("resource"))
        .collect();
    let namespace = page_namespace(page, &resources, namespaces, diags);
    let mut facts = PageFacts {
        file: page.file.clone(),
        namespace,
        area: workload::area(page, diags),
        types: Vec::new(),
        enums: Vec::new(),
        operations: Vec::new(),
        examples: Vec::new(),
    };
    check_doc_type(page, diags);

    let intro = intro_claims(page);
    for block in &resources {
        let t = resource_fact(page, block, &facts.namespace, intro.says_abstract, diags);
        facts.types.extend(t);
    }
    title_type(page, &mut facts, diags);

    // Every request, response and example body the page has, reported once, here.
    let bodies = block_bodies(page, diags);
    let request_body_owner = if page.is_api_page() {
        request_body_type(page, &bodies)
    } else {
        None
    };
    let TableParams {
        operation: op_params,
        query: query_params,
    } = table_facts(
        page,
        !resources.is_empty(),
        request_body_owner.as_deref(),
        &mut facts,
        diags,
    );
    string_value_tables(&mut facts, diags);
    if let Some(t) = facts
        .types
        .iter_mut()
        .find(|t| t.rank == Rank::ResourcePage)
    {
        t.base_prose = intro.inherits;
        t.derived.extend(derived::prose_claims(page));
    }
    json_only_properties(page, &resources, &mut facts, diags);
    if page.is_api_page() {
        operations(page, &bodies, &mut facts, op_params, diags);
        operation_docs(page, includes, query_params, &mut facts.operations, diags);
    }
    examples(page, &bodies, request_body_owner.as_deref(), &mut facts);
    facts
}

/// Pages with property tables but no resource annotation: identity from the title.
/// Without either, the page says nothing about members: reported, no type made up.
fn title_type(page: &Page, facts: &mut PageFacts, diags: &mut Diagnostics) {
    if !facts.types.is_empty() || page.is_api_page() {
        return;
    }
    let Some(h1) = &page.h1 else { return };
    let Some(name) = title_type_name(&h1.value) else {
        return;
    };
    let has_props = page
        .tables
        .iter()
        .any(|t| matches!(t.kind, TableKind::Properties | TableKind::Relationships));
    if !has_props {
        diags.report(
            Code::ResourcePageEmpty,
            &h1.origin,
            format!("this page documents `{name}` but has neither a resource annotation nor a property table, so it defines no type"),
        );
        return;
    }
    let namespace = &facts.namespace;
    diags.report(
        Code::ResourceAnnotationMissing,
        &h1.origin,
        format!("no resource annotation on this page; the type name `{namespace}.{name}` was taken from the title"),
    );
    let t = empty_type(
        format!("{namespace}.{name}"),
        Rank::ResourcePage,
        h1.origin.clone(),
    );
    facts.types.push(t);
}

/// Rows of an API page's tables that describe no type.
struct TableParams {
    /// Action and function parameters (Request body, Function parameters).
    operation: Vec<PropFact>,
    /// The operation's own query parameters (typed tables under a query heading).
    query: Vec<PropFact>,
}

/// Property, relationship, request-body, parameter and enum tables → facts; returns
/// the rows that are an API's parameters.
fn table_facts(
    page: &Page,
    has_resources: bool,
    request_body_owner: Option<&str>,
    facts: &mut PageFacts,
    diags: &mut Diagnostics,
) -> TableParams {
    let mut op_params = Vec::new();
    let mut query_params = Vec::new();
    for table in &page.tables {
        match &table.kind {
            TableKind::Properties | TableKind::Relationships => {
                let props = type_table_rows(page, table, has_resources, diags);
                match owner_index(&facts.types, table) {
                    Some(i) => add_props(&mut facts.types[i], props, diags),
                    None if page.is_api_page() => op_params.extend(props),
                    None => diags.report(
                        Code::TableUnknownHeading,
                        &table.origin,
                        "property table on a page that defines no type; it is not used",
                    ),
                }
            }
            TableKind::RequestBody => {
                let props = property_rows(table, false, Rank::ApiTable, diags);
                match request_body_owner {
                    Some(owner) => {
                        let t = type_named(&mut facts.types, owner, &table.origin);
                        add_props(t, props, diags);
                    }
                    None => op_params.extend(props),
                }
            }
            TableKind::Parameters => {
                let rows = property_rows(table, false, Rank::ApiTable, diags);
                if page.is_api_page() && under_query_heading(table) {
                    query_params.extend(rows);
                } else {
                    op_params.extend(rows);
                }
            }
            TableKind::EnumMembers { name, flags } => {
                let rank = table_rank(page.is_api_page());
                if let Some(mut e) = enum_fact(table, name.as_deref(), *flags, rank, diags) {
                    e.area = facts.area.clone();
                    facts.enums.push(e);
                }
            }
            TableKind::DerivedTypes => {
                if let Some(i) = owner_index(&facts.types, table) {
                    facts.types[i].derived.extend(derived::table_claims(table));
                }
            }
            TableKind::Ignored
            | TableKind::Permissions
            | TableKind::RequestHeaders
            | TableKind::QueryParameters
            | TableKind::Unknown => {}
        }
    }
    TableParams {
        operation: op_params,
        query: query_params,
    }
}

/// The rows of a Properties or Relationships table: an API page's own tables rank below
/// a resource page's, unless the API page also defines resources.
fn type_table_rows(
    page: &Page,
    table: &Table,
    has_resources: bool,
    diags: &mut Diagnostics,
) -> Vec<PropFact> {
    let navigation = table.kind == TableKind::Relationships;
    let rank = table_rank(page.is_api_page() && !has_resources);
    property_rows(table, navigation, rank, diags)
}

fn table_rank(on_api_page: bool) -> Rank {
    if on_api_page {
        Rank::ApiTable
    } else {
        Rank::ResourcePage
    }
}

/// `## Query parameters` of calendarView or delta: the rows go in the query string,
/// not the body.
fn under_query_heading(table: &Table) -> bool {
    table
        .headings
        .last()
        .is_some_and(|h| h.to_ascii_lowercase().contains("query"))
}

/// What the paragraphs above the first `##` say of the page's type.
struct IntroClaims {
    /// A paragraph says the type is abstract.
    says_abstract: bool,
    /// "Inherits from [x](x.md)": the first paragraph link named as the base; else a
    /// base named without a link ("Inherits from directoryObject"), as a link with an
    /// empty destination.
    inherits: Option<Located<Link>>,
}

fn intro_claims(page: &Page) -> IntroClaims {
    let mut claims = IntroClaims {
        says_abstract: false,
        inherits: None,
    };
    for p in &page.intro {
        let lower = p.text.to_ascii_lowercase();
        claims.says_abstract |= prose::says_abstract(&lower);
        // "Inherits from [x](x.md)", "Derived from the [x](x.md)": the link must follow
        // the words, so that "…, which represents a group, inherits from this base
        // type" names no base.
        if claims.inherits.is_none()
            && let Some(link) = p
                .links
                .iter()
                .find(|l| prose::names_base(&lower, &l.text.to_ascii_lowercase()))
        {
            claims.inherits = Some(Located {
                value: link.clone(),
                origin: p.origin.clone(),
            });
        }
    }
    if claims.inherits.is_none() {
        claims.inherits = page.intro.iter().find_map(|p| {
            let name = prose::unlinked_base(&p.text)?;
            Some(Located {
                value: Link {
                    text: name,
                    dest: String::new(),
                },
                origin: p.origin.clone(),
            })
        });
    }
    claims
}

pub(crate) fn empty_type(name: String, rank: Rank, origin: Origin) -> TypeFact {
    TypeFact {
        name,
        rank,
        origin,
        base: None,
        base_prose: None,
        base_rows: Vec::new(),
        derived: Vec::new(),
        key: None,
        is_abstract: false,
        open: false,
        description: None,
        properties: Vec::new(),
    }
}

/// The page's type of that name, made (empty, from an API table) if there is none.
fn type_named<'t>(types: &'t mut Vec<TypeFact>, name: &str, origin: &Origin) -> &'t mut TypeFact {
    let i = match types.iter().position(|t| t.name.eq_ignore_ascii_case(name)) {
        Some(i) => i,
        None => {
            types.push(empty_type(name.to_string(), Rank::ApiTable, origin.clone()));
            types.len() - 1
        }
    };
    &mut types[i]
}

fn add_props(t: &mut TypeFact, props: Vec<PropFact>, diags: &mut Diagnostics) {
    for p in props {
        if p.name.starts_with('@') {
            diags.report(Code::PropertyNameInvalid, &p.origin, format!("`{}` is an instance annotation, not a property of `{}`; such members are kept in `additional_properties`", p.name, t.name));
            continue;
        }
        if let Some(desc) = &p.description
            && let Some(link) = inherited_from(desc)
        {
            t.base_rows.push(Located {
                value: link,
                origin: p.origin.clone(),
            });
        }
        t.properties.push(p);
    }
}

/// "Inherited from [entity](entity.md)" in a row description.
fn inherited_from(desc: &str) -> Option<Link> {
    let lower = desc.to_ascii_lowercase();
    let at = lower.find("inherited from")?;
    let rest = &desc[at + "inherited from".len()..];
    let open = rest.find('[')?;
    if rest[..open].trim().len() > 3 {
        return None;
    }
    let close = rest[open..].find("](")? + open;
    let end = rest[close..].find(')')? + close;
    Some(Link {
        text: rest[open + 1..close].trim().to_string(),
        dest: rest[close + 2..end].trim().to_string(),
    })
}

fn check_doc_type(page: &Page, diags: &mut Diagnostics) {
    const KNOWN: &[&str] = &[
        "apiPageType",
        "resourcePageType",
        "enumPageType",
        "conceptualPageType",
    ];
    let origin = Origin::new(&page.file, 1);
    match page.doc_type.as_deref() {
        Some(_) if page.is_mislabeled_resource_page() => diags.report(
            Code::DocTypeUnknown,
            &origin,
            "`doc_type: apiPageType` on a resource page (filed under resources/, titled `… resource type`); read as a resource page",
        ),
        Some(_) if page.is_mislabeled_api_page() => diags.report(
            Code::DocTypeUnknown,
            &origin,
            "`doc_type: resourcePageType` on an API page (filed under api/, not titled `… resource type`); read as an API page",
        ),
        Some(t) if KNOWN.contains(&t) => {}
        Some(t) => diags.report(
            Code::DocTypeUnknown,
            &origin,
            format!("`doc_type: {t}` is not a known page type"),
        ),
        None if page.title.is_some() => diags.report(
            Code::DocTypeUnknown,
            &origin,
            "frontmatter has no `doc_type`",
        ),
        None => {}
    }
}

/// "## Type options" or "## State Enumeration" under a `type` or `state` property whose
/// Type cell says String: the allowed values of a string, not an enum type.
fn string_value_tables(facts: &mut PageFacts, diags: &mut Diagnostics) {
    let types = &facts.types;
    facts.enums.retain(|e| {
        let string_prop = types
            .iter()
            .filter(|t| t.rank == Rank::ResourcePage)
            .flat_map(|t| &t.properties)
            .find(|p| {
                p.name.eq_ignore_ascii_case(&e.name)
                    && matches!(
                        &p.ty,
                        Ok(TypeCell { expr: TypeExpr::Primitive(Primitive::String), .. })
                    )
            });
        let Some(p) = string_prop else {
            return true;
        };
        diags.report(
            Code::EnumTableOfStringValues,
            &e.origin,
            format!(
                "this table lists the values of the String property `{}` ({}); it defines no enum type",
                p.name, p.origin
            ),
        );
        false
    });
}

/// `user resource type` → `user`; `riskLevel enum type` → None (enum pages define no type).
fn title_type_name(h1: &str) -> Option<String> {
    let lower = h1.to_ascii_lowercase();
    let stem = lower
        .strip_suffix(" resource type")
        .or_else(|| lower.strip_suffix(" complex type"))
        .or_else(|| lower.strip_suffix(" entity type"))?;
    let name = h1[..stem.len()].trim().trim_matches('`');
    type_cell::is_type_name(name).then(|| name.to_string())
}

fn resource_fact(
    page: &Page,
    block: &FencedBlock,
    namespace: &str,
    intro_says_abstract: bool,
    diags: &mut Diagnostics,
) -> Option<TypeFact> {
    let ann = block.annotation.as_ref()?;
    let Some(odata) = ann.odata_type() else {
        diags.report(
            Code::AnnotationNoType,
            &ann.origin,
            "resource annotation has no `@odata.type`; the block is skipped",
        );
        return None;
    };
    let name = odata.trim_start_matches('#').to_string();
    if !type_cell::is_type_name(&name) {
        diags.report(
            Code::AnnotationNoType,
            &ann.origin,
            format!(
                "resource annotation's `@odata.type` `{}` is not a type name; the block is skipped",
                name.escape_debug()
            ),
        );
        return None;
    }
    let name = if name.contains('.') {
        name
    } else {
        format!("{namespace}.{name}")
    };
    let base = annotated_base(ann, diags);
    let key = ann
        .str_field("keyProperty")
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string);
    let description = page
        .description
        .as_deref()
        .map(|d| prose::strip_placeholders(d).text)
        .filter(|d| !d.is_empty());
    Some(TypeFact {
        name,
        rank: Rank::ResourcePage,
        origin: ann.origin.clone(),
        base,
        base_prose: None,
        base_rows: Vec::new(),
        derived: Vec::new(),
        key,
        // The annotation's flag when it has one, else what the description says.
        is_abstract: ann
            .bool_field("abstract")
            .or_else(|| ann.bool_field("isAbstract"))
            .unwrap_or_else(|| {
                intro_says_abstract
                    || description
                        .as_deref()
                        .is_some_and(|d| prose::says_abstract(&d.to_ascii_lowercase()))
            }),
        open: ann.bool_field("openType").unwrap_or(false),
        description,
        properties: Vec::new(),
    })
}

/// The annotation's `baseType`: `Some` when the field is there, holding `None` when it
/// is empty or not a type name (reported).
fn annotated_base(ann: &Annotation, diags: &mut Diagnostics) -> Option<Located<Option<String>>> {
    ann.fields.get("baseType").map(|v| Located {
        value: v
            .as_str()
            .map(|s| s.trim().trim_start_matches('#').to_string())
            .filter(|s| !s.is_empty())
            .filter(|s| {
                let ok = type_cell::is_type_name(s);
                if !ok {
                    diags.report(
                        Code::BaseUnknown,
                        &ann.origin,
                        format!(
                            "`baseType` `{}` is not a type name; ignored",
                            s.escape_debug()
                        ),
                    );
                }
                ok
            }),
        origin: ann.origin.clone(),
    })
}

/// Which type a table belongs to when a page has several resource blocks: the one named
/// in the table's headings, else the first.
fn owner_index(types: &[TypeFact], table: &Table) -> Option<usize> {
    let candidates: Vec<usize> = (0..types.len())
        .filter(|i| types[*i].rank == Rank::ResourcePage)
        .collect();
    if candidates.len() > 1 {
        for h in table.headings.iter().rev() {
            let h = h.to_ascii_lowercase();
            if let Some(i) = candidates.iter().find(|i| {
                let short = types[**i]
                    .name
                    .rsplit('.')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                h.split(|c: char| !c.is_alphanumeric()).any(|w| w == short)
            }) {
                return Some(*i);
            }
        }
    }
    candidates.first().copied()
}

/// The type an API page's Request body table describes: the request body's
/// `@odata.type`, the request annotation's, or, on Create/Update pages, the response type.
fn request_body_type(page: &Page, bodies: &[Option<ExampleBody>]) -> Option<String> {
    for (b, body) in page.blocks.iter().zip(bodies) {
        let Some(ann) = &b.annotation else { continue };
        if ann.block_type() != Some("request") {
            continue;
        }
        if let Some(t) = ann.odata_type() {
            return Some(t.trim_start_matches('#').to_string());
        }
        if let Some(t) = body.as_ref().and_then(ExampleBody::odata_type) {
            return Some(t);
        }
    }
    let title = page
        .h1
        .as_ref()
        .map(|h| h.value.to_ascii_lowercase())
        .unwrap_or_default();
    if ["create ", "update ", "add "]
        .iter()
        .any(|p| title.starts_with(p))
    {
        for b in &page.blocks {
            if let Some(ann) = &b.annotation
                && ann.block_type() == Some("response")
                && !ann.bool_field("isCollection").unwrap_or(false)
                && let Some(t) = ann.odata_type()
                && !t.to_ascii_lowercase().starts_with("collection(")
                && type_cell::is_type_name(t.trim_start_matches('#'))
                && t.contains('.')
            {
                return Some(t.trim_start_matches('#').to_string());
            }
        }
    }
    None
}
