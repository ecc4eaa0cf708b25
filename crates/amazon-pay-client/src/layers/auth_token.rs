//! The default delegated authorization token of a solution provider.

use std::task::{Context, Poll};

use http::HeaderValue;
use tower_layer::Layer;
use tower_service::Service;

use super::{HttpRequest, HttpResponse};
use crate::Error;
use crate::headers::{X_AMZ_PAY_AUTHTOKEN, sensitive_header_value};

/// [`Layer`] adding `x-amz-pay-authtoken` to every request that has none.
///
/// A token given for one call (already on the request) wins over this default. The value is
/// marked sensitive: `Debug` of the request never shows it.
#[derive(Clone)]
pub(crate) struct AuthTokenLayer {
    token: Option<HeaderValue>,
}

impl std::fmt::Debug for AuthTokenLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthTokenLayer")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl AuthTokenLayer {
    /// A layer adding `token`, or doing nothing when `token` is `None`.
    pub(crate) fn new(token: Option<&str>) -> Result<Self, Error> {
        let token = token
            .map(|t| sensitive_header_value("x-amz-pay-authtoken", t))
            .transpose()?;
        Ok(AuthTokenLayer { token })
    }
}

impl<S> Layer<S> for AuthTokenLayer {
    type Service = AuthTokenService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        AuthTokenService {
            inner,
            token: self.token.clone(),
        }
    }
}

/// The service of [`AuthTokenLayer`].
#[derive(Clone)]
pub(crate) struct AuthTokenService<S> {
    inner: S,
    token: Option<HeaderValue>,
}

impl<S> std::fmt::Debug for AuthTokenService<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthTokenService").finish_non_exhaustive()
    }
}

impl<S> Service<HttpRequest> for AuthTokenService<S>
where
    S: Service<HttpRequest, Response = HttpResponse, Error = Error>,
{
    type Response = HttpResponse;
    type Error = Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: HttpRequest) -> Self::Future {
        if let Some(token) = &self.token {
            let headers = req.headers_mut();
            if !headers.contains_key(X_AMZ_PAY_AUTHTOKEN) {
                headers.insert(X_AMZ_PAY_AUTHTOKEN, token.clone());
            }
        }
        self.inner.call(req)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::testing::{Recorder, request};
    use tower::ServiceExt;

    #[tokio::test]
    async fn adds_the_default_and_keeps_a_per_call_token() {
        let recorder = Recorder::new();
        let layer = AuthTokenLayer::new(Some("default-token")).unwrap();
        assert!(!format!("{layer:?}").contains("default-token"));
        let svc = layer.layer(recorder.clone());
        svc.clone().oneshot(request("GET", "/a")).await.unwrap();
        let mut own = request("GET", "/b");
        own.headers_mut()
            .insert(X_AMZ_PAY_AUTHTOKEN, HeaderValue::from_static("mine"));
        svc.oneshot(own).await.unwrap();
        let seen = recorder.requests();
        assert_eq!(seen[0].headers()[X_AMZ_PAY_AUTHTOKEN], "default-token");
        assert!(seen[0].headers()[X_AMZ_PAY_AUTHTOKEN].is_sensitive());
        assert_eq!(seen[1].headers()[X_AMZ_PAY_AUTHTOKEN], "mine");
    }

    #[tokio::test]
    async fn without_a_token_nothing_is_added() {
        let recorder = Recorder::new();
        let svc = AuthTokenLayer::new(None).unwrap().layer(recorder.clone());
        svc.oneshot(request("GET", "/a")).await.unwrap();
        assert!(
            !recorder.requests()[0]
                .headers()
                .contains_key(X_AMZ_PAY_AUTHTOKEN)
        );
    }

    #[test]
    fn refuses_a_token_with_a_newline() {
        assert_eq!(
            AuthTokenLayer::new(Some("a\nb")).unwrap_err().kind(),
            crate::ErrorKind::InvalidInput
        );
    }
}
