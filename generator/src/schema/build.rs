//! Facts from all pages → one [`Schema`]. One definition per qualified name; facts merge
//! by precedence (resource page > API-page tables > JSON examples and inline lists), and
//! every disagreement is a diagnostic naming both places.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;

use super::enums::merge_enum;
use super::inheritance::{BaseCandidate, BaseEvidence, inheritance};
use super::model::{
    BaseForm, BaseFrom, EnumDef, Kind, Operation, Parameter, Property, QueryOptions, Response,
    Schema, TypeDef,
};
use super::op_names::OperationNames;
use super::resolve::{Ctx, DefKind, Index, Resolution, namespace_of, page_stem, short};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
use crate::facts::type_cell::{Primitive, TypeCell, TypeExpr};
use crate::facts::{
    DerivedForm, EnumFact, ExampleFact, MemberFact, OpFact, PageFacts, PropFact, Rank, TypeFact,
};
use crate::page::Link;

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
    let mut index = namespaces(&pages);

    // 1. Definitions: resource types, then enum tables, then types only API pages describe.
    let mut defs = Definitions::default();
    define_resource_types(&pages, &mut index, &mut defs, diags);
    define_enums(&pages, &mut index, &mut defs, diags);
    define_api_types(&pages, &mut index, &mut defs, diags);

    // 2. Enums that exist only as inline "Possible values" lists or `Enumeration` cells.
    define_inline_enums(&defs.types, &mut index, diags);

    // 3. Types.
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    let mut evidence = BaseEvidence::default();
    for (q, sources) in &defs.types {
        let merged = merge_type(q, sources, &index, &mut defs.enums, diags);
        evidence.rows.insert(q.clone(), merged.row_bases);
        types.insert(q.clone(), merged.def);
    }
    evidence.claims = derived_claims(&defs.types, &index);
    inheritance(&mut types, &evidence, diags);

    // 4. Enums.
    let enums: Vec<EnumDef> = defs
        .enums
        .into_iter()
        .filter(|(q, _)| !types.contains_key(q))
        .map(|(q, facts)| merge_enum(&q, facts, diags))
        .collect();

    // 5. Operations and examples.
    let mut operations = Vec::new();
    let mut examples = Vec::new();
    let mut names = OperationNames::default();
    for p in &pages {
        let ctx = page_ctx(p);
        for op in &p.operations {
            let mut o = operation(op, &index, &ctx, diags);
            o.name = names.assign(&p.file, &p.namespace, &op.method, &op.origin, diags);
            o.namespace = ctx.namespace.to_string();
            o.area = p.area.clone();
            operations.push(o);
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

/// One page's facts about a type: the type and the page that states them.
#[derive(Clone, Copy)]
struct TypeSource<'a> {
    page: &'a PageFacts,
    fact: &'a TypeFact,
}

impl TypeSource<'_> {
    fn ctx(&self) -> Ctx<'_> {
        page_ctx(self.page)
    }
}

/// Every defined name with the facts that describe it.
#[derive(Default)]
struct Definitions<'a> {
    types: BTreeMap<String, Vec<TypeSource<'a>>>,
    enums: BTreeMap<String, Vec<EnumFact>>,
}

/// An index that knows every namespace spelling: resource types' first, then pages'.
fn namespaces(pages: &[PageFacts]) -> Index {
    let mut index = Index::default();
    for p in pages {
        for t in p.types.iter().filter(|t| t.rank == Rank::ResourcePage) {
            index.add_namespace(namespace_of(&t.name));
        }
    }
    for p in pages {
        index.add_namespace(&p.namespace);
    }
    index
}

fn define_resource_types<'a>(
    pages: &'a [PageFacts],
    index: &mut Index,
    defs: &mut Definitions<'a>,
    diags: &mut Diagnostics,
) {
    for page in pages {
        for fact in page.types.iter().filter(|t| t.rank == Rank::ResourcePage) {
            let q = index.canon(&fact.name);
            if !admissible(&q, "type", &fact.origin, diags) {
                continue;
            }
            index.define(&q, DefKind::Type, &fact.origin);
            defs.types
                .entry(q)
                .or_default()
                .push(TypeSource { page, fact });
        }
    }
}

/// Enum tables; a name already defined as a type stays a type.
fn define_enums(
    pages: &[PageFacts],
    index: &mut Index,
    defs: &mut Definitions<'_>,
    diags: &mut Diagnostics,
) {
    for p in pages {
        let ns = index.canon_ns(&p.namespace);
        for e in &p.enums {
            let q = format!("{ns}.{}", e.name);
            if !admissible(&q, "enum", &e.origin, diags) {
                continue;
            }
            if index.kind(&q) == Some(DefKind::Type) {
                let d = Diagnostic::new(Code::KindConflict, &e.origin, format!("`{q}` is listed as an enum here but defined as a type elsewhere; the type is kept"))
                    .with_related(&index.defs[&q].origin, "type definition");
                diags.push(d);
                continue;
            }
            index.define(&q, DefKind::Enum, &e.origin);
            defs.enums.entry(q).or_default().push(clone_enum(e));
        }
    }
}

