//! Property, relationship, request-body and enum-member tables → facts.

use super::prose;
use super::type_cell::{self, TypeCell};
use super::{EnumFact, MemberFact, PropFact, Rank};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
use crate::page::{Cell, NAME_COLUMNS, Table};

pub(super) fn property_rows(
    table: &Table,
    navigation: bool,
    rank: Rank,
    diags: &mut Diagnostics,
) -> Vec<PropFact> {
    let (Some(name_col), Some(type_col)) = (
        table.column(NAME_COLUMNS),
        table.column(&["type", "data type"]),
    ) else {
        diags.report(
            Code::TableNoNameColumn,
            &table.origin,
            format!(
                "table `{}` has no name or no Type column",
                table.columns.join("|")
            ),
        );
        return Vec::new();
    };
    let desc_col = table.column(&["description", "descrition", "notes"]);
    let empty = Cell::default();
    let mut out: Vec<PropFact> = Vec::new();
    for row in &table.rows {
        let name_cell = row.cells.get(name_col).unwrap_or(&empty);
        let type_cell = row.cells.get(type_col).unwrap_or(&empty);
        let desc_cell = desc_col.and_then(|c| row.cells.get(c)).unwrap_or(&empty);
        // Bold group rows (`|**Calendar**|||`) separate sections.
        if name_cell.raw.starts_with("**") && type_cell.text.is_empty() && desc_cell.text.is_empty()
        {
            continue;
        }
        let Some(name) = clean_name(name_cell, &row.origin, diags) else {
            continue;
        };
        let ty = row_type(&name, type_cell, &row.origin, diags);
        let prose::Stripped {
            text: description,
            removed: had_placeholder,
        } = prose::strip_placeholders(&desc_cell.raw);
        if had_placeholder {
            diags.report(
                Code::PlaceholderText,
                &row.origin,
                format!("property `{name}`: placeholder description dropped"),
            );
        }
        let allowed = prose::possible_values(&desc_cell.text, &desc_cell.code);
        let hints = prose::hints(&desc_cell.text);
        if let Some(prev) = out.iter().find(|p| p.name == name) {
            let d = Diagnostic::new(
                Code::PropertyDuplicate,
                &row.origin,
                format!("property `{name}` is listed twice in this table; the first row is kept"),
            )
            .with_related(&prev.origin, "first row");
            diags.push(d);
            continue;
        }
        out.push(PropFact {
            name,
            ty,
            navigation,
            description: Some(description).filter(|d| !d.is_empty()),
            allowed,
            hints,
            origin: row.origin.clone(),
            at: None,
            rank,
        });
    }
    out
}

/// A row's Type cell, parsed; what could not be read or was normalized is reported.
fn row_type(
    name: &str,
    cell: &Cell,
    origin: &Origin,
    diags: &mut Diagnostics,
) -> Result<TypeCell, String> {
    let ty = type_cell::parse(cell);
    match &ty {
        Err(why) => diags.push(Diagnostic::new(
            Code::TypeCellUnparsed,
            origin,
            format!("property `{name}`: {why}; typed as untyped JSON"),
        )),
        Ok(TypeCell {
            note: Some(note), ..
        }) => diags.report(
            Code::TypeCellNormalized,
            origin,
            format!("property `{name}`: Type cell `{}`: {note}", cell.text),
        ),
        Ok(_) => {}
    }
    ty
}

/// Property name from its cell: markup and suffixes such as `(deprecated)` removed;
/// names that cannot be JSON members are reported and skipped.
pub(super) fn clean_name(cell: &Cell, origin: &Origin, diags: &mut Diagnostics) -> Option<String> {
    let text = cell.text.trim();
    let mut name = text
        .trim_matches(|c: char| c == '*' || c == '`' || c == '"')
        .trim()
        .to_string();
    let mut cleaned = name != text || !cell.links.is_empty();
    if let Some(paren) = name.find(" (").or_else(|| name.find('('))
        && name.ends_with(')')
    {
        name = name[..paren].trim().to_string();
        cleaned = true;
    }
    if name.is_empty() {
        return None;
    }
    let valid = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '.' | '-' | '$'));
    if !valid {
        diags.report(
            Code::PropertyNameInvalid,
            origin,
            format!("`{text}` is not a property name; the row is skipped"),
        );
        return None;
    }
    if cleaned {
        diags.report(
            Code::PropertyNameCleaned,
            origin,
            format!("property name `{}` read as `{name}`", cell.raw),
        );
    }
    Some(name)
}

pub(super) fn enum_fact(
    table: &Table,
    name: Option<&str>,
    flags: bool,
    rank: Rank,
    diags: &mut Diagnostics,
) -> Option<EnumFact> {
    let Some(name) = name else {
        diags.report(Code::TableUnknownHeading, &table.origin, "a member table whose headings name no enum (expected `### x values` or `# x enum type`); it is not used");
        return None;
    };
    let member_col = table
        .column(&["member", "members", "member name", "name"])
        .or_else(|| table.column(&["value"]))?;
    let value_col = table
        .column(&["value", "int value", "numeric value"])
        .filter(|c| *c != member_col);
    let desc_col = table.column(&["description"]);
    let mut members: Vec<MemberFact> = Vec::new();
    for row in &table.rows {
        let Some(cell) = row.cells.get(member_col) else {
            continue;
        };
        let member = cell
            .text
            .trim()
            .trim_matches(|c: char| c == '`' || c == '*' || c == '"')
            .trim()
            .to_string();
        if member.is_empty() {
            continue;
        }
        let value = match value_col
            .and_then(|c| row.cells.get(c))
            .map(|c| c.text.trim())
        {
            None | Some("") => None,
            Some(v) => match v.parse::<i64>().ok().or_else(|| parse_hex(v)) {
                Some(n) => Some(n),
                None => {
                    diags.report(Code::EnumValueInvalid, &row.origin, format!("enum `{name}` member `{member}`: value `{v}` is not an integer; ignored"));
                    None
                }
            },
        };
        if members.iter().any(|m| m.name == member) {
            diags.report(
                Code::EnumMemberDuplicate,
                &row.origin,
                format!("enum `{name}` lists `{member}` twice"),
            );
            continue;
        }
        let description = desc_col
            .and_then(|c| row.cells.get(c))
            .map(|c| prose::strip_placeholders(&c.raw).text)
            .filter(|d| !d.is_empty());
        members.push(MemberFact {
            name: member,
            value,
            description,
        });
    }
    Some(EnumFact {
        name: name.to_string(),
        area: None,
        flags,
        members,
        origin: table.origin.clone(),
        rank,
    })
}

pub(super) fn parse_hex(v: &str) -> Option<i64> {
    i64::from_str_radix(v.strip_prefix("0x").or_else(|| v.strip_prefix("0X"))?, 16).ok()
}
