//! The page model: what one markdown page says, before any cross-page interpretation.
//! Built by [`crate::reader`], consumed by [`crate::facts`].

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::diagnostics::Origin;

/// Which frontmatter key named the workload; the two use different vocabularies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum WorkloadKey {
    /// `ms.prod`.
    Prod,
    /// `ms.subservice`.
    Subservice,
}

/// The workload a page's frontmatter names, where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Workload {
    pub key: WorkloadKey,
    pub value: String,
    pub line: u32,
}

/// One page of the reference.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// Path relative to the docs root, with `/` separators (`resources/user.md`).
    pub file: Arc<str>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub doc_type: Option<String>,
    /// The docs' own workload grouping (`ms.prod` or `ms.subservice`), as written.
    pub workload: Option<Workload>,
    pub namespace: Option<Located<String>>,
    pub h1: Option<Located<String>>,
    /// Paragraphs above the first `##` (where a resource page says what its type is,
    /// derives from, or whether it is abstract).
    pub intro: Vec<Paragraph>,
    pub tables: Vec<Table>,
    pub blocks: Vec<FencedBlock>,
    /// Paragraphs under `## Response`, `## Request body`, `## Permissions` and the
    /// query parameter sections of API pages ("returns a `200 OK` response code and a
    /// collection of [x](x.md) objects").
    pub contract_prose: Vec<SectionProse>,
    /// `[!INCLUDE [name](path)]` directives, in page order.
    pub includes: Vec<IncludeDirective>,
}

/// An `[!INCLUDE [name](path)]` paragraph: another file's text shown in its place.
#[derive(Clone, Debug, Serialize)]
pub struct IncludeDirective {
    /// The link text (`permissions-table`).
    pub name: String,
    /// The path as written, relative to the page.
    pub path: String,
    /// Headings from the H1 down to the one directly above the directive.
    pub headings: Vec<String>,
    /// The annotation directly in front of it (`{ "blockType": "permissions" }`).
    pub annotation: Option<Annotation>,
    pub origin: Origin,
}

/// A paragraph's plain text and links.
#[derive(Clone, Debug, Serialize)]
pub struct Paragraph {
    pub text: String,
    pub links: Vec<Link>,
    pub origin: Origin,
}

/// Which contract a paragraph describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Contract {
    Response,
    RequestBody,
    /// `## Permissions`.
    Permissions,
    /// `## Optional query parameters`, `## Query parameters`, `### OData query parameters`.
    QueryParameters,
}

/// A paragraph's plain text and links, under the heading that says what it describes.
#[derive(Clone, Debug, Serialize)]
pub struct SectionProse {
    pub section: Contract,
    pub text: String,
    pub links: Vec<Link>,
    pub origin: Origin,
}

impl Page {
    /// An API page: `doc_type: apiPageType`, or filed under `api/` when the type is missing.
    /// A page whose `doc_type` contradicts both its folder and its title ("x resource
    /// type") is read as what folder and title say.
    pub fn is_api_page(&self) -> bool {
        match self.doc_type.as_deref() {
            Some("apiPageType") => !self.is_mislabeled_resource_page(),
            Some("resourcePageType") => self.is_mislabeled_api_page(),
            Some(_) => false,
            None => self.filed_under("api"),
        }
    }

    /// `doc_type: resourcePageType` on a page under `api/` not titled "x resource type".
    pub fn is_mislabeled_api_page(&self) -> bool {
        self.doc_type.as_deref() == Some("resourcePageType")
            && self.filed_under("api")
            && !self.titled_resource_type()
    }

    /// `doc_type: apiPageType` on a page under `resources/` titled "x resource type".
    pub fn is_mislabeled_resource_page(&self) -> bool {
        self.doc_type.as_deref() == Some("apiPageType")
            && self.filed_under("resources")
            && self.titled_resource_type()
    }

    fn filed_under(&self, dir: &str) -> bool {
        self.file.split('/').rev().skip(1).any(|d| d == dir)
    }

