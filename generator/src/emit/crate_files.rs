//! The crate around the modules: `lib.rs`, the hand-written `support.rs`, `operation.rs`
//! and `client.rs`, `registry.rs` and `Cargo.toml`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::crate_docs::{self, CrateInfo};
use super::layout::format_file;
use super::names::OperationName;
use super::rust_types::{ident, item_path};
use super::{EmitError, HEADER, Model};
use crate::package::{Package, Snapshot};

const SUPPORT: &str = include_str!("static/support.rs");
/// The operations runtime (README "Operations runtime"): sans-IO, always compiled.
const OPERATION: &str = include_str!("static/operation.rs");
/// The optional client, behind the `client` feature.
const CLIENT: &str = include_str!("static/client.rs");
/// Operations exercised against the docs' examples, behind the `registry` feature.
const EXERCISE: &str = include_str!("static/exercise.rs");

/// Where the crate lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// `generated/` in this workspace: workspace dependencies, a build script that
    /// regenerates from `docs-input/` when the checked-in code is stale.
    Workspace { fingerprint: String },
    /// A standalone crate for any docs tree (`--out DIR`), ready to publish.
    Standalone(Box<Package>),
}

impl Flavor {
    /// A standalone crate named `name`, with default metadata and an unknown snapshot.
    pub fn standalone(name: &str) -> Flavor {
        Flavor::Standalone(Box::new(Package::named(name)))
    }
}

pub fn add(
    files: &mut BTreeMap<String, String>,
    model: &Model<'_>,
    ops: &[OperationName],
    flavor: &Flavor,
    registry: String,
) -> Result<(), EmitError> {
    let regenerated = matches!(flavor, Flavor::Workspace { .. });
    let src = if regenerated { "src/checked_in" } else { "src" };
    if regenerated {
        // Module files live under src/checked_in/ so that `mod checked_in` finds them.
        let moved: Vec<(String, String)> = files
            .iter()
            .map(|(p, c)| (p.replacen("src/", "src/checked_in/", 1), c.clone()))
            .collect();
        files.clear();
        files.extend(moved);
    }
    let workspace_snapshot;
    let info = match flavor {
        Flavor::Workspace { fingerprint } => {
            workspace_snapshot = Snapshot::Content {
                hash: fingerprint.clone(),
            };
            CrateInfo {
                name: "generated",
                requirement: "0.1.0",
                license: "MIT",
                snapshot: &workspace_snapshot,
                beta: false,
            }
        }
        Flavor::Standalone(p) => info_of(p),
    };
    let version = match flavor {
        Flavor::Workspace { .. } => "0.1.0",
        Flavor::Standalone(p) => &p.version,
    };
    files.insert("NOTICE".into(), crate_docs::notice(&info, version));
    let doc = crate_docs::lib_doc(model, ops, &info);
    files.insert("src/lib.rs".into(), lib_file(model, &doc, regenerated)?);
    files.insert(format!("{src}/support.rs"), format!("{HEADER}{SUPPORT}"));
    files.insert(
        format!("{src}/operation.rs"),
        format!("{HEADER}{OPERATION}"),
    );
    files.insert(format!("{src}/client.rs"), format!("{HEADER}{CLIENT}"));
    files.insert(format!("{src}/exercise.rs"), format!("{HEADER}{EXERCISE}"));
    files.insert(format!("{src}/registry.rs"), registry);
    files.insert(
        "Cargo.toml".into(),
        manifest(flavor, &model.features.manifest_lines()),
    );
    if let Flavor::Workspace { fingerprint } = flavor {
        files.insert("docs-input.fingerprint".into(), format!("{fingerprint}\n"));
    }
    Ok(())
}

fn info_of(p: &Package) -> CrateInfo<'_> {
    CrateInfo {
        name: &p.name,
        // A requirement with build metadata draws a cargo warning.
        requirement: p.version.split('+').next().unwrap_or(&p.version),
        license: &p.license,
        snapshot: &p.snapshot,
        beta: p.graph_version.as_deref() == Some("beta"),
    }
}

