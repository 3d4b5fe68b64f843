//! Pieces of syntax the reader and the prose scanners react to, for damaging pages on
//! purpose: the property tests splice them into pages, `cargo xtask corpus --mutate` into
//! a whole docs tree. No input may panic the generator or make it emit Rust that fails
//! to compile.

/// Markdown, annotation and prose fragments, and characters that change length when
/// lower-cased (İ → i̇, K → k).
pub const PIECES: &[&str] = &[
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
    "## Response\n",
    "|---|\n",
    "[x](",
    "\t",
    "\\",
    "\u{a0}",
    "\u{200b}",
    "\u{130}",
    "\u{212a}",
    "Inherits from [",
    "returns a `200 OK` response code and a collection of [",
    "Possible values are: `a`, `b`.",
];
