//! Reading a Type cell (`String`, `[identitySet](identityset.md) collection`,
//! `Collection(microsoft.graph.x)`, `(Optional) String`, …) into a [`TypeCell`].
//! Only syntax here; names are resolved against the whole docs tree in `schema`.

use serde::Serialize;

use crate::page::{Cell, Link};

/// Edm primitives (and the two untyped JSON forms) as the schema names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Guid,
    DateTimeOffset,
    Date,
    TimeOfDay,
    Duration,
    Binary,
    Stream,
    /// `Json`: Graph's `microsoft.graph.Json`, any JSON value.
    Json,
    /// `Object`, `JSON object`: untyped JSON.
    Untyped,
}

impl Primitive {
    /// The name used in the schema.
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "Edm.String",
            Primitive::Boolean => "Edm.Boolean",
            Primitive::Byte => "Edm.Byte",
            Primitive::SByte => "Edm.SByte",
            Primitive::Int16 => "Edm.Int16",
            Primitive::Int32 => "Edm.Int32",
            Primitive::Int64 => "Edm.Int64",
            Primitive::Single => "Edm.Single",
            Primitive::Double => "Edm.Double",
            Primitive::Decimal => "Edm.Decimal",
            Primitive::Guid => "Edm.Guid",
            Primitive::DateTimeOffset => "Edm.DateTimeOffset",
            Primitive::Date => "Edm.Date",
            Primitive::TimeOfDay => "Edm.TimeOfDay",
            Primitive::Duration => "Edm.Duration",
            Primitive::Binary => "Edm.Binary",
            Primitive::Stream => "Edm.Stream",
            Primitive::Json => "microsoft.graph.Json",
            Primitive::Untyped => "Edm.Untyped",
        }
    }

    /// Looks a word up case-insensitively, with or without `Edm.`.
    pub fn from_word(word: &str) -> Option<PrimitiveWord> {
        let lower = word.to_ascii_lowercase();
        let (w, had_edm) = match lower.strip_prefix("edm.") {
            Some(rest) => (rest, true),
            None => (lower.as_str(), false),
        };
        let exact = |primitive| {
            Some(PrimitiveWord {
                primitive,
                edm: true,
            })
        };
        let synonym = |primitive| {
            Some(PrimitiveWord {
                primitive,
                edm: had_edm,
            })
        };
        match w {
            "string" => exact(Primitive::String),
            "boolean" => exact(Primitive::Boolean),
            "byte" => exact(Primitive::Byte),
            "sbyte" => exact(Primitive::SByte),
            "int16" => exact(Primitive::Int16),
            "int32" => exact(Primitive::Int32),
            "int64" => exact(Primitive::Int64),
            "single" => exact(Primitive::Single),
            "double" => exact(Primitive::Double),
            "decimal" => exact(Primitive::Decimal),
            "guid" => exact(Primitive::Guid),
            "datetimeoffset" => exact(Primitive::DateTimeOffset),
            "date" => exact(Primitive::Date),
            "timeofday" => exact(Primitive::TimeOfDay),
            "duration" => exact(Primitive::Duration),
            "binary" => exact(Primitive::Binary),
            "stream" => exact(Primitive::Stream),
            "json" => exact(Primitive::Json),
            "untyped" => exact(Primitive::Untyped),
            "bool" => synonym(Primitive::Boolean),
            "int" | "integer" => synonym(Primitive::Int32),
            "long" => synonym(Primitive::Int64),
            "short" => synonym(Primitive::Int16),
            "float" => synonym(Primitive::Single),
            "number" => synonym(Primitive::Double),
            // Dynamics 365 Business Central pages: a decimal amount.
            "numeric" => synonym(Primitive::Decimal),
            "datetime" | "timestamp" => synonym(Primitive::DateTimeOffset),
            "uuid" => synonym(Primitive::Guid),
            "url" | "uri" | "str" => synonym(Primitive::String),
            "object" => synonym(Primitive::Untyped),
            _ => None,
        }
    }
}

/// A word read as a primitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrimitiveWord {
    pub primitive: Primitive,
    /// The word is an Edm spelling, not a free-text synonym such as `int` or `bool`.
    pub edm: bool,
}

/// What a Type cell names, before resolution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum TypeExpr {
    Primitive(Primitive),
    /// A type or enum name, with the link that carried it if any.
    Named {
        name: String,
        link: Option<String>,
    },
    /// `Enumeration`/`enum`: an enum whose name the page does not give.
    AnonymousEnum,
}

/// A parsed Type cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeCell {
    pub expr: TypeExpr,
    pub collection: bool,
    /// Set when the cell had an unusual form that was still clear; says what was done.
    pub note: Option<String>,
}

