//! The variants of a request that integrators most often sign or send by mistake.

use amazon_pay::signing::parse_amz_date;

use super::{Candidate, Parts, canonical};
use crate::request::ApiRequest;

/// A kind of mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `x-amz-pay-host` with or without the port.
    HostPort,
    /// `x-amz-pay-date` in the basic or the extended ISO 8601 form.
    DateForm,
    /// The path with or without `/sandbox` (or `/live`).
    EnvironmentPrefix,
    /// The path with or without a trailing slash.
    TrailingSlash,
    /// `+`, spaces or `%` in the query sent otherwise than signed.
    QueryEncoding,
    /// The query signed as written, not decoded, re-encoded and sorted.
    QueryVerbatim,
    /// Header values signed with their surrounding or repeated whitespace.
    HeaderWhitespace,
    /// Other body bytes: a line break at the end, the JSON re-serialized, no body.
    Body,
}

impl Kind {
    /// A short name for the candidate list.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::HostPort => "host-port",
            Self::DateForm => "date-form",
            Self::EnvironmentPrefix => "environment-prefix",
            Self::TrailingSlash => "trailing-slash",
            Self::QueryEncoding => "query-encoding",
            Self::QueryVerbatim => "query-verbatim",
            Self::HeaderWhitespace => "header-whitespace",
            Self::Body => "body",
        }
    }

    /// What to do about it.
    pub(crate) fn advice(self) -> &'static str {
        match self {
            Self::HostPort => {
                "Sign the x-amz-pay-host value you send, byte for byte: the API host without a \
                 port, as every SDK sends it; an HTTP library or proxy must not rewrite it."
            }
            Self::DateForm => {
                "Sign the x-amz-pay-date value you send, byte for byte; send the basic form \
                 (20240102T030405Z), as every SDK does."
            }
            Self::EnvironmentPrefix => {
                "Sign the path you send: with a SANDBOX-/LIVE- key id the path is /v2/…; with a \
                 classic key id it is /sandbox/v2/… or /live/v2/…, and the prefix is signed too."
            }
            Self::TrailingSlash => {
                "Sign the path you send: a trailing slash is part of the canonical URI."
            }
            Self::QueryEncoding => {
                "Send and sign the same query: encode names and values once, RFC 3986 style \
                 (space as %20, plus sign as %2B, upper-case hex); the service decodes `%XX` \
                 and reads `+` as a plus sign."
            }
            Self::QueryVerbatim => {
                "The canonical query is not the query as written: decode the names and values, \
                 encode them RFC 3986 style (upper-case hex, space as %20), sort by name then \
                 value, join with `&`."
            }
            Self::HeaderWhitespace => {
                "In the canonical request each header value is trimmed and every inner run of \
                 spaces becomes one space; sign the normalised value (better: send none)."
            }
            Self::Body => {
                "Sign the exact bytes you send: serialize the body once, hash those bytes and \
                 send the same bytes (no re-serializing, no added line break)."
            }
        }
    }
}

fn header<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn with_header(parts: &Parts, name: &str, value: String) -> Parts {
    let mut out = parts.clone();
    for (n, v) in &mut out.headers {
        if n == name {
            *v = value.clone();
        }
    }
    out
}

/// `host:port` split when the part after the last `:` is a port.
fn split_port(host: &str) -> Option<(&str, &str)> {
    host.rsplit_once(':')
        .filter(|(h, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !h.contains(':'))
}

/// Every variant that differs from the request as described. `port` is the endpoint's port,
/// to try `x-amz-pay-host` with it.
pub(crate) fn all(request: &ApiRequest, parts: &Parts, port: Option<u16>) -> Vec<Candidate> {
    let method = request.method.as_str();
    let mut out: Vec<(Kind, String, Parts)> = Vec::new();

    if let Some(host) = header(parts, "x-amz-pay-host") {
        match split_port(host) {
            Some((bare, _)) => out.push((
                Kind::HostPort,
                format!("x-amz-pay-host `{bare}`, without the port, instead of `{host}`"),
                with_header(parts, "x-amz-pay-host", bare.to_owned()),
            )),
            None => {
                let mut ports: Vec<u16> = port.into_iter().chain([443]).collect();
                ports.dedup();
                for p in ports {
                    let with = format!("{host}:{p}");
                    out.push((
                        Kind::HostPort,
                        format!("x-amz-pay-host `{with}`, with the port, instead of `{host}`"),
                        with_header(parts, "x-amz-pay-host", with),
                    ));
                }
            }
        }
    }

    if let Some(date) = header(parts, "x-amz-pay-date")
        && let Some(other) = other_date_form(date)
    {
        out.push((
            Kind::DateForm,
            format!("x-amz-pay-date `{other}` instead of `{date}`"),
            with_header(parts, "x-amz-pay-date", other),
        ));
    }

    let stripped = ["/sandbox/", "/live/"]
        .iter()
        .find_map(|p| parts.path.strip_prefix(&p[..p.len() - 1]));
    match stripped {
        Some(rest) => out.push((
            Kind::EnvironmentPrefix,
            format!("the path `{rest}`, without the environment prefix"),
            Parts {
                path: rest.to_owned(),
                ..parts.clone()
            },
        )),
        None => {
            for prefix in ["/sandbox", "/live"] {
                let path = format!("{prefix}{}", parts.path);
                out.push((
                    Kind::EnvironmentPrefix,
                    format!("the path `{path}`, with the {prefix} prefix"),
                    Parts {
                        path,
                        ..parts.clone()
                    },
                ));
            }
        }
    }

    let path = match parts.path.strip_suffix('/') {
        Some(trimmed) if !trimmed.is_empty() => trimmed.to_owned(),
        _ => format!("{}/", parts.path),
    };
    out.push((
        Kind::TrailingSlash,
        format!("the path `{path}` instead of `{}`", parts.path),
        Parts {
            path,
            ..parts.clone()
        },
    ));

    query_variants(request, parts, &mut out);
    body_variants(parts, &mut out);

    let mut candidates: Vec<Candidate> = out
        .into_iter()
        .map(|(kind, what, p)| Candidate {
            kind: Some(kind),
            what,
            canonical: canonical(method, &p),
        })
        .collect();
    candidates.extend(canonical_variants(request, parts));
    candidates
}

/// Basic `20240102T030405Z` to extended `2024-01-02T03:04:05Z` and back.
fn other_date_form(date: &str) -> Option<String> {
    parse_amz_date(date).ok()?;
    let other = if date.contains('-') {
        date.replace(['-', ':'], "")
    } else {
        let b = date.as_bytes();
        if b.len() != 16 {
            return None;
        }
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &date[0..4],
            &date[4..6],
            &date[6..8],
            &date[9..11],
            &date[11..13],
            &date[13..15]
        )
    };
    parse_amz_date(&other).ok()?;
    Some(other)
}

