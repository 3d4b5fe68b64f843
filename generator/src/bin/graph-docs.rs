//! `graph-docs`: check a Microsoft Graph docs tree, generate a crate from it, or write its
//! schema. Exit codes: 0 clean (or nothing new against the baseline), 1 new findings at or
//! above `--fail-on`, 2 the command could not run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use generator::check::{self, CheckError, FailOn, Findings, Format, baseline::Baseline};
use generator::diagnostics::Diagnostics;
use generator::emit::{self, Flavor};
use generator::package::{Package, PackageOptions, Snapshot};
use generator::pipeline;

#[derive(Parser)]
#[command(
    name = "graph-docs",
    version,
    about = "Check Microsoft Graph reference docs; generate Rust or a schema from them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a docs tree and report its diagnostics.
    Check(CheckArgs),
    /// Generate a standalone Rust crate from a docs tree.
    Generate(GenerateArgs),
    /// Write a docs tree's schema as JSON.
    Schema(SchemaArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The docs tree (the folder holding api/, resources/, …).
    docs: PathBuf,
    /// Report only these pages (paths from here, or relative to the docs tree).
    pages: Vec<PathBuf>,
    /// Report only pages changed since this git revision (committed or not).
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report to this file instead of stdout (sarif, json, github).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The docs tree's path inside its repository, put in front of file names in
    /// SARIF and GitHub reports (`api-reference/v1.0`).
    #[arg(long, default_value = "")]
    path_prefix: String,
    /// The lowest severity that fails the run (exit code 1).
    #[arg(long, value_enum, default_value = "warning")]
    fail_on: FailOn,
    /// Fail only on diagnostics not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the diagnostics found to this baseline file (and exit 0).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
}

#[derive(clap::Args)]
struct GenerateArgs {
    /// The docs tree.
    #[arg(long)]
    docs: PathBuf,
    /// The crate directory to write.
    #[arg(long)]
    out: PathBuf,
    /// Also write the schema as JSON to this file.
    #[arg(long)]
    schema: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "summary")]
    format: Format,
    /// Name, version and metadata of the crate.
    #[command(flatten)]
    package: PackageOptions,
}

