//! Inheritance across the merged types: bases named only by "Inherited from" rows or by
//! the base's own page (`## Derived types`, "is the base type for"), Graph's implicit
//! `entity`, types that repeat a base's rows without naming it, rows a derived table
//! repeats from its ancestors, cycles, keys and entity kinds.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{BaseForm, BaseFrom, Kind, Property, TypeDef};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// Graph's root entity type, the base of entity types whose docs state none.
pub const ENTITY: &str = "microsoft.graph.entity";

/// A base must have at least this many properties (own and inherited) for a type that
/// repeats them all to be reported: fewer match by chance.
const MIN_REPEATED_ROWS: usize = 3;

/// A base some statement proposes for a type.
#[derive(Clone, Debug)]
pub(super) struct BaseCandidate {
    pub base: String,
    pub from: BaseFrom,
}

/// Base candidates from statements other than the type's annotation and prose.
#[derive(Debug, Default)]
pub(super) struct BaseEvidence {
    /// "Inherited from [x]" rows, by type.
    pub rows: BTreeMap<String, Vec<BaseCandidate>>,
    /// `## Derived types` rows and "is the base type for" prose on base pages, by the
    /// derived type.
    pub claims: BTreeMap<String, Vec<BaseCandidate>>,
}

/// Bases from rows, base pages and the implicit `entity`; cycles; types repeating a
/// base's rows; ancestors' repeated rows; keys and kinds.
pub(super) fn inheritance(
    types: &mut BTreeMap<String, TypeDef>,
    evidence: &BaseEvidence,
    diags: &mut Diagnostics,
) {
    bases_from_candidates(types, &evidence.rows);
    bases_from_candidates(types, &evidence.claims);
    break_cycles(types, diags);
    report_claim_conflicts(types, &evidence.claims, diags);
    report_repeated_rows(types, diags);
    implicit_entity(types);
    let names: Vec<String> = types.keys().cloned().collect();
    for q in &names {
        settle_inherited_rows(types, q, diags);
    }
    for q in &names {
        set_kind(types, q, diags);
    }
}

/// Bases for types that have none yet: the most derived candidate. Candidates' own bases
/// may come from this same evidence (`videoQuality` and its base `mediaQuality` both
/// list `screenSharingQuality`), so passes repeat while they settle a type; what stays
/// ambiguous takes the first candidate.
fn bases_from_candidates(
    types: &mut BTreeMap<String, TypeDef>,
    candidates: &BTreeMap<String, Vec<BaseCandidate>>,
) {
    let open = |types: &BTreeMap<String, TypeDef>| -> Vec<String> {
        candidates
            .iter()
            .filter(|(q, c)| !c.is_empty() && types.get(*q).is_some_and(|t| t.base.is_none()))
            .map(|(q, _)| q.clone())
            .collect()
    };
    loop {
        let mut settled = false;
        for q in open(types) {
            if let Some(pick) = most_derived(types, &candidates[&q]) {
                let pick = pick.clone();
                set_base(types, &q, pick);
                settled = true;
            }
        }
        if !settled {
            break;
        }
    }
    for q in open(types) {
        let first = candidates[&q][0].clone();
        set_base(types, &q, first);
    }
}

/// The candidate whose ancestors include every other candidate, if there is one.
fn most_derived<'c>(
    types: &BTreeMap<String, TypeDef>,
    candidates: &'c [BaseCandidate],
) -> Option<&'c BaseCandidate> {
    candidates.iter().find(|c| {
        let above = ancestors(types, &c.base);
        candidates
            .iter()
            .all(|other| other.base == c.base || above.contains(&other.base))
    })
}

fn set_base(types: &mut BTreeMap<String, TypeDef>, q: &str, candidate: BaseCandidate) {
    if let Some(t) = types.get_mut(q) {
        t.base = Some(candidate.base);
        t.base_from = Some(candidate.from);
    }
}

