//! Descriptions (markdown as the docs write it) → rustdoc text that `cargo doc` accepts
//! without warnings: relative links made absolute, HTML dropped, brackets escaped.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const LEARN: &str = "https://learn.microsoft.com";

/// Converts a description to doc-comment markdown.
pub fn doc_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut link: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) => push_text(&mut out, &t),
            Event::Code(c) => {
                let fence = if c.contains('`') { "`` " } else { "`" };
                let close = if c.contains('`') { " ``" } else { "`" };
                out.push_str(fence);
                out.push_str(&c.replace('\t', " "));
                out.push_str(close);
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = absolute_url(&dest_url);
                if link.is_some() {
                    out.push('[');
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(url) = link.take() {
                    out.push_str("](");
                    out.push_str(&url);
                    out.push(')');
                }
            }
            Event::Start(Tag::Paragraph) if !out.is_empty() => out.push_str("\n\n"),
            Event::Start(Tag::Item) => out.push_str("\n- "),
            Event::InlineHtml(h) | Event::Html(h) if h.trim_start().starts_with("<br") => {
                out.push(' ')
            }
            _ => {}
        }
    }
    let collapsed: Vec<&str> = out.split(' ').filter(|s| !s.is_empty()).collect();
    collapsed.join(" ").replace(" \n", "\n").trim().to_string()
}

/// Escapes what rustdoc would read as markup or HTML; bare URLs become autolinks.
fn push_text(out: &mut String, text: &str) {
    let text = text.replace('\t', " ");
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if let Some(at) = word.find("https://").or_else(|| word.find("http://")) {
            let rest = &word[at..];
            let end = rest
                .find(['"', '\'', ')', ']', '>', '<', ',', ';', '`'])
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches('.');
            escape_into(out, &word[..at]);
            out.push('<');
            out.push_str(url);
            out.push('>');
            escape_into(out, &rest[url.len()..]);
            continue;
        }
        escape_into(out, word);
    }
}

fn escape_into(out: &mut String, word: &str) {
    for c in word.chars() {
        if matches!(
            c,
            '[' | ']' | '<' | '>' | '*' | '`' | '\\' | '_' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Where a link in the docs points, as an absolute URL; `None` for links that lead nowhere
/// useful (anchors on the same page).
fn absolute_url(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.starts_with("http://") || dest.starts_with("https://") {
        return Some(dest.to_string());
    }
    if dest.is_empty() || dest.starts_with('#') {
        return None;
    }
    if dest.starts_with('/') {
        return Some(format!("{LEARN}{dest}"));
    }
    // `../resources/user.md`, `user.md`, `../api/user-get.md#example`
    let (path, anchor) = dest.split_once('#').map_or((dest, ""), |(p, a)| (p, a));
    let stem = path.rsplit('/').next()?.trim_end_matches(".md");
    if stem.is_empty()
        || !stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return None;
    }
    let folder = if path.contains("/api/") || path.starts_with("api/") {
        "api"
    } else if path.contains("/resources/") || !path.contains('/') {
        "resources"
    } else {
        return None;
    };
    let mut url = format!("{LEARN}/graph/api/{folder}/{}", stem.to_ascii_lowercase());
    if !anchor.is_empty() {
        url.push('#');
        url.push_str(anchor);
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute() {
        assert_eq!(
            doc_text("See [user](../resources/user.md)."),
            "See [user](https://learn.microsoft.com/graph/api/resources/user)."
        );
        assert_eq!(
            doc_text("See [p](/graph/permissions-reference)."),
            "See [p](https://learn.microsoft.com/graph/permissions-reference)."
        );
        assert_eq!(doc_text("See [x](#x-values)."), "See x.");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(doc_text("a <= b and [c]"), "a \\<= b and \\[c\\]");
        assert_eq!(doc_text("line<br>next"), "line next");
        assert_eq!(doc_text("Use `id`. **Bold**"), "Use `id`. Bold");
        assert_eq!(
            doc_text("Go to https://x.example/a."),
            "Go to <https://x.example/a>."
        );
    }
}
