//! `## Request headers` and `## Optional request headers` tables → the headers an
//! operation documents, with the value and whether the description says it is required.

use serde::Serialize;

use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{Cell, Table, normalize_header};

/// A request header as the page documents it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestHeader {
    pub name: String,
    /// The value as documented (`Bearer {token}`, `eventual`, `outlook.timezone`), when
    /// the row gives a short one.
    pub value: Option<String>,
    pub requirement: Requirement,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source: Origin,
}

/// What the description says about needing the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    Required,
    Optional,
    /// "required when using `$search`": required in some uses only.
    Conditional,
    /// The row does not say.
    Unstated,
}

/// Reads one header table; `optional_section` is true under `## Optional request headers`.
pub fn header_rows(
    table: &Table,
    optional_section: bool,
    diags: &mut Diagnostics,
) -> Vec<RequestHeader> {
    let cols: Vec<String> = table.columns.iter().map(|c| normalize_header(c)).collect();
    // `Name | Type | Description`: the second column is a type, the value is in the third.
    let value_col = match cols.get(1).map(String::as_str) {
        Some("type") => 2,
        _ => 1,
    };
    let desc_col = cols.iter().position(|c| c == "description");
    let empty = Cell::default();
    let mut out = Vec::new();
    for row in &table.rows {
        let name_cell = row.cells.first().unwrap_or(&empty);
        let raw_name = name_cell
            .text
            .trim()
            .trim_matches(|c: char| matches!(c, '_' | '*' | '`'))
            .trim();
        let (name, named_value) = match raw_name.split_once(':') {
            Some((n, v)) => (n.trim(), Some(v.trim().to_string())),
            None => (raw_name, None),
        };
        if !is_header_name(name) {
            diags.report(
                Code::RequestHeaderUnread,
                &row.origin,
                format!(
                    "`{}` is not a header name; the row is skipped",
                    name_cell.raw
                ),
            );
            continue;
        }
        let value_text = row.cells.get(value_col).map_or("", |c| c.text.trim());
        let mut description = String::from(value_text);
        if let Some(d) = desc_col.filter(|d| *d != value_col)
            && let Some(cell) = row.cells.get(d)
            && !cell.text.trim().is_empty()
        {
            description = format!("{description} {}", cell.text.trim())
                .trim()
                .to_string();
        }
        let requirement = match requirement(&description) {
            Requirement::Unstated if optional_section => Requirement::Optional,
            r => r,
        };
        let value = named_value.or_else(|| documented_value(value_text));
        // A description that only repeats the value says nothing more.
        let description = Some(description)
            .filter(|d| !d.is_empty() && Some(d.trim_end_matches('.')) != value.as_deref());
        out.push(RequestHeader {
            name: name.to_string(),
            value,
            requirement,
            description,
            source: row.origin.clone(),
        });
    }
    out
}

/// A header name as HTTP allows it (`Content-Type`, `ConsistencyLevel`,
/// `odata.maxpagesize`), not a permission or a sentence.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.contains("..")
}

/// What a header description says about needing it.
pub fn requirement(description: &str) -> Requirement {
    let lower = description.to_ascii_lowercase();
    let required = lower.contains("required");
    let optional = lower.contains("optional");
    let conditional = [
        "required when",
        "required if",
        "required only",
        "required for",
    ]
    .iter()
    .any(|w| lower.contains(w));
    match (required, optional) {
        _ if conditional => Requirement::Conditional,
        (true, true) => Requirement::Conditional,
        (true, false) => Requirement::Required,
        (false, true) => Requirement::Optional,
        (false, false) => Requirement::Unstated,
    }
}

/// The documented value: the cell's first sentence without "Required."/"Optional.",
/// when it is short enough to be a value rather than an explanation.
pub fn documented_value(text: &str) -> Option<String> {
    let first = text.split(". ").next().unwrap_or(text).trim();
    let mut words: Vec<&str> = first.split_whitespace().collect();
    while words.last().is_some_and(|w| {
        let w = w.trim_end_matches(['.', ',']).to_ascii_lowercase();
        w == "required" || w == "optional"
    }) {
        words.pop();
    }
    let value = words.join(" ");
    let value = value.trim_end_matches(['.', ',']).trim_matches('`').trim();
    let is_value = !value.is_empty()
        && words.len() <= 3
        && !matches!(value.to_ascii_lowercase().as_str(), "none" | "n/a");
    is_value.then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_optional_and_conditional_come_from_the_description() {
        assert_eq!(
            requirement("Bearer {token}. Required."),
            Requirement::Required
        );
        assert_eq!(
            requirement("Bearer <token> Required."),
            Requirement::Required
        );
        assert_eq!(
            requirement("return=minimal. Optional."),
            Requirement::Optional
        );
        assert_eq!(
            requirement("eventual. This header and `$count` are required when using `$search`."),
            Requirement::Conditional
        );
        assert_eq!(requirement("application/json"), Requirement::Unstated);
    }

    #[test]
    fn the_value_is_the_short_first_sentence() {
        assert_eq!(
            documented_value("Bearer {token}. Required."),
            Some("Bearer {token}".into())
        );
        assert_eq!(
            documented_value("Bearer <token> Required."),
            Some("Bearer <token>".into())
        );
        assert_eq!(
            documented_value("application/json"),
            Some("application/json".into())
        );
        assert_eq!(
            documented_value("{Time-zone}. Optional, UTC assumed if absent."),
            Some("{Time-zone}".into())
        );
        assert_eq!(
            documented_value("Use this to specify the time zone for start and end times."),
            None
        );
        assert_eq!(documented_value("None."), None);
    }

    fn table(columns: &[&str], rows: &[&[&str]], heading: &str) -> Table {
        let file: std::sync::Arc<str> = std::sync::Arc::from("api/x.md");
        let cell = |t: &str| Cell {
            text: t.to_string(),
            raw: t.to_string(),
            ..Cell::default()
        };
        Table {
            origin: Origin::new(&file, 10),
            kind: crate::page::TableKind::RequestHeaders,
            headings: vec!["x".into(), heading.into()],
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| crate::page::Row {
                    origin: Origin::new(&file, 12),
                    cells: r.iter().map(|t| cell(t)).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn table_shapes_give_name_value_and_requirement() {
        let mut d = Diagnostics::default();
        // `Name | Type | Description`: the value is in the description.
        let t = table(
            &["Name", "Type", "Description"],
            &[&["Authorization", "string", "Bearer {token}. Required."]],
            "Request headers",
        );
        let h = &header_rows(&t, false, &mut d)[0];
        assert_eq!(h.value.as_deref(), Some("Bearer {token}"));
        assert_eq!(h.requirement, Requirement::Required);
        // A value written into the name; rows of Optional request headers are optional.
        let t = table(
            &["Header", "Value"],
            &[&["Prefer: outlook.timezone", "The time zone of the response."]],
            "Optional request headers",
        );
        let h = &header_rows(&t, true, &mut d)[0];
        assert_eq!(
            (h.name.as_str(), h.value.as_deref()),
            ("Prefer", Some("outlook.timezone"))
        );
        assert_eq!(h.requirement, Requirement::Optional);
        assert!(d.into_sorted().is_empty());
    }

    #[test]
    fn header_names_are_tokens() {
        assert!(is_header_name("ConsistencyLevel"));
        assert!(is_header_name("odata.maxpagesize"));
        assert!(!is_header_name("Delegated (work or school account)"));
        assert!(!is_header_name(""));
    }
}
