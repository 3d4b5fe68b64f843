//! The record of the last successful regenerate into a directory: a key over every input
//! byte and the generator itself, the hash of every file it left in the output, and its
//! diagnostics. When the key matches and the output is exactly what that run left, a new
//! run can repeat the report without interpreting a page ("nothing changed" costs little
//! more than reading the docs). Anything else, including a missing or unreadable record,
//! means a full run.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic, Origin, Related, Severity};
use crate::pipeline::SourceFile;

/// A key over `salt` (the generator build and the run's options) and every input file's
/// path and bytes, in order. Files are hashed in parallel.
pub fn key(files: &[SourceFile], salt: &str) -> String {
    let per_file: Vec<u64> = files
        .par_iter()
        .map(|f| {
            let mut h = DefaultHasher::new();
            f.path.hash(&mut h);
            f.bytes.hash(&mut h);
            h.finish()
        })
        .collect();
    let mut h = DefaultHasher::new();
    salt.hash(&mut h);
    per_file.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// Identifies the running generator build: a rebuilt binary never trusts an old record.
pub fn generator_identity() -> String {
    let exe = std::env::current_exe().ok();
    let meta = exe.as_deref().and_then(|e| std::fs::metadata(e).ok());
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}|{:?}|{}|{modified}",
        env!("CARGO_PKG_VERSION"),
        exe,
        meta.map_or(0, |m| m.len())
    )
}

fn content_hash(bytes: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// What a run left behind, enough to repeat its report.
#[derive(Debug, Serialize, Deserialize)]
pub struct RunRecord {
    pub key: String,
    /// Every generated file under the output directory, with its content hash.
    outputs: BTreeMap<String, String>,
    diagnostics: Vec<StoredDiagnostic>,
    /// The run's one-line counts (pages, types, …).
    pub counts: String,
}

impl RunRecord {
    pub fn new(
        key: String,
        files: &BTreeMap<String, String>,
        diagnostics: &[Diagnostic],
        counts: String,
    ) -> Self {
        RunRecord {
            key,
            outputs: files
                .par_iter()
                .map(|(path, text)| (path.clone(), content_hash(text.as_bytes())))
                .collect(),
            diagnostics: diagnostics.iter().map(StoredDiagnostic::from).collect(),
            counts,
        }
    }

    /// Reads a record; `None` if there is none or it cannot be read (a full run follows).
    pub fn load(path: &Path) -> Option<Self> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    }

    /// Writes the record through a temporary file and a rename.
    pub fn store(&self, path: &Path) -> io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec(self).map_err(io::Error::other)?)?;
        std::fs::rename(tmp, path)
    }

    /// Whether `root` holds exactly the generated files this run left: same set (so a
    /// deleted or added file counts), same content.
    pub fn output_intact(&self, root: &Path) -> io::Result<bool> {
        let mut on_disk = crate::writer::generated_on_disk(root)?;
        on_disk.sort();
        let recorded_rs = self
            .outputs
            .keys()
            .filter(|p| p.starts_with("src/") && p.ends_with(".rs"));
        if !on_disk.iter().eq(recorded_rs) {
            return Ok(false);
        }
        Ok(self.outputs.par_iter().all(|(rel, hash)| {
            std::fs::read(root.join(rel)).is_ok_and(|bytes| content_hash(&bytes) == *hash)
        }))
    }

    pub fn file_count(&self) -> usize {
        self.outputs.len()
    }

    /// The recorded diagnostics; `None` if one names a code this build does not know.
    pub fn diagnostics(&self) -> Option<Vec<Diagnostic>> {
        self.diagnostics
            .iter()
            .map(StoredDiagnostic::restore)
            .collect()
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredDiagnostic {
    file: String,
    line: u32,
    column: u32,
    code: String,
    severity: Severity,
    message: String,
    related: Vec<(String, u32, String)>,
}

impl From<&Diagnostic> for StoredDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        StoredDiagnostic {
            file: d.file.to_string(),
            line: d.line,
            column: d.column,
            code: d.code.to_string(),
            severity: d.severity,
            message: d.message.clone(),
            related: d
                .related
                .iter()
                .map(|r| (r.origin.file.to_string(), r.origin.line, r.message.clone()))
                .collect(),
        }
    }
}

impl StoredDiagnostic {
    fn restore(&self) -> Option<Diagnostic> {
        let kind = Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == self.code)?;
        Some(Diagnostic {
            file: Arc::from(self.file.as_str()),
            line: self.line,
            column: self.column,
            code: kind.as_str(),
            kind,
            severity: self.severity,
            message: self.message.clone(),
            related: self
                .related
                .iter()
                .map(|(file, line, message)| Related {
                    origin: Origin {
                        file: Arc::from(file.as_str()),
                        line: *line,
                    },
                    message: message.clone(),
                })
                .collect(),
        })
    }
}
