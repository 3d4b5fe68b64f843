//! What a standalone generated crate says about itself: its name, version and crates.io
//! metadata, and the docs snapshot it was generated from (README "Publishing a generated
//! crate"). The emitter writes these into `Cargo.toml`, `NOTICE` and the crate docs; the
//! commands resolve them here from their options and the docs tree.

use std::path::Path;
use std::process::Command;

use crate::pipeline::SourceFile;

/// The licence of the generated crate: the project's own (MIT) for the code, CC BY 4.0
/// for the descriptions taken from the reference pages (see `NOTICE`).
pub const DEFAULT_LICENSE: &str = "MIT AND CC-BY-4.0";
/// Base version of a crate when `--crate-version` is not given.
pub const DEFAULT_VERSION: &str = "0.1.0";
const DEFAULT_KEYWORDS: &[&str] = &[
    "microsoft-graph",
    "msgraph",
    "graph-api",
    "office365",
    "serde",
];
const DEFAULT_CATEGORIES: &[&str] = &["api-bindings", "web-programming::http-client"];
/// Where the descriptions come from (the NOTICE and the crate docs name it).
pub const SOURCE_REPOSITORY: &str = "https://github.com/microsoftgraph/microsoft-graph-docs";

/// The docs tree a crate was generated from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Snapshot {
    /// A git checkout with no uncommitted change under the tree: its commit and the
    /// commit's date (`YYYY-MM-DD`).
    Git { commit: String, date: String },
    /// Anything else (a copy, an archive, a modified checkout): the fingerprint of every
    /// page's path and bytes ([`crate::fingerprint`]).
    Content { hash: String },
}

impl Snapshot {
    /// The snapshot of `docs`, whose pages are `files`: `git` is asked for the commit of a
    /// clean checkout; without git, outside a repository or with changes, the content hash.
    pub fn detect(docs: &Path, files: &[SourceFile]) -> Snapshot {
        git_snapshot(docs).unwrap_or_else(|| Snapshot::Content {
            hash: crate::fingerprint::fingerprint_files(
                files.iter().map(|f| (&*f.path, f.bytes.as_slice())),
            ),
        })
    }

    /// The dot-separated identifiers that name the snapshot in a version:
    /// `docs.2021-07-01.g1a2b3c4d5e6f` or `docs.h0123456789abcdef`. The `g`/`h` prefix keeps
    /// an all-digit commit or hash with a leading zero a valid semver identifier.
    pub fn version_identifiers(&self) -> String {
        match self {
            Snapshot::Git { commit, date } => {
                format!("docs.{date}.g{}", &commit[..commit.len().min(12)])
            }
            Snapshot::Content { hash } => format!("docs.h{hash}"),
        }
    }

    /// For people, briefly: `commit 1a2b3c4d5e6f of 2021-07-01` or `content hash 0123…`.
    pub fn short(&self) -> String {
        match self {
            Snapshot::Git { commit, date } => {
                format!("commit {} of {date}", &commit[..commit.len().min(12)])
            }
            Snapshot::Content { hash } => format!("content hash {hash}"),
        }
    }

    /// For people, in full: the whole commit id, or how the hash is computed.
    pub fn describe(&self) -> String {
        match self {
            Snapshot::Git { commit, date } => format!("commit {commit} of {date}"),
            Snapshot::Content { hash } => {
                format!("content hash {hash} (FNV-1a over every page's path and bytes)")
            }
        }
    }
}

/// `git` run in `dir`; `None` if it cannot run or fails.
fn git_output(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The commit of `docs` when it is tracked in a git checkout with nothing changed,
/// added or removed under it.
fn git_snapshot(docs: &Path) -> Option<Snapshot> {
    let tracked = git_output(docs, &["ls-files", "--", "."])?;
    let status = git_output(docs, &["status", "--porcelain", "--", "."])?;
    if tracked.is_empty() || !status.is_empty() {
        return None;
    }
    let commit = git_output(docs, &["rev-parse", "HEAD"])?;
    let date = git_output(docs, &["log", "-1", "--format=%cs", "HEAD"])?;
    let valid = commit.len() >= 7 && commit.bytes().all(|b| b.is_ascii_hexdigit());
    (valid && date.len() == 10).then_some(Snapshot::Git { commit, date })
}

/// Where the snapshot goes in the crate's version.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum SnapshotIn {
    /// Build metadata (`0.1.0+docs.…`): shown by cargo, ignored when resolving versions.
    #[default]
    Build,
    /// A pre-release (`0.1.0-docs.…`): each snapshot a distinct, ordered version, but
    /// only selected by a requirement that names a pre-release.
    PreRelease,
    /// Not in the version (the NOTICE and the crate docs still name it).
    None,
}