/// Types described by API pages and examples, under the name they most likely mean.
fn define_api_types<'a>(
    pages: &'a [PageFacts],
    index: &mut Index,
    defs: &mut Definitions<'a>,
    diags: &mut Diagnostics,
) {
    for page in pages {
        for fact in page.types.iter().filter(|t| t.rank != Rank::ResourcePage) {
            let q = index
                .identify(&fact.name)
                .reported(&fact.origin, diags)
                .unwrap_or_else(|_| index.canon(&fact.name));
            if index.kind(&q) == Some(DefKind::Enum) || !admissible(&q, "type", &fact.origin, diags)
            {
                continue;
            }
            index.define(&q, DefKind::Type, &fact.origin);
            defs.types
                .entry(q)
                .or_default()
                .push(TypeSource { page, fact });
        }
    }
}

/// Whether `q` can name a type or enum; if not, it is reported (G1002) and what it
/// names is not defined, so that no later stage meets a name Rust cannot have
/// (`@odata.type: "call-transfer"` once made a type in the empty namespace, which the
/// emitted registry referred to as `crate::CallTransfer`).
fn admissible(q: &str, what: &str, origin: &Origin, diags: &mut Diagnostics) -> bool {
    let Some(defect) = crate::qualified_name::defect(q) else {
        return true;
    };
    diags.report(
        Code::NameInvalid,
        origin,
        format!(
            "the {what} name `{}` is not a qualified name of ASCII identifiers ({defect}); it names no {what}",
            q.escape_debug()
        ),
    );
    false
}

/// Defines the enums that properties with "Possible values" name but no table lists:
/// the name the Type cell most likely means, or one made from the owner and property.
fn define_inline_enums(
    types: &BTreeMap<String, Vec<TypeSource<'_>>>,
    index: &mut Index,
    diags: &mut Diagnostics,
) {
    for (q, sources) in types {
        for source in sources {
            for prop in source
                .fact
                .properties
                .iter()
                .filter(|p| !p.allowed.is_empty())
            {
                let name = match &prop.ty {
                    Ok(TypeCell {
                        expr: TypeExpr::Named { name, link },
                        ..
                    }) => {
                        // Only whether the name is defined matters here: `merge_type`
                        // resolves the same cell again and reports the fallback it takes.
                        match index
                            .resolve(name, link.as_deref(), &source.ctx())
                            .into_result()
                        {
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
                if index.kind(&name).is_none() && admissible(&name, "enum", &prop.origin, diags) {
                    index.define(&name, DefKind::Enum, &prop.origin);
                }
            }
        }
    }
}

/// An operation with its request, response and parameter types resolved.
fn operation(op: &OpFact, index: &Index, ctx: &Ctx<'_>, diags: &mut Diagnostics) -> Operation {
    let mut ident = |t: &Option<String>, link: &Option<String>| {
        let t = t.as_deref()?;
        Some(operation_type(
            t,
            link.as_deref(),
            index,
            ctx,
            &op.origin,
            diags,
        ))
    };
    let request = ident(&op.request, &op.request_link);
    let response = op.response.as_ref().map(|r| Response {
        status: r.status,
        ty: ident(&r.type_name, &op.response_link),
        collection: r.collection,
    });
    let mut parameter = |prop: &PropFact| {
        let PropType { ty, collection } = resolve_prop_type(prop, ctx, index, "", diags);
        Parameter {
            name: prop.name.clone(),
            ty,
            collection,
            source: prop.origin.clone(),
        }
    };
    let parameters = op.parameters.iter().map(&mut parameter).collect();
    let docs = &op.docs;
    let query = docs.query.as_ref().map(|q| QueryOptions {
        support: q.support,
        supported: q.supported.clone(),
        not_supported: q.unsupported.clone(),
        parameters: q.parameters.iter().map(&mut parameter).collect(),
        source: q.source.clone(),
    });
    Operation {
        name: String::new(),
        namespace: String::new(),
        area: None,
        method: op.method.clone(),
        paths: op.paths.clone(),
        templates: docs.templates.clone(),
        request,
        response,
        parameters,
        query,
        headers: docs.headers.clone(),
        permissions: docs.permissions.clone(),
        sources: vec![op.origin.clone()],
        examples: op.examples.clone(),
    }
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

/// A type as merged from all its sources, with the base candidates named by
/// "Inherited from" rows (for `inheritance`, when nothing else names the base).
struct MergedType {
    def: TypeDef,
    row_bases: Vec<BaseCandidate>,
}

/// What base pages say of their derived types (`## Derived types` rows, "is the base type
/// for [x]"), by derived type: each claim a base candidate. A claim naming no type of
/// the schema says nothing about one (its broken link is G0409's).
fn derived_claims(
    types: &BTreeMap<String, Vec<TypeSource<'_>>>,
    index: &Index,
) -> BTreeMap<String, Vec<BaseCandidate>> {
    let mut out: BTreeMap<String, Vec<BaseCandidate>> = BTreeMap::new();
    for (q, sources) in types {
        for source in sources {
            for claim in &source.fact.derived {
                let Some(derived) = link_base(&claim.link.value, &source.ctx(), index).into_name()
                else {
                    continue;
                };
                if derived == *q || !types.contains_key(&derived) {
                    continue;
                }
                let form = match claim.form {
                    DerivedForm::Table => BaseForm::DerivedTypesTable,
                    DerivedForm::Prose => BaseForm::BaseTypeForProse,
                };
                out.entry(derived).or_default().push(BaseCandidate {
                    base: q.clone(),
                    from: BaseFrom {
                        form,
                        source: claim.link.origin.clone(),
                    },
                });
            }
        }
    }
    out
}

/// The base a sentence of prose names ("Inherits from [entity](entity.md)").
struct ProseBase {
    name: String,
    origin: Origin,
}

/// A property's resolved type: a qualified or Edm name, and whether it is a collection.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PropType {
    ty: String,
    collection: bool,
}

impl PropType {
    fn of(ty: &str, collection: bool) -> Self {
        PropType {
            ty: ty.to_string(),
            collection,
        }
    }
}

impl std::fmt::Display for PropType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.collection {
            write!(f, "{} collection", self.ty)
        } else {
            f.write_str(&self.ty)
        }
    }
}

/// The first (highest-precedence) statement of a property, which later ones are
/// compared with.
struct KeptProperty {
    origin: Origin,
    ty: PropType,
}

/// The state of merging one type's sources, highest precedence first.
struct TypeMerge<'a> {
    q: &'a str,
    index: &'a Index,
    def: TypeDef,
    /// Where the kept `baseType` annotation is.
    base_origin: Option<Origin>,
    prose_base: Option<ProseBase>,
    row_bases: Vec<BaseCandidate>,
    kept: BTreeMap<String, KeptProperty>,
    has_resource_page: bool,
}

