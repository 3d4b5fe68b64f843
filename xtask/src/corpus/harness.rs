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

/// An operation's request/response pair, as `xtask corpus` writes it.
#[derive(serde::Deserialize)]
struct OperationInput {
    namespace: String,
    name: String,
    pair: Value,
}

#[derive(serde::Serialize)]
struct OperationOutcome<'a> {
    origin: &'a str,
    name: &'a str,
    exercised: bool,
    ok: bool,
    reason: &'static str,
    description: &'static str,
    detail: String,
    undocumented_query: Vec<String>,
}

/// Exercises every pair of `inputs` through `registry::OPERATIONS`; one JSON line each.
fn exercise_operations(inputs: &str, outcomes: &str, base_url: &str) {
    let text = std::fs::read_to_string(inputs).expect("operation examples file");
    let inputs: Vec<OperationInput> = serde_json::from_str(&text).expect("operation examples JSON");
    let mut out = String::new();
    for input in &inputs {
        let origin = input.pair.get("origin").and_then(Value::as_str).unwrap_or("");
        let outcome = generated::exercise::exercise_json(&input.namespace, &input.name, &input.pair, base_url);
        let line = match outcome {
            None => OperationOutcome { origin, name: &input.name, exercised: false, ok: false, reason: "", description: "", detail: String::new(), undocumented_query: Vec::new() },
            Some(o) => {
                let (ok, reason, description, detail) = match o.result {
                    Ok(()) => (true, "", "", String::new()),
                    Err(f) => (false, f.reason.key(), f.reason.describe(), f.detail),
                };
                OperationOutcome { origin, name: &input.name, exercised: true, ok, reason, description, detail, undocumented_query: o.undocumented_query }
            }
        };
        out.push_str(&serde_json::to_string(&line).expect("outcome serializes"));
        out.push('\n');
    }
    std::fs::write(outcomes, out).expect("writing the operation outcomes");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, path, op_inputs, op_outcomes, base_url] = args.as_slice() else {
        panic!("usage: harness EXAMPLES.json OPERATION_EXAMPLES.json OPERATION_OUTCOMES.jsonl BASE_URL");
    };
    exercise_operations(op_inputs, op_outcomes, base_url);
    let text = std::fs::read_to_string(path).expect("examples file");
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
