//! `corpus --mutate SEED`: the same tree with every page damaged in a repeatable way
//! (pieces of markdown, annotation and prose syntax spliced in, names in annotation
//! values, `@odata.type` strings, `Namespace:` lines and titles replaced by names Rust
//! cannot take, runs of text cut out, pages truncated), to show in CI that no input panics the generator and that the crate
//! it emits from broken pages still compiles without a warning.

use generator::damage::{BAD_NAMES, PIECES, damage_name};
use generator::pipeline::SourceFile;

/// Damages every page; the same seed gives the same damage.
pub fn mutate(files: &mut [SourceFile], seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    for file in files {
        let mut text = String::from_utf8_lossy(&file.bytes).into_owned();
        for _ in 0..rng.usize(1..=8) {
            let at = floor_boundary(&text, rng.usize(0..=text.len()));
            match rng.u8(0..10) {
                0..4 => text.insert_str(at, PIECES[rng.usize(0..PIECES.len())]),
                4..6 => {
                    let bad = BAD_NAMES[rng.usize(0..BAD_NAMES.len())];
                    if let Some(damaged) = damage_name(&text, rng.usize(0..1000), bad) {
                        text = damaged;
                    }
                }
                6..9 => {
                    let end = floor_boundary(&text, (at + rng.usize(1..40)).min(text.len()));
                    text.replace_range(at..end, "");
                }
                _ => text.truncate(at),
            }
        }
        file.bytes = text.into_bytes();
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}