/// A base page that lists a type whose base, from a higher-precedence statement, is
/// neither that page's type nor derived from it.
fn report_claim_conflicts(
    types: &BTreeMap<String, TypeDef>,
    claims: &BTreeMap<String, Vec<BaseCandidate>>,
    diags: &mut Diagnostics,
) {
    for (q, candidates) in claims {
        let Some(t) = types.get(q) else { continue };
        let (Some(base), Some(from)) = (&t.base, &t.base_from) else {
            continue;
        };
        let above = ancestors(types, q);
        for c in candidates.iter().filter(|c| !above.contains(&c.base)) {
            let d = Diagnostic::new(
                Code::BaseConflict,
                &c.from.source,
                format!("`{}` lists `{q}` as derived from it, but the base of `{q}` is `{base}` elsewhere, which is kept", c.base),
            )
            .with_related(&from.source, format!("base `{base}`"));
            diags.push(d);
        }
    }
}

/// A type that states no base but repeats every property (own and inherited, same
/// types, at least [`MIN_REPEATED_ROWS`]) of a known base of its family (a type that is
/// abstract or that another type states as its base, whose name ends with the same
/// word: `muteParticipantOperation` and `commsOperation`) is reported (G0806), and no
/// base is taken: on both Graph trees such repeats are as often siblings as bases
/// (README, "How facts merge").
fn report_repeated_rows(types: &BTreeMap<String, TypeDef>, diags: &mut Diagnostics) {
    let known_bases: BTreeSet<&str> = types
        .values()
        .filter(|t| t.qualified() != ENTITY)
        .filter_map(|t| t.base.as_deref())
        .collect();
    let is_known_base = |a: &TypeDef| a.is_abstract || known_bases.contains(a.qualified().as_str());
    for (q, t) in types.iter().filter(|(_, t)| t.base.is_none()) {
        let fits: Vec<String> = types
            .values()
            .filter(|a| a.qualified() != *q && a.qualified() != ENTITY && is_known_base(a))
            .filter(|a| last_word(&a.name).eq_ignore_ascii_case(last_word(&t.name)))
            .filter(|a| !ancestors(types, &a.qualified()).contains(q))
            .filter(|a| repeats_all(types, q, &a.qualified()))
            .map(|a| format!("`{}`", a.qualified()))
            .collect();
        if fits.is_empty() {
            continue;
        }
        diags.report(
            Code::RepeatedBaseRows,
            &t.sources[0],
            format!(
                "`{q}` states no base but repeats every property of {}; if it derives from it, say so on the page (`baseType` or \"Inherits from\"); no base is taken from repeated rows",
                fits.join(", ")
            ),
        );
    }
}

/// Whether `q`'s own rows repeat all properties of `a` and its ancestors, same types.
fn repeats_all(types: &BTreeMap<String, TypeDef>, q: &str, a: &str) -> bool {
    let own = &types[q].properties;
    let theirs: BTreeMap<&str, &Property> = std::iter::once(a.to_string())
        .chain(ancestors(types, a))
        .filter_map(|x| types.get(&x))
        .flat_map(|t| t.properties.iter().map(|p| (p.name.as_str(), p)))
        .collect();
    theirs.len() >= MIN_REPEATED_ROWS
        && theirs.values().all(|p| {
            own.iter()
                .any(|o| o.name == p.name && o.ty == p.ty && o.collection == p.collection)
        })
}

/// The last word of a camelCase name: `muteParticipantOperation` → `Operation`.
fn last_word(name: &str) -> &str {
    name.char_indices()
        .rfind(|(_, c)| c.is_ascii_uppercase())
        .map_or(name, |(i, _)| &name[i..])
}

