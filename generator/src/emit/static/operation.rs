//! Operations described as data, and the transport-free (sans-IO) code that turns them
//! into `http::Request`s and turns responses back into typed output or a [`GraphError`].
//!
//! Each documented operation is a small struct (its path parameters and typed body)
//! implementing [`Operation`], whose associated constants describe it; everything else
//! (URLs, percent-encoding, OData query options, headers, paging, the error envelope) is
//! the generic code of this module, compiled once for all operations. Send the built
//! request with any HTTP stack, or with `client::Client` (feature `client`).

use ::std::borrow::Cow;
use ::std::fmt;
use ::std::marker::PhantomData;
use ::std::time::{Duration, SystemTime, UNIX_EPOCH};

use ::http::header::{ACCEPT, CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use ::http::{Method, StatusCode};
use ::percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use ::serde::Deserialize as _;

/// Base URLs of the Graph endpoints ("national clouds" included); pass one to
/// [`RequestBuilder::build`].
pub mod base_url {
    /// Global service, v1.0.
    pub const V1_0: &str = "https://graph.microsoft.com/v1.0";
    /// Global service, beta.
    pub const BETA: &str = "https://graph.microsoft.com/beta";
    /// US Government L4, v1.0.
    pub const US_GOV_V1_0: &str = "https://graph.microsoft.us/v1.0";
    /// US Government L4, beta.
    pub const US_GOV_BETA: &str = "https://graph.microsoft.us/beta";
    /// US Government L5 (DOD), v1.0.
    pub const US_GOV_DOD_V1_0: &str = "https://dod-graph.microsoft.us/v1.0";
    /// US Government L5 (DOD), beta.
    pub const US_GOV_DOD_BETA: &str = "https://dod-graph.microsoft.us/beta";
    /// Microsoft Graph operated by 21Vianet (China), v1.0.
    pub const CHINA_V1_0: &str = "https://microsoftgraph.chinacloudapi.cn/v1.0";
    /// Microsoft Graph operated by 21Vianet (China), beta.
    pub const CHINA_BETA: &str = "https://microsoftgraph.chinacloudapi.cn/beta";
}

/// An OData system query option or an operation-specific query parameter, as a page
/// documents it (data, for tools; the builder methods are gated by the [`query`] traits).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryOption {
    Select,
    Expand,
    OrderBy,
    Filter,
    Top,
    Skip,
    Search,
    Count,
    SkipToken,
    Format,
    /// A parameter of this operation only (`startDateTime` of `calendarView`).
    Other(&'static str),
}

impl QueryOption {
    /// The name in the query string (`$select`, `startDateTime`).
    pub const fn name(self) -> &'static str {
        match self {
            QueryOption::Select => "$select",
            QueryOption::Expand => "$expand",
            QueryOption::OrderBy => "$orderby",
            QueryOption::Filter => "$filter",
            QueryOption::Top => "$top",
            QueryOption::Skip => "$skip",
            QueryOption::Search => "$search",
            QueryOption::Count => "$count",
            QueryOption::SkipToken => "$skiptoken",
            QueryOption::Format => "$format",
            QueryOption::Other(name) => name,
        }
    }
}

/// A request header from the page's "Request headers" table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HeaderSpec {
    pub name: &'static str,
    /// The value the docs give (`eventual`, `application/json`); `None` when free.
    pub value: ::core::option::Option<&'static str>,
    pub required: bool,
}

/// The permissions of one kind, least to most privileged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scopes {
    /// The page has no permissions table (or no row for this kind).
    Undocumented,
    /// The table says "Not supported".
    NotSupported,
    /// Least to most privileged.
    LeastToMost(&'static [&'static str]),
}

impl Scopes {
    /// The least privileged permission, if this kind is supported.
    pub const fn least_privileged(self) -> ::core::option::Option<&'static str> {
        match self {
            Scopes::LeastToMost([first, ..]) => ::core::option::Option::Some(*first),
            _ => ::core::option::Option::None,
        }
    }
}

/// The page's permissions table, as data: an app can compute the scopes it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Permissions {
    pub delegated_work_or_school: Scopes,
    pub delegated_personal: Scopes,
    pub application: Scopes,
}

impl Permissions {
    /// No permissions table on the page.
    pub const UNDOCUMENTED: Permissions = Permissions {
        delegated_work_or_school: Scopes::Undocumented,
        delegated_personal: Scopes::Undocumented,
        application: Scopes::Undocumented,
    };
}

/// What a success response carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResponseKind {
    /// One JSON value of the documented type.
    Value,
    /// A JSON collection: `Output` is a [`Page`].
    Collection,
    /// No body (`204 No Content`): `Output` is `()`.
    NoContent,
    /// Bytes that are not JSON (file content): `Output` is [`RawBody`] or `String`.
    Raw,
}

/// Which path template an operation value uses, and its path parameters, in the order
/// of the template's `{placeholders}`. Kept raw; percent-encoded when the request is built.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PathArgs {
    pub template: usize,
    pub values: ::std::vec::Vec<::std::string::String>,
}

impl PathArgs {
    pub fn new<const N: usize>(template: usize, values: [::std::string::String; N]) -> Self {
        PathArgs { template, values: values.into() }
    }

    /// The same from a `Vec` (tools that read templates and values at run time).
    pub fn from_vec(template: usize, values: ::std::vec::Vec<::std::string::String>) -> Self {
        PathArgs { template, values }
    }
}

/// What a page documents about one operation, as data: one constant per operation
/// ([`Spec::SPEC`]), read by the generic code of this module.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OperationSpec {
    /// Stable name, unique per namespace: the page's file name without `.md`.
    pub name: &'static str,
    pub method: Method,
    /// Every template of the page's `HTTP request` block, relative to the base URL,
    /// one `{name}` per parameter, in the order the constructor takes them.
    pub templates: &'static [&'static str],
    pub response: ResponseKind,
    /// The query options the page documents.
    pub query: &'static [QueryOption],
    /// The request headers the page documents (`Authorization` left out).
    pub headers: &'static [HeaderSpec],
    pub permissions: Permissions,
    /// Link to the reference page.
    pub docs: &'static str,
    /// Whether a body is sent (`false`: `Body` is `()`).
    pub has_body: bool,
}