    fn titled_resource_type(&self) -> bool {
        const SUFFIX: &str = " resource type";
        self.h1.as_ref().is_some_and(|h| {
            let t = h.value.as_bytes();
            t.len() >= SUFFIX.len()
                && t[t.len() - SUFFIX.len()..].eq_ignore_ascii_case(SUFFIX.as_bytes())
        })
    }
}

/// A value with the place it came from.
#[derive(Clone, Debug, Serialize)]
pub struct Located<T> {
    pub value: T,
    pub origin: Origin,
}

/// A markdown link: its text and destination as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    pub dest: String,
}

/// What a table is for, decided from the headings above it and its header row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TableKind {
    Properties,
    Relationships,
    RequestBody,
    /// Function, path or query parameters of an API.
    Parameters,
    /// Enum members; `name` comes from `### x values` or `# x enum type`.
    EnumMembers {
        name: Option<String>,
        flags: bool,
    },
    /// The permissions an API needs (read by `facts::permissions`).
    Permissions,
    /// `## Request headers` of an API (read by `facts::headers`).
    RequestHeaders,
    /// `## Optional query parameters` without a Type column (read by `facts::op_docs`).
    QueryParameters,
    /// `## Derived types` on a base type's page: a `Type | Description` table whose
    /// first column links each derived type (read by `facts`).
    DerivedTypes,
    /// Methods, response headers, error codes: nothing the schema uses.
    Ignored,
    /// A property-like table under a heading we do not recognise.
    Unknown,
}

impl TableKind {
    /// A table whose rows are not checked for raggedness or names (the operation tables
    /// are read by their own rules, which report what they cannot read).
    pub fn is_ignored(&self) -> bool {
        matches!(
            self,
            TableKind::Ignored
                | TableKind::Permissions
                | TableKind::RequestHeaders
                | TableKind::QueryParameters
        )
    }
}

/// A pipe table with the headings above it.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    pub origin: Origin,
    pub kind: TableKind,
    /// Headings from the H1 down to the one directly above the table.
    pub headings: Vec<String>,
    /// Header cells, trimmed.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Index of the first column whose header matches one of `names` (case-insensitive).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.columns.iter().position(|c| normalize_header(c) == *n))
    }
}

/// Header names (normalized) of the column that names a property, relationship or parameter.
pub const NAME_COLUMNS: &[&str] = &[
    "property",
    "property name",
    "name",
    "relationship",
    "relationship name",
    "parameter",
    "parameter name",
];

/// Lower-cases a header cell and folds spacing, so `Property name` and `property  Name` agree.
pub fn normalize_header(cell: &str) -> String {
    cell.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub origin: Origin,
    pub cells: Vec<Cell>,
}

/// One table cell: its plain text, its markdown source and what it links to.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Cell {
    /// Rendered text: link text, code text, no markup.
    pub text: String,
    /// The markdown source of the cell, trimmed.
    pub raw: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Text of inline code spans, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<String>,
}

/// A fenced code block, with the annotation comment in front of it if there is one.
#[derive(Clone, Debug, Serialize)]
pub struct FencedBlock {
    /// Line of the opening fence.
    pub origin: Origin,
    /// First word of the info string, lower-cased (`json`, `http`, `msgraph-interactive`).
    pub lang: String,
    pub content: String,
    /// Line of the first content line.
    pub content_line: u32,
    pub annotation: Option<Annotation>,
    /// Headings from the H1 down to the one directly above the block.
    pub headings: Vec<String>,
    /// What the block's text is, parsed once by the reader.
    pub body: BlockBody,
    /// The `METHOD /path` lines of a block under `## HTTP request` (or a subheading of
    /// it), where the docs write an operation's path templates: `Some` for every block
    /// there, even one with no such line.
    pub templates: Option<Vec<RequestLine>>,
}

/// A code block's text, read by its form. Blocks marked `ignored` (but for their request
/// line) and unannotated blocks in languages other than `http` (or none) are not read:
/// [`BlockBody::Other`].
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum BlockBody {
    /// First line `METHOD URL`.
    HttpRequest(HttpRequest),
    /// First line `HTTP/1.1 <status>`.
    HttpResponse(HttpResponse),
    /// An annotated block that is neither: its whole text read as JSON.
    Json(JsonBody),
    Other,
}

