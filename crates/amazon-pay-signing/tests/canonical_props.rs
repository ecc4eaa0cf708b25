//! Property tests for canonicalisation.

use amazon_pay_signing::{
    canonical_query_string, canonical_request, canonical_uri, encode_path_segment,
};
use proptest::prelude::*;

const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn header_name() -> impl Strategy<Value = String> {
    "x-amz-pay-[a-z]{1,12}"
}

fn header_value() -> impl Strategy<Value = String> {
    "[A-Za-z0-9|._-]{1,8}( [A-Za-z0-9|._-]{1,8}){0,3}"
}

/// Randomises the case of ASCII letters.
fn recase(s: &str, mask: u64) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask >> (i % 64) & 1 == 1 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

/// Pads with whitespace around and inside.
fn pad(s: &str, left: usize, right: usize, inner: usize) -> String {
    let inner_ws = " \t".repeat(inner);
    format!(
        "{}{}{}",
        " ".repeat(left),
        s.replace(' ', &format!(" {inner_ws}")),
        "\t".repeat(right)
    )
}

proptest! {
    #[test]
    fn header_case_and_whitespace_do_not_change_the_canonical_request(
        headers in proptest::collection::btree_map(header_name(), header_value(), 1..6),
        mask in any::<u64>(),
        left in 0usize..3, right in 0usize..3, inner in 0usize..3,
    ) {
        let plain: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let messy_owned: Vec<(String, String)> = headers
            .iter()
            .rev()
            .map(|(n, v)| (recase(n, mask), pad(v, left, right, inner)))
            .collect();
        let messy: Vec<(&str, &str)> = messy_owned.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let a = canonical_request("GET", "/", &[], &plain, b"");
        let b = canonical_request("GET", "/", &[], &messy, b"");
        prop_assert_eq!(&a, &b);
        // Names are lower-case and sorted; values trimmed and collapsed.
        let lines: Vec<&str> = a.split('\n').skip(3).take(headers.len()).collect();
        let mut sorted = lines.clone();
        sorted.sort();
        prop_assert_eq!(&lines, &sorted);
        for line in lines {
            let (name, value) = line.split_once(':').unwrap();
            prop_assert_eq!(name, name.to_ascii_lowercase());
            prop_assert!(!value.starts_with(' ') && !value.ends_with(' ') && !value.contains("  "));
        }
        prop_assert!(a.ends_with(EMPTY_SHA256));
    }

    #[test]
    fn query_order_does_not_matter(
        mut pairs in proptest::collection::vec((".{0,6}", ".{0,6}"), 0..8),
        seed in any::<u64>(),
    ) {
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let a = canonical_query_string(&refs);
        // Rotate and reverse as a cheap shuffle.
        if !pairs.is_empty() {
            let k = (seed as usize) % pairs.len();
            pairs.rotate_left(k);
            if seed & 1 == 1 { pairs.reverse(); }
        }
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let b = canonical_query_string(&refs);
        prop_assert_eq!(&a, &b);
        // Every pair is present, encoded, and the list is sorted.
        let parts: Vec<&str> = if a.is_empty() { vec![] } else { a.split('&').collect() };
        prop_assert_eq!(parts.len(), pairs.len());
        let mut keyed: Vec<(&str, &str)> = parts.iter().map(|p| p.split_once('=').unwrap()).collect();
        let before = keyed.clone();
        keyed.sort();
        prop_assert_eq!(before, keyed);
        prop_assert!(a.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%=&".contains(&b)));
    }

    #[test]
    fn utf8_segments_encode_to_unreserved_ascii_and_decode_back(segment in "\\PC{0,12}") {
        let encoded = encode_path_segment(&segment);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
        // Hex digits are upper case.
        let mut bytes = Vec::new();
        let mut it = encoded.bytes();
        while let Some(b) = it.next() {
            if b == b'%' {
                let hi = it.next().unwrap();
                let lo = it.next().unwrap();
                prop_assert!(!hi.is_ascii_lowercase() && !lo.is_ascii_lowercase());
                let hex = std::str::from_utf8(&[hi, lo]).unwrap().to_owned();
                bytes.push(u8::from_str_radix(&hex, 16).unwrap());
            } else {
                bytes.push(b);
            }
        }
        prop_assert_eq!(String::from_utf8(bytes).unwrap(), segment);
    }

    #[test]
    fn canonical_uri_is_idempotent_on_unreserved_paths_and_collapses_slashes(
        segments in proptest::collection::vec("[A-Za-z0-9._~-]{1,6}", 0..5),
        slashes in 1usize..4,
        trailing in any::<bool>(),
    ) {
        let sep = "/".repeat(slashes);
        let mut path = format!("{sep}{}", segments.join(&sep));
        if trailing { path.push('/'); }
        let uri = canonical_uri(&path);
        prop_assert!(uri.starts_with('/'));
        prop_assert!(!uri.contains("//"));
        prop_assert_eq!(canonical_uri(&uri), uri.clone());
        prop_assert_eq!(uri.ends_with('/'), trailing || segments.is_empty());
    }

    #[test]
    fn utf8_query_names_and_values_are_percent_encoded(name in "\\PC{1,6}", value in "\\PC{0,6}") {
        let q = canonical_query_string(&[(name.as_str(), value.as_str())]);
        prop_assert_eq!(q, format!("{}={}", encode_path_segment(&name), encode_path_segment(&value)));
    }
}