/// Merges the facts about one type: its header, base and properties from each source in
/// precedence order; the first statement of each wins and later ones that differ are
/// reported.
fn merge_type(
    q: &str,
    sources: &[TypeSource<'_>],
    index: &Index,
    enums: &mut BTreeMap<String, Vec<EnumFact>>,
    diags: &mut Diagnostics,
) -> MergedType {
    let mut sources: Vec<&TypeSource<'_>> = sources.iter().collect();
    sources.sort_by(|a, b| (a.fact.rank, &a.fact.origin).cmp(&(b.fact.rank, &b.fact.origin)));
    let mut merge = TypeMerge::new(q, index, &sources);
    for source in &sources {
        merge.header(source);
        merge.annotated_base(source, diags);
        merge.linked_bases(source, diags);
        for prop in &source.fact.properties {
            merge.property(source.page, prop, enums, diags);
        }
    }
    merge.finish(diags)
}

impl<'a> TypeMerge<'a> {
    fn new(q: &'a str, index: &'a Index, sources: &[&TypeSource<'_>]) -> Self {
        let mut def = TypeDef {
            namespace: namespace_of(q).to_string(),
            name: short(q).to_string(),
            kind: Kind::Complex,
            base: None,
            base_from: None,
            is_abstract: false,
            open: false,
            key: None,
            description: None,
            area: None,
            properties: Vec::new(),
            sources: Vec::new(),
        };
        // The type's own page (`resources/user.md` for `user`) says its area and
        // description, rather than whichever page sorts first (`intune-devices-user.md`).
        let home = sources.iter().find(|s| {
            s.fact.rank == Rank::ResourcePage
                && page_stem(&s.page.file).eq_ignore_ascii_case(short(q))
        });
        if let Some(home) = home {
            def.area = home.page.area.clone();
            def.description = home.fact.description.clone();
        }
        TypeMerge {
            q,
            index,
            def,
            base_origin: None,
            prose_base: None,
            row_bases: Vec::new(),
            kept: BTreeMap::new(),
            has_resource_page: sources.iter().any(|s| s.fact.rank == Rank::ResourcePage),
        }
    }

    /// Description, area and key: the first source that gives one; abstract and open:
    /// any source that says so.
    fn header(&mut self, source: &TypeSource<'_>) {
        let (def, t) = (&mut self.def, source.fact);
        def.sources.push(t.origin.clone());
        if def.description.is_none() {
            def.description = t.description.clone();
        }
        if def.area.is_none() {
            def.area = source.page.area.clone();
        }
        if def.key.is_none() {
            def.key = t.key.clone();
        }
        def.is_abstract |= t.is_abstract;
        def.open |= t.open;
    }

    /// A `baseType` annotation: the first one is kept, a different later one reported.
    fn annotated_base(&mut self, source: &TypeSource<'_>, diags: &mut Diagnostics) {
        let q = self.q;
        // An annotation without `baseType` names no base.
        let Some(base) = &source.fact.base else {
            return;
        };
        let Some(name) = &base.value else { return };
        let resolved = self
            .index
            .resolve(name, None, &source.ctx())
            .reported(&base.origin, diags)
            .unwrap_or_else(|guess| {
                diags.report(
                    Code::BaseUnknown,
                    &base.origin,
                    format!("base type `{name}` of `{q}` is defined nowhere"),
                );
                guess
            });
        match (&self.def.base, &self.base_origin) {
            (Some(existing), Some(first)) if *existing != resolved => {
                let d = Diagnostic::new(Code::BaseConflict, &base.origin, format!("base type of `{q}` is `{resolved}` here but `{existing}` elsewhere; `{existing}` is kept"))
                    .with_related(first, format!("base `{existing}`"));
                diags.push(d);
            }
            (None, _) => {
                self.def.base = Some(resolved);
                self.def.base_from = Some(BaseFrom {
                    form: BaseForm::Annotation,
                    source: base.origin.clone(),
                });
                self.base_origin = Some(base.origin.clone());
            }
            _ => {}
        }
    }

    /// Bases named by links: the first prose sentence, and every "Inherited from" row.
    fn linked_bases(&mut self, source: &TypeSource<'_>, diags: &mut Diagnostics) {
        let ctx = source.ctx();
        if self.prose_base.is_none()
            && let Some(link) = &source.fact.base_prose
            && let Some(name) =
                link_base(&link.value, &ctx, self.index).reported(&link.origin, diags)
        {
            self.prose_base = Some(ProseBase {
                name,
                origin: link.origin.clone(),
            });
        }
        for row in &source.fact.base_rows {
            // Not reported: every inherited row repeats the same link, and rows only
            // propose candidates (`inheritance` picks one when nothing else names the
            // base). On both Graph trees no row takes a fallback or names an unknown type.
            if let Some(b) = link_base(&row.value, &ctx, self.index).into_name()
                && b != self.q
                && !self.row_bases.iter().any(|c| c.base == b)
            {
                self.row_bases.push(BaseCandidate {
                    base: b,
                    from: BaseFrom {
                        form: BaseForm::InheritedFromRow,
                        source: row.origin.clone(),
                    },
                });
            }
        }
    }

    /// One property row or JSON member: the first statement defines the property; later
    /// ones add sources, navigation, description and allowed values, and a different
    /// type is reported. Inline "Possible values" of an enum-typed property are that
    /// enum's lowest-precedence member list.
    fn property(
        &mut self,
        page: &PageFacts,
        prop: &PropFact,
        enums: &mut BTreeMap<String, Vec<EnumFact>>,
        diags: &mut Diagnostics,
    ) {
        let q = self.q;
        let ty = resolve_prop_type(prop, &page_ctx(page), self.index, q, diags);
        let is_enum = self.index.kind(&ty.ty) == Some(DefKind::Enum);
        if is_enum && !prop.allowed.is_empty() {
            enums
                .entry(ty.ty.clone())
                .or_default()
                .push(inline_enum(&ty.ty, page, prop));
        }
        if let Some(kept) = self.kept.get(&prop.name) {
            if kept.ty != ty {
                let d = Diagnostic::new(
                    Code::PropertyConflict,
                    prop.at.as_ref().unwrap_or(&prop.origin),
                    format!("`{q}.{}` is `{ty}` here but `{}` in a higher-precedence place, which is kept", prop.name, kept.ty),
                )
                .with_related(&kept.origin, "kept definition");
                diags.push(d);
            }
            if let Some(existing) = self.def.properties.iter_mut().find(|x| x.name == prop.name) {
                existing.sources.push(prop.origin.clone());
                // Listed under both Properties and Relationships: a navigation property.
                existing.navigation |= prop.navigation && prop.rank == Rank::ResourcePage;
                if existing.description.is_none() {
                    existing.description = prop.description.clone();
                }
                if existing.allowed_values.is_empty() && !is_enum && ty.ty == "Edm.String" {
                    existing.allowed_values = prop.allowed.clone();
                }
            }
            return;
        }
        self.kept.insert(
            prop.name.clone(),
            KeptProperty {
                origin: prop.origin.clone(),
                ty: ty.clone(),
            },
        );
        let is_key = self.def.key.as_deref() == Some(prop.name.as_str());
        self.def.properties.push(Property {
            name: prop.name.clone(),
            allowed_values: if is_enum {
                Vec::new()
            } else {
                prop.allowed.clone()
            },
            ty: ty.ty,
            collection: ty.collection,
            navigation: prop.navigation,
            nullable: !(prop.hints.not_nullable || is_key),
            read_only: prop.hints.read_only,
            required: prop.hints.required || is_key,
            description: prop.description.clone(),
            sources: vec![prop.origin.clone()],
            at: prop.at.clone(),
            from_example: prop.rank == Rank::Example,
            api_only: prop.rank == Rank::ApiTable && self.has_resource_page,
        });
    }

    /// The prose's base when no annotation names one (it then outranks "Inherited
    /// from" rows); a prose base that disagrees with the annotation is reported.
    fn finish(mut self, diags: &mut Diagnostics) -> MergedType {
        let q = self.q;
        match (&self.def.base, self.prose_base) {
            (None, Some(prose)) if prose.name != q => {
                self.def.base = Some(prose.name);
                self.def.base_from = Some(BaseFrom {
                    form: BaseForm::Prose,
                    source: prose.origin,
                });
                self.row_bases.clear();
            }
            (Some(annotated), Some(ProseBase { name: b, origin })) if *annotated != b && b != q => {
                let d = Diagnostic::new(
                    Code::BaseConflict,
                    &origin,
                    format!(
                        "the prose names `{b}` as the base of `{q}`, the annotation `{annotated}`; the annotation's is kept"
                    ),
                );
                let d = match &self.base_origin {
                    Some(first) => d.with_related(first, format!("`baseType` `{annotated}`")),
                    None => d,
                };
                diags.push(d);
            }
            _ => {}
        }
        MergedType {
            def: self.def,
            row_bases: self.row_bases,
        }
    }
}

fn page_ctx(page: &PageFacts) -> Ctx<'_> {
    Ctx {
        namespace: &page.namespace,
        file: &page.file,
    }
}

/// An enum-typed property's "Possible values" as a member list of that enum.
fn inline_enum(q: &str, page: &PageFacts, prop: &PropFact) -> EnumFact {
    EnumFact {
        name: short(q).to_string(),
        area: page.area.clone(),
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
    }
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
            .map_or_else(|| t.to_string(), |w| w.primitive.edm_name().to_string());
    }
    let found = if t.contains('.') {
        index.identify(t)
    } else {
        // A short name from prose: in the page's namespace first.
        index.resolve(t, None, ctx)
    };
    found.reported(origin, diags).unwrap_or_else(|_| {
        let guess = index.canon(t);
        // A name no type can have (`call-transfer`) is not kept as one; a short name
        // from prose (`sample`) is an ordinary unknown type.
        let short_name = crate::facts::type_cell::is_type_name(t) && !t.contains('.');
        if !short_name && !admissible(&guess, "operation type", origin, diags) {
            return Primitive::Untyped.edm_name().to_string();
        }
        diags.report(
            Code::TypeUnknown,
            origin,
            format!("operation type `{t}` is defined nowhere"),
        );
        guess
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
    // A bare name ("Inherits from directoryObject") has no destination.
    let dest = Some(link.dest.as_str()).filter(|d| !d.is_empty());
    let whole = index.resolve(&joined, dest, ctx);
    let (name, resolution) = match whole.found() {
        Some(_) => (joined.as_str(), whole),
        None => (last, index.resolve(last, dest, ctx)),
    };
    match resolution {
        // A bare name that names no type is ordinary prose, not a base.
        Resolution::NotFound { .. } if dest.is_none() => LinkBase::Unusable,
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
) -> PropType {
    let cell = match &prop.ty {
        // An unreadable Type cell was reported when it was read.
        Err(_) => return PropType::of(Primitive::Untyped.edm_name(), false),
        Ok(cell) => cell,
    };
    match &cell.expr {
        TypeExpr::Primitive(p) => PropType::of(p.edm_name(), cell.collection),
        TypeExpr::AnonymousEnum => {
            if prop.allowed.is_empty() || owner.is_empty() {
                diags.report(Code::EnumNameSynthesized, &prop.origin, format!("`{}` is typed `Enumeration` without naming the enum or listing its values; typed as Edm.String", prop.name));
                return PropType::of(Primitive::String.edm_name(), cell.collection);
            }
            let name = synthesized_enum_name(owner, &prop.name);
            diags.report(
                Code::EnumNameSynthesized,
                &prop.origin,
                format!(
                    "`{}` is typed `Enumeration` without a name; its values form the enum `{name}`",
                    prop.name
                ),
            );
            PropType::of(&name, cell.collection)
        }
        TypeExpr::Named { name, link } => {
            let found = index
                .resolve(name, link.as_deref(), ctx)
                .reported(&prop.origin, diags);
            let ty = found.unwrap_or_else(|guess| {
                // A guess an inline list defined as an enum is known after all.
                if index.kind(&guess).is_none() {
                    diags.report(
                        Code::TypeUnknown,
                        &prop.origin,
                        format!(
                            "property `{}`: type `{name}` is defined nowhere; typed as untyped JSON in Rust",
                            prop.name
                        ),
                    );
                }
                guess
            });
            PropType::of(&ty, cell.collection)
        }
    }
}

fn resolve_example(
    ex: &ExampleFact,
    index: &Index,
    types: &BTreeMap<String, TypeDef>,
    diags: &mut Diagnostics,
) -> Option<Example> {
    if !crate::facts::type_cell::is_type_name(&ex.type_name) || !ex.type_name.contains('.') {
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::page::Located;
    use crate::schema::test_support::{at, related};

    fn page(file: &str, types: Vec<TypeFact>) -> PageFacts {
        PageFacts {
            file: Arc::from(file),
            namespace: "microsoft.graph".to_string(),
            area: None,
            types,
            enums: Vec::new(),
            operations: Vec::new(),
            examples: Vec::new(),
        }
    }

    /// `microsoft.graph.{name}` as a page at `file` describes it, with `rank`.
    fn type_fact(name: &str, rank: Rank, file: &str, properties: Vec<PropFact>) -> TypeFact {
        TypeFact {
            properties,
            ..crate::facts::empty_type(format!("microsoft.graph.{name}"), rank, at(file, 1))
        }
    }

    fn prop(name: &str, ty: TypeExpr, rank: Rank, origin: Origin) -> PropFact {
        PropFact {
            name: name.to_string(),
            ty: Ok(TypeCell {
                expr: ty,
                collection: false,
                note: None,
            }),
            navigation: false,
            description: None,
            allowed: Vec::new(),
            hints: Default::default(),
            origin,
            at: None,
            rank,
        }
    }

    fn primitive(p: Primitive) -> TypeExpr {
        TypeExpr::Primitive(p)
    }

    fn named(name: &str) -> TypeExpr {
        TypeExpr::Named {
            name: name.to_string(),
            link: None,
        }
    }

    fn with_base(mut t: TypeFact, base: &str, line: u32) -> TypeFact {
        t.base = Some(Located {
            value: Some(base.to_string()),
            origin: at(&t.origin.file, line),
        });
        t
    }

    fn build_all(pages: Vec<PageFacts>) -> (Schema, Vec<Diagnostic>) {
        let mut diags = Diagnostics::default();
        let (schema, _) = build(pages, &mut diags);
        (schema, diags.into_sorted())
    }

    fn find<'a>(schema: &'a Schema, name: &str) -> &'a TypeDef {
        schema
            .types
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("`{name}` is not in the schema"))
    }

    fn with_code(diags: &[Diagnostic], code: Code) -> Vec<&Diagnostic> {
        diags.iter().filter(|d| d.kind == code).collect()
    }

    /// `widget.size` stated three ways: as `Int32` on its resource page, as `String` in
    /// an API page's table and as `Boolean` in a JSON example.
    fn widget_pages(resource: bool) -> Vec<PageFacts> {
        let mut pages = vec![
            // The example's page sorts first: precedence, not page order, decides.
            page(
                "api/a-widget-get.md",
                vec![type_fact(
                    "widget",
                    Rank::Example,
                    "api/a-widget-get.md",
                    vec![prop(
                        "size",
                        primitive(Primitive::Boolean),
                        Rank::Example,
                        at("api/a-widget-get.md", 30),
                    )],
                )],
            ),
            page(
                "api/b-widget-update.md",
                vec![type_fact(
                    "widget",
                    Rank::ApiTable,
                    "api/b-widget-update.md",
                    vec![prop(
                        "size",
                        primitive(Primitive::String),
                        Rank::ApiTable,
                        at("api/b-widget-update.md", 20),
                    )],
                )],
            ),
        ];
        if resource {
            pages.push(page(
                "resources/widget.md",
                vec![type_fact(
                    "widget",
                    Rank::ResourcePage,
                    "resources/widget.md",
                    vec![prop(
                        "size",
                        primitive(Primitive::Int32),
                        Rank::ResourcePage,
                        at("resources/widget.md", 10),
                    )],
                )],
            ));
        }
        pages
    }

    #[test]
    fn resource_page_outranks_api_tables_and_examples() {
        let (schema, diags) = build_all(widget_pages(true));
        let size = &find(&schema, "widget").properties[0];
        assert_eq!(size.ty, "Edm.Int32");
        assert_eq!(size.sources[0], at("resources/widget.md", 10));
        let conflicts = with_code(&diags, Code::PropertyConflict);
        assert_eq!(conflicts.len(), 2, "{conflicts:#?}");
        // Each disagreement names both places: where it is (origin) and what is kept
        // (related).
        for (d, here, ty) in [
            (conflicts[0], at("api/a-widget-get.md", 30), "Edm.Boolean"),
            (conflicts[1], at("api/b-widget-update.md", 20), "Edm.String"),
        ] {
            assert_eq!(d.origin(), here);
            assert_eq!(
                related(d),
                Some(at("resources/widget.md", 10)),
                "the other place is named"
            );
            assert_eq!(
                d.message,
                format!(
                    "`microsoft.graph.widget.size` is `{ty}` here but `Edm.Int32` in a higher-precedence place, which is kept"
                )
            );
        }
    }

    #[test]
    fn api_table_outranks_json_example() {
        let (schema, diags) = build_all(widget_pages(false));
        let size = &find(&schema, "widget").properties[0];
        assert_eq!(size.ty, "Edm.String");
        assert!(!size.from_example);
        let conflicts = with_code(&diags, Code::PropertyConflict);
        assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
        assert_eq!(conflicts[0].origin(), at("api/a-widget-get.md", 30));
        assert_eq!(
            related(conflicts[0]),
            Some(at("api/b-widget-update.md", 20)),
            "the other place is named"
        );
    }

    #[test]
    fn agreeing_statements_add_sources_without_a_diagnostic() {
        let mut pages = widget_pages(true);
        for p in &mut pages {
            p.types[0].properties[0] = prop(
                "size",
                primitive(Primitive::Int32),
                p.types[0].rank,
                p.types[0].properties[0].origin.clone(),
            );
        }
        let (schema, diags) = build_all(pages);
        assert_eq!(find(&schema, "widget").properties[0].sources.len(), 3);
        assert!(
            with_code(&diags, Code::PropertyConflict).is_empty(),
            "{diags:#?}"
        );
    }

    #[test]
    fn base_comes_from_the_base_type_annotation() {
        let entity = type_fact(
            "entity",
            Rank::ResourcePage,
            "resources/entity.md",
            Vec::new(),
        );
        let user = with_base(
            type_fact("user", Rank::ResourcePage, "resources/user.md", Vec::new()),
            "microsoft.graph.entity",
            3,
        );
        let (schema, diags) = build_all(vec![
            page("resources/entity.md", vec![entity]),
            page("resources/user.md", vec![user]),
        ]);
        assert_eq!(
            find(&schema, "user").base.as_deref(),
            Some("microsoft.graph.entity")
        );
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn a_type_name_rust_cannot_have_makes_no_type_and_is_g1002() {
        let file = "api/call-transfer.md";
        let bad = [
            "call-transfer",
            "microsoft.graph.größe",
            "microsoft..graph.x",
        ];
        let facts = bad
            .iter()
            .map(|name| crate::facts::empty_type(name.to_string(), Rank::ApiTable, at(file, 25)))
            .collect();
        let long = format!("microsoft.graph.{}", "x".repeat(101));
        let resource = crate::facts::empty_type(long, Rank::ResourcePage, at("resources/x.md", 3));
        let (schema, diags) = build_all(vec![
            page(file, facts),
            page("resources/x.md", vec![resource]),
        ]);
        assert!(schema.types.is_empty(), "{:#?}", schema.types);
        let g1002 = with_code(&diags, Code::NameInvalid);
        assert_eq!(g1002.len(), 4, "{diags:#?}");
        assert!(
            g1002[0].message.contains("`call-transfer`")
                && g1002[0].message.contains("no namespace")
        );
    }

    #[test]
    fn unknown_base_is_kept_as_written_and_reported() {
        let user = with_base(
            type_fact("user", Rank::ResourcePage, "resources/user.md", Vec::new()),
            "microsoft.graph.directoryObjekt",
            3,
        );
        let (schema, diags) = build_all(vec![page("resources/user.md", vec![user])]);
        assert_eq!(
            find(&schema, "user").base.as_deref(),
            Some("microsoft.graph.directoryObjekt")
        );
        let unknown = with_code(&diags, Code::BaseUnknown);
        assert_eq!(unknown.len(), 1, "{diags:#?}");
        assert_eq!(unknown[0].origin(), at("resources/user.md", 3));
    }

    #[test]
    fn property_type_case_fallback_is_reported() {
        // The inline enum pass resolves this cell without reporting; the merge reports.
        let mut size = prop(
            "size",
            named("Widgetsize"),
            Rank::ResourcePage,
            at("resources/widget.md", 10),
        );
        size.allowed = vec!["small".to_string()];
        let pages = vec![
            page(
                "resources/widget.md",
                vec![type_fact(
                    "widget",
                    Rank::ResourcePage,
                    "resources/widget.md",
                    vec![size],
                )],
            ),
            page(
                "resources/widgetsize.md",
                vec![type_fact(
                    "widgetSize",
                    Rank::ResourcePage,
                    "resources/widgetsize.md",
                    Vec::new(),
                )],
            ),
        ];
        let (schema, diags) = build_all(pages);
        assert_eq!(
            find(&schema, "widget").properties[0].ty,
            "microsoft.graph.widgetSize"
        );
        let case = with_code(&diags, Code::TypeCaseMismatch);
        assert_eq!(case.len(), 1, "{diags:#?}");
    }

    fn link(text: &str, dest: &str, file: &str, line: u32) -> Located<Link> {
        Located {
            value: Link {
                text: text.to_string(),
                dest: dest.to_string(),
            },
            origin: at(file, line),
        }
    }

    /// `resources/{name}.md` defining `microsoft.graph.{name}`.
    fn resource(name: &str) -> PageFacts {
        let file = format!("resources/{}.md", name.to_ascii_lowercase());
        page(
            &file,
            vec![type_fact(name, Rank::ResourcePage, &file, Vec::new())],
        )
    }

    /// Gives the page's type a base named by prose (line 4) and by an "Inherited from"
    /// row (line 20), each linking to the named type's page.
    fn linked_bases(page: &mut PageFacts, prose: Option<&str>, row: Option<&str>) {
        let file = page.file.to_string();
        let to = |name: &str, line| {
            link(
                name,
                &format!("{}.md", name.to_ascii_lowercase()),
                &file,
                line,
            )
        };
        page.types[0].base_prose = prose.map(|name| to(name, 4));
        page.types[0].base_rows = row.map(|name| to(name, 20)).into_iter().collect();
    }

    #[test]
    fn prose_base_link_text_is_read_as_its_words_joined() {
        let mut policy = resource("policy");
        policy.types[0].base_prose = Some(link(
            "Conditional Access Session Control",
            "conditionalaccesssessioncontrol.md",
            "resources/policy.md",
            4,
        ));
        let pages = vec![resource("conditionalAccessSessionControl"), policy];
        let (schema, diags) = build_all(pages);
        assert_eq!(
            find(&schema, "policy").base.as_deref(),
            Some("microsoft.graph.conditionalAccessSessionControl")
        );
        // Joined, the words differ from the name only in letter case.
        assert_eq!(
            with_code(&diags, Code::TypeCaseMismatch).len(),
            1,
            "{diags:#?}"
        );
    }

    #[test]
    fn annotated_base_outranks_prose_and_rows_with_g0801() {
        let mut user = resource("user");
        user.types[0].base = Some(Located {
            value: Some("microsoft.graph.entity".to_string()),
            origin: at("resources/user.md", 3),
        });
        linked_bases(&mut user, Some("directoryObject"), Some("outlookItem"));
        let pages = vec![
            resource("entity"),
            resource("directoryObject"),
            resource("outlookItem"),
            user,
        ];
        let (schema, diags) = build_all(pages);
        assert_eq!(
            find(&schema, "user").base.as_deref(),
            Some("microsoft.graph.entity")
        );
        let conflicts = with_code(&diags, Code::BaseConflict);
        assert_eq!(conflicts.len(), 1, "{diags:#?}");
        assert_eq!(conflicts[0].origin(), at("resources/user.md", 4));
        assert_eq!(related(conflicts[0]), Some(at("resources/user.md", 3)));
    }

    #[test]
    fn prose_base_outranks_inherited_from_rows() {
        let mut user = resource("user");
        linked_bases(&mut user, Some("directoryObject"), Some("outlookItem"));
        let pages = vec![resource("directoryObject"), resource("outlookItem"), user];
        let (schema, diags) = build_all(pages);
        assert_eq!(
            find(&schema, "user").base.as_deref(),
            Some("microsoft.graph.directoryObject")
        );
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn unknown_prose_base_is_kept_and_reported_but_rows_are_not_reported() {
        let mut user = resource("user");
        linked_bases(&mut user, Some("directoryObjekt"), None);
        let mut group = resource("group");
        linked_bases(&mut group, None, Some("directoryObjekt"));
        let (schema, diags) = build_all(vec![user, group]);
        for name in ["user", "group"] {
            assert_eq!(
                find(&schema, name).base.as_deref(),
                Some("microsoft.graph.directoryObjekt"),
                "{name}"
            );
        }
        let unknown = with_code(&diags, Code::BaseUnknown);
        assert_eq!(unknown.len(), 1, "{diags:#?}");
        assert_eq!(unknown[0].origin(), at("resources/user.md", 4));
    }
}
