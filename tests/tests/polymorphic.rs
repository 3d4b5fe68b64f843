//! Polymorphic values (issue 8, point 2): a value typed by a base that has derived types
//! reads as the most specific type its `@odata.type` names, falls back to the base, and
//! writes back with its `@odata.type`. Shown on the examples of docs-input/ for five bases.

use generated::graph::{
    AnyDirectoryObject, AnyEntity, AnyExtension, AnyMobileApp, AnyPlace, DirectoryObject, User,
};
use generated::support::count_dispatched;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tests::docs_input_analysis;

/// The JSON of the docs-input example of `page` (`api/page.md`) typed `type_name`.
fn example(page: &str, type_name: &str) -> Value {
    let e = docs_input_analysis()
        .examples
        .iter()
        .find(|e| &*e.origin.file == page && e.type_name == type_name)
        .unwrap_or_else(|| panic!("no example of `{type_name}` in {page}"));
    e.json.clone()
}

/// The `value` array of a collection example.
fn items(json: &Value) -> Vec<Value> {
    json["value"].as_array().expect("a `value` array").clone()
}

/// Reads `json` as `T`, checks that it writes back the same, and counts dispatches.
fn read<T: DeserializeOwned + serde::Serialize>(json: &Value) -> (T, usize) {
    let (read, dispatched) = count_dispatched(|| serde_json::from_value::<T>(json.clone()));
    let value = read.expect("deserializes");
    let back = serde_json::to_value(&value).expect("serializes");
    assert!(
        generated::support::same_meaning(json, &back),
        "round trip:\n  in:  {json}\n  out: {back}"
    );
    (value, dispatched)
}

#[test]
fn a_directory_object_collection_reads_users_groups_and_devices() {
    let json = example(
        "api/group-list-members.md",
        "microsoft.graph.directoryObject",
    );
    let mut kinds = Vec::new();
    for item in items(&json) {
        let (member, dispatched) = read::<AnyDirectoryObject>(&item);
        assert_eq!(dispatched, 1, "{item}");
        // The fields every variant shares need no match.
        assert_eq!(member.id().map(String::as_str), item["id"].as_str());
        kinds.push(match member {
            AnyDirectoryObject::User(user) => {
                assert_eq!(user.job_title.as_deref(), Some("Retail Manager"));
                "user"
            }
            AnyDirectoryObject::Group(group) => {
                assert_eq!(group.security_enabled, Some(true));
                assert!(!group.additional_properties.contains_key("groupTypes"));
                "group"
            }
            AnyDirectoryObject::Device(device) => {
                assert_eq!(device.operating_system.as_deref(), Some("Windows"));
                "device"
            }
            other => panic!("not dispatched: {other:?}"),
        });
    }
    assert_eq!(kinds, ["user", "group", "device"]);
}

#[test]
fn a_place_collection_dispatches_nested_values_and_falls_back() {
    let json = example("api/place-list.md", "microsoft.graph.place");
    let places: Vec<AnyPlace> = items(&json).iter().map(|i| read(i).0).collect();
    // `microsoft.graph.roomList`, without `#`; its `rooms` field holds places again.
    let AnyPlace::RoomList(list) = &places[0] else {
        panic!("not a room list: {:?}", places[0]);
    };
    assert_eq!(list.email_address.as_deref(), Some("bldg1@contoso.com"));
    let rooms = list.rooms.as_deref().expect("rooms");
    assert!(
        matches!(&rooms[0], AnyPlace::RoomList(floor) if floor.display_name.as_deref() == Some("Building 1, floor 2"))
    );
    // No `@odata.type`: the base.
    assert!(matches!(&places[1], AnyPlace::Place(p) if p.display_name.as_deref() == Some("Lobby")));
    // A type the docs do not define: the base, with its members and annotation kept.
    let AnyPlace::Place(unknown) = &places[2] else {
        panic!("an unknown type reads as the base: {:?}", places[2]);
    };
    assert_eq!(
        unknown.additional_properties["@odata.type"],
        "#microsoft.graph.workspace"
    );
    assert_eq!(unknown.additional_properties["capacity"], 40);
    assert_eq!(places[2].display_name(), Some(&"Desk pool 4".to_string()));
}

