//! The page reader: one pass over pulldown-cmark's events (with source offsets) turns a
//! markdown page into a [`Page`]. It reports what it cannot read and never panics.

mod blocks;
mod classify;
mod frontmatter;
pub mod http;
pub mod lenient_json;
mod namespace;
mod normalize;

use std::sync::Arc;

pub use classify::enum_heading;
pub use namespace::declared_namespace;
use namespace::namespace_line_value;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
use crate::page::{
    Annotation, Cell, Contract, IncludeDirective, Link, Located, Page, Paragraph, SectionProse,
};

/// Reads one page. `file` is the path relative to the docs root.
pub fn read_page(file: Arc<str>, bytes: &[u8]) -> (Page, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut page = Page {
        file: file.clone(),
        title: None,
        description: None,
        doc_type: None,
        workload: None,
        namespace: None,
        h1: None,
        intro: Vec::new(),
        tables: Vec::new(),
        blocks: Vec::new(),
        contract_prose: Vec::new(),
        includes: Vec::new(),
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u32
                + 1;
            diags.report(
                Code::ReadFailed,
                &Origin::new(&file, line),
                format!("not UTF-8 text: {e}"),
            );
            return (page, diags);
        }
    };
    if text.trim().is_empty() {
        diags.report(Code::EmptyPage, &Origin::new(&file, 1), "the page is empty");
        return (page, diags);
    }
    let text = normalize::invisible(text, &file, &mut diags);
    let text = normalize::delimiter_tabs(text, &file, &mut diags);
    let mut walker = Walker::new(&file, &text, &mut page, &mut diags);
    let body = walker.frontmatter();
    walker.walk(body);
    walker.finish();
    (page, diags)
}

/// Byte offset → 1-based line and column.
struct LineIndex {
    starts: Vec<usize>,
    /// The page's last line (a final line break opens no line).
    last: u32,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let last = text.lines().count().max(1) as u32;
        LineIndex { starts, last }
    }

    fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|s| *s <= offset) as u32
    }

    fn column(&self, offset: usize) -> u32 {
        let line = self.line(offset) as usize;
        (offset - self.starts[line - 1]) as u32 + 1
    }

    fn last_line(&self) -> u32 {
        self.last
    }

    fn line_start(&self, line: u32) -> usize {
        self.starts.get(line as usize - 1).copied().unwrap_or(0)
    }
}

#[derive(Default)]
struct CellBuf {
    cell: Cell,
    links: Vec<(String, usize)>,
}

struct TableBuf {
    start: usize,
    header: Vec<Cell>,
    rows: Vec<(usize, Vec<Cell>)>,
    row: Vec<Cell>,
    row_start: usize,
    cell: Option<CellBuf>,
}

struct TextBuf {
    start: usize,
    text: String,
    links: Vec<Link>,
    open_link: Option<(String, usize)>,
}

/// A fenced block being read: where it starts, its language, its text so far.
struct CodeBuf {
    start: usize,
    lang: String,
    content: String,
}

struct Walker<'a> {
    file: Arc<str>,
    text: &'a str,
    index: LineIndex,
    page: &'a mut Page,
    diags: &'a mut Diagnostics,
    headings: Vec<(HeadingLevel, String)>,
    heading: Option<(HeadingLevel, TextBuf)>,
    paragraph: Option<TextBuf>,
    table: Option<TableBuf>,
    code: Option<CodeBuf>,
    html: Option<usize>,
    pending: Option<Annotation>,
    seen_h2: bool,
    resume_at: Option<usize>,
}

impl<'a> Walker<'a> {
    fn new(file: &Arc<str>, text: &'a str, page: &'a mut Page, diags: &'a mut Diagnostics) -> Self {
        Walker {
            file: file.clone(),
            text,
            index: LineIndex::new(text),
            page,
            diags,
            headings: Vec::new(),
            heading: None,
            paragraph: None,
            table: None,
            code: None,
            html: None,
            pending: None,
            seen_h2: false,
            resume_at: None,
        }
    }

    fn origin(&self, offset: usize) -> Origin {
        Origin::new(&self.file, self.index.line(offset))
    }

    fn report(&mut self, code: Code, offset: usize, msg: impl Into<String>) {
        let d =
            Diagnostic::new(code, &self.origin(offset), msg).at_column(self.index.column(offset));
        self.diags.push(d);
    }

    fn heading_path(&self) -> Vec<String> {
        self.headings.iter().map(|(_, t)| t.clone()).collect()
    }

