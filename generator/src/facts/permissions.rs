//! Permissions tables → the permissions an operation needs, by permission type, least
//! to most privileged.

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{Table, normalize_header};

/// One permissions table (or one column or row of it, when the table splits them by
/// scenario: "acting on self" / "acting on others", or one row per resource).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PermissionSet {
    /// What the set applies to, when the page splits permissions: the sub-heading, the
    /// column header or the resource row (`Permissions acting on self`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// Delegated (work or school account).
    pub delegated_work: Option<Permission>,
    /// Delegated (personal Microsoft account).
    pub delegated_personal: Option<Permission>,
    pub application: Option<Permission>,
    pub source: Origin,
}

impl PermissionSet {
    fn new(scenario: Option<String>, source: Origin) -> Self {
        PermissionSet {
            scenario,
            delegated_work: None,
            delegated_personal: None,
            application: None,
            source,
        }
    }
}

/// What one permission type's cell says.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Permission {
    /// Least to most privileged; `*` footnote marks removed.
    Scopes {
        scopes: Vec<String>,
        source: Origin,
    },
    NotSupported {
        source: Origin,
    },
    /// "Not applicable", "n/a".
    NotApplicable {
        source: Origin,
    },
    /// "None": no permission needed.
    NoneRequired {
        source: Origin,
    },
}

/// The three permission types, as a row label or column header names them.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    DelegatedWork,
    DelegatedPersonal,
    Application,
}

fn kind_of(label: &str) -> Option<Kind> {
    let l = label.to_ascii_lowercase();
    if l.contains("personal") {
        Some(Kind::DelegatedPersonal)
    } else if l.contains("delegated") {
        Some(Kind::DelegatedWork)
    } else if l.contains("application") {
        Some(Kind::Application)
    } else {
        None
    }
}

