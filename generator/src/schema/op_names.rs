//! Operation names: the page's file stem, the docs' own stable identifier
//! (`group-list-members`), unique per namespace. Titles ("List members") collide.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};

/// The names given so far, per namespace (lower-cased), with the operation holding each.
#[derive(Default)]
pub(super) struct OperationNames {
    taken: BTreeMap<String, BTreeMap<String, Origin>>,
}

impl OperationNames {
    /// The name of the next operation of `file`, in page order. A taken name gets
    /// `-<method>`, then `-2`, `-3`, … (reported with the holder).
    pub(super) fn assign(
        &mut self,
        file: &Arc<str>,
        namespace: &str,
        method: &str,
        origin: &Origin,
        diags: &mut Diagnostics,
    ) -> String {
        let stem = file
            .rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".md")
            .to_ascii_lowercase();
        let taken = self
            .taken
            .entry(namespace.to_ascii_lowercase())
            .or_default();
        let Some(holder) = taken.get(&stem).cloned() else {
            taken.insert(stem.clone(), origin.clone());
            return stem;
        };
        let mut name = format!("{stem}-{}", method.to_ascii_lowercase());
        let mut n = 2;
        while taken.contains_key(&name) {
            name = format!("{stem}-{n}");
            n += 1;
        }
        taken.insert(name.clone(), origin.clone());
        let d = Diagnostic::new(
            Code::OperationNameCollision,
            origin,
            format!("operation name `{stem}` is taken in namespace `{namespace}`; this {method} operation is named `{name}`"),
        )
        .with_related(&holder, "the operation named so first");
        diags.push(d);
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::test_support::at;

    #[test]
    fn names_are_file_stems_and_collisions_get_a_method_then_a_number() {
        let mut names = OperationNames::default();
        let mut d = Diagnostics::default();
        let f: Arc<str> = Arc::from("api/driveitem-unfollow.md");
        let o = at("api/driveitem-unfollow.md", 30);
        assert_eq!(
            names.assign(&f, "microsoft.graph", "DELETE", &o, &mut d),
            "driveitem-unfollow"
        );
        assert_eq!(
            names.assign(&f, "microsoft.graph", "POST", &o, &mut d),
            "driveitem-unfollow-post"
        );
        assert_eq!(
            names.assign(&f, "microsoft.graph", "POST", &o, &mut d),
            "driveitem-unfollow-2"
        );
        // Another namespace has its own names.
        assert_eq!(
            names.assign(&f, "microsoft.graph.beta", "POST", &o, &mut d),
            "driveitem-unfollow"
        );
        let d = d.into_sorted();
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.code == "G1201"));
    }
}
