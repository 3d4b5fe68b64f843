// The round-trip harness: a small binary, written next to a generated crate, that reads
// the corpus examples (JSON) and round-trips each through its generated type. Kept as a
// real Rust file (compiled into xtask only as text) so it is formatted and reviewed.
use std::io::Write;

use generated::registry::{self, TypeVisitor};
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
    /// Values whose `@odata.type` selected a derived type's variant of a polymorphic enum.
    dispatched: usize,
}

/// What reading one value found besides its round trip.
#[derive(Default)]
struct Coverage {
    members: usize,
    untyped: usize,
    kept_raw: Vec<(String, String)>,
    dispatched: usize,
}

struct Check<'c>(Value, &'c mut Coverage, String);

impl TypeVisitor for Check<'_> {
    type Output = Result<(), (String, String)>;

    fn visit<T: serde::de::DeserializeOwned + serde::Serialize + 'static>(self) -> Self::Output {
        let ((read, found), dispatched) = generated::support::count_dispatched(|| {
            generated::support::untyped_members(|| serde_path_to_error::deserialize::<_, T>(self.0.clone()))
        });
        self.1.dispatched += dispatched;
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

/// The path of the first place where two values differ in meaning.
fn first_difference(a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            // Each key once: a key in both maps must not be visited twice (that doubles
            // the work at every level of nesting).
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let (p, q) = (x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null));
                if let Some(rest) = first_difference(p, q) {
                    return Some(join(k, &rest));
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q).map(|rest| join(&format!("[{i}]"), &rest))),
        _ => (!generated::support::same_meaning(a, b)).then(String::new),
    }
}

/// `a` + `b` as a path: `a.b`, `a[0]`, `[0].b`.
fn join(head: &str, rest: &str) -> String {
    if rest.is_empty() {
        head.to_string()
    } else if rest.starts_with('[') {
        format!("{head}{rest}")
    } else {
        format!("{head}.{rest}")
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
            dispatched: coverage.dispatched,
        };
        let _ = writeln!(out, "{}", serde_json::to_string(&line).expect("outcome serializes"));
    }
}
