//! Reports for CI: SARIF 2.1.0 (GitHub code scanning shows it inline in pull requests)
//! and GitHub workflow commands (`::warning file=…::…`, annotations on the run).

use serde_json::{Value, json};

use super::{Code, Diagnostic, Severity};

/// The file as the reader of the report knows it: `prefix` is where the docs tree sits
/// in the repository (`api-reference/v1.0/`), so that links land on the right file.
fn path(prefix: &str, file: &str) -> String {
    if prefix.is_empty() || prefix.ends_with('/') {
        format!("{prefix}{file}")
    } else {
        format!("{prefix}/{file}")
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// One SARIF 2.1.0 log with one run: a rule per code that occurs, a result per diagnostic.
pub fn render_sarif(diags: &[Diagnostic], prefix: &str) -> String {
    let mut codes: Vec<Code> = diags.iter().map(|d| d.kind).collect();
    codes.sort();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "shortDescription": { "text": c.meaning() },
                "defaultConfiguration": { "level": sarif_level(c.severity()) },
            })
        })
        .collect();
    let location = |file: &str, line: u32, column: u32| {
        json!({ "physicalLocation": {
            "artifactLocation": { "uri": path(prefix, file) },
            "region": { "startLine": line.max(1), "startColumn": column.max(1) },
        }})
    };
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let related: Vec<Value> = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut l = location(&r.origin.file, r.origin.line, 1);
                    l["id"] = json!(i);
                    l["message"] = json!({ "text": r.message });
                    l
                })
                .collect();
            let mut result = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
                "locations": [location(&d.file, d.line, d.column)],
            });
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "graph-docs",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// GitHub workflow commands, one per diagnostic: `::warning file=…,line=…,col=…,title=G0703::…`.
pub fn render_github(diags: &[Diagnostic], prefix: &str) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut message = d.message.clone();
        for r in &d.related {
            message.push_str(&format!("\n(see {}: {})", r.origin, r.message));
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            escape_property(&path(prefix, &d.file)),
            d.line,
            d.column,
            d.code,
            escape_data(&message)
        ));
    }
    out
}

/// Workflow command data: `%`, CR and LF are escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow command properties also escape `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Origin;
    use std::sync::Arc;

    #[test]
    fn github_commands_escape_what_the_runner_would_split_on() {
        let file: Arc<str> = Arc::from("api/a,b.md");
        let d = Diagnostic::new(Code::PropertyJsonOnly, &Origin::new(&file, 3), "100% x\ny");
        let out = render_github(&[d], "docs");
        assert_eq!(
            out,
            "::warning file=docs/api/a%2Cb.md,line=3,col=1,title=G0703::100%25 x%0Ay\n"
        );
    }
}
