//! Running the stages over a docs tree, in parallel by page.

use std::collections::BTreeSet;
use std::io;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::facts;
use crate::reader::{self, read_page};
use crate::schema::{self, Example, Schema};

/// One input file: its path relative to the docs root and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: Arc<str>,
    pub bytes: Vec<u8>,
}

/// Reads every `*.md` file under `root`, sorted by path.
pub fn load_docs(root: &Path) -> io::Result<Vec<SourceFile>> {
    let mut paths = Vec::new();
    crate::fingerprint::collect(root, root, "md", &mut paths)?;
    paths.sort();
    paths
        .into_par_iter()
        .map(|rel| {
            let bytes = std::fs::read(root.join(&rel))?;
            Ok(SourceFile {
                path: Arc::from(rel.as_str()),
                bytes,
            })
        })
        .collect()
}

/// Everything the docs say, with the problems found.
#[derive(Debug)]
pub struct Analysis {
    pub schema: Schema,
    pub examples: Vec<Example>,
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
}

/// Reads and interprets every page, then builds the schema.
pub fn analyze(files: &[SourceFile]) -> Analysis {
    // Namespaces some page declares: a page without a `Namespace:` line may be named
    // after one (`enums-managedtenants.md`). A plain scan, so that each page can then be
    // read and interpreted in one go and its memory reused.
    let namespaces: BTreeSet<String> = files
        .par_iter()
        .filter_map(|f| reader::declared_namespace(&f.bytes))
        .collect();
    // Files under `includes/` are shown inside pages (`[!INCLUDE]`), not pages: read
    // once here, their problems reported once, at their own lines.
    let (include_files, page_files): (Vec<&SourceFile>, Vec<&SourceFile>) =
        files.iter().partition(|f| facts::is_include_file(&f.path));
    let mut diags = Diagnostics::default();
    let mut include_pages = Vec::new();
    for f in include_files {
        let (page, d) = read_page(f.path.clone(), &f.bytes);
        diags.extend(d);
        include_pages.push(page);
    }
    let includes = facts::Includes::new(include_pages);
    let per_page: Vec<_> = page_files
        .par_iter()
        .map(|f| {
            let (page, mut diags) = read_page(f.path.clone(), &f.bytes);
            let facts = facts::collect(&page, &namespaces, &includes, &mut diags);
            (facts, diags)
        })
        .collect();
    let mut facts = Vec::with_capacity(per_page.len());
    for (f, d) in per_page {
        facts.push(f);
        diags.extend(d);
    }
    let (schema, examples) = schema::build(facts, &mut diags);
    Analysis {
        schema,
        examples,
        diagnostics: diags.into_sorted(),
        pages: page_files.len(),
    }
}

/// The package name of a standalone crate written to `out`: its folder name, made a valid
/// crate name (`graph-models` when nothing is left).
pub fn standalone_crate_name(out: &Path) -> String {
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
