//! The CI report formats: SARIF 2.1.0 valid against the official schema (a copy in
//! tests/fixtures/sarif/), GitHub workflow annotations under snapshot.

use generator::diagnostics::{render_github, render_sarif};
use generator::pipeline;
use tests::root;

/// The broken-page fixtures as one tree: every kind of location, related places included.
fn fixture_diagnostics() -> Vec<generator::diagnostics::Diagnostic> {
    let files = pipeline::load_docs(&root().join("tests/fixtures/bad")).expect("fixtures");
    pipeline::analyze(&files).diagnostics
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let schema_text =
        std::fs::read_to_string(root().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"))
            .expect("schema copy");
    // The official schema's `language` patterns have a stray `]`, a literal in ECMA-262
    // that the meta-schema's regex check rejects: escaped here, in memory only.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(schema_text.contains(stray));
    let schema_text = schema_text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let diags = fixture_diagnostics();
    assert!(
        diags.iter().any(|d| !d.related.is_empty()),
        "related locations are exercised"
    );
    let report: serde_json::Value =
        serde_json::from_str(&render_sarif(&diags, "api-reference/v1.0")).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        report["runs"][0]["results"].as_array().map(Vec::len),
        Some(diags.len())
    );
    // An empty report is valid too.
    let empty: serde_json::Value = serde_json::from_str(&render_sarif(&[], "")).expect("JSON");
    assert!(validator.is_valid(&empty));
}

#[test]
fn github_annotations() {
    insta::assert_snapshot!(render_github(&fixture_diagnostics(), "docs"));
}

/// The hand-judged samples of warnings from the real trees (tests/fixtures/precision/):
/// each row names a known code, a `file:line:column` and a verdict, so that a later
/// re-check can compare against them.
#[test]
fn precision_samples_are_well_formed() {
    for tree in ["v1.0", "beta"] {
        let path = root().join(format!("tests/fixtures/precision/{tree}.tsv"));
        let text = std::fs::read_to_string(&path).expect("sample");
        let rows: Vec<&str> = text.lines().skip(1).collect();
        assert!(rows.len() >= 40, "{tree}: at least 40 judged warnings");
        for row in rows {
            let cells: Vec<&str> = row.split('\t').collect();
            assert_eq!(cells.len(), 5, "{row}");
            assert!(
                generator::diagnostics::Code::ALL
                    .iter()
                    .any(|c| c.as_str() == cells[0]),
                "{row}"
            );
            assert_eq!(cells[1].split(':').count(), 3, "{row}");
            assert!(["TP", "FP"].contains(&cells[2]), "{row}");
            assert!(["yes", "no"].contains(&cells[3]), "{row}");
        }
    }
}

/// Broken links and anchors, with the suggestion a case-insensitive match gives.
#[test]
fn link_checks() {
    let files = pipeline::load_docs(&root().join("tests/fixtures/links")).expect("fixtures");
    let out: String = generator::check::links::check_links(&files)
        .iter()
        .map(|d| format!("{d}\n"))
        .collect();
    insta::assert_snapshot!(out);
}
