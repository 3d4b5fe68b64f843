//! Facts from all pages → one [`Schema`]. One definition per qualified name; facts merge
//! by precedence (resource page > API-page tables > JSON examples and inline lists), and
//! every disagreement is a diagnostic naming both places.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;

use super::enums::merge_enum;
use super::facts::{EnumFact, ExampleFact, MemberFact, PageFacts, PropFact, Rank, TypeFact};
use super::inheritance::inheritance;
use super::model::{EnumDef, Kind, Operation, Parameter, Property, Response, Schema, TypeDef};
use super::resolve::{Ctx, DefKind, Index, Resolution, namespace_of, short};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
use crate::page::Link;
use crate::type_cell::{Primitive, TypeCell, TypeExpr};

/// A JSON example with its type resolved.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Example {
    pub type_name: String,
    pub collection: bool,
    pub json: serde_json::Value,
    pub origin: Origin,
}

/// Builds the schema; `pages` may come in any order.
pub fn build(mut pages: Vec<PageFacts>, diags: &mut Diagnostics) -> (Schema, Vec<Example>) {
    pages.sort_by(|a, b| a.file.cmp(&b.file));
    let mut index = Index::default();
    for p in &pages {
        for t in p.types.iter().filter(|t| t.rank == Rank::ResourcePage) {
            index.add_namespace(namespace_of(&t.name));
        }
    }
    for p in &pages {
        index.add_namespace(&p.namespace);
    }

    // 1. Definitions: resource types, then enum tables, then types only API pages describe.
    let mut type_groups: BTreeMap<String, Vec<(&PageFacts, &TypeFact)>> = BTreeMap::new();
    let mut enum_groups: BTreeMap<String, Vec<EnumFact>> = BTreeMap::new();
    for p in &pages {
        for t in p.types.iter().filter(|t| t.rank == Rank::ResourcePage) {
            let q = index.canon(&t.name);
            index.define(&q, DefKind::Type, &t.origin);
            type_groups.entry(q).or_default().push((p, t));
        }
    }
    for p in &pages {
        let ns = index.canon_ns(&p.namespace);
        for e in &p.enums {
            let q = format!("{ns}.{}", e.name);
            if index.kind(&q) == Some(DefKind::Type) {
                let d = Diagnostic::new(Code::KindConflict, &e.origin, format!("`{q}` is listed as an enum here but defined as a type elsewhere; the type is kept"))
                    .with_related(&index.defs[&q].1, "type definition");
                diags.push(d);
                continue;
            }
            index.define(&q, DefKind::Enum, &e.origin);
            enum_groups.entry(q).or_default().push(clone_enum(e));
        }
    }
    for p in &pages {
        for t in p.types.iter().filter(|t| t.rank != Rank::ResourcePage) {
            let q = index
                .identify(&t.name)
                .reported(&t.origin, diags)
                .unwrap_or_else(|_| index.canon(&t.name));
            if index.kind(&q) == Some(DefKind::Enum) {
                continue;
            }
            index.define(&q, DefKind::Type, &t.origin);
            type_groups.entry(q).or_default().push((p, t));
        }
    }

    // 2. Enums that exist only as inline "Possible values" lists or `Enumeration` cells.
    for (q, group) in &type_groups {
        for (p, t) in group {
            for prop in &t.properties {
                if prop.allowed.is_empty() {
                    continue;
                }
                let name = match &prop.ty {
                    Ok(TypeCell {
                        expr: TypeExpr::Named { name, link },
                        ..
                    }) => {
                        let ctx = Ctx {
                            namespace: &p.namespace,
                            file: &p.file,
                        };
                        // Only whether the name is defined matters here: `merge_type`
                        // resolves the same cell again and reports the fallback it takes.
                        match index.resolve(name, link.as_deref(), &ctx).into_result() {
                            Ok(_) => continue,
                            Err(guess) => guess,
                        }
                    }
                    Ok(TypeCell {
                        expr: TypeExpr::AnonymousEnum,
                        ..
                    }) => synthesized_enum_name(q, &prop.name),
                    _ => continue,
                };
                if index.kind(&name).is_none() {
                    index.define(&name, DefKind::Enum, &prop.origin);
                }
            }
        }
    }

    // 3. Types.
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    let mut base_rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (q, group) in &type_groups {
        let (def, rows) = merge_type(q, group, &index, &mut enum_groups, diags);
        base_rows.insert(q.clone(), rows);
        types.insert(q.clone(), def);
    }
    inheritance(&mut types, &base_rows, diags);

    // 4. Enums.
    let enums: Vec<EnumDef> = enum_groups
        .into_iter()
        .filter(|(q, _)| !types.contains_key(q))
        .map(|(q, facts)| merge_enum(&q, facts, diags))
        .collect();

    // 5. Operations and examples.
    let mut operations = Vec::new();
    let mut examples = Vec::new();
    for p in &pages {
        let ctx = Ctx {
            namespace: &p.namespace,
            file: &p.file,
        };
        for op in &p.operations {
            let ident = |t: &Option<String>, link: &Option<String>, diags: &mut Diagnostics| {
                let t = t.as_deref()?;
                Some(operation_type(
                    t,
                    link.as_deref(),
                    &index,
                    &ctx,
                    &op.origin,
                    diags,
                ))
            };
            let request = ident(&op.request, &op.request_link, diags);
            let response = op
                .response
                .as_ref()
                .map(|(status, ty, collection)| Response {
                    status: *status,
                    ty: ident(ty, &op.response_link, diags),
                    collection: *collection,
                });
            let parameters = op
                .parameters
                .iter()
                .map(|prop| {
                    let (ty, collection) = resolve_prop_type(prop, &ctx, &index, "", diags);
                    Parameter {
                        name: prop.name.clone(),
                        ty,
                        collection,
                        source: prop.origin.clone(),
                    }
                })
                .collect();
            operations.push(Operation {
                method: op.method.clone(),
                paths: op.paths.clone(),
                request,
                response,
                parameters,
                sources: vec![op.origin.clone()],
            });
        }
        for ex in &p.examples {
            if let Some(e) = resolve_example(ex, &index, &types, diags) {
                examples.push(e);
            }
        }
    }

    let schema = Schema {
        types: types.into_values().collect(),
        enums,
        operations,
    };
    (schema, examples)
}

