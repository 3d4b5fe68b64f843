//! No input panics the page reader or the stages after it: arbitrary bytes, and real
//! pages with random mutations. Case counts are bounded: proptest's default of 256 per
//! property, or PROPTEST_CASES.

use std::sync::Arc;

use generator::damage::PIECES as SPLICES;
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
            run(out.into_bytes());
        }
    }
}

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