/// One documented Graph operation: a value (the path template chosen, its parameters and
/// the typed body) whose [`OperationSpec`] says everything the page documents.
///
/// The generator emits, per operation, a type alias of [`Request`] over a zero-sized
/// [`Spec`] type (so the derives, accessors and this impl are written once, here), the
/// constructors and the marker impls; nothing else. The shape (for
/// `POST /external/connections/{id}/operations`):
///
/// ```ignore
/// /// Create connectionOperation. (the page's description, templates, permissions, link)
/// pub type ExternalconnectionPostOperations = crate::operation::Request<ExternalconnectionPostOperationsSpec>;
/// impl ExternalconnectionPostOperations {
///     /// `/external/connections/{id}/operations` (one constructor per template)
///     #[inline]
///     pub fn new(id: impl Into<String>, body: ConnectionOperation) -> Self {
///         crate::operation::request(crate::operation::PathArgs::new(0, [id.into()]), body)
///     }
/// }
/// /// The description of [`ExternalconnectionPostOperations`].
/// pub enum ExternalconnectionPostOperationsSpec {}
/// impl crate::operation::Spec for ExternalconnectionPostOperationsSpec {
///     type Body = ConnectionOperation;     // `()` when none; a parameters struct for actions
///     type Output = ConnectionOperation;   // `Page<T>` for collections, `()` for 204
///     type Resource = ConnectionOperation; // what `$select`/`$expand`/`$orderby` name
///     const SPEC: &'static crate::operation::OperationSpec = &crate::operation::OperationSpec {
///         name: "externalconnection-post-operations",
///         method: http::Method::POST,
///         templates: &["/external/connections/{id}/operations"],
///         response: crate::operation::ResponseKind::Value,
///         query: &[],
///         headers: &[],
///         permissions: crate::operation::Permissions::UNDOCUMENTED, // or the page's table
///         docs: "https://learn.microsoft.com/graph/api/externalconnection-post-operations",
///         has_body: true,
///     };
/// }
/// // One empty impl per documented query option and typed header; they unlock the
/// // builder methods (`.select(…)`, `.top(…)`, `.consistency_level_eventual()`).
/// impl crate::operation::query::Top for UserListSpec {}
/// ```
///
/// A placeholder inside quotes (`range(address='{address}')`) gets its quotes doubled;
/// one after `:/` (path-based addressing, `root:/{item-path}:`) keeps its `/`.
pub trait Operation: Sized {
    /// The request body: `()` when none (then [`Operation::body`] returns `None`).
    type Body: ::serde::Serialize;
    /// What a success response decodes into.
    type Output: ::serde::de::DeserializeOwned;
    /// The type whose member names `$select`, `$expand` and `$orderby` take (the item
    /// type of a collection); `()` when the operation documents none of them.
    type Resource;
    /// Everything the page documents.
    const SPEC: &'static OperationSpec;
    /// [`OperationSpec::name`].
    const NAME: &'static str = Self::SPEC.name;
    /// [`OperationSpec::templates`].
    const PATH_TEMPLATES: &'static [&'static str] = Self::SPEC.templates;
    const RESPONSE: ResponseKind = Self::SPEC.response;
    const QUERY: &'static [QueryOption] = Self::SPEC.query;
    const HEADERS: &'static [HeaderSpec] = Self::SPEC.headers;
    const PERMISSIONS: Permissions = Self::SPEC.permissions;
    const DOCS: &'static str = Self::SPEC.docs;

    /// The operation from a template and its parameters and a body (`()` when none), for
    /// generic code; the constructors are the typed way.
    fn from_parts(path: PathArgs, body: Self::Body) -> Self;

    /// The template chosen by the constructor and its parameters.
    fn path(&self) -> &PathArgs;

    /// The typed body, if this operation sends one.
    fn body(&self) -> ::core::option::Option<&Self::Body>;

    /// The body's bytes and content type: JSON unless overridden (file uploads).
    fn encode_body(&self) -> ::core::result::Result<::core::option::Option<(::std::vec::Vec<u8>, &'static str)>, BuildError> {
        match self.body() {
            ::core::option::Option::None => ::core::result::Result::Ok(::core::option::Option::None),
            ::core::option::Option::Some(body) => ::serde_json::to_vec(body)
                .map(|bytes| ::core::option::Option::Some((bytes, "application/json")))
                .map_err(|e| BuildError(format!("the body does not serialize: {e}"))),
        }
    }

    /// A builder for query options and headers around this operation.
    fn request(self) -> RequestBuilder<Self> {
        RequestBuilder::new(self)
    }

    /// Status, headers and body bytes of a response → the typed output or the error.
    fn decode(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ::core::result::Result<Self::Output, Error> {
        decode::<Self>(status, headers, body)
    }
}

/// The per-operation part of a generated operation: a zero-sized type naming its body,
/// output and resource types and its [`OperationSpec`]. [`Request`] over it is the
/// operation.
pub trait Spec: 'static {
    type Body: ::serde::Serialize;
    type Output: ::serde::de::DeserializeOwned;
    type Resource;
    const SPEC: &'static OperationSpec;
}

/// A generated operation's value: the path template chosen, its parameters and the typed
/// body (`()` when none). Each operation is a type alias of this over its [`Spec`]
/// (`GroupListMembers = Request<GroupListMembersSpec>`), so derives and accessors are
/// compiled once for all operations.
pub struct Request<S: Spec> {
    path: PathArgs,
    pub body: S::Body,
}

/// What the generated constructors call ([`Operation::from_parts`] for tools). A free
/// function, because a `Self::…` call in each constructor made the compiler search every
/// one of the thousands of `impl Request<…Spec>` blocks, per constructor.
#[doc(hidden)]
pub fn request<S: Spec>(path: PathArgs, body: S::Body) -> Request<S> {
    Request { path, body }
}

