//! `cargo xtask corpus DIR`: a report on a whole docs tree. Reads every page, builds the
//! schema, emits a standalone crate, checks it with clippy (`-D warnings`), round-trips
//! every example through its generated type and prints the numbers.

mod mutate;
mod op_examples;
mod reasons;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use generator::diagnostics::{Code, Diagnostic, Diagnostics, Origin, render_json, render_summary};
use generator::emit::{self, Flavor};
use generator::{pipeline, writer};

const HARNESS: &str = include_str!("harness.rs");

#[derive(clap::Args)]
pub struct Args {
    /// Docs tree (for example ../shared/graph-docs/v1.0).
    docs: PathBuf,
    /// Work directory for the generated crate, the harness and their build
    /// (default: target/corpus/<name of the docs directory>).
    #[arg(long)]
    work: Option<PathBuf>,
    /// Only read and generate; do not compile the crate or round-trip examples.
    #[arg(long)]
    no_compile: bool,
    /// Delete the build directory (`WORK/target`) once the report is printed, to free
    /// the disk between reports (CI runs both trees on one machine).
    #[arg(long)]
    discard_build: bool,
    /// Build the generated crate with only these features, one per area (comma-separated),
    /// instead of `full`; examples of types outside them are reported as skipped.
    #[arg(long)]
    features: Option<String>,
    /// Damage every page first, repeatably (splices, cuts, truncation): the run must still
    /// end without a panic and the crate must still compile without a warning.
    #[arg(long, value_name = "SEED")]
    mutate: Option<u64>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let (name, work) = work_dir(&args);
    let crate_dir = work.join("crate");
    std::fs::create_dir_all(&work)?;
    let generated = generate(&args, &name, &work, &crate_dir)?;
    let mut all = generated.diagnostics;

    let mut compiled = None;
    let mut outcomes = Ok(Vec::new());
    let mut op_outcomes = Vec::new();
    if !args.no_compile {
        compiled = Some(clippy(&crate_dir, &work, args.features.as_deref())?);
        if compiled == Some(true) {
            outcomes = round_trip(
                &crate_dir,
                &work,
                args.features.as_deref(),
                &base_url(&args.docs),
            );
            op_outcomes = read_operation_outcomes(&work)?;
        }
        if args.discard_build {
            std::fs::remove_dir_all(work.join("target"))
                .context("removing the corpus build directory")?;
        }
    }
    let tally = Tally::new(outcomes?, &mut all);
    let op_tally = op_examples::Tally::new(op_outcomes, generated.not_exercisable, &mut all);
    all.sort();
    std::fs::write(work.join("diagnostics.jsonl"), render_json(&all))?;

    print_schema_figures(
        &args.docs,
        &generated.analysis,
        &generated.emitted,
        generated.time,
    );
    println!("diagnostics by code:");
    print!("{}", indent(&render_summary(&all)));
    match compiled {
        None => println!("generated crate: not compiled (--no-compile)"),
        Some(true) => {
            println!(
                "generated crate: compiles with features {}, cargo clippy -D warnings clean",
                args.features.as_deref().unwrap_or("full")
            );
            tally.print();
            op_tally.print();
        }
        Some(false) => println!("generated crate: FAILED cargo clippy -D warnings (see above)"),
    }
    println!(
        "all diagnostics (JSON lines): {}",
        work.join("diagnostics.jsonl").display()
    );
    if compiled == Some(false) {
        bail!("the generated crate does not pass cargo clippy -D warnings");
    }
    // With every area compiled in, no example can be skipped for a feature that is off:
    // if one is, the harness was built with the wrong features and its figures are void.
    if compiled == Some(true)
        && args.features.is_none()
        && args.mutate.is_none()
        && tally.skipped > 0
    {
        bail!(
            "{} examples were skipped as in features that are off, with every area on",
            tally.skipped
        );
    }
    Ok(())
}

/// The report's name (from the docs directory and the mutation seed) and work directory.
fn work_dir(args: &Args) -> (String, PathBuf) {
    let mut name = args
        .docs
        .file_name()
        .map(|n| n.to_string_lossy().replace('.', "_"))
        .unwrap_or_else(|| "docs".into());
    if let Some(seed) = args.mutate {
        name = format!("{name}_mutated_{seed}");
    }
    let work = args
        .work
        .clone()
        .unwrap_or_else(|| crate::workspace_root().join("target/corpus").join(&name));
    (name, work)
}

