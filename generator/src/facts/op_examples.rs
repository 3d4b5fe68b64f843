//! An operation's request/response example pairs as written (method, URL, bodies,
//! status), kept so that the corpus report can exercise the operation's typed request
//! against them. Nothing here is interpreted: the generated crate's `exercise` module
//! judges them.

use serde::Serialize;
use serde_json::Value;

use crate::diagnostics::Origin;
use crate::page::{HttpRequest, HttpResponse, MessageBody};

/// One request example and the response example after it; either may be missing.
#[derive(Clone, Debug, Serialize)]
pub struct OperationExample {
    /// The request line, or the response's annotation when there is no request.
    pub origin: Origin,
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

/// A request example: the method as written (before a page's one method replaced it),
/// the URL and the body.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleRequest {
    pub method: String,
    pub url: String,
    pub body: ExampleMessage,
}

/// A response example: status, headers and body.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleResponse {
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: ExampleMessage,
}

/// The body of an example message.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", content = "json", rename_all = "snake_case")]
pub enum ExampleMessage {
    None,
    Json(Value),
    /// Text that is not JSON (file content, a placeholder, CSV).
    Text,
    /// JSON that cannot be read, even leniently (reported where the body is read).
    Unreadable,
}

impl ExampleMessage {
    fn of(body: &Option<MessageBody>) -> Self {
        match body {
            None => ExampleMessage::None,
            Some(MessageBody::Text { .. }) => ExampleMessage::Text,
            Some(MessageBody::Json(j)) => match j.value() {
                Some(v) => ExampleMessage::Json(v.clone()),
                None => ExampleMessage::Unreadable,
            },
        }
    }
}

impl ExampleRequest {
    pub(super) fn of(req: &HttpRequest) -> Self {
        ExampleRequest {
            method: req.method.clone(),
            url: req.url.clone(),
            body: ExampleMessage::of(&req.body),
        }
    }
}

impl ExampleResponse {
    pub(super) fn of(resp: &HttpResponse) -> Self {
        ExampleResponse {
            status: resp.status,
            headers: resp
                .headers
                .iter()
                .map(|h| (h.name.clone(), h.value.clone()))
                .collect(),
            body: ExampleMessage::of(&resp.body),
        }
    }
}
