//! `cargo xtask regenerate`: docs → schema → Rust, written atomically or checked.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
pub use generator::check::Format;
use generator::diagnostics::Diagnostic;
use generator::emit::{self, Flavor};
use generator::package::{Package, PackageOptions, Snapshot};
use generator::pipeline::{self, Analysis, SourceFile};
use generator::run_record::{self, RunRecord};
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
    /// stdout), summary (counts by code only), sarif (SARIF 2.1.0 on stdout), github
    /// (workflow annotations on stdout).
    #[arg(long, value_enum, default_value = "human")]
    diagnostics_format: Format,
    /// Name, version and metadata of a standalone crate (ignored for generated/).
    #[command(flatten)]
    package: PackageOptions,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let root = crate::workspace_root();
    let docs = args.docs.clone().unwrap_or_else(|| root.join("docs-input"));
    if let Some(path) = &args.single_file {
        let files =
            pipeline::load_docs(&docs).with_context(|| format!("reading {}", docs.display()))?;
        let analysis = pipeline::analyze(&files);
        let mut diags = generator::diagnostics::Diagnostics::default();
        let text = emit::emit_single_file(&analysis.schema, &mut diags)?;
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        return Ok(());
    }
    let out = args.out.clone().unwrap_or_else(|| root.join("generated"));
    let outcome = regenerate(
        &docs,
        &out,
        args.schema.as_deref(),
        args.check,
        args.diagnostics_format,
        &args.package,
    )?;
    match outcome {
        Outcome::Stale => std::process::exit(1),
        Outcome::Clean { .. } | Outcome::Written { .. } => Ok(()),
    }
}

/// What a regenerate did.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Check mode found everything up to date, or a write run had nothing to change.
    Clean {
        files: usize,
    },
    Written {
        changed: usize,
        removed: usize,
    },
    /// Check mode found stale files (each was named).
    Stale,
}

/// Reads `docs`, reports its diagnostics and writes (or checks) the crate in `out`.
/// When the docs, the generator and `out` are exactly as a recorded run left them, the
/// record's report is repeated and no page is interpreted.
pub fn regenerate(
    docs: &Path,
    out: &Path,
    schema: Option<&Path>,
    check: bool,
    format: Format,
    package: &PackageOptions,
) -> anyhow::Result<Outcome> {
    let root = crate::workspace_root();
    let files = pipeline::load_docs(docs).with_context(|| format!("reading {}", docs.display()))?;
    let in_workspace = out == root.join("generated") && docs == root.join("docs-input");
    let flavor = if in_workspace {
        Flavor::Workspace {
            fingerprint: fingerprint::fingerprint_files(
                files.iter().map(|f| (&*f.path, f.bytes.as_slice())),
            ),
        }
    } else {
        let snapshot = Snapshot::detect(docs, &files);
        Flavor::Standalone(Box::new(Package::resolve(
            package, docs, &files, out, snapshot,
        )?))
    };
    // The flavor holds the package metadata and the snapshot (a new commit of the docs
    // repository changes the version even when no page changed).
    let salt = format!(
        "{}|{}|{}|{flavor:?}",
        run_record::generator_identity(),
        docs.display(),
        out.display()
    );
    let key = run_record::key(&files, &salt);
    let record_path = root
        .join("target/regenerate")
        .join(format!("{}.json", run_record::key(&[], &salt)));
    if schema.is_none()
        && let Some(outcome) = replay(&record_path, &key, out, &files, format)?
    {
        return Ok(outcome);
    }

    let analysis = pipeline::analyze(&files);
    let mut diags = generator::diagnostics::Diagnostics::default();
    let emitted = emit::emit(&analysis.schema, &flavor, &mut diags)?;
    let mut all: Vec<Diagnostic> = analysis.diagnostics.clone();
    all.extend(diags.into_sorted());
    all.sort();
    print_diagnostics(&all, &files, format);
    let counts = counts(&analysis);
    eprintln!("{counts}");

    if let Some(schema_path) = schema
        && !check
    {
        write_schema(schema_path, &analysis.schema)?;
    }

    let plan = writer::plan(out, &emitted.files)?;
    let outcome = if check {
        check_outcome(out, &plan)
    } else {
        write(out, &emitted.files, &plan)?
    };
    if outcome != Outcome::Stale {
        // A record that cannot be written only costs the next run its shortcut.
        if let Err(e) = RunRecord::new(key, &emitted.files, &all, counts).store(&record_path) {
            eprintln!("note: could not record this run ({e})");
        }
    }
    Ok(outcome)
}

/// When the docs, the generator and `out` are exactly as the recorded run left them:
/// repeats the record's report and returns its outcome.
fn replay(
    record_path: &Path,
    key: &str,
    out: &Path,
    files: &[pipeline::SourceFile],
    format: Format,
) -> anyhow::Result<Option<Outcome>> {
    let Some(record) = RunRecord::load(record_path) else {
        return Ok(None);
    };
    if record.key != key || !record.output_intact(out)? {
        return Ok(None);
    }
    let Some(all) = record.diagnostics() else {
        return Ok(None);
    };
    print_diagnostics(&all, files, format);
    eprintln!("{}", record.counts);
    eprintln!(
        "{} is up to date ({} files; the docs and the generator are those of the last run)",
        out.display(),
        record.file_count()
    );
    Ok(Some(Outcome::Clean {
        files: record.file_count(),
    }))
}

