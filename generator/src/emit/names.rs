//! Rust names for everything in the schema, assigned once so the emitter never
//! recomputes them. Collisions are resolved in a fixed order and reported.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Code, Diagnostics};
use crate::naming::{self, Scope};
use crate::schema::{EnumDef, Property, Schema, TypeDef, base_chain};

/// Where a schema item lives in Rust.
#[derive(Clone, Debug)]
pub struct ItemName {
    pub module: Vec<String>,
    pub ident: String,
}

/// A struct field: the property and the Rust identifier for it.
#[derive(Clone, Debug)]
pub struct Field<'s> {
    pub property: &'s Property,
    pub ident: String,
    /// The type that declares the property (the struct itself or an ancestor).
    pub declared_in: String,
}

/// The enum of a polymorphic base (`AnyDirectoryObject`), in the base's module.
#[derive(Clone, Debug)]
pub struct PolyName {
    pub ident: String,
    /// The fallback variant, holding the base itself: the base's own Rust name.
    pub fallback: String,
    /// One variant per derived type, direct or not: (qualified name, variant), sorted by
    /// qualified name.
    pub variants: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct RustNames {
    pub items: BTreeMap<String, ItemName>,
    /// The enum of each base that has derived types, by the base's qualified name.
    pub poly: BTreeMap<String, PolyName>,
    /// The variant of each enum member, in member order, by the enum's qualified name.
    pub variants: BTreeMap<String, Vec<String>>,
    pub modules: BTreeSet<Vec<String>>,
}

impl RustNames {
    /// `derived`: every derived type (direct or not) of each base that has some.
    pub fn assign(
        schema: &Schema,
        derived: &BTreeMap<String, Vec<String>>,
        diags: &mut Diagnostics,
    ) -> Self {
        let mut by_module: BTreeMap<Vec<String>, Vec<(String, &crate::diagnostics::Origin)>> =
            BTreeMap::new();
        for t in &schema.types {
            by_module
                .entry(naming::module_path(&t.namespace))
                .or_default()
                .push((t.qualified(), &t.sources[0]));
        }
        for e in &schema.enums {
            by_module
                .entry(naming::module_path(&e.namespace))
                .or_default()
                .push((e.qualified(), &e.sources[0]));
        }
        let mut names = RustNames::default();
        for (module, mut items) in by_module {
            items.sort_by(|a, b| a.0.cmp(&b.0));
            let mut scope = Scope::camel();
            for (q, origin) in &items {
                let wanted = naming::type_ident(crate::schema::short(q));
                let (ident, renamed) = scope.claim(wanted.clone());
                if renamed {
                    diags.report(Code::RustNameCollision, origin, format!("`{q}` would be `{wanted}` in Rust like another item of its module; it is `{ident}`"));
                }
                names.items.insert(
                    q.clone(),
                    ItemName {
                        module: module.clone(),
                        ident,
                    },
                );
            }
            // After the types, so that a type keeps its name when an enum would collide.
            for (q, origin) in items.iter().filter(|(q, _)| derived.contains_key(q)) {
                let base = naming::unraw(&names.items[q].ident).to_string();
                let wanted = format!("Any{base}");
                let (ident, renamed) = scope.claim(wanted.clone());
                if renamed {
                    diags.report(Code::RustNameCollision, origin, format!("the enum of the types derived from `{q}` would be `{wanted}` like another item of its module; it is `{ident}`"));
                }
                names.poly.insert(
                    q.clone(),
                    PolyName {
                        ident,
                        fallback: names.items[q].ident.clone(),
                        variants: Vec::new(),
                    },
                );
            }
            for i in 1..=module.len() {
                names.modules.insert(module[..i].to_vec());
            }
        }
        for e in &schema.enums {
            names.variants.insert(e.qualified(), variants(e, diags));
        }
        names.poly_variants(schema, derived, diags);
        names
    }

