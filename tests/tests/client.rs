//! The optional client (`generated::client`) over real HTTP: a scripted HTTP/1.1 server on
//! 127.0.0.1 replays docs-like responses. Every loop is bounded and the server thread ends
//! by itself. The operations below are hand-written exactly as the generator will emit
//! them (see the `Operation` trait's docs).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use generated::client::{Client, Error, RetryPolicy, StaticToken};
use generated::graph::User;
use generated::graph::external_connectors::ConnectionOperation;
use generated::operation::{
    Member, Operation, Page, PathArgs, Permissions, ResponseKind, Scopes, query,
};

// ---- Operations, as emitted ----

/// List users. `GET /users`
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserList {
    path: PathArgs,
}

impl UserList {
    /// `GET /users`
    pub fn new() -> Self {
        UserList {
            path: PathArgs::new(0, []),
        }
    }
}

impl Operation for UserList {
    type Body = ();
    type Output = Page<User>;
    type Resource = User;
    const NAME: &'static str = "user-list";
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATES: &'static [&'static str] = &["/users"];
    const RESPONSE: ResponseKind = ResponseKind::Collection;
    const QUERY: &'static [generated::operation::QueryOption] = &[
        generated::operation::QueryOption::Select,
        generated::operation::QueryOption::Top,
    ];
    const PERMISSIONS: Permissions = Permissions {
        delegated_work_or_school: Scopes::LeastToMost(&["User.ReadBasic.All", "User.Read.All"]),
        delegated_personal: Scopes::NotSupported,
        application: Scopes::LeastToMost(&["User.Read.All"]),
    };
    fn from_parts(path: PathArgs, _body: ()) -> Self {
        UserList { path }
    }
    fn path(&self) -> &PathArgs {
        &self.path
    }
}
impl query::Select for UserList {}
impl query::Top for UserList {}

/// Member constants, as the generator will emit them on `User`.
const DISPLAY_NAME: Member<User> = Member::new("displayName");
const MAIL: Member<User> = Member::new("mail");

/// Create connectionOperation. `POST /external/connections/{id}/operations`
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectionOperationCreate {
    path: PathArgs,
    pub body: ConnectionOperation,
}

impl ConnectionOperationCreate {
    /// `POST /external/connections/{id}/operations`
    pub fn new(id: impl Into<String>, body: ConnectionOperation) -> Self {
        ConnectionOperationCreate {
            path: PathArgs::new(0, [id.into()]),
            body,
        }
    }
}

impl Operation for ConnectionOperationCreate {
    type Body = ConnectionOperation;
    type Output = ConnectionOperation;
    type Resource = ConnectionOperation;
    const NAME: &'static str = "externalconnectors-connectionoperation-create";
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATES: &'static [&'static str] = &["/external/connections/{id}/operations"];
    const RESPONSE: ResponseKind = ResponseKind::Value;
    fn from_parts(path: PathArgs, body: ConnectionOperation) -> Self {
        ConnectionOperationCreate { path, body }
    }
    fn path(&self) -> &PathArgs {
        &self.path
    }
    fn body(&self) -> Option<&ConnectionOperation> {
        Some(&self.body)
    }
}

/// Delete a user. `DELETE /users/{id}` → 204.
#[derive(Clone, Debug, PartialEq)]
pub struct UserDelete {
    path: PathArgs,
}

impl Operation for UserDelete {
    type Body = ();
    type Output = ();
    type Resource = ();
    const NAME: &'static str = "user-delete";
    const METHOD: http::Method = http::Method::DELETE;
    const PATH_TEMPLATES: &'static [&'static str] = &["/users/{id}"];
    const RESPONSE: ResponseKind = ResponseKind::NoContent;
    fn from_parts(path: PathArgs, _body: ()) -> Self {
        UserDelete { path }
    }
    fn path(&self) -> &PathArgs {
        &self.path
    }
}

// ---- A scripted HTTP/1.1 server ----

struct Reply {
    status: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    /// `{base}` is replaced by the server's base URL.
    body: &'static str,
    delay: Duration,
}

fn reply(status: &'static str, body: &'static str) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body,
        delay: Duration::ZERO,
    }
}

