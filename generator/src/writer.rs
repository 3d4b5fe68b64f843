//! Writing the emitted crate: only files whose content changes are written (so cargo
//! rebuilds nothing after a no-op run), each through a temporary file and a rename,
//! and nothing is touched until every file has been produced. Check mode writes nothing
//! and lists every stale file.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// The state of the output directory compared with what should be there.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files to create or overwrite.
    pub changed: Vec<String>,
    /// Generated files on disk that are no longer produced (orphans; not to be confused
    /// with a stale output, one that differs from what would be generated).
    pub orphans: Vec<String>,
    pub unchanged: usize,
}

impl Plan {
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.orphans.is_empty()
    }
}

/// Files a previous run generated: `*.rs` under `src/` carrying the header.
pub(crate) fn generated_on_disk(root: &Path) -> io::Result<Vec<String>> {
    let mut all = Vec::new();
    let src = root.join("src");
    if src.is_dir() {
        crate::fingerprint::collect(root, &src, "rs", &mut all)?;
    }
    let header = crate::emit::HEADER.trim_end();
    Ok(all
        .into_iter()
        .filter(|rel| {
            std::fs::read_to_string(root.join(rel)).is_ok_and(|text| text.starts_with(header))
        })
        .collect())
}

/// Compares `files` with what is under `root`.
pub fn plan(root: &Path, files: &BTreeMap<String, String>) -> io::Result<Plan> {
    let mut plan = Plan::default();
    for (rel, content) in files {
        match std::fs::read(root.join(rel)) {
            Ok(existing) if existing == content.as_bytes() => plan.unchanged += 1,
            _ => plan.changed.push(rel.clone()),
        }
    }
    for rel in generated_on_disk(root)? {
        if !files.contains_key(&rel) {
            plan.orphans.push(rel);
        }
    }
    plan.orphans.sort();
    Ok(plan)
}

/// Applies a plan: stages every changed file next to its target, then renames them all
/// into place and removes orphaned files.
pub fn apply(root: &Path, files: &BTreeMap<String, String>, plan: &Plan) -> io::Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for rel in &plan.changed {
            let target = root.join(rel);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let tmp = target.with_extension(format!(
                "{}.tmp-regenerate",
                target.extension().and_then(|e| e.to_str()).unwrap_or("")
            ));
            std::fs::write(&tmp, &files[rel])?;
            staged.push((tmp, target));
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(e);
    }
    for (tmp, target) in &staged {
        std::fs::rename(tmp, target)?;
    }
    for rel in &plan.orphans {
        std::fs::remove_file(root.join(rel))?;
        // Remove directories left empty.
        let mut dir = root.join(rel);
        while dir.pop() && dir != root {
            if std::fs::remove_dir(&dir).is_err() {
                break;
            }
        }
    }
    Ok(())
}