#[derive(clap::Args)]
struct SchemaArgs {
    /// The docs tree.
    #[arg(long)]
    docs: PathBuf,
    /// The file to write (default: stdout).
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "summary")]
    format: Format,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Generate(args) => run_generate(args),
        Command::Schema(args) => run_schema(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("graph-docs: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_check(args: CheckArgs) -> Result<u8, CheckError> {
    let files = check::load(&args.docs)?;
    let selected = check::selection(&args.docs, &args.pages, args.changed_since.as_deref())?;
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let mut analysis = pipeline::analyze(&files);
    // Links are a docs-CI check only: the generator's output does not depend on them.
    analysis
        .diagnostics
        .extend(check::links::check_links(&files));
    analysis.diagnostics.sort();
    let findings = Findings::new(&analysis, selected.as_ref(), baseline.as_ref());
    if let Some(path) = &args.write_baseline {
        Baseline::of(&findings.reported).write(path)?;
        eprintln!(
            "wrote {} diagnostics to the baseline {}",
            findings.reported.len(),
            path.display()
        );
        return Ok(0);
    }
    let shown = if baseline.is_some() {
        &findings.new
    } else {
        &findings.reported
    };
    let report = check::render(args.format, shown, &files, &args.path_prefix);
    emit_report(&report.stdout, args.output.as_deref())?;
    eprint!("{}", report.stderr);
    if let Some(sel) = &selected {
        eprintln!("{} of {} pages reported on", sel.len(), files.len());
    }
    if baseline.is_some() {
        eprintln!("{} new against the baseline", findings.new.len());
        for e in &findings.fixed {
            eprintln!(
                "fixed (remove from the baseline): {}:{} [{}] {}",
                e.file, e.line, e.code, e.message
            );
        }
    }
    Ok(findings.exit_code(args.fail_on) as u8)
}

fn emit_report(text: &str, output: Option<&Path>) -> Result<(), CheckError> {
    match output {
        Some(path) => write(path, text),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), CheckError> {
    std::fs::write(path, text).map_err(|e| CheckError::Write {
        path: path.display().to_string(),
        why: e.to_string(),
    })
}

fn run_generate(args: GenerateArgs) -> Result<u8, CheckError> {
    let files = check::load(&args.docs)?;
    let analysis = pipeline::analyze(&files);
    let mut diags = Diagnostics::default();
    let fail = |why: String| CheckError::Write {
        path: args.out.display().to_string(),
        why,
    };
    let snapshot = Snapshot::detect(&args.docs, &files);
    let package = Package::resolve(&args.package, &args.docs, &files, &args.out, snapshot)
        .map_err(|e| fail(e.to_string()))?;
    let flavor = Flavor::Standalone(Box::new(package));
    let emitted =
        emit::emit(&analysis.schema, &flavor, &mut diags).map_err(|e| fail(e.to_string()))?;
    let mut all = analysis.diagnostics.clone();
    all.extend(diags.into_sorted());
    all.sort();
    let report = check::render(args.format, &all, &files, "");
    print!("{}", report.stdout);
    eprint!("{}", report.stderr);
    if let Some(path) = &args.schema {
        write(path, &schema_json(&analysis))?;
    }
    let plan =
        generator::writer::plan(&args.out, &emitted.files).map_err(|e| fail(e.to_string()))?;
    generator::writer::apply(&args.out, &emitted.files, &plan).map_err(|e| fail(e.to_string()))?;
    eprintln!(
        "{}: {} files written, {} removed, {} unchanged",
        args.out.display(),
        plan.changed.len(),
        plan.orphans.len(),
        plan.unchanged
    );
    Ok(0)
}

fn schema_json(analysis: &pipeline::Analysis) -> String {
    serde_json::to_string_pretty(&analysis.schema).unwrap_or_default() + "\n"
}

fn run_schema(args: SchemaArgs) -> Result<u8, CheckError> {
    let files = check::load(&args.docs)?;
    let analysis = pipeline::analyze(&files);
    let report = check::render(args.format, &analysis.diagnostics, &files, "");
    eprint!("{}{}", report.stdout, report.stderr);
    emit_report(&schema_json(&analysis), args.out.as_deref())?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use generator::package::SnapshotIn;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    fn generate(args: &[&str]) -> GenerateArgs {
        let base = ["graph-docs", "generate", "--docs", "d", "--out", "o"];
        let cli = Cli::try_parse_from(base.iter().chain(args)).expect("parses");
        match cli.command {
            Command::Generate(args) => args,
            _ => panic!("not `generate`"),
        }
    }

    #[test]
    fn generate_takes_the_package_options() {
        let p = generate(&[]).package;
        assert_eq!(p.crate_name, None);
        assert_eq!(p.snapshot_in, SnapshotIn::Build);
        let p = generate(&[
            "--crate-name",
            "graph-x",
            "--crate-version",
            "2.0.0",
            "--snapshot-in",
            "pre-release",
            "--description",
            "D",
            "--repository",
            "https://example.com/r",
            "--keywords",
            "graph,rust",
            "--categories",
            "api-bindings",
            "--license",
            "MIT",
        ])
        .package;
        assert_eq!(p.crate_name.as_deref(), Some("graph-x"));
        assert_eq!(p.crate_version.as_deref(), Some("2.0.0"));
        assert_eq!(p.snapshot_in, SnapshotIn::PreRelease);
        assert_eq!(p.description.as_deref(), Some("D"));
        assert_eq!(p.repository.as_deref(), Some("https://example.com/r"));
        assert_eq!(p.keywords, Some(vec!["graph".into(), "rust".into()]));
        assert_eq!(p.categories, Some(vec!["api-bindings".into()]));
        assert_eq!(p.license.as_deref(), Some("MIT"));
    }
}
