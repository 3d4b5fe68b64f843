//! Cargo features by area, so users compile only the part of Graph they use. An item's
//! area is the docs' own workload grouping (`ms.prod` of the page that defines it).
//!
//! A feature depends on the features of the types its structs' non-navigation fields use,
//! most-used first, as long as that keeps the dependencies acyclic and the feature
//! compiles at most twice its own items (or 50 more, for small areas): Graph's areas refer to each other so much that
//! following every reference would make each feature pull in nearly all of Graph. A field whose type is in a feature that is not enabled (a
//! navigation field, or a reference left out to break a cycle) is compiled out, and its
//! JSON member then lands in `additional_properties`, so no data is lost.
use std::collections::{BTreeMap, BTreeSet};

use super::names::Field;
use crate::schema::Schema;

/// How many items a dependency may add to a small feature's build regardless of its size.
const SMALL_AREA_SLACK: usize = 50;

/// The feature of items whose page names no workload.
pub const COMMON: &str = "common";

/// `Microsoft Teams` → `microsoft-teams`; no workload → `common`.
pub fn feature_name(area: Option<&str>) -> String {
    let name: String = area
        .unwrap_or("")
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = name
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    match name.as_str() {
        "" | "full" | "models" | "operations" | "default" | "registry" => COMMON.to_string(),
        _ if name.starts_with(|c: char| c.is_ascii_digit()) => format!("area-{name}"),
        _ => name,
    }
}

/// Whether `from` reaches `to` through `deps`.
fn reaches(deps: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(cur) = stack.pop() {
        if cur == to {
            return true;
        }
        if seen.insert(cur) {
            stack.extend(deps.get(cur).into_iter().flatten().map(String::as_str));
        }
    }
    false
}

/// `feature` and every feature it depends on, directly or not.
fn closure_of(deps: &BTreeMap<String, BTreeSet<String>>, feature: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([feature.to_string()]);
    let mut stack = vec![feature.to_string()];
    while let Some(cur) = stack.pop() {
        for d in deps.get(&cur).into_iter().flatten() {
            if seen.insert(d.clone()) {
                stack.push(d.clone());
            }
        }
    }
    seen
}

/// The Rust module that holds one feature's items inside a namespace module.
pub fn module_name(feature: &str) -> String {
    format!("area_{}", feature.replace('-', "_"))
}

#[derive(Debug, Default)]
pub struct Features {
    /// Feature of every type and enum, by qualified name.
    pub feature_of: BTreeMap<String, String>,
    /// Direct dependencies of each feature.
    pub deps: BTreeMap<String, BTreeSet<String>>,
    closure: BTreeMap<String, BTreeSet<String>>,
}

impl Features {
    pub fn new(schema: &Schema, fields: &BTreeMap<String, Vec<Field<'_>>>) -> Self {
        let mut feature_of = BTreeMap::new();
        for t in &schema.types {
            feature_of.insert(t.qualified(), feature_name(t.area.as_deref()));
        }
        for e in &schema.enums {
            feature_of.insert(e.qualified(), feature_name(e.area.as_deref()));
        }
        // How often each feature's non-navigation fields use each other feature.
        let mut uses: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (owner, fs) in fields {
            let Some(own) = feature_of.get(owner) else {
                continue;
            };
            for f in fs.iter().filter(|f| !f.property.navigation) {
                if let Some(target) = feature_of.get(&f.property.ty)
                    && target != own
                {
                    *uses.entry((own.clone(), target.clone())).or_default() += 1;
                }
            }
        }
        // Keep the most-used dependencies that leave the graph acyclic and do not make a
        // feature compile more than twice its own items (one Intune enum used by a small
        // area must not pull in all of Intune: that field is gated instead).
        let mut size: BTreeMap<&str, usize> = BTreeMap::new();
        for f in feature_of.values() {
            *size.entry(f.as_str()).or_default() += 1;
        }
        let mut edges: Vec<(&(String, String), &usize)> = uses.iter().collect();
        edges.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let mut deps: BTreeMap<String, BTreeSet<String>> = feature_of
            .values()
            .map(|f| (f.clone(), BTreeSet::new()))
            .collect();
        for ((from, to), _) in edges {
            if reaches(&deps, to, from) {
                continue;
            }
            // What enabling `from` would compile with this edge: its closure and `to`'s.
            let mut compiled_features = closure_of(&deps, from);
            compiled_features.extend(closure_of(&deps, to));
            let compiled: usize = compiled_features
                .iter()
                .map(|f| size.get(f.as_str()).copied().unwrap_or(0))
                .sum();
            let own = size.get(from.as_str()).copied().unwrap_or(0);
            if compiled <= (2 * own).max(own + SMALL_AREA_SLACK) {
                deps.entry(from.clone()).or_default().insert(to.clone());
            }
        }
        let closure = deps
            .keys()
            .map(|f| (f.clone(), closure_of(&deps, f)))
            .collect();
        Features {
            feature_of,
            deps,
            closure,
        }
    }

    /// The feature a field of a struct in `owner` must be gated on: the target's, when
    /// enabling `owner` does not already enable it.
    pub fn gate(&self, owner: &str, target_item: &str) -> Option<&str> {
        let target = self.feature_of.get(target_item)?;
        let closure = self.closure.get(owner)?;
        (!closure.contains(target)).then_some(target.as_str())
    }

    /// The `[features]` lines: `full` and `models`, then one line per area with its dependencies.
    pub fn manifest_lines(&self) -> String {
        let quoted = |set: &mut dyn Iterator<Item = &String>| {
            set.map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = String::from(
            "default = [\"full\"]\n# Every area, with the request types of its operations.\n\
             full = [\"models\", \"operations\"]\n# Every area's models alone.\n",
        );
        out.push_str(&format!("models = [{}]\n", quoted(&mut self.deps.keys())));
        out.push_str(
            "# One feature per area (the docs' `ms.prod`), with the areas its types' fields use.\n",
        );
        for (f, deps) in &self.deps {
            out.push_str(&format!("{f} = [{}]\n", quoted(&mut deps.iter())));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(feature_name(Some("microsoft-teams")), "microsoft-teams");
        assert_eq!(feature_name(Some("Sharepoint")), "sharepoint");
        assert_eq!(
            feature_name(Some("Identity and sign-in")),
            "identity-and-sign-in"
        );
        assert_eq!(feature_name(None), "common");
        assert_eq!(feature_name(Some("full")), "common");
        assert_eq!(feature_name(Some("models")), "common");
        assert_eq!(feature_name(Some("operations")), "common");
        assert_eq!(feature_name(Some("365")), "area-365");
        assert_eq!(module_name("microsoft-teams"), "area_microsoft_teams");
    }
}