/// A request as written in an example block.
#[derive(Clone, Debug, Serialize)]
pub struct HttpRequest {
    /// Upper-cased.
    pub method: String,
    /// The rest of the request line, without the `HTTP/1.1` version.
    pub url: String,
    /// Offset (in lines) of the request line inside the block.
    pub line: u32,
    pub headers: Vec<Header>,
    pub body: Option<MessageBody>,
}

/// A response as written in an example block.
#[derive(Clone, Debug, Serialize)]
pub struct HttpResponse {
    /// `None` when the status line has no number.
    pub status: Option<u16>,
    pub status_text: String,
    /// Offset (in lines) of the status line inside the block.
    pub line: u32,
    pub headers: Vec<Header>,
    pub body: Option<MessageBody>,
}

/// A `Name: value` line between the start line and the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// The body of a request or response: JSON when it opens with `{` or `[`.
#[derive(Clone, Debug, Serialize)]
pub enum MessageBody {
    Json(JsonBody),
    /// Anything else (binary placeholders, CSV, XML), starting at this line offset.
    Text {
        line: u32,
    },
}

impl MessageBody {
    pub fn json(&self) -> Option<&JsonBody> {
        match self {
            MessageBody::Json(j) => Some(j),
            MessageBody::Text { .. } => None,
        }
    }
}

/// A `METHOD target` line of a block, as written (method upper-cased).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestLine {
    pub method: String,
    pub target: String,
    /// Offset (in lines) inside the block.
    pub line: u32,
}

/// JSON text as the docs write it, read strictly or leniently.
#[derive(Clone, Debug, Serialize)]
pub struct JsonBody {
    /// Offset (in lines) of the text's first line inside the block.
    pub line: u32,
    /// What the text opens with, which says whether it was meant as JSON.
    pub opening: Opening,
    pub parsed: JsonParse,
}

impl JsonBody {
    /// The value, when the text could be read at all.
    pub fn value(&self) -> Option<&Value> {
        match &self.parsed {
            JsonParse::Strict(v) | JsonParse::Lenient { value: v, .. } => Some(v),
            JsonParse::Invalid(_) => None,
        }
    }
}

/// The first non-blank character of a JSON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Opening {
    Object,
    Array,
    /// A comment, prose, a value that is not a container.
    Other,
}

/// How a JSON text read: strict JSON, JSON5 after strict JSON failed, or not at all.
#[derive(Clone, Debug, Serialize)]
pub enum JsonParse {
    Strict(Value),
    /// Read as JSON5 (possibly after repairs); `strict_error` says why strict JSON failed.
    Lenient {
        value: Value,
        strict_error: JsonError,
    },
    /// Neither strict nor lenient; the strict parser's error.
    Invalid(JsonError),
}

/// Where strict parsing failed, relative to the parsed text (1-based).
#[derive(Debug, Clone, Serialize)]
pub struct JsonError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// An HTML-comment JSON annotation (`<!-- { "blockType": … } -->`).
#[derive(Clone, Debug, Serialize)]
pub struct Annotation {
    pub origin: Origin,
    pub fields: Map<String, Value>,
}

impl Annotation {
    pub fn block_type(&self) -> Option<&str> {
        self.str_field("blockType")
    }

    pub fn str_field(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(Value::as_str)
    }

    /// A boolean field, accepting the string forms `"true"`/`"false"` the docs also use.
    pub fn bool_field(&self, key: &str) -> Option<bool> {
        match self.fields.get(key)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// The type the block is about: `@odata.type`, or `@type` which some pages use instead.
    /// ApiDoctor's synthetic `requestBodyResourceFor.x` names an action's parameters, not a
    /// type, and is not returned.
    pub fn odata_type(&self) -> Option<&str> {
        self.str_field("@odata.type")
            .or_else(|| self.str_field("@type"))
            .map(str::trim)
            .filter(|s| !s.is_empty() && !s.starts_with("requestBodyResourceFor."))
    }
}
