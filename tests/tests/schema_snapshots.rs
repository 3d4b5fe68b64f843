//! The schema and diagnostics of every page in `docs-input/`, under snapshot.
//! Review changes with `cargo insta review`.

use generator::diagnostics::Diagnostic;
use serde::Serialize;
use tests::docs_input_analysis;

#[derive(Serialize)]
struct PageView<'a> {
    types: Vec<&'a generator::schema::TypeDef>,
    enums: Vec<&'a generator::schema::EnumDef>,
    operations: Vec<&'a generator::schema::Operation>,
    diagnostics: Vec<String>,
}

fn from_page(sources: &[generator::diagnostics::Origin], page: &str) -> bool {
    sources.iter().any(|o| &*o.file == page)
}

/// One snapshot per page; every mismatch is reported, not only the first.
#[test]
fn schema_of_each_page() {
    let analysis = docs_input_analysis();
    let docs = tests::docs_input()
        .canonicalize()
        .expect("docs-input exists");
    insta::glob!("../../docs-input", "**/*.md", |path| {
        let rel = path.strip_prefix(&docs).expect("a page under docs-input/");
        let page = rel.to_str().expect("UTF-8 path").replace('\\', "/");
        insta::assert_json_snapshot!("schema", page_view(analysis, &page));
    });
}

fn page_view<'a>(analysis: &'a generator::pipeline::Analysis, page: &str) -> PageView<'a> {
    let schema = &analysis.schema;
    PageView {
        types: schema
            .types
            .iter()
            .filter(|t| {
                from_page(&t.sources, page)
                    || t.properties.iter().any(|p| from_page(&p.sources, page))
            })
            .collect(),
        enums: schema
            .enums
            .iter()
            .filter(|e| from_page(&e.sources, page))
            .collect(),
        operations: schema
            .operations
            .iter()
            .filter(|o| from_page(&o.sources, page))
            .collect(),
        diagnostics: analysis
            .diagnostics
            .iter()
            .filter(|d| &*d.file == page)
            .map(Diagnostic::to_string)
            .collect(),
    }
}

/// The whole schema in the `--schema` JSON form.
#[test]
fn whole_schema() {
    insta::assert_json_snapshot!("schema@all", docs_input_analysis().schema);
}
