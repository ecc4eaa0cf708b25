//! The request arguments `sign`, `call` and `explain` share: method, path with query, body file,
//! headers.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use percent_encoding::percent_decode_str;

/// A request given on the command line.
#[derive(Debug, clap::Args)]
pub(crate) struct RequestArgs {
    /// GET, POST, PATCH, PUT or DELETE.
    pub(crate) method: String,
    /// The API path with its query, for example `/v2/checkoutSessions` or
    /// `/v2/reports?reportTypes=_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_`.
    pub(crate) path: String,
    /// A file whose exact bytes are the body.
    #[arg(long, value_name = "FILE")]
    pub(crate) body: Option<PathBuf>,
    /// A header `name: value` (repeatable); `x-amz-pay-*` headers are signed.
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub(crate) headers: Vec<String>,
}

/// A parsed [`RequestArgs`].
#[derive(Debug)]
pub(crate) struct ApiRequest {
    /// The upper-case method.
    pub(crate) method: String,
    /// The path as written (still percent-encoded), without the query.
    pub(crate) path: String,
    /// The query as written, without `?` (may be empty).
    pub(crate) query: String,
    /// Headers as given: names lower-cased, values untouched.
    pub(crate) headers: Vec<(String, String)>,
    /// The body bytes.
    pub(crate) body: Vec<u8>,
}

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

impl RequestArgs {
    /// Reads the body and checks the method, path and headers.
    pub(crate) fn parse(&self) -> anyhow::Result<ApiRequest> {
        let method = self.method.to_ascii_uppercase();
        if !METHODS.contains(&method.as_str()) {
            bail!(
                "the method `{}` is not one the API uses ({})",
                self.method,
                METHODS.join(", ")
            );
        }
        if !self.path.starts_with('/') {
            bail!(
                "the path `{}` must start with `/` (for example /v2/checkoutSessions)",
                self.path
            );
        }
        let (path, query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let headers = self
            .headers
            .iter()
            .map(|h| parse_header(h))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let body = match &self.body {
            Some(file) => std::fs::read(file)
                .with_context(|| format!("reading the body {}", file.display()))?,
            None => Vec::new(),
        };
        Ok(ApiRequest {
            method,
            path: path.to_owned(),
            query: query.to_owned(),
            headers,
            body,
        })
    }
}

/// `name: value` to a lower-case name and the value as given after the colon (one leading
/// space, as curl writes it, removed).
pub(crate) fn parse_header(text: &str) -> anyhow::Result<(String, String)> {
    let (name, value) = text
        .split_once(':')
        .with_context(|| format!("the header `{text}` is not `name: value`"))?;
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
        bail!("the header name `{name}` is not valid");
    }
    if value.bytes().any(|b| b == b'\r' || b == b'\n') {
        bail!("the value of the header {name} contains a line break");
    }
    let value = value.strip_prefix(' ').unwrap_or(value);
    Ok((name.to_ascii_lowercase(), value.to_owned()))
}

impl ApiRequest {
    /// The path decoded (`%XX` escapes resolved), as the signer takes it.
    pub(crate) fn decoded_path(&self) -> anyhow::Result<String> {
        decode(&self.path, "the path")
    }

    /// The query pairs decoded as the service decodes them: `%XX` escapes resolved, `+` kept.
    pub(crate) fn decoded_query(&self) -> anyhow::Result<Vec<(String, String)>> {
        decode_query(&self.query)
    }
}

/// Decodes a query string into pairs, `+` kept as a plus sign.
pub(crate) fn decode_query(query: &str) -> anyhow::Result<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((
                decode(name, "a query name")?,
                decode(value, "a query value")?,
            ))
        })
        .collect()
}

fn decode(text: &str, what: &str) -> anyhow::Result<String> {
    percent_decode_str(text)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| anyhow::anyhow!("{what} `{text}` does not decode to UTF-8"))
}

/// Pairs borrowed, for the signing crate.
pub(crate) fn borrow_pairs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect()
}
