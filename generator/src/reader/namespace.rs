//! `Namespace: x` lines: the one place that reads them, for the page model and for the
//! pipeline's first pass over the tree.

use super::Walker;
use crate::diagnostics::{Code, Diagnostic, Origin};
use crate::page::Located;

/// The value of a page's first `Namespace:` line, trailing dot dropped: a plain scan of
/// the text, so that the pipeline can learn every declared namespace before reading.
pub fn declared_namespace(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let value = text.lines().find_map(namespace_line_value)?;
    Some(value.trim_end_matches('.').to_string())
}

impl Walker<'_> {
    pub(super) fn namespace_line(&mut self, value: &str, line: u32) {
        let origin = Origin::new(&self.file, line);
        let cleaned = value.trim_end_matches('.');
        let valid = !cleaned.is_empty()
            && cleaned
                .split('.')
                .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric()));
        if !valid {
            self.diags.report(
                Code::NamespaceMalformed,
                &origin,
                format!("`Namespace: {value}` is not a namespace name"),
            );
            return;
        }
        if cleaned != value {
            self.diags.report(
                Code::NamespaceMalformed,
                &origin,
                format!("`Namespace: {value}` has a trailing dot; read as `{cleaned}`"),
            );
        }
        match &self.page.namespace {
            Some(existing) if existing.value == cleaned => {
                self.diags.report(
                    Code::NamespaceMalformed,
                    &origin,
                    "the `Namespace:` line is repeated",
                );
            }
            Some(existing) => {
                let d = Diagnostic::new(
                    Code::NamespaceMalformed,
                    &origin,
                    format!(
                        "a second `Namespace:` line says `{cleaned}`; the first one (`{}`) is kept",
                        existing.value
                    ),
                )
                .with_related(&existing.origin, "first Namespace line");
                self.diags.push(d);
            }
            None => {
                self.page.namespace = Some(Located {
                    value: cleaned.to_string(),
                    origin,
                });
            }
        }
    }
}

/// The value of a `Namespace: x` line (bold or backticked as the docs write it), as
/// written: a trailing dot is the caller's to judge.
pub(super) fn namespace_line_value(line: &str) -> Option<&str> {
    let line = line.trim().trim_matches('*').trim();
    Some(
        strip_prefix_ci(line, "namespace:")?
            .trim()
            .trim_matches('`')
            .trim(),
    )
}

fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}
