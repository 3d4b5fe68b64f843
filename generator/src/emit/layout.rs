//! The text of the emitted files, laid out for a reviewer where prettyplease alone would
//! not: a blank line between items (prettyplease writes none), the serde macro calls with
//! one field and its JSON member name per line (prettyplease flows macro input like prose,
//! so a pair could straddle two lines), and doc comments wrapped to [`WIDTH`] columns.
//! Everything else is prettyplease's.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{EmitError, HEADER};

/// The line width the emitted files keep to where they can (rustfmt's default).
pub const WIDTH: usize = 100;

/// A file: the header, its inner attributes (`#![doc]`), then each group of items,
/// formatted on its own and separated from the next by a blank line.
pub fn format_file(
    module: &str,
    inner: TokenStream,
    groups: impl IntoIterator<Item = TokenStream>,
) -> Result<String, EmitError> {
    let mut text = format!("{HEADER}{}", format_items(module, inner)?);
    for group in groups {
        push_item(&mut text, &format_items(module, group)?);
    }
    Ok(text)
}

/// Appends one formatted item (or group of items) after a blank line.
pub fn push_item(text: &mut String, item: &str) {
    if item.is_empty() {
        return;
    }
    if !text.is_empty() && !text.ends_with("\n\n") {
        text.push('\n');
    }
    text.push_str(item);
}

/// Formats tokens as file content (no header).
pub fn format_items(module: &str, tokens: TokenStream) -> Result<String, EmitError> {
    let file: syn::File = syn::parse2(tokens).map_err(|source| EmitError::Tokens {
        module: module.to_string(),
        source,
    })?;
    Ok(prettyplease::unparse(&file))
}

/// Which support macro a [`PairsCall`] invokes.
#[derive(Clone)]
pub enum PairsMacro {
    /// `struct_serde!(Name { field = "wire", … })`
    StructSerde,
    /// `string_enum_impls!(Name { Variant = "wire", … })`
    StringEnum,
    /// `polymorphic_serde!(AnyName(Fallback) { Variant = "microsoft.graph.derived", … })`
    Polymorphic { fallback: Ident },
}

/// One `name = "wire"` pair of a support macro call, with the field's feature gate.
pub struct Pair {
    pub gate: Option<String>,
    pub ident: Ident,
    pub wire: String,
}

/// A support macro call pairing Rust names with JSON names.
pub struct PairsCall {
    pub kind: PairsMacro,
    pub name: Ident,
    pub pairs: Vec<Pair>,
}