impl<S: Spec> Operation for Request<S> {
    type Body = S::Body;
    type Output = S::Output;
    type Resource = S::Resource;
    const SPEC: &'static OperationSpec = S::SPEC;

    fn from_parts(path: PathArgs, body: S::Body) -> Self {
        request(path, body)
    }

    fn path(&self) -> &PathArgs {
        &self.path
    }

    fn body(&self) -> ::core::option::Option<&S::Body> {
        S::SPEC.has_body.then_some(&self.body)
    }
}

impl<S: Spec> Clone for Request<S>
where
    S::Body: Clone,
{
    fn clone(&self) -> Self {
        Request { path: self.path.clone(), body: self.body.clone() }
    }
}

impl<S: Spec> fmt::Debug for Request<S>
where
    S::Body: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(S::SPEC.name).field("path", &self.path).field("body", &self.body).finish()
    }
}

impl<S: Spec> PartialEq for Request<S>
where
    S::Body: PartialEq,
{
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && self.body == other.body
    }
}

/// Marker traits: an operation implements one per query option its page documents, which
/// enables the matching [`RequestBuilder`] method (generated operations implement them
/// on their [`Spec`] type; [`Request`] forwards).
pub mod query {
    use super::{Request, Spec};
    macro_rules! markers {
        ($($name:ident),*) => {$(
            pub trait $name {}
            impl<S: Spec + $name> $name for Request<S> {}
        )*};
    }
    markers!(Select, Expand, OrderBy, Filter, Top, Skip, Search, Count, SkipToken, Format);
}

/// Marker traits: an operation implements one per typed header its page documents
/// (`ConsistencyLevel` is `ConsistencyLevel: eventual`, for advanced directory queries,
/// `$count` and `$search`).
pub mod header {
    use super::{Request, Spec};
    macro_rules! markers {
        ($($name:ident),*) => {$(
            pub trait $name {}
            impl<S: Spec + $name> $name for Request<S> {}
        )*};
    }
    markers!(ConsistencyLevel, Prefer, IfMatch, IfNoneMatch);
}

/// A member name of `T` (`User::DISPLAY_NAME`), checked at compile time against the
/// operation's [`Operation::Resource`].
pub struct Member<T> {
    name: &'static str,
    of: PhantomData<fn() -> T>,
}

impl<T> Member<T> {
    pub const fn new(name: &'static str) -> Self {
        Member { name, of: PhantomData }
    }
    pub const fn name(&self) -> &'static str {
        self.name
    }
    /// For `$orderby`: this member, descending.
    pub const fn desc(self) -> Descending<T> {
        Descending(self)
    }
}

impl<T> Clone for Member<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Member<T> {}
impl<T> fmt::Debug for Member<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// `$orderby` item: a member, descending.
pub struct Descending<T>(Member<T>);

/// What `$select`, `$expand` and `$orderby` accept for resource `T`: its [`Member`]
/// constants, and any string (`&str`, `String`, anything `AsRef<str>`).
pub trait MemberOf<T> {
    fn write_to(&self, out: &mut ::std::string::String);
}

impl<T, S: AsRef<str>> MemberOf<T> for S {
    fn write_to(&self, out: &mut ::std::string::String) {
        out.push_str(self.as_ref());
    }
}

impl<T> MemberOf<T> for Member<T> {
    fn write_to(&self, out: &mut ::std::string::String) {
        out.push_str(self.name);
    }
}

impl<T> MemberOf<T> for Descending<T> {
    fn write_to(&self, out: &mut ::std::string::String) {
        out.push_str(self.0.name);
        out.push_str(" desc");
    }
}

/// An operation with the query options and headers of one call; [`RequestBuilder::build`]
/// makes the `http::Request`.
#[derive(Clone, Debug)]
pub struct RequestBuilder<O> {
    operation: O,
    query: ::std::vec::Vec<(Cow<'static, str>, ::std::string::String)>,
    headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
}

impl<O: Operation> RequestBuilder<O> {
    pub fn new(operation: O) -> Self {
        RequestBuilder { operation, query: ::std::vec::Vec::new(), headers: ::std::vec::Vec::new() }
    }

    pub fn operation(&self) -> &O {
        &self.operation
    }

    /// Sets a query parameter, replacing an earlier value of the same name.
    fn set(mut self, name: impl Into<Cow<'static, str>>, value: ::std::string::String) -> Self {
        let name = name.into();
        self.query.retain(|(n, _)| *n != name);
        self.query.push((name, value));
        self
    }

    fn members<I>(self, option: &'static str, members: I) -> Self
    where
        I: IntoIterator,
        I::Item: MemberOf<O::Resource>,
    {
        let mut list = ::std::string::String::new();
        for (i, member) in members.into_iter().enumerate() {
            if i > 0 {
                list.push(',');
            }
            member.write_to(&mut list);
        }
        self.set(option, list)
    }

    /// `$select=a,b`
    pub fn select<I>(self, members: I) -> Self
    where
        O: query::Select,
        I: IntoIterator,
        I::Item: MemberOf<O::Resource>,
    {
        self.members("$select", members)
    }

    /// `$expand=a,b` (a member may carry options: `"members($select=id)"`).
    pub fn expand<I>(self, members: I) -> Self
    where
        O: query::Expand,
        I: IntoIterator,
        I::Item: MemberOf<O::Resource>,
    {
        self.members("$expand", members)
    }

    /// `$orderby=a,b desc` (descending: `Member::desc`, or `"b desc"`).
    pub fn order_by<I>(self, members: I) -> Self
    where
        O: query::OrderBy,
        I: IntoIterator,
        I::Item: MemberOf<O::Resource>,
    {
        self.members("$orderby", members)
    }

    /// `$filter=…`, an OData expression written as Graph documents it.
    pub fn filter(self, expression: impl Into<::std::string::String>) -> Self
    where
        O: query::Filter,
    {
        self.set("$filter", expression.into())
    }

    pub fn top(self, n: u64) -> Self
    where
        O: query::Top,
    {
        self.set("$top", n.to_string())
    }

    pub fn skip(self, n: u64) -> Self
    where
        O: query::Skip,
    {
        self.set("$skip", n.to_string())
    }

    /// `$search="…"`: the text is quoted (inner `"` escaped) unless it already is.
    pub fn search(self, text: impl AsRef<str>) -> Self
    where
        O: query::Search,
    {
        let text = text.as_ref();
        let quoted = if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
            text.to_string()
        } else {
            format!("\"{}\"", text.replace('"', "\\\""))
        };
        self.set("$search", quoted)
    }

