//! `cargo xtask bench`: how fast the generator is, next to the floor of reading every
//! page and parsing it with pulldown-cmark. Each measurement runs in a child process (so
//! its peak memory is its own), on a fixed number of threads, best of `--runs`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};
use generator::diagnostics::Diagnostics;
use generator::emit::{self, Flavor};
use generator::{pipeline, writer};

use crate::regenerate;
use rayon::prelude::*;

#[derive(clap::Args)]
pub struct Args {
    /// Docs trees to measure, alone and all together (default: the two Graph versions in
    /// ../shared/graph-docs).
    #[arg(long = "docs")]
    docs: Vec<PathBuf>,
    /// Thread counts to measure with.
    #[arg(long, value_delimiter = ',', default_value = "2,1")]
    threads: Vec<usize>,
    /// Runs per measurement; the best is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Also time `cargo check` and debug `cargo build` of each generated crate alone (its
    /// dependencies already built), with all features and with `--feature`.
    #[arg(long)]
    compile: bool,
    /// The feature (of a small area) to time with `--compile`.
    #[arg(long, default_value = "users")]
    feature: String,
    /// With `--compile`: a directory holding an earlier generated crate per tree
    /// (`<dir>/v1.0`, `<dir>/beta`), built alternately with today's, as a budget's base.
    #[arg(long)]
    compile_baseline: Option<PathBuf>,
    /// Internal: run one measurement and print `seconds peak_kib`.
    #[arg(long, hide = true)]
    scenario: Option<String>,
    /// Internal: where a regenerate scenario writes.
    #[arg(long, hide = true)]
    out: Option<PathBuf>,
}

const SCENARIOS: &[(&str, &str)] = &[
    ("floor", "read + pulldown-cmark parse"),
    ("pipeline", "pages → schema → formatted Rust, in memory"),
    (
        "regenerate-first",
        "full regenerate into an empty directory",
    ),
    ("regenerate-again", "regenerate with nothing changed"),
];

pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(scenario) = &args.scenario {
        return child(scenario, &args.docs, args.out.as_deref());
    }
    let docs = if args.docs.is_empty() {
        let shared = crate::workspace_root().join("../shared/graph-docs");
        vec![shared.join("v1.0"), shared.join("beta")]
    } else {
        args.docs.clone()
    };
    let mut sets: Vec<(String, Vec<PathBuf>)> =
        docs.iter().map(|d| (label(d), vec![d.clone()])).collect();
    if docs.len() > 1 {
        sets.push(("all together".into(), docs.clone()));
    }
    let exe = std::env::current_exe()?;
    let scratch = crate::workspace_root().join("target/bench");
    println!(
        "{:<14} {:>7} {:<18} {:>9} {:>8} {:>10}",
        "docs", "threads", "measurement", "seconds", "× floor", "peak MiB"
    );
    for (name, set) in &sets {
        for &threads in &args.threads {
            let mut floor = None;
            for (scenario, _) in SCENARIOS {
                let out = scratch.join(format!("{}-{threads}", name.replace(' ', "-")));
                let mut best: Option<(f64, u64)> = None;
                for _ in 0..args.runs.max(1) {
                    if *scenario == "regenerate-first" && out.exists() {
                        std::fs::remove_dir_all(&out)?;
                    }
                    let mut cmd = Command::new(&exe);
                    cmd.args(["bench", "--scenario", scenario, "--out"])
                        .arg(&out);
                    for d in set {
                        cmd.arg("--docs").arg(d);
                    }
                    let output = cmd.env("RAYON_NUM_THREADS", threads.to_string()).output()?;
                    if !output.status.success() {
                        bail!(
                            "{scenario} failed: {}",
                            String::from_utf8_lossy(&output.stderr)
                        );
                    }
                    let text = String::from_utf8_lossy(&output.stdout);
                    let mut parts = text.split_whitespace();
                    let secs: f64 = parts.next().context("seconds")?.parse()?;
                    let peak: u64 = parts.next().context("peak")?.parse()?;
                    if best.is_none_or(|(s, _)| secs < s) {
                        best = Some((secs, peak));
                    }
                }
                let (secs, peak) = best.context("a run")?;
                let base = *floor.get_or_insert(secs);
                println!(
                    "{name:<14} {threads:>7} {scenario:<18} {secs:>9.3} {:>8.2} {:>10.0}",
                    secs / base,
                    peak as f64 / 1024.0
                );
            }
        }
    }
    println!();
    for (scenario, what) in SCENARIOS {
        println!("{scenario:<18} {what}");
    }
    if args.compile {
        println!();
        println!(
            "{:<14} {:<34} {:>9}",
            "docs", "compile the generated crate alone", "seconds"
        );
        for d in &docs {
            compile_times(d, &scratch, &args)?;
        }
    }
    Ok(())
}