impl PairsCall {
    /// The call as tokens (the single-file form is formatted by prettyplease alone).
    pub fn tokens(&self) -> TokenStream {
        let pairs = self.pairs.iter().map(|p| {
            let gate = p.gate.as_ref().map(|g| quote! { #[cfg(feature = #g)] });
            let (ident, wire) = (&p.ident, &p.wire);
            quote! { #gate #ident = #wire }
        });
        let name = &self.name;
        match &self.kind {
            PairsMacro::StructSerde => {
                quote! { crate::support::struct_serde!(#name { #(#pairs,)* }); }
            }
            PairsMacro::StringEnum => {
                quote! { crate::support::string_enum_impls!(#name { #(#pairs,)* }); }
            }
            PairsMacro::Polymorphic { fallback } => {
                quote! { crate::support::polymorphic_serde!(#name(#fallback) { #(#pairs,)* }); }
            }
        }
    }

    /// The call as text, one pair per line and its gate on the line above, like a field.
    /// Identifiers and literals are printed by proc-macro2, so the text is valid Rust.
    pub fn text(&self) -> String {
        let (path, head) = match &self.kind {
            PairsMacro::StructSerde => ("crate::support::struct_serde", self.name.to_string()),
            PairsMacro::StringEnum => ("crate::support::string_enum_impls", self.name.to_string()),
            PairsMacro::Polymorphic { fallback } => (
                "crate::support::polymorphic_serde",
                format!("{}({fallback})", self.name),
            ),
        };
        if self.pairs.is_empty() {
            return format!("{path}!({head} {{}});\n");
        }
        let mut text = format!("{path}!({head} {{\n");
        for pair in &self.pairs {
            if let Some(gate) = &pair.gate {
                let gate = Literal::string(gate);
                text.push_str(&format!("    #[cfg(feature = {gate})]\n"));
            }
            let wire = Literal::string(&pair.wire);
            let line = format!("    {} = {wire},", pair.ident);
            if line.chars().count() <= WIDTH {
                text.push_str(&line);
            } else {
                // As rustfmt breaks a long assignment.
                text.push_str(&format!("    {} =\n        {wire},", pair.ident));
            }
            text.push('\n');
        }
        text.push_str("});\n");
        text
    }
}

/// Doc text as the lines of a doc comment indented by `indent` columns, each within
/// [`WIDTH`] where the words allow. The text is what `docs::doc_text` writes (paragraphs
/// and `- ` list items, markup escaped), so a line is broken only at a space and never
/// before a word that would start a markdown block (list, heading, quote, fence).
pub fn doc_lines(text: &str, indent: usize) -> Vec<String> {
    // `/// ` before the text.
    let width = WIDTH.saturating_sub(indent + 4).max(20);
    let mut out = Vec::new();
    for line in text.lines() {
        if line.chars().count() <= width || line.starts_with(' ') {
            out.push(line.to_string());
            continue;
        }
        let continuation = if line.starts_with("- ") { "  " } else { "" };
        let mut current = String::new();
        for word in line.split(' ') {
            let fits = current.chars().count() + 1 + word.chars().count() <= width;
            if current.is_empty() || current == continuation || fits || starts_block(word) {
                if !current.is_empty() && current != continuation {
                    current.push(' ');
                }
                current.push_str(word);
            } else {
                out.push(std::mem::replace(&mut current, continuation.to_string()));
                current.push_str(word);
            }
        }
        out.push(current);
    }
    out
}

/// Whether a word at the start of a line would begin a markdown block instead of
/// continuing the paragraph (conservatively: a number with `.` may not start a list there,
/// `1.` may).
fn starts_block(word: &str) -> bool {
    // A bullet, or a thematic break / setext underline (`---`, `==`).
    if matches!(word, "" | "-" | "+" | "*")
        || word.chars().all(|c| matches!(c, '-' | '=' | '*' | '_'))
    {
        return true;
    }
    // A heading, quote, table row or HTML; a code span may start a line, a fence not.
    if word.starts_with(['#', '>', '|', '<']) || word.starts_with("```") || word.starts_with("~~~")
    {
        return true;
    }
    // `1.` or `2)`, not `0.01`.
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "." | ")")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Span;

    #[test]
    fn long_doc_lines_wrap_at_spaces_within_the_width() {
        let text = format!(
            "{}\n\n- {}",
            "word ".repeat(40).trim(),
            "item ".repeat(40).trim()
        );
        let lines = doc_lines(&text, 4);
        assert!(lines.iter().all(|l| l.len() <= WIDTH - 8), "{lines:#?}");
        assert_eq!(lines.join(" ").split_whitespace().count(), 81);
        // List continuation lines stay inside the item.
        let item = lines.iter().position(|l| l.starts_with("- ")).unwrap();
        assert!(lines[item + 1].starts_with("  item"), "{lines:#?}");
    }

    #[test]
    fn a_line_never_starts_with_a_word_that_opens_a_block() {
        let text = format!("{} - 1. 2) # > == ``` x", "a".repeat(91));
        let lines = doc_lines(&text, 4);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(
            lines[1..]
                .iter()
                .all(|l| !starts_block(l.split(' ').next().unwrap())),
            "{lines:#?}"
        );
    }

    #[test]
    fn pairs_call_text_is_the_tokens_laid_out_one_pair_per_line() {
        let call = PairsCall {
            kind: PairsMacro::StructSerde,
            name: Ident::new("User", Span::call_site()),
            pairs: vec![
                Pair {
                    gate: None,
                    ident: Ident::new_raw("type", Span::call_site()),
                    wire: "type".into(),
                },
                Pair {
                    gate: Some("mail".into()),
                    ident: Ident::new("messages", Span::call_site()),
                    wire: "a\"b".into(),
                },
            ],
        };
        let text = call.text();
        assert!(text.contains("\n    r#type = \"type\",\n"), "{text}");
        assert!(!starts_block("0.01") && starts_block("1.") && starts_block("2)"));
        assert!(!starts_block("=Sheet1!A1") && !starts_block("-1") && starts_block("---"));
        assert!(
            text.contains("    #[cfg(feature = \"mail\")]\n    messages = \"a\\\"b\",\n"),
            "{text}"
        );
        let parsed: TokenStream = text.parse().expect("tokenizes");
        assert_eq!(parsed.to_string(), call.tokens().to_string());
        syn::parse_str::<syn::File>(&text).expect("parses as Rust");
    }
}
