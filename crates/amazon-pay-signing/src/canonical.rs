//! Canonical request and string to sign.

use crate::Algorithm;
use crate::encoding::{canonical_query_string, canonical_uri, sha256_hex};

/// The canonical header block and the `SignedHeaders` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CanonicalHeaders {
    /// One `name:value\n` line per header, sorted by name.
    pub(crate) lines: String,
    /// The sorted lower-case names joined with `;`.
    pub(crate) signed: String,
}

/// Trims a header value and collapses each inner run of whitespace to one space.
pub(crate) fn normalize_header_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_normalized_value(&mut out, value);
    out
}

/// Appends `value` trimmed, each inner run of whitespace collapsed to one space.
fn push_normalized_value(out: &mut String, value: &str) {
    for (i, word) in value.split_ascii_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Appends `name` in lower case.
fn push_lowercase(out: &mut String, name: &str) {
    out.extend(name.chars().map(|c| c.to_ascii_lowercase()));
}

/// Compares two header names as their lower-case forms compare.
fn cmp_lowercase(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

/// Canonicalises headers: lower-case names, normalised values, bytewise sort by
/// name, repeated names joined with `,` in the order given.
pub(crate) fn canonical_headers<'a, I>(headers: I) -> CanonicalHeaders
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    // Borrowed: the names are lower-cased and the values normalised as they are written.
    let mut entries: Vec<(&str, &str)> = headers
        .into_iter()
        .map(|(name, value)| (name.trim(), value))
        .collect();
    // Stable: repeated headers keep their relative order.
    entries.sort_by(|a, b| cmp_lowercase(a.0, b.0));
    let mut lines = String::with_capacity(entries.len() * 32);
    let mut signed = String::with_capacity(entries.len() * 16);
    let mut previous: Option<&str> = None;
    for &(name, value) in &entries {
        if previous.is_some_and(|p| p.eq_ignore_ascii_case(name)) {
            // Continue the previous line: drop its '\n', append ",value".
            lines.pop();
            lines.push(',');
        } else {
            if previous.is_some() {
                signed.push(';');
            }
            push_lowercase(&mut signed, name);
            push_lowercase(&mut lines, name);
            lines.push(':');
        }
        push_normalized_value(&mut lines, value);
        lines.push('\n');
        previous = Some(name);
    }
    CanonicalHeaders { lines, signed }
}

/// Joins the six parts of a canonical request.
pub(crate) fn assemble(
    method: &str,
    uri: &str,
    query: &str,
    headers: &CanonicalHeaders,
    payload_sha256_hex: &str,
) -> String {
    let mut out = String::with_capacity(
        method.len()
            + uri.len()
            + query.len()
            + headers.lines.len()
            + headers.signed.len()
            + payload_sha256_hex.len()
            + 5,
    );
    for part in [method, "\n", uri, "\n", query, "\n", &headers.lines, "\n"] {
        out.push_str(part);
    }
    out.push_str(&headers.signed);
    out.push('\n');
    out.push_str(payload_sha256_hex);
    out
}

/// Builds the canonical request of a request whose every listed header is signed.
///
/// * `method` is used verbatim;
/// * `path` is the raw (not yet encoded) path; see [`canonical_uri`](crate::canonical_uri);
/// * `query` holds raw (decoded) pairs; see [`canonical_query_string`];
/// * `headers` are the headers to sign, in any order and case;
/// * `body` is the exact body bytes (empty for none).
///
/// ```
/// let canonical = amazon_pay_signing::canonical_request(
///     "GET",
///     "/v2/reports",
///     &[("pageSize", "10")],
///     &[("accept", "application/json"), ("x-amz-pay-region", "na")],
///     b"",
/// );
/// assert_eq!(
///     canonical,
///     "GET\n/v2/reports\npageSize=10\naccept:application/json\nx-amz-pay-region:na\n\n\
///      accept;x-amz-pay-region\n\
///      e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/// );
/// ```
pub fn canonical_request(
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    headers: &[(&str, &str)],
    body: &[u8],
) -> String {
    canonical_request_with_payload_hash(method, path, query, headers, &sha256_hex(body))
}

/// Like [`canonical_request`], for when only the lower-case hex SHA-256 of the body is known.
pub fn canonical_request_with_payload_hash(
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    headers: &[(&str, &str)],
    payload_sha256_hex: &str,
) -> String {
    assemble(
        method,
        &canonical_uri(path),
        &canonical_query_string(query),
        &canonical_headers(headers.iter().copied()),
        payload_sha256_hex,
    )
}

/// The string to sign: the algorithm name, a line feed and the lower-case hex
/// SHA-256 of the canonical request (no trailing line feed).
pub fn string_to_sign(algorithm: Algorithm, canonical_request: &str) -> String {
    string_to_sign_over(algorithm, canonical_request.as_bytes())
}

/// `{algorithm}\n{hex(sha256(bytes))}`: used for requests and button payloads alike.
pub(crate) fn string_to_sign_over(algorithm: Algorithm, bytes: &[u8]) -> String {
    let name = algorithm.as_str();
    let mut out = String::with_capacity(name.len() + 65);
    out.push_str(name);
    out.push('\n');
    out.push_str(&sha256_hex(bytes));
    out
}
