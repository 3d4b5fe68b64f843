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

/// Names Rust cannot take as they are: no namespace, hyphens, keywords, case-folding
/// twins, non-ASCII, a leading digit, empty segments, over-long.
pub const BAD_NAMES: &[&str] = &[
    "call-transfer",
    "microsoft.graph.call-transfer",
    "#microsoft.graph.Ünïcode",
    "microsoft.graph.",
    ".user",
    "microsoft..graph.user",
    "microsoft.graph.self",
    "microsoft.graph.Self",
    "microsoft.graph.crate",
    "microsoft.graph.type",
    "microsoft.graph.USER",
    "microsoft.graph.1st",
    "microsoft.graph.entity.entity",
    "microsoft.graph.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "",
];

/// Where a name is written: annotation values (`@odata.type`, `baseType`,
/// `keyProperty`), `Namespace:` lines and headings (a title names the page's type).
const NAME_SITES: &[&str] = &[
    "\"@odata.type\": \"",
    "\"@odata.type\":\"",
    "\"baseType\": \"",
    "\"keyProperty\": \"",
    "Namespace: ",
    "# ",
];

/// Replaces the name written at the `pick`-th name site of `text` (counted over all
/// sites, modulo their number) by `bad`, up to the closing quote or the end of the
/// word. `None` when the page has no name site.
pub fn damage_name(text: &str, pick: usize, bad: &str) -> Option<String> {
    let mut sites: Vec<usize> = NAME_SITES
        .iter()
        .flat_map(|s| text.match_indices(s).map(|(i, _)| i + s.len()))
        .collect();
    if sites.is_empty() {
        return None;
    }
    sites.sort_unstable();
    let start = sites[pick % sites.len()];
    let end = text[start..]
        .find(['"', ' ', '\n', '\r', '|'])
        .map_or(text.len(), |e| start + e);
    let mut out = text.to_string();
    out.replace_range(start..end, bad);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_site_gets_the_bad_name() {
        let page = "# user resource type\n\nNamespace: microsoft.graph\n<!-- { \"@odata.type\": \"microsoft.graph.user\" } -->\n";
        let annotation = damage_name(page, 2, "call-transfer").unwrap();
        assert!(
            annotation.contains("\"@odata.type\": \"call-transfer\" }"),
            "{annotation}"
        );
        let heading = damage_name(page, 0, "Self").unwrap();
        assert!(heading.starts_with("# Self resource type"), "{heading}");
        let namespace = damage_name(page, 4, "").unwrap();
        assert!(
            namespace.contains("Namespace: \n"),
            "sites wrap around: {namespace}"
        );
        assert_eq!(damage_name("no names here", 0, "x"), None);
    }
}
