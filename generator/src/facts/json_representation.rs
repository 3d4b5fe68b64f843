//! Members of a JSON representation that no table lists, typed from their placeholders.

use serde_json::Value;

use super::bodies::{JsonUse, report_json};
use super::prose::Hints;
use super::type_cell::{Primitive, TypeCell, TypeExpr, is_type_name};
use super::{PageFacts, PropFact, Rank};
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{BlockBody, FencedBlock, Page};

/// Keys of a resource's JSON representation that no table lists become properties of
/// the lowest rank, typed from the placeholder value where it says a type.
pub(super) fn json_only_properties(
    page: &Page,
    resources: &[&FencedBlock],
    facts: &mut PageFacts,
    diags: &mut Diagnostics,
) {
    for block in resources {
        let Some(ann) = &block.annotation else {
            continue;
        };
        let BlockBody::Json(body) = &block.body else {
            continue;
        };
        let start = Origin::new(&page.file, block.content_line);
        let Some(json) = report_json(body, &start, JsonUse::REPRESENTATION, diags) else {
            continue;
        };
        let obj = match json {
            Value::Object(o) => o,
            Value::Array(a) => match a.first() {
                Some(Value::Object(o)) => o,
                _ => continue,
            },
            _ => continue,
        };
        // The resource fact made from this very annotation.
        let Some(idx) = facts.types.iter().position(|t| t.origin == ann.origin) else {
            continue;
        };
        if facts.types[idx].open {
            // Open types carry arbitrary members; their examples list data, not properties.
            continue;
        }
        // What this page already says of the type, from any of its blocks and tables
        // (a page may show one type in several JSON blocks).
        let name = facts.types[idx].name.clone();
        let mut listed: Vec<String> = facts
            .types
            .iter()
            .filter(|t| t.name == name)
            .flat_map(|t| t.properties.iter().map(|p| p.name.clone()))
            .collect();
        let origin = block.origin.clone();
        for (key, value) in obj {
            if key.starts_with('@') || key.contains("@odata") || listed.contains(key) {
                continue;
            }
            let at = member_line(&block.content, key)
                .map(|i| Origin::new(&page.file, block.content_line + i));
            if let Some(p) = listed.iter().find(|p| p.eq_ignore_ascii_case(key)) {
                diags.report(Code::PropertyJsonOnly, at.as_ref().unwrap_or(&origin), format!("JSON representation has `{key}` where the table has `{p}`; the table's spelling is kept"));
                continue;
            }
            // Sample data, not a member name: `4e98f8f1-…` keys of an assignments map,
            // `String-value`, `rank ` with a space.
            if !is_type_name(key) || key.contains('.') {
                diags.report(
                    Code::PropertyNameInvalid,
                    at.as_ref().unwrap_or(&origin),
                    format!("JSON representation has the member `{key}`, which is sample data rather than a property name; it is not a property"),
                );
                continue;
            }
            listed.push(key.clone());
            facts.types[idx].properties.push(PropFact {
                name: key.clone(),
                ty: infer_json_type(value),
                navigation: false,
                description: None,
                allowed: Vec::new(),
                hints: Hints::default(),
                origin: origin.clone(),
                at,
                rank: Rank::Example,
            });
        }
    }
}

/// The line (offset inside the block) where `key` is written as a member: of the lines
/// that start with `"key":`, the least indented, which is the top-level member.
fn member_line(content: &str, key: &str) -> Option<u32> {
    let quoted = format!("\"{key}\"");
    content
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let t = l.trim_start();
            let after = t.strip_prefix(quoted.as_str())?;
            after
                .trim_start()
                .starts_with(':')
                .then_some((l.len() - t.len(), i as u32))
        })
        .min()
        .map(|(_, i)| i)
}

/// The docs' placeholders for a Duration: `String (ISO 8601 duration)`, `String (duration)`.
fn is_duration_placeholder(lower: &str) -> bool {
    lower
        .strip_prefix("string")
        .map(str::trim)
        .and_then(|rest| rest.strip_prefix('(')?.strip_suffix(')'))
        .is_some_and(|note| matches!(note.trim(), "duration" | "iso 8601 duration"))
}

/// The type a placeholder value in a JSON representation says, when it says one.
pub(super) fn infer_json_type(v: &Value) -> Result<TypeCell, String> {
    let single = |expr| {
        Ok(TypeCell {
            expr,
            collection: false,
            note: None,
        })
    };
    match v {
        Value::Bool(_) => single(TypeExpr::Primitive(Primitive::Boolean)),
        Value::String(s) => {
            let lower = s.to_ascii_lowercase();
            let p = if lower.contains("timestamp") {
                Primitive::DateTimeOffset
            } else if is_duration_placeholder(&lower) {
                Primitive::Duration
            } else if let Some(word) = Primitive::from_word(s.trim()) {
                word.primitive
            } else if lower.starts_with("string") {
                Primitive::String
            } else {
                return Err(format!("the example value `{s}` does not say a type"));
            };
            single(TypeExpr::Primitive(p))
        }
        Value::Object(o) => match o.get("@odata.type").and_then(Value::as_str) {
            Some(t) => single(TypeExpr::Named {
                name: t.trim_start_matches('#').to_string(),
                link: None,
            }),
            None => Err("an object without `@odata.type`".into()),
        },
        Value::Array(a) => {
            let inner = a
                .first()
                .map(infer_json_type)
                .unwrap_or_else(|| Err("an empty array".into()))?;
            Ok(TypeCell {
                collection: true,
                ..inner
            })
        }
        Value::Number(_) | Value::Null => Err("a number or null does not say a type".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn primitive(placeholder: &str) -> Option<Primitive> {
        match infer_json_type(&Value::String(placeholder.into()))
            .ok()?
            .expr
        {
            TypeExpr::Primitive(p) => Some(p),
            _ => None,
        }
    }

    #[test]
    fn member_line_is_the_top_level_member() {
        let content = "{\n  \"a\": {\n    \"b\": 1\n  },\n  \"b\" : 2\n}";
        // The nested `b` comes first, but the top-level one is less indented.
        assert_eq!(member_line(content, "b"), Some(4));
        assert_eq!(member_line(content, "a"), Some(1));
        assert_eq!(member_line(content, "c"), None);
    }

    #[test]
    fn duration_placeholders_say_duration() {
        // The standard placeholder agrees with a table's Duration (no G0702).
        assert_eq!(
            primitive("String (ISO 8601 duration)"),
            Some(Primitive::Duration)
        );
        assert_eq!(primitive("String (duration)"), Some(Primitive::Duration));
        assert_eq!(
            primitive("String (durationInSeconds)"),
            Some(Primitive::String)
        );
        assert_eq!(primitive("String"), Some(Primitive::String));
    }
}