/// The crate's name, version and metadata as given on the command line.
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "cli", derive(clap::Args))]
pub struct PackageOptions {
    /// Crate name [default: graph-v1 or graph-beta from the docs tree's folder
    /// (`v1.0`, `beta`) or its pages' request URLs, else from --out's folder].
    #[cfg_attr(feature = "cli", arg(long, value_name = "NAME"))]
    pub crate_name: Option<String>,
    /// Base version, semver of the generated API (README "Versions") [default: 0.1.0].
    #[cfg_attr(feature = "cli", arg(long, value_name = "SEMVER"))]
    pub crate_version: Option<String>,
    /// Where the version names the docs snapshot (git commit and date, or content hash).
    #[cfg_attr(feature = "cli", arg(long, value_enum, default_value = "build"))]
    pub snapshot_in: SnapshotIn,
    /// `description` in Cargo.toml [default: names the Graph version and the snapshot].
    #[cfg_attr(feature = "cli", arg(long, value_name = "TEXT"))]
    pub description: Option<String>,
    /// `repository` URL in Cargo.toml [default: none].
    #[cfg_attr(feature = "cli", arg(long, value_name = "URL"))]
    pub repository: Option<String>,
    /// crates.io keywords, comma-separated, at most 5
    /// [default: microsoft-graph,msgraph,graph-api,office365,serde].
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ',', value_name = "LIST"))]
    pub keywords: Option<Vec<String>>,
    /// crates.io category slugs, comma-separated
    /// [default: api-bindings,web-programming::http-client].
    #[cfg_attr(feature = "cli", arg(long, value_delimiter = ',', value_name = "LIST"))]
    pub categories: Option<Vec<String>>,
    /// SPDX licence expression [default: MIT AND CC-BY-4.0: the generator's code is MIT,
    /// the descriptions CC BY 4.0].
    #[cfg_attr(feature = "cli", arg(long, value_name = "SPDX"))]
    pub license: Option<String>,
}

/// An option that crates.io or cargo would refuse.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PackageError {
    #[error(
        "crate name `{0}`: use ASCII letters, digits, `-` and `_`, start with a letter, at most 64 characters"
    )]
    Name(String),
    #[error(
        "crate version `{0}`: expected semver MAJOR.MINOR.PATCH, optionally with -pre-release and +build"
    )]
    Version(String),
    #[error(
        "keyword `{0}`: use ASCII letters, digits, `-`, `_` and `+`, start with a letter, at most 20 characters"
    )]
    Keyword(String),
    #[error("{0} keywords given; crates.io takes at most 5")]
    TooManyKeywords(usize),
}

/// Everything the emitter writes about a standalone crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub name: String,
    /// The full version, snapshot included (per [`SnapshotIn`]).
    pub version: String,
    pub description: String,
    pub repository: Option<String>,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    pub license: String,
    pub snapshot: Snapshot,
    /// `v1.0`, `beta`, or `None` when the tree does not say.
    pub graph_version: Option<String>,
}

impl Package {
    /// Resolves `options` for the tree `docs` (pages `files`, snapshot `snapshot`) written
    /// to `out`, applying the defaults and checking what crates.io would refuse.
    pub fn resolve(
        options: &PackageOptions,
        docs: &Path,
        files: &[SourceFile],
        out: &Path,
        snapshot: Snapshot,
    ) -> Result<Package, PackageError> {
        let graph_version = graph_version(docs, files);
        let name = match (&options.crate_name, &graph_version) {
            (Some(n), _) => n.clone(),
            (None, Some(v)) => default_name(v),
            (None, None) => crate::pipeline::standalone_crate_name(out),
        };
        check_name(&name)?;
        let base = options.crate_version.as_deref().unwrap_or(DEFAULT_VERSION);
        let version = with_snapshot(base, &snapshot, options.snapshot_in)?;
        let keywords = match &options.keywords {
            Some(k) => k.clone(),
            None => DEFAULT_KEYWORDS.iter().map(|k| k.to_string()).collect(),
        };
        check_keywords(&keywords)?;
        let description = options.description.clone().unwrap_or_else(|| {
            let of = graph_version
                .as_deref()
                .map_or(String::new(), |v| format!(" {v}"));
            format!(
                "Typed serde models and requests of Microsoft Graph{of}, generated from its REST API reference (docs {}).",
                snapshot.short()
            )
        });
        Ok(Package {
            name,
            version,
            description,
            repository: options.repository.clone(),
            keywords,
            categories: options
                .categories
                .clone()
                .unwrap_or_else(|| DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect()),
            license: options
                .license
                .clone()
                .unwrap_or_else(|| DEFAULT_LICENSE.to_string()),
            snapshot,
            graph_version,
        })
    }

