//! Merging an enum's definitions from enum pages, listing pages, values sections and
//! inline "Possible values" lists.

use std::collections::BTreeSet;

use super::model::{EnumDef, Member};
use super::resolve::{namespace_of, short};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::facts::{EnumFact, MemberFact, Rank};

/// Merges an enum's definitions: the highest-precedence list first (among equals, one
/// with values), then members only other tables list (inline lists add members only to enums no table defines); every
/// differing list is reported.
pub(super) fn merge_enum(q: &str, mut facts: Vec<EnumFact>, diags: &mut Diagnostics) -> EnumDef {
    // Among equals, a table that gives values (an enum page) leads a bare member list.
    let bare = |f: &EnumFact| f.members.iter().all(|m| m.value.is_none());
    facts.sort_by(|a, b| (a.rank, bare(a), &a.origin).cmp(&(b.rank, bare(b), &b.origin)));
    let first = &facts[0];
    let mut members: Vec<MemberFact> = first.members.clone();
    let mut flags = false;
    let mut sources = Vec::new();
    for f in &facts {
        flags |= f.flags;
        sources.push(f.origin.clone());
        if f.members.is_empty() {
            continue;
        }
        if !std::ptr::eq(f, first) {
            report_different_members(q, f, first, diags);
        }
        // Tables are authoritative: inline "Possible values" lists only define an enum
        // that no table lists (their differences are still reported above).
        if f.rank == Rank::Example && first.rank < Rank::Example {
            continue;
        }
        // A member another list spells with other letter case is the same member; a
        // value or description only another list gives is taken from it.
        for m in &f.members {
            match members
                .iter_mut()
                .find(|x| x.name.eq_ignore_ascii_case(&m.name))
            {
                Some(x) => {
                    x.value = x.value.or(m.value);
                    if x.description.is_none() {
                        x.description = m.description.clone();
                    }
                }
                None => members.push(m.clone()),
            }
        }
    }
    let looks_like_flags = looks_like_flags(&members);
    EnumDef {
        namespace: namespace_of(q).to_string(),
        name: short(q).to_string(),
        area: facts.iter().find_map(|f| f.area.clone()),
        flags: flags || looks_like_flags,
        members: members
            .into_iter()
            .map(|m| Member {
                name: m.name,
                value: m.value,
                description: m.description,
            })
            .collect(),
        sources,
    }
}

/// A list whose member names differ from the first list's, with what is missing and
/// what is extra (G0901, naming both lists).
fn report_different_members(q: &str, f: &EnumFact, first: &EnumFact, diags: &mut Diagnostics) {
    let names: BTreeSet<&str> = f.members.iter().map(|m| m.name.as_str()).collect();
    let base: BTreeSet<&str> = first.members.iter().map(|m| m.name.as_str()).collect();
    if names == base {
        return;
    }
    let missing: Vec<&str> = base.difference(&names).copied().collect();
    let extra: Vec<&str> = names.difference(&base).copied().collect();
    let mut msg = format!("enum `{q}` is listed here with different members");
    if !missing.is_empty() {
        msg.push_str(&format!("; missing: {}", missing.join(", ")));
    }
    if !extra.is_empty() {
        msg.push_str(&format!("; extra: {}", extra.join(", ")));
    }
    let d = Diagnostic::new(Code::EnumMembersDiffer, &f.origin, msg)
        .with_related(&first.origin, "first definition");
    diags.push(d);
}

