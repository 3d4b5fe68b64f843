//! JSON as the docs write it: strict JSON first, then JSON5 (trailing commas, comments,
//! unquoted keys, single quotes), then JSON5 after repairing raw newlines in strings and
//! stray ellipses. What was lenient is returned so the caller can report it.

use serde_json::Value;

/// Where strict parsing failed, relative to the parsed text (1-based).
#[derive(Debug, Clone)]
pub struct JsonError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// The parsed value and, when strict JSON failed, why.
pub type Lenient = (Value, Option<JsonError>);

pub fn parse(text: &str) -> Result<Lenient, JsonError> {
    let strict = match serde_json::from_str::<Value>(text) {
        Ok(v) => return Ok((v, None)),
        Err(e) => JsonError {
            line: e.line() as u32,
            column: e.column() as u32,
            message: e.to_string(),
        },
    };
    if let Ok(v) = json5::from_str::<Value>(text) {
        return Ok((v, Some(strict)));
    }
    let repaired = repair(text);
    match json5::from_str::<Value>(&repaired) {
        Ok(v) => Ok((v, Some(strict))),
        Err(_) => Err(strict),
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
        let (v, lenient) = parse(r#"{"a": 1}"#).unwrap();
        assert_eq!(v["a"], 1);
        assert!(lenient.is_none());
    }

    #[test]
    fn trailing_commas_and_comments_are_lenient() {
        let (v, lenient) = parse("{\"a\": 1, /* c */ \"b\": [1,2,],}").unwrap();
        assert_eq!(v["b"][1], 2);
        assert!(lenient.is_some());
    }

    #[test]
    fn raw_newline_in_string_is_repaired() {
        let (v, _) = parse("{\"a\": \"x\ny\"}").unwrap();
        assert_eq!(v["a"], "x\ny");
    }

    #[test]
    fn garbage_reports_position() {
        let err = parse("{\n  \"a\": \n  nope\n}").unwrap_err();
        assert_eq!(err.line, 3);
    }
}