    /// Defaults for a crate named `name` (tests and tools that only need a crate).
    pub fn named(name: &str) -> Package {
        Package {
            name: name.to_string(),
            version: DEFAULT_VERSION.to_string(),
            description: "Typed serde models and requests of Microsoft Graph.".to_string(),
            repository: None,
            keywords: Vec::new(),
            categories: Vec::new(),
            license: DEFAULT_LICENSE.to_string(),
            snapshot: Snapshot::Content {
                hash: "unknown".to_string(),
            },
            graph_version: None,
        }
    }
}

/// `v1.0` → `graph-v1`, `beta` → `graph-beta`.
fn default_name(graph_version: &str) -> String {
    let short = graph_version.strip_suffix(".0").unwrap_or(graph_version);
    format!("graph-{short}")
}

/// The Graph version the tree documents: its folder's name when that is `v1.0` or `beta`,
/// else the version most of its pages' request URLs name.
fn graph_version(docs: &Path, files: &[SourceFile]) -> Option<String> {
    let folder = docs
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()));
    if let Some(f) = folder.filter(|f| f == "v1.0" || f == "beta") {
        return Some(f);
    }
    let count = |v: &str| {
        let needle = format!("graph.microsoft.com/{v}/");
        files
            .iter()
            .filter(|f| String::from_utf8_lossy(&f.bytes).contains(&needle))
            .count()
    };
    let (v1, beta) = (count("v1.0"), count("beta"));
    match (v1, beta) {
        (0, 0) => None,
        _ if v1 >= beta => Some("v1.0".to_string()),
        _ => Some("beta".to_string()),
    }
}

/// `base` with the snapshot's identifiers added where `place` says.
pub fn with_snapshot(
    base: &str,
    snapshot: &Snapshot,
    place: SnapshotIn,
) -> Result<String, PackageError> {
    check_version(base)?;
    let ids = snapshot.version_identifiers();
    let (sep, has) = match place {
        SnapshotIn::None => return Ok(base.to_string()),
        SnapshotIn::Build => ('+', base.contains('+')),
        SnapshotIn::PreRelease if base.contains('+') => {
            // The pre-release comes before the build metadata.
            let (core, build) = base.split_once('+').unwrap_or((base, ""));
            let pre = with_snapshot(core, snapshot, place)?;
            return Ok(format!("{pre}+{build}"));
        }
        SnapshotIn::PreRelease => ('-', base.contains('-')),
    };
    Ok(if has {
        format!("{base}.{ids}")
    } else {
        format!("{base}{sep}{ids}")
    })
}

