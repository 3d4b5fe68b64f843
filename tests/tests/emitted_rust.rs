//! The emitted Rust for `docs-input/`, under snapshot, and the checked-in crate kept in
//! step with it.

use generator::diagnostics::Diagnostics;
use generator::emit::{self, Flavor};
use generator::{fingerprint, writer};
use tests::{docs_input, docs_input_analysis, root};

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

#[test]
fn each_emitted_module() {
    for (path, content) in emitted().files {
        if path.ends_with(".rs") {
            insta::assert_snapshot!(format!("rust@{}", path.replace('/', "__")), content);
        }
    }
}

/// `cargo test` fails when generated/ is stale, like `cargo xtask regenerate --check`.
#[test]
fn checked_in_crate_is_up_to_date() {
    let plan =
        writer::plan(&root().join("generated"), &emitted().files).expect("generated/ is readable");
    assert!(
        plan.is_clean(),
        "generated/ is stale, run `cargo xtask regenerate`: {plan:?}"
    );
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
            let schema = serde_json::to_string(&analysis.schema).expect("schema serializes");
            let files = emit::emit(
                &analysis.schema,
                &Flavor::Standalone { name: "x".into() },
                &mut Diagnostics::default(),
            )
            .expect("emits");
            (schema, files, analysis.diagnostics)
        })
    };
    assert!(run(1) == run(8));
}