/// What reading the tree and generating the crate produced.
struct Generated {
    analysis: pipeline::Analysis,
    emitted: emit::Emitted,
    /// The analysis's and the emitter's diagnostics.
    diagnostics: Vec<Diagnostic>,
    time: Duration,
    /// Operation example pairs that cannot be exercised, by why.
    not_exercisable: BTreeMap<&'static str, usize>,
}

/// Reads (and, with `--mutate`, damages) the tree, writes the crate into `crate_dir` and
/// the schema and examples into `work`.
fn generate(args: &Args, name: &str, work: &Path, crate_dir: &Path) -> anyhow::Result<Generated> {
    let start = Instant::now();
    let mut files = pipeline::load_docs(&args.docs)
        .with_context(|| format!("reading {}", args.docs.display()))?;
    if let Some(seed) = args.mutate {
        mutate::mutate(&mut files, seed);
    }
    let analysis = pipeline::analyze(&files);
    let mut diags = Diagnostics::default();
    let emitted = emit::emit(
        &analysis.schema,
        &Flavor::standalone(&format!("graph-{}", name.replace('_', "-"))),
        &mut diags,
    )?;
    let plan = writer::plan(crate_dir, &emitted.files)?;
    writer::apply(crate_dir, &emitted.files, &plan)?;
    let time = start.elapsed();
    std::fs::write(
        work.join("schema.json"),
        serde_json::to_string_pretty(&analysis.schema)?,
    )?;
    std::fs::write(
        work.join("examples.json"),
        serde_json::to_string(&analysis.examples)?,
    )?;
    let not_exercisable =
        op_examples::write_inputs(&analysis.schema, &work.join("operation_examples.json"))?;
    let mut diagnostics = analysis.diagnostics.clone();
    diagnostics.extend(diags.into_sorted());
    // The docs checker's link checks (G0409, G0410), counted with the rest.
    diagnostics.extend(generator::check::links::check_links(&files));
    Ok(Generated {
        analysis,
        emitted,
        diagnostics,
        time,
        not_exercisable,
    })
}

/// The base URL of the tree's examples written relative: its directory's name when that
/// is a Graph version (`beta`), else v1.0.
fn base_url(docs: &Path) -> String {
    let version = docs.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let version = if version == "beta" { "beta" } else { "v1.0" };
    format!("https://graph.microsoft.com/{version}")
}

/// The harness's operation outcomes (`operation_outcomes.jsonl`).
fn read_operation_outcomes(work: &Path) -> anyhow::Result<Vec<op_examples::Outcome>> {
    std::fs::read_to_string(work.join("operation_outcomes.jsonl"))
        .context("reading the operation outcomes")?
        .lines()
        .map(|l| serde_json::from_str(l).context("operation outcome"))
        .collect()
}

/// The round-trip outcomes counted: every failure is also a `G1101` diagnostic.
struct Tally {
    /// Examples with a JSON body and a type that is compiled in.
    total: usize,
    passed: usize,
    /// Examples whose types are in features that are off.
    skipped: usize,
    by_reason: BTreeMap<&'static str, usize>,
    /// JSON members in the bodies read, and those that did not land in typed fields.
    members: usize,
    untyped: usize,
    /// Documented members kept raw by tolerant reading (each also a `G1103`).
    kept_raw: usize,
    /// Values read as a derived type of a polymorphic base (by `@odata.type`).
    dispatched: usize,
}

impl Tally {
    fn new(outcomes: Vec<Outcome>, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let skipped = outcomes.iter().filter(|o| o.error == NOT_GENERATED).count();
        let outcomes: Vec<Outcome> = outcomes
            .into_iter()
            .filter(|o| o.error != NOT_GENERATED)
            .collect();
        let mut tally = Tally {
            total: outcomes.len(),
            passed: 0,
            skipped,
            by_reason: BTreeMap::new(),
            members: 0,
            untyped: 0,
            kept_raw: 0,
            dispatched: 0,
        };
        for o in &outcomes {
            tally.members += o.members;
            tally.untyped += o.untyped;
            tally.kept_raw += o.kept_raw.len();
            tally.dispatched += o.dispatched;
            diagnostics.extend(
                o.kept_raw
                    .iter()
                    .map(|(path, why)| kept_raw_diagnostic(o, path, why)),
            );
            if o.ok {
                tally.passed += 1;
                continue;
            }
            let reason = reasons::classify(&o.error);
            *tally.by_reason.entry(reason).or_default() += 1;
            diagnostics.push(failure_diagnostic(o, reason));
        }
        tally
    }

