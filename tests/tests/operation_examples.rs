//! Every request/response example pair of `docs-input/` whose operation has a request
//! type is exercised through `generated::registry::OPERATIONS` (the `exercise` module):
//! the typed request built from the example's values gives its method, path, query and
//! body, and its response decodes into the output and survives a round trip. The
//! snapshot lists every pair, so a change in what reproduces shows in review.

use generated::exercise::exercise_json;
use generated::operation::base_url;
use tests::docs_input_analysis;

#[test]
fn docs_input_operation_examples_are_exercised() {
    let analysis = docs_input_analysis();
    let (mut total, mut passed) = (0, 0);
    let mut lines = Vec::new();
    for op in &analysis.schema.operations {
        for ex in &op.examples {
            let pair = serde_json::to_value(ex).expect("an example pair serializes");
            let said = if op.templates.is_empty() {
                "not exercised: the operation has no path template".to_string()
            } else if ex.request.is_none() {
                "not exercised: no request example".to_string()
            } else if ex.response.is_none() {
                "not exercised: no response example".to_string()
            } else {
                let outcome = exercise_json(&op.namespace, &op.name, &pair, base_url::V1_0)
                    .unwrap_or_else(|| panic!("{} is in the registry", op.name));
                total += 1;
                let mut said = match outcome.result {
                    Ok(()) => {
                        passed += 1;
                        "ok".to_string()
                    }
                    Err(f) => format!("{} ({})", f.reason.key(), f.detail),
                };
                if !outcome.undocumented_query.is_empty() {
                    said.push_str(&format!(
                        "; undocumented query: {}",
                        outcome.undocumented_query.join(", ")
                    ));
                }
                said
            };
            lines.push(format!("{} {}: {said}", ex.origin, op.name));
        }
    }
    lines.sort();
    assert!(total >= 10, "docs-input has operation example pairs");
    let report = format!(
        "operation examples exercised: {passed} of {total}\n{}\n",
        lines.join("\n")
    );
    insta::assert_snapshot!(report);
}