fn clone_enum(e: &EnumFact) -> EnumFact {
    EnumFact {
        name: e.name.clone(),
        area: e.area.clone(),
        flags: e.flags,
        members: e.members.clone(),
        origin: e.origin.clone(),
        rank: e.rank,
    }
}

/// `microsoft.graph.operation` + `status` → `microsoft.graph.operationStatus`.
fn synthesized_enum_name(owner: &str, prop: &str) -> String {
    format!("{owner}{}", prop.to_upper_camel_case())
}

/// Merges the facts about one type; returns it and the base candidates named by
/// "Inherited from" rows.
fn merge_type(
    q: &str,
    group: &[(&PageFacts, &TypeFact)],
    index: &Index,
    enums: &mut BTreeMap<String, Vec<EnumFact>>,
    diags: &mut Diagnostics,
) -> (TypeDef, Vec<String>) {
    let mut group: Vec<&(&PageFacts, &TypeFact)> = group.iter().collect();
    group.sort_by(|a, b| (a.1.rank, &a.1.origin).cmp(&(b.1.rank, &b.1.origin)));
    let mut def = TypeDef {
        namespace: namespace_of(q).to_string(),
        name: short(q).to_string(),
        kind: Kind::Complex,
        base: None,
        is_abstract: false,
        open: false,
        key: None,
        description: None,
        area: None,
        properties: Vec::new(),
        sources: Vec::new(),
    };
    let mut base_origin: Option<Origin> = None;
    let mut prose_base: Option<(String, Origin)> = None;
    let mut row_bases: Vec<String> = Vec::new();
    let mut prop_origin: BTreeMap<String, (Origin, String, bool)> = BTreeMap::new();
    let has_resource_page = group.iter().any(|(_, t)| t.rank == Rank::ResourcePage);
    // The type's own page (`resources/user.md` for `user`) says its area and description,
    // rather than whichever page sorts first (`intune-devices-user.md`).
    let home = group.iter().find(|(p, t)| {
        t.rank == Rank::ResourcePage
            && crate::schema::page_stem(&p.file).eq_ignore_ascii_case(short(q))
    });
    if let Some((p, t)) = home {
        def.area = p.area.clone();
        def.description = t.description.clone();
    }
    for (p, t) in &group {
        let ctx = Ctx {
            namespace: &p.namespace,
            file: &p.file,
        };
        def.sources.push(t.origin.clone());
        if def.description.is_none() {
            def.description = t.description.clone();
        }
        if def.area.is_none() {
            def.area = p.area.clone();
        }
        if def.key.is_none() {
            def.key = t.key.clone();
        }
        def.is_abstract |= t.is_abstract;
        def.open |= t.open;
        if let Some(base) = &t.base
            && let Some(name) = &base.value
        {
            let resolved = index
                .resolve(name, None, &ctx)
                .reported(&base.origin, diags)
                .unwrap_or_else(|guess| {
                    diags.report(
                        Code::BaseUnknown,
                        &base.origin,
                        format!("base type `{name}` of `{q}` is defined nowhere"),
                    );
                    guess
                });
            match (&def.base, &base_origin) {
                (Some(existing), Some(first)) if *existing != resolved => {
                    let d = Diagnostic::new(Code::BaseConflict, &base.origin, format!("base type of `{q}` is `{resolved}` here but `{existing}` elsewhere; `{existing}` is kept"))
                        .with_related(first, format!("base `{existing}`"));
                    diags.push(d);
                }
                (None, _) => {
                    def.base = Some(resolved);
                    base_origin = Some(base.origin.clone());
                }
                _ => {}
            }
        }
        if prose_base.is_none()
            && let Some(link) = &t.base_prose
            && let Some(b) = link_base(&link.value, &ctx, index).reported(&link.origin, diags)
        {
            prose_base = Some((b, link.origin.clone()));
        }
        for row in &t.base_rows {
            // Not reported: every inherited row repeats the same link, and rows only
            // propose candidates (`inheritance` picks one when nothing else names the
            // base). On both Graph trees no row takes a fallback or names an unknown type.
            if let Some(b) = link_base(&row.value, &ctx, index).into_name()
                && b != q
                && !row_bases.contains(&b)
            {
                row_bases.push(b);
            }
        }
        for prop in &t.properties {
            let (ty, collection) = resolve_prop_type(prop, &ctx, index, q, diags);
            let is_enum = index.kind(&ty) == Some(DefKind::Enum);
            if is_enum && !prop.allowed.is_empty() {
                enums.entry(ty.clone()).or_default().push(EnumFact {
                    name: short(&ty).to_string(),
                    area: p.area.clone(),
                    flags: false,
                    members: prop
                        .allowed
                        .iter()
                        .map(|m| MemberFact {
                            name: m.clone(),
                            value: None,
                            description: None,
                        })
                        .collect(),
                    origin: prop.origin.clone(),
                    rank: Rank::Example,
                });
            }
            if let Some((first, first_ty, first_coll)) = prop_origin.get(&prop.name) {
                if *first_ty != ty || *first_coll != collection {
                    let show = |t: &str, c: bool| {
                        if c {
                            format!("{t} collection")
                        } else {
                            t.to_string()
                        }
                    };
                    let d = Diagnostic::new(
                        Code::PropertyConflict,
                        &prop.origin,
                        format!("`{q}.{}` is `{}` here but `{}` in a higher-precedence place, which is kept", prop.name, show(&ty, collection), show(first_ty, *first_coll)),
                    )
                    .with_related(first, "kept definition");
                    diags.push(d);
                }
                if let Some(existing) = def.properties.iter_mut().find(|x| x.name == prop.name) {
                    existing.sources.push(prop.origin.clone());
                    // Listed under both Properties and Relationships: a navigation property.
                    existing.navigation |= prop.navigation && prop.rank == Rank::ResourcePage;
                    if existing.description.is_none() {
                        existing.description = prop.description.clone();
                    }
                    if existing.allowed_values.is_empty() && !is_enum && ty == "Edm.String" {
                        existing.allowed_values = prop.allowed.clone();
                    }
                }
                continue;
            }
            prop_origin.insert(
                prop.name.clone(),
                (prop.origin.clone(), ty.clone(), collection),
            );
            let is_key = def.key.as_deref() == Some(prop.name.as_str());
            def.properties.push(Property {
                name: prop.name.clone(),
                allowed_values: if is_enum {
                    Vec::new()
                } else {
                    prop.allowed.clone()
                },
                ty,
                collection,
                navigation: prop.navigation,
                nullable: !(prop.hints.not_nullable || is_key),
                read_only: prop.hints.read_only,
                required: prop.hints.required || is_key,
                description: prop.description.clone(),
                sources: vec![prop.origin.clone()],
                from_example: prop.rank == Rank::Example,
                api_only: prop.rank == Rank::ApiTable && has_resource_page,
            });
        }
    }
    match (&def.base, prose_base) {
        (None, Some((b, _))) if b != q => {
            def.base = Some(b);
            row_bases.clear();
        }
        (Some(annotated), Some((b, origin))) if *annotated != b && b != q => {
            let d = Diagnostic::new(
                Code::BaseConflict,
                &origin,
                format!(
                    "the prose names `{b}` as the base of `{q}`, the annotation `{annotated}`; the annotation's is kept"
                ),
            );
            let d = match &base_origin {
                Some(first) => d.with_related(first, format!("`baseType` `{annotated}`")),
                None => d,
            };
            diags.push(d);
        }
        _ => {}
    }
    (def, row_bases)
}

