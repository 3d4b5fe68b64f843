//! JSON as the docs write it: strict JSON first, then JSON5 (trailing commas, comments,
//! unquoted keys, single quotes), then JSON5 after repairing raw newlines in strings and
//! stray ellipses. What was lenient is returned so the caller can report it.

use serde_json::Value;

use crate::page::{JsonError, JsonParse};

pub fn parse(text: &str) -> JsonParse {
    let strict_error = match serde_json::from_str::<Value>(text) {
        Ok(v) => return JsonParse::Strict(v),
        Err(e) => explain(text, &e),
    };
    if let Ok(value) = json5::from_str::<Value>(text) {
        return JsonParse::Lenient {
            value,
            strict_error,
        };
    }
    let repaired = repair(text);
    match json5::from_str::<Value>(&repaired) {
        Ok(value) => JsonParse::Lenient {
            value,
            strict_error,
        },
        Err(_) => JsonParse::Invalid(strict_error),
    }
}

/// Says what is wrong in the docs' terms, at the character to fix: serde's wording
/// ("key must be a string", "control character") names the parser's state, not the
/// defect, and its position is block-relative and sometimes past the defect.
fn explain(text: &str, e: &serde_json::Error) -> JsonError {
    let full = e.to_string();
    let raw = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    let lines: Vec<&str> = text.split('\n').collect();
    // At the end of the text serde may point one line past the last one (after a final
    // line break): that line is not in the block, and may not be on the page.
    let last = text.trim_end_matches('\n').split('\n').count().max(1);
    let (line, column) = match e.line().max(1) {
        l if l > last => (last, lines[last - 1].trim_end_matches('\r').len() + 1),
        l => (l, e.column()),
    };
    let rest = lines
        .get(line - 1)
        .and_then(|l| l.get(column.saturating_sub(1)..))
        .unwrap_or("");
    let at = |line: usize, column: usize, message: String| JsonError {
        line: line as u32,
        column: column.max(1) as u32,
        message,
    };
    if raw.starts_with("control character") {
        // serde stops after the line break: the string is open on the line before.
        let (l, c) = match column {
            0 if line > 1 => (line - 1, lines[line - 2].trim_end_matches('\r').len() + 1),
            _ => (line, column),
        };
        return at(
            l,
            c,
            "a line break inside a string (write `\\n`, or join the lines)".into(),
        );
    }
    if raw.starts_with("trailing comma") {
        if let Some((l, c)) = last_comma_before(&lines, line, column) {
            return at(l, c, "a trailing comma before a closing bracket".into());
        }
        return at(
            line,
            column,
            "a trailing comma before a closing bracket".into(),
        );
    }
    let message = match (raw, rest.chars().next()) {
        ("key must be a string" | "expected value", Some('/')) => {
            "a comment, which JSON does not allow".to_string()
        }
        ("key must be a string", Some('\'')) | ("expected value", Some('\'')) => {
            "a single-quoted string; JSON uses double quotes".to_string()
        }
        ("key must be a string", Some(_)) => {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '@' || *c == '.')
                .collect();
            format!("an unquoted key `{word}`; JSON keys are in double quotes")
        }
        ("expected value", Some('.' | '…')) => {
            "an ellipsis (`...`) standing for omitted data, which JSON does not allow".to_string()
        }
        ("expected value", Some(c)) => format!("`{c}` where a value should be"),
        _ => raw.to_string(),
    };
    at(line, column, message)
}

/// The line and column (1-based) of the last comma before `line`:`column`.
fn last_comma_before(lines: &[&str], line: usize, column: usize) -> Option<(usize, usize)> {
    (0..line).rev().find_map(|i| {
        let text = lines.get(i)?;
        let end = if i + 1 == line {
            column.saturating_sub(1).min(text.len())
        } else {
            text.len()
        };
        let head = text.get(..end)?;
        let trimmed = head.trim_end();
        if trimmed.is_empty() {
            return None;
        }
        trimmed.ends_with(',').then(|| (i + 1, trimmed.len()))
    })
}

/// Escapes raw newlines inside strings and drops lines that are only `...` (elisions).
fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim().trim_end_matches(',');
        if !in_string && (t == "..." || t == "…") {
            continue;
        }
        for ch in line.chars() {
            match ch {
                '\n' if in_string => out.push_str("\\n"),
                '\u{a0}' | '\u{202f}' if !in_string => out.push(' '),
                '"' if !escaped => {
                    in_string = !in_string;
                    out.push(ch);
                }
                _ => out.push(ch),
            }
            escaped = ch == '\\' && !escaped;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_json_is_not_flagged() {
        let JsonParse::Strict(v) = parse(r#"{"a": 1}"#) else {
            panic!("strict JSON expected");
        };
        assert_eq!(v["a"], 1);
    }

    #[test]
    fn trailing_commas_and_comments_are_lenient() {
        let JsonParse::Lenient { value, .. } = parse("{\"a\": 1, /* c */ \"b\": [1,2,],}") else {
            panic!("lenient JSON expected");
        };
        assert_eq!(value["b"][1], 2);
    }

    #[test]
    fn raw_newline_in_string_is_repaired() {
        let JsonParse::Lenient { value, .. } = parse("{\"a\": \"x\ny\"}") else {
            panic!("lenient JSON expected");
        };
        assert_eq!(value["a"], "x\ny");
    }

    fn strict_error(text: &str) -> JsonError {
        match parse(text) {
            JsonParse::Lenient { strict_error, .. } => strict_error,
            JsonParse::Invalid(e) => e,
            JsonParse::Strict(_) => panic!("not strict JSON expected"),
        }
    }

    #[test]
    fn trailing_comma_is_reported_at_the_comma() {
        let e = strict_error("{\n  \"a\": 1,\n}");
        assert_eq!((e.line, e.column), (2, 9), "{e:?}");
        assert_eq!(e.message, "a trailing comma before a closing bracket");
        let e = strict_error("[1, 2,]");
        assert_eq!((e.line, e.column), (1, 6), "{e:?}");
    }

    #[test]
    fn comments_and_unquoted_keys_are_named() {
        let e = strict_error("{\n  /* x */ \"a\": 1}");
        assert_eq!(e.message, "a comment, which JSON does not allow");
        assert_eq!((e.line, e.column), (2, 3), "{e:?}");
        let e = strict_error("{\"a\": 1, // x\n\"b\": 2}");
        assert_eq!(e.message, "a comment, which JSON does not allow");
        let e = strict_error("{\n  id: 1}");
        assert_eq!(
            e.message,
            "an unquoted key `id`; JSON keys are in double quotes"
        );
        let e = strict_error("{\"a\": [\n  ...\n]}");
        assert!(e.message.starts_with("an ellipsis"), "{e:?}");
        assert!(!e.message.contains("line"), "{e:?}");
    }

    #[test]
    fn line_break_in_string_is_reported_where_the_string_breaks() {
        let e = strict_error("{\n  \"a\": \"x\ny\"\n}");
        assert_eq!(
            e.message,
            "a line break inside a string (write `\\n`, or join the lines)"
        );
        assert_eq!(e.line, 2, "{e:?}");
    }

    #[test]
    fn garbage_reports_position() {
        let JsonParse::Invalid(err) = parse("{\n  \"a\": \n  nope\n}") else {
            panic!("invalid JSON expected");
        };
        assert_eq!(err.line, 3);
    }

    #[test]
    fn an_error_at_the_end_points_at_the_last_line() {
        let e = strict_error("{\n  \"a\": 1\n");
        assert_eq!(e.line, 2, "{e:?}");
        assert_eq!(e.column, 9, "{e:?}");
    }
}
