//! Polymorphic values: a value typed by a base that has derived types (a field, a
//! collection element, an operation's output) is an enum, `AnyDirectoryObject`, with one
//! boxed variant per derived type, direct or not (flat: a `match` names the most specific
//! type), and a fallback variant holding the base. `support::polymorphic_serde!` reads it by
//! `@odata.type` and writes the annotation back; a getter per field of the base reaches
//! what every variant shares.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::layout::{Pair, PairsCall, PairsMacro};
use super::names::{Field, PolyName};
use super::rust_types::{ident, item_path};
use super::{ItemParts, Model, doc_attrs};
use crate::schema::Schema;

/// Every derived type, direct or not, of each base that has some, sorted by qualified
/// name. A cycle of bases (diagnosed by the schema) makes no type its own descendant.
pub fn derived_types(schema: &Schema) -> BTreeMap<String, Vec<String>> {
    let known: BTreeSet<String> = schema.types.iter().map(|t| t.qualified()).collect();
    let mut children: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for t in &schema.types {
        if let Some(base) = t.base.as_deref().filter(|b| known.contains(*b)) {
            children.entry(base).or_default().push(t.qualified());
        }
    }
    let mut out = BTreeMap::new();
    for base in children.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = vec![base];
        while let Some(cur) = stack.pop() {
            for child in children.get(cur).into_iter().flatten() {
                if child != base && seen.insert(child.clone()) {
                    stack.push(child);
                }
            }
        }
        if !seen.is_empty() {
            out.insert(base.to_string(), seen.into_iter().collect());
        }
    }
    out
}

