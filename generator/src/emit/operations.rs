//! Operations → request types: per operation with a path template, a struct (the
//! template chosen and its path parameters, the typed body) and its `Operation` impl,
//! the shape documented on `crate::operation::Operation`. They live in an `operations`
//! module of the operation's namespace (`crate::graph::operations::GroupListMembers`),
//! beside the namespace's types, so that their names never collide with a type's.
//!
//! An operation is compiled with its page's area feature and with the features of the
//! types its body and output name (its own area does not always enable them).

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;

use super::layout::{self, Pair, PairsCall, PairsMacro};
use super::names::OperationName;
use super::rust_types::{declared_type, ident, item_path, value_type};
use super::{EmitError, Model, areas, doc_attrs, docs};
use crate::facts::{PathTemplate, Permission, PermissionSet, Requirement, Support};
use crate::naming::{self, Scope};
use crate::schema::{ExampleMessage, Operation};

/// The documentation site of the reference pages (`api/<file stem>`).
const DOCS_BASE: &str = "https://learn.microsoft.com/graph/api/";

/// The OData system query options, as the schema names them and the runtime's variant
/// and marker trait.
const SYSTEM_OPTIONS: &[(&str, &str)] = &[
    ("$select", "Select"),
    ("$expand", "Expand"),
    ("$orderby", "OrderBy"),
    ("$filter", "Filter"),
    ("$top", "Top"),
    ("$skip", "Skip"),
    ("$search", "Search"),
    ("$count", "Count"),
    ("$skiptoken", "SkipToken"),
    ("$format", "Format"),
];

/// Typed header markers of the runtime, by lower-cased header name.
const HEADER_MARKERS: &[(&str, &str)] = &[
    ("consistencylevel", "ConsistencyLevel"),
    ("prefer", "Prefer"),
    ("if-match", "IfMatch"),
    ("if-none-match", "IfNoneMatch"),
];

/// The namespace modules that get an `operations` module.
pub(super) fn modules(ops: &[OperationName], model: &Model<'_>) -> BTreeSet<Vec<String>> {
    ops.iter()
        .map(|o| o.module.clone())
        .filter(|m| model.names.modules.contains(m))
        .collect()
}