/// Graph's convention: an entity type (one keyed like `entity`, by `id`) whose docs
/// state no base derives from `microsoft.graph.entity`. Complex types have no such base.
fn implicit_entity(types: &mut BTreeMap<String, TypeDef>) {
    let Some(key) = types.get(ENTITY).and_then(|e| e.key.clone()) else {
        return;
    };
    for t in types.values_mut() {
        if t.base.is_none() && t.key.as_ref() == Some(&key) && t.qualified() != ENTITY {
            t.base = Some(ENTITY.to_string());
            t.base_from = Some(BaseFrom {
                form: BaseForm::ImplicitEntity,
                source: t.sources[0].clone(),
            });
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
                t.base_from = None;
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
            base_from: None,
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

    /// Candidates `(type, [bases])`, each base stated at `resources/{base}.md:{line}`.
    fn candidates(
        list: &[(&str, &[&str])],
        form: BaseForm,
        line: u32,
    ) -> BTreeMap<String, Vec<BaseCandidate>> {
        list.iter()
            .map(|(q, bases)| {
                let q = format!("microsoft.graph.{q}");
                let c = bases
                    .iter()
                    .map(|b| BaseCandidate {
                        base: format!("microsoft.graph.{b}"),
                        from: BaseFrom {
                            form,
                            source: at(&format!("resources/{}.md", b.to_ascii_lowercase()), line),
                        },
                    })
                    .collect();
                (q, c)
            })
            .collect()
    }

    fn run(types: &mut BTreeMap<String, TypeDef>, rows: &[(&str, &[&str])]) -> Vec<Diagnostic> {
        run_with(types, rows, &[])
    }

    /// With "Inherited from" rows and base pages' derived-type claims (line 30).
    fn run_with(
        types: &mut BTreeMap<String, TypeDef>,
        rows: &[(&str, &[&str])],
        claims: &[(&str, &[&str])],
    ) -> Vec<Diagnostic> {
        let evidence = BaseEvidence {
            rows: candidates(rows, BaseForm::InheritedFromRow, 20),
            claims: candidates(claims, BaseForm::DerivedTypesTable, 30),
        };
        let mut diags = Diagnostics::default();
        inheritance(types, &evidence, &mut diags);
        diags.into_sorted()
    }

    fn form(types: &BTreeMap<String, TypeDef>, name: &str) -> Option<BaseForm> {
        types[&format!("microsoft.graph.{name}")]
            .base_from
            .as_ref()
            .map(|b| b.form)
    }

    fn keyed(mut t: TypeDef) -> TypeDef {
        t.key = Some("id".to_string());
        t
    }

    fn abstract_(mut t: TypeDef) -> TypeDef {
        t.is_abstract = true;
        t
    }

    #[test]
    fn derived_types_claims_give_the_most_derived_base_whatever_the_order() {
        // `video` gets its base from `media`'s list, later in name order than `screen`.
        let mut types = types(vec![
            def("media", None, &[]),
            def("video", None, &[]),
            def("screen", None, &[]),
        ]);
        let diags = run_with(
            &mut types,
            &[],
            &[("screen", &["media", "video"]), ("video", &["media"])],
        );
        assert_eq!(base(&types, "screen"), Some("microsoft.graph.video"));
        assert_eq!(base(&types, "video"), Some("microsoft.graph.media"));
        assert_eq!(form(&types, "screen"), Some(BaseForm::DerivedTypesTable));
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn a_claim_against_a_stated_base_is_g0801_and_the_stated_base_kept() {
        let mut user = def("user", Some("directoryObject"), &[]);
        user.base_from = Some(BaseFrom {
            form: BaseForm::Annotation,
            source: at("resources/user.md", 3),
        });
        let mut types = types(vec![
            def("directoryObject", None, &[]),
            def("outlookItem", None, &[]),
            user,
        ]);
        let diags = run_with(&mut types, &[], &[("user", &["outlookItem"])]);
        assert_eq!(
            base(&types, "user"),
            Some("microsoft.graph.directoryObject")
        );
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0].kind, Code::BaseConflict);
        assert_eq!(diags[0].origin(), at("resources/outlookitem.md", 30));
        assert_eq!(related(&diags[0]), Some(at("resources/user.md", 3)));
    }

    #[test]
    fn a_claim_by_an_ancestor_agrees() {
        let mut types = types(vec![
            def("media", None, &[]),
            def("video", Some("media"), &[]),
            def("screen", Some("video"), &[]),
        ]);
        for t in types.values_mut().filter(|t| t.base.is_some()) {
            t.base_from = Some(BaseFrom {
                form: BaseForm::Annotation,
                source: t.sources[0].clone(),
            });
        }
        let diags = run_with(&mut types, &[], &[("screen", &["media", "video"])]);
        assert!(diags.is_empty(), "{diags:#?}");
    }

    /// The rows of `commsOperation` besides `id`.
    const COMMS: &[&str] = &["clientContext", "resultInfo", "status"];

    #[test]
    fn repeating_every_row_of_a_base_of_the_family_is_g0806_and_no_base() {
        let mut types = types(vec![
            keyed(def("entity", None, &["id"])),
            abstract_(def("commsOperation", None, COMMS)),
            def(
                "muteParticipantOperation",
                None,
                &["clientContext", "resultInfo", "status", "x"],
            ),
            // Repeats only some.
            def("playPromptOperation", None, &["clientContext", "status"]),
            // Repeats all, but of another family (name).
            def("participantInfo", None, COMMS),
        ]);
        let diags = run(&mut types, &[]);
        assert_eq!(
            base(&types, "muteParticipantOperation"),
            None,
            "no base is taken"
        );
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0].kind, Code::RepeatedBaseRows);
        assert_eq!(
            diags[0].origin(),
            at("resources/muteparticipantoperation.md", 1)
        );
        assert!(
            diags[0]
                .message
                .contains("`microsoft.graph.commsOperation`"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn repeated_rows_of_a_type_no_one_derives_from_are_not_reported() {
        let mut types = types(vec![
            def("commsOperation", None, COMMS),
            def("muteParticipantOperation", None, COMMS),
        ]);
        let diags = run(&mut types, &[]);
        assert!(diags.is_empty(), "{diags:#?}");
        // Once another type states it as its base, it is a known base.
        let mut types = types_with_stated_child();
        let diags = run(&mut types, &[]);
        assert_eq!(diags.len(), 1, "{diags:#?}");
    }

    fn types_with_stated_child() -> BTreeMap<String, TypeDef> {
        types(vec![
            def("commsOperation", None, COMMS),
            def(
                "recordOperation",
                Some("commsOperation"),
                &["recordingLocation"],
            ),
            def("muteParticipantOperation", None, COMMS),
        ])
    }

    #[test]
    fn last_words() {
        assert_eq!(last_word("muteParticipantOperation"), "Operation");
        assert_eq!(last_word("entity"), "entity");
    }

    #[test]
    fn entity_types_without_a_stated_base_derive_from_entity() {
        let mut types = types(vec![
            keyed(def("entity", None, &["id"])),
            keyed(def("user", None, &["id", "displayName"])),
            keyed(def("group", Some("user"), &["mail"])),
            // A complex type (no key): no implicit base.
            def("identitySet", None, &["user"]),
        ]);
        let diags = run(&mut types, &[]);
        assert_eq!(base(&types, "user"), Some(ENTITY));
        assert_eq!(form(&types, "user"), Some(BaseForm::ImplicitEntity));
        assert_eq!(types[ENTITY].base_from, None, "entity itself has none");
        assert_eq!(types[ENTITY].base, None);
        assert_eq!(
            types["microsoft.graph.user"]
                .base_from
                .as_ref()
                .map(|b| b.source.clone()),
            Some(at("resources/user.md", 1)),
            "the provenance is the type's own page"
        );
        assert_eq!(
            base(&types, "group"),
            Some("microsoft.graph.user"),
            "a stated base stays"
        );
        assert_eq!(base(&types, "identitySet"), None);
        assert_eq!(own(&types, "user"), ["displayName"]);
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn no_entity_type_no_implicit_base() {
        let mut types = types(vec![keyed(def("user", None, &["id"]))]);
        run(&mut types, &[]);
        assert_eq!(base(&types, "user"), None);
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