    fn print(&self) {
        let (total, passed) = (self.total, self.passed);
        let pct = if total == 0 {
            100.0
        } else {
            passed as f64 * 100.0 / total as f64
        };
        if self.skipped > 0 {
            println!(
                "examples skipped (their types are in features that are off): {}",
                self.skipped
            );
        }
        println!(
            "examples: {total} with a JSON body and a known type; {passed} round-trip losslessly ({pct:.1}%), {} do not:",
            total - passed
        );
        for (reason, n) in &self.by_reason {
            println!("  {n:>6}  {reason}");
        }
        let typed = self.members - self.untyped;
        println!(
            "typed coverage: {typed} of {} JSON members in example bodies land in typed fields ({:.1}%); {} documented members kept raw by tolerant reading (G1103)",
            self.members,
            if self.members == 0 {
                100.0
            } else {
                typed as f64 * 100.0 / self.members as f64
            },
            self.kept_raw
        );
        println!(
            "values dispatched to a derived type: {} (example values whose @odata.type selected a derived type's variant)",
            self.dispatched
        );
    }
}

/// `G1103` for a documented member of an example that tolerant reading kept raw.
fn kept_raw_diagnostic(o: &Outcome, path: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::ExampleMemberKeptRaw,
        &example_origin(o),
        format!(
            "example of `{}`: member `{path}` does not fit its documented type and is kept raw: {} ({why})",
            o.type_name,
            reasons::classify(why)
        ),
    )
}

/// The example's `file:line`.
fn example_origin(o: &Outcome) -> Origin {
    let (file, line) = o.origin.rsplit_once(':').unwrap_or((&o.origin, "0"));
    Origin {
        file: file.into(),
        line: line.parse().unwrap_or(0),
    }
}

/// `G1101` for an example that does not round-trip, at the example's `file:line`.
fn failure_diagnostic(o: &Outcome, reason: &str) -> Diagnostic {
    let origin = example_origin(o);
    let at = if o.path.is_empty() {
        String::new()
    } else {
        format!(" at `{}`", o.path)
    };
    Diagnostic::new(
        Code::ExampleRoundTripFailed,
        &origin,
        format!(
            "example of `{}` does not round-trip{at}: {reason} ({})",
            o.type_name, o.error
        ),
    )
}

/// Pages, types, properties, enums, operations and the size of the generated crate.
fn print_schema_figures(
    docs: &Path,
    analysis: &pipeline::Analysis,
    emitted: &emit::Emitted,
    time: Duration,
) {
    let s = &analysis.schema;
    let props: usize = s.types.iter().map(|t| t.properties.len()).sum();
    let members: usize = s.enums.iter().map(|e| e.members.len()).sum();
    let of_kind = |kind| s.types.iter().filter(|t| t.kind == kind).count();
    println!("corpus report: {}", docs.display());
    println!("  pages read           {}", analysis.pages);
    println!(
        "  types                {} ({} entity, {} complex)",
        s.types.len(),
        of_kind(generator::schema::Kind::Entity),
        of_kind(generator::schema::Kind::Complex)
    );
    println!("  properties           {props}");
    println!(
        "  enums                {} ({members} members)",
        s.enums.len()
    );
    println!("  operations           {}", s.operations.len());
    print_base_figures(s);
    let lines: usize = emitted.files.values().map(|c| c.lines().count()).sum();
    println!(
        "  read + generate      {:.2} s ({} Rust files, {lines} lines)",
        time.as_secs_f64(),
        emitted.files.len(),
    );
    println!("  panics               0");
}

