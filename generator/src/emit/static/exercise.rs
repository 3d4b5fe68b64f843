//! Operations exercised against the docs' own request/response examples (feature
//! `registry`, used by `xtask corpus` and the tests): the typed request built from an
//! example's values must give the example's method, path, query and body, and the
//! example's response must decode into the operation's output and survive a round trip.
//!
//! [`exercise`] is generic over [`Operation`]; `registry::OPERATIONS` instantiates it once
//! per emitted operation, so a tool only feeds examples in.

use ::http::header::{HeaderMap, HeaderName, HeaderValue};
use ::http::StatusCode;
use ::percent_encoding::percent_decode_str;
use ::serde_json::Value;

use crate::operation::{Operation, PathArgs, QueryOption, ResponseKind};
use crate::support::first_difference;

/// A request or response body as the example writes it.
#[derive(Clone, Copy, Debug)]
pub enum Message<'a> {
    None,
    Json(&'a Value),
    /// Not JSON (file content, a placeholder, CSV).
    Text,
    /// JSON that cannot be read even leniently.
    Unreadable,
}

/// The request example: method and URL as written, and its body.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub body: Message<'a>,
}

/// The response example after it.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    pub status: Option<u16>,
    pub headers: &'a [(String, String)],
    pub body: Message<'a>,
}

/// One request/response pair of an operation's page.
#[derive(Clone, Copy, Debug)]
pub struct Example<'a> {
    pub request: Request<'a>,
    pub response: Response<'a>,
    /// The base URL for a relative example URL (`https://graph.microsoft.com/v1.0`).
    pub base_url: &'a str,
}

/// Why an example does not reproduce: a stable key each, in the order they are checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The URL points outside graph.microsoft.com, has a version other than `v1.0` or
    /// `beta`, or has no path.
    UrlNotGraph,
    MethodDiffers,
    /// The example's path matches none of the operation's templates.
    PathMatchesNoTemplate,
    /// The request body is not JSON (a file, a placeholder): it cannot be compared.
    BodyNotJson,
    BodyUnreadable,
    /// The example sends a body where the operation documents none.
    BodyNotExpected,
    /// The operation's body type always sends a body; the example sends none.
    BodyMissing,
    /// The example's body does not read as the operation's body type.
    BodyDoesNotFit,
    BuildFailed,
    PathDiffers,
    QueryDiffers,
    BodyDiffers,
    ResponseNoStatus,
    /// The response body is not JSON where the operation returns JSON.
    ResponseNotJson,
    ResponseUnreadable,
    /// The example returns a body where the operation documents `204 No Content`.
    ResponseBodyNotExpected,
    ResponseDoesNotDecode,
    ResponseDiffers,
}

impl Reason {
    /// A stable key (`path-matches-no-template`), for reports.
    pub const fn key(self) -> &'static str {
        match self {
            Reason::UrlNotGraph => "url-not-graph",
            Reason::MethodDiffers => "method-differs",
            Reason::PathMatchesNoTemplate => "path-matches-no-template",
            Reason::BodyNotJson => "body-not-json",
            Reason::BodyUnreadable => "body-unreadable",
            Reason::BodyNotExpected => "body-not-expected",
            Reason::BodyMissing => "body-missing",
            Reason::BodyDoesNotFit => "body-does-not-fit",
            Reason::BuildFailed => "build-failed",
            Reason::PathDiffers => "path-differs",
            Reason::QueryDiffers => "query-differs",
            Reason::BodyDiffers => "body-differs",
            Reason::ResponseNoStatus => "response-no-status",
            Reason::ResponseNotJson => "response-not-json",
            Reason::ResponseUnreadable => "response-unreadable",
            Reason::ResponseBodyNotExpected => "response-body-not-expected",
            Reason::ResponseDoesNotDecode => "response-does-not-decode",
            Reason::ResponseDiffers => "response-differs",
        }
    }

    /// The reason in words a docs maintainer can act on.
    pub const fn describe(self) -> &'static str {
        match self {
            Reason::UrlNotGraph => "the request URL is not a Graph URL",
            Reason::MethodDiffers => "the request uses another method than the operation's",
            Reason::PathMatchesNoTemplate => "the request path matches none of the operation's path templates",
            Reason::BodyNotJson => "the request body is not JSON (file content or a placeholder)",
            Reason::BodyUnreadable => "the request body cannot be read as JSON",
            Reason::BodyNotExpected => "the request sends a body; the operation documents none",
            Reason::BodyMissing => "the request sends no body; the operation's body type always sends one",
            Reason::BodyDoesNotFit => "the request body does not fit the operation's body type",
            Reason::BuildFailed => "the typed request cannot be built",
            Reason::PathDiffers => "the built path differs from the example's",
            Reason::QueryDiffers => "the built query differs from the example's",
            Reason::BodyDiffers => "the built body differs from the example's",
            Reason::ResponseNoStatus => "the response has no status code",
            Reason::ResponseNotJson => "the response body is not JSON; the operation returns JSON",
            Reason::ResponseUnreadable => "the response body cannot be read as JSON",
            Reason::ResponseBodyNotExpected => "the response has a body; the operation documents 204 No Content",
            Reason::ResponseDoesNotDecode => "the response does not decode into the operation's output",
            Reason::ResponseDiffers => "the decoded response changes on the way back",
        }
    }
}

