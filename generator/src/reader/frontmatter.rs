//! YAML frontmatter. Broken YAML is reported and the simple `key: value` lines are
//! still read, so one bad title does not cost the page its `doc_type`.

use std::sync::Arc;

use serde_yaml::Value;

use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{Workload, WorkloadKey};

#[derive(Debug, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub doc_type: Option<String>,
    /// The workload: `ms.prod` (older pages) or, failing that, `ms.subservice` (pages since
    /// late 2023), as written.
    pub workload: Option<Workload>,
}

/// `ms.prod` unless it is empty, else `ms.subservice`; `get` reads a key's value.
fn workload(text: &str, first_line: u32, get: impl Fn(&str) -> Option<String>) -> Option<Workload> {
    [
        ("ms.prod", WorkloadKey::Prod),
        ("ms.subservice", WorkloadKey::Subservice),
    ]
    .into_iter()
    .find_map(|(name, key)| {
        let value = get(name).filter(|v| !v.trim().is_empty())?;
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with(&format!("{name}:")))
            .map_or(first_line, |i| first_line + i as u32);
        Some(Workload { key, value, line })
    })
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
                workload: workload(text, first_line, get),
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
                workload: workload(text, first_line, get),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The workload of a frontmatter that is read without a diagnostic.
    fn workload_of(text: &str) -> Option<Workload> {
        let mut diags = Diagnostics::default();
        let workload = parse(text, &Arc::from("x.md"), 2, &mut diags).workload;
        assert!(diags.is_empty(), "{:?}", diags.into_sorted());
        workload
    }

    #[test]
    fn reads_ms_prod_or_else_ms_subservice_with_its_line() {
        let w = workload_of("title: x\nms.subservice: \"Teams\"\n").expect("a workload");
        assert_eq!(
            (w.key, w.value.as_str(), w.line),
            (WorkloadKey::Subservice, "Teams", 3)
        );
        let w = workload_of("ms.prod: \"\"\nms.subservice: onedrive\n").expect("a workload");
        assert_eq!(
            w.key,
            WorkloadKey::Subservice,
            "an empty ms.prod names nothing"
        );
        let w =
            workload_of("ms.subservice: teams\nms.prod: microsoft-teams\n").expect("a workload");
        assert_eq!((w.key, w.line), (WorkloadKey::Prod, 3));
        assert_eq!(workload_of("title: x\n"), None);
    }
}
