//! Page model → facts: what one page claims about types, enums, operations and
//! examples, still with names as written. Cross-page resolution happens in `build`.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
use crate::page::{
    Annotation, Cell, Contract, FencedBlock, Link, Located, NAME_COLUMNS, Page, Table, TableKind,
};
use crate::prose;
use crate::reader::{http, lenient_json};
use crate::type_cell::{self, Primitive, TypeCell, TypeExpr};

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
    pub origin: Origin,
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
    pub response: Option<(Option<u16>, Option<String>, bool)>,
    /// The links behind a request or response type taken from prose, which resolve it
    /// when its text is not a type name (`[tab](../resources/teamstab.md)`).
    pub request_link: Option<String>,
    pub response_link: Option<String>,
    pub parameters: Vec<PropFact>,
    pub origin: Origin,
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
/// `namespaces`: every namespace some page of the tree declares.
pub fn collect(page: &Page, namespaces: &BTreeSet<String>, diags: &mut Diagnostics) -> PageFacts {
    let file = page.file.clone();
    let resources: Vec<&FencedBlock> = page
        .blocks
        .iter()
        .filter(|b| b.annotation.as_ref().and_then(Annotation::block_type) == Some("resource"))
        .collect();
    let namespace = page_namespace(page, &resources, namespaces, diags);
    let mut facts = PageFacts {
        file: file.clone(),
        namespace: namespace.clone(),
        area: page
            .ms_prod
            .clone()
            .filter(|p| !p.is_empty() && !p.contains("TODO")),
        types: Vec::new(),
        enums: Vec::new(),
        operations: Vec::new(),
        examples: Vec::new(),
    };
    check_doc_type(page, diags);

    for block in &resources {
        if let Some(t) = resource_fact(page, block, &namespace, diags) {
            facts.types.push(t);
        }
    }
    // Pages with property tables but no resource annotation: identity from the title.
    // Without either, the page says nothing about members: reported, no type made up.
    let has_props = page
        .tables
        .iter()
        .any(|t| matches!(t.kind, TableKind::Properties | TableKind::Relationships));
    let title_name = page.h1.as_ref().and_then(|h| title_type_name(&h.value));
    if facts.types.is_empty()
        && !has_props
        && !page.is_api_page()
        && let (Some(name), Some(h1)) = (&title_name, &page.h1)
    {
        diags.report(
            Code::ResourcePageEmpty,
            &h1.origin,
            format!("this page documents `{name}` but has neither a resource annotation nor a property table, so it defines no type"),
        );
    }
    if facts.types.is_empty()
        && has_props
        && !page.is_api_page()
        && let Some(name) = page.h1.as_ref().and_then(|h| title_type_name(&h.value))
    {
        let origin = page
            .h1
            .as_ref()
            .map(|h| h.origin.clone())
            .unwrap_or_else(|| Origin::new(&file, 1));
        diags.report(
                Code::ResourceAnnotationMissing,
                &origin,
                format!("no resource annotation on this page; the type name `{namespace}.{name}` was taken from the title"),
            );
        facts.types.push(empty_type(
            format!("{namespace}.{name}"),
            Rank::ResourcePage,
            origin,
        ));
    }

    // Every request, response and example body is parsed once, here.
    let bodies = block_bodies(page, diags);
    let request_body_owner = if page.is_api_page() {
        request_body_type(page, &bodies)
    } else {
        None
    };
    let mut op_params = Vec::new();
    for table in &page.tables {
        match &table.kind {
            TableKind::Properties | TableKind::Relationships => {
                let navigation = table.kind == TableKind::Relationships;
                let rank = if page.is_api_page() && resources.is_empty() {
                    Rank::ApiTable
                } else {
                    Rank::ResourcePage
                };
                let props = property_rows(table, navigation, rank, diags);
                let idx = owner_index(&facts.types, table);
                match idx {
                    Some(i) => add_props(&mut facts.types[i], props, diags),
                    None => {
                        if page.is_api_page() {
                            op_params.extend(props);
                        } else {
                            diags.report(
                                Code::TableUnknownHeading,
                                &table.origin,
                                "property table on a page that defines no type; it is not used",
                            );
                        }
                    }
                }
            }
            TableKind::RequestBody => {
                let props = property_rows(table, false, Rank::ApiTable, diags);
                match &request_body_owner {
                    Some(owner) => {
                        let i = match facts
                            .types
                            .iter()
                            .position(|t| t.name.eq_ignore_ascii_case(owner))
                        {
                            Some(i) => i,
                            None => {
                                facts.types.push(empty_type(
                                    owner.clone(),
                                    Rank::ApiTable,
                                    table.origin.clone(),
                                ));
                                facts.types.len() - 1
                            }
                        };
                        add_props(&mut facts.types[i], props, diags);
                    }
                    None => op_params.extend(props),
                }
            }
            TableKind::Parameters => {
                op_params.extend(property_rows(table, false, Rank::ApiTable, diags))
            }
            TableKind::EnumMembers { name, flags } => {
                let rank = if page.is_api_page() {
                    Rank::ApiTable
                } else {
                    Rank::ResourcePage
                };
                if let Some(mut e) = enum_fact(table, name.as_deref(), *flags, rank, diags) {
                    e.area = facts.area.clone();
                    facts.enums.push(e);
                }
            }
            TableKind::Ignored | TableKind::Unknown => {}
        }
    }
    string_value_tables(&mut facts, diags);
    if let Some(inherits) = &page.inherits
        && let Some(t) = facts
            .types
            .iter_mut()
            .find(|t| t.rank == Rank::ResourcePage)
    {
        t.base_prose = Some(inherits.clone());
    }
    json_only_properties(page, &resources, &mut facts, diags);
    if page.is_api_page() {
        operations(page, &bodies, &mut facts, op_params, diags);
    }
    examples(page, &bodies, request_body_owner.as_deref(), &mut facts);
    facts
}