/// Why one example failed, with the detail (a JSON path, serde's message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub reason: Reason,
    pub detail: String,
}

/// What exercising one example found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub result: Result<(), Failure>,
    /// Query parameters the example uses that the operation does not document.
    pub undocumented_query: Vec<String>,
}

/// One emitted operation of the registry: its Graph name and its exerciser.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub namespace: &'static str,
    /// The operation's name (its page's file stem).
    pub name: &'static str,
    pub exercise: fn(&Example<'_>) -> Outcome,
}

/// Exercises operation `namespace` / `name` of `crate::registry::OPERATIONS` on a
/// request/response pair in the JSON form the generator writes (`xtask corpus`'s
/// `operation_examples.json`): `{"request": {"method", "url", "body"}, "response":
/// {"status", "headers", "body"}}`, a body being `{"kind": "none" | "json" | "text" |
/// "unreadable", "json": …}` and headers `[name, value]` pairs. `None` when the registry
/// has no such operation (its features are off) or the pair lacks a request or response.
pub fn exercise_json(namespace: &str, name: &str, pair: &Value, base_url: &str) -> Option<Outcome> {
    let entry = crate::registry::OPERATIONS.iter().find(|e| e.namespace == namespace && e.name == name)?;
    let (request, response) = (pair.get("request")?, pair.get("response")?);
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    let headers: Vec<(String, String)> = response
        .get("headers")
        .and_then(Value::as_array)
        .map(|hs| hs.iter().filter_map(|h| Some((h.get(0)?.as_str()?.to_string(), h.get(1)?.as_str()?.to_string()))).collect())
        .unwrap_or_default();
    let (method, url) = (text(request, "method"), text(request, "url"));
    let example = Example {
        request: Request { method: &method, url: &url, body: message(request.get("body")) },
        response: Response {
            status: response.get("status").and_then(Value::as_u64).and_then(|s| u16::try_from(s).ok()),
            headers: &headers,
            body: message(response.get("body")),
        },
        base_url,
    };
    Some((entry.exercise)(&example))
}

/// A body in the generator's JSON form.
fn message(body: Option<&Value>) -> Message<'_> {
    let Some(body) = body else { return Message::None };
    match body.get("kind").and_then(Value::as_str) {
        Some("json") => body.get("json").map_or(Message::Unreadable, Message::Json),
        Some("text") => Message::Text,
        Some("unreadable") => Message::Unreadable,
        _ => Message::None,
    }
}

fn fail<T>(reason: Reason, detail: impl Into<String>) -> Result<T, Failure> {
    Err(Failure { reason, detail: detail.into() })
}

