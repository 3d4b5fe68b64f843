//! Finished blocks → the page model: tables (classified by their headings and header
//! row), fenced code blocks with the annotation in front of them, and HTML comments
//! (annotations, and comments that never close).

use serde_json::Value;

use super::{CodeBuf, TableBuf, Walker, classify, count_cells, http, lenient_json};
use crate::diagnostics::{Code, Diagnostic, Origin};
use crate::page::{Annotation, FencedBlock, JsonParse, Row, Table, TableKind};

impl Walker<'_> {
    /// A row with more or fewer cells than its header.
    fn ragged_row(&mut self, line: u32, n: usize, columns: usize) {
        let what = if n > columns {
            "more cells than the header; the extra text after an unescaped `|` is lost"
        } else {
            "fewer cells than the header; the missing cells are read as empty"
        };
        self.diags.push(Diagnostic::new(
            Code::TableRagged,
            &Origin::new(&self.file, line),
            format!("row has {n} cells but the header has {columns}: {what}"),
        ));
    }

    pub(super) fn table_done(&mut self, t: TableBuf) {
        let columns: Vec<String> = t.header.iter().map(|c| c.text.clone()).collect();
        let headings = self.heading_path();
        let kind = classify::classify(&headings, &columns);
        let origin = self.origin(t.start);
        // A stray `|` at the header's end makes an empty column that no row fills:
        // one report at the header, and rows without it are complete.
        let stray = columns.iter().rev().take_while(|c| c.is_empty()).count();
        let stray = if stray < columns.len() { stray } else { 0 };
        if stray > 0 && !kind.is_ignored() {
            self.diags.report(
                Code::TableRagged,
                &origin,
                format!("the header ends with {stray} empty column(s) (a stray `|`); remove it, rows with {} cells are read as complete", columns.len() - stray),
            );
        }
        let mut rows = Vec::with_capacity(t.rows.len());
        for (start, cells) in t.rows {
            let line = self.index.line(start);
            let raw_line = self.text[start..].lines().next().unwrap_or("");
            let n = count_cells(raw_line);
            let complete = n == columns.len() || (stray > 0 && n == columns.len() - stray);
            if !complete && !kind.is_ignored() {
                self.ragged_row(line, n, columns.len());
            }
            rows.push(Row {
                origin: Origin::new(&self.file, line),
                cells,
            });
        }
        if rows.is_empty() && !kind.is_ignored() {
            self.diags.report(
                Code::TableEmpty,
                &origin,
                "the table has a header but no rows",
            );
        }
        if kind == TableKind::Unknown {
            let heading = headings.last().cloned().unwrap_or_default();
            self.diags.report(
                Code::TableUnknownHeading,
                &origin,
                format!("a `{}` table under the heading `{heading}` is not a Properties, Relationships, Request body or Parameters table, so it is not used", columns.join("|")),
            );
        }
        self.page.tables.push(Table {
            origin,
            kind,
            headings,
            columns,
            rows,
        });
    }

    pub(super) fn code_done(&mut self, code: CodeBuf, range: std::ops::Range<usize>) {
        let CodeBuf {
            start,
            lang,
            mut content,
        } = code;
        let raw = &self.text[range.clone()];
        let fence_line = self.index.line(start);
        let first = raw.lines().next().unwrap_or("").trim_start();
        let fence_char = first.chars().next().filter(|c| *c == '`' || *c == '~');
        if let Some(ch) = fence_char {
            let run = first.chars().take_while(|c| *c == ch).count();
            let last = raw.trim_end().lines().last().unwrap_or("").trim();
            // A fence line with an info string inside the block is the next block's
            // opening fence: this one was never closed and swallowed what came between.
            let fence: String = std::iter::repeat_n(ch, run).collect();
            let swallowed_fence = content.lines().any(|l| {
                let t = l.trim_start();
                t.starts_with(&fence)
                    && t[fence.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic())
            });
            let closed = raw.trim_end().lines().count() > 1
                && last.chars().take_while(|c| *c == ch).count() >= run
                && last.chars().all(|c| c == ch)
                && !swallowed_fence;
            if !closed {
                // Recover: the fence ends where a heading or an annotation starts.
                let cut = content.match_indices('\n').map(|(i, _)| i + 1).find(|&i| {
                    let rest = &content[i..];
                    rest.starts_with('#')
                        || rest.starts_with("<!--")
                        || rest.starts_with(&fence)
                            && rest[fence.len()..].starts_with(char::is_alphabetic)
                });
                let msg = match cut {
                    Some(_) => {
                        "code fence is never closed; it was read as ending before the next heading or annotation"
                    }
                    None => "code fence is never closed; it runs to the end of the page",
                };
                self.report(Code::FenceUnclosed, start, msg);
                if let Some(cut) = cut {
                    let content_start = self.index.line_start(fence_line + 1);
                    self.resume_at = Some(content_start + cut);
                    content.truncate(cut);
                }
            }
        }
        let annotation = self.pending.take();
        let body = http::parse_block(&content, &lang, annotation.as_ref());
        let headings = self.heading_path();
        // Under `## HTTP request`, or a subheading of it (`### Get the photo`).
        let in_http_request = headings.iter().any(|h| {
            h.get(..12)
                .is_some_and(|w| w.eq_ignore_ascii_case("http request"))
        });
        let templates = in_http_request.then(|| http::request_lines(&content));
        let block = FencedBlock {
            origin: Origin::new(&self.file, fence_line),
            lang,
            content,
            // A fence opened on the page's last line has no content line: diagnostics
            // about its (empty) content point at the fence, never past the page.
            content_line: (fence_line + 1).min(self.index.last_line()),
            annotation,
            headings,
            body,
            templates,
        };
        self.page.blocks.push(block);
    }

    pub(super) fn html_done(&mut self, start: usize, end: usize) {
        let raw = &self.text[start..end];
        let Some(open) = raw.find("<!--") else {
            return;
        };
        let after = &raw[open + 4..];
        let Some(close) = after.find("-->") else {
            self.report(Code::CommentUnclosed, start + open, "HTML comment is never closed; the rest of the page was read as if it ended on this line");
            let next_line = self.index.line(start + open) + 1;
            if (next_line as usize) <= self.index.starts.len() {
                self.resume_at = Some(self.index.line_start(next_line));
            }
            return;
        };
        let body = after[..close].trim();
        if !(body.starts_with('{') || body.contains("blockType")) {
            return;
        }
        let body_offset = start + open + 4 + (after.len() - after.trim_start().len());
        let origin = self.origin(start + open);
        let (value, lenient) = match lenient_json::parse(body) {
            JsonParse::Strict(value) => (value, None),
            JsonParse::Lenient {
                value,
                strict_error,
            } => (value, Some(strict_error)),
            JsonParse::Invalid(err) => {
                let line = self.index.line(body_offset) + err.line - 1;
                let d = Diagnostic::new(
                    Code::AnnotationInvalid,
                    &Origin::new(&self.file, line),
                    format!("annotation JSON cannot be read: {}", err.message),
                );
                self.diags.push(d.at_column(err.column));
                return;
            }
        };
        match value {
            Value::Object(fields) => {
                if let Some(err) = lenient {
                    let line = self.index.line(body_offset) + err.line - 1;
                    let d = Diagnostic::new(
                        Code::AnnotationLenient,
                        &Origin::new(&self.file, line),
                        format!(
                            "annotation is not strict JSON ({}); read leniently",
                            err.message
                        ),
                    );
                    self.diags.push(d.at_column(err.column));
                }
                let annotation = Annotation { origin, fields };
                if annotation.str_field("type") == Some("#page.annotation") {
                    return;
                }
                if let Some(prev) = self.pending.replace(annotation) {
                    self.diags.report(
                        Code::AnnotationUnattached,
                        &prev.origin,
                        "annotation is followed by another annotation, so nothing reads it",
                    );
                }
            }
            _ => {
                self.diags.report(
                    Code::AnnotationInvalid,
                    &origin,
                    "annotation is JSON but not an object",
                );
            }
        }
    }
}
