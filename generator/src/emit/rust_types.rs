//! Schema type references → Rust type tokens. The Edm mapping table lives here (and in
//! README); everything is fully qualified so Graph names like `result` cannot shadow std.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::names::RustNames;

/// An identifier, raw when the name carries `r#`.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `crate::graph::external_connectors::ConnectionOperation`.
pub fn item_path(module: &[String], item: &str) -> TokenStream {
    let segs = module.iter().map(|m| ident(m));
    let item = ident(item);
    quote! { crate #(:: #segs)* :: #item }
}

/// The Rust type of one value of a schema type (no Option, no Vec): the enum of a
/// polymorphic base, which reads each value as the type its `@odata.type` names.
pub fn value_type(ty: &str, names: &RustNames) -> TokenStream {
    match (names.poly.get(ty), names.items.get(ty)) {
        (Some(poly), Some(item)) => item_path(&item.module, &poly.ident),
        _ => declared_type(ty, names),
    }
}

/// The Rust type of one value of a schema type, as declared: the struct even for a
/// polymorphic base (what `$select` member constants belong to).
pub fn declared_type(ty: &str, names: &RustNames) -> TokenStream {
    match ty {
        "Edm.String" | "Edm.Stream" => quote! { ::std::string::String },
        "Edm.Boolean" => quote! { bool },
        "Edm.Byte" => quote! { u8 },
        "Edm.SByte" => quote! { i8 },
        "Edm.Int16" => quote! { i16 },
        "Edm.Int32" => quote! { i32 },
        "Edm.Int64" => quote! { i64 },
        "Edm.Single" => quote! { f32 },
        "Edm.Double" | "Edm.Decimal" => quote! { f64 },
        "Edm.Guid" => quote! { ::uuid::Uuid },
        "Edm.DateTimeOffset" => quote! { ::chrono::DateTime<::chrono::FixedOffset> },
        "Edm.Date" => quote! { ::chrono::NaiveDate },
        "Edm.TimeOfDay" => quote! { ::chrono::NaiveTime },
        "Edm.Duration" => quote! { crate::support::Duration },
        "Edm.Binary" => quote! { crate::support::Base64 },
        // Graph's `Json` holds any JSON value (workbook cell values are 2-D arrays).
        "microsoft.graph.Json" | "Edm.Untyped" => quote! { ::serde_json::Value },
        _ => match names.items.get(ty) {
            Some(item) => item_path(&item.module, &item.ident),
            // Unknown types (diagnosed in the schema) and untyped JSON keep any value.
            None => quote! { ::serde_json::Value },
        },
    }
}