/// Types by the form of the docs that gave their base, and the types left without one
/// (entity types apart from `entity` itself, and complex types, which need none).
fn print_base_figures(s: &generator::schema::Schema) {
    let mut by_form: BTreeMap<generator::schema::BaseForm, usize> = BTreeMap::new();
    for t in &s.types {
        if let Some(from) = &t.base_from {
            *by_form.entry(from.form).or_default() += 1;
        }
    }
    let forms: Vec<String> = by_form
        .iter()
        .map(|(form, n)| format!("{} {n}", form.as_str()))
        .collect();
    println!("  bases by form        {}", forms.join(", "));
    let baseless = |kind| {
        s.types
            .iter()
            .filter(|t| {
                t.base.is_none() && t.kind == kind && t.qualified() != "microsoft.graph.entity"
            })
            .count()
    };
    println!(
        "  no base stated       {} entity types, {} complex types (which need none; counted apart)",
        baseless(generator::schema::Kind::Entity),
        baseless(generator::schema::Kind::Complex)
    );
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // A 200,000-line crate with debug info and incremental state takes over 10 GB of
    // disk; the report needs neither, and CI machines have little disk to spare.
    cmd.env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env_remove("CARGO_TARGET_DIR")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_INCREMENTAL", "0");
    cmd
}

/// What the harness says of an example whose type is not compiled in.
const NOT_GENERATED: &str = "not a generated type";

/// `--features registry` plus, for a subset of areas, `--no-default-features` and their
/// operations (as `full` has them).
fn feature_args(features: Option<&str>) -> Vec<String> {
    match features {
        None => vec!["--features".into(), "registry,operations".into()],
        Some(f) => vec![
            "--no-default-features".into(),
            "--features".into(),
            format!("registry,operations,{f}"),
        ],
    }
}

/// `cargo clippy -D warnings` on the generated crate; prints its output on failure.
fn clippy(crate_dir: &Path, work: &Path, features: Option<&str>) -> anyhow::Result<bool> {
    let start = Instant::now();
    let out = cargo()
        .args(["clippy", "--quiet"])
        .args(feature_args(features))
        .arg("--manifest-path")
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(work.join("target"))
        .args(["--", "-D", "warnings"])
        .output()
        .context("running cargo clippy")?;
    eprintln!(
        "cargo clippy on the generated crate: {:.1} s",
        start.elapsed().as_secs_f64()
    );
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(out.status.success())
}

#[derive(serde::Deserialize)]
struct Outcome {
    origin: String,
    type_name: String,
    ok: bool,
    path: String,
    error: String,
    members: usize,
    untyped: usize,
    kept_raw: Vec<(String, String)>,
    dispatched: usize,
}

/// Builds and runs the harness over `examples.json`.
fn round_trip(
    crate_dir: &Path,
    work: &Path,
    features: Option<&str>,
    base_url: &str,
) -> anyhow::Result<Vec<Outcome>> {
    let harness = work.join("harness");
    std::fs::create_dir_all(harness.join("src"))?;
    // The same features as `feature_args`: `full` unless a subset of areas is asked for.
    let areas: Vec<&str> = match features {
        None => vec!["full"],
        Some(f) => f.split(',').map(str::trim).collect(),
    };
    let features: Vec<String> = ["registry", "operations"]
        .into_iter()
        .chain(areas)
        .map(|f| format!("{f:?}"))
        .collect();
    let manifest = format!(
        "[package]\nname = \"roundtrip-harness\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ngenerated = {{ path = {:?}, package = \"{}\", default-features = false, features = [{}] }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\nserde_path_to_error = \"0.1\"\n\n[workspace]\n",
        crate_dir.display().to_string(),
        package_name(crate_dir)?,
        features.join(", "),
    );
    write_if_changed(&harness.join("Cargo.toml"), &manifest)?;
    write_if_changed(&harness.join("src/main.rs"), HARNESS)?;
    let start = Instant::now();
    let out = cargo()
        .args(["run", "--quiet", "--manifest-path"])
        .arg(harness.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(work.join("target"))
        .arg("--")
        .arg(work.join("examples.json"))
        .arg(work.join("operation_examples.json"))
        .arg(work.join("operation_outcomes.jsonl"))
        .arg(base_url)
        .output()
        .context("running the round-trip harness")?;
    eprintln!(
        "round-trip harness (build + run): {:.1} s",
        start.elapsed().as_secs_f64()
    );
    if !out.status.success() {
        bail!(
            "round-trip harness failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).context("harness output"))
        .collect()
}

fn package_name(crate_dir: &Path) -> anyhow::Result<String> {
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml"))?;
    manifest
        .lines()
        .find_map(|l| {
            l.strip_prefix("name = \"")?
                .strip_suffix('"')
                .map(str::to_string)
        })
        .context("package name in the generated Cargo.toml")
}

fn write_if_changed(path: &Path, content: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() != Some(content) {
        std::fs::write(path, content)?;
    }
    Ok(())
}
