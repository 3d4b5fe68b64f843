//! Characters the docs use that markdown reads differently from the docs site: tabs in
//! table delimiter rows, NBSP, U+202F and zero-width spaces. Line numbers stay as they
//! were, so every later `file:line` is right; a page with none of them is not copied.

use std::borrow::Cow;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostics, Origin};

/// Reads tabs in table delimiter rows (`|-----\t|---|`) as spaces: markdown renders no
/// table from such a row, the docs site does. Byte offsets and lines are unchanged.
pub fn delimiter_tabs<'t>(
    text: Cow<'t, str>,
    file: &Arc<str>,
    diags: &mut Diagnostics,
) -> Cow<'t, str> {
    let is_delimiter = |line: &str| {
        line.contains('\t')
            && line.contains('|')
            && line.contains('-')
            && line
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '\r' | '\n'))
    };
    if !text.contains('\t') || !text.split_inclusive('\n').any(is_delimiter) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if is_delimiter(line) {
            diags.report(
                Code::TableDelimiterTabs,
                &Origin::new(file, i as u32 + 1),
                "this table's delimiter row has tab characters, which markdown does not accept there; they were read as spaces",
            );
            out.push_str(&line.replace('\t', " "));
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// Reads NBSP and U+202F as spaces and drops zero-width characters; one note per page.
/// Line numbers are unchanged because no newline is touched.
pub fn invisible<'t>(text: &'t str, file: &Arc<str>, diags: &mut Diagnostics) -> Cow<'t, str> {
    let is_invisible = |c: char| matches!(c, '\u{a0}' | '\u{202f}' | '\u{200b}' | '\u{feff}');
    if !text.contains(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut first_line = 0;
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        let n = line.chars().filter(|c| is_invisible(*c)).count();
        if n > 0 && first_line == 0 {
            first_line = i as u32 + 1;
        }
        count += n;
    }
    diags.report(
        Code::InvisibleCharacter,
        &Origin::new(file, first_line),
        format!("{count} invisible character(s) (NBSP, U+202F, zero-width) read as spaces or dropped; first on this line"),
    );
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\u{a0}' | '\u{202f}' => Some(' '),
                '\u{200b}' | '\u{feff}' => None,
                c => Some(c),
            })
            .collect(),
    )
}