/// Semver as cargo takes it: `MAJOR.MINOR.PATCH[-pre][+build]`, numbers without leading
/// zeros, identifiers of ASCII letters, digits and `-`.
fn check_version(v: &str) -> Result<(), PackageError> {
    let bad = || PackageError::Version(v.to_string());
    let (rest, build) = match v.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (v, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let numeric = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let identifiers = |s: &str| {
        s.split('.')
            .all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    };
    let parts: Vec<&str> = core.split('.').collect();
    let ok = parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(identifiers)
        && build.is_none_or(identifiers);
    ok.then_some(()).ok_or_else(bad)
}

fn check_name(name: &str) -> Result<(), PackageError> {
    let ok = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then_some(())
        .ok_or_else(|| PackageError::Name(name.to_string()))
}

fn check_keywords(keywords: &[String]) -> Result<(), PackageError> {
    if keywords.len() > 5 {
        return Err(PackageError::TooManyKeywords(keywords.len()));
    }
    for k in keywords {
        let ok = k.len() <= 20
            && k.starts_with(|c: char| c.is_ascii_alphabetic())
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+'));
        if !ok {
            return Err(PackageError::Keyword(k.clone()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.com",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .env("GIT_COMMITTER_DATE", "2021-07-01T12:00:00Z")
            .env("GIT_AUTHOR_DATE", "2021-07-01T12:00:00Z")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    fn page(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// A clean git checkout is named by its commit and the commit's date; a change under
    /// the tree (or no repository at all) falls back to the content hash.
    #[test]
    fn the_snapshot_is_the_commit_of_a_clean_checkout_else_the_content_hash() {
        let repo = tempfile::tempdir().unwrap();
        let docs = repo.path().join("v1.0");
        std::fs::create_dir_all(docs.join("api")).unwrap();
        std::fs::write(docs.join("api/a.md"), "# A\n").unwrap();
        let files = [page("api/a.md", "# A\n")];
        let hash = Snapshot::Content {
            hash: crate::fingerprint::fingerprint_files(
                files.iter().map(|f| (&*f.path, f.bytes.as_slice())),
            ),
        };
        assert_eq!(Snapshot::detect(&docs, &files), hash, "not a repository");

        git(repo.path(), &["init", "-q"]);
        git(repo.path(), &["add", "."]);
        git(repo.path(), &["commit", "-q", "-m", "pages"]);
        let Snapshot::Git { commit, date } = Snapshot::detect(&docs, &files) else {
            panic!("a clean checkout is named by its commit");
        };
        assert_eq!(date, "2021-07-01");
        assert_eq!(commit.len(), 40);

        std::fs::write(docs.join("api/b.md"), "# B\n").unwrap();
        assert_eq!(Snapshot::detect(&docs, &files), hash, "an untracked page");
    }

    #[test]
    fn the_snapshot_goes_into_build_metadata_or_pre_release() {
        let git = Snapshot::Git {
            commit: "0123456789abcdef0123".into(),
            date: "2021-07-01".into(),
        };
        let hash = Snapshot::Content {
            hash: "00ff00ff00ff00ff".into(),
        };
        let v = |base, s: &Snapshot, place| with_snapshot(base, s, place).unwrap();
        assert_eq!(
            v("0.1.0", &git, SnapshotIn::Build),
            "0.1.0+docs.2021-07-01.g0123456789ab"
        );
        assert_eq!(
            v("1.2.3", &hash, SnapshotIn::PreRelease),
            "1.2.3-docs.h00ff00ff00ff00ff"
        );
        assert_eq!(
            v("1.2.3-rc.1+x", &hash, SnapshotIn::PreRelease),
            "1.2.3-rc.1.docs.h00ff00ff00ff00ff+x"
        );
        assert_eq!(
            v("1.2.3+x", &hash, SnapshotIn::Build),
            "1.2.3+x.docs.h00ff00ff00ff00ff"
        );
        assert_eq!(v("2.0.0", &git, SnapshotIn::None), "2.0.0");
        for bad in ["1.2", "01.2.3", "1.2.3-", "1.2.3+a..b", "v1.2.3", "1.2.3-ä"] {
            assert_eq!(
                with_snapshot(bad, &git, SnapshotIn::Build),
                Err(PackageError::Version(bad.into())),
                "{bad}"
            );
        }
    }

    #[test]
    fn defaults_name_the_graph_version_and_options_override_them() {
        let scratch = tempfile::tempdir().unwrap();
        let hash = Snapshot::Content {
            hash: "00ff00ff00ff00ff".into(),
        };
        let out = scratch.path().join("my-out");
        let resolve = |docs: &str, files: &[SourceFile], options: &PackageOptions| {
            let docs = scratch.path().join(docs);
            std::fs::create_dir_all(&docs).unwrap();
            Package::resolve(options, &docs, files, &out, hash.clone())
        };
        let defaults = PackageOptions::default();
        let p = resolve("beta", &[], &defaults).unwrap();
        assert_eq!(p.name, "graph-beta");
        assert_eq!(p.version, "0.1.0+docs.h00ff00ff00ff00ff");
        assert_eq!(p.license, DEFAULT_LICENSE);
        assert_eq!(p.keywords.len(), 5);
        assert!(p.description.contains("Graph beta"), "{}", p.description);
        assert_eq!(resolve("v1.0", &[], &defaults).unwrap().name, "graph-v1");
        let v1_pages = [page("a.md", "GET https://graph.microsoft.com/v1.0/me")];
        assert_eq!(
            resolve("docs", &v1_pages, &defaults).unwrap().name,
            "graph-v1"
        );
        assert_eq!(resolve("docs", &[], &defaults).unwrap().name, "my-out");

        let options = PackageOptions {
            crate_name: Some("contoso-graph".into()),
            crate_version: Some("2.1.0".into()),
            snapshot_in: SnapshotIn::None,
            repository: Some("https://example.com/r".into()),
            keywords: Some(vec!["graph".into()]),
            ..PackageOptions::default()
        };
        let p = resolve("beta", &[], &options).unwrap();
        assert_eq!(
            (p.name.as_str(), p.version.as_str(), p.keywords.as_slice()),
            ("contoso-graph", "2.1.0", ["graph".to_string()].as_slice())
        );
        assert_eq!(p.repository.as_deref(), Some("https://example.com/r"));

        let bad_name = PackageOptions {
            crate_name: Some("9lives".into()),
            ..PackageOptions::default()
        };
        assert_eq!(
            resolve("beta", &[], &bad_name),
            Err(PackageError::Name("9lives".into()))
        );
        let many = PackageOptions {
            keywords: Some(vec!["a".into(); 6]),
            ..PackageOptions::default()
        };
        assert_eq!(
            resolve("beta", &[], &many),
            Err(PackageError::TooManyKeywords(6))
        );
    }
}