impl Model<'_> {
    /// The enum of the polymorphic base `base`, in the base's `feature`: its definition,
    /// the getters of the fields every variant shares, and the serde macro call.
    pub(super) fn poly_parts(&self, base: &str, feature: &str) -> ItemParts {
        let poly = &self.names.poly[base];
        let name = ident(&poly.ident);
        let fallback = ident(&poly.fallback);
        let base_item = &self.names.items[base];
        let base_path = item_path(&base_item.module, &base_item.ident);
        let gates: Vec<Option<String>> = poly
            .variants
            .iter()
            .map(|(q, _)| self.features.gate(feature, q).map(String::from))
            .collect();
        let variants = poly.variants.iter().zip(&gates).map(|((q, v), gate)| {
            let item = &self.names.items[q];
            let path = item_path(&item.module, &item.ident);
            let v = ident(v);
            let gate = gate.as_ref().map(|g| quote! { #[cfg(feature = #g)] });
            let doc = format!(" `{q}`.");
            quote! { #[doc = #doc] #gate #v(::std::boxed::Box<#path>), }
        });
        let docs = doc_attrs(&enum_doc(base, poly, feature), 0);
        let fallback_doc = doc_attrs(
            &format!(
                "`{base}` itself, or a type derived from it that this crate does not have or whose feature is off (its `@odata.type` stays in `additional_properties`)."
            ),
            4,
        );
        let getters = self.shared_getters(base, poly, &gates, feature);
        let definition = quote! {
            #(#docs)*
            #[derive(Clone, Debug, PartialEq)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
                #(#fallback_doc)*
                #fallback(::std::boxed::Box<#base_path>),
            }
        };
        let pairs = poly
            .variants
            .iter()
            .zip(gates)
            .map(|((q, v), gate)| Pair {
                gate,
                ident: ident(v),
                wire: q.clone(),
            })
            .collect();
        let serde = PairsCall {
            kind: PairsMacro::Polymorphic { fallback },
            name,
            pairs,
        };
        ItemParts {
            definition,
            serde,
            after: getters,
        }
    }

    /// `impl AnyX { pub fn id(&self) -> Option<&String> { … } }`: one getter per field of
    /// the base, which every derived struct carries too (inherited fields come first, with
    /// the same names).
    fn shared_getters(
        &self,
        base: &str,
        poly: &PolyName,
        gates: &[Option<String>],
        feature: &str,
    ) -> Option<TokenStream> {
        let fields: &[Field<'_>] = &self.fields[base];
        if fields.is_empty() {
            return None;
        }
        let fallback = ident(&poly.fallback);
        let variants: Vec<TokenStream> = poly
            .variants
            .iter()
            .zip(gates)
            .map(|((_, v), gate)| {
                let v = ident(v);
                let gate = gate.as_ref().map(|g| quote! { #[cfg(feature = #g)] });
                quote! { #gate Self::#v(value) }
            })
            .chain(std::iter::once(quote! { Self::#fallback(value) }))
            .collect();
        let getters = fields.iter().map(|f| {
            let field = ident(&f.ident);
            let ty = self.field_value_type(f.property);
            let gate = self
                .features
                .gate(feature, &f.property.ty)
                .map(|g| quote! { #[cfg(feature = #g)] });
            let doc = format!(" `{}`, which every variant has.", f.property.name);
            // A getter is named after its field, even `from_…` (clippy expects no `self`).
            let allow = ["from_", "into_"]
                .iter()
                .any(|p| f.ident.starts_with(p))
                .then(|| quote! { #[allow(clippy::wrong_self_convention)] });
            quote! {
                #[doc = #doc]
                #gate
                #allow
                #[inline]
                pub fn #field(&self) -> ::core::option::Option<&#ty> {
                    match self {
                        #(#variants => crate::support::shared(&value.#field),)*
                    }
                }
            }
        });
        let name = ident(&poly.ident);
        Some(quote! {
            impl #name {
                #(#getters)*
            }
        })
    }
}

/// The enum's doc comment: what it holds, how it reads and writes, its feature.
fn enum_doc(base: &str, poly: &PolyName, feature: &str) -> String {
    format!(
        "A `{base}` value of any type derived from it (a field, collection element or response \
         typed `{base}`), read by its `@odata.type`.\n\n\
         Each derived type, direct or not, is a variant holding its own struct; a value whose \
         `@odata.type` is missing, `{base}` itself, unknown, or a type whose cargo feature is \
         off is `{fallback}`. Written back, a variant writes its `@odata.type` first (the \
         value's own if it was read with one). The fields every variant shares have getters \
         of the same name.\n\n\
         Cargo feature: `{feature}`.",
        fallback = poly.fallback,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Origin;
    use crate::schema::{Kind, TypeDef};

    fn ty(name: &str, base: Option<&str>) -> TypeDef {
        TypeDef {
            namespace: "microsoft.graph".into(),
            name: name.into(),
            kind: Kind::Entity,
            base: base.map(|b| format!("microsoft.graph.{b}")),
            base_from: None,
            is_abstract: false,
            open: false,
            key: None,
            description: None,
            area: None,
            properties: Vec::new(),
            sources: vec![Origin::new(&std::sync::Arc::from("t.md"), 1)],
        }
    }

    #[test]
    fn derived_types_are_flat_and_a_cycle_is_no_descendant_of_itself() {
        let schema = Schema {
            types: vec![
                ty("entity", None),
                ty("directoryObject", Some("entity")),
                ty("user", Some("directoryObject")),
                ty("group", Some("directoryObject")),
                ty("a", Some("b")),
                ty("b", Some("a")),
                ty("orphan", Some("notDefined")),
            ],
            ..Schema::default()
        };
        let derived = derived_types(&schema);
        let g = |n: &str| format!("microsoft.graph.{n}");
        assert_eq!(
            derived[&g("entity")],
            [g("directoryObject"), g("group"), g("user")]
        );
        assert_eq!(derived[&g("directoryObject")], [g("group"), g("user")]);
        assert_eq!(derived[&g("a")], [g("b")]);
        assert_eq!(derived[&g("b")], [g("a")]);
        assert!(!derived.contains_key(&g("user")) && !derived.contains_key(&g("notDefined")));
    }
}
