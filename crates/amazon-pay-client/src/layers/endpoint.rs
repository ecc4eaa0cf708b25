//! Endpoint and default headers: turns a relative request (`/v2/charges/C01?x=y`) into an
//! absolute one and adds the headers every request carries.

use std::sync::Arc;
use std::task::{Context, Poll};

use http::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue};
use http::uri::{Authority, PathAndQuery, Scheme};
use http::{HeaderMap, Uri};
use tower_layer::Layer;
use tower_service::Service;

use super::{BoxFuture, HttpRequest, HttpResponse};
use crate::Error;
use crate::headers::{X_AMZ_PAY_HOST, X_AMZ_PAY_REGION, header_value};
use crate::transport::redact_userinfo;

/// Where requests go and the headers every request carries.
///
/// `base_url` is the scheme, authority and optional path prefix, for example
/// `https://pay-api.amazon.eu/sandbox` or `http://127.0.0.1:8080`. The `x-amz-pay-host` header is
/// the host of the base URL without its port.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    scheme: Scheme,
    authority: Authority,
    prefix: String,
    /// Always the endpoint's, whatever the request carries: `accept`, `content-type`,
    /// `x-amz-pay-host`, `x-amz-pay-region`.
    protocol_headers: HeaderMap,
    /// Sent unless the request carries its own.
    default_headers: HeaderMap,
}

impl Endpoint {
    /// An endpoint from a base URL (`http` or `https`, no query) and the `x-amz-pay-region`
    /// value. Sets `accept` and `content-type` to `application/json`, `x-amz-pay-host` and
    /// `x-amz-pay-region`.
    pub(crate) fn new(base_url: &str, region: &str) -> Result<Self, Error> {
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
        let host = authority.host().to_owned();
        let mut protocol_headers = HeaderMap::new();
        let json = HeaderValue::from_static("application/json");
        protocol_headers.insert(ACCEPT, json.clone());
        protocol_headers.insert(CONTENT_TYPE, json);
        protocol_headers.insert(X_AMZ_PAY_HOST, header_value("x-amz-pay-host", &host)?);
        protocol_headers.insert(X_AMZ_PAY_REGION, header_value("x-amz-pay-region", region)?);
        Ok(Endpoint {
            scheme,
            authority,
            prefix,
            protocol_headers,
            default_headers: HeaderMap::new(),
        })
    }

    /// Adds a header sent on every request unless the request already has it. Naming one of the
    /// headers [`Endpoint::new`] sets replaces its value, still sent on every request.
    pub(crate) fn with_default_header(
        mut self,
        name: HeaderName,
        value: &str,
    ) -> Result<Self, Error> {
        let value = header_value(name.as_str(), value)?;
        if self.protocol_headers.contains_key(&name) {
            self.protocol_headers.insert(name, value);
        } else {
            self.default_headers.insert(name, value);
        }
        Ok(self)
    }

    /// The value sent as `x-amz-pay-host`.
    pub(crate) fn host(&self) -> &str {
        self.authority.host()
    }

    /// The absolute URI of a relative path and query.
    pub(crate) fn resolve(&self, relative: &Uri) -> Result<Uri, Error> {
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
pub(crate) struct EndpointLayer {
    endpoint: Arc<Endpoint>,
}

impl EndpointLayer {
    /// A layer sending every request to `endpoint`.
    pub(crate) fn new(endpoint: Endpoint) -> Self {
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
pub(crate) struct EndpointService<S> {
    inner: S,
    endpoint: Arc<Endpoint>,
}

impl<S> Service<HttpRequest> for EndpointService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error>,
    S::Future: Send + 'static,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = BoxFuture<HttpResponse>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: HttpRequest) -> Self::Future {
        let uri = match self.endpoint.resolve(req.uri()) {
            Ok(uri) => uri,
            Err(err) => return Box::pin(async move { Err(err) }),
        };
        *req.uri_mut() = uri;
        let headers = req.headers_mut();
        for (name, value) in &self.endpoint.protocol_headers {
            headers.insert(name, value.clone());
        }
        for (name, value) in &self.endpoint.default_headers {
            headers.entry(name).or_insert_with(|| value.clone());
        }
        Box::pin(self.inner.call(req))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::testing::{Recorder, request};
    use tower::ServiceExt;

    #[tokio::test]
    async fn joins_base_url_and_sets_headers() {
        let recorder = Recorder::new();
        let endpoint = Endpoint::new("https://pay-api.amazon.eu/sandbox/", "eu")
            .unwrap()
            .with_default_header(HeaderName::from_static("user-agent"), "ua/1")
            .unwrap();
        let svc = EndpointLayer::new(endpoint).layer(recorder.clone());
        let mut req = request("GET", "/v2/charges/C01?a=b");
        req.headers_mut()
            .insert("user-agent", HeaderValue::from_static("mine"));
        req.headers_mut()
            .insert("x-amz-pay-host", HeaderValue::from_static("evil.example"));
        svc.oneshot(req).await.unwrap();
        let seen = &recorder.requests()[0];
        assert_eq!(
            seen.uri().to_string(),
            "https://pay-api.amazon.eu/sandbox/v2/charges/C01?a=b"
        );
        assert_eq!(seen.headers()["x-amz-pay-host"], "pay-api.amazon.eu");
        assert_eq!(seen.headers()["x-amz-pay-region"], "eu");
        assert_eq!(seen.headers()["accept"], "application/json");
        assert_eq!(seen.headers()["content-type"], "application/json");
        assert_eq!(seen.headers()["user-agent"], "mine");
    }

    #[tokio::test]
    async fn without_a_prefix_the_path_is_kept_and_protocol_headers_stay_forced() {
        let recorder = Recorder::new();
        let endpoint = Endpoint::new("http://127.0.0.1:8443/", "na")
            .unwrap()
            .with_default_header(ACCEPT, "application/json; charset=utf-8")
            .unwrap();
        let svc = EndpointLayer::new(endpoint).layer(recorder.clone());
        let mut req = request("GET", "/v2/charges/C01?a=b%20c");
        req.headers_mut()
            .insert(ACCEPT, HeaderValue::from_static("text/plain"));
        svc.oneshot(req).await.unwrap();
        let seen = &recorder.requests()[0];
        assert_eq!(
            seen.uri().to_string(),
            "http://127.0.0.1:8443/v2/charges/C01?a=b%20c"
        );
        assert_eq!(seen.headers()["accept"], "application/json; charset=utf-8");
        assert_eq!(seen.headers()["x-amz-pay-host"], "127.0.0.1");
        assert!(!seen.headers().contains_key("user-agent"));
    }

    #[test]
    fn host_header_drops_the_port() {
        let endpoint = Endpoint::new("http://127.0.0.1:8443", "na").unwrap();
        assert_eq!(endpoint.host(), "127.0.0.1");
        let uri = endpoint.resolve(&Uri::from_static("/v2/x")).unwrap();
        assert_eq!(uri, "http://127.0.0.1:8443/v2/x");
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
            let err = Endpoint::new(bad, "na").unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Config, "{bad}");
        }
    }
}