/// An operation's request or response type as written (an annotation's `@odata.type`, a
/// prose link's text, or a primitive), qualified.
fn operation_type(
    t: &str,
    link: Option<&str>,
    index: &Index,
    ctx: &Ctx<'_>,
    origin: &Origin,
    diags: &mut Diagnostics,
) -> String {
    // A type named by a prose link: the only type its page defines, or failing that the
    // link's usual resolution.
    if let Some(dest) = link {
        if let Some(hit) = index.sole_type_on_page(dest) {
            return hit;
        }
        // A fallback the link took (letter case, plural) is not reported, as before; no
        // prose link on either Graph tree takes one.
        if let Some(hit) = index.resolve(t, Some(dest), ctx).found() {
            return hit.to_string();
        }
    }
    if t.starts_with("Edm.")
        || t.eq_ignore_ascii_case("stream")
        || !t.contains('.') && Primitive::from_word(t).is_some()
    {
        return Primitive::from_word(t)
            .map_or_else(|| t.to_string(), |(p, _)| p.edm_name().to_string());
    }
    let found = if t.contains('.') {
        index.identify(t)
    } else {
        // A short name from prose: in the page's namespace first.
        index.resolve(t, None, ctx)
    };
    found.reported(origin, diags).unwrap_or_else(|_| {
        diags.report(
            Code::TypeUnknown,
            origin,
            format!("operation type `{t}` is defined nowhere"),
        );
        index.canon(t)
    })
}