/// One `src/<namespace>/operations.rs` per namespace module with operations.
pub(super) fn files(
    ops: &[OperationName],
    model: &Model<'_>,
) -> Result<BTreeMap<String, String>, EmitError> {
    let modules = modules(ops, model);
    let formatted = ops
        .par_iter()
        .filter(|o| modules.contains(&o.module))
        .map(|o| {
            let tokens = op_tokens(model, o, &model.schema.operations[o.index]);
            Ok((o.module.clone(), layout::format_items(&o.ident, tokens)?))
        })
        .collect::<Result<Vec<_>, EmitError>>()?;
    let mut out = BTreeMap::new();
    for m in &modules {
        let doc = format!(
            " Request types of the operations of the `{}` namespace.",
            model.namespace_of(m)
        );
        let mut text = layout::format_file(
            &format!("{}::operations", m.join("::")),
            quote! { #![doc = #doc] },
            [],
        )?;
        for (_, item) in formatted.iter().filter(|(om, _)| om == m) {
            layout::push_item(&mut text, item);
        }
        out.insert(format!("src/{}/operations.rs", m.join("/")), text);
    }
    Ok(out)
}

/// The rows of the registry's `OPERATIONS` table (feature `registry`): per emitted
/// operation its Graph names and its exerciser, compiled with the operation.
pub(super) fn registry_rows(ops: &[OperationName], model: &Model<'_>) -> Vec<TokenStream> {
    let modules = modules(ops, model);
    ops.iter()
        .filter(|o| modules.contains(&o.module))
        .map(|o| {
            let op = &model.schema.operations[o.index];
            let gate = typed(model, o, op).gate;
            let mut module = o.module.clone();
            module.push("operations".to_string());
            let path = item_path(&module, &o.ident);
            let (namespace, name) = (&op.namespace, &op.name);
            quote! {
                #[cfg(feature = "operations")]
                #gate
                crate::exercise::Entry {
                    namespace: #namespace,
                    name: #name,
                    exercise: crate::exercise::exercise::<#path>,
                },
            }
        })
        .collect()
}

/// A path template with one `{name}` per parameter, and the parameters in order.
struct Template {
    path: String,
    params: Vec<String>,
}

/// `{id | userPrincipalName}` → `{id}`: the runtime fills placeholders by position.
fn normalise(t: &PathTemplate) -> Template {
    let mut path = t.path.clone();
    let mut params = Vec::new();
    for p in &t.parameters {
        for (open, close) in [("{", "}"), ("<", ">")] {
            let written = format!("{open}{}{close}", p.written);
            if path.contains(&written) {
                path = path.replacen(&written, &format!("{{{}}}", p.name), 1);
                break;
            }
        }
        params.push(p.name.clone());
    }
    // A query written into the template (`calendarView?startDateTime={start_datetime}`)
    // is not part of the path: its parameters are the operation's query parameters, and
    // placeholders there would need values no constructor takes.
    if let Some(query) = path.find('?') {
        path.truncate(query);
    }
    // `policies/claimsMappingPolicies`: relative to the base URL all the same.
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    Template { path, params }
}

/// What the request type's body is.
struct Body {
    ty: TokenStream,
    /// The generated parameters struct and its serde impls, for actions.
    parameters: Option<(TokenStream, TokenStream)>,
}

/// What the request type's output is.
struct Output {
    ty: TokenStream,
    kind: TokenStream,
    /// The item type, for `$select`/`$expand`/`$orderby`.
    resource: TokenStream,
}

/// An operation's body and output types, and the `cfg` that compiles it only with the
/// features of its page's area and of the types it names.
struct Typed {
    body: Option<Body>,
    output: Output,
    gate: TokenStream,
    /// The cargo feature of the page's area.
    own: String,
}

fn typed(model: &Model<'_>, name: &OperationName, op: &Operation) -> Typed {
    let mut needs: BTreeSet<String> = BTreeSet::new();
    let own = areas::feature_name(op.area.as_deref());
    let known = model.features.deps.contains_key(&own);
    if known {
        needs.insert(own.clone());
    }
    let mut need_type = |ty: &str| {
        let Some(f) = model.features.feature_of.get(ty) else {
            return;
        };
        if !known || model.features.gate(&own, ty).is_some() {
            needs.insert(f.clone());
        }
    };
    let body = body(model, name, op, &mut need_type);
    let output = output(model, op, &mut need_type);
    let gate = match needs.len() {
        0 => quote! {},
        1 => {
            let f = needs.iter();
            quote! { #[cfg(#(feature = #f)*)] }
        }
        _ => {
            let fs = needs.iter();
            quote! { #[cfg(all(#(feature = #fs),*))] }
        }
    };
    Typed {
        body,
        output,
        gate,
        own,
    }
}

fn op_tokens(model: &Model<'_>, name: &OperationName, op: &Operation) -> TokenStream {
    let Typed {
        body,
        output,
        gate,
        own,
    } = typed(model, name, op);
    let spec = ident(&name.spec);
    let ident = ident(&name.ident);
    let templates: Vec<Template> = op.templates.iter().map(normalise).collect();
    let has_body = body.is_some();
    let (body_ty, parameters) = match body {
        Some(b) => (
            b.ty,
            b.parameters
                .map(|(def, serde)| quote! { #gate #def #gate #serde }),
        ),
        None => (quote! { () }, None),
    };
    let constructors = constructors(&templates, has_body.then_some(&body_ty));
    let docs = doc_attrs(&op_doc(op, &templates, &own), 0);
    let spec_doc = format!(" What the page documents about [`{}`].", name.ident);
    let Output {
        ty: out_ty,
        kind,
        resource,
    } = output;
    let description = spec_value(op, &templates, &kind, has_body);
    let query_markers = query_markers(op, &spec, &gate);
    let header_markers = header_markers(op, &spec, &gate);
    quote! {
        #parameters
        #(#docs)*
        #gate
        pub type #ident = crate::operation::Request<#spec>;
        #gate
        impl #ident {
            #(#constructors)*
        }
        #[doc = #spec_doc]
        #gate
        pub enum #spec {}
        #gate
        impl crate::operation::Spec for #spec {
            type Body = #body_ty;
            type Output = #out_ty;
            type Resource = #resource;
            const SPEC: &'static crate::operation::OperationSpec = &#description;
        }
        #(#query_markers)*
        #(#header_markers)*
    }
}

/// The `OperationSpec` literal: everything the page documents, as data.
fn spec_value(
    op: &Operation,
    templates: &[Template],
    kind: &TokenStream,
    has_body: bool,
) -> TokenStream {
    let method = ident_method(&op.method);
    let wire_name = &op.name;
    let paths = templates.iter().map(|t| &t.path);
    let query = query_options(op);
    let headers = header_specs(op);
    let permissions = permissions(op.permissions.as_deref());
    let link = format!("{DOCS_BASE}{}", page_stem(op));
    quote! {
        crate::operation::OperationSpec {
            name: #wire_name,
            method: ::http::Method::#method,
            templates: &[#(#paths),*],
            response: crate::operation::ResponseKind::#kind,
            query: &[#(#query),*],
            headers: &[#(#headers),*],
            permissions: #permissions,
            docs: #link,
            has_body: #has_body,
        }
    }
}

/// The body: the documented type, a parameters struct for actions, `serde_json::Value`
/// for a PATCH or PUT whose type is unknown and for a POST whose examples send JSON of
/// an unknown type; `None` when nothing is sent (always for a GET).
fn body(
    model: &Model<'_>,
    name: &OperationName,
    op: &Operation,
    need_type: &mut impl FnMut(&str),
) -> Option<Body> {
    if let Some(ty) = &op.request {
        need_type(ty);
        return Some(Body {
            ty: value_type(ty, &model.names),
            parameters: None,
        });
    }
    // A GET's parameters are a function's, written in its path: it sends no body.
    if op.method == "GET" {
        return None;
    }
    if op.parameters.is_empty() {
        // A POST whose type the page does not say still sends what its examples send.
        let sends_json = op.examples.iter().any(|e| {
            e.request
                .as_ref()
                .is_some_and(|r| matches!(r.body, ExampleMessage::Json(_)))
        });
        return (matches!(op.method.as_str(), "PATCH" | "PUT") || sends_json).then(|| Body {
            ty: quote! { ::serde_json::Value },
            parameters: None,
        });
    }
    Some(parameters_body(model, name, op, need_type))
}

/// The generated `…Parameters` struct of an action, one optional field per documented
/// parameter.
fn parameters_body(
    model: &Model<'_>,
    name: &OperationName,
    op: &Operation,
    need_type: &mut impl FnMut(&str),
) -> Body {
    let mut scope = Scope::new();
    scope.reserve("additional_properties");
    let mut fields = Vec::new();
    let mut pairs = Vec::new();
    let mut seen = BTreeSet::new();
    // A member listed twice (two Request body tables on one page) is one JSON member: a
    // second field for it would be an unreachable arm of the serde match.
    for p in op
        .parameters
        .iter()
        .filter(|p| seen.insert(p.name.as_str()))
    {
        need_type(&p.ty);
        let (field, _) = scope.claim(naming::field_ident(&p.name));
        let mut ty = value_type(&p.ty, &model.names);
        if p.collection {
            ty = quote! { ::std::vec::Vec<#ty> };
        }
        let f = ident(&field);
        let doc = format!(" `{}` (`{}`).", p.name, p.ty);
        fields.push(quote! { #[doc = #doc] pub #f: ::core::option::Option<#ty>, });
        pairs.push(Pair {
            gate: None,
            ident: f,
            wire: p.name.clone(),
        });
    }
    let params = ident(&name.parameters);
    let doc = format!(
        " The body of [`{}`]: the parameters of the action.",
        name.ident
    );
    let serde = PairsCall {
        kind: PairsMacro::StructSerde,
        name: params.clone(),
        pairs,
    }
    .tokens();
    Body {
        ty: quote! { #params },
        parameters: Some((
            quote! {
                #[doc = #doc]
                #[derive(Clone, Default, PartialEq)]
                pub struct #params {
                    #(#fields)*
                    /// Parameters the docs do not list.
                    pub additional_properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                }
            },
            serde,
        )),
    }
}

/// The output: `()` for 204, `Page<T>` for collections, the raw bytes for streams,
/// `serde_json::Value` when the type is unknown.
fn output(model: &Model<'_>, op: &Operation, need_type: &mut impl FnMut(&str)) -> Output {
    let value = quote! { ::serde_json::Value };
    let Some(r) = &op.response else {
        return Output {
            ty: value,
            kind: quote! { Value },
            resource: quote! { () },
        };
    };
    if r.status == Some(204) {
        return Output {
            ty: quote! { () },
            kind: quote! { NoContent },
            resource: quote! { () },
        };
    }
    if r.ty.as_deref() == Some("Edm.Stream") && !r.collection {
        return Output {
            ty: quote! { crate::operation::RawBody },
            kind: quote! { Raw },
            resource: quote! { () },
        };
    }
    let (item, resource) = match &r.ty {
        Some(ty) => {
            need_type(ty);
            let item = value_type(ty, &model.names);
            let resource = if model.names.items.contains_key(ty) {
                declared_type(ty, &model.names)
            } else {
                quote! { () }
            };
            (item, resource)
        }
        None => (value.clone(), quote! { () }),
    };
    if r.collection {
        Output {
            ty: quote! { crate::operation::Page<#item> },
            kind: quote! { Collection },
            resource,
        }
    } else {
        Output {
            ty: item,
            kind: quote! { Value },
            resource,
        }
    }
}

/// One constructor per template: `new` for one, `new_<template words>` for several.
fn constructors(templates: &[Template], body: Option<&TokenStream>) -> Vec<TokenStream> {
    let mut names = Scope::new();
    templates
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let wanted = if templates.len() == 1 {
                "new".to_string()
            } else {
                format!("new_{}", template_words(&t.path))
            };
            let (name, _) = names.claim(wanted);
            let name = ident(&name);
            let mut args = Scope::new();
            args.reserve("body");
            let params: Vec<_> = t
                .params
                .iter()
                .map(|p| ident(&args.claim(naming::field_ident(p)).0))
                .collect();
            let body_arg = body.map(|ty| quote! { body: #ty });
            let body_value = match body {
                Some(_) => quote! { body },
                None => quote! { () },
            };
            let doc = format!(" `{}`", t.path);
            let args_list = params
                .iter()
                .map(|p| quote! { #p: impl ::core::convert::Into<::std::string::String> });
            let values = params.iter().map(|p| quote! { #p.into() });
            let n = proc_macro2::Literal::usize_unsuffixed(i);
            // `#[inline]`: a constructor with no path parameter is not generic, and a debug
            // build would compile it here, with the drop glue of its body type.
            quote! {
                #[doc = #doc]
                #[allow(clippy::new_without_default)]
                #[inline]
                pub fn #name(#(#args_list,)* #body_arg) -> Self {
                    crate::operation::request(crate::operation::PathArgs::new(#n, [#(#values),*]), #body_value)
                }
            }
        })
        .collect()
}

/// `/users/{userId}/messages` → `users_user_id_messages`; `/me` → `me`.
fn template_words(path: &str) -> String {
    let words = path.to_snake_case();
    if words.is_empty() {
        "root".to_string()
    } else {
        words
    }
}

fn ident_method(method: &str) -> proc_macro2::Ident {
    match method {
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" => ident(method),
        _ => ident("GET"),
    }
}

/// The page's file stem: the last source's file name without `.md`.
fn page_stem(op: &Operation) -> String {
    let file = op
        .sources
        .first()
        .map(|o| o.file.to_string())
        .unwrap_or_default();
    let name = file.rsplit('/').next().unwrap_or(&file);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

/// The request type's doc comment: the HTTP templates, the permissions, the link.
fn op_doc(op: &Operation, templates: &[Template], feature: &str) -> String {
    let mut doc = format!("Graph operation `{}`.\n\n", op.name);
    for t in templates {
        doc.push_str(&format!("- `{} {}`\n", op.method, t.path));
    }
    if let Some(sets) = op.permissions.as_deref().and_then(|s| s.first()) {
        doc.push_str("\nPermissions (least to most privileged):\n\n");
        for (kind, p) in [
            ("delegated (work or school account)", &sets.delegated_work),
            (
                "delegated (personal Microsoft account)",
                &sets.delegated_personal,
            ),
            ("application", &sets.application),
        ] {
            let text = match p {
                Some(Permission::Scopes { scopes, .. }) => scopes
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(Permission::NotSupported { .. }) => "not supported".to_string(),
                Some(Permission::NotApplicable { .. }) => "not applicable".to_string(),
                Some(Permission::NoneRequired { .. }) => "none required".to_string(),
                None => "not documented".to_string(),
            };
            doc.push_str(&format!("- {kind}: {}\n", docs::doc_text(&text)));
        }
    }
    doc.push_str(&format!(
        "\nDocs: <{DOCS_BASE}{}>\n\nCargo feature: `{feature}`.",
        page_stem(op)
    ));
    doc
}

/// The system query options the page documents (all ten when it says it supports the
/// OData query parameters, none when unknown).
fn system_options(op: &Operation) -> Vec<&'static str> {
    let Some(q) = &op.query else {
        return Vec::new();
    };
    SYSTEM_OPTIONS
        .iter()
        .filter(|(name, _)| match q.support {
            Support::All => true,
            Support::Some | Support::Listed => q.supported.iter().any(|s| s == name),
            Support::None | Support::Unknown => false,
        })
        .map(|(_, variant)| *variant)
        .collect()
}

/// The `query` of the spec: system options, then the operation's own parameters.
fn query_options(op: &Operation) -> Vec<TokenStream> {
    let variants = system_options(op).into_iter().map(|v| {
        let v = ident(v);
        quote! { crate::operation::QueryOption::#v }
    });
    let others = op.query.iter().flat_map(|q| &q.parameters).map(|p| {
        let name = &p.name;
        quote! { crate::operation::QueryOption::Other(#name) }
    });
    variants.chain(others).collect()
}

/// The marker impls of the documented query options, on the spec type.
fn query_markers(
    op: &Operation,
    spec: &proc_macro2::Ident,
    gate: &TokenStream,
) -> Vec<TokenStream> {
    system_options(op)
        .into_iter()
        .map(|v| {
            let v = ident(v);
            quote! { #gate impl crate::operation::query::#v for #spec {} }
        })
        .collect()
}

/// The request headers table, `Authorization` left out.
fn header_rows(op: &Operation) -> impl Iterator<Item = &crate::facts::RequestHeader> {
    op.headers
        .iter()
        .filter(|h| !h.name.eq_ignore_ascii_case("authorization"))
}

/// The `headers` of the spec.
fn header_specs(op: &Operation) -> Vec<TokenStream> {
    header_rows(op)
        .map(|h| {
            let name = &h.name;
            let value = match &h.value {
                Some(v) => quote! { ::core::option::Option::Some(#v) },
                None => quote! { ::core::option::Option::None },
            };
            let required = h.requirement == Requirement::Required;
            quote! { crate::operation::HeaderSpec { name: #name, value: #value, required: #required } }
        })
        .collect()
}

/// The typed header markers (each once), on the spec type.
fn header_markers(
    op: &Operation,
    spec: &proc_macro2::Ident,
    gate: &TokenStream,
) -> Vec<TokenStream> {
    let mut seen = BTreeSet::new();
    header_rows(op)
        .filter_map(|h| {
            let lower = h.name.to_ascii_lowercase();
            let (_, marker) = HEADER_MARKERS.iter().find(|(n, _)| *n == lower)?;
            seen.insert(*marker).then(|| {
                let m = ident(marker);
                quote! { #gate impl crate::operation::header::#m for #spec {} }
            })
        })
        .collect()
}

/// The first permission set (the page's main table) as `Permissions`.
fn permissions(sets: Option<&[PermissionSet]>) -> TokenStream {
    let Some(set) = sets.and_then(|s| s.first()) else {
        return quote! { crate::operation::Permissions::UNDOCUMENTED };
    };
    let scopes = |p: &Option<Permission>| match p {
        Some(Permission::Scopes { scopes, .. }) => {
            quote! { crate::operation::Scopes::LeastToMost(&[#(#scopes),*]) }
        }
        Some(Permission::NotSupported { .. }) | Some(Permission::NotApplicable { .. }) => {
            quote! { crate::operation::Scopes::NotSupported }
        }
        Some(Permission::NoneRequired { .. }) => {
            quote! { crate::operation::Scopes::LeastToMost(&[]) }
        }
        None => quote! { crate::operation::Scopes::Undocumented },
    };
    let (w, p, a) = (
        scopes(&set.delegated_work),
        scopes(&set.delegated_personal),
        scopes(&set.application),
    );
    quote! {
        crate::operation::Permissions {
            delegated_work_or_school: #w,
            delegated_personal: #p,
            application: #a,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostics::Origin;
    use crate::facts::PathParameter;

    #[test]
    fn templates_get_one_name_per_placeholder() {
        let t = PathTemplate {
            path: "/users/{id | userPrincipalName}/drive/items/<item-id>".to_string(),
            parameters: vec![
                PathParameter {
                    written: "id | userPrincipalName".to_string(),
                    name: "userId".to_string(),
                },
                PathParameter {
                    written: "item-id".to_string(),
                    name: "itemId".to_string(),
                },
            ],
            functions: Vec::new(),
            source: Origin::new(&Arc::from("api/x.md"), 1),
        };
        let n = normalise(&t);
        assert_eq!(n.path, "/users/{userId}/drive/items/{itemId}");
        assert_eq!(n.params, ["userId", "itemId"]);
        let with_query = PathTemplate {
            path: "/me/calendarView?startDateTime={start_datetime}".to_string(),
            parameters: Vec::new(),
            functions: Vec::new(),
            source: Origin::new(&Arc::from("api/x.md"), 1),
        };
        assert_eq!(normalise(&with_query).path, "/me/calendarView");
        let relative = PathTemplate {
            path: "policies/claimsMappingPolicies".to_string(),
            ..with_query
        };
        assert_eq!(normalise(&relative).path, "/policies/claimsMappingPolicies");
    }

    #[test]
    fn constructor_names_come_from_the_template_words() {
        assert_eq!(
            template_words("/me/checkMemberGroups"),
            "me_check_member_groups"
        );
        assert_eq!(
            template_words("/users/{userId}/messages"),
            "users_user_id_messages"
        );
        assert_eq!(template_words("/"), "root");
    }
}