/// Times `cargo check` and `cargo build` of the generated crate after touching its
/// `lib.rs`, so only the crate itself is rebuilt.
fn compile_times(docs: &Path, scratch: &Path, args: &Args) -> anyhow::Result<()> {
    let name = label(docs);
    let dir = scratch.join(format!("compile-{name}"));
    let crate_dir = dir.join("crate");
    let emitted = generate(docs)?;
    let plan = writer::plan(&crate_dir, &emitted.files)?;
    writer::apply(&crate_dir, &emitted.files, &plan)?;
    let target = dir.join("target");
    let baseline = args
        .compile_baseline
        .as_ref()
        .map(|b| b.join(&name))
        .filter(|b| b.join("Cargo.toml").is_file());
    // Dependencies first, so the figures below are the crate alone.
    for krate in std::iter::once(&crate_dir).chain(&baseline) {
        timed_cargo(krate, &target, &["build", "--no-default-features"])?;
        timed_cargo(krate, &target, &["check", "--no-default-features"])?;
    }
    // Models only (every area, no operations) against `full` (the default: every area
    // with its operations), alternated `runs` times in one sitting, best of each: the
    // machine's load drifts, and alternating spreads the drift over both.
    let models = ["--no-default-features", "--features", "models"];
    let area = format!("{},operations", args.feature);
    let small = ["--no-default-features", "--features", area.as_str()];
    let mut configs: Vec<(String, &Path, Vec<&str>)> = vec![
        (
            CHECK_MODELS.into(),
            &crate_dir,
            [&["check"][..], &models].concat(),
        ),
        (CHECK_FULL.into(), &crate_dir, vec!["check"]),
        (
            BUILD_MODELS.into(),
            &crate_dir,
            [&["build"][..], &models].concat(),
        ),
        (BUILD_FULL.into(), &crate_dir, vec!["build"]),
        (
            format!("cargo check, feature {area}"),
            &crate_dir,
            [&["check"][..], &small].concat(),
        ),
        (
            format!("cargo build, feature {area}"),
            &crate_dir,
            [&["build"][..], &small].concat(),
        ),
    ];
    if let Some(b) = &baseline {
        configs.push((BUILD_BASELINE.into(), b, vec!["build"]));
    }
    let mut best = vec![f64::INFINITY; configs.len()];
    for _ in 0..args.runs.max(1) {
        for ((_, krate, cargo_args), best) in configs.iter().zip(&mut best) {
            *best = best.min(timed_cargo(krate, &target, cargo_args)?);
        }
    }
    let secs_of = |what: &str| {
        configs
            .iter()
            .zip(&best)
            .find(|((w, _, _), _)| w == what)
            .map_or(f64::NAN, |(_, secs)| *secs)
    };
    for ((what, _, _), secs) in configs.iter().zip(&best) {
        println!("{name:<14} {what:<44} {secs:>9.1}");
    }
    for (ratio, of, to) in [
        ("check: full / models only", CHECK_FULL, CHECK_MODELS),
        ("build: full / models only", BUILD_FULL, BUILD_MODELS),
        ("build: full / baseline crate", BUILD_FULL, BUILD_BASELINE),
    ] {
        let ratio_secs = secs_of(of) / secs_of(to);
        if ratio_secs.is_finite() {
            println!("{name:<14} {ratio:<44} {ratio_secs:>9.2}x");
        }
    }
    Ok(())
}

const CHECK_MODELS: &str = "cargo check, models only";
const CHECK_FULL: &str = "cargo check, full";
const BUILD_MODELS: &str = "cargo build, models only";
const BUILD_FULL: &str = "cargo build, full";
const BUILD_BASELINE: &str = "cargo build, baseline crate";

