//! An API page's operations: path templates from the HTTP request section, paired
//! request/response examples, and what the Response and Request body prose says.

use super::bodies::ExampleBody;
use super::op_examples::{ExampleRequest, ExampleResponse, OperationExample};
use super::prose::{self, ProseType, ResponseContract};
use super::type_cell::is_type_name;
use super::{OpFact, PageFacts, PropFact, ResponseFact};
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::page::{Annotation, BlockBody, Contract, FencedBlock, Located, Page, RequestLine};
use crate::qualified_name::short;

/// A path template of the HTTP request section.
struct Template {
    method: String,
    path: String,
    origin: Origin,
}

/// A request example and the response example after it.
struct ExamplePair {
    method: String,
    /// The type of the request body, when the annotation or the JSON names one.
    body_type: Option<String>,
    response: Option<ResponseFact>,
    origin: Origin,
    /// The pair as written, for exercising the operation's typed request.
    example: OperationExample,
}

/// A response example: what it says about the operation, and the message as written.
struct ResponseExample {
    fact: ResponseFact,
    written: ExampleResponse,
}

/// What the Response and Request body prose says, used where no example says it.
struct ProseContract {
    response: Option<ResponseContract>,
    request: Option<ProseType>,
}

/// Operations of an API page: template lines from the HTTP request section, paired
/// request/response examples, and parameter tables.
pub(super) fn operations(
    page: &Page,
    bodies: &[Option<ExampleBody>],
    facts: &mut PageFacts,
    params: Vec<PropFact>,
    diags: &mut Diagnostics,
) {
    let templates = templates(page, diags);
    // The page's one method, when its templates have a single one.
    let only_method: Option<String> = {
        let mut methods = templates.iter().map(|t| &t.method);
        methods.next().filter(|m| methods.all(|n| n == *m)).cloned()
    };
    let mut pairs = example_pairs(page, bodies, &templates, only_method.as_deref(), diags);
    // Examples that use another method than the page's one template (`PATCH` examples
    // under `PUT /openShift`) still illustrate that operation.
    if let Some(only) = &only_method {
        for pair in pairs.iter_mut().filter(|p| p.method != *only) {
            diags.report(
                Code::HttpInvalid,
                &pair.origin,
                format!("the request example uses {} but the HTTP request section says {only}; it is taken as an example of {only}", pair.method),
            );
            pair.method = only.clone();
        }
    }
    let mut methods: Vec<String> = Vec::new();
    for m in templates
        .iter()
        .map(|t| &t.method)
        .chain(pairs.iter().map(|p| &p.method))
    {
        if !methods.contains(m) {
            methods.push(m.clone());
        }
    }
    // The prose does not say which method it means: read only when the page has one.
    let prose = prose_contract(page, methods.len() == 1);
    let mut params = Some(params);
    for method in methods {
        let parameters = params.take().unwrap_or_default();
        let op = operation(page, method, &templates, &pairs, &prose, parameters);
        facts.operations.push(op);
    }
}

/// The template lines of the HTTP request section. The template is usually unannotated
/// or `ignored`; a few pages annotate it as the request example
/// (`GET /me/drive/special/{name}`), read only when there is no other.
fn templates(page: &Page, diags: &mut Diagnostics) -> Vec<Template> {
    let mut templates = Vec::new();
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
    templates
}

/// A request waiting for the response after it.
enum Pending {
    /// A request example of the page's operation (boxed: it carries the pair as written).
    Example(Box<ExamplePair>),
    /// A request annotated `ignored` (not validated, yet the response answers it).
    Ignored,
    /// A request annotated `opaqueUrl` (an upload URL, not Graph): neither it nor its
    /// response is an example of the page's method.
    Opaque,
}

/// Pairs each response example with the request example before it.
fn example_pairs(
    page: &Page,
    bodies: &[Option<ExampleBody>],
    templates: &[Template],
    only_method: Option<&str>,
    diags: &mut Diagnostics,
) -> Vec<ExamplePair> {
    let mut pending: Option<Pending> = None;
    let mut pairs: Vec<ExamplePair> = Vec::new();
    for (b, body) in page.blocks.iter().zip(bodies) {
        let Some(ann) = &b.annotation else { continue };
        match ann.block_type() {
            Some("request") => {
                flush_unpaired(&mut pending, &mut pairs, diags);
                pending = request_example(page, b, ann, body.as_ref(), diags);
            }
            // An ignored request outside the HTTP request section (templates are no
            // examples) is still what the next response answers; after a request
            // example it is an alternative form of it (`app token` after `user token`)
            // and they share the response.
            Some("ignored") if b.templates.is_none() => {
                let example_pending = matches!(pending, Some(Pending::Example(_)));
                if matches!(b.body, BlockBody::HttpRequest(_)) && !example_pending {
                    pending = Some(Pending::Ignored);
                }
            }
            Some("response") => {
                let Some(response) = response_example(page, b, ann, diags) else {
                    continue;
                };
                let silent = match pending.take() {
                    Some(Pending::Example(mut pair)) => {
                        pair.example.response = Some(response.written);
                        pairs.push(ExamplePair {
                            response: Some(response.fact),
                            ..*pair
                        });
                        continue;
                    }
                    Some(Pending::Opaque) => continue,
                    Some(Pending::Ignored) => true,
                    None => false,
                };
                unpaired_response(
                    response,
                    ann,
                    templates,
                    only_method,
                    silent,
                    &mut pairs,
                    diags,
                );
            }
            _ => {}
        }
    }
    flush_unpaired(&mut pending, &mut pairs, diags);
    pairs
}