/// Parses a Type cell; the error says why the cell is not a type.
pub fn parse(cell: &Cell) -> Result<TypeCell, String> {
    let text: String = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text
        .trim_matches(|c: char| c == '*' || c == '`' || c == '"')
        .trim();
    if text.is_empty() {
        return Err("the Type cell is empty".into());
    }
    let mut notes = Vec::new();
    let mut t = text.to_string();
    let paren_hint = strip_paren_notes(&mut t, &mut notes);

    // `string, maximum size 20`: a primitive with a constraint after a comma.
    if let Some((head, tail)) = t.split_once(',')
        && Primitive::from_word(head.trim()).is_some()
    {
        notes.push(format!("dropped `,{tail}`"));
        t = head.trim().to_string();
    }
    let (inner, collection) = name_and_collection(&t, &mut notes);
    if let Some(parsed) = builtin(&inner, collection, paren_hint.as_deref(), &mut notes) {
        return Ok(parsed);
    }
    named(cell, text, &inner, collection, notes)
}

fn note(notes: Vec<String>) -> Option<String> {
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// `(Optional) String`, `String (optional)`, `string (timestamp)`, `String (enum)`:
/// drops the parenthesised word and returns the trailing one, which may say more.
fn strip_paren_notes(t: &mut String, notes: &mut Vec<String>) -> Option<String> {
    let (open, close) = ("(", ")");
    if t.starts_with(open)
        && let Some(end) = t.find(close)
        && end + 1 < t.len()
    {
        let inner = t[1..end].trim().to_ascii_lowercase();
        if matches!(inner.as_str(), "optional" | "required") {
            notes.push(format!("dropped `({inner})`"));
            *t = t[end + 1..].trim().to_string();
        }
    }
    if t.ends_with(close)
        && let Some(start) = t.rfind(open)
        && start > 0
        && !t[..start].trim().eq_ignore_ascii_case("collection")
    {
        let inner = t[start + 1..t.len() - 1].trim().to_ascii_lowercase();
        if matches!(
            inner.as_str(),
            "optional"
                | "required"
                | "readonly"
                | "read-only"
                | "url"
                | "identifier"
                | "enum"
                | "timestamp"
        ) {
            notes.push(format!("dropped `({inner})`"));
            *t = t[..start].trim().to_string();
            return Some(inner);
        }
    }
    None
}

/// The named part of a cell and whether it is a collection; a doubled `collection` and
/// `enum`/`resource`/`object` suffixes are dropped.
fn name_and_collection(t: &str, notes: &mut Vec<String>) -> (String, bool) {
    let (mut inner, collection) = split_collection(t);
    if inner.to_ascii_lowercase().ends_with(" collection") {
        notes.push("`collection` written twice".into());
        inner = inner[..inner.len() - " collection".len()]
            .trim()
            .to_string();
    }
    for suffix in [" enum", " resource", " object"] {
        if inner.len() > suffix.len() && inner.to_ascii_lowercase().ends_with(suffix) {
            let stem = inner[..inner.len() - suffix.len()].trim();
            if stem.eq_ignore_ascii_case("json") || stem.eq_ignore_ascii_case("untyped json") {
                break;
            }
            notes.push(format!("dropped `{}`", suffix.trim()));
            inner = stem.to_string();
        }
    }
    (inner, collection)
}

/// Untyped JSON, an anonymous enum or a primitive, when the name says one.
fn builtin(
    inner: &str,
    collection: bool,
    paren_hint: Option<&str>,
    notes: &mut Vec<String>,
) -> Option<TypeCell> {
    let lower = inner.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "json object" | "untyped json object" | "untyped json"
    ) {
        return Some(TypeCell {
            expr: TypeExpr::Primitive(Primitive::Untyped),
            collection,
            note: Some(format!("`{inner}` read as untyped JSON")),
        });
    }
    if matches!(lower.as_str(), "enumeration" | "enum") {
        return Some(TypeCell {
            expr: TypeExpr::AnonymousEnum,
            collection,
            note: note(std::mem::take(notes)),
        });
    }
    let word = Primitive::from_word(inner)?;
    let p = match (word.primitive, paren_hint) {
        (Primitive::String, Some("timestamp")) => Primitive::DateTimeOffset,
        (p, _) => p,
    };
    if !word.edm {
        notes.push(format!("`{inner}` read as {}", p.edm_name()));
    }
    Some(TypeCell {
        expr: TypeExpr::Primitive(p),
        collection,
        note: note(std::mem::take(notes)),
    })
}