fn empty_type(name: String, rank: Rank, origin: Origin) -> TypeFact {
    TypeFact {
        name,
        rank,
        origin,
        base: None,
        base_prose: None,
        base_rows: Vec::new(),
        key: None,
        is_abstract: false,
        open: false,
        description: None,
        properties: Vec::new(),
    }
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

/// `resources/enums-managedtenants.md`, `resources/managedtenants-x.md`: a declared
/// namespace other than `microsoft.graph` whose last segment starts the file name.
fn namespace_in_file_name(file: &str, namespaces: &BTreeSet<String>) -> Option<String> {
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

fn page_namespace(
    page: &Page,
    resources: &[&FencedBlock],
    namespaces: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> String {
    let from_annotation = resources
        .iter()
        .filter_map(|b| b.annotation.as_ref()?.odata_type())
        .map(|t| t.trim_start_matches('#'))
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
                .all(|t| matches!(t.kind, TableKind::Ignored | TableKind::Unknown))
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
    let name = if name.contains('.') {
        name
    } else {
        format!("{namespace}.{name}")
    };
    let base = ann.fields.get("baseType").map(|v| Located {
        value: v
            .as_str()
            .map(|s| s.trim().trim_start_matches('#').to_string())
            .filter(|s| !s.is_empty()),
        origin: ann.origin.clone(),
    });
    let key = ann
        .str_field("keyProperty")
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string);
    let description = page
        .description
        .as_deref()
        .map(prose::strip_placeholders)
        .map(|(d, _)| d)
        .filter(|d| !d.is_empty());
    Some(TypeFact {
        name,
        rank: Rank::ResourcePage,
        origin: ann.origin.clone(),
        base,
        base_prose: None,
        base_rows: Vec::new(),
        key,
        // The annotation's flag when it has one, else what the description says.
        is_abstract: ann
            .bool_field("abstract")
            .or_else(|| ann.bool_field("isAbstract"))
            .unwrap_or_else(|| {
                page.says_abstract
                    || description
                        .as_deref()
                        .is_some_and(|d| prose::says_abstract(&d.to_ascii_lowercase()))
            }),
        open: ann.bool_field("openType").unwrap_or(false),
        description,
        properties: Vec::new(),
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
fn request_body_type(page: &Page, bodies: &[Option<BlockBody>]) -> Option<String> {
    for (b, body) in page.blocks.iter().zip(bodies) {
        let Some(ann) = &b.annotation else { continue };
        if ann.block_type() != Some("request") {
            continue;
        }
        if let Some(t) = ann.odata_type() {
            return Some(t.trim_start_matches('#').to_string());
        }
        if let Some(t) = body.as_ref().and_then(BlockBody::odata_type) {
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

fn property_rows(
    table: &Table,
    navigation: bool,
    rank: Rank,
    diags: &mut Diagnostics,
) -> Vec<PropFact> {
    let (Some(name_col), Some(type_col)) = (
        table.column(NAME_COLUMNS),
        table.column(&["type", "data type"]),
    ) else {
        diags.report(
            Code::TableNoNameColumn,
            &table.origin,
            format!(
                "table `{}` has no name or no Type column",
                table.columns.join("|")
            ),
        );
        return Vec::new();
    };
    let desc_col = table.column(&["description", "descrition", "notes"]);
    let empty = Cell::default();
    let mut out: Vec<PropFact> = Vec::new();
    for row in &table.rows {
        let name_cell = row.cells.get(name_col).unwrap_or(&empty);
        let type_cell = row.cells.get(type_col).unwrap_or(&empty);
        let desc_cell = desc_col.and_then(|c| row.cells.get(c)).unwrap_or(&empty);
        // Bold group rows (`|**Calendar**|||`) separate sections.
        if name_cell.raw.starts_with("**") && type_cell.text.is_empty() && desc_cell.text.is_empty()
        {
            continue;
        }
        let Some(name) = clean_name(name_cell, &row.origin, diags) else {
            continue;
        };
        let ty = type_cell::parse(type_cell);
        match &ty {
            Err(why) => diags.push(Diagnostic::new(
                Code::TypeCellUnparsed,
                &row.origin,
                format!("property `{name}`: {why}; typed as untyped JSON"),
            )),
            Ok(TypeCell {
                note: Some(note), ..
            }) => diags.report(
                Code::TypeCellNormalized,
                &row.origin,
                format!("property `{name}`: Type cell `{}`: {note}", type_cell.text),
            ),
            Ok(_) => {}
        }
        let (description, had_placeholder) = prose::strip_placeholders(&desc_cell.raw);
        if had_placeholder {
            diags.report(
                Code::PlaceholderText,
                &row.origin,
                format!("property `{name}`: placeholder description dropped"),
            );
        }
        let allowed = prose::possible_values(&desc_cell.text, &desc_cell.code);
        let hints = prose::hints(&desc_cell.text);
        if let Some(prev) = out.iter().find(|p| p.name == name) {
            let d = Diagnostic::new(
                Code::PropertyDuplicate,
                &row.origin,
                format!("property `{name}` is listed twice in this table; the first row is kept"),
            )
            .with_related(&prev.origin, "first row");
            diags.push(d);
            continue;
        }
        out.push(PropFact {
            name,
            ty,
            navigation,
            description: Some(description).filter(|d| !d.is_empty()),
            allowed,
            hints,
            origin: row.origin.clone(),
            rank,
        });
    }
    out
}

/// Property name from its cell: markup and suffixes such as `(deprecated)` removed;
/// names that cannot be JSON members are reported and skipped.
fn clean_name(cell: &Cell, origin: &Origin, diags: &mut Diagnostics) -> Option<String> {
    let text = cell.text.trim();
    let mut name = text
        .trim_matches(|c: char| c == '*' || c == '`' || c == '"')
        .trim()
        .to_string();
    let mut cleaned = name != text || !cell.links.is_empty();
    if let Some(paren) = name.find(" (").or_else(|| name.find('('))
        && name.ends_with(')')
    {
        name = name[..paren].trim().to_string();
        cleaned = true;
    }
    if name.is_empty() {
        return None;
    }
    let valid = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '-' | '$'));
    if !valid {
        diags.report(
            Code::PropertyNameInvalid,
            origin,
            format!("`{text}` is not a property name; the row is skipped"),
        );
        return None;
    }
    if cleaned {
        diags.report(
            Code::PropertyNameCleaned,
            origin,
            format!("property name `{}` read as `{name}`", cell.raw),
        );
    }
    Some(name)
}

fn enum_fact(
    table: &Table,
    name: Option<&str>,
    flags: bool,
    rank: Rank,
    diags: &mut Diagnostics,
) -> Option<EnumFact> {
    let Some(name) = name else {
        diags.report(Code::TableUnknownHeading, &table.origin, "a member table whose headings name no enum (expected `### x values` or `# x enum type`); it is not used");
        return None;
    };
    let member_col = table
        .column(&["member", "members", "member name", "name"])
        .or_else(|| table.column(&["value"]))?;
    let value_col = table
        .column(&["value", "int value", "numeric value"])
        .filter(|c| *c != member_col);
    let desc_col = table.column(&["description"]);
    let mut members: Vec<MemberFact> = Vec::new();
    for row in &table.rows {
        let Some(cell) = row.cells.get(member_col) else {
            continue;
        };
        let member = cell
            .text
            .trim()
            .trim_matches(|c: char| c == '`' || c == '*' || c == '"')
            .trim()
            .to_string();
        if member.is_empty() {
            continue;
        }
        let value = match value_col
            .and_then(|c| row.cells.get(c))
            .map(|c| c.text.trim())
        {
            None | Some("") => None,
            Some(v) => match v.parse::<i64>().ok().or_else(|| parse_hex(v)) {
                Some(n) => Some(n),
                None => {
                    diags.report(Code::EnumValueInvalid, &row.origin, format!("enum `{name}` member `{member}`: value `{v}` is not an integer; ignored"));
                    None
                }
            },
        };
        if members.iter().any(|m| m.name == member) {
            diags.report(
                Code::EnumMemberDuplicate,
                &row.origin,
                format!("enum `{name}` lists `{member}` twice"),
            );
            continue;
        }
        let description = desc_col
            .and_then(|c| row.cells.get(c))
            .map(|c| prose::strip_placeholders(&c.raw).0)
            .filter(|d| !d.is_empty());
        members.push(MemberFact {
            name: member,
            value,
            description,
        });
    }
    Some(EnumFact {
        name: name.to_string(),
        area: None,
        flags,
        members,
        origin: table.origin.clone(),
        rank,
    })
}

fn parse_hex(v: &str) -> Option<i64> {
    i64::from_str_radix(v.strip_prefix("0x").or_else(|| v.strip_prefix("0X"))?, 16).ok()
}

/// Keys of a resource's JSON representation that no table lists become properties of
/// the lowest rank, typed from the placeholder value where it says a type.
fn json_only_properties(
    page: &Page,
    resources: &[&FencedBlock],
    facts: &mut PageFacts,
    diags: &mut Diagnostics,
) {
    for block in resources {
        let Some(ann) = &block.annotation else {
            continue;
        };
        let json = match lenient_json::parse(&block.content) {
            Ok((v, lenient)) => {
                if let Some(err) = lenient {
                    let line = block.content_line + err.line - 1;
                    diags.push(
                        Diagnostic::new(
                            Code::JsonLenient,
                            &Origin::new(&page.file, line),
                            format!(
                                "JSON representation is not strict JSON ({}); read leniently",
                                err.message
                            ),
                        )
                        .at_column(err.column),
                    );
                }
                v
            }
            Err(err) => {
                let line = block.content_line + err.line - 1;
                diags.push(
                    Diagnostic::new(
                        Code::JsonInvalid,
                        &Origin::new(&page.file, line),
                        format!("JSON representation cannot be read: {}", err.message),
                    )
                    .at_column(err.column),
                );
                continue;
            }
        };
        let obj = match &json {
            Value::Object(o) => o,
            Value::Array(a) => match a.first() {
                Some(Value::Object(o)) => o,
                _ => continue,
            },
            _ => continue,
        };
        // The resource fact made from this very annotation.
        let Some(idx) = facts.types.iter().position(|t| t.origin == ann.origin) else {
            continue;
        };
        if facts.types[idx].open {
            // Open types carry arbitrary members; their examples list data, not properties.
            continue;
        }
        // What this page already says of the type, from any of its blocks and tables
        // (a page may show one type in several JSON blocks).
        let name = facts.types[idx].name.clone();
        let mut listed: Vec<String> = facts
            .types
            .iter()
            .filter(|t| t.name == name)
            .flat_map(|t| t.properties.iter().map(|p| p.name.clone()))
            .collect();
        let origin = block.origin.clone();
        for (key, value) in obj {
            if key.starts_with('@') || key.contains("@odata") || listed.contains(key) {
                continue;
            }
            if let Some(p) = listed.iter().find(|p| p.eq_ignore_ascii_case(key)) {
                diags.report(Code::PropertyJsonOnly, &origin, format!("JSON representation has `{key}` where the table has `{p}`; the table's spelling is kept"));
                continue;
            }
            // Sample data, not a member name: `4e98f8f1-…` keys of an assignments map,
            // `String-value`, `rank ` with a space.
            if !crate::type_cell::is_type_name(key) || key.contains('.') {
                diags.report(
                    Code::PropertyNameInvalid,
                    &origin,
                    format!("JSON representation has the member `{key}`, which is sample data rather than a property name; it is not a property"),
                );
                continue;
            }
            listed.push(key.clone());
            facts.types[idx].properties.push(PropFact {
                name: key.clone(),
                ty: infer_json_type(value),
                navigation: false,
                description: None,
                allowed: Vec::new(),
                hints: prose::Hints::default(),
                origin: origin.clone(),
                rank: Rank::Example,
            });
        }
    }
}

/// The type a placeholder value in a JSON representation says, when it says one.
fn infer_json_type(v: &Value) -> Result<TypeCell, String> {
    let single = |expr| {
        Ok(TypeCell {
            expr,
            collection: false,
            note: None,
        })
    };
    match v {
        Value::Bool(_) => single(TypeExpr::Primitive(Primitive::Boolean)),
        Value::String(s) => {
            let lower = s.to_ascii_lowercase();
            let p = if lower.contains("timestamp") {
                Primitive::DateTimeOffset
            } else if let Some((p, _)) = Primitive::from_word(s.trim()) {
                p
            } else if lower.starts_with("string") {
                Primitive::String
            } else {
                return Err(format!("the example value `{s}` does not say a type"));
            };
            single(TypeExpr::Primitive(p))
        }
        Value::Object(o) => match o.get("@odata.type").and_then(Value::as_str) {
            Some(t) => single(TypeExpr::Named {
                name: t.trim_start_matches('#').to_string(),
                link: None,
            }),
            None => Err("an object without `@odata.type`".into()),
        },
        Value::Array(a) => {
            let inner = a
                .first()
                .map(infer_json_type)
                .unwrap_or_else(|| Err("an empty array".into()))?;
            Ok(TypeCell {
                collection: true,
                ..inner
            })
        }
        Value::Number(_) | Value::Null => Err("a number or null does not say a type".into()),
    }
}

/// A request example: method, body type, the response (status, type, collection), place.
type ExamplePair = (
    String,
    Option<String>,
    Option<(Option<u16>, Option<String>, bool)>,
    Origin,
);

/// Operations of an API page: template lines from the HTTP request section, paired
/// request/response examples, and parameter tables.
fn operations(
    page: &Page,
    bodies: &[Option<BlockBody>],
    facts: &mut PageFacts,
    params: Vec<PropFact>,
    diags: &mut Diagnostics,
) {
    let mut templates: Vec<(String, String, Origin)> = Vec::new();
    // The template is usually unannotated or `ignored`; a few pages annotate it as the
    // request example (`GET /me/drive/special/{name}`), read only when there is no other.
    for annotated in [false, true] {
        if !templates.is_empty() {
            break;
        }
        for b in &page.blocks {
            // Under `## HTTP request`, or a subheading of it (`### Get the photo`).
            let in_http_section = b
                .headings
                .iter()
                .any(|h| h.to_ascii_lowercase().starts_with("http request"));
            let ann_type = b.annotation.as_ref().and_then(Annotation::block_type);
            let wanted = if annotated {
                ann_type == Some("request")
            } else {
                matches!(ann_type, None | Some("ignored"))
            };
            if in_http_section && wanted {
                http_templates(page, b, &mut templates, diags);
            }
        }
    }

    // Pair each response with the request before it.
    let mut pending: Option<(String, Option<String>, Origin)> = None;
    let mut pairs: Vec<ExamplePair> = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        let Some(ann) = &b.annotation else { continue };
        match ann.block_type() {
            Some("request") => {
                flush_unpaired(&mut pending, &mut pairs, diags);
                let Some(req) = http::parse_request(&b.content) else {
                    diags.report(
                        Code::HttpInvalid,
                        &b.origin,
                        "request block does not start with `METHOD URL`",
                    );
                    continue;
                };
                let origin = Origin::new(&page.file, b.content_line + req.line);
                if let Some(why) = url_problem(&req.url) {
                    diags.report(
                        Code::RequestUrlInvalid,
                        &origin,
                        format!("request URL `{}` {why}", req.url),
                    );
                }
                let body_type = ann
                    .odata_type()
                    .map(|t| t.trim_start_matches('#').to_string())
                    .or_else(|| bodies[i].as_ref().and_then(BlockBody::odata_type));
                pending = Some((req.method, body_type, origin));
            }
            Some("response") => {
                let Some(resp) = http::parse_response(&b.content) else {
                    diags.report(
                        Code::HttpInvalid,
                        &b.origin,
                        "response block has no `HTTP/1.1 <status>` line",
                    );
                    continue;
                };
                if resp.status.is_none() {
                    diags.report(
                        Code::HttpInvalid,
                        &Origin::new(&page.file, b.content_line + resp.line),
                        "response status line has no status code",
                    );
                }
                let (ty, collection) = response_type(ann);
                let response = Some((resp.status, ty, collection));
                match pending.take() {
                    Some((m, t, o)) => pairs.push((m, t, response, o)),
                    None => {
                        // With one method on the page, the response can only be its.
                        let mut methods = templates.iter().map(|t| &t.0);
                        let only = methods.next().filter(|m| methods.all(|n| n == *m));
                        let message = match only {
                            Some(m) => {
                                pairs.push((m.clone(), None, response, ann.origin.clone()));
                                format!("response example has no request example before it; it is taken as the response of the page's only method, {m}")
                            }
                            None if templates.is_empty() => "response example has no request example before it, and the page has no HTTP request section; it is not used".to_string(),
                            None => "response example has no request example before it, and the page has several methods; it is not used".to_string(),
                        };
                        diags.report(Code::ResponseUnpaired, &ann.origin, message);
                    }
                }
            }
            _ => {}
        }
    }
    flush_unpaired(&mut pending, &mut pairs, diags);

    let mut methods: Vec<String> = Vec::new();
    for m in templates
        .iter()
        .map(|t| &t.0)
        .chain(pairs.iter().map(|p| &p.0))
    {
        if !methods.contains(m) {
            methods.push(m.clone());
        }
    }
    let mut params = Some(params);
    // What the Response and Request body prose says, used where no example says it, and
    // only when the page has one method (the prose does not say which one it means).
    let single = methods.len() == 1;
    let prose_response = page
        .contract_prose
        .iter()
        .filter(|p| single && p.section == Contract::Response)
        .find_map(|p| prose::response_contract(&p.text, &p.links));
    let prose_request = page
        .contract_prose
        .iter()
        .filter(|p| single && p.section == Contract::RequestBody)
        .find_map(|p| prose::request_contract(&p.text, &p.links));
    for method in methods {
        let paths: Vec<String> = templates
            .iter()
            .filter(|t| t.0 == method)
            .map(|t| t.1.clone())
            .collect();
        let mine: Vec<_> = pairs.iter().filter(|p| p.0 == method).collect();
        let origin = templates
            .iter()
            .find(|t| t.0 == method)
            .map(|t| t.2.clone())
            .or_else(|| mine.first().map(|p| p.3.clone()))
            .unwrap_or_else(|| Origin::new(&page.file, 1));
        let mut request_link = None;
        let request = mine.iter().find_map(|p| p.1.clone()).or_else(|| {
            let t = prose_request.clone()?;
            request_link = t.link;
            Some(t.name)
        });
        let mut response_link = None;
        let mut from_prose = |ty: &prose::ProseType| {
            response_link = ty.link.clone();
            (Some(ty.name.clone()), ty.collection)
        };
        let response = match (mine.iter().find_map(|p| p.2.clone()), &prose_response) {
            // An example response with no type annotation: the prose says the type.
            (Some((status, None, _)), Some((_, Some(ty)))) => {
                let (ty, collection) = from_prose(ty);
                Some((status, ty, collection))
            }
            (Some(example), _) => Some(example),
            (None, Some((status, ty))) => {
                let (ty, collection) = ty.as_ref().map_or((None, false), &mut from_prose);
                Some((*status, ty, collection))
            }
            (None, None) => None,
        };
        facts.operations.push(OpFact {
            method,
            paths,
            request,
            response,
            request_link,
            response_link,
            parameters: params.take().unwrap_or_default(),
            origin,
        });
    }
}

/// The `METHOD /path` lines of a block in an HTTP request section, each path once.
fn http_templates(
    page: &Page,
    b: &FencedBlock,
    templates: &mut Vec<(String, String, Origin)>,
    diags: &mut Diagnostics,
) {
    for (i, line) in b.content.lines().enumerate() {
        let origin = Origin::new(&page.file, b.content_line + i as u32);
        let mut parts = line.split_whitespace();
        let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
            continue;
        };
        let method = method.to_ascii_uppercase();
        if !["GET", "POST", "PATCH", "PUT", "DELETE"].contains(&method.as_str()) {
            continue;
        }
        let rest: Vec<&str> = std::iter::once(path).chain(parts).collect();
        let path = rest.join(" ");
        if let Some(why) = url_problem(&path) {
            diags.report(
                Code::RequestUrlInvalid,
                &origin,
                format!("path template `{path}` {why}"),
            );
            continue;
        }
        // A template written as a full URL (`https://graph.microsoft.com/v1.0/sites/…`)
        // means the same path as the others, which are relative.
        let path = match path
            .strip_prefix("https://graph.microsoft.com/")
            .and_then(|rest| rest.split_once('/'))
        {
            Some((_, rest)) => {
                let relative = format!("/{rest}");
                diags.report(
                    Code::RequestUrlInvalid,
                    &origin,
                    format!("path template `{path}` is a full URL; read as `{relative}`"),
                );
                relative
            }
            None => path,
        };
        if !templates.iter().any(|t| t.0 == method && t.1 == path) {
            templates.push((method, path, origin));
        }
    }
}

/// A request still waiting for its response when another request (or the page end)
/// comes: it has none.
fn flush_unpaired(
    pending: &mut Option<(String, Option<String>, Origin)>,
    pairs: &mut Vec<ExamplePair>,
    diags: &mut Diagnostics,
) {
    if let Some((m, t, o)) = pending.take() {
        diags.report(
            Code::ResponseUnpaired,
            &o,
            "request example has no response example after it",
        );
        pairs.push((m, t, None, o));
    }
}

/// The response annotation's type: `Collection(x)` or `isCollection` make a collection.
fn response_type(ann: &Annotation) -> (Option<String>, bool) {
    let mut collection = ann.bool_field("isCollection").unwrap_or(false);
    let ty = ann.odata_type().map(|t| {
        let t = t.trim_start_matches('#');
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("collection(") && t.ends_with(')') {
            collection = true;
            t["collection(".len()..t.len() - 1].to_string()
        } else {
            t.to_string()
        }
    });
    (ty.filter(|t| type_cell::is_type_name(t)), collection)
}

/// Why a request URL or path template is not a usable Graph URL, if it is not.
fn url_problem(url: &str) -> Option<&'static str> {
    if url.contains("**") || url.to_ascii_lowercase().contains("not found") {
        return Some("is a stub left by a template, not a URL");
    }
    if url.contains('\\') {
        return Some("contains a backslash (a file path, not a URL)");
    }
    if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if !host.eq_ignore_ascii_case("graph.microsoft.com") {
            return Some("points outside graph.microsoft.com");
        }
        let version = path.split('/').next().unwrap_or("");
        if version != "v1.0" && version != "beta" {
            return Some("has a version segment that is neither `v1.0` nor `beta`");
        }
    }
    None
}

/// A request, response or example body, parsed once per page.
#[derive(Debug)]
pub struct BlockBody {
    json: Value,
    origin: Origin,
}

impl BlockBody {
    fn odata_type(&self) -> Option<String> {
        self.json
            .get("@odata.type")?
            .as_str()
            .map(|t| t.trim_start_matches('#').to_string())
    }
}

/// The JSON body of every block that has one (annotated requests, responses and
/// examples; on API pages also unannotated ```http blocks, the Intune dialect), by block.
/// Leniency and parse failures are reported here, once.
fn block_bodies(page: &Page, diags: &mut Diagnostics) -> Vec<Option<BlockBody>> {
    page.blocks
        .iter()
        .map(|b| {
            let (text, line) = body_text(page, b)?;
            let origin = Origin::new(&page.file, b.content_line + line);
            let json = example_json(&text, &origin, diags)?;
            Some(BlockBody { json, origin })
        })
        .collect()
}

/// The text of a block's JSON body and its line offset inside the block.
fn body_text(page: &Page, b: &FencedBlock) -> Option<(String, u32)> {
    let body = |body: Option<http::Body>| body.map(|b| (b.text, b.line));
    let (text, line) = match b.annotation.as_ref() {
        Some(ann) => match ann.block_type() {
            // A response may also be a bare JSON body without a status line.
            Some("response") => match http::parse_response(&b.content) {
                Some(resp) => body(resp.body)?,
                None => (b.content.clone(), 0),
            },
            Some("request") => body(http::parse_request(&b.content)?.body)?,
            Some("example") => (b.content.clone(), 0),
            _ => return None,
        },
        None if page.is_api_page()
            && matches!(b.lang.as_str(), "http" | "" | "msgraph-interactive") =>
        {
            let found = match http::parse_response(&b.content) {
                Some(resp) => resp.body,
                None => http::parse_request(&b.content)?.body,
            };
            body(found).filter(|(t, _)| t.trim_start().starts_with('{'))?
        }
        None => return None,
    };
    text.trim_start()
        .starts_with(['{', '['])
        .then_some((text, line))
}

/// Parses an example body, reporting leniency and failure at the body's lines.
fn example_json(body: &str, origin: &Origin, diags: &mut Diagnostics) -> Option<Value> {
    match lenient_json::parse(body) {
        Ok((v, lenient)) => {
            if let Some(err) = lenient {
                let at = Origin::new(&origin.file, origin.line + err.line - 1);
                let msg = format!(
                    "example body is not strict JSON ({}); read leniently",
                    err.message
                );
                diags.push(Diagnostic::new(Code::JsonLenient, &at, msg).at_column(err.column));
            }
            Some(v)
        }
        Err(err) => {
            let at = Origin::new(&origin.file, origin.line + err.line - 1);
            let msg = format!("example body cannot be read as JSON: {}", err.message);
            diags.push(Diagnostic::new(Code::JsonInvalid, &at, msg).at_column(err.column));
            None
        }
    }
}

/// Bodies of request, response and example blocks that name their type. `body_owner` is
/// the type a Create/Update page's request body describes, for request bodies whose
/// annotation and JSON do not name their type.
fn examples(
    page: &Page,
    bodies: &[Option<BlockBody>],
    body_owner: Option<&str>,
    facts: &mut PageFacts,
) {
    for (b, body) in page.blocks.iter().zip(bodies) {
        let Some(body) = body else { continue };
        let Some(ann) = &b.annotation else {
            unannotated_example(body, facts);
            continue;
        };
        let (ty, collection) = match ann.block_type() {
            Some("response") | Some("example") => response_type(ann),
            Some("request") => {
                let writes = http::parse_request(&b.content)
                    .is_some_and(|r| matches!(r.method.as_str(), "POST" | "PATCH" | "PUT"));
                let ty = ann
                    .odata_type()
                    .map(|t| t.trim_start_matches('#').to_string())
                    .or_else(|| writes.then(|| body_owner.map(str::to_string)).flatten())
                    .or_else(|| body.odata_type());
                (ty, false)
            }
            _ => continue,
        };
        if let Some(type_name) = ty {
            facts.examples.push(ExampleFact {
                type_name,
                collection,
                json: body.json.clone(),
                origin: body.origin.clone(),
            });
        }
    }
}

/// An example with no annotation (the Intune dialect never annotates) whose JSON names
/// its type with `@odata.type`. Each item of a `value` array is typed by its own.
fn unannotated_example(body: &BlockBody, facts: &mut PageFacts) {
    let json = &body.json;
    let items: Vec<&Value> = match json.get("value") {
        Some(Value::Array(items)) if json.get("@odata.type").is_none() => items.iter().collect(),
        _ => vec![json],
    };
    for item in items {
        if let Some(type_name) = item.get("@odata.type").and_then(Value::as_str) {
            facts.examples.push(ExampleFact {
                type_name: type_name.trim_start_matches('#').to_string(),
                collection: false,
                json: item.clone(),
                origin: body.origin.clone(),
            });
        }
    }
}