    /// Walks the text from `start`; an unclosed fence or comment makes it walk the rest
    /// again from the line after the point of failure.
    fn walk(&mut self, start: usize) {
        let mut start = start;
        loop {
            let opts = Options::ENABLE_TABLES;
            let slice = &self.text[start..];
            let parser = Parser::new_ext(slice, opts).into_offset_iter();
            for (event, range) in parser {
                let range = range.start + start..range.end + start;
                self.event(event, range);
                if self.resume_at.is_some() {
                    break;
                }
            }
            match self.resume_at.take() {
                Some(next) if next > start && next < self.text.len() => {
                    self.heading = None;
                    self.paragraph = None;
                    self.table = None;
                    self.code = None;
                    self.html = None;
                    start = next;
                }
                _ => break,
            }
        }
    }

    /// Reads the YAML frontmatter between the `---` lines at the top of the page and
    /// returns the offset where the markdown body starts.
    fn frontmatter(&mut self) -> usize {
        let Some(rest) = self
            .text
            .strip_prefix("---\n")
            .or_else(|| self.text.strip_prefix("---\r\n"))
        else {
            return 0;
        };
        let open = self.text.len() - rest.len();
        let close = rest.match_indices('\n').map(|(i, _)| i + 1).find(|&i| {
            let line = rest[i..].lines().next().unwrap_or("").trim_end();
            line == "---" || line == "..."
        });
        let Some(close) = close else {
            let o = Origin::new(&self.file, 1);
            self.diags.report(Code::FrontmatterInvalid, &o, "the frontmatter's opening `---` has no closing `---`; the page is read as markdown");
            return 0;
        };
        let body = &rest[..close];
        let fm = frontmatter::parse(body, &self.file, 2, self.diags);
        self.page.title = fm.title;
        self.page.description = fm.description;
        self.page.doc_type = fm.doc_type;
        self.page.workload = fm.workload;
        let after = open + close;
        after
            + self.text[after..]
                .find('\n')
                .map_or(self.text.len() - after, |i| i + 1)
    }

    fn finish(&mut self) {
        if self.page.title.is_none()
            && self.page.doc_type.is_none()
            && !self.text.starts_with("---")
        {
            let o = Origin::new(&self.file, 1);
            self.diags.report(
                Code::FrontmatterMissing,
                &o,
                "no YAML frontmatter at the top of the page",
            );
        }
        if let Some(a) = self.pending.take() {
            self.diags.report(
                Code::AnnotationUnattached,
                &a.origin,
                "annotation at the end of the page describes nothing",
            );
        }
    }

