//! Endpoint and default headers: turns a relative request (`/v2/charges/C01?x=y`) into an
//! absolute one and adds the client's default headers (user agent, integrator headers). The
//! protocol headers (`accept`, `content-type`, `x-amz-pay-host`, `x-amz-pay-region`,
//! `x-amz-pay-date`, `authorization`) are set in one place: the sign layer, with the values it
//! signs.

use std::sync::Arc;
use std::task::{Context, Poll};

use http::header::HeaderName;
use http::uri::{Authority, PathAndQuery, Scheme};
use http::{HeaderMap, Uri};
use tower_layer::Layer;
use tower_service::Service;

use super::{HttpRequest, HttpResponse, ReadyOr};
use crate::Error;
use crate::headers::{header_value, is_reserved};
use crate::transport::redact_userinfo;

/// Where requests go and the default headers every request carries.
///
/// `base_url` is the scheme, authority and optional path prefix, for example
/// `https://pay-api.amazon.eu/sandbox` or `http://127.0.0.1:8080`. The `x-amz-pay-host` value
/// the sign layer signs is [`host`](Endpoint::host): the host of the base URL without its port.
#[derive(Debug, Clone)]
pub struct Endpoint {
    scheme: Scheme,
    authority: Authority,
    prefix: String,
    /// Sent unless the request carries its own.
    default_headers: HeaderMap,
}

impl Endpoint {
    /// An endpoint from a base URL (`http` or `https`, no query).
    pub fn new(base_url: &str) -> Result<Self, Error> {
        let uri: Uri = base_url.parse().map_err(|_| {
            Error::config(format!("invalid base URL `{}`", redact_userinfo(base_url)))
        })?;
        let scheme = uri
            .scheme()
            .filter(|s| **s == Scheme::HTTP || **s == Scheme::HTTPS)
            .cloned()
            .ok_or_else(|| Error::config("the base URL must start with http:// or https://"))?;
        let authority = uri
            .authority()
            .cloned()
            .ok_or_else(|| Error::config("the base URL has no host"))?;
        if authority.as_str().contains('@') {
            return Err(Error::config("the base URL must not carry credentials"));
        }
        if uri.query().is_some() {
            return Err(Error::config("the base URL must not have a query"));
        }
        let prefix = uri.path().trim_end_matches('/').to_owned();
        Ok(Endpoint {
            scheme,
            authority,
            prefix,
            default_headers: HeaderMap::new(),
        })
    }

    /// Adds a header sent on every request unless the request already has it. The headers the
    /// client sets itself (`accept`, `content-type`, `authorization`, `host`,
    /// `x-amz-pay-date`, `x-amz-pay-host`, `x-amz-pay-region`, ...) are refused: the sign layer
    /// sets them to the values it signs.
    pub fn with_default_header(mut self, name: HeaderName, value: &str) -> Result<Self, Error> {
        if is_reserved(&name) {
            return Err(Error::config(format!(
                "the header `{name}` is set by the client and cannot be a default header"
            )));
        }
        let value = header_value(name.as_str(), value)?;
        self.default_headers.insert(name, value);
        Ok(self)
    }

    /// The host of the base URL without its port: the value signed and sent as
    /// `x-amz-pay-host`.
    pub fn host(&self) -> &str {
        self.authority.host()
    }

    /// The base URL, for example `https://pay-api.amazon.com/live`.
    pub fn base_url(&self) -> String {
        format!("{}://{}{}", self.scheme, self.authority, self.prefix)
    }

    /// The absolute URI of a relative path and query.
    pub fn resolve(&self, relative: &Uri) -> Result<Uri, Error> {
        let path_and_query = relative.path_and_query();
        let relative_str = path_and_query.map_or("/", PathAndQuery::as_str);
        if !relative_str.starts_with('/') {
            return Err(Error::invalid_input("the request path must start with `/`"));
        }
        let joined = match path_and_query {
            // Already parsed and checked: without a prefix there is nothing to join.
            Some(path_and_query) if self.prefix.is_empty() => path_and_query.clone(),
            _ => format!("{}{relative_str}", self.prefix)
                .parse()
                .map_err(|_| Error::invalid_input("the request path is not a valid URI path"))?,
        };
        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(self.authority.clone())
            .path_and_query(joined)
            .build()
            .map_err(|_| Error::invalid_input("the request URI is invalid"))
    }
}

