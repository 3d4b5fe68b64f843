//! Diagnostics for broken pages: each fixture in `tests/fixtures/bad/` under snapshot.
//! Broken input never panics and always yields a diagnostic with file:line and a code.

use std::sync::Arc;

use generator::diagnostics::Diagnostic;
use generator::pipeline::{self, SourceFile};
use tests::root;

fn fixture(name: &str) -> SourceFile {
    let path = root().join("tests/fixtures/bad").join(name);
    SourceFile {
        path: Arc::from(name),
        bytes: std::fs::read(path).expect("fixture exists"),
    }
}

fn diagnostics(files: &[SourceFile]) -> String {
    let analysis = pipeline::analyze(files);
    let mut diags = generator::diagnostics::Diagnostics::default();
    // The emitter must cope with whatever the schema holds.
    generator::emit::emit(
        &analysis.schema,
        &generator::emit::Flavor::standalone("x"),
        &mut diags,
    )
    .expect("emits");
    let mut all: Vec<Diagnostic> = analysis.diagnostics;
    all.extend(diags.into_sorted());
    all.iter().map(|d| format!("{d}\n")).collect()
}

/// Each fixture on its own (the conflicting pair is checked together below); every
/// mismatch is reported, not only the first.
#[test]
fn each_bad_fixture() {
    insta::glob!("../fixtures/bad", "*.md", |path| {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("UTF-8 file name");
        if name.starts_with("conflicting-definitions") {
            return;
        }
        let out = diagnostics(&[fixture(name)]);
        assert!(!out.is_empty(), "{name} yields diagnostics");
        insta::assert_snapshot!("bad", out);
    });
}

#[test]
fn conflicting_definitions_name_both_places() {
    let out = diagnostics(&[
        fixture("conflicting-definitions-a.md"),
        fixture("conflicting-definitions-b.md"),
    ]);
    insta::assert_snapshot!("bad@conflicting-definitions", out);
}

/// README's code table lists every code with its severity and meaning.
#[test]
fn readme_lists_every_code() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    for code in generator::diagnostics::Code::ALL {
        let row = format!(
            "| {} | {} | {} |",
            code.as_str(),
            code.severity().as_str(),
            code.meaning().replace('|', "\\|")
        );
        assert!(readme.contains(&row), "README lacks: {row}");
    }
}
