//! Link checks for docs pull requests: relative links to pages the tree does not have,
//! and `#anchors` that match no heading, each with a suggestion when a page or heading
//! matches ignoring letter case. Links that leave the tree (includes, concepts, other
//! sites) cannot be checked and are skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Code, Diagnostic, Origin};
use crate::pipeline::SourceFile;

/// One page's links (line, destination) and heading anchors.
struct PageLinks {
    /// Line, column and destination of each link.
    links: Vec<(u32, u32, String)>,
    anchors: BTreeSet<String>,
}

/// Every broken link and anchor of the tree.
pub fn check_links(files: &[SourceFile]) -> Vec<Diagnostic> {
    let pages: BTreeMap<&str, PageLinks> = files
        .iter()
        .filter_map(|f| Some((&*f.path, read(std::str::from_utf8(&f.bytes).ok()?))))
        .collect();
    let folders: BTreeSet<&str> = pages
        .keys()
        .filter_map(|p| p.split_once('/').map(|(d, _)| d))
        .collect();
    let mut out = Vec::new();
    for f in files {
        let Some(page) = pages.get(&*f.path) else {
            continue;
        };
        for (line, column, dest) in &page.links {
            let at = Origin::new(&f.path, *line);
            if let Some(d) = check_one(&f.path, dest, &pages, &folders, &at) {
                out.push(d.at_column(*column));
            }
        }
    }
    out
}

fn check_one(
    file: &Arc<str>,
    dest: &str,
    pages: &BTreeMap<&str, PageLinks>,
    folders: &BTreeSet<&str>,
    at: &Origin,
) -> Option<Diagnostic> {
    if dest.contains(':') || dest.starts_with('/') || dest.is_empty() {
        return None;
    }
    let (path, anchor) = dest
        .split_once('#')
        .map_or((dest, None), |(p, a)| (p, Some(a)));
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        file.to_string()
    } else {
        if !path.ends_with(".md") {
            return None;
        }
        let resolved = resolve(file, path)?;
        let top = resolved.split_once('/').map(|(d, _)| d)?;
        if !folders.contains(top) {
            return None;
        }
        resolved
    };
    let Some(page) = pages.get(target.as_str()) else {
        let hint = pages
            .keys()
            .find(|p| p.eq_ignore_ascii_case(&target))
            .map(|p| format!("; did you mean `{}`?", relative_hint(path, p)))
            .unwrap_or_default();
        return Some(Diagnostic::new(
            Code::LinkBroken,
            at,
            format!("link `{dest}` points to `{target}`, which is not in the docs tree{hint}"),
        ));
    };
    let anchor = anchor.filter(|a| !a.is_empty() && !a.starts_with("tab/"))?;
    if page.anchors.contains(anchor) {
        return None;
    }
    let hint = page
        .anchors
        .iter()
        .find(|h| h.eq_ignore_ascii_case(anchor))
        .map(|h| format!("; did you mean `#{h}`?"))
        .unwrap_or_default();
    Some(Diagnostic::new(
        Code::AnchorBroken,
        at,
        format!("link `{dest}`: `{target}` has no heading with the anchor `#{anchor}`{hint}"),
    ))
}

/// The suggested link: the written path with its last part spelled as the real file.
fn relative_hint(written: &str, real: &str) -> String {
    let name = real.rsplit('/').next().unwrap_or(real);
    match written.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_string(),
    }
}

/// `path` relative to the folder of `file`, normalized; `None` when it leaves the tree.
fn resolve(file: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Links with their lines, and the anchors of the page's headings.
fn read(text: &str) -> PageLinks {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line = |offset: usize| starts.partition_point(|s| *s <= offset) as u32;
    let mut links = Vec::new();
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    // A repeated heading gets `-1`, `-2`, … as on the docs site.
                    let base = slug(&h);
                    let n = seen.entry(base.clone()).or_insert(0usize);
                    anchors.insert(if *n == 0 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    });
                    *n += 1;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let l = line(range.start);
                let column = (range.start - starts[l as usize - 1]) as u32 + 1;
                links.push((l, column, dest_url.to_string()));
            }
            _ => {}
        }
    }
    PageLinks { links, anchors }
}

/// A heading's anchor as docs sites make it: lower case, spaces to `-`, punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: Arc::from(path),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn missing_pages_and_anchors_with_suggestions() {
        let files = [
            file(
                "api/a.md",
                "# A\n\n[b](../resources/B.md) [c](../resources/c.md) [x](../includes/x.md)\n\
                 [h](../resources/b.md#Status-values) [n](../resources/b.md#nope) [t](#tab/http)\n\
                 [self](#a) [web](https://example.com) [again](#request-1)\n\n## Request\n\n## Request\n",
            ),
            file("resources/b.md", "# b resource type\n\n### status values\n"),
        ];
        let d: Vec<String> = check_links(&files)
            .iter()
            .map(|d| format!("{} {} {}", d.line, d.code, d.message))
            .collect();
        assert_eq!(check_links(&files)[1].column, 24, "the link's own column");
        assert_eq!(
            d,
            [
                "3 G0409 link `../resources/B.md` points to `resources/B.md`, which is not in the docs tree; did you mean `../resources/b.md`?",
                "3 G0409 link `../resources/c.md` points to `resources/c.md`, which is not in the docs tree",
                "4 G0410 link `../resources/b.md#Status-values`: `resources/b.md` has no heading with the anchor `#Status-values`; did you mean `#status-values`?",
                "4 G0410 link `../resources/b.md#nope`: `resources/b.md` has no heading with the anchor `#nope`",
            ]
        );
    }
}