    pub fn count(self, count: bool) -> Self
    where
        O: query::Count,
    {
        self.set("$count", count.to_string())
    }

    pub fn skip_token(self, token: impl Into<::std::string::String>) -> Self
    where
        O: query::SkipToken,
    {
        self.set("$skiptoken", token.into())
    }

    pub fn format(self, format: impl Into<::std::string::String>) -> Self
    where
        O: query::Format,
    {
        self.set("$format", format.into())
    }

    /// Escape hatch: any query parameter, documented or not (value percent-encoded).
    pub fn query_param(self, name: impl Into<::std::string::String>, value: impl Into<::std::string::String>) -> Self {
        self.set(name.into(), value.into())
    }

    /// Escape hatch: any header, documented or not; repeated names are all sent.
    pub fn header(mut self, name: impl Into<::std::string::String>, value: impl Into<::std::string::String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// `ConsistencyLevel: eventual`. Added by itself when `$count` or `$search` is used
    /// and the page documents the header.
    pub fn consistency_level_eventual(self) -> Self
    where
        O: header::ConsistencyLevel,
    {
        self.header("ConsistencyLevel", "eventual")
    }

    /// `Prefer: …` (`outlook.timezone="Pacific Standard Time"`, `return=minimal`).
    pub fn prefer(self, preference: impl Into<::std::string::String>) -> Self
    where
        O: header::Prefer,
    {
        self.header("Prefer", preference)
    }

    pub fn if_match(self, etag: impl Into<::std::string::String>) -> Self
    where
        O: header::IfMatch,
    {
        self.header("If-Match", etag)
    }

    pub fn if_none_match(self, etag: impl Into<::std::string::String>) -> Self
    where
        O: header::IfNoneMatch,
    {
        self.header("If-None-Match", etag)
    }

    /// The URL of this request under `base_url` ([`base_url::V1_0`], …).
    pub fn url(&self, base_url: &str) -> ::core::result::Result<::std::string::String, BuildError> {
        let mut url = base_url.trim_end_matches('/').to_string();
        expand_path(&mut url, O::SPEC.templates, self.operation.path())?;
        for (i, (name, value)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.extend(utf8_percent_encode(name, QUERY));
            url.push('=');
            url.extend(utf8_percent_encode(value, QUERY));
        }
        ::core::result::Result::Ok(url)
    }

    /// The request: method, URL, `Accept`, the body with its `Content-Type`, and the
    /// headers set here. No `Authorization`: the sender adds it.
    pub fn build(&self, base_url: &str) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, BuildError> {
        let mut request = ::http::Request::builder().method(O::SPEC.method.clone()).uri(self.url(base_url)?);
        if O::SPEC.response != ResponseKind::Raw {
            request = request.header(ACCEPT, "application/json");
        }
        let body = match self.operation.encode_body()? {
            ::core::option::Option::Some((bytes, content_type)) => {
                request = request.header(CONTENT_TYPE, content_type);
                bytes
            }
            ::core::option::Option::None => ::std::vec::Vec::new(),
        };
        for (name, value) in &self.headers {
            request = request.header(name.as_str(), value.as_str());
        }
        if self.wants_eventual_consistency() {
            request = request.header("ConsistencyLevel", "eventual");
        }
        request.body(body).map_err(|e| BuildError(e.to_string()))
    }

    fn wants_eventual_consistency(&self) -> bool {
        let advanced = self.query.iter().any(|(n, _)| n == "$count" || n == "$search");
        let documented = O::SPEC.headers.iter().any(|h| h.name.eq_ignore_ascii_case("ConsistencyLevel"));
        let set = self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("ConsistencyLevel"));
        advanced && documented && !set
    }
}

/// Characters encoded in a path parameter: everything but unreserved and sub-delimiters
/// (`'`, `(`, `,`, `=`, `@`, `:` stay, as Graph's keys and functions use them).
const PATH: &AsciiSet = &CONTROLS
    .add(b' ').add(b'"').add(b'#').add(b'%').add(b'/').add(b'<').add(b'>').add(b'?')
    .add(b'`').add(b'{').add(b'}').add(b'|').add(b'\\').add(b'^').add(b'[').add(b']');
/// A path parameter in path-based addressing (`root:/{item-path}:`) keeps its `/`.
const PATH_KEEP_SLASH: &AsciiSet = &PATH.remove(b'/');
/// Characters encoded in query names and values (space as `%20`, never `+`).
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ').add(b'"').add(b'#').add(b'%').add(b'&').add(b'+').add(b'<').add(b'>')
    .add(b'\\').add(b'^').add(b'`').add(b'{').add(b'|').add(b'}').add(b'[').add(b']');

/// Appends the chosen template to `url` with every `{placeholder}` replaced by the next
/// path value, percent-encoded.
fn expand_path(url: &mut ::std::string::String, templates: &[&str], args: &PathArgs) -> ::core::result::Result<(), BuildError> {
    let template = templates
        .get(args.template)
        .ok_or_else(|| BuildError(format!("no path template {} (the operation has {})", args.template, templates.len())))?;
    let mut values = args.values.iter();
    let mut rest = *template;
    while let ::core::option::Option::Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| BuildError(format!("unclosed `{{` in path template `{template}`")))?;
        let before = &rest[..open];
        url.push_str(before);
        let value = values
            .next()
            .ok_or_else(|| BuildError(format!("path template `{template}` needs more parameters than the {} given", args.values.len())))?;
        let value: Cow<'_, str> = if before.ends_with('\'') { value.replace('\'', "''").into() } else { value.into() };
        let set = if before.ends_with(":/") { PATH_KEEP_SLASH } else { PATH };
        url.extend(utf8_percent_encode(&value, set));
        rest = &rest[close + 1..];
    }
    url.push_str(rest);
    match values.next() {
        ::core::option::Option::None => ::core::result::Result::Ok(()),
        ::core::option::Option::Some(_) => ::core::result::Result::Err(BuildError(format!("path template `{template}` takes fewer parameters than the {} given", args.values.len()))),
    }
}

