//! JSON as the docs write it: strict JSON first, then JSON5 (trailing commas, comments,
//! unquoted keys, single quotes), then JSON5 after repairing raw newlines in strings and
//! stray ellipses. What was lenient is returned so the caller can report it.

use serde_json::Value;

use crate::page::{JsonError, JsonParse};

pub fn parse(text: &str) -> JsonParse {
    let strict_error = match serde_json::from_str::<Value>(text) {
        Ok(v) => return JsonParse::Strict(v),
        Err(e) => JsonError {
            line: e.line() as u32,
            column: e.column() as u32,
            message: e.to_string(),
        },
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

    #[test]
    fn garbage_reports_position() {
        let JsonParse::Invalid(err) = parse("{\n  \"a\": \n  nope\n}") else {
            panic!("invalid JSON expected");
        };
        assert_eq!(err.line, 3);
    }
}