fn write_schema(path: &Path, schema: &generator::schema::Schema) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(schema)?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, json + "\n").with_context(|| format!("writing {}", path.display()))
}

/// Check mode: names every stale and orphaned file; writes nothing.
fn check_outcome(out: &Path, plan: &writer::Plan) -> Outcome {
    if plan.is_clean() {
        eprintln!("{} is up to date ({} files)", out.display(), plan.unchanged);
        return Outcome::Clean {
            files: plan.unchanged,
        };
    }
    for f in &plan.changed {
        eprintln!("stale: {}", out.join(f).display());
    }
    for f in &plan.orphans {
        eprintln!("orphan (no longer generated): {}", out.join(f).display());
    }
    eprintln!("run `cargo xtask regenerate` to update {}", out.display());
    Outcome::Stale
}

fn write(
    out: &Path,
    files: &std::collections::BTreeMap<String, String>,
    plan: &writer::Plan,
) -> anyhow::Result<Outcome> {
    if out.exists() && !out.is_dir() {
        bail!("{} is not a directory", out.display());
    }
    writer::apply(out, files, plan)?;
    eprintln!(
        "{}: {} files written, {} removed, {} unchanged",
        out.display(),
        plan.changed.len(),
        plan.orphans.len(),
        plan.unchanged
    );
    Ok(if plan.is_clean() {
        Outcome::Clean {
            files: plan.unchanged,
        }
    } else {
        Outcome::Written {
            changed: plan.changed.len(),
            removed: plan.orphans.len(),
        }
    })
}

pub fn print_diagnostics(all: &[Diagnostic], files: &[SourceFile], format: Format) {
    let report = generator::check::render(format, all, files, "");
    print!("{}", report.stdout);
    eprint!("{}", report.stderr);
}

fn counts(a: &Analysis) -> String {
    let props: usize = a.schema.types.iter().map(|t| t.properties.len()).sum();
    format!(
        "{} pages: {} types ({} properties), {} enums, {} operations, {} examples",
        a.pages,
        a.schema.types.len(),
        props,
        a.schema.enums.len(),
        a.schema.operations.len(),
        a.examples.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn regenerate_takes_the_package_options() {
        use clap::{CommandFactory, Parser};
        Cli::command().debug_assert();
        let parse = |args: &[&str]| {
            let base = ["regenerate", "--docs", "d", "--out", "o"];
            Cli::try_parse_from(base.iter().chain(args))
                .expect("parses")
                .args
                .package
        };
        assert_eq!(parse(&[]).crate_version, None);
        let p = parse(&[
            "--crate-name",
            "graph-x",
            "--crate-version",
            "3.1.0",
            "--snapshot-in",
            "none",
        ]);
        assert_eq!(p.crate_name.as_deref(), Some("graph-x"));
        assert_eq!(p.crate_version.as_deref(), Some("3.1.0"));
        assert_eq!(p.snapshot_in, generator::package::SnapshotIn::None);
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// The run record only ever skips work whose result would be the same: any change to
    /// the docs or to the output directory brings a full run.
    #[test]
    fn a_run_record_is_trusted_only_for_identical_docs_and_output() {
        let scratch = tempfile::tempdir().unwrap();
        let docs = scratch.path().join("docs");
        let out = scratch.path().join("out");
        copy_dir(&crate::workspace_root().join("docs-input"), &docs);
        let options = PackageOptions::default();
        let run = || regenerate(&docs, &out, None, false, Format::Summary, &options).unwrap();

        assert!(matches!(run(), Outcome::Written { .. }));
        let Outcome::Clean { files } = run() else {
            panic!("nothing changed, yet files were written");
        };
        assert!(files > 10);

        // A hand edit to a generated file is undone.
        let lib = out.join("src/lib.rs");
        let original = std::fs::read_to_string(&lib).unwrap();
        std::fs::write(&lib, format!("{original}\n// edited\n")).unwrap();
        assert_eq!(
            run(),
            Outcome::Written {
                changed: 1,
                removed: 0
            }
        );
        assert_eq!(std::fs::read_to_string(&lib).unwrap(), original);

        // A stray generated file is removed; a deleted one comes back.
        std::fs::write(out.join("src/stray.rs"), emit::HEADER).unwrap();
        assert_eq!(
            run(),
            Outcome::Written {
                changed: 0,
                removed: 1
            }
        );
        std::fs::remove_file(&lib).unwrap();
        assert_eq!(
            run(),
            Outcome::Written {
                changed: 1,
                removed: 0
            }
        );

        // A changed page is read again.
        let location = docs.join("resources/location.md");
        let page = std::fs::read_to_string(&location).unwrap();
        let page = page.replacen(
            "|displayName|",
            "|floorNumber|Int32|The floor.|\n|displayName|",
            1,
        );
        std::fs::write(&location, page).unwrap();
        assert!(matches!(run(), Outcome::Written { changed: 1.., .. }));
        assert!(matches!(run(), Outcome::Clean { .. }));
    }
}