/// One page of a collection: `{"value": [...], "@odata.nextLink": ...}`.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Page<T> {
    #[serde(default = "::std::vec::Vec::new")]
    pub value: ::std::vec::Vec<T>,
    #[serde(rename = "@odata.nextLink", default, skip_serializing_if = "Option::is_none")]
    pub next_link: ::core::option::Option<::std::string::String>,
    #[serde(rename = "@odata.deltaLink", default, skip_serializing_if = "Option::is_none")]
    pub delta_link: ::core::option::Option<::std::string::String>,
    #[serde(rename = "@odata.count", default, skip_serializing_if = "Option::is_none")]
    pub count: ::core::option::Option<i64>,
}

impl<T> Page<T> {
    /// The next page's request (a GET of `@odata.nextLink`), `None` on the last page.
    /// Decode its response with the same operation's [`Operation::decode`].
    pub fn next_request(&self) -> ::core::option::Option<::core::result::Result<::http::Request<::std::vec::Vec<u8>>, BuildError>> {
        self.next_request_after(&::http::Request::new(()))
    }

    /// Like [`Page::next_request`], carrying the headers of the request that fetched this
    /// page (`ConsistencyLevel`, `Prefer`, `Authorization`), not its body.
    pub fn next_request_after<B>(&self, previous: &::http::Request<B>) -> ::core::option::Option<::core::result::Result<::http::Request<::std::vec::Vec<u8>>, BuildError>> {
        self.next_link.as_deref().map(|link| link_request(link, previous))
    }

    /// The GET of `@odata.deltaLink` (the last page of a delta round): the changes since
    /// this round, for the next one. Headers as in [`Page::next_request_after`].
    pub fn delta_request_after<B>(&self, previous: &::http::Request<B>) -> ::core::option::Option<::core::result::Result<::http::Request<::std::vec::Vec<u8>>, BuildError>> {
        self.delta_link.as_deref().map(|link| link_request(link, previous))
    }
}

/// A GET of a link Graph returned, with the headers of the request it answered.
fn link_request<B>(link: &str, previous: &::http::Request<B>) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, BuildError> {
    let mut request = ::http::Request::builder().method(Method::GET).uri(link);
    for (name, value) in previous.headers() {
        if name != CONTENT_TYPE && name != ::http::header::CONTENT_LENGTH {
            request = request.header(name, value);
        }
    }
    if !previous.headers().contains_key(ACCEPT) {
        request = request.header(ACCEPT, "application/json");
    }
    request.body(::std::vec::Vec::new()).map_err(|e| BuildError(e.to_string()))
}

/// A response body kept as bytes (file content): `Output` of [`ResponseKind::Raw`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawBody(pub ::std::vec::Vec<u8>);

impl<'de> ::serde::Deserialize<'de> for RawBody {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
        struct Bytes;
        impl<'de> ::serde::de::Visitor<'de> for Bytes {
            type Value = RawBody;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: ::serde::de::Error>(self, v: &[u8]) -> ::core::result::Result<RawBody, E> {
                ::core::result::Result::Ok(RawBody(v.to_vec()))
            }
        }
        deserializer.deserialize_bytes(Bytes)
    }
}

/// Serialized as bytes, so that generic code (`exercise`) can round-trip any output.
impl ::serde::Serialize for RawBody {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

/// Status, headers and body of a response → `O::Output` ([`Operation::decode`]).
pub fn decode<O: Operation>(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ::core::result::Result<O::Output, Error> {
    if !status.is_success() {
        return ::core::result::Result::Err(Error::Graph(::std::boxed::Box::new(GraphError::from_response(status, headers, body))));
    }
    let decoded = match O::SPEC.response {
        ResponseKind::Raw => O::Output::deserialize(::serde::de::value::BytesDeserializer::<::serde_json::Error>::new(body)),
        // `()` reads from `null`: a 204, or a body the docs say is not there.
        ResponseKind::NoContent => ::serde_json::from_slice(b"null"),
        _ if body.iter().all(u8::is_ascii_whitespace) => ::serde_json::from_slice(b"null"),
        _ => ::serde_json::from_slice(body),
    };
    decoded.map_err(|e| Error::Decode(DecodeError { status, message: e.to_string(), body: ::std::string::String::from_utf8_lossy(body).into_owned() }))
}

/// `Retry-After`: seconds, or an HTTP date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    Seconds(u64),
    At(SystemTime),
}

impl RetryAfter {
    /// Reads the header value; `None` when it is neither form.
    pub fn parse(value: &str) -> ::core::option::Option<RetryAfter> {
        let value = value.trim();
        if let ::core::result::Result::Ok(seconds) = value.parse::<u64>() {
            return ::core::option::Option::Some(RetryAfter::Seconds(seconds));
        }
        parse_http_date(value).map(RetryAfter::At)
    }

    /// How long to wait from `now` (zero for a date in the past).
    pub fn delay(self, now: SystemTime) -> Duration {
        match self {
            RetryAfter::Seconds(s) => Duration::from_secs(s),
            RetryAfter::At(at) => at.duration_since(now).unwrap_or(Duration::ZERO),
        }
    }

