//! Which pages a pull request touches: the pages named on the command line, or those
//! `git` says changed since a revision (committed, staged, unstaged or untracked).

use std::path::Path;
use std::process::Command;

use super::CheckError;

/// Pages (relative to `docs`, `/`-separated) that differ from `rev`, by `git` run in
/// `docs`.
pub fn changed_since(docs: &Path, rev: &str) -> Result<Vec<String>, CheckError> {
    if rev.starts_with('-') {
        return Err(CheckError::Git(format!("`{rev}` is not a revision")));
    }
    let verify = git(
        docs,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )?;
    if verify.is_none() {
        return Err(CheckError::Git(format!(
            "`{rev}` is not a revision of the repository at {}",
            docs.display()
        )));
    }
    let diff = git(docs, &["diff", "--name-only", "--relative", rev, "--"])?;
    let untracked = git(docs, &["ls-files", "--others", "--exclude-standard"])?;
    let mut pages: Vec<String> = [diff, untracked]
        .into_iter()
        .flatten()
        .flat_map(|out| out.lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|p| p.ends_with(".md"))
        .collect();
    pages.sort();
    pages.dedup();
    Ok(pages)
}

/// Runs git in `dir`: `Some(stdout)` on success, `None` when git ran and said no; an
/// error when git is missing or `dir` is not in a repository.
fn git(dir: &Path, args: &[&str]) -> Result<Option<String>, CheckError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| CheckError::Git(format!("cannot run `git` ({e}); is git installed?")))?;
    if out.status.success() {
        return Ok(Some(String::from_utf8_lossy(&out.stdout).into_owned()));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("not a git repository") {
        return Err(CheckError::Git(format!(
            "{} is not in a git repository",
            dir.display()
        )));
    }
    if stderr.trim().is_empty() {
        return Ok(None);
    }
    Err(CheckError::Git(format!(
        "`git {}` failed: {}",
        args.join(" "),
        stderr.trim()
    )))
}

/// A page named on the command line, as a path relative to the docs root: a path to the
/// file from the current directory, or already relative to the root.
pub fn relative_page(docs: &Path, page: &Path) -> String {
    let relative = match (page.canonicalize(), docs.canonicalize()) {
        (Ok(p), Ok(d)) => p.strip_prefix(&d).map(Path::to_path_buf).ok(),
        _ => None,
    };
    let p = relative.unwrap_or_else(|| page.to_path_buf());
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