    /// The variants of each polymorphic enum: a derived type's own Rust name, unless two
    /// derived types (of different namespaces) or the base share it.
    fn poly_variants(
        &mut self,
        schema: &Schema,
        derived: &BTreeMap<String, Vec<String>>,
        diags: &mut Diagnostics,
    ) {
        let origin: BTreeMap<String, &crate::diagnostics::Origin> = schema
            .types
            .iter()
            .map(|t| (t.qualified(), &t.sources[0]))
            .collect();
        for (base, poly) in &mut self.poly {
            let mut scope = Scope::camel();
            scope.reserve(naming::unraw(&poly.fallback));
            for q in &derived[base] {
                let wanted = naming::unraw(&self.items[q].ident).to_string();
                let (ident, renamed) = scope.claim(wanted.clone());
                if renamed {
                    diags.report(Code::RustNameCollision, origin[q], format!("`{q}` would be the variant `{wanted}` of `{}` like another type derived from `{base}`; it is `{ident}`", poly.ident));
                }
                poly.variants.push((q.clone(), ident));
            }
        }
    }
}

/// The request types of operations with a path template, in schema order: each in the
/// `operations` module of its namespace, with its `…Parameters` struct for action bodies.
#[derive(Clone, Debug)]
pub struct OperationName {
    /// Index into `schema.operations`.
    pub index: usize,
    pub module: Vec<String>,
    pub ident: String,
    pub parameters: String,
    /// The zero-sized type carrying the operation's description (`…Spec`).
    pub spec: String,
}

/// Names the operations' request types (`group-list-members` → `GroupListMembers`); a
/// collision within a namespace is renamed and reported (G1001).
pub fn operations(schema: &Schema, diags: &mut Diagnostics) -> Vec<OperationName> {
    let mut scopes: BTreeMap<Vec<String>, Scope> = BTreeMap::new();
    let mut out = Vec::new();
    for (index, op) in schema.operations.iter().enumerate() {
        if op.templates.is_empty() {
            continue;
        }
        let module = naming::module_path(&op.namespace);
        let scope = scopes.entry(module.clone()).or_insert_with(Scope::camel);
        let mut claim = |wanted: String| {
            let (ident, renamed) = scope.claim(wanted.clone());
            if renamed {
                diags.report(Code::RustNameCollision, &op.sources[0], format!("operation `{}` would be `{wanted}` in Rust like another item of its module; it is `{ident}`", op.name));
            }
            ident
        };
        let ident = claim(naming::type_ident(&op.name));
        let parameters = claim(format!("{ident}Parameters"));
        let spec = claim(format!("{ident}Spec"));
        out.push(OperationName {
            index,
            module,
            ident,
            parameters,
            spec,
        });
    }
    out
}

/// The variants of an enum, one per member; `Unrecognized` is the catch-all's.
fn variants(e: &EnumDef, diags: &mut Diagnostics) -> Vec<String> {
    let mut scope = Scope::camel();
    scope.reserve(naming::ENUM_CATCH_ALL);
    e.members
        .iter()
        .map(|m| {
            let wanted = naming::variant_ident(&m.name);
            let (ident, renamed) = scope.claim(wanted.clone());
            if renamed {
                let like = if wanted == naming::ENUM_CATCH_ALL {
                    "the variant that keeps unlisted values"
                } else {
                    "another member"
                };
                diags.report(
                    Code::RustNameCollision,
                    &e.sources[0],
                    format!(
                        "member `{}` of `{}` would be the variant `{wanted}` like {like}; it is `{ident}`",
                        m.name,
                        e.qualified()
                    ),
                );
            }
            ident
        })
        .collect()
}

/// The fields of a struct: inherited ones first (farthest ancestor first), then its own.
pub fn fields<'s>(
    t: &'s TypeDef,
    types: &BTreeMap<String, &'s TypeDef>,
    diags: &mut Diagnostics,
) -> Vec<Field<'s>> {
    let q = t.qualified();
    let mut chain: Vec<&TypeDef> = ancestors_of(&q, types)
        .into_iter()
        .rev()
        .filter_map(|a| types.get(&a).copied())
        .collect();
    chain.push(t);
    let mut scope = Scope::new();
    scope.reserve(naming::ADDITIONAL_PROPERTIES);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for owner in chain {
        for p in &owner.properties {
            if !seen.insert(p.name.as_str()) {
                continue;
            }
            let wanted = naming::field_ident(&p.name);
            let (ident, renamed) = scope.claim(wanted.clone());
            if renamed && std::ptr::eq(owner, t) {
                diags.report(Code::RustNameCollision, &p.sources[0], format!("property `{}` of `{q}` would be the field `{wanted}` like another property; it is `{ident}`", p.name));
            }
            out.push(Field {
                property: p,
                ident,
                declared_in: owner.qualified(),
            });
        }
    }
    out
}

fn ancestors_of(q: &str, types: &BTreeMap<String, &TypeDef>) -> Vec<String> {
    base_chain(q, |t| types.get(t).and_then(|t| t.base.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Origin;
    use crate::schema::Member;

    #[test]
    fn enum_members_that_collide_are_renamed_and_reported() {
        let member = |name: &str| Member {
            name: name.into(),
            value: None,
            description: None,
        };
        let e = EnumDef {
            namespace: "microsoft.graph".into(),
            name: "accessMode".into(),
            area: None,
            flags: false,
            members: vec![
                member("read-write"),
                member("read_write"),
                member("unrecognized"),
            ],
            sources: vec![Origin {
                file: "accessmode.md".into(),
                line: 3,
            }],
        };
        let mut diags = Diagnostics::default();
        assert_eq!(
            variants(&e, &mut diags),
            ["ReadWrite", "ReadWrite2", "Unrecognized2"]
        );
        let reported = diags.into_sorted();
        assert_eq!(reported.len(), 2, "{reported:?}");
        assert!(reported.iter().all(|d| d.kind == Code::RustNameCollision));
    }
}
