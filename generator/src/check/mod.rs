//! The docs' own checker, as a docs repository's CI runs it: a whole tree read (names
//! resolve across pages), diagnostics kept for the pages a pull request touches, compared
//! with a baseline, and a verdict by severity.

pub mod baseline;
pub mod changed;
pub mod links;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostics::{
    Diagnostic, Severity, render_github, render_human, render_json, render_sarif, render_summary,
};
use crate::pipeline::{self, Analysis, SourceFile};
use baseline::{Baseline, Ratchet};

/// Why the checker could not run (exit code 2): never a panic, always a message.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{0} is not a directory")]
    NotADirectory(String),
    #[error("cannot read the docs tree {path}: {why}")]
    Unreadable { path: String, why: String },
    #[error("baseline {path} {why}")]
    Baseline { path: String, why: String },
    #[error("{0}")]
    Git(String),
    #[error("cannot write {path}: {why}")]
    Write { path: String, why: String },
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// rustc style, quoting the line (on stderr), then the summary.
    Human,
    /// One JSON object per line.
    Json,
    /// Counts by code.
    Summary,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub workflow commands (`::warning file=…`), annotations on the run.
    Github,
}

/// The lowest severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum FailOn {
    Error,
    Warning,
    Note,
}

impl FailOn {
    pub fn fails(self, s: Severity) -> bool {
        let rank = |s: Severity| match s {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        };
        let limit = match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Note => Severity::Note,
        };
        rank(s) <= rank(limit)
    }
}

/// Reads every page under `docs`, refusing what is not a directory.
pub fn load(docs: &Path) -> Result<Vec<SourceFile>, CheckError> {
    if !docs.is_dir() {
        return Err(CheckError::NotADirectory(docs.display().to_string()));
    }
    pipeline::load_docs(docs).map_err(|e| CheckError::Unreadable {
        path: docs.display().to_string(),
        why: e.to_string(),
    })
}

/// The pages to report on: `None` for all of them.
pub fn selection(
    docs: &Path,
    pages: &[PathBuf],
    changed_since: Option<&str>,
) -> Result<Option<BTreeSet<String>>, CheckError> {
    if pages.is_empty() && changed_since.is_none() {
        return Ok(None);
    }
    let mut set: BTreeSet<String> = pages
        .iter()
        .map(|p| changed::relative_page(docs, p))
        .collect();
    if let Some(rev) = changed_since {
        set.extend(changed::changed_since(docs, rev)?);
    }
    Ok(Some(set))
}

/// What a check found, after the page selection and the baseline.
#[derive(Debug)]
pub struct Findings {
    /// Diagnostics in the selected pages.
    pub reported: Vec<Diagnostic>,
    /// Of those, the ones the baseline does not excuse (all when there is none).
    pub new: Vec<Diagnostic>,
    /// Baseline entries of the selected pages that are no longer found.
    pub fixed: Vec<baseline::Entry>,
}

impl Findings {
    pub fn new(
        analysis: &Analysis,
        selected: Option<&BTreeSet<String>>,
        baseline: Option<&Baseline>,
    ) -> Findings {
        let in_selection = |file: &str| selected.is_none_or(|s| s.contains(file));
        let reported: Vec<Diagnostic> = analysis
            .diagnostics
            .iter()
            .filter(|d| in_selection(&d.file))
            .cloned()
            .collect();
        let Ratchet { new, fixed } = match baseline {
            Some(b) => baseline::compare(&reported, b),
            None => Ratchet {
                new: reported.clone(),
                fixed: Vec::new(),
            },
        };
        let fixed = fixed
            .into_iter()
            .filter(|e| in_selection(&e.file))
            .collect();
        Findings {
            reported,
            new,
            fixed,
        }
    }

    /// Exit code: 1 when a new diagnostic is at or above `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        i32::from(self.new.iter().any(|d| fail_on.fails(d.severity)))
    }
}

/// The report in `format`: what goes to stdout and what goes to stderr.
pub struct Rendered {
    pub stdout: String,
    pub stderr: String,
}

/// Renders `diags`; `prefix` is the docs tree's path in its repository, for SARIF and
/// GitHub annotations.
pub fn render(
    format: Format,
    diags: &[Diagnostic],
    files: &[SourceFile],
    prefix: &str,
) -> Rendered {
    let (stdout, stderr) = match format {
        Format::Json => (render_json(diags), String::new()),
        Format::Summary => (String::new(), render_summary(diags)),
        Format::Sarif => (render_sarif(diags, prefix), String::new()),
        Format::Github => (render_github(diags, prefix), render_summary(diags)),
        Format::Human => {
            let sources: HashMap<&str, &str> = files
                .iter()
                .filter_map(|f| Some((&*f.path, std::str::from_utf8(&f.bytes).ok()?)))
                .collect();
            let color = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let human = render_human(diags, &sources, color);
            (String::new(), human + &render_summary(diags))
        }
    };
    Rendered { stdout, stderr }
}