/// Reads a permissions table; `scenario` is its sub-heading when the section has several.
pub fn permission_table(
    table: &Table,
    scenario: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<PermissionSet> {
    let cols: Vec<String> = table.columns.iter().map(|c| normalize_header(c)).collect();
    let reversed = |c: &str| c.contains("most to least");
    let first = cols.first().map(String::as_str).unwrap_or("");
    // `Permission type | Least privileged permissions | Higher privileged permissions`:
    // one set, the two columns in that order.
    if first.contains("permission type")
        && cols.len() == 3
        && cols[1].starts_with("least privileged")
        && cols[2].starts_with("higher privileged")
    {
        let mut set = PermissionSet::new(scenario.map(str::to_string), table.origin.clone());
        for row in &table.rows {
            let label = row.cells.first().map_or("", |c| c.text.as_str());
            let cells = (1..3).map(|c| row.cells.get(c).map_or("", |c| c.text.as_str()));
            let mut cells: Vec<&str> = cells
                .filter(|c| {
                    !c.trim()
                        .trim_end_matches('.')
                        .eq_ignore_ascii_case("not available")
                })
                .collect();
            // "Not supported." in both columns is said once.
            cells.dedup_by(|a, b| a.trim().eq_ignore_ascii_case(b.trim()));
            let joined = cells.join(", ");
            let perm = permission_cell(&joined, false, &row.origin, diags);
            set_kind(&mut set, kind_of(label), perm, label, &row.origin, diags);
        }
        return vec![set];
    }
    if first.contains("permission type")
        && cols.len() >= 2
        && cols[1..].iter().all(|c| c.contains("permission"))
    {
        // One set per permissions column (usually one).
        return (1..cols.len())
            .flat_map(|col| {
                let scenario = if cols.len() > 2 {
                    Some(table.columns[col].trim().to_string())
                } else {
                    scenario.map(str::to_string)
                };
                column_sets(table, col, scenario, reversed(&cols[col]), diags)
            })
            .collect();
    }
    // Transposed: `Supported resource | Delegated (work…) | Delegated (personal…) | Application`.
    let kinds: Vec<Option<Kind>> = cols.iter().map(|c| kind_of(c)).collect();
    if kinds.iter().skip(1).all(Option::is_some) && cols.len() >= 2 {
        return table
            .rows
            .iter()
            .map(|row| {
                let mut set = PermissionSet::new(
                    row.cells.first().map(|c| c.text.trim().to_string()),
                    row.origin.clone(),
                );
                for (col, kind) in kinds.iter().enumerate().skip(1) {
                    let cell = row.cells.get(col).map_or("", |c| c.text.as_str());
                    let perm = permission_cell(cell, reversed(&cols[col]), &row.origin, diags);
                    set_kind(&mut set, *kind, perm, &cols[col], &row.origin, diags);
                }
                set
            })
            .collect();
    }
    diags.report(
        Code::PermissionsUnread,
        &table.origin,
        format!(
            "permissions table `{}` has neither a `Permission type` column nor one column per permission type; it is not read",
            table.columns.join("|")
        ),
    );
    Vec::new()
}

/// One permissions column. Intune tables split a type into scenario rows under an
/// empty type row (`Application | ` then `Policy Set | DeviceManagementApps.Read.All`):
/// one set per scenario then, each with the types the table gives for all.
fn column_sets(
    table: &Table,
    col: usize,
    scenario: Option<String>,
    reversed: bool,
    diags: &mut Diagnostics,
) -> Vec<PermissionSet> {
    let mut base = PermissionSet::new(scenario, table.origin.clone());
    let mut split: Vec<PermissionSet> = Vec::new();
    // The type row with an empty cell whose scenario rows follow, and whether any did.
    let mut current: Option<(Kind, Origin, bool)> = None;
    let report_empty = |current: &Option<(Kind, Origin, bool)>, diags: &mut Diagnostics| {
        if let Some((_, origin, false)) = current {
            permission_cell("", reversed, origin, diags);
        }
    };
    for row in &table.rows {
        let label = row.cells.first().map_or("", |c| c.text.trim());
        let cell = row.cells.get(col).map_or("", |c| c.text.as_str());
        let kind = kind_of(label);
        if let Some(k) = kind.filter(|_| cell.trim().is_empty()) {
            report_empty(&current, diags);
            current = Some((k, row.origin.clone(), false));
            continue;
        }
        let perm = permission_cell(cell, reversed, &row.origin, diags);
        match (&mut current, kind) {
            (Some((k, _, used)), None) => {
                *used = true;
                let i = match split
                    .iter()
                    .position(|s| s.scenario.as_deref() == Some(label))
                {
                    Some(i) => i,
                    None => {
                        split.push(PermissionSet::new(
                            Some(label.to_string()),
                            row.origin.clone(),
                        ));
                        split.len() - 1
                    }
                };
                set_kind(&mut split[i], Some(*k), perm, label, &row.origin, diags);
            }
            _ => {
                report_empty(&current.take(), diags);
                set_kind(&mut base, kind, perm, label, &row.origin, diags);
            }
        }
    }
    report_empty(&current, diags);
    if split.is_empty() {
        return vec![base];
    }
    for set in &mut split {
        for (slot, all) in [
            (&mut set.delegated_work, &base.delegated_work),
            (&mut set.delegated_personal, &base.delegated_personal),
            (&mut set.application, &base.application),
        ] {
            if slot.is_none() {
                slot.clone_from(all);
            }
        }
    }
    split
}

fn set_kind(
    set: &mut PermissionSet,
    kind: Option<Kind>,
    perm: Option<Permission>,
    label: &str,
    origin: &Origin,
    diags: &mut Diagnostics,
) {
    let slot = match kind {
        Some(Kind::DelegatedWork) => &mut set.delegated_work,
        Some(Kind::DelegatedPersonal) => &mut set.delegated_personal,
        Some(Kind::Application) => &mut set.application,
        None => {
            diags.report(
                Code::PermissionsUnread,
                origin,
                format!("`{label}` is not a permission type; the row is skipped"),
            );
            return;
        }
    };
    if slot.is_none() {
        *slot = perm;
    }
}

/// One cell: scopes, or what it says instead. `None` (reported) when it holds a
/// placeholder or nothing readable.
pub fn permission_cell(
    text: &str,
    most_to_least: bool,
    origin: &Origin,
    diags: &mut Diagnostics,
) -> Option<Permission> {
    let source = origin.clone();
    let t = text.trim().trim_end_matches(['.', ',']).trim();
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "not supported" => return Some(Permission::NotSupported { source }),
        "not applicable" | "n/a" => return Some(Permission::NotApplicable { source }),
        "none" => return Some(Permission::NoneRequired { source }),
        _ => {}
    }
    let unread = |why: &str, diags: &mut Diagnostics| {
        diags.report(
            Code::PermissionsUnread,
            origin,
            format!("permission cell `{t}` {why}; this permission type is left unknown"),
        );
        None
    };
    if lower.contains("todo") || t.is_empty() {
        return unread("is a placeholder or empty", diags);
    }
    let mut scopes: Vec<String> = Vec::new();
    for word in t.split(|c: char| c == ',' || c.is_whitespace()) {
        let word = word.trim_matches(|c: char| matches!(c, '*' | '.' | '`' | ';' | '(' | ')'));
        if word.is_empty() || matches!(word.to_ascii_lowercase().as_str(), "and" | "or" | "plus") {
            continue;
        }
        if !is_scope(word) {
            return unread("is not a list of permission names", diags);
        }
        if !scopes.iter().any(|s| s == word) {
            scopes.push(word.to_string());
        }
    }
    if most_to_least {
        scopes.reverse();
    }
    Some(Permission::Scopes { scopes, source })
}