/// Three or more members, every one valued 0 or a power of two, the largest at least the
/// member count: flags, even where the docs do not say so.
fn looks_like_flags(members: &[MemberFact]) -> bool {
    let values: Vec<i64> = members.iter().filter_map(|m| m.value).collect();
    let n = members.len() as i64;
    n >= 3
        && values.len() == members.len()
        && values
            .iter()
            .all(|v| *v == 0 || (*v > 0 && v.count_ones() == 1))
        && values.iter().max().copied().unwrap_or(0) >= n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostic;
    use crate::schema::test_support::{at, related};

    /// A list of `color`'s members (`name` or `name=value`) from `file`, with `rank`.
    fn list(rank: Rank, file: &str, members: &[&str]) -> EnumFact {
        EnumFact {
            name: "color".to_string(),
            area: None,
            flags: false,
            members: members
                .iter()
                .map(|m| {
                    let (name, value) = match m.split_once('=') {
                        Some((name, value)) => (name, Some(value.parse().expect("a number"))),
                        None => (*m, None),
                    };
                    MemberFact {
                        name: name.to_string(),
                        value,
                        description: None,
                    }
                })
                .collect(),
            origin: at(file, 7),
            rank,
        }
    }

    fn merge(facts: Vec<EnumFact>) -> (EnumDef, Vec<Diagnostic>) {
        let mut diags = Diagnostics::default();
        let def = merge_enum("microsoft.graph.color", facts, &mut diags);
        (def, diags.into_sorted())
    }

    fn names(def: &EnumDef) -> Vec<&str> {
        def.members.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn highest_precedence_list_comes_first() {
        let (def, diags) = merge(vec![
            list(Rank::ApiTable, "api/a.md", &["blue", "red", "green"]),
            list(Rank::ResourcePage, "resources/enums.md", &["red", "green"]),
        ]);
        assert_eq!(names(&def), ["red", "green", "blue"]);
        assert_eq!(def.sources[0], at("resources/enums.md", 7));
        assert_eq!(diags.len(), 1, "{diags:#?}");
        assert_eq!(diags[0].kind, Code::EnumMembersDiffer);
        assert_eq!(diags[0].origin(), at("api/a.md", 7));
        assert_eq!(
            related(&diags[0]),
            Some(at("resources/enums.md", 7)),
            "the other place is named"
        );
    }

    #[test]
    fn inline_lists_add_no_members_to_a_table_defined_enum() {
        let (def, diags) = merge(vec![
            list(Rank::Example, "resources/widget.md", &["red", "purple"]),
            list(Rank::ResourcePage, "resources/enums.md", &["red", "green"]),
        ]);
        assert_eq!(names(&def), ["red", "green"]);
        assert_eq!(
            diags[0].message,
            "enum `microsoft.graph.color` is listed here with different members; missing: green; extra: purple"
        );
    }

    #[test]
    fn members_differing_in_letter_case_are_one() {
        let (def, _) = merge(vec![
            list(Rank::ResourcePage, "resources/enums.md", &["red", "green"]),
            list(Rank::ApiTable, "api/a.md", &["Red", "GREEN", "blue"]),
        ]);
        assert_eq!(names(&def), ["red", "green", "blue"]);
    }

    #[test]
    fn values_are_kept_from_whichever_list_gives_them() {
        let (def, _) = merge(vec![
            list(Rank::ResourcePage, "resources/enums.md", &["red", "green"]),
            list(Rank::ApiTable, "api/a.md", &["red=1", "green=2"]),
        ]);
        let values: Vec<Option<i64>> = def.members.iter().map(|m| m.value).collect();
        assert_eq!(values, [Some(1), Some(2)]);
    }

    #[test]
    fn among_equals_a_list_with_values_leads() {
        let (def, _) = merge(vec![
            list(Rank::ResourcePage, "resources/a.md", &["green", "red"]),
            list(Rank::ResourcePage, "resources/b.md", &["red=0", "green=1"]),
        ]);
        assert_eq!(names(&def), ["red", "green"]);
        assert_eq!(def.sources[0], at("resources/b.md", 7));
    }
    #[test]
    fn powers_of_two_read_as_flags() {
        let flags = |members: &[&str]| {
            merge(vec![list(
                Rank::ResourcePage,
                "resources/enums.md",
                members,
            )])
            .0
            .flags
        };
        assert!(flags(&["none=0", "read=1", "write=2", "admin=4"]));
        assert!(
            !flags(&["a=0", "b=1", "c=2"]),
            "consecutive values are no flags"
        );
        assert!(
            !flags(&["read=1", "write=2"]),
            "two members are too few to tell"
        );
    }
}