/// What a base-type link ("Inherited from [entity](entity.md)", "inherits from
/// [directoryObject](directoryobject.md)") names.
enum LinkBase {
    /// Found: a structured type, or something else (an enum), which is no base.
    Found {
        resolution: Resolution,
        is_type: bool,
    },
    /// A plain identifier defined nowhere: kept as written, like an unknown `baseType`,
    /// since the page does say it (G0802).
    Unknown { written: String, guess: String },
    /// Link text that is no type name.
    Unusable,
}

fn link_base(link: &Link, ctx: &Ctx<'_>, index: &Index) -> LinkBase {
    // "[Conditional Access Session Control](conditionalaccesssessioncontrol.md)" names
    // `conditionalAccessSessionControl`; "[the entity](entity.md)" names `entity`.
    let text = link.text.trim().trim_matches('`');
    let joined: String = text.split_whitespace().collect();
    let last = text.split_whitespace().last().unwrap_or(text);
    let whole = index.resolve(&joined, Some(&link.dest), ctx);
    let (name, resolution) = match whole.found() {
        Some(_) => (joined.as_str(), whole),
        None => (last, index.resolve(last, Some(&link.dest), ctx)),
    };
    match resolution {
        Resolution::NotFound { guess }
            if name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            LinkBase::Unknown {
                written: name.to_string(),
                guess,
            }
        }
        Resolution::NotFound { .. } => LinkBase::Unusable,
        found => LinkBase::Found {
            is_type: found.found().and_then(|q| index.kind(q)) == Some(DefKind::Type),
            resolution: found,
        },
    }
}

