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
    assert!(matches!(&future, Status::Unrecognized(v) if v.as_str() == "paused"));
    assert_eq!(
        serde_json::to_string(&future).expect("serializes"),
        "\"paused\""
    );
    assert_eq!(future.to_string(), "paused");
    assert_eq!("failed".parse::<Status>(), Ok(Status::Failed));
}

#[test]
fn a_known_name_always_reads_as_its_variant() {
    use generated::graph::external_connectors::ConnectionOperationStatus as Status;
    // `Unrecognized` holds a `support::UnknownValue`, which only the enum's own readers
    // build, after the listed names: there is no way to make `Unrecognized("completed")`.
    assert_eq!(Status::from("completed"), Status::Completed);
    assert_eq!("completed".parse::<Status>(), Ok(Status::Completed));
    let future = Status::from("paused");
    assert_eq!(future, Status::from("paused"));
    assert_ne!(future, Status::Completed);
}

#[test]
fn flags_read_and_write_a_set_with_unknown_members() {
    use generated::graph::ClonableTeamParts as Part;
    use generated::support::Flags;
    let parts: Flags<Part> = serde_json::from_str("\"apps,tabs,future\"").expect("deserializes");
    assert!(parts.contains(&Part::Apps) && parts.contains(&Part::Tabs));
    assert!(parts.contains(&Part::from("future")));
    assert!(!parts.contains(&Part::Settings));
    assert_eq!(
        serde_json::to_string(&parts).expect("serializes"),
        "\"apps,tabs,future\""
    );
    let reordered: Flags<Part> = "future, tabs,apps".parse().expect("infallible");
    assert_eq!(parts, reordered, "a set: order does not matter");
    let mut built: Flags<Part> = [Part::Apps].into_iter().collect();
    assert!(!built.insert(Part::Apps), "a member is set once");
    assert_eq!(built.to_string(), "apps");
}

/// presence.md documents `availability` as a `String collection`; the service sends a
/// string. The object still reads, the member is kept raw, listed, and written back.
#[test]
fn a_member_that_does_not_fit_is_kept_raw_and_listed() {
    use generated::graph::Presence;
    use generated::support::{Untyped, UntypedKind};
    let json = serde_json::json!({"activity": "InACall", "availability": "Busy", "id": "1"});
    let presence: Presence = serde_json::from_value(json.clone()).expect("tolerant");
    assert_eq!(presence.activity.as_deref(), Some("InACall"));
    assert_eq!(presence.availability, None);
    assert_eq!(presence.additional_properties["availability"], "Busy");
    assert_eq!(serde_json::to_value(&presence).expect("serializes"), json);

    let listed = generated::registry::untyped_paths("microsoft.graph.presence", json.clone())
        .expect("a generated type")
        .expect("an object");
    assert!(
        matches!(listed.as_slice(), [Untyped { path, kind: UntypedKind::KeptRaw(_) }] if path == "/availability"),
        "{listed:?}"
    );
    assert!(generated::support::from_value_strict::<Presence>(json).is_err());
}

#[test]
fn untyped_paths_point_into_arrays_and_skip_annotations() {
    let json = serde_json::json!({
        "@odata.type": "#microsoft.graph.workflowStep",
        "displayName": "Review",
        "isFinal": "yes",
        "transitions": [
            {"condition": "approved"},
            {"condition": "rejected", "weight": 2, "targetStep": {"displayName": 3}}
        ]
    });
    let listed = generated::registry::untyped_paths("microsoft.graph.workflowStep", json.clone())
        .expect("a generated type")
        .expect("an object");
    let paths: Vec<(&str, bool)> = listed
        .iter()
        .map(|u| {
            (
                u.path.as_str(),
                matches!(u.kind, generated::support::UntypedKind::Unknown),
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("/isFinal", false),
            // serde_json's maps are sorted: members are read in name order.
            ("/transitions/1/targetStep/displayName", false),
            ("/transitions/1/weight", true),
        ]
    );
    let round = generated::registry::round_trip("microsoft.graph.workflowStep", json.clone())
        .expect("a generated type")
        .expect("reads");
    assert_eq!(round, json);
}

/// Each shape mismatch the issue names is kept raw, and the rest of the object is typed.
#[test]
fn every_kind_of_mismatch_is_kept_raw_and_written_back() {
    use generated::graph::BookingAppointment;
    let json = serde_json::json!({
        "id": {"not": "a string"},
        "customers": {"name": "one, not a list"},
        "endDateTime": "next Tuesday",
        "invoiceNumber": "42",
        "maximumAttendeesCount": 5,
        "price": 10.5,
        "serviceName": ["a", "list"]
    });
    let (read, listed) = generated::support::untyped_members(|| {
        serde_json::from_value::<BookingAppointment>(json.clone())
    });
    let appointment = read.expect("tolerant");
    assert_eq!(appointment.maximum_attendees_count, Some(5));
    assert_eq!(appointment.price, Some(10.5));
    let paths: Vec<&str> = listed.iter().map(|u| u.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/customers",
            "/endDateTime",
            "/id",
            "/invoiceNumber",
            "/serviceName"
        ]
    );
    assert_eq!(
        serde_json::to_value(&appointment).expect("serializes"),
        json
    );
    let strict =
        generated::support::strict(|| serde_json::from_value::<BookingAppointment>(json.clone()));
    assert!(strict.is_err(), "strict mode fails the object");
    // The setting is scoped to the closure.
    assert!(serde_json::from_value::<BookingAppointment>(json).is_ok());
}

#[test]
fn debug_lists_the_members_present_by_their_json_names() {
    use generated::graph::Presence;
    let json =
        serde_json::json!({"id": "1", "activity": "InACall", "availability": "Busy", "extra": [1]});
    let presence: Presence = serde_json::from_value(json).expect("tolerant");
    // Absent members are left out; the member kept raw and the unknown one come last, with
    // the other additional members, as they are written back.
    assert_eq!(
        format!("{presence:?}"),
        r#"Presence { activity: "InACall", id: "1", availability: "Busy", extra: [1] }"#
    );
    let pretty = format!("{presence:#?}");
    assert!(pretty.contains("    extra: [\n"), "{pretty}");
}