/// [`Layer`] that applies an [`Endpoint`] to every request.
#[derive(Debug, Clone)]
pub struct EndpointLayer {
    endpoint: Arc<Endpoint>,
}

impl EndpointLayer {
    /// A layer sending every request to `endpoint`.
    pub fn new(endpoint: Endpoint) -> Self {
        EndpointLayer {
            endpoint: Arc::new(endpoint),
        }
    }
}

impl<S> Layer<S> for EndpointLayer {
    type Service = EndpointService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        EndpointService {
            inner,
            endpoint: Arc::clone(&self.endpoint),
        }
    }
}

/// The service of [`EndpointLayer`].
#[derive(Debug, Clone)]
pub struct EndpointService<S> {
    inner: S,
    endpoint: Arc<Endpoint>,
}

impl<S> Service<HttpRequest> for EndpointService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error>,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = ReadyOr<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: HttpRequest) -> Self::Future {
        let uri = match self.endpoint.resolve(req.uri()) {
            Ok(uri) => uri,
            Err(err) => return ReadyOr::refused(err),
        };
        *req.uri_mut() = uri;
        let headers = req.headers_mut();
        for (name, value) in &self.endpoint.default_headers {
            headers.entry(name).or_insert_with(|| value.clone());
        }
        ReadyOr::inner(self.inner.call(req))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::testing::{Recorder, request};
    use http::HeaderValue;
    use http::header::{ACCEPT, CONTENT_TYPE};
    use tower::ServiceExt;

    #[tokio::test]
    async fn joins_base_url_and_sets_headers() {
        let recorder = Recorder::new();
        let endpoint = Endpoint::new("https://pay-api.amazon.eu/sandbox/")
            .unwrap()
            .with_default_header(HeaderName::from_static("user-agent"), "ua/1")
            .unwrap()
            .with_default_header(HeaderName::from_static("x-amz-pay-platform-version"), "7")
            .unwrap();
        let svc = EndpointLayer::new(endpoint).layer(recorder.clone());
        let mut req = request("GET", "/v2/charges/C01?a=b");
        req.headers_mut()
            .insert("user-agent", HeaderValue::from_static("mine"));
        svc.oneshot(req).await.unwrap();
        let seen = &recorder.requests()[0];
        assert_eq!(
            seen.uri().to_string(),
            "https://pay-api.amazon.eu/sandbox/v2/charges/C01?a=b"
        );
        assert_eq!(seen.headers()["user-agent"], "mine");
        assert_eq!(seen.headers()["x-amz-pay-platform-version"], "7");
        // The protocol headers are the sign layer's (tests/operations.rs sees them on the wire).
        for name in [
            "accept",
            "content-type",
            "x-amz-pay-host",
            "x-amz-pay-region",
        ] {
            assert!(!seen.headers().contains_key(name), "{name}");
        }
    }

    #[tokio::test]
    async fn without_a_prefix_the_path_is_kept() {
        let recorder = Recorder::new();
        let endpoint = Endpoint::new("http://127.0.0.1:8443/").unwrap();
        let svc = EndpointLayer::new(endpoint).layer(recorder.clone());
        svc.oneshot(request("GET", "/v2/charges/C01?a=b%20c"))
            .await
            .unwrap();
        let seen = &recorder.requests()[0];
        assert_eq!(
            seen.uri().to_string(),
            "http://127.0.0.1:8443/v2/charges/C01?a=b%20c"
        );
        assert!(!seen.headers().contains_key("user-agent"));
    }

    #[test]
    fn protocol_headers_cannot_be_defaults() {
        for name in [
            ACCEPT,
            CONTENT_TYPE,
            HeaderName::from_static("x-amz-pay-host"),
        ] {
            let err = Endpoint::new("http://127.0.0.1:8443/")
                .unwrap()
                .with_default_header(name.clone(), "application/json; charset=utf-8")
                .unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Config, "{name}");
        }
    }

    #[test]
    fn host_header_drops_the_port() {
        let endpoint = Endpoint::new("http://127.0.0.1:8443").unwrap();
        assert_eq!(endpoint.host(), "127.0.0.1");
        assert_eq!(endpoint.base_url(), "http://127.0.0.1:8443");
    }

    #[test]
    fn rejects_bad_base_urls() {
        for bad in [
            "ftp://x",
            "pay-api.amazon.com",
            "https://u:p@x",
            "https://x/?q=1",
            "",
        ] {
            let err = Endpoint::new(bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Config, "{bad}");
        }
    }
}
