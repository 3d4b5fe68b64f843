//! Deciding what a table is for, from the headings above it and its header row.
//! Headings are searched from the nearest one upward, so a `Property|Type|Description`
//! table under `### Properties of a policy` inside `## Properties` is still found.

use crate::page::{NAME_COLUMNS, TableKind, normalize_header};

const MEMBER_COLUMNS: &[&str] = &["member", "members", "name", "value", "member name"];

/// Splits `x values`, `x enum type`, … into the enum name, if the heading names one.
pub fn enum_heading(heading: &str) -> Option<(String, bool)> {
    let h = heading.trim();
    let lower = h.to_ascii_lowercase();
    const SUFFIXES: &[&str] = &[
        " enumeration values",
        " enumeration",
        " enum values",
        " enum type",
        " enum",
        " values",
        " members",
        " flags",
        " options",
    ];
    let suffix = SUFFIXES.iter().find(|s| lower.ends_with(*s))?;
    let stem = h[..h.len() - suffix.len()].trim();
    let mut words = stem.split_whitespace().rev();
    let mut name = words.next()?;
    match name.to_ascii_lowercase().as_str() {
        // "Prefer header values", "mode parameter values": not an enum type.
        "header" | "parameter" | "parameters" => return None,
        // "Roles property values": the values of the property `Roles`.
        "property" => name = words.next()?,
        _ => {}
    }
    let name = name.trim_matches(|c: char| c == '`' || c == '*' || c == '"');
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        return None;
    }
    let flags = lower.contains("flags");
    Some((name.to_string(), flags))
}

/// Classifies a table; `headings` run from the H1 to the nearest heading.
pub fn classify(headings: &[String], columns: &[String]) -> TableKind {
    let cols: Vec<String> = columns.iter().map(|c| normalize_header(c)).collect();
    let has = |names: &[&str]| cols.iter().any(|c| names.contains(&c.as_str()));
    let first = cols.first().map(String::as_str).unwrap_or("");
    let nearest = headings
        .last()
        .map(|h| h.to_ascii_lowercase())
        .unwrap_or_default();
    if cols.iter().any(|c| c.contains("permission")) {
        return TableKind::Permissions;
    }
    let has_type = has(&["type", "data type"]);
    if nearest.trim() == "derived types" {
        return TableKind::DerivedTypes;
    }

    // Enum member tables: `### x values` or `## Members` under `# x enum type`.
    if !has_type && MEMBER_COLUMNS.contains(&first) {
        if let Some((name, flags)) = headings.last().and_then(|h| enum_heading(h)) {
            return TableKind::EnumMembers {
                name: Some(name),
                flags,
            };
        }
        if first != "name"
            && (nearest.contains("members") || nearest.contains("enumerat") || first == "member")
        {
            let parent = headings.iter().rev().find_map(|h| enum_heading(h));
            let flags = nearest.contains("flags") || parent.as_ref().is_some_and(|p| p.1);
            return TableKind::EnumMembers {
                name: parent.map(|p| p.0),
                flags,
            };
        }
    }

    if !(has_type && has(NAME_COLUMNS)) {
        return not_for_types(&nearest);
    }
    for h in headings.iter().rev() {
        let h = h.to_ascii_lowercase();
        if h.contains("relationship") {
            return TableKind::Relationships;
        }
        // "### Properties of a token lifetime policy definition" describes the JSON
        // inside a property, not the type's properties.
        if h.starts_with("properties of ") {
            return TableKind::Unknown;
        }
        if h.contains("propert") || h.contains("instance attributes") {
            return TableKind::Properties;
        }
        if h.contains("request body") {
            return TableKind::RequestBody;
        }
        if h.contains("parameter") {
            return TableKind::Parameters;
        }
        if h.contains("response")
            || h.contains("example")
            || h.contains("method")
            || h.contains("header")
        {
            return not_for_types(&nearest);
        }
    }
    TableKind::Unknown
}

/// A table that describes no type or parameter, by its nearest heading (lower-case):
/// an operation's headers, query options or permissions, else nothing kept.
fn not_for_types(nearest: &str) -> TableKind {
    if nearest.contains("permission") {
        TableKind::Permissions
    } else if nearest.contains("request header") {
        TableKind::RequestHeaders
    } else if nearest.contains("query parameter") {
        TableKind::QueryParameters
    } else {
        TableKind::Ignored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn derived_types_table() {
        let kind = classify(
            &s(&["x resource type", "Derived types"]),
            &s(&["Type", "Description"]),
        );
        assert_eq!(kind, TableKind::DerivedTypes);
        // The same columns under another heading describe nothing we read.
        let kind = classify(
            &s(&["x resource type", "Methods"]),
            &s(&["Type", "Description"]),
        );
        assert_eq!(kind, TableKind::Ignored);
    }

    #[test]
    fn enum_headings() {
        assert_eq!(
            enum_heading("riskLevel values"),
            Some(("riskLevel".into(), false))
        );
        assert_eq!(
            enum_heading("`riskLevel` values"),
            Some(("riskLevel".into(), false))
        );
        assert_eq!(
            enum_heading("riskLevel enum type"),
            Some(("riskLevel".into(), false))
        );
        assert_eq!(
            enum_heading("clonableTeamParts flags"),
            Some(("clonableTeamParts".into(), true))
        );
        assert_eq!(enum_heading("Properties"), None);
        assert_eq!(
            enum_heading("Roles property values"),
            Some(("Roles".into(), false))
        );
        assert_eq!(enum_heading("Prefer header values"), None);
    }

    #[test]
    fn tables() {
        let props = s(&["Property", "Type", "Description"]);
        assert_eq!(
            classify(&s(&["user", "Properties"]), &props),
            TableKind::Properties
        );
        assert_eq!(
            classify(
                &s(&["user", "Relationships"]),
                &s(&["Relationship", "Type", "Description"])
            ),
            TableKind::Relationships
        );
        assert_eq!(
            classify(&s(&["x", "Request body"]), &props),
            TableKind::RequestBody
        );
        assert_eq!(classify(&s(&["x", "Misc"]), &props), TableKind::Unknown);
        assert_eq!(
            classify(
                &s(&["riskLevel enum type", "Members"]),
                &s(&["Member", "Value", "Description"])
            ),
            TableKind::EnumMembers {
                name: Some("riskLevel".into()),
                flags: false
            }
        );
        assert_eq!(
            classify(
                &s(&["x", "Permissions"]),
                &s(&["Permission type", "Permissions"])
            ),
            TableKind::Permissions
        );
        assert_eq!(
            classify(&s(&["x", "Request headers"]), &s(&["Name", "Description"])),
            TableKind::RequestHeaders
        );
        assert_eq!(
            classify(
                &s(&["x", "Optional query parameters"]),
                &s(&["Name", "Description"])
            ),
            TableKind::QueryParameters
        );
        assert_eq!(
            classify(&s(&["x", "Response headers"]), &s(&["Name", "Description"])),
            TableKind::Ignored
        );
    }
}
