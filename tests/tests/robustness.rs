//! No input panics the page reader or the stages after it: arbitrary bytes, and real
//! pages with random mutations. Case counts are bounded: proptest's default of 256 per
//! property, or PROPTEST_CASES.

use std::sync::Arc;

use generator::pipeline::{self, SourceFile};
use proptest::prelude::*;

fn run(bytes: Vec<u8>) {
    let file = SourceFile {
        path: Arc::from("fuzz/page.md"),
        bytes,
    };
    let analysis = pipeline::analyze(std::slice::from_ref(&file));
    let mut diags = generator::diagnostics::Diagnostics::default();
    let _ = generator::emit::emit(
        &analysis.schema,
        &generator::emit::Flavor::Standalone { name: "x".into() },
        &mut diags,
    );
}

/// Pieces of markdown that matter to the reader, to splice into pages.
const SPLICES: &[&str] = &[
    "|",
    "\n",
    "```",
    "<!--",
    "-->",
    "{",
    "}",
    "\"",
    ",",
    "---\n",
    "# ",
    "## Properties\n",
    "[x](",
    "\u{a0}",
    "\u{200b}",
    "\\",
];

proptest! {
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        run(bytes);
    }

    #[test]
    fn mutated_real_pages(page in 0usize..1000, edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..SPLICES.len(), 0usize..3), 1..12)) {
        let files = tests::docs_input_files();
        let mut text = files[page % files.len()].bytes.clone();
        for (at, splice, kind) in edits {
            let i = at.index(text.len() + 1);
            match kind {
                0 => { text.splice(i..i, SPLICES[splice].bytes()); }
                1 => { let end = (i + 1 + splice).min(text.len()); if i < end { text.drain(i..end); } }
                _ => { text.truncate(i); }
            }
        }
        run(text);
    }
}
