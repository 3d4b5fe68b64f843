//! YAML frontmatter. Broken YAML is reported and the simple `key: value` lines are
//! still read, so one bad title does not cost the page its `doc_type`.

use std::sync::Arc;

use serde_yaml::Value;

use crate::diagnostics::{Code, Diagnostics, Origin};

#[derive(Debug, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub doc_type: Option<String>,
    pub ms_prod: Option<String>,
}

/// Parses the text between the `---` lines; `first_line` is the line of the first key.
pub fn parse(text: &str, file: &Arc<str>, first_line: u32, diags: &mut Diagnostics) -> FrontMatter {
    match serde_yaml::from_str::<serde_yaml::Mapping>(text) {
        Ok(map) => {
            let get = |key: &str| map.get(key).and_then(scalar_string);
            FrontMatter {
                title: get("title"),
                description: get("description"),
                doc_type: get("doc_type"),
                ms_prod: get("ms.prod"),
            }
        }
        Err(err) => {
            let line = err.location().map_or(0, |l| l.line() as u32 - 1);
            diags.report(
                Code::FrontmatterInvalid,
                &Origin::new(file, first_line + line),
                format!("frontmatter is not valid YAML ({err}); simple `key: value` lines were read instead"),
            );
            let get = |key: &str| {
                text.lines().find_map(|l| {
                    let rest = l.strip_prefix(key)?.strip_prefix(':')?;
                    Some(unquote(rest.trim()).to_string())
                })
            };
            FrontMatter {
                title: get("title"),
                description: get("description"),
                doc_type: get("doc_type"),
                ms_prod: get("ms.prod"),
            }
        }
    }
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}
