//! A small stand-in for the buyer's browser: GET a page, POST a form, read the redirect.
//! Plain HTTP only (the emulator's pages); redirects are returned, not followed, so each hop
//! can be printed.

use std::time::Duration;

use anyhow::{Context as _, bail};
use bytes::Bytes;
use http::{Method, Request, StatusCode, header};
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// How long one page load may take.
const PAGE_TIMEOUT: Duration = Duration::from_secs(10);

/// The answer to one page load.
#[derive(Debug, Clone)]
pub struct Page {
    /// The status.
    pub status: StatusCode,
    /// The `Location` of a redirect.
    pub location: Option<String>,
    /// The body as text.
    pub body: String,
}

impl Page {
    /// The redirect target, or an error naming the status and the start of the body.
    pub fn redirect(&self) -> anyhow::Result<&str> {
        match (&self.location, self.status.is_redirection()) {
            (Some(location), true) => Ok(location),
            _ => bail!(
                "expected a redirect, got {}: {}",
                self.status,
                self.body.chars().take(300).collect::<String>()
            ),
        }
    }

    /// The text of the page's `<title>`, if any.
    pub fn title(&self) -> Option<&str> {
        let start = self.body.find("<title>")? + "<title>".len();
        let end = self.body[start..].find("</title>")? + start;
        Some(self.body[start..end].trim())
    }
}

/// The browser.
#[derive(Debug, Clone)]
pub struct Browser {
    http: HttpClient<HttpConnector, Full<Bytes>>,
}

impl Default for Browser {
    fn default() -> Self {
        Browser::new()
    }
}

impl Browser {
    /// A browser with a fresh connection pool.
    pub fn new() -> Self {
        Browser {
            http: HttpClient::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// `GET url`.
    pub async fn get(&self, url: &str) -> anyhow::Result<Page> {
        self.load(Method::GET, url, None).await
    }

    /// `POST url` with an `application/x-www-form-urlencoded` body of `fields`.
    pub async fn post_form(&self, url: &str, fields: &[(&str, &str)]) -> anyhow::Result<Page> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.load(Method::POST, url, Some(body)).await
    }

    async fn load(&self, method: Method, url: &str, form: Option<String>) -> anyhow::Result<Page> {
        let mut request = Request::builder().method(method.clone()).uri(url);
        if form.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        let request = request
            .body(Full::new(Bytes::from(form.unwrap_or_default())))
            .with_context(|| format!("building {method} {url}"))?;
        let load = async {
            let response = self.http.request(request).await?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await?.to_bytes();
            anyhow::Ok((parts, body))
        };
        let (parts, body) = tokio::time::timeout(PAGE_TIMEOUT, load)
            .await
            .with_context(|| format!("{method} {url} timed out"))?
            .with_context(|| format!("{method} {url}"))?;
        Ok(Page {
            status: parts.status,
            location: parts
                .headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }
}

/// The value of query parameter `name` in `url`.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    parsed
        .query_pairs()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_query_parameters_and_titles() {
        let url = "https://shop.example/result?x=1&amazonCheckoutSessionId=abc%2D1";
        assert_eq!(
            query_param(url, "amazonCheckoutSessionId").as_deref(),
            Some("abc-1")
        );
        assert_eq!(query_param(url, "missing"), None);
        assert_eq!(query_param("not a url", "x"), None);

        let page = Page {
            status: StatusCode::OK,
            location: None,
            body: "<html><head><title> Checkout </title></head></html>".to_owned(),
        };
        assert_eq!(page.title(), Some("Checkout"));
        assert!(page.redirect().is_err());
        let moved = Page {
            status: StatusCode::SEE_OTHER,
            location: Some("https://shop.example/".to_owned()),
            body: String::new(),
        };
        assert_eq!(moved.redirect().unwrap(), "https://shop.example/");
    }
}