    /// From a response's headers.
    pub fn from_headers(headers: &HeaderMap) -> ::core::option::Option<RetryAfter> {
        headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(RetryAfter::parse)
    }
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form HTTP requires senders to use.
fn parse_http_date(text: &str) -> ::core::option::Option<SystemTime> {
    let parts: ::std::vec::Vec<&str> = text.split_ascii_whitespace().collect();
    let [_weekday, day, month, year, time, "GMT"] = parts.as_slice() else {
        return ::core::option::Option::None;
    };
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let (day, year): (i64, i64) = (day.parse().ok()?, year.parse().ok()?);
    let hms: ::std::vec::Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<::core::option::Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return ::core::option::Option::None;
    };
    if !(1..=31).contains(&day) || *h > 23 || *m > 59 || *s > 60 {
        return ::core::option::Option::None;
    }
    // Days from 1970-01-01 to year-month-day (proleptic Gregorian; H. Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + m * 60 + s;
    u64::try_from(secs).ok().map(|s| UNIX_EPOCH + Duration::from_secs(s))
}

/// A Graph error response: the `error` envelope, the status, `Retry-After`.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphError {
    pub status: StatusCode,
    /// `error.code` (`Request_ResourceNotFound`, `TooManyRequests`).
    pub code: ::core::option::Option<::std::string::String>,
    pub message: ::core::option::Option<::std::string::String>,
    /// `error.innerError`, or the `request-id` / `client-request-id` / `Date` response
    /// headers when the body has none.
    pub inner_error: ::core::option::Option<InnerError>,
    /// `error.details`.
    pub details: ::std::vec::Vec<::serde_json::Value>,
    pub retry_after: ::core::option::Option<RetryAfter>,
    /// The body, when it is not a Graph error envelope (a proxy's HTML page, empty).
    pub raw_body: ::core::option::Option<::std::string::String>,
}

/// `error.innerError` of a Graph error.
#[derive(Clone, Debug, Default, PartialEq, ::serde::Deserialize)]
pub struct InnerError {
    #[serde(rename = "request-id", default)]
    pub request_id: ::core::option::Option<::std::string::String>,
    #[serde(rename = "client-request-id", default)]
    pub client_request_id: ::core::option::Option<::std::string::String>,
    #[serde(default)]
    pub date: ::core::option::Option<::std::string::String>,
    /// Other members (`code`, a nested `innerError`).
    #[serde(flatten)]
    pub other: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
}

#[derive(::serde::Deserialize)]
struct Envelope {
    error: EnvelopeError,
}

#[derive(::serde::Deserialize)]
struct EnvelopeError {
    #[serde(default)]
    code: ::core::option::Option<::std::string::String>,
    #[serde(default)]
    message: ::core::option::Option<::std::string::String>,
    #[serde(rename = "innerError", alias = "innererror", default)]
    inner_error: ::core::option::Option<InnerError>,
    #[serde(default)]
    details: ::std::vec::Vec<::serde_json::Value>,
}

impl GraphError {
    pub fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> GraphError {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let mut error = GraphError {
            status,
            code: ::core::option::Option::None,
            message: ::core::option::Option::None,
            inner_error: ::core::option::Option::None,
            details: ::std::vec::Vec::new(),
            retry_after: RetryAfter::from_headers(headers),
            raw_body: ::core::option::Option::None,
        };
        match ::serde_json::from_slice::<Envelope>(body) {
            ::core::result::Result::Ok(Envelope { error: e }) => {
                error.code = e.code;
                error.message = e.message;
                error.inner_error = e.inner_error;
                error.details = e.details;
            }
            ::core::result::Result::Err(_) => {
                error.raw_body = ::core::option::Option::Some(::std::string::String::from_utf8_lossy(body).into_owned());
            }
        }
        if error.inner_error.is_none() && (header("request-id").is_some() || header("client-request-id").is_some()) {
            error.inner_error = ::core::option::Option::Some(InnerError {
                request_id: header("request-id"),
                client_request_id: header("client-request-id"),
                date: header("date"),
                other: ::serde_json::Map::new(),
            });
        }
        error
    }

    /// `request-id` of the failed request, for Microsoft support.
    pub fn request_id(&self) -> ::core::option::Option<&str> {
        self.inner_error.as_ref()?.request_id.as_deref()
    }

    /// 429, 503 and 504: worth retrying after `retry_after`.
    pub fn is_throttling(&self) -> bool {
        is_retryable(self.status)
    }
}

/// 429 Too Many Requests, 503 Service Unavailable, 504 Gateway Timeout.
pub fn is_retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 503 | 504)
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Graph returned {}", self.status)?;
        if let ::core::option::Option::Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let ::core::option::Option::Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let ::core::option::Option::Some(id) = self.request_id() {
            write!(f, " (request-id {id})")?;
        }
        ::core::result::Result::Ok(())
    }
}

impl ::std::error::Error for GraphError {}

/// The request could not be built (bad base URL or header, a body that does not serialize).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError(pub ::std::string::String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the request: {}", self.0)
    }
}

impl ::std::error::Error for BuildError {}

/// A success response whose body is not the documented output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub status: StatusCode,
    pub message: ::std::string::String,
    pub body: ::std::string::String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} response does not decode: {}", self.status, self.message)
    }
}

impl ::std::error::Error for DecodeError {}

/// What a call can fail with, without any transport.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    Build(BuildError),
    /// Graph answered with an error status.
    Graph(::std::boxed::Box<GraphError>),
    Decode(DecodeError),
}

impl Error {
    pub fn graph(&self) -> ::core::option::Option<&GraphError> {
        match self {
            Error::Graph(e) => ::core::option::Option::Some(e),
            _ => ::core::option::Option::None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build(e) => e.fmt(f),
            Error::Graph(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
        }
    }
}

impl ::std::error::Error for Error {
    fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Build(e) => ::core::option::Option::Some(e),
            Error::Graph(e) => ::core::option::Option::Some(&**e),
            Error::Decode(e) => ::core::option::Option::Some(e),
        }
    }
}