/// Builds `O`'s request from the example's values, compares it with the example, then
/// decodes the example's response and round-trips it.
pub fn exercise<O>(example: &Example<'_>) -> Outcome
where
    O: Operation,
    O::Body: ::serde::de::DeserializeOwned,
    O::Output: ::serde::Serialize,
{
    let mut undocumented_query = Vec::new();
    let result = exercise_request::<O>(example, &mut undocumented_query).and_then(|()| exercise_response::<O>(&example.response));
    Outcome { result, undocumented_query }
}

fn exercise_request<O>(example: &Example<'_>, undocumented: &mut Vec<String>) -> Result<(), Failure>
where
    O: Operation,
    O::Body: ::serde::de::DeserializeOwned,
{
    let request = &example.request;
    let target = Target::parse(request.url, example.base_url)?;
    if !O::SPEC.method.as_str().eq_ignore_ascii_case(request.method.trim()) {
        return fail(Reason::MethodDiffers, format!("{} where the operation is {}", request.method, O::SPEC.method));
    }
    let path = match_templates(O::PATH_TEMPLATES, &target.path)
        .ok_or_else(|| Failure { reason: Reason::PathMatchesNoTemplate, detail: format!("`{}` against {:?}", target.path, O::PATH_TEMPLATES) })?;
    let body = read_body::<O::Body>(request.body)?;
    *undocumented = undocumented_options(&target.query, O::QUERY);
    let mut builder = O::from_parts(path, body).request();
    for (name, value) in &target.query {
        builder = builder.query_param(name.clone(), value.clone());
    }
    let built = builder.build(&target.base).map_err(|e| Failure { reason: Reason::BuildFailed, detail: e.to_string() })?;
    compare_request(&target, request.body, &built)
}

/// The example's body as `B`: `null` when it sends none, which only `()` (and
/// `serde_json::Value`) accept.
fn read_body<B: ::serde::de::DeserializeOwned>(body: Message<'_>) -> Result<B, Failure> {
    match body {
        Message::Text => fail(Reason::BodyNotJson, ""),
        Message::Unreadable => fail(Reason::BodyUnreadable, ""),
        Message::None => ::serde_json::from_value(Value::Null).or_else(|e| fail(Reason::BodyMissing, e.to_string())),
        Message::Json(json) => ::serde_json::from_value(json.clone()).or_else(|e| {
            let takes_none = ::serde_json::from_value::<B>(Value::Null).is_ok();
            fail(if takes_none { Reason::BodyNotExpected } else { Reason::BodyDoesNotFit }, e.to_string())
        }),
    }
}

/// The built request's path, query and body against the example's.
fn compare_request(target: &Target, body: Message<'_>, built: &::http::Request<Vec<u8>>) -> Result<(), Failure> {
    let uri = built.uri();
    if !same_path(uri.path(), &format!("{}{}", base_path(&target.base), target.path)) {
        return fail(Reason::PathDiffers, format!("built `{}`, example `{}`", uri.path(), target.path));
    }
    let query = parse_query(uri.query().unwrap_or(""));
    if !same_query(&query, &target.query) {
        return fail(Reason::QueryDiffers, format!("built `{}`", uri.query().unwrap_or("")));
    }
    let sent: Value = if built.body().is_empty() {
        Value::Null
    } else {
        ::serde_json::from_slice(built.body()).map_err(|e| Failure { reason: Reason::BuildFailed, detail: e.to_string() })?
    };
    let written = match body {
        Message::Json(json) => json.clone(),
        _ => Value::Null,
    };
    match first_difference(&written, &sent) {
        None => Ok(()),
        Some(at) => fail(Reason::BodyDiffers, format!("at `{at}`")),
    }
}

/// Decodes the example's response as `O::Output` and serializes it back.
fn exercise_response<O>(response: &Response<'_>) -> Result<(), Failure>
where
    O: Operation,
    O::Output: ::serde::Serialize,
{
    let status = response
        .status
        .and_then(|s| StatusCode::from_u16(s).ok())
        .ok_or_else(|| Failure { reason: Reason::ResponseNoStatus, detail: String::new() })?;
    let bytes = match (response.body, O::RESPONSE) {
        (Message::Json(json), _) => ::serde_json::to_vec(json).unwrap_or_default(),
        (Message::None, _) => Vec::new(),
        (Message::Text, ResponseKind::Raw | ResponseKind::NoContent) => b"(text)".to_vec(),
        (Message::Text, _) => return fail(Reason::ResponseNotJson, ""),
        (Message::Unreadable, _) => return fail(Reason::ResponseUnreadable, ""),
    };
    let output = match O::decode(status, &headers(response.headers), &bytes) {
        Ok(output) => output,
        // An error example: it reads as a typed Graph error, which is what it is.
        Err(crate::operation::Error::Graph(_)) => return Ok(()),
        Err(e) => return fail(Reason::ResponseDoesNotDecode, e.to_string()),
    };
    match (O::RESPONSE, response.body) {
        (ResponseKind::Raw, _) => Ok(()),
        (ResponseKind::NoContent, Message::Json(json)) if !json.is_null() => fail(Reason::ResponseBodyNotExpected, ""),
        (ResponseKind::NoContent, _) => Ok(()),
        (kind, body) => {
            let written = match body {
                Message::Json(json) => json.clone(),
                _ => Value::Null,
            };
            let back = ::serde_json::to_value(&output).map_err(|e| Failure { reason: Reason::ResponseDiffers, detail: e.to_string() })?;
            let expected = if kind == ResponseKind::Collection { page_members(written) } else { written };
            match first_difference(&expected, &back) {
                None => Ok(()),
                Some(at) => fail(Reason::ResponseDiffers, format!("at `{at}`")),
            }
        }
    }
}

/// The members of a collection response a `Page` keeps: OData's other annotations at its
/// top level (`@odata.context`) are not part of the page.
fn page_members(mut written: Value) -> Value {
    const KEPT: [&str; 3] = ["@odata.nextLink", "@odata.deltaLink", "@odata.count"];
    if let Value::Object(members) = &mut written {
        members.retain(|k, _| !k.starts_with('@') || KEPT.contains(&k.as_str()));
    }
    written
}

/// The example's response headers that are valid HTTP headers.
fn headers(pairs: &[(String, String)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        if let (Ok(n), Ok(v)) = (HeaderName::from_bytes(name.trim().as_bytes()), HeaderValue::from_str(value.trim())) {
            map.append(n, v);
        }
    }
    map
}

/// An example URL split into the base it is under, its path and its query.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Target {
    /// `https://graph.microsoft.com/v1.0`.
    base: String,
    /// From the `/` after the version, without the query.
    path: String,
    /// Names and values, percent-decoded, in order.
    query: Vec<(String, String)>,
}

impl Target {
    fn parse(url: &str, default_base: &str) -> Result<Target, Failure> {
        let url = url.trim();
        let (base, rest) = match url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) {
            Some(rest) => {
                let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
                if !host.eq_ignore_ascii_case("graph.microsoft.com") {
                    return fail(Reason::UrlNotGraph, url);
                }
                let (version, path) = path.split_once('/').unwrap_or((path, ""));
                if version != "v1.0" && version != "beta" {
                    return fail(Reason::UrlNotGraph, url);
                }
                (format!("https://graph.microsoft.com/{version}"), format!("/{path}"))
            }
            None => {
                let relative = if url.starts_with('/') { url.to_string() } else { format!("/{url}") };
                // `/v1.0/me` written relative to the host.
                match ["/v1.0/", "/beta/"].iter().find(|v| relative.starts_with(*v)) {
                    Some(v) => (format!("https://graph.microsoft.com{}", v.trim_end_matches('/')), relative[v.len() - 1..].to_string()),
                    None => (default_base.trim_end_matches('/').to_string(), relative),
                }
            }
        };
        let rest = rest.split('#').next().unwrap_or("");
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        if path.len() <= 1 {
            return fail(Reason::UrlNotGraph, url);
        }
        Ok(Target { base, path: path.to_string(), query: parse_query(query) })
    }
}

/// `/v1.0` of `https://graph.microsoft.com/v1.0`.
fn base_path(base: &str) -> &str {
    let rest = base.split_once("://").map_or(base, |(_, r)| r);
    rest.find('/').map_or("", |i| &rest[i..])
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// `a=1&b=x%20y` → names and values, percent-decoded (`+` is kept: Graph reads it as is).
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (name, value) = p.split_once('=').unwrap_or((p, ""));
            (decode(name.trim()), decode(value))
        })
        .collect()
}

