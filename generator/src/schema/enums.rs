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
        let names: BTreeSet<&str> = f.members.iter().map(|m| m.name.as_str()).collect();
        let base: BTreeSet<&str> = first.members.iter().map(|m| m.name.as_str()).collect();
        if !std::ptr::eq(f, first) && names != base {
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
    let values: Vec<i64> = members.iter().filter_map(|m| m.value).collect();
    let n = members.len() as i64;
    let looks_like_flags = n >= 3
        && values.len() == members.len()
        && values
            .iter()
            .all(|v| *v == 0 || (*v > 0 && v.count_ones() == 1))
        && values.iter().max().copied().unwrap_or(0) >= n;
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