impl From<BuildError> for Error {
    fn from(e: BuildError) -> Self {
        Error::Build(e)
    }
}

/// An operation or a [`RequestBuilder`] of one: what senders accept.
pub trait IntoRequest {
    type Operation: Operation;
    fn into_request(self) -> RequestBuilder<Self::Operation>;
}

impl<O: Operation> IntoRequest for O {
    type Operation = O;
    fn into_request(self) -> RequestBuilder<O> {
        RequestBuilder::new(self)
    }
}

impl<O: Operation> IntoRequest for RequestBuilder<O> {
    type Operation = O;
    fn into_request(self) -> RequestBuilder<O> {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `GET /users/{id}/messages`, `GET /me/drive/root:/{item-path}:/content` and a
    /// function with a quoted parameter: one template per constructor.
    enum ProbeSpec {}
    type Probe = Request<ProbeSpec>;
    struct Message;

    impl Spec for ProbeSpec {
        type Body = ();
        type Output = Page<::serde_json::Value>;
        type Resource = Message;
        const SPEC: &'static OperationSpec = &OperationSpec {
            name: "probe",
            method: Method::GET,
            templates: &["/users/{id}/messages", "/me/drive/root:/{item-path}:/content", "/workbook/range(address='{address}')"],
            response: ResponseKind::Collection,
            query: &[],
            headers: &[HeaderSpec { name: "ConsistencyLevel", value: ::core::option::Option::Some("eventual"), required: false }],
            permissions: Permissions::UNDOCUMENTED,
            docs: "",
            has_body: false,
        };
    }
    impl query::Select for ProbeSpec {}
    impl query::OrderBy for ProbeSpec {}
    impl query::Filter for ProbeSpec {}
    impl query::Top for ProbeSpec {}
    impl query::Search for ProbeSpec {}
    impl query::Count for ProbeSpec {}

    const SUBJECT: Member<Message> = Member::new("subject");

    fn probe(template: usize, value: &str) -> Probe {
        Probe::from_parts(PathArgs::new(template, [value.to_string()]), ())
    }

    #[test]
    fn path_parameters_are_percent_encoded_when_built() {
        let url = probe(0, "a b/c?d#e%f@contoso.com").request().url(base_url::V1_0).unwrap();
        assert_eq!(url, "https://graph.microsoft.com/v1.0/users/a%20b%2Fc%3Fd%23e%25f@contoso.com/messages");
    }

    #[test]
    fn path_based_addressing_keeps_slashes() {
        let url = probe(1, "Docs/a b.txt").request().url("https://graph.microsoft.com/beta/").unwrap();
        assert_eq!(url, "https://graph.microsoft.com/beta/me/drive/root:/Docs/a%20b.txt:/content");
    }

    #[test]
    fn quoted_parameters_double_their_quotes() {
        let url = probe(2, "Sheet1!A1:B'2").request().url("").unwrap();
        assert_eq!(url, "/workbook/range(address='Sheet1!A1:B''2')");
    }

    #[test]
    fn wrong_parameter_counts_are_errors_not_panics() {
        let few = Probe::from_parts(PathArgs::new(0, []), ());
        assert!(few.request().url("").is_err());
        let many = Probe::from_parts(PathArgs::from_vec(0, ::std::vec!["a".to_string(), "b".to_string()]), ());
        assert!(many.request().url("").is_err());
        assert!(probe(7, "a").request().url("").is_err());
    }

    #[test]
    fn query_options_take_members_and_strings() {
        let request = probe(0, "1")
            .request()
            .select([SUBJECT.name(), "from"])
            .select([SUBJECT])
            .order_by([SUBJECT.desc()])
            .filter("importance eq 'high' & more")
            .top(5)
            .query_param("startDateTime", "2024-01-01T00:00:00+01:00");
        let url = request.url("").unwrap();
        assert_eq!(url, "/users/1/messages?$select=subject&$orderby=subject%20desc&$filter=importance%20eq%20'high'%20%26%20more&$top=5&startDateTime=2024-01-01T00:00:00%2B01:00");
    }

    #[test]
    fn search_is_quoted_and_count_asks_for_eventual_consistency() {
        let request = probe(0, "1").request().search("displayName:Room \"A\"").count(true).build("").unwrap();
        assert_eq!(request.uri().query(), ::core::option::Option::Some("$search=%22displayName:Room%20%5C%22A%5C%22%22&$count=true"));
        assert_eq!(request.headers()["ConsistencyLevel"], "eventual");
        assert_eq!(request.headers()[ACCEPT], "application/json");
        assert!(request.body().is_empty());
        let plain = probe(0, "1").request().top(1).build("").unwrap();
        assert!(plain.headers().get("ConsistencyLevel").is_none());
    }

    #[test]
    fn bad_headers_are_build_errors() {
        assert!(probe(0, "1").request().header("Bad Name", "x").build("").is_err());
    }

