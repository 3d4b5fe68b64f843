//! Every JSON request/response example in `docs-input/` survives deserialize → serialize
//! through its generated type (dates, GUIDs and durations compared by meaning).

use tests::{docs_input_analysis, round_trip};

#[test]
fn docs_input_examples_round_trip() {
    let examples = &docs_input_analysis().examples;
    assert!(
        examples.len() >= 10,
        "docs-input has request/response examples"
    );
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|e| {
            round_trip(e)
                .err()
                .map(|why| format!("{} ({}): {why}", e.origin, e.type_name))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unknown_members_and_derived_fields_survive() {
    use generated::graph::DirectoryObject;
    let json = serde_json::json!({
        "@odata.type": "#microsoft.graph.user",
        "id": "1",
        "displayName": "Adele",
        "jobTitle": "Engineer"
    });
    let object: DirectoryObject = serde_json::from_value(json.clone()).expect("deserializes");
    assert_eq!(object.id.as_deref(), Some("1"));
    assert_eq!(serde_json::to_value(&object).expect("serializes"), json);
}

#[test]
fn enums_keep_unknown_values() {
    use generated::graph::external_connectors::ConnectionOperationStatus as Status;
    let known: Status = serde_json::from_str("\"completed\"").expect("deserializes");
    assert_eq!(known, Status::Completed);
    let future: Status = serde_json::from_str("\"paused\"").expect("deserializes");
    assert_eq!(future, Status::Unrecognized("paused".into()));
    assert_eq!(
        serde_json::to_string(&future).expect("serializes"),
        "\"paused\""
    );
    assert_eq!(future.to_string(), "paused");
    assert_eq!("failed".parse::<Status>(), Ok(Status::Failed));
}
