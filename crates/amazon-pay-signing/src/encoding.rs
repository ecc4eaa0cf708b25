//! RFC 3986 percent-encoding and hex helpers used by the canonical request.

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// True for the RFC 3986 unreserved set `A-Z a-z 0-9 - _ . ~`.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Appends `bytes` to `out`, percent-encoding everything but the unreserved set
/// with upper-case hex.
pub(crate) fn percent_encode_into(out: &mut String, bytes: &[u8]) {
    for &b in bytes {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
            out.push(char::from(HEX_UPPER[usize::from(b & 0x0f)]));
        }
    }
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

/// Decodes `%XX` escapes (either hex case). `+` stays `+` unless `plus_is_space`.
/// Returns `None` for a malformed escape.
pub(crate) fn percent_decode(input: &str, plus_is_space: bool) -> Option<Vec<u8>> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hi = hex_value(*bytes.get(i + 1)?)?;
                let lo = hex_value(*bytes.get(i + 2)?)?;
                out.push(hi << 4 | lo);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Some(out)
}

fn hex_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX_LOWER[usize::from(b >> 4)]));
        out.push(char::from(HEX_LOWER[usize::from(b & 0x0f)]));
    }
    out
}

/// Lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex_lower(&sha2::Sha256::digest(bytes))
}
