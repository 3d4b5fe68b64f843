//! `cargo xtask regenerate`: docs → schema → Rust, written atomically or checked.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use generator::diagnostics::{Diagnostic, render_human, render_json, render_summary};
use generator::emit::{self, Flavor};
use generator::pipeline::{self, Analysis, SourceFile};
use generator::{fingerprint, writer};

#[derive(clap::Args)]
pub struct Args {
    /// Docs tree to read (default: docs-input/).
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Crate directory to write (default: generated/). Any other directory gets a
    /// standalone crate with its own Cargo.toml.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write the schema as JSON to this file.
    #[arg(long)]
    schema: Option<PathBuf>,
    /// Write nothing; fail and name every stale file if the output is not up to date.
    #[arg(long)]
    check: bool,
    /// Write the whole crate as one file of inline modules (used by generated/build.rs).
    #[arg(long, conflicts_with_all = ["out", "check"])]
    single_file: Option<PathBuf>,
    /// How to print diagnostics: human (rustc style), json (one object per line on
    /// stdout), summary (counts by code only).
    #[arg(long, value_enum, default_value = "human")]
    diagnostics_format: Format,
}

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Summary,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    match execute(args)? {
        ExitCode::SUCCESS => Ok(()),
        _ => std::process::exit(1),
    }
}

fn execute(args: Args) -> anyhow::Result<ExitCode> {
    let root = crate::workspace_root();
    let default_docs = root.join("docs-input");
    let default_out = root.join("generated");
    let docs = args.docs.clone().unwrap_or_else(|| default_docs.clone());
    let files =
        pipeline::load_docs(&docs).with_context(|| format!("reading {}", docs.display()))?;
    let analysis = pipeline::analyze(&files);
    let mut diags = generator::diagnostics::Diagnostics::default();

    if let Some(path) = &args.single_file {
        let text = emit::emit_single_file(&analysis.schema, &mut diags)?;
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        return Ok(ExitCode::SUCCESS);
    }

    let out = args.out.clone().unwrap_or_else(|| default_out.clone());
    let in_workspace = out == default_out && docs == default_docs;
    let flavor = if in_workspace {
        Flavor::Workspace {
            fingerprint: fingerprint::fingerprint_dir(&docs)?,
        }
    } else {
        Flavor::Standalone {
            name: crate_name(&out),
        }
    };
    let emitted = emit::emit(&analysis.schema, &flavor, &mut diags)?;
    let mut all: Vec<Diagnostic> = analysis.diagnostics.clone();
    all.extend(diags.into_sorted());
    all.sort();
    print_diagnostics(&all, &files, args.diagnostics_format);
    print_counts(&analysis);

    if let Some(schema_path) = &args.schema
        && !args.check
    {
        let json = serde_json::to_string_pretty(&analysis.schema)?;
        if let Some(parent) = schema_path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(schema_path, json + "\n")
            .with_context(|| format!("writing {}", schema_path.display()))?;
    }

    let plan = writer::plan(&out, &emitted.files)?;
    if args.check {
        if plan.is_clean() {
            eprintln!("{} is up to date ({} files)", out.display(), plan.unchanged);
            return Ok(ExitCode::SUCCESS);
        }
        for f in &plan.changed {
            eprintln!("stale: {}", out.join(f).display());
        }
        for f in &plan.stale {
            eprintln!("stale (no longer generated): {}", out.join(f).display());
        }
        eprintln!("run `cargo xtask regenerate` to update {}", out.display());
        return Ok(ExitCode::FAILURE);
    }
    if out.exists() && !out.is_dir() {
        bail!("{} is not a directory", out.display());
    }
    writer::apply(&out, &emitted.files, &plan)?;
    eprintln!(
        "{}: {} files written, {} removed, {} unchanged",
        out.display(),
        plan.changed.len(),
        plan.stale.len(),
        plan.unchanged
    );
    Ok(ExitCode::SUCCESS)
}

fn crate_name(out: &std::path::Path) -> String {
    let name: String = out
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let name = name.trim_matches('-');
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        "graph-models".to_string()
    } else {
        name.to_string()
    }
}

pub fn print_diagnostics(all: &[Diagnostic], files: &[SourceFile], format: Format) {
    match format {
        Format::Json => print!("{}", render_json(all)),
        Format::Human => {
            let sources: HashMap<&str, &str> = files
                .iter()
                .filter_map(|f| Some((&*f.path, std::str::from_utf8(&f.bytes).ok()?)))
                .collect();
            eprint!(
                "{}",
                render_human(
                    all,
                    &sources,
                    std::io::IsTerminal::is_terminal(&std::io::stderr())
                )
            );
            eprint!("{}", render_summary(all));
        }
        Format::Summary => eprint!("{}", render_summary(all)),
    }
}

fn print_counts(a: &Analysis) {
    let props: usize = a.schema.types.iter().map(|t| t.properties.len()).sum();
    eprintln!(
        "{} pages: {} types ({} properties), {} enums, {} operations, {} examples",
        a.pages,
        a.schema.types.len(),
        props,
        a.schema.enums.len(),
        a.schema.operations.len(),
        a.examples.len()
    );
}
