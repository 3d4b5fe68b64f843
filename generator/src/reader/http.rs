//! The text of a code block, read once by its form: a request line or a status line with
//! headers and a body, or JSON; and the `METHOD /path` template lines of the HTTP
//! request section.

use crate::page::{
    Annotation, BlockBody, Header, HttpRequest, HttpResponse, JsonBody, MessageBody, Opening,
    RequestLine,
};

use super::lenient_json;

const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Reads a block's text. Of blocks annotated `ignored` only a request is read (the
/// annotation skips validation, yet the response after it still answers it), and
/// unannotated blocks only in the languages HTTP examples use.
pub fn parse_block(content: &str, lang: &str, annotation: Option<&Annotation>) -> BlockBody {
    let annotated = annotation.is_some();
    if annotation.and_then(Annotation::block_type) == Some("ignored") {
        return parse_request(content).map_or(BlockBody::Other, BlockBody::HttpRequest);
    }
    if !annotated && !matches!(lang, "http" | "" | "msgraph-interactive") {
        return BlockBody::Other;
    }
    if let Some(req) = parse_request(content) {
        BlockBody::HttpRequest(req)
    } else if let Some(resp) = parse_response(content) {
        BlockBody::HttpResponse(resp)
    } else if annotated {
        BlockBody::Json(json(content, 0))
    } else {
        BlockBody::Other
    }
}

/// Reads a request block; `None` when the first line is not `METHOD URL`.
pub fn parse_request(content: &str) -> Option<HttpRequest> {
    let (line, first) = first_line(content)?;
    let (method, rest) = request_line(first)?;
    let url: Vec<&str> = rest.filter(|p| !p.starts_with("HTTP/")).collect();
    let (headers, body) = headers_and_body(content, line);
    Some(HttpRequest {
        method,
        url: url.join(" "),
        line,
        headers,
        body,
    })
}

/// Reads a response block; `None` when it has no `HTTP…` status line.
pub fn parse_response(content: &str) -> Option<HttpResponse> {
    let (line, first) = first_line(content)?;
    if !first
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("http"))
    {
        return None;
    }
    let mut parts = first.split_whitespace().skip(1);
    let code = parts.next();
    let status = code.and_then(|c| c.parse::<u16>().ok());
    let (headers, body) = headers_and_body(content, line);
    Some(HttpResponse {
        status,
        status_text: parts.collect::<Vec<_>>().join(" "),
        line,
        headers,
        body,
    })
}

/// Every `METHOD target` line of a block (templates list one per line).
pub fn request_lines(content: &str) -> Vec<RequestLine> {
    content
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let (method, rest) = request_line(l)?;
            let target: Vec<&str> = rest.collect();
            (!target.is_empty()).then(|| RequestLine {
                method,
                target: target.join(" "),
                line: i as u32,
            })
        })
        .collect()
}

/// The upper-cased method of a `METHOD …` line and the words after it.
fn request_line(line: &str) -> Option<(String, std::str::SplitWhitespace<'_>)> {
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_ascii_uppercase();
    METHODS
        .contains(&method.as_str())
        .then_some((method, parts))
}

fn first_line(content: &str) -> Option<(u32, &str)> {
    content
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i as u32, l.trim()))
}

/// Headers are the `Name: value` lines after the start line; the body starts after the
/// first blank line following them. A body with no blank line before it (`{` right
/// after the headers) is accepted too.
fn headers_and_body(content: &str, start: u32) -> (Vec<Header>, Option<MessageBody>) {
    let lines: Vec<&str> = content.lines().collect();
    let mut headers = Vec::new();
    let mut i = start as usize + 1;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() || l.starts_with('{') || l.starts_with('[') {
            break;
        }
        if let Some((name, value)) = l.split_once(':')
            && !name.is_empty()
            && !name.contains(char::is_whitespace)
        {
            headers.push(Header {
                name: name.to_string(),
                value: value.trim().to_string(),
            });
        }
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    if i >= lines.len() {
        return (headers, None);
    }
    let text = lines[i..].join("\n");
    let text = text.trim_end();
    let body = (!text.is_empty()).then(|| {
        if text.starts_with(['{', '[']) {
            MessageBody::Json(json(text, i as u32))
        } else {
            MessageBody::Text { line: i as u32 }
        }
    });
    (headers, body)
}