/// A response without a request example before it. With one method on the page it can
/// only be that method's; otherwise it is not used. `answered` says an ignored request
/// came before it, so nothing is wrong with the page.
fn unpaired_response(
    response: ResponseExample,
    ann: &Annotation,
    templates: &[Template],
    only_method: Option<&str>,
    answered: bool,
    pairs: &mut Vec<ExamplePair>,
    diags: &mut Diagnostics,
) {
    let message = match only_method {
        Some(m) => {
            pairs.push(ExamplePair {
                method: m.to_string(),
                body_type: None,
                response: Some(response.fact),
                origin: ann.origin.clone(),
                example: OperationExample {
                    origin: ann.origin.clone(),
                    request: None,
                    response: Some(response.written),
                },
            });
            format!("response example has no request example before it; it is taken as the response of the page's only method, {m}")
        }
        None if templates.is_empty() => "response example has no request example before it, and the page has no HTTP request section; it is not used".to_string(),
        None => "response example has no request example before it, and the page has several methods; it is not used".to_string(),
    };
    if !answered {
        diags.report(Code::ResponseUnpaired, &ann.origin, message);
    }
}

/// A request example, still waiting for its response.
fn request_example(
    page: &Page,
    b: &FencedBlock,
    ann: &Annotation,
    body: Option<&ExampleBody>,
    diags: &mut Diagnostics,
) -> Option<Pending> {
    if ann.bool_field("opaqueUrl") == Some(true) {
        return Some(Pending::Opaque);
    }
    let BlockBody::HttpRequest(req) = &b.body else {
        diags.report(
            Code::HttpInvalid,
            &b.origin,
            "request block does not start with `METHOD URL`",
        );
        return None;
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
        .or_else(|| body.and_then(ExampleBody::odata_type));
    Some(Pending::Example(Box::new(ExamplePair {
        method: req.method.clone(),
        body_type,
        response: None,
        origin: origin.clone(),
        example: OperationExample {
            origin,
            request: Some(ExampleRequest::of(req)),
            response: None,
        },
    })))
}

/// A response example: its status, and the type its annotation names.
fn response_example(
    page: &Page,
    b: &FencedBlock,
    ann: &Annotation,
    diags: &mut Diagnostics,
) -> Option<ResponseExample> {
    let resp = match &b.body {
        BlockBody::HttpResponse(resp) => resp,
        BlockBody::HttpRequest(req) => {
            diags.report(
                Code::HttpInvalid,
                &b.origin,
                format!("block annotated `\"blockType\": \"response\"` holds a request (`{} {}`); annotate it `request`", req.method, req.url),
            );
            return None;
        }
        _ => {
            diags.report(
                Code::HttpInvalid,
                &b.origin,
                "response block has no `HTTP/1.1 <status>` line",
            );
            return None;
        }
    };
    if resp.status.is_none() {
        diags.report(
            Code::HttpInvalid,
            &Origin::new(&page.file, b.content_line + resp.line),
            "response status line has no status code",
        );
    }
    let AnnotatedType {
        type_name,
        collection,
    } = response_type(ann);
    Some(ResponseExample {
        fact: ResponseFact {
            status: resp.status,
            type_name,
            collection,
        },
        written: ExampleResponse::of(resp),
    })
}

/// What the page's Response and Request body prose says; nothing when `single` is false.
fn prose_contract(page: &Page, single: bool) -> ProseContract {
    let paragraphs = |section: Contract| {
        page.contract_prose
            .iter()
            .filter(move |p| single && p.section == section)
    };
    ProseContract {
        response: paragraphs(Contract::Response)
            .find_map(|p| prose::response_contract(&p.text, &p.links)),
        request: paragraphs(Contract::RequestBody)
            .find_map(|p| prose::request_contract(&p.text, &p.links)),
    }
}

/// One method's operation: its templates, its examples, and the prose where they are
/// silent.
fn operation(
    page: &Page,
    method: String,
    templates: &[Template],
    pairs: &[ExamplePair],
    prose: &ProseContract,
    parameters: Vec<PropFact>,
) -> OpFact {
    let paths: Vec<String> = templates
        .iter()
        .filter(|t| t.method == method)
        .map(|t| t.path.clone())
        .collect();
    let mine: Vec<&ExamplePair> = pairs.iter().filter(|p| p.method == method).collect();
    let origin = templates
        .iter()
        .find(|t| t.method == method)
        .map(|t| t.origin.clone())
        .or_else(|| mine.first().map(|p| p.origin.clone()))
        .unwrap_or_else(|| Origin::new(&page.file, 1));
    let mut request_link = None;
    let request = mine.iter().find_map(|p| p.body_type.clone()).or_else(|| {
        let t = prose.request.clone()?;
        request_link = t.link;
        Some(t.name)
    });
    let mut response_link = None;
    let mut from_prose = |status: Option<u16>, ty: &ProseType| {
        response_link = ty.link.clone();
        ResponseFact {
            status,
            type_name: Some(ty.name.clone()),
            collection: ty.collection,
        }
    };
    let example = mine.iter().find_map(|p| p.response.clone());
    let prose_type = prose.response.as_ref().and_then(|c| c.ty.as_ref());
    let response = match (example, &prose.response) {
        // An example response with no type annotation: the prose says the type.
        (Some(ex), Some(_)) if ex.type_name.is_none() && prose_type.is_some() => {
            prose_type.map(|ty| from_prose(ex.status, ty))
        }
        // The prose says a collection of the example's type, which the annotation
        // left unsaid (`isCollection` missing).
        (Some(ex), _) if prose_type.is_some_and(|p| adds_collection(&ex, p)) => {
            Some(ResponseFact {
                collection: true,
                ..ex
            })
        }
        (Some(ex), _) => Some(ex),
        (None, Some(c)) => Some(match &c.ty {
            Some(ty) => from_prose(c.status, ty),
            None => ResponseFact {
                status: c.status,
                type_name: None,
                collection: false,
            },
        }),
        (None, None) => None,
    };
    let template_sources = template_sources(templates, &method);
    let examples = mine.iter().map(|p| p.example.clone()).collect();
    OpFact {
        method,
        paths,
        request,
        response,
        request_link,
        response_link,
        parameters,
        origin,
        template_sources,
        docs: Default::default(),
        examples,
    }
}

/// The method's templates as written, with their lines.
fn template_sources(templates: &[Template], method: &str) -> Vec<Located<String>> {
    templates
        .iter()
        .filter(|t| t.method == method)
        .map(|t| Located {
            value: t.path.clone(),
            origin: t.origin.clone(),
        })
        .collect()
}

/// Whether the prose says a collection of the example's type where the example does not.
fn adds_collection(example: &ResponseFact, prose: &ProseType) -> bool {
    !example.collection
        && prose.collection
        && example
            .type_name
            .as_deref()
            .is_some_and(|t| short(t).eq_ignore_ascii_case(&prose.name))
}

/// The `METHOD /path` lines of a block in an HTTP request section, each path once.
fn http_templates(
    page: &Page,
    b: &FencedBlock,
    lines: &[RequestLine],
    templates: &mut Vec<Template>,
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
        if !templates
            .iter()
            .any(|t| t.method == method && t.path == path)
        {
            templates.push(Template {
                method,
                path,
                origin,
            });
        }
    }
}

/// A request example still waiting for its response when another request (or the page
/// end) comes: it has none. Ignored and opaque requests need no response.
fn flush_unpaired(
    pending: &mut Option<Pending>,
    pairs: &mut Vec<ExamplePair>,
    diags: &mut Diagnostics,
) {
    if let Some(Pending::Example(pair)) = pending.take() {
        diags.report(
            Code::ResponseUnpaired,
            &pair.origin,
            "request example has no response example after it",
        );
        pairs.push(*pair);
    }
}

/// The type an annotation names, as written.
pub(super) struct AnnotatedType {
    pub type_name: Option<String>,
    pub collection: bool,
}

/// The response annotation's type: `Collection(x)` or `isCollection` make a collection.
pub(super) fn response_type(ann: &Annotation) -> AnnotatedType {
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
    AnnotatedType {
        type_name: ty.filter(|t| is_type_name(t)),
        collection,
    }
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
            return Some(match version.to_ascii_lowercase().as_str() {
                "v1.0" => "has the version segment in uppercase: use `v1.0`",
                "beta" => "has the version segment in uppercase: use `beta`",
                _ => "has a version segment that is neither `v1.0` nor `beta`",
            });
        }
    }
    None
}
