//! The generated request types of `docs-input/` (`generated::graph::operations`): each
//! builds the `http::Request` its page documents and decodes the page's response example.

use generated::graph::operations::{
    DirectoryobjectCheckmembergroups, DirectoryobjectCheckmembergroupsParameters, GroupDelta,
    GroupListMembers,
};
use generated::operation::{Operation, QueryOption, Scopes, base_url};
use http::{HeaderMap, Method, StatusCode};

/// The JSON body of the first `HTTP/1.1 200 OK` response example of a docs-input page.
fn response_example(page: &str) -> String {
    let path = format!("{}/../docs-input/api/{page}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let start = text
        .find("HTTP/1.1 200 OK")
        .expect("a 200 response example");
    let rest = &text[start..];
    let open = rest.find('{').expect("a JSON body");
    let close = rest.find("\n```").expect("the end of the code block");
    rest[open..close].to_string()
}

#[test]
fn list_members_builds_its_request_and_decodes_the_docs_example() {
    let request = GroupListMembers::new("a b/c")
        .request()
        .build(base_url::V1_0)
        .unwrap();
    assert_eq!(request.method(), Method::GET);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/groups/a%20b%2Fc/members"
    );
    assert!(request.body().is_empty());

    let body = response_example("group-list-members.md");
    let page =
        GroupListMembers::decode(StatusCode::OK, &HeaderMap::new(), body.as_bytes()).unwrap();
    assert_eq!(page.value.len(), 3);
    // Each member reads as the type its `@odata.type` names (tests/tests/polymorphic.rs).
    assert!(matches!(
        page.value[0],
        generated::graph::AnyDirectoryObject::User(_)
    ));
    assert_eq!(
        page.value[0].id().map(String::as_str),
        Some("87d349ed-44d7-43e1-9a83-5f2406dee5bd")
    );
    assert!(page.next_link.is_none());
}

#[test]
fn permissions_and_templates_are_data() {
    let p = GroupListMembers::PERMISSIONS;
    assert_eq!(
        p.delegated_work_or_school.least_privileged(),
        Some("GroupMember.Read.All")
    );
    assert_eq!(p.delegated_personal, Scopes::NotSupported);
    assert_eq!(
        DirectoryobjectCheckmembergroups::PATH_TEMPLATES,
        &[
            "/directoryObjects/{directoryObjectId}/checkMemberGroups",
            "/me/checkMemberGroups",
            "/users/{userId}/checkMemberGroups",
            "/groups/{groupId}/checkMemberGroups",
        ]
    );
    assert!(GroupListMembers::DOCS.ends_with("/group-list-members"));
}

#[test]
fn documented_query_options_build_the_query_string() {
    assert!(GroupDelta::QUERY.contains(&QueryOption::Select));
    let request = GroupDelta::new()
        .request()
        .select(["displayName", "description"])
        .top(5)
        .build(base_url::BETA)
        .unwrap();
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/beta/groups/delta?$select=displayName,description&$top=5"
    );
}

#[test]
fn actions_send_their_parameters_struct_and_decode_the_docs_example() {
    let ids = [
        "f448435d-3ca7-4073-8152-a1fd73c0fd09",
        "bd7c6263-4dd5-4ae8-8c96-556e1c0bece6",
    ];
    let body = DirectoryobjectCheckmembergroupsParameters {
        group_ids: Some(ids.iter().map(|s| s.to_string()).collect()),
        ..Default::default()
    };
    let request = DirectoryobjectCheckmembergroups::new_users_user_id_check_member_groups(
        "AdeleV@contoso.com",
        body,
    )
    .request()
    .build(base_url::V1_0)
    .unwrap();
    assert_eq!(request.method(), Method::POST);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users/AdeleV@contoso.com/checkMemberGroups"
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(sent, serde_json::json!({ "groupIds": ids }));

    let body = response_example("directoryobject-checkmembergroups.md");
    let page = DirectoryobjectCheckmembergroups::decode(
        StatusCode::OK,
        &HeaderMap::new(),
        body.as_bytes(),
    )
    .unwrap();
    assert_eq!(page.value, vec![ids[0].to_string()]);
}