fn json(text: &str, line: u32) -> JsonBody {
    let opening = match text.trim_start().chars().next() {
        Some('{') => Opening::Object,
        Some('[') => Opening::Array,
        _ => Opening::Other,
    };
    JsonBody {
        line,
        opening,
        parsed: lenient_json::parse(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::JsonParse;

    #[test]
    fn request_with_headers_and_body() {
        let r = parse_request("POST https://graph.microsoft.com/v1.0/users\nContent-type: application/json\n\n{\"a\":1}\n").unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url, "https://graph.microsoft.com/v1.0/users");
        assert_eq!(
            r.headers,
            vec![Header {
                name: "Content-type".into(),
                value: "application/json".into()
            }]
        );
        let Some(MessageBody::Json(b)) = r.body else {
            panic!("JSON body expected");
        };
        assert_eq!(b.line, 3);
        assert_eq!(b.opening, Opening::Object);
        assert!(matches!(&b.parsed, JsonParse::Strict(v) if v["a"] == 1));
    }

    #[test]
    fn body_right_after_headers_is_read_leniently() {
        let r =
            parse_response("HTTP/1.1 200 OK\nContent-type: application/json\n{\"a\": 1,}").unwrap();
        let b = r.body.as_ref().and_then(MessageBody::json).unwrap();
        assert_eq!(b.line, 2);
        assert!(matches!(&b.parsed, JsonParse::Lenient { value, .. } if value["a"] == 1));
    }

    #[test]
    fn non_json_body_is_text() {
        let r =
            parse_request("PUT /me/photo/$value\nContent-type: image/jpeg\n\nBinary data").unwrap();
        assert!(matches!(r.body, Some(MessageBody::Text { line: 3 })));
    }

    #[test]
    fn status_variants() {
        assert_eq!(
            parse_response("HTTP/1.1 204 No Content").unwrap().status,
            Some(204)
        );
        assert_eq!(
            parse_response("HTTP 201 Created").unwrap().status,
            Some(201)
        );
        assert_eq!(parse_response("HTTP/1.1").unwrap().status, None);
        assert!(parse_response("GET /me").is_none());
    }

    fn annotation(block_type: &str) -> Annotation {
        let mut fields = serde_json::Map::new();
        fields.insert("blockType".into(), block_type.into());
        Annotation {
            origin: crate::diagnostics::Origin::new(&std::sync::Arc::from("x.md"), 1),
            fields,
        }
    }

    #[test]
    fn blocks_are_read_by_form() {
        let response = annotation("response");
        let ann = Some(&response);
        assert!(matches!(
            parse_block("HTTP/1.1 200 OK", "http", ann),
            BlockBody::HttpResponse(_)
        ));
        assert!(matches!(
            parse_block("{\"a\": 1}", "json", ann),
            BlockBody::Json(_)
        ));
        assert!(matches!(
            parse_block("GET /me", "http", None),
            BlockBody::HttpRequest(_)
        ));
        // Unannotated JSON is not read; of `ignored` blocks only a request.
        assert!(matches!(
            parse_block("{\"a\": 1}", "json", None),
            BlockBody::Other
        ));
        let ignored = annotation("ignored");
        assert!(matches!(
            parse_block("GET /me", "http", Some(&ignored)),
            BlockBody::HttpRequest(_)
        ));
        assert!(matches!(
            parse_block("HTTP/1.1 200 OK", "http", Some(&ignored)),
            BlockBody::Other
        ));
    }

    #[test]
    fn template_lines() {
        let lines = request_lines(
            "GET /me/events\nget /users/{id | userPrincipalName}/events\nContent-Type: x\nFOO /x",
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].method, "GET");
        assert_eq!(lines[1].target, "/users/{id | userPrincipalName}/events");
        assert_eq!(lines[1].line, 1);
    }
}