/// The same parameters, in any order; names of OData options compare without case.
fn same_query(built: &[(String, String)], written: &[(String, String)]) -> bool {
    let key = |q: &[(String, String)]| {
        let mut v: Vec<(String, String)> = q.iter().map(|(n, v)| (n.to_ascii_lowercase(), v.clone())).collect();
        v.sort();
        v
    };
    key(built) == key(written)
}

/// `$select` and `select` (OData accepts system options without `$`) → the option.
fn system_option(name: &str) -> Option<QueryOption> {
    const SYSTEM: [QueryOption; 10] = [
        QueryOption::Select,
        QueryOption::Expand,
        QueryOption::OrderBy,
        QueryOption::Filter,
        QueryOption::Top,
        QueryOption::Skip,
        QueryOption::Search,
        QueryOption::Count,
        QueryOption::SkipToken,
        QueryOption::Format,
    ];
    let bare = name.trim_start_matches('$');
    SYSTEM.into_iter().find(|o| o.name()[1..].eq_ignore_ascii_case(bare))
}

/// The example's query parameters the operation's `QUERY` does not list.
fn undocumented_options(query: &[(String, String)], documented: &[QueryOption]) -> Vec<String> {
    query
        .iter()
        .map(|(name, _)| name)
        .filter(|name| match system_option(name) {
            Some(option) => !documented.contains(&option),
            None => !documented.iter().any(|o| matches!(o, QueryOption::Other(n) if n.eq_ignore_ascii_case(name))),
        })
        .cloned()
        .collect()
}

