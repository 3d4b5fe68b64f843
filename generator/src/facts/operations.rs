//! An API page's operations: path templates from the HTTP request section, paired
//! request/response examples, and what the Response and Request body prose says.

use super::bodies::ExampleBody;
use super::prose::{self, ProseType};
use super::type_cell::is_type_name;
use super::{OpFact, PageFacts, PropFact};
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{Annotation, BlockBody, Contract, FencedBlock, Page, RequestLine};
use crate::qualified_name::short;

/// A request example: method, body type, the response (status, type, collection), place.
pub(super) type ExamplePair = (
    String,
    Option<String>,
    Option<(Option<u16>, Option<String>, bool)>,
    Origin,
);

/// Operations of an API page: template lines from the HTTP request section, paired
/// request/response examples, and parameter tables.
pub(super) fn operations(
    page: &Page,
    bodies: &[Option<ExampleBody>],
    facts: &mut PageFacts,
    params: Vec<PropFact>,
    diags: &mut Diagnostics,
) {
    let mut templates: Vec<(String, String, Origin)> = Vec::new();
    // The template is usually unannotated or `ignored`; a few pages annotate it as the
    // request example (`GET /me/drive/special/{name}`), read only when there is no other.
    for annotated in [false, true] {
        if !templates.is_empty() {
            break;
        }
        for b in &page.blocks {
            let Some(lines) = &b.templates else { continue };
            let ann_type = b.annotation.as_ref().and_then(Annotation::block_type);
            let wanted = if annotated {
                ann_type == Some("request")
            } else {
                matches!(ann_type, None | Some("ignored"))
            };
            if wanted {
                http_templates(page, b, lines, &mut templates, diags);
            }
        }
    }

    // The page's one method, when its templates have a single one.
    let only_method: Option<String> = {
        let mut methods = templates.iter().map(|t| &t.0);
        methods.next().filter(|m| methods.all(|n| n == *m)).cloned()
    };

    // Pair each response with the request before it.
    let mut pending: Option<(String, Option<String>, Origin)> = None;
    let mut pairs: Vec<ExamplePair> = Vec::new();
    for (i, b) in page.blocks.iter().enumerate() {
        let Some(ann) = &b.annotation else { continue };
        match ann.block_type() {
            Some("request") => {
                flush_unpaired(&mut pending, &mut pairs, diags);
                let BlockBody::HttpRequest(req) = &b.body else {
                    diags.report(
                        Code::HttpInvalid,
                        &b.origin,
                        "request block does not start with `METHOD URL`",
                    );
                    continue;
                };
                let origin = Origin::new(&page.file, b.content_line + req.line);
                if let Some(why) = url_problem(&req.url) {
                    diags.report(
                        Code::RequestUrlInvalid,
                        &origin,
                        format!("request URL `{}` {why}", req.url),
                    );
                }
                let body_type = ann
                    .odata_type()
                    .map(|t| t.trim_start_matches('#').to_string())
                    .or_else(|| bodies[i].as_ref().and_then(ExampleBody::odata_type));
                pending = Some((req.method.clone(), body_type, origin));
            }
            Some("response") => {
                let BlockBody::HttpResponse(resp) = &b.body else {
                    diags.report(
                        Code::HttpInvalid,
                        &b.origin,
                        "response block has no `HTTP/1.1 <status>` line",
                    );
                    continue;
                };
                if resp.status.is_none() {
                    diags.report(
                        Code::HttpInvalid,
                        &Origin::new(&page.file, b.content_line + resp.line),
                        "response status line has no status code",
                    );
                }
                let (ty, collection) = response_type(ann);
                let response = Some((resp.status, ty, collection));
                match pending.take() {
                    Some((m, t, o)) => pairs.push((m, t, response, o)),
                    None => {
                        // With one method on the page, the response can only be its.
                        let message = match &only_method {
                            Some(m) => {
                                pairs.push((m.clone(), None, response, ann.origin.clone()));
                                format!("response example has no request example before it; it is taken as the response of the page's only method, {m}")
                            }
                            None if templates.is_empty() => "response example has no request example before it, and the page has no HTTP request section; it is not used".to_string(),
                            None => "response example has no request example before it, and the page has several methods; it is not used".to_string(),
                        };
                        diags.report(Code::ResponseUnpaired, &ann.origin, message);
                    }
                }
            }
            _ => {}
        }
    }
    flush_unpaired(&mut pending, &mut pairs, diags);

    // Examples that use another method than the page's one template (`PATCH` examples
    // under `PUT /openShift`) still illustrate that operation.
    if let Some(only) = &only_method {
        for pair in pairs.iter_mut().filter(|p| p.0 != *only) {
            diags.report(
                Code::HttpInvalid,
                &pair.3,
                format!("the request example uses {} but the HTTP request section says {only}; it is taken as an example of {only}", pair.0),
            );
            pair.0 = only.clone();
        }
    }
    let mut methods: Vec<String> = Vec::new();
    for m in templates
        .iter()
        .map(|t| &t.0)
        .chain(pairs.iter().map(|p| &p.0))
    {
        if !methods.contains(m) {
            methods.push(m.clone());
        }
    }
    let mut params = Some(params);
    // What the Response and Request body prose says, used where no example says it, and
    // only when the page has one method (the prose does not say which one it means).
    let single = methods.len() == 1;
    let prose_response = page
        .contract_prose
        .iter()
        .filter(|p| single && p.section == Contract::Response)
        .find_map(|p| prose::response_contract(&p.text, &p.links));
    let prose_request = page
        .contract_prose
        .iter()
        .filter(|p| single && p.section == Contract::RequestBody)
        .find_map(|p| prose::request_contract(&p.text, &p.links));
    for method in methods {
        let paths: Vec<String> = templates
            .iter()
            .filter(|t| t.0 == method)
            .map(|t| t.1.clone())
            .collect();
        let mine: Vec<_> = pairs.iter().filter(|p| p.0 == method).collect();
        let origin = templates
            .iter()
            .find(|t| t.0 == method)
            .map(|t| t.2.clone())
            .or_else(|| mine.first().map(|p| p.3.clone()))
            .unwrap_or_else(|| Origin::new(&page.file, 1));
        let mut request_link = None;
        let request = mine.iter().find_map(|p| p.1.clone()).or_else(|| {
            let t = prose_request.clone()?;
            request_link = t.link;
            Some(t.name)
        });
        let mut response_link = None;
        let mut from_prose = |ty: &ProseType| {
            response_link = ty.link.clone();
            (Some(ty.name.clone()), ty.collection)
        };
        let response = match (mine.iter().find_map(|p| p.2.clone()), &prose_response) {
            // An example response with no type annotation: the prose says the type.
            (Some((status, None, _)), Some((_, Some(ty)))) => {
                let (ty, collection) = from_prose(ty);
                Some((status, ty, collection))
            }
            // The prose says a collection of the example's type, which the annotation
            // left unsaid (`isCollection` missing).
            (Some((status, Some(ty), false)), Some((_, Some(p))))
                if p.collection && short(&ty).eq_ignore_ascii_case(&p.name) =>
            {
                Some((status, Some(ty), true))
            }
            (Some(example), _) => Some(example),
            (None, Some((status, ty))) => {
                let (ty, collection) = ty.as_ref().map_or((None, false), &mut from_prose);
                Some((*status, ty, collection))
            }
            (None, None) => None,
        };
        facts.operations.push(OpFact {
            method,
            paths,
            request,
            response,
            request_link,
            response_link,
            parameters: params.take().unwrap_or_default(),
            origin,
        });
    }
}

