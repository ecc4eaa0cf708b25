//! Canonical URI, query string and request from arbitrary input.
//!
//! Beyond "never panics", asserts what the canonical forms promise:
//! * the URI starts with `/`, holds only unreserved characters, `/` and
//!   `%XX` escapes, never `//`, and decodes back to the input segments;
//! * the query string has one `name=value` pair per input pair, sorted, and
//!   decodes back to the input pairs (as a multiset);
//! * the canonical request ends with the body hash, and building it from that
//!   hash gives the same text;
//! * the string to sign is the algorithm name, `\n` and 64 lower-case hex digits.

#![no_main]

use amazon_pay_signing::{
    Algorithm, canonical_query_string, canonical_request, canonical_request_with_payload_hash,
    canonical_uri, encode_path_segment, string_to_sign,
};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    method: &'a str,
    path: &'a str,
    query: Vec<(&'a str, &'a str)>,
    headers: Vec<(&'a str, &'a str)>,
    body: &'a [u8],
    v2: bool,
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

fn is_upper_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'A'..=b'F').contains(&b)
}

/// Decodes an encoded component, asserting every escape is `%` + two upper-case hex digits
/// and nothing else but unreserved characters appears.
fn decode_component(encoded: &str) -> Vec<u8> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            assert!(
                i + 2 < bytes.len() && is_upper_hex(bytes[i + 1]) && is_upper_hex(bytes[i + 2]),
                "malformed escape in {encoded:?}"
            );
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex digits are ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("checked hex digits"));
            i += 3;
        } else {
            assert!(
                is_unreserved(b),
                "reserved byte {b:#04x} left unencoded in {encoded:?}"
            );
            out.push(b);
            i += 1;
        }
    }
    out
}

fn check_uri(path: &str) {
    let uri = canonical_uri(path);
    assert!(uri.starts_with('/'), "{uri:?} does not start with /");
    assert!(!uri.contains("//"), "{uri:?} holds an empty segment");
    let decoded: Vec<Vec<u8>> = uri
        .split('/')
        .filter(|s| !s.is_empty())
        .map(decode_component)
        .collect();
    let expected: Vec<&[u8]> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::as_bytes)
        .collect();
    assert_eq!(
        decoded, expected,
        "segments of {uri:?} differ from {path:?}"
    );
    assert_eq!(
        uri.len() > 1 && uri.ends_with('/'),
        path.ends_with('/') && !expected.is_empty(),
        "trailing slash of {path:?} not kept in {uri:?}"
    );
    for segment in path.split('/') {
        assert_eq!(
            decode_component(&encode_path_segment(segment)),
            segment.as_bytes()
        );
    }
}

fn check_query(query: &[(&str, &str)]) {
    let text = canonical_query_string(query);
    if query.is_empty() {
        assert!(text.is_empty());
        return;
    }
    let pairs: Vec<&str> = text.split('&').collect();
    assert_eq!(pairs.len(), query.len(), "pair count of {text:?}");
    let mut sorted = pairs.clone();
    sorted.sort_by(|a, b| {
        let (an, av) = a.split_once('=').expect("every pair has =");
        let (bn, bv) = b.split_once('=').expect("every pair has =");
        (an, av).cmp(&(bn, bv))
    });
    assert_eq!(pairs, sorted, "{text:?} is not sorted");
    let mut decoded: Vec<(Vec<u8>, Vec<u8>)> = pairs
        .iter()
        .map(|pair| {
            let (name, value) = pair.split_once('=').expect("every pair has =");
            (decode_component(name), decode_component(value))
        })
        .collect();
    let mut expected: Vec<(Vec<u8>, Vec<u8>)> = query
        .iter()
        .map(|(n, v)| (n.as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect();
    decoded.sort();
    expected.sort();
    assert_eq!(
        decoded, expected,
        "{text:?} does not decode to the input pairs"
    );
}

fn check_request(input: &Input<'_>) {
    let canonical = canonical_request(
        input.method,
        input.path,
        &input.query,
        &input.headers,
        input.body,
    );
    let (head, hash) = canonical
        .rsplit_once('\n')
        .expect("a canonical request has several lines");
    assert_eq!(hash.len(), 64, "payload hash {hash:?}");
    assert!(
        hash.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
    let prefix = format!(
        "{}\n{}\n{}\n",
        input.method,
        canonical_uri(input.path),
        canonical_query_string(&input.query)
    );
    assert!(
        head.starts_with(&prefix),
        "{canonical:?} does not start with {prefix:?}"
    );
    assert_eq!(
        canonical_request_with_payload_hash(
            input.method,
            input.path,
            &input.query,
            &input.headers,
            hash
        ),
        canonical
    );
    let algorithm = if input.v2 {
        Algorithm::V2
    } else {
        Algorithm::V1
    };
    let sts = string_to_sign(algorithm, &canonical);
    let (name, digest) = sts.split_once('\n').expect("string to sign has two lines");
    assert_eq!(name, algorithm.as_str());
    assert_eq!(digest.len(), 64);
    assert!(
        digest
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    );
}

fuzz_target!(|input: Input<'_>| {
    check_uri(input.path);
    check_query(&input.query);
    check_request(&input);
});