/// What the server received.
#[derive(Debug)]
struct Seen {
    request_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Serves `replies` in order, one connection each (`Connection: close`), then stops;
/// it also stops when no client connects within 10 s.
fn serve(replies: Vec<Reply>) -> (String, JoinHandle<Vec<Seen>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind the loopback address");
    let base = format!(
        "http://{}/v1.0",
        listener.local_addr().expect("local address")
    );
    listener.set_nonblocking(true).expect("non-blocking accept");
    let server_base = base.clone();
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for reply in replies {
            let deadline = Instant::now() + Duration::from_secs(10);
            let stream = loop {
                match listener.accept() {
                    Ok((stream, _)) => break Some(stream),
                    Err(_) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(5))
                    }
                    Err(_) => break None,
                }
            };
            let Some(mut stream) = stream else { break };
            stream.set_nonblocking(false).expect("blocking stream");
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .expect("read timeout");
            let Some(request) = read_request(&mut stream) else {
                break;
            };
            seen.push(request);
            std::thread::sleep(reply.delay);
            let body = reply.body.replace("{base}", &server_base);
            let mut head = format!(
                "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                reply.status,
                body.len()
            );
            if !body.is_empty() {
                head.push_str("Content-Type: application/json\r\n");
            }
            for (name, value) in &reply.headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            // The client may have gone (timeout test): a failed write is expected then.
            let _ = stream
                .write_all(head.as_bytes())
                .and_then(|_| stream.write_all(body.as_bytes()));
        }
        seen
    });
    (base, handle)
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 || line == "\r\n" {
            break;
        }
        let (name, value) = line.trim_end().split_once(':')?;
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        request_line: request_line.trim_end().to_string(),
        headers,
        body,
    })
}

fn run<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

fn client(base: &str) -> Client<StaticToken> {
    Client::new(base, StaticToken("t0k3n".into())).with_timeout(Some(Duration::from_secs(10)))
}

// ---- Tests ----

const PAGE_1: &str = r#"{"@odata.context":"{base}/$metadata#users(displayName,mail)","value":[{"displayName":"Adele Vance","mail":"AdeleV@contoso.com"},{"displayName":"Alex Wilber","mail":"AlexW@contoso.com"}],"@odata.nextLink":"{base}/users?$select=displayName,mail&$top=2&$skiptoken=RFNwdAIAAQAAAD8"}"#;
const PAGE_2: &str = r#"{"@odata.context":"{base}/$metadata#users(displayName,mail)","value":[{"displayName":"Diego Siciliani","mail":"DiegoS@contoso.com"}]}"#;

#[test]
fn items_follow_the_next_link_across_two_pages() {
    let (base, server) = serve(vec![reply("200 OK", PAGE_1), reply("200 OK", PAGE_2)]);
    let request = UserList::new()
        .request()
        .select([DISPLAY_NAME, MAIL])
        .top(2);
    let users: Vec<User> = run(async {
        let client = client(&base);
        let items: Vec<Result<User, Error>> = client.items(request).collect().await;
        items.into_iter().collect::<Result<_, _>>()
    })
    .expect("three users");
    let names: Vec<_> = users
        .iter()
        .filter_map(|u| u.display_name.as_deref())
        .collect();
    assert_eq!(names, ["Adele Vance", "Alex Wilber", "Diego Siciliani"]);
    let seen = server.join().expect("server thread");
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[0].request_line,
        "GET /v1.0/users?$select=displayName,mail&$top=2 HTTP/1.1"
    );
    assert_eq!(
        seen[1].request_line,
        "GET /v1.0/users?$select=displayName,mail&$top=2&$skiptoken=RFNwdAIAAQAAAD8 HTTP/1.1"
    );
    for request in &seen {
        assert_eq!(request.header("authorization"), Some("Bearer t0k3n"));
        assert_eq!(request.header("accept"), Some("application/json"));
    }
}

#[test]
fn pages_keep_their_links() {
    let (base, server) = serve(vec![reply("200 OK", PAGE_1), reply("200 OK", PAGE_2)]);
    let pages: Vec<Page<User>> = run(async {
        let client = client(&base);
        let pages: Vec<Result<Page<User>, Error>> = client.pages(UserList::new()).collect().await;
        pages.into_iter().collect::<Result<_, _>>()
    })
    .expect("two pages");
    assert_eq!(pages.len(), 2);
    assert!(
        pages[0]
            .next_link
            .as_deref()
            .is_some_and(|l| l.ends_with("$skiptoken=RFNwdAIAAQAAAD8"))
    );
    assert_eq!(pages[1].next_link, None);
    server.join().expect("server thread");
}

#[test]
fn throttling_is_retried_after_retry_after() {
    let throttled = Reply {
        headers: vec![("Retry-After", "1")],
        ..reply(
            "429 Too Many Requests",
            r#"{"error":{"code":"TooManyRequests","message":"Please retry again later."}}"#,
        )
    };
    let (base, server) = serve(vec![throttled, reply("200 OK", PAGE_2)]);
    let start = Instant::now();
    let page = run(client(&base).send(UserList::new())).expect("success after one retry");
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        start.elapsed()
    );
    assert_eq!(page.value.len(), 1);
    let seen = server.join().expect("server thread");
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("authorization"), Some("Bearer t0k3n"));
}

