//! A page's workload (its area, which becomes a cargo feature) from its frontmatter, in one
//! vocabulary whichever key the page uses. Pages before late 2023 write `ms.prod:
//! "microsoft-teams"`; later ones `ms.subservice: "teams"` (or `"Teams"`). A tree that mixes
//! both must still put each workload's types in one feature, so subservice names are mapped
//! to the `ms.prod`-era names (README "Areas"); case is folded everywhere.

use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{Page, WorkloadKey};

/// `ms.subservice` names whose `ms.prod`-era name differs; every other name is its own.
const SUBSERVICE_TO_PROD: &[(&str, &str)] = &[
    ("entra-applications", "applications"),
    ("entra-directory-management", "directory-management"),
    ("entra-groups", "groups"),
    ("entra-id-governance", "governance"),
    ("entra-id-protection", "identity-and-sign-in"),
    ("entra-monitoring-health", "identity-and-access-reports"),
    ("entra-sign-in", "identity-and-sign-in"),
    ("entra-users", "users"),
    ("m365-lighthouse", "microsoft-365-lighthouse"),
    ("onedrive", "sharepoint"),
    ("teams", "microsoft-teams"),
];

/// The area of `page`: its workload, case-folded and in the `ms.prod` vocabulary. `None`
/// when the page names none or only a placeholder (diagnosed).
pub fn area(page: &Page, diags: &mut Diagnostics) -> Option<String> {
    let workload = page.workload.as_ref()?;
    let value = workload.value.trim();
    if value.contains("TODO") || value.starts_with('*') {
        diags.report(
            Code::PlaceholderText,
            &Origin::new(&page.file, workload.line),
            format!(
                "the workload is a placeholder (`{value}`); the page's types go to the common area"
            ),
        );
        return None;
    }
    let folded = value.to_lowercase();
    Some(match workload.key {
        WorkloadKey::Prod => folded,
        WorkloadKey::Subservice => SUBSERVICE_TO_PROD
            .iter()
            .find(|(sub, _)| *sub == folded)
            .map_or(folded, |(_, prod)| (*prod).to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Workload;

    fn area_of(key: WorkloadKey, value: &str) -> (Option<String>, Diagnostics) {
        let mut page = crate::reader::read_page("resources/x.md".into(), b"# x\n").0;
        page.workload = Some(Workload {
            key,
            value: value.into(),
            line: 3,
        });
        let mut diags = Diagnostics::default();
        (area(&page, &mut diags), diags)
    }

    #[test]
    fn subservice_names_map_to_the_prod_era_feature() {
        for (sub, prod) in [
            ("teams", "microsoft-teams"),
            ("Teams", "microsoft-teams"),
            ("entra-users", "users"),
            ("onedrive", "sharepoint"),
        ] {
            assert_eq!(
                area_of(WorkloadKey::Subservice, sub).0.as_deref(),
                Some(prod),
                "{sub}"
            );
        }
        // Names both vocabularies share stay as they are.
        assert_eq!(
            area_of(WorkloadKey::Subservice, "cloud-communications")
                .0
                .as_deref(),
            Some("cloud-communications")
        );
    }

    #[test]
    fn prod_names_are_only_case_folded() {
        // `teams` is not mapped under ms.prod: there it was a workload of its own name.
        assert_eq!(
            area_of(WorkloadKey::Prod, "teams").0.as_deref(),
            Some("teams")
        );
        assert_eq!(
            area_of(WorkloadKey::Prod, "SharePoint").0.as_deref(),
            Some("sharepoint")
        );
    }

    #[test]
    fn a_placeholder_is_diagnosed_and_names_no_area() {
        let (area, diags) = area_of(WorkloadKey::Subservice, "**TODO: Add MS subservice value**");
        assert_eq!(area, None);
        let diags = diags.into_sorted();
        assert!(
            diags
                .iter()
                .any(|d| d.kind == Code::PlaceholderText && d.line == 3),
            "{diags:?}"
        );
    }
}
