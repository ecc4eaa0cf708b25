//! An HTTP proxy: every connection to the API goes through an HTTP `CONNECT` tunnel, then TLS.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use base64::Engine as _;
use http::{HeaderValue, Uri};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tower_service::Service;

use crate::Error;

/// `url` with its user information (`user:password@`) replaced by `<redacted>@`, for `Debug`
/// output and error messages. Works on text that does not parse as a URL: everything between
/// the scheme (if any) and the last `@` is hidden, so a password holding `/`, `?` or `#` does
/// not leak either.
pub(crate) fn redact_userinfo(url: &str) -> String {
    let start = url.find("://").map_or(0, |scheme_end| scheme_end + 3);
    match url[start..].rfind('@') {
        Some(at) => format!("{}<redacted>{}", &url[..start], &url[start + at..]),
        None => url.to_owned(),
    }
}

/// A proxy configuration: `http://host:port`, optional Basic credentials, an optional
/// `NO_PROXY`-style list of hosts to reach directly.
#[derive(Clone)]
pub struct Proxy {
    uri: Uri,
    auth: Option<HeaderValue>,
    no_proxy: String,
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proxy")
            .field("uri", &self.uri.to_string())
            .field("credentials", &self.auth.as_ref().map(|_| "<redacted>"))
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

impl Proxy {
    /// A proxy at `url`, which must be `http://host:port` (credentials in the URL are accepted
    /// and percent-decoded).
    pub fn http(url: &str) -> Result<Self, Error> {
        let invalid = || Error::config("the proxy must be given as http://host:port");
        let uri: Uri = url.trim().parse().map_err(|_| invalid())?;
        if uri.scheme_str() != Some("http") {
            return Err(Error::config(
                "only http:// proxies are supported (HTTPS goes through them with CONNECT)",
            ));
        }
        let authority = uri.authority().ok_or_else(invalid)?;
        let (userinfo, host_port) = match authority.as_str().rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority.as_str()),
        };
        if host_port.is_empty() {
            return Err(invalid());
        }
        let port = if authority.port_u16().is_some() {
            String::new()
        } else {
            ":80".to_owned()
        };
        let bare: Uri = format!("http://{host_port}{port}")
            .parse()
            .map_err(|_| invalid())?;
        let mut proxy = Proxy {
            uri: bare,
            auth: None,
            no_proxy: String::new(),
        };
        if let Some(userinfo) = userinfo {
            let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8()
                    .map(|s| s.into_owned())
                    .map_err(|_| Error::config("the proxy credentials are not valid UTF-8"))
            };
            proxy = proxy.basic_auth(&decode(user)?, &decode(password)?)?;
        }
        Ok(proxy)
    }

    /// The proxy of the environment: `HTTPS_PROXY` (or `https_proxy`, `ALL_PROXY`, `all_proxy`)
    /// and `NO_PROXY` (or `no_proxy`). `Ok(None)` when no proxy variable is set.
    pub fn from_env() -> Result<Option<Self>, Error> {
        let var = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
        };
        let Some(url) = var(&["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]) else {
            return Ok(None);
        };
        let proxy = Proxy::http(&url)?;
        Ok(Some(match var(&["NO_PROXY", "no_proxy"]) {
            Some(list) => proxy.no_proxy(&list),
            None => proxy,
        }))
    }

    /// Sends `Proxy-Authorization: Basic ...` with `user` and `password`.
    pub fn basic_auth(mut self, user: &str, password: &str) -> Result<Self, Error> {
        if user.contains(':') {
            return Err(Error::config("a proxy user name cannot contain `:`"));
        }
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        let mut value = HeaderValue::from_str(&format!("Basic {token}"))
            .map_err(|_| Error::config("the proxy credentials are invalid"))?;
        value.set_sensitive(true);
        self.auth = Some(value);
        Ok(self)
    }

    /// Hosts reached directly: a comma-separated list of domains (matching subdomains too),
    /// IP addresses, CIDR ranges, or `*`.
    pub fn no_proxy(mut self, list: &str) -> Self {
        self.no_proxy = list.to_owned();
        self
    }

    /// The proxy address (without credentials).
    pub fn uri(&self) -> &Uri {
        &self.uri
    }
}

#[cfg(test)]
mod redaction_tests {
    use super::redact_userinfo;

    #[test]
    fn user_information_is_hidden_whatever_it_holds() {
        for (url, shown) in [
            (
                "http://user:pass@proxy:3128",
                "http://<redacted>@proxy:3128",
            ),
            ("http://user@proxy:3128", "http://<redacted>@proxy:3128"),
            (
                "http://u:p/a?b#c@proxy:3128",
                "http://<redacted>@proxy:3128",
            ),
            ("user:pass@proxy:3128", "<redacted>@proxy:3128"),
            ("http://proxy:3128", "http://proxy:3128"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(redact_userinfo(url), shown, "{url}");
        }
    }
}

/// The TCP connector under TLS: direct, or through a [`Proxy`].
#[derive(Clone)]
pub(crate) struct Connector {
    http: HttpConnector,
    proxy: Option<ProxyRoute>,
}

#[derive(Clone)]
struct ProxyRoute {
    proxy: Proxy,
    matcher: std::sync::Arc<Matcher>,
}

impl fmt::Debug for Connector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connector")
            .field("proxy", &self.proxy.as_ref().map(|p| &p.proxy))
            .finish()
    }
}

