//! A thin async client (feature `client`; HTTPS with feature `rustls`): sends any
//! [`Operation`] with a bearer token from a provider you supply, retries throttling
//! (429, 503, 504) honouring `Retry-After` within bounds, follows next links as a
//! stream of pages or of items, and returns the typed output or a typed error.

use ::std::fmt;
use ::std::future::Future;
use ::std::time::{Duration, SystemTime};

use ::futures_util::StreamExt as _;
use ::http::header::AUTHORIZATION;
use ::http::{HeaderMap, HeaderValue, StatusCode};

pub use ::futures_core::Stream;

use super::operation::{self, BuildError, IntoRequest, Operation, Page, RetryAfter};

/// A boxed error from a token provider.
pub type BoxError = ::std::boxed::Box<dyn ::std::error::Error + Send + Sync>;

/// Supplies the bearer token for each request (from MSAL, `azure_identity`, a cache…).
/// Called before every attempt, so a provider can refresh expired tokens.
pub trait TokenProvider: Send + Sync {
    fn token(&self) -> impl Future<Output = ::core::result::Result<::std::string::String, BoxError>> + Send;
}

/// A token that never changes (tests, short scripts).
#[derive(Clone)]
pub struct StaticToken(pub ::std::string::String);

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenProvider for StaticToken {
    async fn token(&self) -> ::core::result::Result<::std::string::String, BoxError> {
        ::core::result::Result::Ok(self.0.clone())
    }
}

/// How throttled requests are retried: at most `max_retries` times and `max_total_wait`
/// of waiting in all. A wait comes from `Retry-After` (seconds or HTTP date), else
/// `backoff` doubled at each retry. A retry that would pass either bound is not made:
/// the throttling error is returned, with its `retry_after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub max_total_wait: Duration,
    pub backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, max_total_wait: Duration::from_secs(60), backoff: Duration::from_secs(1) }
    }
}

impl RetryPolicy {
    /// No retries.
    pub const NONE: RetryPolicy = RetryPolicy { max_retries: 0, max_total_wait: Duration::ZERO, backoff: Duration::ZERO };

    /// The wait before retry number `attempt` (0-based), if it stays within bounds.
    pub fn delay(&self, attempt: u32, retry_after: ::core::option::Option<RetryAfter>, waited: Duration) -> ::core::option::Option<Duration> {
        if attempt >= self.max_retries {
            return ::core::option::Option::None;
        }
        let delay = match retry_after {
            ::core::option::Option::Some(r) => r.delay(SystemTime::now()),
            ::core::option::Option::None => self.backoff.saturating_mul(1u32 << attempt.min(16)),
        };
        (waited.saturating_add(delay) <= self.max_total_wait).then_some(delay)
    }
}

/// What sending can fail with.
#[derive(Debug)]
pub enum Error {
    /// Building or decoding, or Graph's error response ([`Error::graph`]).
    Operation(operation::Error),
    /// No response within the client's per-request timeout.
    Timeout,
    /// Connection, TLS or protocol failure.
    Transport(::reqwest::Error),
    /// The token provider failed.
    Token(BoxError),
}

impl Error {
    /// The Graph error, when Graph answered with one.
    pub fn graph(&self) -> ::core::option::Option<&operation::GraphError> {
        match self {
            Error::Operation(e) => e.graph(),
            _ => ::core::option::Option::None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Operation(e) => e.fmt(f),
            Error::Timeout => f.write_str("Graph did not answer within the timeout"),
            Error::Transport(e) => write!(f, "cannot reach Graph: {e}"),
            Error::Token(e) => write!(f, "no access token: {e}"),
        }
    }
}

impl ::std::error::Error for Error {
    fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Operation(e) => ::core::option::Option::Some(e),
            Error::Timeout => ::core::option::Option::None,
            Error::Transport(e) => ::core::option::Option::Some(e),
            Error::Token(e) => ::core::option::Option::Some(&**e),
        }
    }
}

impl From<operation::Error> for Error {
    fn from(e: operation::Error) -> Self {
        Error::Operation(e)
    }
}

impl From<BuildError> for Error {
    fn from(e: BuildError) -> Self {
        Error::Operation(operation::Error::Build(e))
    }
}

impl From<::reqwest::Error> for Error {
    fn from(e: ::reqwest::Error) -> Self {
        if e.is_timeout() { Error::Timeout } else { Error::Transport(e) }
    }
}

/// A response as bytes, before decoding.
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: ::std::vec::Vec<u8>,
}

/// Sends operations to one Graph endpoint.
#[derive(Clone, Debug)]
pub struct Client<P> {
    http: ::reqwest::Client,
    base_url: ::std::string::String,
    tokens: P,
    retry: RetryPolicy,
    timeout: ::core::option::Option<Duration>,
}

