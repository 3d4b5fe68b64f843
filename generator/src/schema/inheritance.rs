//! Inheritance across the merged types: bases named only by "Inherited from" rows,
//! rows a derived table repeats from its ancestors, cycles, keys and entity kinds.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Kind, Property, TypeDef};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// Bases from "Inherited from" rows, ancestors' repeated rows, cycles, keys and kinds.
pub(super) fn inheritance(
    types: &mut BTreeMap<String, TypeDef>,
    base_rows: &BTreeMap<String, Vec<String>>,
    diags: &mut Diagnostics,
) {
    bases_from_rows(types, base_rows);
    break_cycles(types, diags);
    let names: Vec<String> = types.keys().cloned().collect();
    for q in &names {
        settle_inherited_rows(types, q, diags);
    }
    for q in &names {
        set_kind(types, q, diags);
    }
}

/// Bases named only by "Inherited from" rows: the most derived candidate.
fn bases_from_rows(
    types: &mut BTreeMap<String, TypeDef>,
    base_rows: &BTreeMap<String, Vec<String>>,
) {
    for (q, candidates) in base_rows {
        if candidates.is_empty() || types[q].base.is_some() {
            continue;
        }
        let ancestors_of = |c: &String| ancestors(types, c);
        let pick = candidates
            .iter()
            .find(|c| {
                candidates
                    .iter()
                    .all(|other| other == *c || ancestors_of(c).contains(other))
            })
            .unwrap_or(&candidates[0])
            .clone();
        if let Some(t) = types.get_mut(q) {
            t.base = Some(pick);
        }
    }
}

/// Cycles: walk each chain; the edge closing a cycle is cut where it is found.
fn break_cycles(types: &mut BTreeMap<String, TypeDef>, diags: &mut Diagnostics) {
    let names: Vec<String> = types.keys().cloned().collect();
    for start in &names {
        let mut seen = BTreeSet::new();
        let mut cur = start.clone();
        seen.insert(cur.clone());
        while let Some(next) = types.get(&cur).and_then(|t| t.base.clone()) {
            if seen.contains(&next) {
                let t = types.get_mut(&cur).expect("walked type exists");
                let origin = t.sources[0].clone();
                diags.report(Code::InheritanceCycle, &origin, format!("base types form a cycle through `{cur}` → `{next}`; the base of `{cur}` is dropped"));
                t.base = None;
                break;
            }
            if !types.contains_key(&next) {
                break;
            }
            seen.insert(next.clone());
            cur = next;
        }
    }
}

/// A property an ancestor declares, with the ancestor.
struct Inherited<'a> {
    owner: &'a TypeDef,
    property: &'a Property,
}

/// The nearest ancestor's declaration of a property, if any ancestor declares it.
fn inherited<'a>(
    types: &'a BTreeMap<String, TypeDef>,
    q: &str,
    name: &str,
) -> Option<Inherited<'a>> {
    ancestors(types, q)
        .iter()
        .filter_map(|a| types.get(a))
        .find_map(|owner| {
            let property = owner.properties.iter().find(|x| x.name == name)?;
            Some(Inherited { owner, property })
        })
}

/// Inherited rows repeated in derived tables are the base's, not new properties; API-only
/// rows no ancestor declares are dropped; the key is inherited; JSON-only properties
/// are reported.
fn settle_inherited_rows(types: &mut BTreeMap<String, TypeDef>, q: &str, diags: &mut Diagnostics) {
    let inherited_names: BTreeSet<String> = ancestors(types, q)
        .iter()
        .filter_map(|a| types.get(a))
        .flat_map(|t| t.properties.iter().map(|p| p.name.clone()))
        .collect();
    let key = ancestors(types, q)
        .iter()
        .filter_map(|a| types.get(a))
        .find_map(|t| t.key.clone());
    report_changed_inherited(types, q, diags);
    let t = types.get_mut(q).expect("type exists");
    t.properties.retain(|p| !inherited_names.contains(&p.name));
    t.properties.retain(|p| {
        if p.api_only {
            diags.report(
                Code::PropertyApiOnly,
                &p.sources[0],
                format!("`{}` is in this request body table but not on the resource page of `{q}` or its bases; it is not added to the type (action parameters are often documented this way)", p.name),
            );
        }
        !p.api_only
    });
    if t.key.is_none() {
        t.key = key;
    }
    report_json_only(t, q, diags);
}

