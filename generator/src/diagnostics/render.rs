//! Rendering diagnostics for people (rustc style, via annotate-snippets) and tools (JSON lines).

use std::collections::HashMap;
use std::fmt::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Code, Diagnostic, Severity, count_by_code};

/// Renders diagnostics the way rustc does, quoting the offending line when the source is known.
pub fn render_human(diags: &[Diagnostic], sources: &HashMap<&str, &str>, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = format!("[{}] {}", d.code, d.message);
        let line_text = sources
            .get(&*d.file)
            .and_then(|text| text.lines().nth(d.line.saturating_sub(1) as usize));
        let mut group = Group::with_title(level.primary_title(title.as_str()));
        let related: Vec<String> = d
            .related
            .iter()
            .map(|r| format!("{}: {}", r.origin, r.message))
            .collect();
        match line_text {
            Some(text) => {
                let col = (d.column.saturating_sub(1) as usize).min(text.len());
                let col = floor_char_boundary(text, col);
                let end = if col < text.len() {
                    floor_char_boundary(text, text.len())
                } else {
                    col
                };
                group = group.element(
                    Snippet::source(text)
                        .line_start(d.line as usize)
                        .path(&*d.file)
                        .annotation(AnnotationKind::Primary.span(col..end)),
                );
            }
            None => {
                group =
                    group.element(annotate_snippets::Origin::path(&*d.file).line(d.line as usize));
            }
        }
        for r in &related {
            group = group.element(Level::NOTE.message(r.as_str()));
        }
        let _ = writeln!(out, "{}\n", renderer.render(&[group]));
    }
    out
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One JSON object per line, for tools.
pub fn render_json(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&serde_json::to_string(d).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// A table of counts by code with each code's meaning.
pub fn render_summary(diags: &[Diagnostic]) -> String {
    let counts = count_by_code(diags);
    let mut out = String::new();
    let (mut e, mut w, mut n) = (0, 0, 0);
    for code in Code::ALL {
        if let Some((sev, count)) = counts.get(code.as_str()) {
            match sev {
                Severity::Error => e += count,
                Severity::Warning => w += count,
                Severity::Note => n += count,
            }
            let _ = writeln!(
                out,
                "{:>7} {} {:<7} {}",
                count,
                code.as_str(),
                sev.as_str(),
                code.meaning()
            );
        }
    }
    let _ = writeln!(out, "{e} errors, {w} warnings, {n} notes");
    out
}