impl LinkBase {
    /// The base type named, if the link names one.
    fn into_name(self) -> Option<String> {
        match self {
            LinkBase::Found {
                resolution,
                is_type,
            } => resolution.into_result().ok().filter(|_| is_type),
            LinkBase::Unknown { guess, .. } => Some(guess),
            LinkBase::Unusable => None,
        }
    }

    /// Reports the fallback the lookup took, or that the base is defined nowhere, and
    /// returns the base type named.
    fn reported(self, origin: &Origin, diags: &mut Diagnostics) -> Option<String> {
        match &self {
            LinkBase::Found { resolution, .. } => resolution.report(origin, diags),
            LinkBase::Unknown { written, .. } => diags.report(
                Code::BaseUnknown,
                origin,
                format!("base type `{written}` is defined nowhere (the page it links to defines no type of that name)"),
            ),
            LinkBase::Unusable => {}
        }
        self.into_name()
    }
}

/// A property's type as a qualified or Edm name, and whether it is a collection.
fn resolve_prop_type(
    prop: &PropFact,
    ctx: &Ctx<'_>,
    index: &Index,
    owner: &str,
    diags: &mut Diagnostics,
) -> (String, bool) {
    match &prop.ty {
        Err(_) => (Primitive::Untyped.edm_name().to_string(), false),
        Ok(cell) => match &cell.expr {
            TypeExpr::Primitive(p) => (p.edm_name().to_string(), cell.collection),
            TypeExpr::AnonymousEnum => {
                if prop.allowed.is_empty() || owner.is_empty() {
                    diags.report(Code::EnumNameSynthesized, &prop.origin, format!("`{}` is typed `Enumeration` without naming the enum or listing its values; typed as Edm.String", prop.name));
                    return (Primitive::String.edm_name().to_string(), cell.collection);
                }
                let name = synthesized_enum_name(owner, &prop.name);
                diags.report(Code::EnumNameSynthesized, &prop.origin, format!("`{}` is typed `Enumeration` without a name; its values form the enum `{name}`", prop.name));
                (name, cell.collection)
            }
            TypeExpr::Named { name, link } => {
                match index
                    .resolve(name, link.as_deref(), ctx)
                    .reported(&prop.origin, diags)
                {
                    Ok(q) => (q, cell.collection),
                    Err(guess) => {
                        if index.kind(&guess).is_none() {
                            let d = Diagnostic::new(
                                Code::TypeUnknown,
                                &prop.origin,
                                format!(
                                    "property `{}`: type `{name}` is defined nowhere; typed as untyped JSON in Rust",
                                    prop.name
                                ),
                            );
                            diags.push(d);
                        }
                        (guess, cell.collection)
                    }
                }
            }
        },
    }
}

fn resolve_example(
    ex: &ExampleFact,
    index: &Index,
    types: &BTreeMap<String, TypeDef>,
    diags: &mut Diagnostics,
) -> Option<Example> {
    if !crate::type_cell::is_type_name(&ex.type_name) || !ex.type_name.contains('.') {
        return None;
    }
    // A fallback taken (letter case, namespace) is not reported: the example's
    // `@odata.type` repeats the type its page's request or response names, and each
    // such page on both Graph trees already has that report.
    match index.identify(&ex.type_name).into_result() {
        Ok(q) if types.contains_key(&q) || index.kind(&q) == Some(DefKind::Enum) => Some(Example {
            type_name: q,
            collection: ex.collection,
            json: ex.json.clone(),
            origin: ex.origin.clone(),
        }),
        _ => {
            diags.report(
                Code::ExampleTypeUnknown,
                &ex.origin,
                format!(
                    "example names `{}`, which is not in the schema; not checked",
                    ex.type_name
                ),
            );
            None
        }
    }
}