/// A derived type cannot change an inherited property: the base's is kept, and a derived
/// table that types it differently is reported.
fn report_changed_inherited(types: &BTreeMap<String, TypeDef>, q: &str, diags: &mut Diagnostics) {
    for p in &types[q].properties {
        if let Some(b) = inherited(types, q, &p.name)
            && (b.property.ty != p.ty || b.property.collection != p.collection)
            // An unreadable Type cell here was reported already.
            && p.ty != "Edm.Untyped"
        {
            let d = Diagnostic::new(
                Code::PropertyConflict,
                p.at.as_ref().unwrap_or(&p.sources[0]),
                format!(
                    "`{q}.{}` is `{}` here but inherited from `{}` as `{}`, which is kept",
                    p.name,
                    p.ty,
                    b.owner.qualified(),
                    b.property.ty
                ),
            )
            .with_related(&b.property.sources[0], "inherited definition");
            diags.push(d);
        }
    }
}

/// Properties known only from a JSON representation, in one diagnostic per type.
fn report_json_only(t: &TypeDef, q: &str, diags: &mut Diagnostics) {
    let json_only: Vec<&str> = t
        .properties
        .iter()
        .filter(|p| p.from_example)
        .map(|p| p.name.as_str())
        .collect();
    if json_only.is_empty() {
        return;
    }
    let origin = t
        .properties
        .iter()
        .find(|p| p.from_example)
        .map(|p| p.at.clone().unwrap_or_else(|| p.sources[0].clone()))
        .unwrap_or_else(|| t.sources[0].clone());
    diags.report(
        Code::PropertyJsonOnly,
        &origin,
        format!(
            "`{q}`: in the JSON representation but in no table: {}",
            json_only.join(", ")
        ),
    );
}

/// A type with a key, own or inherited, is an entity; a key it does not have is reported.
fn set_kind(types: &mut BTreeMap<String, TypeDef>, q: &str, diags: &mut Diagnostics) {
    let all: BTreeSet<String> = std::iter::once(q.to_string())
        .chain(ancestors(types, q))
        .filter_map(|a| types.get(&a))
        .flat_map(|t| t.properties.iter().map(|p| p.name.clone()))
        .collect();
    let t = types.get_mut(q).expect("type exists");
    if let Some(key) = &t.key {
        t.kind = Kind::Entity;
        if !all.contains(key) && !all.is_empty() {
            let origin = t.sources[0].clone();
            diags.report(
                Code::KeyMissing,
                &origin,
                format!("`keyProperty` of `{q}` is `{key}`, which is not one of its properties"),
            );
        }
    }
}

/// The base chain of a type, nearest first, stopping at unknown types and cycles.
pub fn ancestors(types: &BTreeMap<String, TypeDef>, q: &str) -> Vec<String> {
    base_chain(q, |t| types.get(t).and_then(|t| t.base.as_deref()))
}

