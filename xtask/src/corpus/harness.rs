// The round-trip harness: a small binary, written next to a generated crate, that reads
// the corpus examples (JSON) and round-trips each through its generated type. Kept as a
// real Rust file (compiled into xtask only as text) so it is formatted and reviewed.
use std::io::Write;

use generated::registry::{self, TypeVisitor};
use generated::support::{first_difference, join_path as join};
use serde_json::Value;

#[derive(serde::Deserialize)]
struct Example {
    type_name: String,
    collection: bool,
    json: Value,
    origin: String,
}

#[derive(serde::Serialize)]
struct Outcome<'a> {
    origin: &'a str,
    type_name: &'a str,
    ok: bool,
    path: String,
    error: String,
    /// JSON members in the body (annotations not counted), and how many of them did not
    /// land in typed fields (an untyped member counts with everything inside it).
    members: usize,
    untyped: usize,
    /// Documented members kept raw by tolerant reading: JSON Pointer and why.
    kept_raw: Vec<(String, String)>,
}

/// What reading one value found besides its round trip.
#[derive(Default)]
struct Coverage {
    members: usize,
    untyped: usize,
    kept_raw: Vec<(String, String)>,
}

struct Check<'c>(Value, &'c mut Coverage, String);

impl TypeVisitor for Check<'_> {
    type Output = Result<(), (String, String)>;

    fn visit<T: serde::de::DeserializeOwned + serde::Serialize + 'static>(self) -> Self::Output {
        let (read, found) = generated::support::untyped_members(|| {
            serde_path_to_error::deserialize::<_, T>(self.0.clone())
        });
        let typed: T = read.map_err(|e| (e.path().to_string(), e.inner().to_string()))?;
        self.1.members += count_members(&self.0);
        for u in found {
            let inside = self.0.pointer(&u.path).map_or(0, count_members);
            self.1.untyped += 1 + inside;
            if let generated::support::UntypedKind::KeptRaw(why) = u.kind {
                self.1.kept_raw.push((format!("{}{}", self.2, u.path), why));
            }
        }
        let back = serde_json::to_value(&typed).map_err(|e| (String::new(), format!("serialize: {e}")))?;
        match first_difference(&self.0, &back) {
            None => Ok(()),
            Some(path) => Err((path, "changed on the way back".to_string())),
        }
    }
}

/// JSON members inside `value`, at any depth; annotations (`@odata.type`) are OData's.
fn count_members(value: &Value) -> usize {
    match value {
        Value::Object(o) => o
            .iter()
            .filter(|(k, _)| !k.contains('@'))
            .map(|(_, v)| 1 + count_members(v))
            .sum(),
        Value::Array(items) => items.iter().map(count_members).sum(),
        _ => 0,
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: harness EXAMPLES.json");
    let text = std::fs::read_to_string(&path).expect("examples file");
    let examples: Vec<Example> = serde_json::from_str(&text).expect("examples JSON");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for ex in &examples {
        let items: Vec<Value> = match (&ex.json, ex.collection) {
            (Value::Object(o), true) => match o.get("value") {
                Some(Value::Array(items)) => items.clone(),
                _ => vec![ex.json.clone()],
            },
            (Value::Array(items), true) => items.clone(),
            _ => vec![ex.json.clone()],
        };
        let mut result = Ok(());
        let mut coverage = Coverage::default();
        for (i, item) in items.into_iter().enumerate() {
            let prefix = if ex.collection { format!("/value/{i}") } else { String::new() };
            let r = registry::visit(&ex.type_name, Check(item, &mut coverage, prefix))
                .unwrap_or_else(|| Err((String::new(), "not a generated type".into())));
            if let Err((p, e)) = r {
                let p = if ex.collection { join(&format!("value[{i}]"), &p) } else { p };
                result = Err((p, e));
                break;
            }
        }
        let (ok, path, error) = match result {
            Ok(()) => (true, String::new(), String::new()),
            Err((p, e)) => (false, p, e),
        };
        let line = Outcome {
            origin: &ex.origin,
            type_name: &ex.type_name,
            ok,
            path,
            error,
            members: coverage.members,
            untyped: coverage.untyped,
            kept_raw: coverage.kept_raw,
        };
        let _ = writeln!(out, "{}", serde_json::to_string(&line).expect("outcome serializes"));
    }
}