    /// A block-level element other than a fence starts: a pending annotation is orphaned.
    fn block_starts(&mut self, is_fence: bool) {
        if !is_fence && let Some(a) = self.pending.take() {
            self.diags.report(
                Code::AnnotationUnattached,
                &a.origin,
                "annotation is not followed by a code fence, so nothing reads it",
            );
        }
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(t) => self.text_event(&t, false),
            Event::Code(t) => self.text_event(&t, true),
            Event::SoftBreak | Event::HardBreak => self.text_event(" ", false),
            Event::InlineHtml(h) if h.trim_start().starts_with("<br") => {
                self.text_event(" ", false)
            }
            _ => {}
        }
    }

    fn text_event(&mut self, t: &str, is_code: bool) {
        if let Some(code) = &mut self.code {
            code.content.push_str(t);
        } else if let Some(table) = &mut self.table {
            if let Some(cell) = &mut table.cell {
                cell.cell.text.push_str(t);
                if is_code {
                    cell.cell.code.push(t.to_string());
                }
            }
        } else if let Some((_, buf)) = &mut self.heading {
            buf.text.push_str(t);
        } else if let Some(buf) = &mut self.paragraph {
            buf.text.push_str(t);
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.block_starts(false);
                self.heading = Some((level, text_buf(range.start)));
            }
            // A pending annotation may describe an include directive: decided when the
            // paragraph ends.
            Tag::Paragraph if self.table.is_none() && self.heading.is_none() => {
                self.paragraph = Some(text_buf(range.start));
            }
            Tag::Table(_) => {
                self.block_starts(false);
                self.paragraph = None;
                self.table = Some(TableBuf {
                    start: range.start,
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    row_start: range.start,
                    cell: None,
                });
            }
            Tag::TableRow | Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.row.clear();
                    t.row_start = range.start;
                }
            }
            Tag::TableCell => {
                if let Some(t) = &mut self.table {
                    let raw = self.text[range].trim().to_string();
                    t.cell = Some(CellBuf {
                        cell: Cell {
                            raw,
                            ..Cell::default()
                        },
                        links: Vec::new(),
                    });
                }
            }
            Tag::Link { dest_url, .. } => {
                if let Some(t) = &mut self.table
                    && let Some(cell) = &mut t.cell
                {
                    cell.links
                        .push((dest_url.to_string(), cell.cell.text.len()));
                } else if let Some(p) = &mut self.paragraph {
                    p.open_link = Some((dest_url.to_string(), p.text.len()));
                }
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.block_starts(true);
                self.paragraph = None;
                self.code = Some(CodeBuf {
                    start: range.start,
                    lang,
                    content: String::new(),
                });
            }
            Tag::HtmlBlock => {
                self.html = Some(range.start);
            }
            Tag::List(_) | Tag::BlockQuote(_) => self.block_starts(false),
            // Tight list items have no paragraph of their own; under a query parameters
            // section they say what the section says ("- You can use `$select` …").
            Tag::Item if self.paragraph.is_none() && self.in_section(Contract::QueryParameters) => {
                self.paragraph = Some(text_buf(range.start));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: std::ops::Range<usize>) {
        match tag {
            TagEnd::Heading(level) => {
                // `# [HTTP](#tab/http)` selects a code tab on the docs site; it is not a
                // section, and as an H1 it would end the section it sits in.
                let tab = self
                    .text
                    .get(range.clone())
                    .is_some_and(|raw| raw.contains("](#tab/"));
                if let Some((_, buf)) = self.heading.take().filter(|_| !tab) {
                    let title = buf.text.trim().to_string();
                    while self.headings.last().is_some_and(|(l, _)| *l >= level) {
                        self.headings.pop();
                    }
                    if level == HeadingLevel::H1 && self.page.h1.is_none() {
                        self.page.h1 = Some(Located {
                            value: title.clone(),
                            origin: self.origin(buf.start),
                        });
                    }
                    if level >= HeadingLevel::H2 {
                        self.seen_h2 = true;
                    }
                    self.headings.push((level, title));
                }
            }
            TagEnd::Link => self.end_link(),
            TagEnd::Item if self.in_section(Contract::QueryParameters) => {
                if let Some(p) = self.paragraph.take() {
                    self.paragraph_done(p, range);
                }
            }
            TagEnd::Paragraph => {
                if let Some(p) = self.paragraph.take() {
                    self.paragraph_done(p, range);
                }
            }
            TagEnd::TableCell => {
                if let Some(t) = &mut self.table
                    && let Some(mut c) = t.cell.take()
                {
                    c.cell.text = c.cell.text.trim().to_string();
                    t.row.push(c.cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push((t.row_start, row));
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.table_done(t);
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.code_done(code, range);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(start) = self.html.take() {
                    self.html_done(start, range.end);
                }
            }
            _ => {}
        }
    }

    fn end_link(&mut self) {
        if let Some(t) = &mut self.table
            && let Some(cell) = &mut t.cell
        {
            if let Some((dest, at)) = cell.links.pop() {
                let text = cell.cell.text.get(at..).unwrap_or("").trim().to_string();
                cell.cell.links.push(Link { text, dest });
            }
        } else if let Some(p) = &mut self.paragraph
            && let Some((dest, at)) = p.open_link.take()
        {
            let text = p.text.get(at..).unwrap_or("").trim().to_string();
            p.links.push(Link { text, dest });
        }
    }

    fn in_section(&self, section: Contract) -> bool {
        self.headings.last().and_then(|(_, h)| section_of(h)) == Some(section)
    }

    fn paragraph_done(&mut self, p: TextBuf, range: std::ops::Range<usize>) {
        let raw = &self.text[range.clone()];
        if raw.trim_start().starts_with("[!INCLUDE") && !p.links.is_empty() {
            let link = &p.links[0];
            self.page.includes.push(IncludeDirective {
                name: link.text.clone(),
                path: link.dest.clone(),
                headings: self.heading_path(),
                annotation: self.pending.take(),
                origin: self.origin(range.start),
            });
        } else {
            self.block_starts(false);
        }
        let mut pipe_lines = 0;
        for (line_no, line) in (self.index.line(range.start)..).zip(raw.lines()) {
            if let Some(value) = namespace_line_value(line) {
                self.namespace_line(value, line_no);
            }
            if line.trim_start().starts_with('|') {
                pipe_lines += 1;
            }
        }
        if pipe_lines >= 2 {
            self.report(
                Code::TableNotRendered,
                range.start,
                "these lines look like a pipe table but markdown does not render them as one (the delimiter row must have as many cells as the header)",
            );
        }
        let section = self.headings.last().and_then(|(_, h)| section_of(h));
        let paragraph = Paragraph {
            text: p.text,
            links: p.links,
            origin: self.origin(range.start),
        };
        match section {
            Some(section) => {
                // A Response or Request body heading that is an H1: the paragraph is both.
                if !self.seen_h2 {
                    self.page.intro.push(paragraph.clone());
                }
                self.page.contract_prose.push(SectionProse {
                    section,
                    text: paragraph.text,
                    links: paragraph.links,
                    origin: paragraph.origin,
                });
            }
            None if !self.seen_h2 => self.page.intro.push(paragraph),
            None => {}
        }
    }
}

/// The contract a section heading names, if any.
fn section_of(heading: &str) -> Option<Contract> {
    let h = heading.trim().to_ascii_lowercase();
    match h.as_str() {
        "response" => Some(Contract::Response),
        "request body" => Some(Contract::RequestBody),
        "permissions" => Some(Contract::Permissions),
        _ if h.contains("query parameter") => Some(Contract::QueryParameters),
        _ => None,
    }
}

fn text_buf(start: usize) -> TextBuf {
    TextBuf {
        start,
        text: String::new(),
        links: Vec::new(),
        open_link: None,
    }
}

/// Counts cells the GitHub way: every unescaped `|` splits, even inside backticks.
fn count_cells(line: &str) -> usize {
    let t = line.trim();
    let mut n = 1;
    let mut escaped = false;
    for c in t.chars() {
        if c == '|' && !escaped {
            n += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    if t.starts_with('|') {
        n -= 1;
    }
    if t.len() > 1 && t.ends_with('|') && !t.ends_with("\\|") {
        n -= 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_counted_the_github_way() {
        assert_eq!(count_cells("|a|b|c|"), 3);
        assert_eq!(count_cells("a|b|c"), 3);
        assert_eq!(count_cells("|a|`x|y`|c|"), 4);
        assert_eq!(count_cells("|a|b \\| c|"), 2);
    }

    #[test]
    fn a_fence_on_the_last_line_has_no_content_line_past_the_page() {
        let (page, _) = read("# x\n\n```json\n");
        let block = page.blocks.first().expect("the unclosed block");
        assert_eq!(block.content_line, 3);
    }

    fn read(text: &str) -> (Page, Vec<Diagnostic>) {
        let (page, diags) = read_page(Arc::from("api/x.md"), text.as_bytes());
        (page, diags.into_sorted())
    }

    #[test]
    fn an_annotated_include_directive_is_exposed_not_orphaned() {
        let (page, diags) = read(
            "---\ntitle: T\n---\n# T\n\n## Permissions\n\n<!-- { \"blockType\": \"permissions\", \"name\": \"x\" } -->\n[!INCLUDE [permissions-table](../includes/permissions/x.md)]\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let inc = &page.includes[0];
        assert_eq!(inc.name, "permissions-table");
        assert_eq!(inc.path, "../includes/permissions/x.md");
        assert_eq!(inc.headings, ["T", "Permissions"]);
        assert_eq!(inc.origin.line, 9);
        assert_eq!(
            inc.annotation.as_ref().and_then(|a| a.block_type()),
            Some("permissions")
        );
        // An annotation before an ordinary paragraph still describes nothing.
        let (_, diags) = read("# T\n\n<!-- { \"blockType\": \"request\" } -->\nSome text.\n");
        assert!(diags.iter().any(|d| d.code == "G0303" && d.line == 3));
    }

    #[test]
    fn query_sections_keep_paragraphs_and_list_items() {
        let (page, _) = read(
            "# T\n\n## Optional query parameters\n\nSupports some.\n\n- You can use `$select`.\n- Not `$expand`.\n\n## Other\n\n- ignored\n",
        );
        let texts: Vec<_> = page
            .contract_prose
            .iter()
            .filter(|p| p.section == Contract::QueryParameters)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            texts,
            ["Supports some.", "You can use $select.", "Not $expand."]
        );
    }

    #[test]
    fn line_index() {
        let idx = LineIndex::new("ab\ncd\n");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(3), 2);
        assert_eq!(idx.column(4), 2);
    }
}
