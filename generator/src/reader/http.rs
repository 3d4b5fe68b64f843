//! The text of ```http blocks: a request line or a status line, headers, a body.

/// A request as written in an example block.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    /// Offset (in lines) of the request line inside the block.
    pub line: u32,
    pub body: Option<Body>,
}

/// A response as written in an example block.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: Option<u16>,
    pub status_text: String,
    pub line: u32,
    pub body: Option<Body>,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub text: String,
    /// Offset (in lines) of the body's first line inside the block.
    pub line: u32,
}

const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Reads a request block; `None` when the first line is not `METHOD URL`.
pub fn parse_request(content: &str) -> Option<HttpRequest> {
    let (line, first) = first_line(content)?;
    let mut parts = first.split_whitespace();
    let method = parts.next()?.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        return None;
    }
    let url: Vec<&str> = parts.filter(|p| !p.starts_with("HTTP/")).collect();
    Some(HttpRequest {
        method,
        url: url.join(" "),
        line,
        body: body_after_headers(content, line),
    })
}

/// Reads a response block; `None` when it has no `HTTP…` status line.
pub fn parse_response(content: &str) -> Option<HttpResponse> {
    let (line, first) = first_line(content)?;
    let upper = first.to_ascii_uppercase();
    if !upper.starts_with("HTTP") {
        return None;
    }
    let mut parts = first.split_whitespace().skip(1);
    let code = parts.next();
    let status = code.and_then(|c| c.parse::<u16>().ok());
    Some(HttpResponse {
        status,
        status_text: parts.collect::<Vec<_>>().join(" "),
        line,
        body: body_after_headers(content, line),
    })
}

fn first_line(content: &str) -> Option<(u32, &str)> {
    content
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i as u32, l.trim()))
}

/// The body starts after the first blank line following the start line; headers are
/// `Name: value` lines. A body with no blank line before it (`{` right after headers) is
/// accepted too.
fn body_after_headers(content: &str, start: u32) -> Option<Body> {
    let lines: Vec<&str> = content.lines().collect();
    let mut i = start as usize + 1;
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            break;
        }
        if l.starts_with('{') || l.starts_with('[') {
            break;
        }
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    if i >= lines.len() {
        return None;
    }
    let text = lines[i..].join("\n");
    let text = text.trim_end();
    (!text.is_empty()).then(|| Body {
        text: text.to_string(),
        line: i as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_with_body() {
        let r = parse_request("POST https://graph.microsoft.com/v1.0/users\nContent-type: application/json\n\n{\"a\":1}\n").unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.url, "https://graph.microsoft.com/v1.0/users");
        let b = r.body.unwrap();
        assert_eq!(b.text, "{\"a\":1}");
        assert_eq!(b.line, 3);
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
}
