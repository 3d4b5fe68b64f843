//! Build-time regeneration. Inside this repository, when `docs-input/` differs from what
//! the checked-in code was generated from (the fingerprint in `docs-input.fingerprint`),
//! the generator runs and the crate is built from fresh code in OUT_DIR, with a cargo
//! warning. Outside the repository (no `docs-input/`), nothing runs: users need neither
//! the docs nor the generator. std only, so users compile no extra dependencies.

#[path = "build/fingerprint.rs"]
mod fingerprint;

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(graph_regenerated)");
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let workspace = manifest.join("..");
    let docs = workspace.join("docs-input");
    let stamp = manifest.join("docs-input.fingerprint");
    if !docs.is_dir() || !workspace.join("xtask").join("Cargo.toml").is_file() {
        return;
    }
    // A directory makes cargo rerun this script when anything below it changes.
    println!("cargo::rerun-if-changed={}", docs.display());
    println!("cargo::rerun-if-changed={}", stamp.display());
    let recorded = std::fs::read_to_string(&stamp).unwrap_or_default();
    let Ok(current) = fingerprint::fingerprint_dir(&docs) else {
        return;
    };
    if recorded.trim() == current {
        return;
    }
    println!(
        "cargo::warning=docs-input/ changed since generated/ was regenerated; building from code generated now (run `cargo xtask regenerate` to update the checked-in files)"
    );
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("regenerated.rs");
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // A separate target directory: the outer build holds the lock on the main one.
    let target_dir = workspace.join("target").join("build-time-regenerate");
    let status = Command::new(cargo)
        .arg("run")
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(workspace.join("Cargo.toml"))
        .args(["--package", "xtask", "--target-dir"])
        .arg(&target_dir)
        .args([
            "--",
            "regenerate",
            "--diagnostics-format",
            "summary",
            "--single-file",
        ])
        .arg(&out)
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_MAKEFLAGS")
        .status();
    match status {
        Ok(s) if s.success() => println!("cargo::rustc-cfg=graph_regenerated"),
        _ => println!(
            "cargo::warning=regenerating from docs-input/ failed; building the checked-in code"
        ),
    }
}