/// The base chain given a way to look up a type's base.
pub fn base_chain<'a>(q: &str, base_of: impl Fn(&str) -> Option<&'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = base_of(q);
    while let Some(b) = cur {
        if b == q || out.iter().any(|x| x == b) {
            break;
        }
        out.push(b.to_string());
        cur = base_of(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::schema::test_support::{at, related};

    /// `microsoft.graph.{name}` from `resources/{name}.md`, with a base and properties
    /// typed `Edm.String` (or as given after a colon, `id:Edm.Int32`).
    fn def(name: &str, base: Option<&str>, props: &[&str]) -> TypeDef {
        let file = format!("resources/{}.md", name.to_ascii_lowercase());
        TypeDef {
            namespace: "microsoft.graph".to_string(),
            name: name.to_string(),
            kind: Kind::Complex,
            base: base.map(|b| format!("microsoft.graph.{b}")),
            is_abstract: false,
            open: false,
            key: None,
            description: None,
            area: None,
            properties: props
                .iter()
                .enumerate()
                .map(|(i, spec)| {
                    let (name, ty) = spec.split_once(':').unwrap_or((spec, "Edm.String"));
                    Property {
                        name: name.to_string(),
                        ty: ty.to_string(),
                        collection: false,
                        navigation: false,
                        nullable: true,
                        read_only: false,
                        required: false,
                        description: None,
                        allowed_values: Vec::new(),
                        sources: vec![at(&file, 10 + i as u32)],
                        at: None,
                        from_example: false,
                        api_only: false,
                    }
                })
                .collect(),
            sources: vec![at(&file, 1)],
        }
    }

    fn types(defs: Vec<TypeDef>) -> BTreeMap<String, TypeDef> {
        defs.into_iter().map(|t| (t.qualified(), t)).collect()
    }

    fn run(types: &mut BTreeMap<String, TypeDef>, rows: &[(&str, &[&str])]) -> Vec<Diagnostic> {
        let rows = rows
            .iter()
            .map(|(q, bases)| {
                let q = format!("microsoft.graph.{q}");
                (
                    q,
                    bases
                        .iter()
                        .map(|b| format!("microsoft.graph.{b}"))
                        .collect(),
                )
            })
            .collect();
        let mut diags = Diagnostics::default();
        inheritance(types, &rows, &mut diags);
        diags.into_sorted()
    }

    fn base<'a>(types: &'a BTreeMap<String, TypeDef>, name: &str) -> Option<&'a str> {
        types[&format!("microsoft.graph.{name}")].base.as_deref()
    }

    fn own(types: &BTreeMap<String, TypeDef>, name: &str) -> Vec<String> {
        types[&format!("microsoft.graph.{name}")]
            .properties
            .iter()
            .map(|p| p.name.clone())
            .collect()
    }

    #[test]
    fn cycle_is_broken_with_g0803() {
        let mut types = types(vec![
            def("a", Some("b"), &[]),
            def("b", Some("c"), &[]),
            def("c", Some("a"), &[]),
        ]);
        let diags = run(&mut types, &[]);
        let cycles: Vec<_> = diags
            .iter()
            .filter(|d| d.kind == Code::InheritanceCycle)
            .collect();
        assert_eq!(cycles.len(), 1, "{diags:#?}");
        // Walking from `a` (the first name), the edge `c` → `a` closes the cycle.
        assert_eq!(base(&types, "c"), None);
        assert_eq!(base(&types, "a"), Some("microsoft.graph.b"));
        assert_eq!(cycles[0].origin(), at("resources/c.md", 1));
    }

    #[test]
    fn self_base_is_a_cycle() {
        let mut types = types(vec![def("a", Some("a"), &[])]);
        let diags = run(&mut types, &[]);
        assert_eq!(base(&types, "a"), None);
        assert_eq!(diags[0].kind, Code::InheritanceCycle);
    }

    #[test]
    fn inherited_from_rows_give_the_most_derived_base() {
        let mut types = types(vec![
            def("entity", None, &["id"]),
            def("directoryObject", Some("entity"), &["deletedDateTime"]),
            def("user", None, &["id", "deletedDateTime", "displayName"]),
        ]);
        // The rows name both ancestors, least derived first.
        run(&mut types, &[("user", &["entity", "directoryObject"])]);
        assert_eq!(
            base(&types, "user"),
            Some("microsoft.graph.directoryObject")
        );
    }

    #[test]
    fn inherited_rows_repeated_in_a_derived_table_are_the_bases() {
        let mut types = types(vec![
            def("entity", None, &["id"]),
            def("user", Some("entity"), &["id", "displayName"]),
        ]);
        let diags = run(&mut types, &[]);
        assert_eq!(own(&types, "user"), ["displayName"]);
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn inherited_row_typed_differently_keeps_the_bases_and_is_reported() {
        let mut types = types(vec![
            def("entity", None, &["id"]),
            def("user", Some("entity"), &["id:Edm.Int32"]),
        ]);
        let diags = run(&mut types, &[]);
        assert!(own(&types, "user").is_empty());
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0].kind, Code::PropertyConflict);
        assert_eq!(diags[0].origin(), at("resources/user.md", 10));
        assert_eq!(
            related(&diags[0]),
            Some(at("resources/entity.md", 10)),
            "the other place is named"
        );
    }

    #[test]
    fn inherited_key_makes_an_entity() {
        let mut entity = def("entity", None, &["id"]);
        entity.key = Some("id".to_string());
        let mut types = types(vec![entity, def("user", Some("entity"), &["displayName"])]);
        run(&mut types, &[]);
        let user = &types["microsoft.graph.user"];
        assert_eq!(user.key.as_deref(), Some("id"));
        assert_eq!(user.kind, Kind::Entity);
    }
}