/// A path compared by meaning: percent-decoded, without a trailing `/` or the empty
/// argument list of a function (`delta()` is `delta`), segments without case (Graph's
/// are case-insensitive).
fn same_path(a: &str, b: &str) -> bool {
    normal_path(&decode(a)).eq_ignore_ascii_case(&normal_path(&decode(b)))
}

fn normal_path(path: &str) -> String {
    let path = path.replace("()/", "/");
    let path = path.trim_end_matches('/').trim_end_matches("()").trim_end_matches('/');
    if path.starts_with('/') { path.to_string() } else { format!("/{path}") }
}

/// A piece of a path template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece<'t> {
    Literal(&'t str),
    /// A `{parameter}`; `slashes` after `:/` (path-based addressing keeps them),
    /// `quoted` inside quotes (where the example doubles a quote).
    Parameter { slashes: bool, quoted: bool },
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        if open > 0 {
            out.push(Piece::Literal(&rest[..open]));
        }
        let before = &rest[..open];
        out.push(Piece::Parameter { slashes: before.ends_with(":/"), quoted: before.ends_with('\'') });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Literal(rest));
    }
    out
}

/// The template whose shape `path` has, and the parameter values it holds there
/// (percent-decoded). Literal text compares without case; a parameter takes at least one
/// character and no `/` (but after `:/`). Of several matching templates the one with the
/// most literal text wins (`/me/messages` over `/{id}/messages`).
fn match_templates(templates: &[&str], path: &str) -> Option<PathArgs> {
    let path = normal_path(path);
    let mut best: Option<(usize, PathArgs)> = None;
    for (i, template) in templates.iter().enumerate() {
        let template = normal_path(template);
        let pieces = pieces(&template);
        let mut values = Vec::new();
        if match_pieces(&pieces, &path, &mut values) {
            let literal: usize = pieces.iter().map(|p| if let Piece::Literal(l) = p { l.len() } else { 0 }).sum();
            if best.as_ref().is_none_or(|(l, _)| literal > *l) {
                let quoted = pieces.iter().filter_map(|p| match p {
                    Piece::Parameter { quoted, .. } => Some(*quoted),
                    Piece::Literal(_) => None,
                });
                let values = values.iter().zip(quoted).map(|(v, q)| if q { decode(v).replace("''", "'") } else { decode(v) }).collect();
                best = Some((literal, PathArgs::from_vec(i, values)));
            }
        }
    }
    best.map(|(_, args)| args)
}