impl Connector {
    /// A connector using `http` for TCP and, when given, tunnelling through `proxy`.
    pub(crate) fn new(mut http: HttpConnector, proxy: Option<Proxy>) -> Self {
        http.enforce_http(false);
        let proxy = proxy.map(|proxy| {
            let matcher = Matcher::builder()
                .all(proxy.uri.to_string())
                .no(proxy.no_proxy.clone())
                .build();
            ProxyRoute {
                proxy,
                matcher: std::sync::Arc::new(matcher),
            }
        });
        Connector { http, proxy }
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl Service<Uri> for Connector {
    type Response = TokioIo<TcpStream>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.http.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let route = self
            .proxy
            .as_ref()
            .filter(|route| route.matcher.intercept(&dst).is_some());
        match route {
            Some(route) => {
                let mut tunnel = Tunnel::new(route.proxy.uri.clone(), self.http.clone());
                if let Some(auth) = &route.proxy.auth {
                    tunnel = tunnel.with_auth(auth.clone());
                }
                let dst = with_default_port(dst);
                Box::pin(async move {
                    std::future::poll_fn(|cx| tunnel.poll_ready(cx)).await?;
                    Ok(tunnel.call(dst).await?)
                })
            }
            None => {
                let fut = self.http.call(dst);
                Box::pin(async move { Ok(fut.await?) })
            }
        }
    }
}

/// CONNECT needs an explicit port: 80 for http, 443 for https.
fn with_default_port(dst: Uri) -> Uri {
    if dst.port().is_some() {
        return dst;
    }
    let port = if dst.scheme_str() == Some("http") {
        80
    } else {
        443
    };
    let Some(host) = dst.host() else { return dst };
    let authority = format!("{host}:{port}");
    let mut parts = dst.clone().into_parts();
    match authority.parse() {
        Ok(authority) => {
            parts.authority = Some(authority);
            Uri::from_parts(parts).unwrap_or(dst)
        }
        Err(_) => dst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proxy_urls() {
        let p = Proxy::http("http://proxy.local:3128").unwrap();
        assert_eq!(p.uri().to_string(), "http://proxy.local:3128/");
        assert!(p.auth.is_none());
        let p = Proxy::http("http://us%40er:p%3Ass@proxy.local").unwrap();
        assert_eq!(p.uri().to_string(), "http://proxy.local:80/");
        let expected = base64::engine::general_purpose::STANDARD.encode("us@er:p:ss");
        assert_eq!(p.auth.as_ref().unwrap(), &format!("Basic {expected}"));
        assert!(p.auth.as_ref().unwrap().is_sensitive());
    }

    #[test]
    fn refuses_other_schemes_and_garbage() {
        for bad in [
            "https://proxy:1",
            "socks5://proxy:1",
            "proxy:3128",
            "",
            "http://",
        ] {
            assert_eq!(
                Proxy::http(bad).unwrap_err().kind(),
                crate::ErrorKind::Config,
                "{bad}"
            );
        }
    }

    #[test]
    fn debug_hides_credentials() {
        let p = Proxy::http("http://proxy:1")
            .unwrap()
            .basic_auth("alice", "hunter2")
            .unwrap();
        let shown = format!("{p:?}");
        assert!(!shown.contains("hunter2"));
        assert!(
            !shown.contains(&base64::engine::general_purpose::STANDARD.encode("alice:hunter2"))
        );
    }

    #[test]
    fn default_ports_for_connect() {
        assert_eq!(
            with_default_port("https://pay-api.amazon.com/v2".parse().unwrap()).to_string(),
            "https://pay-api.amazon.com:443/v2"
        );
        assert_eq!(
            with_default_port("http://127.0.0.1:8080/".parse().unwrap()).to_string(),
            "http://127.0.0.1:8080/"
        );
    }

    #[test]
    fn no_proxy_hosts_bypass() {
        let c = Connector::new(
            HttpConnector::new(),
            Some(
                Proxy::http("http://proxy:1")
                    .unwrap()
                    .no_proxy("localhost, 127.0.0.1"),
            ),
        );
        let route = c.proxy.as_ref().unwrap();
        assert!(
            route
                .matcher
                .intercept(&"https://127.0.0.1:9/".parse().unwrap())
                .is_none()
        );
        assert!(
            route
                .matcher
                .intercept(&"https://pay-api.amazon.eu/".parse().unwrap())
                .is_some()
        );
    }
}