#[test]
fn extensions_mobile_apps_and_entities_dispatch_too() {
    let json = example("api/user-list-extensions.md", "microsoft.graph.extension");
    let (extension, _) = read::<AnyExtension>(&items(&json)[0]);
    assert!(
        matches!(extension, AnyExtension::OpenTypeExtension(e) if e.extension_name.as_deref() == Some("Com.Contoso.Deal"))
    );

    let json = example(
        "api/intune-apps-mobileapp-get.md",
        "microsoft.graph.mobileApp",
    );
    let (app, dispatched) = read::<AnyMobileApp>(&json);
    assert_eq!(dispatched, 1);
    assert!(
        matches!(app, AnyMobileApp::WebApp(web) if web.app_url.as_deref() == Some("https://example.com/app"))
    );

    // The most specific type: a user is a directory object is an entity.
    let json = example(
        "api/insights-used-get-resource.md",
        "microsoft.graph.entity",
    );
    let (entity, _) = read::<AnyEntity>(&json);
    assert!(
        matches!(&entity, AnyEntity::User(user) if user.display_name.as_deref() == Some("Adele Vance"))
    );
    assert_eq!(
        entity.id().map(String::as_str),
        Some("87d349ed-44d7-43e1-9a83-5f2406dee5bd")
    );
}

#[test]
fn the_registry_reads_a_base_name_as_its_enum() {
    let json = example(
        "api/group-list-members.md",
        "microsoft.graph.directoryObject",
    );
    for item in items(&json) {
        let (back, dispatched) = count_dispatched(|| {
            generated::registry::round_trip("microsoft.graph.directoryObject", item.clone())
        });
        assert_eq!(dispatched, 1);
        let back = back.expect("a generated type").expect("round-trips");
        assert!(generated::support::same_meaning(&item, &back), "{back}");
        assert!(back["@odata.type"].is_string());
    }
}

#[test]
fn the_name_is_read_with_or_without_hash_in_any_case_and_in_any_position() {
    for tag in [
        "#microsoft.graph.user",
        "microsoft.graph.user",
        "#Microsoft.Graph.User",
    ] {
        let json = json!({ "@odata.type": tag, "id": "1", "jobTitle": "Engineer" });
        let (value, dispatched) = read::<AnyDirectoryObject>(&json);
        assert_eq!(dispatched, 1, "{tag}");
        assert!(
            matches!(&value, AnyDirectoryObject::User(u) if u.job_title.as_deref() == Some("Engineer"))
        );
    }
    // `@odata.type` after other members (the members before it are buffered).
    let text = r##"{"id":"1","jobTitle":"Engineer","@odata.type":"#microsoft.graph.user"}"##;
    let value: AnyDirectoryObject = serde_json::from_str(text).expect("deserializes");
    assert!(
        matches!(&value, AnyDirectoryObject::User(u) if u.job_title.as_deref() == Some("Engineer"))
    );
    // Written back with `@odata.type` first, as OData asks of request bodies.
    let written = serde_json::to_string(&value).expect("serializes");
    assert!(
        written.starts_with(r##"{"@odata.type":"#microsoft.graph.user""##),
        "{written}"
    );
}

#[test]
fn missing_unknown_or_base_names_fall_back_to_the_base() {
    for json in [
        json!({ "id": "1", "jobTitle": "Engineer" }),
        json!({ "@odata.type": "#microsoft.graph.notDocumented", "id": "1", "x": 1 }),
        json!({ "@odata.type": "#microsoft.graph.directoryObject", "id": "1" }),
        json!({ "@odata.type": 7, "id": "1" }),
        json!({}),
    ] {
        let (value, dispatched) = read::<AnyDirectoryObject>(&json);
        assert_eq!(dispatched, 0, "{json}");
        let AnyDirectoryObject::DirectoryObject(base) = value else {
            panic!("not the base: {json}");
        };
        assert_eq!(base.id, json["id"].as_str().map(String::from));
    }
}

#[test]
fn a_variant_built_in_code_writes_its_type() {
    let user = AnyDirectoryObject::User(Box::new(User {
        id: Some("1".into()),
        ..User::default()
    }));
    assert_eq!(
        serde_json::to_value(&user).expect("serializes"),
        json!({ "@odata.type": "#microsoft.graph.user", "id": "1" })
    );
    // The base writes no type of its own.
    let base = AnyDirectoryObject::DirectoryObject(Box::new(DirectoryObject {
        id: Some("2".into()),
        ..DirectoryObject::default()
    }));
    assert_eq!(
        serde_json::to_value(&base).expect("serializes"),
        json!({ "id": "2" })
    );
    let list = AnyPlace::RoomList(Box::default());
    let place = AnyPlace::Place(Box::default());
    assert_ne!(list, place);
}

#[test]
fn a_member_kept_raw_does_not_count_as_dispatched() {
    // `rooms` is a collection of places; an object there does not fit and is kept raw.
    let json = json!({
        "@odata.type": "#microsoft.graph.roomList",
        "rooms": { "@odata.type": "#microsoft.graph.roomList", "id": "1" }
    });
    let (value, dispatched) = read::<AnyPlace>(&json);
    assert_eq!(dispatched, 1, "only the room list");
    let AnyPlace::RoomList(list) = value else {
        panic!("a room list");
    };
    assert!(list.rooms.is_none() && list.additional_properties.contains_key("rooms"));
}
