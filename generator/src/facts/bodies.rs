//! Request, response and example bodies: parsed once per page, then kept as examples
//! for the round-trip check.

use serde_json::Value;

use super::operations::{AnnotatedType, response_type};
use super::{ExampleFact, PageFacts};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Origin};
use crate::page::{
    BlockBody, FencedBlock, JsonBody, JsonError, JsonParse, MessageBody, Opening, Page,
};

/// A request, response or example body the reader parsed, with the line it starts on.
#[derive(Debug)]
pub struct ExampleBody<'p> {
    json: &'p Value,
    origin: Origin,
}

impl ExampleBody<'_> {
    pub(super) fn odata_type(&self) -> Option<String> {
        self.json
            .get("@odata.type")?
            .as_str()
            .map(|t| t.trim_start_matches('#').to_string())
    }
}

/// The JSON body of every block that has one (annotated requests, responses and
/// examples; on API pages also unannotated ```http blocks, the Intune dialect), by block.
/// Leniency and parse failures are reported here, once.
pub(super) fn block_bodies<'p>(
    page: &'p Page,
    diags: &mut Diagnostics,
) -> Vec<Option<ExampleBody<'p>>> {
    page.blocks
        .iter()
        .map(|b| {
            let body = example_json_body(page, b)?;
            let origin = Origin::new(&page.file, b.content_line + body.line);
            let json = report_json(body, &origin, JsonUse::EXAMPLE, diags)?;
            Some(ExampleBody { json, origin })
        })
        .collect()
}

/// The JSON body of a block that holds an example, by its annotation's block type.
fn example_json_body<'p>(page: &Page, b: &'p FencedBlock) -> Option<&'p JsonBody> {
    let message = |body: &'p Option<MessageBody>| body.as_ref().and_then(MessageBody::json);
    let body = match b.annotation.as_ref() {
        Some(ann) => match (ann.block_type(), &b.body) {
            // A response may also be a bare JSON body without a status line.
            (Some("response"), BlockBody::HttpResponse(resp)) => message(&resp.body)?,
            (Some("response") | Some("example"), BlockBody::Json(json)) => json,
            (Some("request"), BlockBody::HttpRequest(req)) => message(&req.body)?,
            _ => return None,
        },
        None if page.is_api_page() => {
            let body = match &b.body {
                BlockBody::HttpResponse(resp) => message(&resp.body)?,
                BlockBody::HttpRequest(req) => message(&req.body)?,
                _ => return None,
            };
            // Unannotated blocks count only with an object body.
            return (body.opening == Opening::Object).then_some(body);
        }
        None => return None,
    };
    matches!(body.opening, Opening::Object | Opening::Array).then_some(body)
}

/// What a JSON text is, for the diagnostics about it.
pub(super) struct JsonUse {
    pub what: &'static str,
    pub unreadable: &'static str,
}

impl JsonUse {
    pub const EXAMPLE: JsonUse = JsonUse {
        what: "example body",
        unreadable: "cannot be read as JSON",
    };
    pub const REPRESENTATION: JsonUse = JsonUse {
        what: "JSON representation",
        unreadable: "cannot be read",
    };
}

/// The value of a JSON text whose first line is `origin`, reporting leniency and failure
/// at the text's own lines.
pub(super) fn report_json<'p>(
    body: &'p JsonBody,
    origin: &Origin,
    what: JsonUse,
    diags: &mut Diagnostics,
) -> Option<&'p Value> {
    let at = |err: &JsonError| Origin::new(&origin.file, origin.line + err.line - 1);
    match &body.parsed {
        JsonParse::Strict(v) => Some(v),
        JsonParse::Lenient {
            value,
            strict_error: err,
        } => {
            let msg = format!(
                "{} is not strict JSON ({}); read leniently",
                what.what, err.message
            );
            diags.push(Diagnostic::new(Code::JsonLenient, &at(err), msg).at_column(err.column));
            Some(value)
        }
        JsonParse::Invalid(err) => {
            let msg = format!("{} {}: {}", what.what, what.unreadable, err.message);
            diags.push(Diagnostic::new(Code::JsonInvalid, &at(err), msg).at_column(err.column));
            None
        }
    }
}

/// Bodies of request, response and example blocks that name their type. `body_owner` is
/// the type a Create/Update page's request body describes, for request bodies whose
/// annotation and JSON do not name their type.
pub(super) fn examples(
    page: &Page,
    bodies: &[Option<ExampleBody>],
    body_owner: Option<&str>,
    facts: &mut PageFacts,
) {
    for (b, body) in page.blocks.iter().zip(bodies) {
        let Some(body) = body else { continue };
        let Some(ann) = &b.annotation else {
            unannotated_example(body, facts);
            continue;
        };
        let AnnotatedType {
            type_name,
            collection,
        } = match ann.block_type() {
            Some("response") | Some("example") => response_type(ann),
            Some("request") => {
                let writes = matches!(&b.body, BlockBody::HttpRequest(r)
                    if matches!(r.method.as_str(), "POST" | "PATCH" | "PUT"));
                let type_name = ann
                    .odata_type()
                    .map(|t| t.trim_start_matches('#').to_string())
                    .or_else(|| writes.then(|| body_owner.map(str::to_string)).flatten())
                    .or_else(|| body.odata_type());
                AnnotatedType {
                    type_name,
                    collection: false,
                }
            }
            _ => continue,
        };
        if let Some(type_name) = type_name {
            facts.examples.push(ExampleFact {
                type_name,
                collection,
                json: body.json.clone(),
                origin: body.origin.clone(),
            });
        }
    }
}

/// An example with no annotation (the Intune dialect never annotates) whose JSON names
/// its type with `@odata.type`. Each item of a `value` array is typed by its own.
pub(super) fn unannotated_example(body: &ExampleBody, facts: &mut PageFacts) {
    let json = &body.json;
    let items: Vec<&Value> = match json.get("value") {
        Some(Value::Array(items)) if json.get("@odata.type").is_none() => items.iter().collect(),
        _ => vec![json],
    };
    for item in items {
        if let Some(type_name) = item.get("@odata.type").and_then(Value::as_str) {
            facts.examples.push(ExampleFact {
                type_name: type_name.trim_start_matches('#').to_string(),
                collection: false,
                json: item.clone(),
                origin: body.origin.clone(),
            });
        }
    }
}
