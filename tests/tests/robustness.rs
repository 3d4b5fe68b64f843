//! No input panics the page reader or the stages after it, makes the emitter fail or
//! emit something that is not Rust: arbitrary bytes, and real pages with random
//! mutations. Case counts are bounded: proptest's default of 256 per property, or
//! PROPTEST_CASES.

use std::collections::BTreeMap;
use std::sync::Arc;

use generator::damage::{BAD_NAMES, PIECES as SPLICES, damage_name};
use generator::diagnostics::{Diagnostic, Diagnostics};
use generator::pipeline::{self, SourceFile};
use proptest::prelude::*;
use tests::{run_text, text_diff};

/// Runs every stage on one page and lists what a damaged page may never cause: the
/// emitter fails, an emitted file is not Rust, a diagnostic points past the end of the
/// page, or a second run gives other output. Empty when the page was survived.
fn defects(bytes: Vec<u8>) -> Vec<String> {
    let file = SourceFile {
        path: Arc::from("fuzz/page.md"),
        bytes,
    };
    let first = match run_once(&file) {
        Ok(run) => run,
        Err(e) => return vec![e],
    };
    let lines = line_count(&file.bytes);
    let mut found: Vec<String> = first
        .diagnostics
        .iter()
        .filter(|d| &*d.file != "fuzz/page.md" || !(1..=lines).contains(&d.line))
        .map(|d| format!("line {} outside the page's {lines} lines: {d}", d.line))
        .collect();
    for (path, content) in first.files.iter().filter(|(p, _)| p.ends_with(".rs")) {
        if let Err(e) = syn::parse_file(content) {
            let start: String = content.chars().take(3000).collect();
            found.push(format!("{path} is not Rust: {e}\n{start}"));
        }
    }
    let again = run_once(&file).map(|r| run_text(&r.files, &r.diagnostics));
    let first = run_text(&first.files, &first.diagnostics);
    match again {
        Ok(again) if again == first => {}
        Ok(again) => found.push(text_diff("two runs on the same page", &first, &again)),
        Err(e) => found.push(format!("second run: {e}")),
    }
    found
}

struct Run {
    files: BTreeMap<String, String>,
    diagnostics: Vec<Diagnostic>,
}

fn run_once(file: &SourceFile) -> Result<Run, String> {
    let analysis = pipeline::analyze(std::slice::from_ref(file));
    let mut diags = Diagnostics::default();
    let emitted = generator::emit::emit(
        &analysis.schema,
        &generator::emit::Flavor::standalone("x"),
        &mut diags,
    )
    .map_err(|e| format!("the emitter fails: {e}"))?;
    let mut diagnostics = analysis.diagnostics;
    diagnostics.extend(diags.into_sorted());
    Ok(Run {
        files: emitted.files,
        diagnostics,
    })
}

/// Lines of a page as a diagnostic counts them: at least one, and the line after a
/// final newline (where an unclosed construct is reported) counts.
fn line_count(bytes: &[u8]) -> u32 {
    let newlines = bytes.iter().filter(|b| **b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// Offsets found in a lowercased copy of a text must not be used on the text itself
/// when lowercasing changes lengths: every prose line and table cell of every page gets
/// such characters in front.
#[test]
fn characters_whose_lowercase_is_longer_or_shorter() {
    for odd in ["\u{130}\u{130}\u{130}", "\u{212a}\u{212a}\u{212a}"] {
        for file in tests::docs_input_files() {
            let text = String::from_utf8_lossy(&file.bytes);
            let mut out = String::new();
            for line in text.lines() {
                let t = line.trim_start();
                if t.starts_with('|') && !t.contains("---") {
                    out.push_str(&line.replace('|', &format!("|{odd} ")));
                } else if t.is_empty() || t.starts_with(['#', '`', '<', '-', '{', '}', '"', '[']) {
                    out.push_str(line);
                } else {
                    out.push_str(odd);
                    out.push(' ');
                    out.push_str(line);
                }
                out.push('\n');
            }
            // Headings too: "İİİ user resource type", "İİİ x values".
            let out = out.replace("# ", &format!("# {odd} "));
            let found = defects(out.into_bytes());
            assert!(found.is_empty(), "{}: {}", file.path, found.join("\n"));
        }
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let found = defects(bytes);
        prop_assert!(found.is_empty(), "{}", found.join("\n"));
    }

    #[test]
    fn mutated_real_pages(page in 0usize..1000, edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..SPLICES.len(), 0usize..4), 1..12)) {
        let files = tests::docs_input_files();
        let mut text = files[page % files.len()].bytes.clone();
        for (at, splice, kind) in edits {
            let i = at.index(text.len() + 1);
            match kind {
                0 => { text.splice(i..i, SPLICES[splice].bytes()); }
                1 => { let end = (i + 1 + splice).min(text.len()); if i < end { text.drain(i..end); } }
                2 => {
                    let page = String::from_utf8_lossy(&text).into_owned();
                    if let Some(damaged) = damage_name(&page, i, BAD_NAMES[splice % BAD_NAMES.len()]) {
                        text = damaged.into_bytes();
                    }
                }
                _ => { text.truncate(i); }
            }
        }
        let found = defects(text);
        prop_assert!(found.is_empty(), "{}", found.join("\n"));
    }
}
