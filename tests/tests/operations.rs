//! The generated request types of `docs-input/` (`generated::graph::operations`): each
//! builds the `http::Request` its page documents and decodes the page's response example.

use generated::graph::operations::{
    DirectoryobjectCheckmembergroups, DirectoryobjectCheckmembergroupsParameters, GroupDelta,
    GroupListMembers, UserList,
};
use generated::operation::{Operation, PathArgs, QueryOption, Scopes, base_url};
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

#[test]
fn member_constants_name_the_json_members_checked_against_the_resource() {
    use generated::graph::User;
    // `User::DISPLAY_NAME` is a `Member<User>`: `UserList`'s resource is `User`, so it is
    // accepted; a `Group` member is not (the compile_fail doctest in `tests/src/lib.rs`).
    let request = UserList::new()
        .request()
        .select([User::DISPLAY_NAME, User::MAIL])
        .order_by([User::DISPLAY_NAME.desc()])
        .build(base_url::V1_0)
        .unwrap();
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users?$select=displayName,mail&$orderby=displayName%20desc"
    );
    assert_eq!(User::ID.name(), "id");
}

#[test]
fn operations_can_be_built_from_parts() {
    let parts = GroupListMembers::from_parts(PathArgs::from_vec(0, vec!["g1".to_string()]), ());
    assert_eq!(parts, GroupListMembers::new("g1"));
    assert_eq!(GroupListMembers::SPEC.method, Method::GET);
    assert_eq!(GroupListMembers::NAME, "group-list-members");
}

// ---- The README's walkthrough (kept here so that it compiles and runs) ----

/// A stand-in for any HTTP stack: answers the walkthrough's requests as Graph would.
fn send(request: &http::Request<Vec<u8>>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let uri = request.uri().to_string();
    let body = match (request.method().as_str(), uri.as_str()) {
        ("GET", "https://graph.microsoft.com/v1.0/users?$select=displayName,mail&$top=2") => {
            r#"{"value":[{"displayName":"Adele"},{"displayName":"Alex"}],
                "@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$select=displayName,mail&$top=2&$skiptoken=X"}"#
        }
        (
            "GET",
            "https://graph.microsoft.com/v1.0/users?$select=displayName,mail&$top=2&$skiptoken=X",
        ) => r#"{"value":[{"displayName":"Megan","mail":"megan@contoso.com"}]}"#,
        ("POST", "https://graph.microsoft.com/v1.0/connections") => {
            r#"{"id":"contosohr","name":"Contoso HR","description":"HR records"}"#
        }
        _ => r#"{"error":{"code":"BadRequest","message":"unexpected request"}}"#,
    };
    let status = if body.contains("\"error\"") {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    (status, HeaderMap::new(), body.as_bytes().to_vec())
}

/// README: list users with `$select` and `$top`, page through them, create an item;
/// with the request values alone.
fn walkthrough() -> Result<(Vec<String>, String), Box<dyn std::error::Error>> {
    use generated::graph::User;
    use generated::graph::external_connectors::ExternalConnection;
    use generated::graph::external_connectors::operations::ExternalconnectorsExternalconnectionCreate as CreateConnection;

    let mut request = UserList::new()
        .request()
        .select([User::DISPLAY_NAME, User::MAIL])
        .top(2)
        .build(base_url::V1_0)?; // an http::Request<Vec<u8>>: add your bearer token, send it
    let mut names = Vec::new();
    loop {
        let (status, headers, body) = send(&request);
        let page = UserList::decode(status, &headers, &body)?; // Page<User>, or a GraphError
        let next = page.next_request_after(&request);
        names.extend(page.value.into_iter().filter_map(|u| u.display_name));
        match next {
            Some(next) => request = next?,
            None => break,
        }
    }

    let connection = ExternalConnection {
        id: Some("contosohr".into()),
        name: Some("Contoso HR".into()),
        description: Some("HR records".into()),
        ..Default::default()
    };
    let request = CreateConnection::new(connection)
        .request()
        .build(base_url::V1_0)?;
    let (status, headers, body) = send(&request);
    let created = CreateConnection::decode(status, &headers, &body)?;
    Ok((names, created.id.unwrap_or_default()))
}

#[test]
fn readme_walkthrough_with_any_http_stack() {
    let (names, created) = walkthrough().unwrap();
    assert_eq!(names, ["Adele", "Alex", "Megan"]);
    assert_eq!(created, "contosohr");
}

/// README: the same with the optional `client` feature (compiled, not run: it would
/// call Graph).
#[allow(dead_code)]
async fn walkthrough_with_the_client(token: String) -> Result<(), generated::client::Error> {
    use futures_util::StreamExt;
    use generated::client::{Client, StaticToken};
    use generated::graph::User;
    use generated::graph::external_connectors::ExternalConnection;
    use generated::graph::external_connectors::operations::ExternalconnectorsExternalconnectionCreate as CreateConnection;

    let client = Client::new(base_url::V1_0, StaticToken(token));
    let users = UserList::new()
        .request()
        .select([User::DISPLAY_NAME, User::MAIL])
        .top(50);
    let mut users = std::pin::pin!(client.items(users)); // follows the next links
    while let Some(user) = users.next().await {
        println!("{:?}", user?.display_name);
    }
    let connection = ExternalConnection {
        id: Some("contosohr".into()),
        name: Some("Contoso HR".into()),
        ..Default::default()
    };
    let created = client.send(CreateConnection::new(connection)).await?;
    println!("created {:?}", created.id);
    Ok(())
}
