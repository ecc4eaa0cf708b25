//! RFC 3986 percent-encoding and decoding (on the `percent-encoding` crate) and the hex of a
//! SHA-256 digest, for the canonical request.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, percent_encode};

/// What is encoded: every byte but the RFC 3986 unreserved set `A-Z a-z 0-9 - _ . ~`
/// (`percent-encoding` always writes upper-case hex).
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Appends `bytes` to `out`, percent-encoding everything but the unreserved set
/// with upper-case hex.
fn percent_encode_into(out: &mut String, bytes: &[u8]) {
    out.extend(percent_encode(bytes, NOT_UNRESERVED));
}

/// Percent-encodes one path segment (or query name or value): every UTF-8 byte
/// except `A-Z a-z 0-9 - _ . ~` becomes `%XX` with upper-case hex, `/` included.
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    percent_encode_into(&mut out, segment.as_bytes());
    out
}

/// The canonical URI of a raw (not yet encoded) path: runs of `/` collapse to
/// one, each segment is percent-encoded, a trailing slash is kept and an empty
/// path becomes `/`.
pub fn canonical_uri(path: &str) -> String {
    canonical_uri_from_segments(path.split('/').map(str::as_bytes), path.ends_with('/'))
}

/// Builds the canonical URI from decoded segments (empty ones are dropped).
pub(crate) fn canonical_uri_from_segments<'a, I>(segments: I, trailing_slash: bool) -> String
where
    I: IntoIterator<Item = &'a [u8]>,
{
    let mut out = String::with_capacity(64);
    for segment in segments.into_iter().filter(|s| !s.is_empty()) {
        out.push('/');
        percent_encode_into(&mut out, segment);
    }
    if out.is_empty() || trailing_slash {
        out.push('/');
    }
    out
}

/// The canonical query string of raw (decoded) pairs: names and values
/// percent-encoded (RFC 3986, upper-case hex, space as `%20`), sorted by encoded
/// name then encoded value, repeated names kept, joined as `name=value` with `&`.
///
/// This exact string is also what goes on the wire after `?`.
pub fn canonical_query_string(query: &[(&str, &str)]) -> String {
    canonical_query_from_bytes(query.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes())))
}

/// Canonical query from decoded byte pairs.
pub(crate) fn canonical_query_from_bytes<'a, I>(pairs: I) -> String
where
    I: IntoIterator<Item = (&'a [u8], &'a [u8])>,
{
    let mut encoded: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(name, value)| {
            let mut n = String::with_capacity(name.len());
            percent_encode_into(&mut n, name);
            let mut v = String::with_capacity(value.len());
            percent_encode_into(&mut v, value);
            (n, v)
        })
        .collect();
    encoded.sort_unstable();
    let mut out = String::new();
    for (i, (name, value)) in encoded.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// Decodes `%XX` escapes (either hex case); `+` stays `+`. `None` when a `%` is not followed by
/// two hex digits (`percent-encoding` would keep such a `%` as it is).
fn percent_decode(input: &str) -> Option<Cow<'_, [u8]>> {
    let well_formed = input.split('%').skip(1).all(|escape| {
        escape
            .as_bytes()
            .get(..2)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    well_formed.then(|| percent_decode_str(input).into())
}

/// The decoded segments of a received (percent-encoded) path, empty ones included; `None` for
/// a malformed escape.
pub(crate) fn decode_path(path: &str) -> Option<Vec<Cow<'_, [u8]>>> {
    path.split('/').map(percent_decode).collect()
}

/// The decoded name and value pairs of a received query string (`name=value` joined by `&`, a
/// missing `=` meaning an empty value); `None` for a malformed escape.
pub(crate) fn decode_query(query: &str) -> Option<DecodedPairs<'_>> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((percent_decode(name)?, percent_decode(value)?))
        })
        .collect()
}

/// Decoded query pairs, borrowing from the query when it had no escape.
pub(crate) type DecodedPairs<'a> = Vec<(Cow<'a, [u8]>, Cow<'a, [u8]>)>;

/// Lower-case hex SHA-256 of `bytes`. Two nibble look-ups per byte: a hex crate would add a
/// dependency to save these few lines.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    sha2::Sha256::digest(bytes)
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0x0f)]])
        .map(char::from)
        .collect()
}