/// `lib.rs`: the crate docs (`doc`, one line each) and the root modules; in the workspace
/// (`regenerated`), under `checked_in` unless the build script regenerated the crate.
fn lib_file(model: &Model<'_>, doc: &[String], regenerated: bool) -> Result<String, EmitError> {
    let roots: Vec<&String> = model
        .names
        .modules
        .iter()
        .filter(|m| m.len() == 1)
        .map(|m| &m[0])
        .collect();
    let mods = roots.iter().map(|r| {
        let r = ident(r);
        quote! { #[rustfmt::skip] pub mod #r; }
    });
    // No `#![deny(warnings)]`: a new compiler's lint would break the users' builds.
    // `doc_cfg` is unstable in Rust 1.95: docs.rs (nightly, `--cfg docsrs`) turns it on,
    // and rustdoc then labels every item with the features its `cfg` needs.
    let doc = doc.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    // In the workspace every item sits behind `cfg(not(graph_regenerated))`: hidden, so
    // that the labels name the features.
    let hide = regenerated.then(|| {
        quote! { #![cfg_attr(docsrs, doc(auto_cfg(hide(graph_regenerated))))] }
    });
    let lib_doc = quote! {
        #(#![doc = #doc])*
        #![cfg_attr(docsrs, feature(doc_cfg))]
        #hide
    };
    format_file("lib", lib_doc, lib_items(mods.collect(), regenerated))
}

/// The root modules and the hand-written ones; in the workspace (`regenerated`), under
/// `checked_in` unless the build script regenerated the crate.
fn lib_items(mods: Vec<TokenStream>, regenerated: bool) -> Vec<TokenStream> {
    if regenerated {
        // The build script sets `graph_regenerated` when docs-input changed after the
        // last `cargo xtask regenerate`; the fresh code then comes from OUT_DIR.
        // rustfmt would reformat prettyplease's output and make `--check` fail.
        vec![
            quote! {
                #[cfg(not(graph_regenerated))]
                #[rustfmt::skip]
                mod checked_in {
                    #(#mods)*
                    pub mod support;
                    pub mod operation;
                    #[cfg(feature = "client")]
                    pub mod client;
                    #[cfg(feature = "registry")]
                    pub mod registry;
                    #[cfg(feature = "registry")]
                    pub mod exercise;
                }
            },
            quote! {
                #[cfg(not(graph_regenerated))]
                pub use checked_in::*;
            },
            quote! {
                #[cfg(graph_regenerated)]
                include!(concat!(env!("OUT_DIR"), "/regenerated.rs"));
            },
        ]
    } else {
        vec![quote! {
            #(#mods)*
            #[rustfmt::skip]
            pub mod support;
            #[rustfmt::skip]
            pub mod operation;
            #[cfg(feature = "client")]
            #[rustfmt::skip]
            pub mod client;
            #[cfg(feature = "registry")]
            #[rustfmt::skip]
            pub mod registry;
            #[cfg(feature = "registry")]
            #[rustfmt::skip]
            pub mod exercise;
        }]
    }
}

/// The hand-written modules (`support`, `operation`, `client`) as tokens, for the
/// single-file form.
pub fn static_module_tokens() -> TokenStream {
    let support = file_tokens(SUPPORT);
    let operation = file_tokens(OPERATION);
    let client = file_tokens(CLIENT);
    let exercise = file_tokens(EXERCISE);
    quote! {
        pub mod support { #support }
        pub mod operation { #operation }
        #[cfg(feature = "client")]
        pub mod client { #client }
        #[cfg(feature = "registry")]
        pub mod exercise { #exercise }
    }
}

fn file_tokens(source: &str) -> TokenStream {
    match syn::parse_str::<syn::File>(source) {
        Ok(file) => {
            let items = file.items;
            quote! { #(#items)* }
        }
        Err(_) => TokenStream::new(),
    }
}

/// `registry.rs`, formatted.
pub fn registry_file(model: &Model<'_>, operations: &[TokenStream]) -> Result<String, EmitError> {
    let doc = quote! {
        #![doc = " Generated types looked up by their Graph name (`microsoft.graph.user`)."]
    };
    format_file("registry", doc, registry_tokens(model, operations))
}

/// The items of `registry.rs`: lookup by Graph name, for tools and the round-trip tests.
/// `operations`: the rows of `OPERATIONS` (`operations::registry_rows`).
pub fn registry_tokens(model: &Model<'_>, operations: &[TokenStream]) -> Vec<TokenStream> {
    let mut names: Vec<(&String, TokenStream)> = model
        .names
        .items
        .iter()
        .map(|(q, item)| {
            // A value of a polymorphic base reads as its enum, as in fields and responses.
            let ident = model.names.poly.get(q).map_or(&item.ident, |p| &p.ident);
            (q, item_path(&item.module, ident))
        })
        .collect();
    names.sort_by(|a, b| a.0.cmp(b.0));
    let list = names.iter().map(|(q, _)| q.as_str());
    let arms = names.iter().map(|(q, path)| {
        let feature = &model.features.feature_of[*q];
        let q = q.as_str();
        quote! { #[cfg(feature = #feature)] #q => visitor.visit::<#path>(), }
    });
    let names = quote! {
        /// Graph names of every generated type and enum.
        pub const NAMES: &[&str] = &[#(#list),*];
    };
    let visit = quote! {
        /// Calls `visitor` with the Rust type a value of the Graph type `name` reads as
        /// (for a base with derived types, its `Any…` enum); `None` for names that are not
        /// generated.
        pub fn visit<V: TypeVisitor>(name: &str, visitor: V) -> ::core::option::Option<V::Output> {
            ::core::option::Option::Some(match name {
                #(#arms)*
                _ => return ::core::option::Option::None,
            })
        }
    };
    let operations = quote! {
        /// Every emitted operation by Graph namespace and name, with its exerciser
        /// (`crate::exercise`): empty without the `operations` feature.
        pub static OPERATIONS: &[crate::exercise::Entry] = &[#(#operations)*];
    };
    let [visitor, round_trip, untyped_paths] = registry_visitors();
    vec![names, visitor, visit, round_trip, untyped_paths, operations]
}

/// The parts of `registry.rs` that do not depend on the schema: the visitor trait and
/// the two functions built on `visit`.
fn registry_visitors() -> [TokenStream; 3] {
    let visitor = quote! {
        /// Something to do with the Rust type that a Graph name stands for.
        pub trait TypeVisitor {
            type Output;
            fn visit<T: ::serde::de::DeserializeOwned + ::serde::Serialize + 'static>(self) -> Self::Output;
        }
    };
    let round_trip = quote! {
        /// Deserializes `value` as the Graph type `name` and serializes it back: what a
        /// client that reads and writes this value would send. `None` for unknown names.
        pub fn round_trip(
            name: &str,
            value: ::serde_json::Value,
        ) -> ::core::option::Option<::core::result::Result<::serde_json::Value, ::serde_json::Error>> {
            struct RoundTrip(::serde_json::Value);
            impl TypeVisitor for RoundTrip {
                type Output = ::core::result::Result<::serde_json::Value, ::serde_json::Error>;
                fn visit<T: ::serde::de::DeserializeOwned + ::serde::Serialize + 'static>(self) -> Self::Output {
                    ::serde_json::to_value(::serde_json::from_value::<T>(self.0)?)
                }
            }
            visit(name, RoundTrip(value))
        }
    };
    let untyped_paths = quote! {
        /// Reads `value` as the Graph type `name` (tolerantly) and lists the JSON paths
        /// that did not land in typed fields: members the docs do not list, and documented
        /// members kept raw because their JSON does not fit the documented type. `None` for
        /// unknown names; an error if `value` is not an object of that type at all.
        pub fn untyped_paths(
            name: &str,
            value: ::serde_json::Value,
        ) -> ::core::option::Option<::core::result::Result<::std::vec::Vec<crate::support::Untyped>, ::serde_json::Error>> {
            struct Untyped(::serde_json::Value);
            impl TypeVisitor for Untyped {
                type Output = ::core::result::Result<::std::vec::Vec<crate::support::Untyped>, ::serde_json::Error>;
                fn visit<T: ::serde::de::DeserializeOwned + ::serde::Serialize + 'static>(self) -> Self::Output {
                    let (read, found) = crate::support::untyped_members(|| ::serde_json::from_value::<T>(self.0));
                    read.map(|_| found)
                }
            }
            visit(name, Untyped(value))
        }
    };
    [visitor, round_trip, untyped_paths]
}

/// The optional client's features (README "Operations runtime"): without them the crate
/// has no HTTP client in its dependency tree.
const CLIENT_FEATURES: &str = "\
# One request type per documented operation (`<namespace>::operations`) of the enabled
# areas, and the member constants of their types (`User::DISPLAY_NAME`). In `full`.
operations = []
# `client::Client`: sends operations with reqwest (async), pages, retries. No TLS.
client = [\"dep:reqwest\", \"dep:tokio\", \"dep:futures-core\", \"dep:futures-util\"]
# The client over HTTPS with rustls (what https://graph.microsoft.com needs).
rustls = [\"client\", \"reqwest/rustls-tls\"]
";

fn manifest(flavor: &Flavor, area_features: &str) -> String {
    let common_features = format!(
        "[features]\n# Lookup of types by Graph name (`registry::round_trip`), for tools and tests.\nregistry = []\n{CLIENT_FEATURES}{area_features}"
    );
    match flavor {
        Flavor::Workspace { .. } => format!(
            "# @generated by cargo xtask regenerate. Do not edit.\n\
[package]\n\
name = \"generated\"\n\
version = \"0.1.0\"\n\
description = \"Typed serde models of Microsoft Graph, generated from docs-input/.\"\n\
edition.workspace = true\n\
rust-version.workspace = true\n\
license.workspace = true\n\
publish.workspace = true\n\
build = \"build.rs\"\n\
\n\
[dependencies]\n\
base64.workspace = true\n\
chrono.workspace = true\n\
iso8601-duration.workspace = true\n\
serde.workspace = true\n\
serde_json.workspace = true\n\
uuid.workspace = true\n\
http.workspace = true\n\
percent-encoding.workspace = true\n\
reqwest = {{ workspace = true, optional = true }}\n\
tokio = {{ workspace = true, optional = true, features = [\"time\"] }}\n\
futures-core = {{ workspace = true, optional = true }}\n\
futures-util = {{ workspace = true, optional = true }}\n\
\n\
{common_features}"
        ),
        Flavor::Standalone(p) => format!(
            "# @generated by cargo xtask regenerate. Do not edit.\n\
{package}\
\n\
[dependencies]\n\
base64 = \"0.22\"\n\
chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }}\n\
iso8601-duration = {{ version = \"0.2\", features = [\"serde\"] }}\n\
serde = {{ version = \"1\", features = [\"derive\"] }}\n\
serde_json = \"1\"\n\
uuid = {{ version = \"1\", default-features = false, features = [\"serde\", \"std\"] }}\n\
http = \"1\"\n\
percent-encoding = \"2\"\n\
reqwest = {{ version = \"0.12\", default-features = false, optional = true }}\n\
tokio = {{ version = \"1\", default-features = false, optional = true, features = [\"time\"] }}\n\
futures-core = {{ version = \"0.3\", default-features = false, optional = true }}\n\
futures-util = {{ version = \"0.3\", default-features = false, optional = true }}\n\
\n\
{common_features}\n\
# A crate of its own, even when written inside another workspace.\n\
[workspace]\n",
            package = package_section(p)
        ),
    }
}

/// The `[package]` of a standalone crate: what crates.io shows, and docs.rs's settings.
fn package_section(p: &Package) -> String {
    let mut out = format!(
        "[package]\nname = {}\nversion = {}\ndescription = {}\nedition = \"2024\"\nlicense = {}\n",
        toml_str(&p.name),
        toml_str(&p.version),
        toml_str(&p.description),
        toml_str(&p.license)
    );
    if let Some(r) = &p.repository {
        out.push_str(&format!("repository = {}\n", toml_str(r)));
    }
    out.push_str(&format!(
        "documentation = {}\n",
        toml_str(&format!("https://docs.rs/{}", p.name))
    ));
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| toml_str(i))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("keywords = [{}]\n", list(&p.keywords)));
    out.push_str(&format!("categories = [{}]\n", list(&p.categories)));
    // Only what the crate needs: `--schema` may have written into the same directory.
    out.push_str(
        "include = [\"/src/**/*.rs\", \"/NOTICE\"]\n\
\n\
# docs.rs labels each feature-gated item with its feature (`doc_cfg`, see lib.rs).\n\
[package.metadata.docs.rs]\n\
all-features = true\n\
rustdoc-args = [\"--cfg\", \"docsrs\"]\n",
    );
    out
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_str(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(toml_str("tab\there"), r#""tab\u0009here""#);
    }

    /// The single-file form drops a static module that does not parse; this catches it.
    #[test]
    fn static_modules_parse() {
        for (name, source) in [
            ("support", SUPPORT),
            ("operation", OPERATION),
            ("client", CLIENT),
            ("exercise", EXERCISE),
        ] {
            let parsed = syn::parse_str::<syn::File>(source);
            assert!(parsed.is_ok(), "static/{name}.rs: {:?}", parsed.err());
        }
    }
}