fn match_pieces<'p>(pieces: &[Piece<'_>], path: &'p str, values: &mut Vec<&'p str>) -> bool {
    match pieces.split_first() {
        None => path.is_empty(),
        Some((Piece::Literal(l), rest)) => {
            path.len() >= l.len() && path.is_char_boundary(l.len()) && path[..l.len()].eq_ignore_ascii_case(l) && match_pieces(rest, &path[l.len()..], values)
        }
        Some((Piece::Parameter { slashes, .. }, rest)) => {
            let end = if *slashes { path.len() } else { path.find('/').unwrap_or(path.len()) };
            // Longest first: a value may contain the text that follows it in the template.
            for cut in (1..=end).rev().filter(|c| path.is_char_boundary(*c)) {
                values.push(&path[..cut]);
                if match_pieces(rest, &path[cut..], values) {
                    return true;
                }
                values.pop();
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::{OperationSpec, Page, Permissions, Spec};
    use ::http::Method;

    /// `GET /users/{id}/messages`, `GET /me/messages` and a function with a quoted
    /// parameter; `$select` and `$top` documented.
    enum ListSpec {}

    impl Spec for ListSpec {
        type Body = ();
        type Output = Page<::serde_json::Value>;
        type Resource = ();
        const SPEC: &'static OperationSpec = &OperationSpec {
            name: "list",
            method: Method::GET,
            templates: &["/users/{id}/messages", "/me/messages", "/workbook/range(address='{address}')"],
            response: ResponseKind::Collection,
            query: &[QueryOption::Select, QueryOption::Top, QueryOption::Other("startDateTime")],
            headers: &[],
            permissions: Permissions::UNDOCUMENTED,
            docs: "",
            has_body: false,
        };
    }

    type List = crate::operation::Request<ListSpec>;

    /// `POST /me/events` with a typed body (a map here) and a single output.
    enum CreateSpec {}

    impl Spec for CreateSpec {
        type Body = ::std::collections::BTreeMap<String, Value>;
        type Output = ::std::collections::BTreeMap<String, Value>;
        type Resource = ();
        const SPEC: &'static OperationSpec = &OperationSpec {
            name: "create",
            method: Method::POST,
            templates: &["/me/events"],
            response: ResponseKind::Value,
            query: &[],
            headers: &[],
            permissions: Permissions::UNDOCUMENTED,
            docs: "",
            has_body: true,
        };
    }

    type Create = crate::operation::Request<CreateSpec>;

    fn example<'a>(method: &'a str, url: &'a str, body: Message<'a>, response: Response<'a>) -> Example<'a> {
        Example { request: Request { method, url, body }, response, base_url: crate::operation::base_url::V1_0 }
    }

    fn ok_response(body: &Value) -> Response<'_> {
        Response { status: Some(200), headers: &[], body: Message::Json(body) }
    }

    fn reason(outcome: &Outcome) -> Option<Reason> {
        outcome.result.as_ref().err().map(|f| f.reason)
    }

    #[test]
    fn templates_match_by_shape_and_prefer_literal_text() {
        let args = match_templates(&["/users/{id}/messages", "/me/messages"], "/users/a%40b.com/Messages").unwrap();
        assert_eq!(args, PathArgs::from_vec(0, vec!["a@b.com".to_string()]));
        assert_eq!(match_templates(&["/{id}/messages", "/me/messages"], "/me/messages").unwrap().template, 1);
        assert_eq!(match_templates(&["/users/{id}/messages"], "/users//messages"), None);
        assert_eq!(match_templates(&["/users/{id}/messages"], "/users/a/b/messages"), None);
        assert_eq!(match_templates(&["/users/{id}/events"], "/users/a/messages"), None);
    }

    #[test]
    fn functions_and_path_addressing_match() {
        let quoted = match_templates(&["/workbook/range(address='{address}')"], "/workbook/range(address='it''s')").unwrap();
        assert_eq!(quoted.values, ["it's"]);
        let drive = match_templates(&["/me/drive/root:/{path}:/content"], "/me/drive/root:/Docs/a b.txt:/content").unwrap();
        assert_eq!(drive.values, ["Docs/a b.txt"]);
        assert!(match_templates(&["/users/delta()"], "/users/delta").is_some());
        assert!(match_templates(&["/users/delta"], "/users/delta()/").is_some());
        assert!(match_templates(&["policies/x"], "/policies/x").is_some());
    }

    #[test]
    fn urls_split_into_base_path_and_decoded_query() {
        let t = Target::parse("https://graph.microsoft.com/beta/me/messages?$select=subject,from&$filter=a%20eq%20'b'", "x").unwrap();
        assert_eq!(t.base, "https://graph.microsoft.com/beta");
        assert_eq!(t.path, "/me/messages");
        assert_eq!(t.query, [("$select".to_string(), "subject,from".to_string()), ("$filter".to_string(), "a eq 'b'".to_string())]);
        let relative = Target::parse("/v1.0/me", "https://graph.microsoft.com/beta").unwrap();
        assert_eq!((relative.base.as_str(), relative.path.as_str()), ("https://graph.microsoft.com/v1.0", "/me"));
        assert_eq!(Target::parse("me/events", "https://graph.microsoft.com/beta").unwrap().path, "/me/events");
        assert_eq!(Target::parse("https://contoso.sharepoint.com/x", "").unwrap_err().reason, Reason::UrlNotGraph);
        assert_eq!(Target::parse("https://graph.microsoft.com/docs\\api/x", "").unwrap_err().reason, Reason::UrlNotGraph);
    }

    #[test]
    fn queries_compare_in_any_order_with_option_names_without_case() {
        let q = |s: &str| parse_query(s);
        assert!(same_query(&q("$top=5&$SELECT=a,b"), &q("$select=a,b&$top=5")));
        assert!(same_query(&q("$filter=a%20eq%201"), &q("$filter=a eq 1")));
        assert!(!same_query(&q("$select=a"), &q("$select=a,b")));
        assert!(!same_query(&q("$top=5"), &q("$top=5&$top=5")));
    }

    #[test]
    fn undocumented_query_options_are_listed() {
        let query = parse_query("select=a&$top=1&$filter=x&startdatetime=1&other=2");
        assert_eq!(undocumented_options(&query, List::QUERY), ["$filter", "other"]);
    }

    #[test]
    fn a_get_with_a_collection_response_reproduces() {
        let page = ::serde_json::json!({"@odata.context": "x", "value": [{"id": "1"}], "@odata.nextLink": "https://graph.microsoft.com/v1.0/me/messages?$skip=1"});
        let ex = example("GET", "https://graph.microsoft.com/v1.0/users/{id}/messages?$select=subject&$top=1", Message::None, ok_response(&page));
        assert_eq!(exercise::<List>(&ex), Outcome { result: Ok(()), undocumented_query: Vec::new() });
        let quoted = example("GET", "/workbook/range(address='it''s')", Message::None, ok_response(&page));
        assert_eq!(reason(&exercise::<List>(&quoted)), None);
    }

    #[test]
    fn request_mismatches_name_their_reason() {
        let page = ::serde_json::json!({"value": []});
        let run = |method, url, body| reason(&exercise::<List>(&example(method, url, body, ok_response(&page))));
        assert_eq!(run("POST", "/me/messages", Message::None), Some(Reason::MethodDiffers));
        assert_eq!(run("GET", "/me/events", Message::None), Some(Reason::PathMatchesNoTemplate));
        assert_eq!(run("GET", "https://example.com/me/messages", Message::None), Some(Reason::UrlNotGraph));
        let body = ::serde_json::json!({"a": 1});
        assert_eq!(run("GET", "/me/messages", Message::Json(&body)), Some(Reason::BodyNotExpected));
        assert_eq!(run("GET", "/me/messages", Message::Text), Some(Reason::BodyNotJson));
    }

    #[test]
    fn bodies_compare_by_meaning_dates_included() {
        let written = ::serde_json::json!({"start": "2024-01-01T10:00:00.0000000+01:00", "n": 1.0});
        let response = ::serde_json::json!({"id": "1", "start": "2024-01-01T09:00:00Z"});
        let ex = example("POST", "/me/events", Message::Json(&written), ok_response(&response));
        assert_eq!(exercise::<Create>(&ex).result, Ok(()));
        let text = ::serde_json::json!("not an object");
        let bad = example("POST", "/me/events", Message::Json(&text), ok_response(&response));
        assert_eq!(reason(&exercise::<Create>(&bad)), Some(Reason::BodyDoesNotFit));
        let none = example("POST", "/me/events", Message::None, ok_response(&response));
        assert_eq!(reason(&exercise::<Create>(&none)), Some(Reason::BodyMissing));
    }

    #[test]
    fn responses_decode_and_round_trip() {
        let written = ::serde_json::json!({});
        let array = ::serde_json::json!([1]);
        let run = |response| reason(&exercise::<Create>(&example("POST", "/me/events", Message::Json(&written), response)));
        assert_eq!(run(ok_response(&array)), Some(Reason::ResponseDoesNotDecode));
        assert_eq!(run(Response { status: None, headers: &[], body: Message::None }), Some(Reason::ResponseNoStatus));
        assert_eq!(run(Response { status: Some(200), headers: &[], body: Message::Text }), Some(Reason::ResponseNotJson));
        let error = ::serde_json::json!({"error": {"code": "x", "message": "y"}});
        assert_eq!(run(Response { status: Some(404), headers: &[], body: Message::Json(&error) }), None);
        // The page keeps `value` and its links; a member beside them is lost.
        let extra = ::serde_json::json!({"value": [], "note": 1});
        let lost = example("GET", "/me/messages", Message::None, ok_response(&extra));
        assert_eq!(reason(&exercise::<List>(&lost)), Some(Reason::ResponseDiffers));
    }
}
