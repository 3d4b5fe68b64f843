//! The emitted Rust for `docs-input/`: the checked-in crate in `generated/` is its one
//! snapshot. Every emitted file is checked there, byte for byte, with a diff on failure
//! (like `cargo xtask regenerate --check` in CI); pull requests show the change in
//! `generated/` itself, so a second copy under insta would only duplicate it.

use generator::diagnostics::Diagnostics;
use generator::emit::{self, Flavor};
use generator::{fingerprint, writer};
use tests::{assert_same_text, docs_input, docs_input_analysis, root};

fn emitted() -> emit::Emitted {
    let flavor = Flavor::Workspace {
        fingerprint: fingerprint::fingerprint_dir(&docs_input()).expect("docs-input is readable"),
    };
    emit::emit(
        &docs_input_analysis().schema,
        &flavor,
        &mut Diagnostics::default(),
    )
    .expect("emits")
}

/// `cargo test` fails when generated/ is stale, like `cargo xtask regenerate --check`,
/// and shows how.
#[test]
fn checked_in_crate_is_up_to_date() {
    let generated = root().join("generated");
    let files = emitted().files;
    let plan = writer::plan(&generated, &files).expect("generated/ is readable");
    if plan.is_clean() {
        return;
    }
    let mut report = String::new();
    for rel in &plan.changed {
        let on_disk = std::fs::read_to_string(generated.join(rel)).unwrap_or_default();
        let diff = similar::TextDiff::from_lines(&on_disk, &files[rel]);
        report.push_str(&format!(
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&format!("generated/{rel}"), "emitted")
        ));
    }
    for rel in &plan.orphans {
        report.push_str(&format!("generated/{rel} is no longer generated\n"));
    }
    panic!("generated/ is stale, run `cargo xtask regenerate`:\n{report}");
}

#[test]
fn every_file_carries_the_header() {
    for (path, content) in emitted().files {
        if path.ends_with(".rs") {
            assert!(content.starts_with(emit::HEADER), "{path}");
        }
    }
}

/// Output does not depend on how many threads did the work.
#[test]
fn output_is_identical_with_one_thread_and_many() {
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        pool.install(|| {
            let analysis = generator::pipeline::analyze(tests::docs_input_files());
            let schema = serde_json::to_string_pretty(&analysis.schema).expect("schema serializes");
            let mut diags = Diagnostics::default();
            let files =
                emit::emit(&analysis.schema, &Flavor::standalone("x"), &mut diags).expect("emits");
            let mut all = analysis.diagnostics;
            all.extend(diags.into_sorted());
            format!("{schema}\n{}", tests::run_text(&files.files, &all))
        })
    };
    assert_same_text("runs on 1 and 8 threads", &run(1), &run(8));
}

/// The single-file form the build script compiles when docs-input/ changed is Rust.
#[test]
fn single_file_form_parses() {
    let text = emit::emit_single_file(&docs_input_analysis().schema, &mut Diagnostics::default())
        .expect("emits");
    if let Err(e) = syn::parse_file(&text) {
        panic!("the single-file form is not Rust: {e}");
    }
}

/// The standalone flavor with every package option given: the manifest, the NOTICE and
/// the crate docs (quick start and attribution) that `cargo package` would ship.
#[test]
fn standalone_crate_carries_its_package_metadata_and_attribution() {
    use generator::package::{Package, PackageOptions, Snapshot, SnapshotIn};
    let options = PackageOptions {
        crate_name: Some("contoso-graph".into()),
        crate_version: Some("1.2.0".into()),
        snapshot_in: SnapshotIn::Build,
        description: None,
        repository: Some("https://example.com/contoso/graph".into()),
        keywords: Some(vec!["graph".into(), "contoso".into()]),
        categories: Some(vec!["api-bindings".into()]),
        license: None,
    };
    let snapshot = Snapshot::Git {
        commit: "0123456789abcdef0123456789abcdef01234567".into(),
        date: "2021-07-01".into(),
    };
    let out = std::path::Path::new("/tmp/contoso");
    let package = Package::resolve(
        &options,
        &docs_input(),
        tests::docs_input_files(),
        out,
        snapshot,
    )
    .expect("valid options");
    let files = emit::emit(
        &docs_input_analysis().schema,
        &Flavor::Standalone(Box::new(package)),
        &mut Diagnostics::default(),
    )
    .expect("emits")
    .files;
    let manifest = &files["Cargo.toml"];
    // crates.io refuses path dependencies; a standalone crate has no workspace to inherit.
    assert!(!manifest.contains("path ="), "{manifest}");
    assert!(!manifest.contains(".workspace"), "{manifest}");
    let lib = &files["src/lib.rs"];
    let lib_header = lib
        .split_once("\n#![cfg_attr(docsrs, feature(doc_cfg))]")
        .map_or(lib.as_str(), |(head, _)| head);
    let package_section = manifest
        .split_once("[dependencies]")
        .map_or(manifest.as_str(), |(head, _)| head);
    insta::assert_snapshot!(format!(
        "== Cargo.toml (up to [dependencies])\n{package_section}\n== NOTICE\n{}\n== src/lib.rs (crate docs)\n{lib_header}\n",
        files["NOTICE"]
    ));
}
