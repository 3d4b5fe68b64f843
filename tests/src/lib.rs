//! Shared helpers of the integration tests: where things are, the analysis of
//! `docs-input/`, and round-tripping examples through the generated crate.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use generator::pipeline::{self, Analysis, SourceFile};
use generator::schema::Example;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub fn docs_input() -> PathBuf {
    root().join("docs-input")
}

pub fn docs_input_files() -> &'static [SourceFile] {
    static FILES: OnceLock<Vec<SourceFile>> = OnceLock::new();
    FILES.get_or_init(|| pipeline::load_docs(&docs_input()).expect("docs-input is readable"))
}

/// The analysis of `docs-input/`, computed once per test binary.
pub fn docs_input_analysis() -> &'static Analysis {
    static ANALYSIS: OnceLock<Analysis> = OnceLock::new();
    ANALYSIS.get_or_init(|| pipeline::analyze(docs_input_files()))
}

/// Round-trips an example through its generated type; `Err` says why it does not survive.
pub fn round_trip(example: &Example) -> Result<(), String> {
    let values: Vec<&serde_json::Value> = if example.collection {
        match example.json.get("value") {
            Some(serde_json::Value::Array(items)) => items.iter().collect(),
            _ => match &example.json {
                serde_json::Value::Array(items) => items.iter().collect(),
                _ => return Err("a collection response without a `value` array".into()),
            },
        }
    } else {
        vec![&example.json]
    };
    for value in values {
        let Some(result) = generated::registry::round_trip(&example.type_name, value.clone())
        else {
            return Err(format!("`{}` is not a generated type", example.type_name));
        };
        let back = result.map_err(|e| format!("does not deserialize: {e}"))?;
        if !generated::support::same_meaning(value, &back) {
            return Err(format!(
                "changes on the way back:\n  in:  {value}\n  out: {back}"
            ));
        }
    }
    Ok(())
}

/// Panics with a unified diff when two texts differ.
#[track_caller]
pub fn assert_same_text(what: &str, left: &str, right: &str) {
    assert!(left == right, "{}", text_diff(what, left, right));
}

/// `what` and the unified diff of two texts.
pub fn text_diff(what: &str, left: &str, right: &str) -> String {
    let diff = similar::TextDiff::from_lines(left, right);
    format!(
        "{what} differ:\n{}",
        diff.unified_diff()
            .context_radius(3)
            .header("left", "right")
    )
}

/// Everything an emitter run produced, as one text to compare and diff: each file under
/// a `=== path` line, then the diagnostics.
pub fn run_text(
    files: &std::collections::BTreeMap<String, String>,
    diagnostics: &[generator::diagnostics::Diagnostic],
) -> String {
    let mut text = String::new();
    for (path, content) in files {
        text.push_str(&format!("=== {path}\n{content}"));
    }
    text.push_str("=== diagnostics\n");
    for d in diagnostics {
        text.push_str(&format!("{d}\n"));
    }
    text
}

/// `$select`, `$expand` and `$orderby` check member constants against the operation's
/// `Resource` at compile time and accept strings. A `Group` member passed to a listing of
/// users does not compile:
///
/// ```compile_fail,E0277
/// # use generated::operation::{Member, Operation, PathArgs, ResponseKind, query};
/// # pub struct User;
/// # pub struct Group;
/// # struct UserList(PathArgs);
/// # impl Operation for UserList {
/// #     type Body = ();
/// #     type Output = ();
/// #     type Resource = User;
/// #     const NAME: &'static str = "user-list";
/// #     const METHOD: http::Method = http::Method::GET;
/// #     const PATH_TEMPLATES: &'static [&'static str] = &["/users"];
/// #     const RESPONSE: ResponseKind = ResponseKind::NoContent;
/// #     fn from_parts(path: PathArgs, _body: ()) -> Self { UserList(path) }
/// #     fn path(&self) -> &PathArgs { &self.0 }
/// # }
/// # impl query::Select for UserList {}
/// const GROUP_NAME: Member<Group> = Member::new("displayName");
/// let _ = UserList(PathArgs::default()).request().select([GROUP_NAME]);
/// ```
///
/// while a `User` member, or a string, does:
///
/// ```
/// # use generated::operation::{Member, Operation, PathArgs, ResponseKind, query};
/// # pub struct User;
/// # struct UserList(PathArgs);
/// # impl Operation for UserList {
/// #     type Body = ();
/// #     type Output = ();
/// #     type Resource = User;
/// #     const NAME: &'static str = "user-list";
/// #     const METHOD: http::Method = http::Method::GET;
/// #     const PATH_TEMPLATES: &'static [&'static str] = &["/users"];
/// #     const RESPONSE: ResponseKind = ResponseKind::NoContent;
/// #     fn from_parts(path: PathArgs, _body: ()) -> Self { UserList(path) }
/// #     fn path(&self) -> &PathArgs { &self.0 }
/// # }
/// # impl query::Select for UserList {}
/// const DISPLAY_NAME: Member<User> = Member::new("displayName");
/// let _ = UserList(PathArgs::default()).request().select([DISPLAY_NAME]).select(["mail"]);
/// ```
pub mod member_names_are_checked {}