fn map_query(parts: &Parts, f: impl Fn(&str) -> String) -> Parts {
    Parts {
        query: parts.query.iter().map(|(n, v)| (f(n), f(v))).collect(),
        ..parts.clone()
    }
}

fn query_variants(request: &ApiRequest, parts: &Parts, out: &mut Vec<(Kind, String, Parts)>) {
    let has = |c: char| {
        parts
            .query
            .iter()
            .any(|(n, v)| n.contains(c) || v.contains(c))
    };
    if has('+') {
        out.push((
            Kind::QueryEncoding,
            "the query with each `+` received as a space (%20)".to_owned(),
            map_query(parts, |s| s.replace('+', " ")),
        ));
    }
    if has(' ') {
        out.push((
            Kind::QueryEncoding,
            "the query with each space received as `+` (form encoding), which the service reads \
             as a plus sign"
                .to_owned(),
            map_query(parts, |s| s.replace(' ', "+")),
        ));
    }
    if request.query.contains('%') {
        // What arrives when the already encoded query is encoded again: decoding once gives
        // back the query as written.
        let written = request
            .query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (n, v) = p.split_once('=').unwrap_or((p, ""));
                (n.to_owned(), v.to_owned())
            })
            .collect();
        out.push((
            Kind::QueryEncoding,
            "the query percent-encoded twice (each `%` sent as %25)".to_owned(),
            Parts {
                query: written,
                ..parts.clone()
            },
        ));
    }
}

fn body_variants(parts: &Parts, out: &mut Vec<(Kind, String, Parts)>) {
    if parts.body.is_empty() {
        return;
    }
    let body = |bytes: Vec<u8>| Parts {
        body: bytes,
        ..parts.clone()
    };
    let trimmed = parts.body.trim_ascii_end();
    if trimmed.len() < parts.body.len() {
        out.push((
            Kind::Body,
            "the body without its line break at the end".to_owned(),
            body(trimmed.to_vec()),
        ));
    } else {
        let mut with = parts.body.clone();
        with.push(b'\n');
        out.push((
            Kind::Body,
            "the body with a line break added at the end".to_owned(),
            body(with),
        ));
    }
    if let Ok(json) = serde_json::from_slice::<serde_json::Value>(&parts.body) {
        for (what, bytes) in [
            ("compact", serde_json::to_vec(&json)),
            ("pretty-printed", serde_json::to_vec_pretty(&json)),
        ] {
            if let Ok(bytes) = bytes
                && bytes != parts.body
            {
                out.push((
                    Kind::Body,
                    format!("the body re-serialized as {what} JSON"),
                    body(bytes),
                ));
            }
        }
    }
    out.push((
        Kind::Body,
        "no body (the hash of empty bytes)".to_owned(),
        body(Vec::new()),
    ));
}

/// Mistakes in building the canonical request itself, rather than in what was sent: found
/// through the signature, since the service canonicalizes correctly.
fn canonical_variants(request: &ApiRequest, parts: &Parts) -> Vec<Candidate> {
    let ours = canonical(&request.method, parts);
    let lines: Vec<&str> = ours.split('\n').collect();
    let mut out = Vec::new();
    if lines.len() > 2 && lines[2] != request.query {
        let mut edited = lines.clone();
        edited[2] = &request.query;
        out.push(Candidate {
            kind: Some(Kind::QueryVerbatim),
            what: format!(
                "the query as written (`{}`) instead of the canonical `{}`",
                request.query, lines[2]
            ),
            canonical: edited.join("\n"),
        });
    }
    let raw_lines: Vec<String> = parts
        .headers
        .iter()
        .map(|(n, v)| format!("{n}:{v}"))
        .collect();
    let mut edited: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let mut changed = false;
    for raw in &raw_lines {
        let name = raw.split(':').next().unwrap_or_default();
        if let Some(line) = edited
            .iter_mut()
            .skip(3)
            .find(|l| l.split(':').next() == Some(name))
            && line != raw
        {
            *line = raw.clone();
            changed = true;
        }
    }
    if changed {
        out.push(Candidate {
            kind: Some(Kind::HeaderWhitespace),
            what: "header values with their whitespace as given (not trimmed, inner runs kept)"
                .to_owned(),
            canonical: edited.join("\n"),
        });
    }
    out
}
