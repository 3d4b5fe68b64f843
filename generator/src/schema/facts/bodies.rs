//! Request, response and example bodies: parsed once per page, then kept as examples
//! for the round-trip check.

use super::*;

/// A request, response or example body, parsed once per page.
#[derive(Debug)]
pub struct BlockBody {
    json: Value,
    origin: Origin,
}

impl BlockBody {
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
pub(super) fn block_bodies(page: &Page, diags: &mut Diagnostics) -> Vec<Option<BlockBody>> {
    page.blocks
        .iter()
        .map(|b| {
            let (text, line) = body_text(page, b)?;
            let origin = Origin::new(&page.file, b.content_line + line);
            let json = example_json(&text, &origin, diags)?;
            Some(BlockBody { json, origin })
        })
        .collect()
}

/// The text of a block's JSON body and its line offset inside the block.
pub(super) fn body_text(page: &Page, b: &FencedBlock) -> Option<(String, u32)> {
    let body = |body: Option<http::Body>| body.map(|b| (b.text, b.line));
    let (text, line) = match b.annotation.as_ref() {
        Some(ann) => match ann.block_type() {
            // A response may also be a bare JSON body without a status line.
            Some("response") => match http::parse_response(&b.content) {
                Some(resp) => body(resp.body)?,
                None => (b.content.clone(), 0),
            },
            Some("request") => body(http::parse_request(&b.content)?.body)?,
            Some("example") => (b.content.clone(), 0),
            _ => return None,
        },
        None if page.is_api_page()
            && matches!(b.lang.as_str(), "http" | "" | "msgraph-interactive") =>
        {
            let found = match http::parse_response(&b.content) {
                Some(resp) => resp.body,
                None => http::parse_request(&b.content)?.body,
            };
            body(found).filter(|(t, _)| t.trim_start().starts_with('{'))?
        }
        None => return None,
    };
    text.trim_start()
        .starts_with(['{', '['])
        .then_some((text, line))
}

/// Parses an example body, reporting leniency and failure at the body's lines.
pub(super) fn example_json(body: &str, origin: &Origin, diags: &mut Diagnostics) -> Option<Value> {
    match lenient_json::parse(body) {
        Ok((v, lenient)) => {
            if let Some(err) = lenient {
                let at = Origin::new(&origin.file, origin.line + err.line - 1);
                let msg = format!(
                    "example body is not strict JSON ({}); read leniently",
                    err.message
                );
                diags.push(Diagnostic::new(Code::JsonLenient, &at, msg).at_column(err.column));
            }
            Some(v)
        }
        Err(err) => {
            let at = Origin::new(&origin.file, origin.line + err.line - 1);
            let msg = format!("example body cannot be read as JSON: {}", err.message);
            diags.push(Diagnostic::new(Code::JsonInvalid, &at, msg).at_column(err.column));
            None
        }
    }
}

/// Bodies of request, response and example blocks that name their type. `body_owner` is
/// the type a Create/Update page's request body describes, for request bodies whose
/// annotation and JSON do not name their type.
pub(super) fn examples(
    page: &Page,
    bodies: &[Option<BlockBody>],
    body_owner: Option<&str>,
    facts: &mut PageFacts,
) {
    for (b, body) in page.blocks.iter().zip(bodies) {
        let Some(body) = body else { continue };
        let Some(ann) = &b.annotation else {
            unannotated_example(body, facts);
            continue;
        };
        let (ty, collection) = match ann.block_type() {
            Some("response") | Some("example") => response_type(ann),
            Some("request") => {
                let writes = http::parse_request(&b.content)
                    .is_some_and(|r| matches!(r.method.as_str(), "POST" | "PATCH" | "PUT"));
                let ty = ann
                    .odata_type()
                    .map(|t| t.trim_start_matches('#').to_string())
                    .or_else(|| writes.then(|| body_owner.map(str::to_string)).flatten())
                    .or_else(|| body.odata_type());
                (ty, false)
            }
            _ => continue,
        };
        if let Some(type_name) = ty {
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
pub(super) fn unannotated_example(body: &BlockBody, facts: &mut PageFacts) {
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