/// `User.Read.All`, `offline_access`, `Sites.Selected`.
fn is_scope(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && (word.contains('.') || word.contains('_'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Cell, Row, TableKind};
    use std::sync::Arc;

    /// A readable table: its sets, with no diagnostic.
    fn clean_table(t: &Table) -> Vec<PermissionSet> {
        let mut diags = Diagnostics::default();
        let sets = permission_table(t, None, &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.into_sorted());
        sets
    }

    fn origin(line: u32) -> Origin {
        let f: Arc<str> = Arc::from("api/x.md");
        Origin::new(&f, line)
    }

    fn table(columns: &[&str], rows: &[&[&str]]) -> Table {
        let cell = |t: &str| Cell {
            text: t.to_string(),
            raw: t.to_string(),
            ..Cell::default()
        };
        Table {
            origin: origin(10),
            kind: TableKind::Permissions,
            headings: vec![],
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    origin: origin(12 + i as u32),
                    cells: r.iter().map(|t| cell(t)).collect(),
                })
                .collect(),
        }
    }

    fn scopes(p: &Option<Permission>) -> Vec<String> {
        match p {
            Some(Permission::Scopes { scopes, .. }) => scopes.clone(),
            other => panic!("not scopes: {other:?}"),
        }
    }

    #[test]
    fn least_to_most_table_keeps_its_order_and_not_supported() {
        let t = table(
            &[
                "Permission type",
                "Permissions (from least to most privileged)",
            ],
            &[
                &[
                    "Delegated (work or school account)",
                    "GroupMember.Read.All, Group.Read.All*",
                ],
                &["Delegated (personal Microsoft account)", "Not supported."],
                &["Application", "GroupMember.Read.All and Group.Read.All"],
            ],
        );
        let mut d = Diagnostics::default();
        let sets = permission_table(&t, None, &mut d);
        assert_eq!(sets.len(), 1);
        assert_eq!(
            scopes(&sets[0].delegated_work),
            ["GroupMember.Read.All", "Group.Read.All"]
        );
        assert!(matches!(
            sets[0].delegated_personal,
            Some(Permission::NotSupported { .. })
        ));
        assert_eq!(
            scopes(&sets[0].application),
            ["GroupMember.Read.All", "Group.Read.All"]
        );
        assert!(d.into_sorted().is_empty());
    }

    #[test]
    fn most_to_least_tables_are_reversed() {
        let t = table(
            &[
                "Permission type",
                "Permissions (from most to least privileged)",
            ],
            &[&[
                "Application",
                "BitlockerKey.Read.All, BitlockerKey.ReadBasic.All",
            ]],
        );
        let sets = clean_table(&t);
        assert_eq!(
            scopes(&sets[0].application),
            ["BitlockerKey.ReadBasic.All", "BitlockerKey.Read.All"]
        );
    }

    #[test]
    fn placeholders_are_unknown_and_reported() {
        let t = table(
            &["Permission type", "Permissions"],
            &[&["Application", "TODO: Determine AppOnly scopes"]],
        );
        let mut d = Diagnostics::default();
        let sets = permission_table(&t, None, &mut d);
        assert_eq!(sets[0].application, None);
        assert_eq!(d.into_sorted()[0].code, "G1203");
    }

    #[test]
    fn self_and_others_columns_are_two_sets() {
        let t = table(
            &[
                "Permission type",
                "Permissions acting on self",
                "Permissions acting on others",
            ],
            &[&[
                "Application",
                "Not supported.",
                "UserAuthenticationMethod.Read.All",
            ]],
        );
        let sets = clean_table(&t);
        assert_eq!(sets.len(), 2);
        assert_eq!(
            sets[1].scenario.as_deref(),
            Some("Permissions acting on others")
        );
    }

    #[test]
    fn least_and_higher_privileged_columns_are_one_set_in_order() {
        let t = table(
            &[
                "Permission type",
                "Least privileged permissions",
                "Higher privileged permissions",
            ],
            &[
                &[
                    "Delegated (work or school account)",
                    "Mail.Send",
                    "Not available.",
                ],
                &["Application", "Mail.Send", "Mail.ReadWrite"],
                &[
                    "Delegated (personal Microsoft account)",
                    "Not supported.",
                    "Not supported.",
                ],
            ],
        );
        let sets = clean_table(&t);
        assert_eq!(sets.len(), 1);
        assert_eq!(scopes(&sets[0].delegated_work), ["Mail.Send"]);
        assert_eq!(
            scopes(&sets[0].application),
            ["Mail.Send", "Mail.ReadWrite"]
        );
        assert!(matches!(
            sets[0].delegated_personal,
            Some(Permission::NotSupported { .. })
        ));
    }

    #[test]
    fn intune_scenario_rows_split_the_set() {
        let t = table(
            &[
                "Permission type",
                "Permissions (from least to most privileged)",
            ],
            &[
                &["Delegated (work or school account)", ""],
                &[
                    "Mobile app management (MAM)",
                    "DeviceManagementApps.ReadWrite.All",
                ],
                &["Policy Set", "DeviceManagementApps.Read.All"],
                &["Delegated (personal Microsoft account)", "Not supported."],
                &["Application", ""],
                &["Policy Set", "DeviceManagementApps.ReadWrite.All"],
            ],
        );
        let mut d = Diagnostics::default();
        let sets = permission_table(&t, None, &mut d);
        assert!(d.into_sorted().is_empty());
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[1].scenario.as_deref(), Some("Policy Set"));
        assert_eq!(
            scopes(&sets[1].delegated_work),
            ["DeviceManagementApps.Read.All"]
        );
        assert_eq!(
            scopes(&sets[1].application),
            ["DeviceManagementApps.ReadWrite.All"]
        );
        assert!(matches!(
            sets[0].delegated_personal,
            Some(Permission::NotSupported { .. })
        ));
        assert_eq!(sets[0].application, None);
        // A type row left empty with no scenario rows under it is reported.
        let t = table(
            &["Permission type", "Permissions"],
            &[
                &["Application", ""],
                &["Delegated (work or school account)", "User.Read"],
            ],
        );
        let mut d = Diagnostics::default();
        let sets = permission_table(&t, None, &mut d);
        assert_eq!((sets.len(), sets[0].application.clone()), (1, None));
        assert_eq!(d.into_sorted()[0].line, 12);
    }

    #[test]
    fn transposed_tables_give_one_set_per_resource() {
        let t = table(
            &[
                "Supported resource",
                "Delegated (work or school account)",
                "Delegated (personal Microsoft account)",
                "Application",
            ],
            &[&["user", "User.Read", "User.Read", "User.Read.All"]],
        );
        let sets = clean_table(&t);
        assert_eq!(sets[0].scenario.as_deref(), Some("user"));
        assert_eq!(scopes(&sets[0].application), ["User.Read.All"]);
    }

    #[test]
    fn prose_cells_and_unknown_shapes_are_reported() {
        let mut d = Diagnostics::default();
        let p = permission_cell(
            "One of the delegated permissions",
            false,
            &origin(1),
            &mut d,
        );
        assert_eq!(p, None);
        let t = table(&["Scope", "Notes"], &[&["x", "y"]]);
        assert!(permission_table(&t, None, &mut d).is_empty());
        assert_eq!(d.into_sorted().len(), 2);
    }
}