/// The `METHOD /path` lines of a block in an HTTP request section, each path once.
pub(super) fn http_templates(
    page: &Page,
    b: &FencedBlock,
    lines: &[RequestLine],
    templates: &mut Vec<(String, String, Origin)>,
    diags: &mut Diagnostics,
) {
    for line in lines {
        let origin = Origin::new(&page.file, b.content_line + line.line);
        let method = line.method.clone();
        if !["GET", "POST", "PATCH", "PUT", "DELETE"].contains(&method.as_str()) {
            continue;
        }
        let path = line.target.clone();
        if let Some(why) = url_problem(&path) {
            diags.report(
                Code::RequestUrlInvalid,
                &origin,
                format!("path template `{path}` {why}"),
            );
            continue;
        }
        // A template written as a full URL (`https://graph.microsoft.com/v1.0/sites/…`)
        // means the same path as the others, which are relative.
        let path = match path
            .strip_prefix("https://graph.microsoft.com/")
            .and_then(|rest| rest.split_once('/'))
        {
            Some((_, rest)) => {
                let relative = format!("/{rest}");
                diags.report(
                    Code::RequestUrlInvalid,
                    &origin,
                    format!("path template `{path}` is a full URL; read as `{relative}`"),
                );
                relative
            }
            None => path,
        };
        if !templates.iter().any(|t| t.0 == method && t.1 == path) {
            templates.push((method, path, origin));
        }
    }
}

/// A request still waiting for its response when another request (or the page end)
/// comes: it has none.
pub(super) fn flush_unpaired(
    pending: &mut Option<(String, Option<String>, Origin)>,
    pairs: &mut Vec<ExamplePair>,
    diags: &mut Diagnostics,
) {
    if let Some((m, t, o)) = pending.take() {
        diags.report(
            Code::ResponseUnpaired,
            &o,
            "request example has no response example after it",
        );
        pairs.push((m, t, None, o));
    }
}

/// The response annotation's type: `Collection(x)` or `isCollection` make a collection.
pub(super) fn response_type(ann: &Annotation) -> (Option<String>, bool) {
    let mut collection = ann.bool_field("isCollection").unwrap_or(false);
    let ty = ann.odata_type().map(|t| {
        let t = t.trim_start_matches('#');
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("collection(") && t.ends_with(')') {
            collection = true;
            t["collection(".len()..t.len() - 1].to_string()
        } else {
            t.to_string()
        }
    });
    (ty.filter(|t| is_type_name(t)), collection)
}

/// Why a request URL or path template is not a usable Graph URL, if it is not.
pub(super) fn url_problem(url: &str) -> Option<&'static str> {
    if url.contains("**") || url.to_ascii_lowercase().contains("not found") {
        return Some("is a stub left by a template, not a URL");
    }
    if url.contains('\\') {
        return Some("contains a backslash (a file path, not a URL)");
    }
    if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if !host.eq_ignore_ascii_case("graph.microsoft.com") {
            return Some("points outside graph.microsoft.com");
        }
        let version = path.split('/').next().unwrap_or("");
        if version != "v1.0" && version != "beta" {
            return Some("has a version segment that is neither `v1.0` nor `beta`");
        }
    }
    None
}
