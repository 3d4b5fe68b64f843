//! Diagnostics: every defect met in the docs becomes one of these, with a stable code
//! and the file:line:column where it was found. Nothing is dropped silently.

mod codes;
mod formats;
mod render;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

pub use codes::{Code, Severity};
pub use formats::{render_github, render_sarif};
pub use render::{render_human, render_json, render_summary};

/// A place in the docs: the file (relative to the docs root) and a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: u32,
}

impl Origin {
    pub fn new(file: &Arc<str>, line: u32) -> Self {
        Origin {
            file: file.clone(),
            line,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One reported problem.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub code: &'static str,
    #[serde(skip)]
    pub kind: Code,
    pub severity: Severity,
    pub message: String,
    /// Other places involved (for conflicts: the place that won or lost).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A second place a diagnostic points at.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Related {
    pub origin: Origin,
    pub message: String,
}

impl Diagnostic {
    pub fn new(code: Code, origin: &Origin, message: impl Into<String>) -> Self {
        Diagnostic {
            file: origin.file.clone(),
            line: origin.line,
            column: 1,
            code: code.as_str(),
            kind: code,
            severity: code.severity(),
            message: message.into(),
            related: Vec::new(),
        }
    }

    pub fn at_column(mut self, column: u32) -> Self {
        self.column = column.max(1);
        self
    }

    pub fn with_related(mut self, origin: &Origin, message: impl Into<String>) -> Self {
        self.related.push(Related {
            origin: origin.clone(),
            message: message.into(),
        });
        self
    }

    pub fn origin(&self) -> Origin {
        Origin {
            file: self.file.clone(),
            line: self.line,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.file,
            self.line,
            self.column,
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        for r in &self.related {
            write!(f, " (see {}: {})", r.origin, r.message)?;
        }
        Ok(())
    }
}

/// A collector that stages push into. Sorting at the end makes output independent of
/// the order in which parallel work finished.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn report(&mut self, code: Code, origin: &Origin, message: impl Into<String>) {
        self.push(Diagnostic::new(code, origin, message));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted, de-duplicated list.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// Counts by code, for the end-of-run summary.
pub fn count_by_code(diags: &[Diagnostic]) -> BTreeMap<&'static str, (Severity, usize)> {
    let mut map = BTreeMap::new();
    for d in diags {
        map.entry(d.code).or_insert((d.severity, 0)).1 += 1;
    }
    map
}