/// One `cargo` run on `krate` after touching its `lib.rs`; wall seconds.
fn timed_cargo(krate: &Path, target: &Path, args: &[&str]) -> anyhow::Result<f64> {
    let lib = krate.join("src/lib.rs");
    let text = std::fs::read(&lib)?;
    std::fs::write(&lib, text)?;
    let start = Instant::now();
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(args)
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(krate.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .env_remove("CARGO_TARGET_DIR")
        // Incremental caches would make a rebuild after touching lib.rs look cheap.
        .env("CARGO_INCREMENTAL", "0")
        .status()?;
    if !status.success() {
        bail!("cargo {args:?} failed");
    }
    Ok(start.elapsed().as_secs_f64())
}

fn label(d: &Path) -> String {
    d.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One measurement in this process; prints wall seconds and peak resident KiB.
fn child(scenario: &str, docs: &[PathBuf], out: Option<&Path>) -> anyhow::Result<()> {
    let start = Instant::now();
    match scenario {
        "floor" => {
            let events: usize = docs
                .par_iter()
                .map(|d| -> anyhow::Result<usize> {
                    let files = pipeline::load_docs(d)?;
                    Ok(files
                        .par_iter()
                        .map(|f| {
                            let text = String::from_utf8_lossy(&f.bytes);
                            pulldown_cmark::Parser::new_ext(
                                &text,
                                pulldown_cmark::Options::ENABLE_TABLES,
                            )
                            .into_offset_iter()
                            .count()
                        })
                        .sum())
                })
                .sum::<anyhow::Result<usize>>()?;
            std::hint::black_box(events);
        }
        "pipeline" => {
            docs.par_iter().try_for_each(|d| -> anyhow::Result<()> {
                let emitted = generate(d)?;
                std::hint::black_box(emitted);
                Ok(())
            })?;
        }
        "regenerate-first" | "regenerate-again" => {
            // The command's own code path, including its run record.
            let out = out.context("--out")?;
            let written: usize = docs
                .par_iter()
                .map(|d| -> anyhow::Result<usize> {
                    let outcome = regenerate::regenerate(
                        d,
                        &out.join(label(d)),
                        None,
                        false,
                        regenerate::Format::Summary,
                        &generator::package::PackageOptions::default(),
                    )?;
                    Ok(match outcome {
                        regenerate::Outcome::Written { changed, removed } => changed + removed,
                        _ => 0,
                    })
                })
                .sum::<anyhow::Result<usize>>()?;
            if scenario == "regenerate-again" && written != 0 {
                bail!("regenerate with nothing changed wrote {written} files");
            }
        }
        "stages" => {
            // Where the pipeline's time goes, one tree at a time (for profiling notes).
            for d in docs {
                let t = Instant::now();
                let files = pipeline::load_docs(d)?;
                let read = t.elapsed().as_secs_f64();
                let t = Instant::now();
                let analysis = pipeline::analyze(&files);
                let analyze = t.elapsed().as_secs_f64();
                let t = Instant::now();
                let emitted = emit_standalone(&analysis.schema)?;
                let emit = t.elapsed().as_secs_f64();
                eprintln!(
                    "{}: read {read:.3} s, pages → schema {analyze:.3} s, schema → formatted Rust {emit:.3} s ({} files)",
                    label(d),
                    emitted.files.len()
                );
            }
        }
        other => bail!("unknown scenario {other}"),
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{secs} {}", peak_kib());
    Ok(())
}

/// Peak resident set size of this process (Linux `VmHWM`), in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmHWM:")?
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse()
                    .ok()
            })
        })
        .unwrap_or(0)
}

/// Reads a docs tree and emits its standalone crate in memory.
fn generate(docs: &Path) -> anyhow::Result<emit::Emitted> {
    let files = pipeline::load_docs(docs)?;
    emit_standalone(&pipeline::analyze(&files).schema)
}

fn emit_standalone(schema: &generator::schema::Schema) -> anyhow::Result<emit::Emitted> {
    let flavor = Flavor::standalone("bench");
    Ok(emit::emit(schema, &flavor, &mut Diagnostics::default())?)
}