#[test]
fn a_wait_past_the_bound_returns_the_throttling_error() {
    let throttled = Reply {
        headers: vec![("Retry-After", "120")],
        ..reply(
            "503 Service Unavailable",
            r#"{"error":{"code":"serviceNotAvailable","message":"Try later."}}"#,
        )
    };
    let (base, server) = serve(vec![throttled]);
    let start = Instant::now();
    let client = client(&base).with_retry(RetryPolicy {
        max_total_wait: Duration::from_secs(5),
        ..RetryPolicy::default()
    });
    let error = run(client.send(UserList::new())).expect_err("no retry: 120 s is past the bound");
    assert!(start.elapsed() < Duration::from_secs(5));
    let graph = error.graph().expect("a Graph error");
    assert_eq!(graph.status.as_u16(), 503);
    assert_eq!(
        graph.retry_after,
        Some(generated::operation::RetryAfter::Seconds(120))
    );
    assert_eq!(server.join().expect("server thread").len(), 1);
}

#[test]
fn graph_error_envelopes_are_typed() {
    let not_found = reply(
        "404 Not Found",
        r#"{"error":{"code":"Request_ResourceNotFound","message":"Resource '4562bcc8' does not exist or one of its queried reference-property objects are not present.","innerError":{"date":"2024-01-18T14:25:26","request-id":"b6a3a0c5-0e52-4b4b-a5a3-7e1dbd4ee6e9","client-request-id":"b6a3a0c5-0e52-4b4b-a5a3-7e1dbd4ee6e9"}}}"#,
    );
    let (base, server) = serve(vec![not_found]);
    let body = ConnectionOperation::default();
    let error = run(client(&base).send(ConnectionOperationCreate::new("contosohr", body)))
        .expect_err("404");
    let graph = error.graph().expect("a Graph error");
    assert_eq!(graph.code.as_deref(), Some("Request_ResourceNotFound"));
    assert_eq!(
        graph.request_id(),
        Some("b6a3a0c5-0e52-4b4b-a5a3-7e1dbd4ee6e9")
    );
    assert_eq!(
        graph.inner_error.as_ref().and_then(|i| i.date.as_deref()),
        Some("2024-01-18T14:25:26")
    );
    server.join().expect("server thread");
}

#[test]
fn a_post_sends_its_typed_body_and_decodes_the_created_object() {
    let created = reply(
        "201 Created",
        r##"{"@odata.type":"#microsoft.graph.connectionOperation","id":"05f5b0a2-b0a2-05f5-a2b0-f505a2b0f505","status":"inprogress"}"##,
    );
    let (base, server) = serve(vec![created]);
    let body: ConnectionOperation =
        serde_json::from_str(r#"{"status":"inprogress"}"#).expect("a body");
    let op = ConnectionOperationCreate::new("contoso hr/1", body);
    let output = run(client(&base).send(op)).expect("201");
    assert_eq!(
        output.id.as_deref(),
        Some("05f5b0a2-b0a2-05f5-a2b0-f505a2b0f505")
    );
    let seen = server.join().expect("server thread");
    assert_eq!(
        seen[0].request_line,
        "POST /v1.0/external/connections/contoso%20hr%2F1/operations HTTP/1.1"
    );
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_slice(&seen[0].body).expect("a JSON body");
    assert_eq!(sent, serde_json::json!({"status": "inprogress"}));
}

#[test]
fn no_content_is_unit() {
    let (base, server) = serve(vec![reply("204 No Content", "")]);
    let op = UserDelete {
        path: PathArgs::new(0, ["AdeleV@contoso.com".to_string()]),
    };
    run(client(&base).send(op)).expect("204");
    let seen = server.join().expect("server thread");
    assert_eq!(
        seen[0].request_line,
        "DELETE /v1.0/users/AdeleV@contoso.com HTTP/1.1"
    );
}

#[test]
fn a_slow_answer_is_a_timeout() {
    let slow = Reply {
        delay: Duration::from_millis(1500),
        ..reply("200 OK", PAGE_2)
    };
    let (base, server) = serve(vec![slow]);
    let client = client(&base).with_timeout(Some(Duration::from_millis(200)));
    let start = Instant::now();
    let error = run(client.send(UserList::new())).expect_err("timeout");
    assert!(matches!(error, Error::Timeout), "{error:?}");
    assert!(start.elapsed() < Duration::from_secs(1));
    server.join().expect("server thread");
}

#[test]
fn the_same_request_values_work_with_any_http_stack() {
    // Sans-IO: build, send elsewhere, decode. Here the "stack" is a canned response.
    let request = UserList::new()
        .request()
        .select(["displayName"])
        .top(1)
        .build(generated::operation::base_url::V1_0)
        .expect("a request");
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users?$select=displayName&$top=1"
    );
    let body = PAGE_2.replace("{base}", generated::operation::base_url::V1_0);
    let page = UserList::decode(
        http::StatusCode::OK,
        &http::HeaderMap::new(),
        body.as_bytes(),
    )
    .expect("a page");
    assert_eq!(page.value[0].mail.as_deref(), Some("DiegoS@contoso.com"));
    assert_eq!(
        UserList::PERMISSIONS
            .delegated_work_or_school
            .least_privileged(),
        Some("User.ReadBasic.All")
    );
}