/// A type named by the cell's one link, or by its text.
fn named(
    cell: &Cell,
    text: &str,
    inner: &str,
    collection: bool,
    mut notes: Vec<String>,
) -> Result<TypeCell, String> {
    let links: Vec<&Link> = cell.links.iter().collect();
    match links.as_slice() {
        [] => {}
        [link] => {
            let name = link.text.trim().trim_matches('`').trim();
            if let Some(word) = Primitive::from_word(name) {
                let p = word.primitive;
                notes.push(format!("link `{name}` read as {}", p.edm_name()));
                return Ok(TypeCell {
                    expr: TypeExpr::Primitive(p),
                    collection,
                    note: note(notes),
                });
            }
            if name.is_empty() || !is_type_name(name) {
                return Err(format!("the link text `{name}` is not a type name"));
            }
            if !inner.eq_ignore_ascii_case(name) {
                if inner.len() > name.len() && inner[..name.len()].eq_ignore_ascii_case(name) {
                    notes.push(format!(
                        "ignored the text after the link: `{}`",
                        inner[name.len()..].trim()
                    ));
                } else {
                    return Err(format!("`{inner}` is not one type"));
                }
            }
            return Ok(TypeCell {
                expr: TypeExpr::Named {
                    name: name.to_string(),
                    link: Some(link.dest.clone()),
                },
                collection,
                note: note(notes),
            });
        }
        _ => return Err(format!("`{text}` names several types; a property has one")),
    }
    if is_type_name(inner) {
        return Ok(TypeCell {
            expr: TypeExpr::Named {
                name: inner.to_string(),
                link: None,
            },
            collection,
            note: note(notes),
        });
    }
    Err(format!("`{text}` is not a type"))
}

/// `X collection`, `Collection(X)`, `collection of X` → (`X`, true).
fn split_collection(t: &str) -> (String, bool) {
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("collection(") && t.ends_with(')') {
        return (t["collection(".len()..t.len() - 1].trim().to_string(), true);
    }
    if lower.starts_with("collection of ") {
        return (t["collection of ".len()..].trim().to_string(), true);
    }
    if let Some(stem) = lower.strip_suffix(" collection") {
        return (t[..stem.len()].trim().to_string(), true);
    }
    if let Some(idx) = lower.find(" collection.") {
        // `[x](x.md) collection. Holds grades…`
        return (
            format!("{}{}", t[..idx].trim(), &t[idx + " collection".len()..]),
            true,
        );
    }
    (t.to_string(), false)
}

/// A name made of identifier characters and dots (`alertStatus`, `microsoft.graph.x`).
pub fn is_type_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !s.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, links: &[(&str, &str)]) -> Cell {
        Cell {
            text: text.into(),
            raw: text.into(),
            links: links
                .iter()
                .map(|(t, d)| Link {
                    text: (*t).into(),
                    dest: (*d).into(),
                })
                .collect(),
            code: vec![],
        }
    }

    fn prim(text: &str) -> (Primitive, bool) {
        match parse(&cell(text, &[])).unwrap() {
            TypeCell {
                expr: TypeExpr::Primitive(p),
                collection,
                ..
            } => (p, collection),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn primitives_in_all_spellings() {
        let table = [
            ("String", Primitive::String, false),
            ("string", Primitive::String, false),
            ("Edm.Boolean", Primitive::Boolean, false),
            ("int", Primitive::Int32, false),
            ("GUID", Primitive::Guid, false),
            ("dateTimeOffset", Primitive::DateTimeOffset, false),
            ("String collection", Primitive::String, true),
            ("Collection(String)", Primitive::String, true),
            ("collection(Int32)", Primitive::Int32, true),
            ("Collection of String", Primitive::String, true),
            ("(Optional) String", Primitive::String, false),
            ("String (optional)", Primitive::String, false),
            ("string (timestamp)", Primitive::DateTimeOffset, false),
            ("JSON object", Primitive::Untyped, false),
            ("Json", Primitive::Json, false),
            ("string, maximum size 20", Primitive::String, false),
            ("numeric", Primitive::Decimal, false),
        ];
        for (text, p, coll) in table {
            assert_eq!(prim(text), (p, coll), "{text}");
        }
    }

    #[test]
    fn links_and_names() {
        let c = parse(&cell(
            "identitySet collection",
            &[("identitySet", "identityset.md")],
        ))
        .unwrap();
        assert_eq!(
            c.expr,
            TypeExpr::Named {
                name: "identitySet".into(),
                link: Some("identityset.md".into())
            }
        );
        assert!(c.collection);
        let c = parse(&cell("microsoft.graph.callRecords.clientPlatform", &[])).unwrap();
        assert_eq!(
            c.expr,
            TypeExpr::Named {
                name: "microsoft.graph.callRecords.clientPlatform".into(),
                link: None
            }
        );
        let c = parse(&cell("alertFeedback enum", &[])).unwrap();
        assert_eq!(
            c.expr,
            TypeExpr::Named {
                name: "alertFeedback".into(),
                link: None
            }
        );
        assert!(c.note.is_some());
        let c = parse(&cell(
            "DateTimeOffset",
            &[("DateTimeOffset", "../resources/timestamp.md")],
        ))
        .unwrap();
        assert_eq!(c.expr, TypeExpr::Primitive(Primitive::DateTimeOffset));
        assert_eq!(
            parse(&cell("Enumeration", &[])).unwrap().expr,
            TypeExpr::AnonymousEnum
        );
    }

    #[test]
    fn odd_forms_are_errors() {
        assert!(parse(&cell("a or b", &[("a", "a.md"), ("b", "b.md")])).is_err());
        assert!(parse(&cell("string/number", &[])).is_err());
        assert!(parse(&cell("", &[])).is_err());
        assert!(parse(&cell("Moment in time. DateTimeOffset", &[])).is_err());
    }
}