    #[test]
    fn collections_decode_into_pages_with_their_links() {
        let body = br#"{"@odata.context":"x","@odata.count":3,"value":[{"id":"1"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=X%27"}"#;
        let page = Probe::decode(StatusCode::OK, &HeaderMap::new(), body).unwrap();
        assert_eq!(page.value, ::std::vec![::serde_json::json!({"id": "1"})]);
        assert_eq!(page.count, ::core::option::Option::Some(3));
        let first = probe(0, "1").request().consistency_level_eventual().build("https://graph.microsoft.com/v1.0").unwrap();
        let next = page.next_request_after(&first).unwrap().unwrap();
        assert_eq!(next.uri(), "https://graph.microsoft.com/v1.0/users?$skiptoken=X%27");
        assert_eq!(next.method(), Method::GET);
        assert_eq!(next.headers()["ConsistencyLevel"], "eventual");
        let last: Page<u8> = ::serde_json::from_str(r#"{"value":[],"@odata.deltaLink":"https://graph.microsoft.com/v1.0/users/delta()?$deltatoken=abc"}"#).unwrap();
        assert!(last.next_request().is_none());
        let delta = last.delta_request_after(&first).unwrap().unwrap();
        assert_eq!(delta.uri(), "https://graph.microsoft.com/v1.0/users/delta()?$deltatoken=abc");
        assert_eq!(delta.headers()["ConsistencyLevel"], "eventual");
    }

    impl header::ConsistencyLevel for ProbeSpec {}

    /// An operation written by hand, without `Request`.
    struct Delete;
    impl Operation for Delete {
        type Body = ();
        type Output = ();
        type Resource = ();
        const SPEC: &'static OperationSpec = &OperationSpec {
            name: "delete",
            method: Method::DELETE,
            templates: &["/x"],
            response: ResponseKind::NoContent,
            query: &[],
            headers: &[],
            permissions: Permissions::UNDOCUMENTED,
            docs: "",
            has_body: false,
        };
        fn from_parts(_: PathArgs, _: ()) -> Self {
            Delete
        }
        fn path(&self) -> &PathArgs {
            const NONE: &PathArgs = &PathArgs { template: 0, values: ::std::vec::Vec::new() };
            NONE
        }
        fn body(&self) -> ::core::option::Option<&()> {
            ::core::option::Option::None
        }
    }

    #[test]
    fn no_content_decodes_to_unit() {
        Delete::decode(StatusCode::NO_CONTENT, &HeaderMap::new(), b"").unwrap();
        Delete::decode(StatusCode::OK, &HeaderMap::new(), b"{\"unexpected\":1}").unwrap();
        let request = Delete.request().build("").unwrap();
        assert_eq!(request.method(), Method::DELETE);
        assert!(request.headers().get(CONTENT_TYPE).is_none());
    }

    #[test]
    fn a_success_body_that_does_not_match_is_a_decode_error() {
        let error = Probe::decode(StatusCode::OK, &HeaderMap::new(), b"[1]").unwrap_err();
        assert!(matches!(error, Error::Decode(DecodeError { status: StatusCode::OK, .. })), "{error:?}");
    }

    #[test]
    fn graph_error_envelopes_become_typed_errors() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.","innerError":{"date":"2024-05-01T10:00:00","request-id":"r-1","client-request-id":"c-1"}}}"#;
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, ::http::HeaderValue::from_static("7"));
        let error = Probe::decode(StatusCode::NOT_FOUND, &headers, body).unwrap_err();
        let graph = error.graph().unwrap();
        assert_eq!(graph.status, StatusCode::NOT_FOUND);
        assert_eq!(graph.code.as_deref(), ::core::option::Option::Some("Request_ResourceNotFound"));
        assert_eq!(graph.request_id(), ::core::option::Option::Some("r-1"));
        let inner = graph.inner_error.as_ref().unwrap();
        assert_eq!(inner.client_request_id.as_deref(), ::core::option::Option::Some("c-1"));
        assert_eq!(inner.date.as_deref(), ::core::option::Option::Some("2024-05-01T10:00:00"));
        assert_eq!(graph.retry_after, ::core::option::Option::Some(RetryAfter::Seconds(7)));
        assert!(graph.raw_body.is_none());
        assert!(error.to_string().contains("Request_ResourceNotFound"));
    }

    #[test]
    fn other_error_bodies_are_kept_raw_with_header_ids() {
        let mut headers = HeaderMap::new();
        headers.insert("request-id", ::http::HeaderValue::from_static("r-2"));
        let error = GraphError::from_response(StatusCode::BAD_GATEWAY, &headers, b"<html>proxy</html>");
        assert_eq!(error.raw_body.as_deref(), ::core::option::Option::Some("<html>proxy</html>"));
        assert_eq!(error.request_id(), ::core::option::Option::Some("r-2"));
        assert!(error.code.is_none());
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        assert_eq!(RetryAfter::parse(" 30 "), ::core::option::Option::Some(RetryAfter::Seconds(30)));
        let at = RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(at, RetryAfter::At(UNIX_EPOCH + Duration::from_secs(784_111_777)));
        assert_eq!(at.delay(UNIX_EPOCH + Duration::from_secs(784_111_770)), Duration::from_secs(7));
        assert_eq!(at.delay(SystemTime::now()), Duration::ZERO);
        assert_eq!(RetryAfter::parse("Feb 30 GMT"), ::core::option::Option::None);
        assert_eq!(RetryAfter::parse("soon"), ::core::option::Option::None);
    }

    #[test]
    fn raw_responses_keep_their_bytes() {
        enum DownloadSpec {}
        impl Spec for DownloadSpec {
            type Body = ();
            type Output = RawBody;
            type Resource = ();
            const SPEC: &'static OperationSpec = &OperationSpec {
                name: "download",
                method: Method::GET,
                templates: &["/content"],
                response: ResponseKind::Raw,
                query: &[],
                headers: &[],
                permissions: Permissions::UNDOCUMENTED,
                docs: "",
                has_body: false,
            };
        }
        type Download = Request<DownloadSpec>;
        let body = Download::decode(StatusCode::OK, &HeaderMap::new(), b"\x00not json").unwrap();
        assert_eq!(body, RawBody(b"\x00not json".to_vec()));
        assert!(Download::from_parts(PathArgs::default(), ()).request().build("").unwrap().headers().get(ACCEPT).is_none());
    }

    #[test]
    fn permissions_are_data() {
        const P: Permissions = Permissions {
            delegated_work_or_school: Scopes::LeastToMost(&["User.ReadBasic.All", "User.Read.All"]),
            delegated_personal: Scopes::NotSupported,
            application: Scopes::Undocumented,
        };
        assert_eq!(P.delegated_work_or_school.least_privileged(), ::core::option::Option::Some("User.ReadBasic.All"));
        assert_eq!(P.delegated_personal.least_privileged(), ::core::option::Option::None);
        assert_eq!(Probe::PERMISSIONS, Permissions::UNDOCUMENTED);
    }
}
