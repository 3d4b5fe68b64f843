//! The baseline ratchet: today's diagnostics written to a file; later runs fail only on
//! diagnostics not in it. Matched by code, file and message, never by line, so that an
//! edit above a known defect does not make it new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::CheckError;
use crate::diagnostics::Diagnostic;

/// The file format's version; a file with another one is refused, not misread.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub diagnostics: Vec<Entry>,
}

/// One known diagnostic. `line` is kept for people reading the file; matching ignores it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    pub file: String,
    pub message: String,
    #[serde(default)]
    pub line: u32,
}

type Key<'a> = (&'a str, &'a str, &'a str);

impl Entry {
    fn key(&self) -> Key<'_> {
        (&self.code, &self.file, &self.message)
    }

    fn of(d: &Diagnostic) -> Entry {
        Entry {
            code: d.code.to_string(),
            file: d.file.to_string(),
            message: d.message.clone(),
            line: d.line,
        }
    }
}

impl Baseline {
    pub fn of(diags: &[Diagnostic]) -> Baseline {
        let mut diagnostics: Vec<Entry> = diags.iter().map(Entry::of).collect();
        diagnostics.sort();
        Baseline {
            version: VERSION,
            diagnostics,
        }
    }

    pub fn write(&self, path: &Path) -> Result<(), CheckError> {
        let text = serde_json::to_string_pretty(self).unwrap_or_default() + "\n";
        std::fs::write(path, text).map_err(|e| CheckError::Baseline {
            path: path.display().to_string(),
            why: format!("cannot be written: {e}"),
        })
    }

    pub fn read(path: &Path) -> Result<Baseline, CheckError> {
        let err = |why: String| CheckError::Baseline {
            path: path.display().to_string(),
            why,
        };
        let text =
            std::fs::read_to_string(path).map_err(|e| err(format!("cannot be read: {e}")))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| err(format!("is not JSON: {e}")))?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => {
                return Err(err(format!(
                    "has version {v}; this command reads version {VERSION}"
                )));
            }
            None => return Err(err("has no `version` number; is it a baseline file?".into())),
        }
        serde_json::from_value(value).map_err(|e| err(format!("is not a baseline: {e}")))
    }
}

/// Diagnostics against a baseline: the new ones, and the known ones no longer found.
#[derive(Debug, Default)]
pub struct Ratchet {
    pub new: Vec<Diagnostic>,
    pub fixed: Vec<Entry>,
}

/// Each baseline entry excuses one diagnostic with its code, file and message (two
/// identical messages in a page need two entries).
pub fn compare(diags: &[Diagnostic], baseline: &Baseline) -> Ratchet {
    let mut known: BTreeMap<Key<'_>, Vec<&Entry>> = BTreeMap::new();
    for e in &baseline.diagnostics {
        known.entry(e.key()).or_default().push(e);
    }
    let mut new = Vec::new();
    for d in diags {
        match known.get_mut(&(d.code, &*d.file, d.message.as_str())) {
            Some(left) if !left.is_empty() => {
                left.pop();
            }
            _ => new.push(d.clone()),
        }
    }
    let fixed = known.into_values().flatten().cloned().collect();
    Ratchet { new, fixed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Origin};
    use std::sync::Arc;

    fn diag(line: u32, message: &str) -> Diagnostic {
        let file: Arc<str> = Arc::from("api/a.md");
        Diagnostic::new(Code::JsonLenient, &Origin::new(&file, line), message)
    }

    #[test]
    fn lines_do_not_count_but_each_entry_excuses_one() {
        let base = Baseline::of(&[diag(3, "x"), diag(9, "y")]);
        // Moved: not new. A second `x`: new. `y` gone: fixed.
        let r = compare(&[diag(5, "x"), diag(6, "x")], &base);
        assert_eq!(r.new.len(), 1);
        assert_eq!(r.fixed.len(), 1);
        assert_eq!(r.fixed[0].message, "y");
    }
}
