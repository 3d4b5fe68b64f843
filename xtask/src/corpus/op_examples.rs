//! The corpus report's operation examples: every request/response pair of an API page
//! whose operation has a request type is fed to the harness, which exercises it through
//! `registry::OPERATIONS` (the generated crate's `exercise` module). Pairs that cannot be
//! exercised are counted by why, so that the figure's denominator is honest.

use std::collections::BTreeMap;
use std::path::Path;

use generator::diagnostics::{Code, Diagnostic, Origin};
use generator::schema::{OperationExample, Schema};

/// One pair for the harness: the operation's Graph names and the pair as written.
#[derive(serde::Serialize)]
struct Input<'a> {
    namespace: &'a str,
    name: &'a str,
    pair: &'a OperationExample,
}

/// Why a pair of an operation's page is not exercised, when it is not.
fn not_exercisable(has_template: bool, pair: &OperationExample) -> Option<&'static str> {
    if !has_template {
        Some("the page has no path template for the example's method (no request type)")
    } else if pair.request.is_none() {
        Some("a response example with no request example before it")
    } else if pair.response.is_none() {
        Some("a request example with no response example after it")
    } else {
        None
    }
}

/// Writes the exercisable pairs to `path` for the harness; returns the others by why.
pub fn write_inputs(schema: &Schema, path: &Path) -> anyhow::Result<BTreeMap<&'static str, usize>> {
    let mut inputs = Vec::new();
    let mut skipped: BTreeMap<&'static str, usize> = BTreeMap::new();
    for op in &schema.operations {
        for pair in &op.examples {
            match not_exercisable(!op.templates.is_empty(), pair) {
                Some(why) => *skipped.entry(why).or_default() += 1,
                None => inputs.push(Input {
                    namespace: &op.namespace,
                    name: &op.name,
                    pair,
                }),
            }
        }
    }
    std::fs::write(path, serde_json::to_string(&inputs)?)?;
    Ok(skipped)
}

/// What the harness says of one pair.
#[derive(serde::Deserialize)]
pub struct Outcome {
    origin: String,
    name: String,
    /// `None`: the operation is not compiled in (its features are off).
    exercised: bool,
    ok: bool,
    reason: String,
    description: String,
    detail: String,
    undocumented_query: Vec<String>,
}

/// The operation examples counted: every failure is also a `G1104` diagnostic, every
/// undocumented query parameter a `G1105`.
pub struct Tally {
    total: usize,
    passed: usize,
    not_compiled: usize,
    by_reason: BTreeMap<String, usize>,
    not_exercisable: BTreeMap<&'static str, usize>,
    undocumented_query: usize,
}

impl Tally {
    pub fn new(
        outcomes: Vec<Outcome>,
        not_exercisable: BTreeMap<&'static str, usize>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut tally = Tally {
            total: 0,
            passed: 0,
            not_compiled: 0,
            by_reason: BTreeMap::new(),
            not_exercisable,
            undocumented_query: 0,
        };
        for o in &outcomes {
            if !o.exercised {
                tally.not_compiled += 1;
                continue;
            }
            tally.total += 1;
            let origin = origin(&o.origin);
            for q in &o.undocumented_query {
                tally.undocumented_query += 1;
                diagnostics.push(Diagnostic::new(
                    Code::ExampleQueryUndocumented,
                    &origin,
                    format!("the example of `{}` uses the query parameter `{q}`, which the page does not document", o.name),
                ));
            }
            if o.ok {
                tally.passed += 1;
                continue;
            }
            *tally.by_reason.entry(o.reason.clone()).or_default() += 1;
            diagnostics.push(Diagnostic::new(
                Code::OperationExampleFailed,
                &origin,
                format!(
                    "example of operation `{}` does not reproduce: {} [{}] ({})",
                    o.name, o.description, o.reason, o.detail
                ),
            ));
        }
        tally
    }

    pub fn print(&self) {
        let pct = if self.total == 0 {
            100.0
        } else {
            self.passed as f64 * 100.0 / self.total as f64
        };
        println!(
            "operation examples exercised: {} of {} ({pct:.1}%); {} do not reproduce (G1104):",
            self.passed,
            self.total,
            self.total - self.passed
        );
        for (reason, n) in &self.by_reason {
            println!("  {n:>6}  {reason}");
        }
        println!(
            "  query parameters the page does not document (G1105): {}",
            self.undocumented_query
        );
        let skipped: usize = self.not_exercisable.values().sum::<usize>() + self.not_compiled;
        println!("example pairs not exercised: {skipped}");
        for (why, n) in &self.not_exercisable {
            println!("  {n:>6}  {why}");
        }
        if self.not_compiled > 0 {
            println!(
                "  {:>6}  the operation is in features that are off",
                self.not_compiled
            );
        }
    }
}

/// `api/x.md:12` → the origin.
fn origin(text: &str) -> Origin {
    let (file, line) = text.rsplit_once(':').unwrap_or((text, "0"));
    Origin {
        file: file.into(),
        line: line.parse().unwrap_or(0),
    }
}