impl<P: TokenProvider> Client<P> {
    /// A client for `base_url` (`operation::base_url::V1_0`, …); 100 s per request, the
    /// default [`RetryPolicy`].
    pub fn new(base_url: impl Into<::std::string::String>, tokens: P) -> Self {
        Client {
            http: ::reqwest::Client::new(),
            base_url: base_url.into(),
            tokens,
            retry: RetryPolicy::default(),
            timeout: ::core::option::Option::Some(Duration::from_secs(100)),
        }
    }

    /// Use this reqwest client (proxies, TLS settings, connection pools).
    pub fn with_http_client(mut self, http: ::reqwest::Client) -> Self {
        self.http = http;
        self
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Time allowed for each attempt, from connecting to the end of the body; `None`: no limit.
    pub fn with_timeout(mut self, timeout: ::core::option::Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sends the operation (or a [`operation::RequestBuilder`] of it) and decodes the reply.
    pub async fn send<R: IntoRequest>(&self, request: R) -> ::core::result::Result<<R::Operation as Operation>::Output, Error> {
        let request = request.into_request().build(&self.base_url)?;
        let reply = self.execute(&request).await?;
        ::core::result::Result::Ok(R::Operation::decode(reply.status, &reply.headers, &reply.body)?)
    }

    /// Every page of a collection, following `@odata.nextLink` (with the first request's
    /// headers). Ends after the last page or after the first error.
    pub fn pages<R, T>(&self, request: R) -> impl Stream<Item = ::core::result::Result<Page<T>, Error>> + '_
    where
        R: IntoRequest,
        R::Operation: Operation<Output = Page<T>>,
        T: 'static,
    {
        let first = request.into_request().build(&self.base_url).map_err(Error::from);
        let state = ::core::option::Option::Some(first);
        ::futures_util::stream::unfold(state, move |state| async move {
            let request = match state? {
                ::core::result::Result::Ok(request) => request,
                ::core::result::Result::Err(e) => return ::core::option::Option::Some((::core::result::Result::Err(e), ::core::option::Option::None)),
            };
            let page = match self.execute(&request).await {
                ::core::result::Result::Ok(reply) => R::Operation::decode(reply.status, &reply.headers, &reply.body).map_err(Error::from),
                ::core::result::Result::Err(e) => ::core::result::Result::Err(e),
            };
            let next = match &page {
                ::core::result::Result::Ok(page) => page.next_request_after(&request).map(|r| r.map_err(Error::from)),
                ::core::result::Result::Err(_) => ::core::option::Option::None,
            };
            ::core::option::Option::Some((page, next))
        })
    }

    /// Every item of a collection, across pages.
    pub fn items<R, T>(&self, request: R) -> impl Stream<Item = ::core::result::Result<T, Error>> + '_
    where
        R: IntoRequest,
        R::Operation: Operation<Output = Page<T>>,
        T: 'static,
    {
        self.pages(request).flat_map(|page| {
            let items: ::std::vec::Vec<::core::result::Result<T, Error>> = match page {
                ::core::result::Result::Ok(page) => page.value.into_iter().map(::core::result::Result::Ok).collect(),
                ::core::result::Result::Err(e) => ::std::vec![::core::result::Result::Err(e)],
            };
            ::futures_util::stream::iter(items)
        })
    }

    /// Sends `request` with a fresh token, retrying throttling within the policy.
    async fn execute(&self, request: &::http::Request<::std::vec::Vec<u8>>) -> ::core::result::Result<Reply, Error> {
        let mut waited = Duration::ZERO;
        let mut attempt = 0;
        loop {
            let reply = self.attempt(request).await?;
            if operation::is_retryable(reply.status) {
                let retry_after = RetryAfter::from_headers(&reply.headers);
                if let ::core::option::Option::Some(delay) = self.retry.delay(attempt, retry_after, waited) {
                    ::tokio::time::sleep(delay).await;
                    waited += delay;
                    attempt += 1;
                    continue;
                }
            }
            return ::core::result::Result::Ok(reply);
        }
    }

    async fn attempt(&self, request: &::http::Request<::std::vec::Vec<u8>>) -> ::core::result::Result<Reply, Error> {
        let token = self.tokens.token().await.map_err(Error::Token)?;
        let mut copy = ::http::Request::builder().method(request.method().clone()).uri(request.uri().clone());
        for (name, value) in request.headers() {
            copy = copy.header(name, value);
        }
        let bearer = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|e| BuildError(format!("the token is not a header value: {e}")))?;
        let copy = copy.header(AUTHORIZATION, bearer).body(request.body().clone()).map_err(|e| BuildError(e.to_string()))?;
        let mut request = ::reqwest::Request::try_from(copy)?;
        *request.timeout_mut() = self.timeout;
        let response = self.http.execute(request).await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?.to_vec();
        ::core::result::Result::Ok(Reply { status, headers, body })
    }
}
