//! The `graph-docs` command as a docs repository's CI runs it: changed-pages mode on a
//! real git repository, the baseline ratchet, and exit code 2 with a message for what
//! cannot run.

use std::path::Path;
use std::process::{Command, Output};

const PAGE: &str = "---\ntitle: \"widget resource type\"\ndescription: \"A widget.\"\nms.prod: \"tests\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The id.|\n|size|Int64|The size.|\n";

fn page(name: &str, extra_rows: &str) -> String {
    PAGE.replace("widget", name) + extra_rows
}

fn graph_docs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_graph-docs"))
        .args(args)
        .output()
        .expect("graph-docs runs")
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .expect("git runs")
        .success();
    assert!(ok, "git {args:?}");
}

/// A docs tree of two pages, each with one ragged row (a G0501 warning).
fn tree(dir: &Path) -> std::path::PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("resources")).unwrap();
    for name in ["alpha", "beta"] {
        let text = page(name, &format!("|{name}Ragged|String|\n"));
        std::fs::write(docs.join(format!("resources/{name}.md")), text).unwrap();
    }
    docs
}

fn files_reported(out: &Output) -> Vec<String> {
    let mut files: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["file"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    files.dedup();
    files
}

#[test]
fn changed_since_reports_only_the_changed_page() {
    let dir = tempfile::tempdir().unwrap();
    let docs = tree(dir.path());
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "docs"]);
    let beta = docs.join("resources/beta.md");
    let text = std::fs::read_to_string(&beta).unwrap() + "|more|Int32|Count.|Extra.|\n";
    std::fs::write(&beta, text).unwrap();

    let d = docs.to_str().unwrap();
    let all = graph_docs(&["check", d, "--format", "json"]);
    assert_eq!(
        files_reported(&all),
        ["resources/alpha.md", "resources/beta.md"]
    );
    let changed = graph_docs(&["check", d, "--changed-since", "HEAD", "--format", "json"]);
    assert_eq!(files_reported(&changed), ["resources/beta.md"]);
    assert_eq!(changed.status.code(), Some(1));
    // Pages named on the command line, from here or relative to the tree.
    let named = graph_docs(&["check", d, "resources/alpha.md", "--format", "json"]);
    assert_eq!(files_reported(&named), ["resources/alpha.md"]);
    let bad_rev = graph_docs(&["check", d, "--changed-since", "no-such-branch"]);
    assert_eq!(bad_rev.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad_rev.stderr).contains("`no-such-branch` is not a revision")
    );
}

#[test]
fn baseline_ratchet() {
    let dir = tempfile::tempdir().unwrap();
    let docs = tree(dir.path());
    let d = docs.to_str().unwrap();
    let base = dir.path().join("baseline.json");
    let b = base.to_str().unwrap();
    assert_eq!(
        graph_docs(&["check", d, "--write-baseline", b])
            .status
            .code(),
        Some(0)
    );
    let check = || graph_docs(&["check", d, "--baseline", b, "--format", "json"]);
    // Unchanged: passes.
    assert_eq!(check().status.code(), Some(0));
    // A moved line is not new.
    let alpha = docs.join("resources/alpha.md");
    let text = std::fs::read_to_string(&alpha).unwrap();
    let moved = text.replacen(
        "|id|String|The id.|\n",
        "|id|String|The id.|\n|name|String|The name.|\n",
        1,
    );
    std::fs::write(&alpha, &moved).unwrap();
    let out = check();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A new defect fails, and only it is reported.
    std::fs::write(&alpha, moved.clone() + "|wide|Int32|Count.|Extra.|\n").unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    // A fixed defect is reported so that the baseline can shrink.
    std::fs::write(&alpha, moved.replace("|alphaRagged|String|\n", "")).unwrap();
    let out = check();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("fixed (remove from the baseline): resources/alpha.md")
    );
}

#[test]
fn what_cannot_run_exits_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let docs = tree(dir.path());
    let d = docs.to_str().unwrap();
    let stderr = |o: &Output| String::from_utf8_lossy(&o.stderr).into_owned();

    let file = docs.join("resources/alpha.md");
    let out = graph_docs(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not a directory"),
        "{}",
        stderr(&out)
    );

    let base = dir.path().join("b.json");
    for (text, why) in [
        ("not json", "is not JSON"),
        ("{\"version\": 9, \"diagnostics\": []}", "has version 9"),
        ("{}", "has no `version`"),
    ] {
        std::fs::write(&base, text).unwrap();
        let out = graph_docs(&["check", d, "--baseline", base.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
    }

    // No repository around the tree (a temp dir), and no git at all.
    let out = graph_docs(&["check", d, "--changed-since", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not in a git repository"),
        "{}",
        stderr(&out)
    );
    let out = Command::new(env!("CARGO_BIN_EXE_graph-docs"))
        .args(["check", d, "--changed-since", "HEAD"])
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is git installed?"),
        "{}",
        stderr(&out)
    );
}
