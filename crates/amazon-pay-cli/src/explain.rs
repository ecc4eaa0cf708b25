//! `amazon-pay explain`: why the service answered `InvalidRequestSignature`.
//!
//! The 403 answer names the string to sign the service computed: the algorithm and the SHA-256
//! of the canonical request it rebuilt from what it received. We rebuild the canonical request
//! of the request as described, then of the variants integrators most often get wrong, and name
//! the one whose hash the service computed. When the request carries its `authorization` header
//! and a key is at hand, we also name the variant the signature covers.

mod answer;
mod variants;

use std::path::PathBuf;
use std::process::ExitCode;

use amazon_pay::signing::{
    Algorithm, PublicKey, REQUIRED_SIGNED_HEADERS, canonical_request, redact_canonical_request,
    string_to_sign,
};
use anyhow::Context as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::config::Config;
use crate::request::{ApiRequest, RequestArgs, borrow_pairs};

pub(crate) use variants::Kind;

/// `explain --answer FILE METHOD PATH [--body FILE] [-H 'name: value']...`.
#[derive(Debug, clap::Args)]
pub(crate) struct ExplainArgs {
    /// The service's answer: the 403 body (JSON) or its message; `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    answer: PathBuf,
    /// The request as you signed it: its method, path with query, body and the headers it
    /// signed (`x-amz-pay-date`, `x-amz-pay-host`, `x-amz-pay-region`, any other
    /// `x-amz-pay-*`; `authorization` too, to check the signature).
    #[command(flatten)]
    request: RequestArgs,
    /// The public key (PEM) to check the signature with; by default the configured private
    /// key's.
    #[arg(long, value_name = "FILE")]
    public_key: Option<PathBuf>,
}

/// The parts of a request that enter the canonical request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts {
    /// The raw (decoded) path.
    pub(crate) path: String,
    /// The raw (decoded) query pairs.
    pub(crate) query: Vec<(String, String)>,
    /// The signed headers: lower-case names, values as given.
    pub(crate) headers: Vec<(String, String)>,
    /// The body bytes.
    pub(crate) body: Vec<u8>,
}

/// One way the canonical request may have been computed.
#[derive(Debug)]
pub(crate) struct Candidate {
    /// Which variant (`None`: the request as described).
    pub(crate) kind: Option<Kind>,
    /// What differs from the request as described.
    pub(crate) what: String,
    /// The canonical request.
    pub(crate) canonical: String,
}

/// The `authorization` header's parts.
struct Authorization {
    algorithm: Algorithm,
    signed_headers: Vec<String>,
    signature: Vec<u8>,
}

fn parse_authorization(value: &str) -> anyhow::Result<Authorization> {
    let (algorithm, rest) = value.trim().split_once(' ').context(
        "the authorization header is not `ALGORITHM PublicKeyId=…, SignedHeaders=…, Signature=…`",
    )?;
    let algorithm: Algorithm = algorithm.parse().map_err(|_| {
        anyhow::anyhow!("the authorization header names the unknown algorithm `{algorithm}`")
    })?;
    let field = |name: &str| {
        rest.split(',')
            .filter_map(|part| part.trim().split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.trim().to_owned())
            .with_context(|| format!("the authorization header has no {name}"))
    };
    let signed_headers = field("SignedHeaders")?
        .split(';')
        .map(str::to_ascii_lowercase)
        .collect();
    let signature = BASE64
        .decode(field("Signature")?)
        .context("the authorization header's Signature is not Base64")?;
    Ok(Authorization {
        algorithm,
        signed_headers,
        signature,
    })
}

/// The header names signed when no `authorization` header says: the five required ones and
/// every `x-amz-pay-*` given, except the simulation code.
fn default_signed(request: &ApiRequest) -> Vec<String> {
    let mut names: Vec<String> = REQUIRED_SIGNED_HEADERS
        .into_iter()
        .map(str::to_owned)
        .chain(request.headers.iter().map(|(n, _)| n.clone()).filter(|n| {
            n.starts_with("x-amz-pay-") && n != amazon_pay::signing::SIMULATION_CODE_HEADER
        }))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The signed headers with their values; `accept` and `content-type` default to JSON.
fn signed_headers(request: &ApiRequest, names: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    names
        .iter()
        .map(|name| {
            let values: Vec<&str> = request
                .headers
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .collect();
            let value = match (values.as_slice(), name.as_str()) {
                ([], "accept" | "content-type") => amazon_pay::signing::JSON.to_owned(),
                ([], _) => anyhow::bail!(
                    "the header {name} is signed but not given: pass it with -H '{name}: VALUE'"
                ),
                (values, _) => values.join(","),
            };
            Ok((name.clone(), value))
        })
        .collect()
}

/// The canonical request of `parts`, by the signing crate's rules.
pub(crate) fn canonical(method: &str, parts: &Parts) -> String {
    canonical_request(
        method,
        &parts.path,
        &borrow_pairs(&parts.query),
        &borrow_pairs(&parts.headers),
        &parts.body,
    )
}

pub(crate) fn run(config: &Config, args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let expected = answer::read(&args.answer)?;
    let request = args.request.parse()?;
    let authorization = request
        .headers
        .iter()
        .find(|(n, _)| n == "authorization")
        .map(|(_, v)| parse_authorization(v))
        .transpose()?;
    let names = authorization
        .as_ref()
        .map_or_else(|| default_signed(&request), |a| a.signed_headers.clone());
    let parts = Parts {
        path: request.decoded_path()?,
        query: request.decoded_query()?,
        headers: signed_headers(&request, &names)?,
        body: request.body.clone(),
    };
    let port = config
        .endpoint()
        .and_then(|e| url::Url::parse(e).ok())
        .and_then(|u| u.port_or_known_default());
    let ours = Candidate {
        kind: None,
        what: "the request as you describe it".to_owned(),
        canonical: canonical(&request.method, &parts),
    };
    let mut candidates = vec![ours];
    for candidate in variants::all(&request, &parts, port) {
        // Two mistakes can give the same bytes (a JSON body re-serialized is also the body
        // without its final line break): list each canonical request once.
        if candidates
            .iter()
            .all(|c| c.canonical != candidate.canonical)
        {
            candidates.push(candidate);
        }
    }

    let key = public_key(config, args)?;
    let algorithm = expected.algorithm;
    println!("The service expected the string to sign:");
    println!("  {}", algorithm.as_str());
    println!("  {}", expected.hash);
    if let Some(auth) = &authorization
        && auth.algorithm != algorithm
    {
        println!(
            "\nThe authorization header names {} but the service checked {}: they must be the same.",
            auth.algorithm.as_str(),
            algorithm.as_str()
        );
    }
    println!(
        "\nOur canonical request of the request as you describe it:\n{}\n",
        redact_canonical_request(&candidates[0].canonical)
    );

    let hash_of = |c: &Candidate| {
        let sts = string_to_sign(algorithm, &c.canonical);
        sts.rsplit('\n').next().unwrap_or_default().to_owned()
    };
    let signature_covers = |c: &Candidate| match (&key, &authorization) {
        (Some(key), Some(auth)) => key
            .verify(
                auth.algorithm,
                string_to_sign(auth.algorithm, &c.canonical).as_bytes(),
                &auth.signature,
            )
            .is_ok(),
        _ => false,
    };
    println!("Candidates (S: the service's hash, K: your signature covers it):");
    let mut service_match = None;
    let mut signature_match = None;
    for (i, candidate) in candidates.iter().enumerate() {
        let hash = hash_of(candidate);
        let service = hash == expected.hash;
        let signed = signature_covers(candidate);
        if service && service_match.is_none() {
            service_match = Some(i);
        }
        if signed && signature_match.is_none() {
            signature_match = Some(i);
        }
        println!(
            "  {}{} {:<20} {}  {}",
            if service { 'S' } else { ' ' },
            if signed { 'K' } else { ' ' },
            candidate.kind.map_or("as described", Kind::name),
            &hash[..16],
            candidate.what
        );
    }
    println!();
    let checked_signature = key.is_some() && authorization.is_some();
    let code = match service_match {
        Some(0) => {
            println!(
                "The service computed the canonical request above: the request arrived as you \
                 describe it, so your signature covers something else."
            );
            match signature_match {
                Some(i) if i > 0 => {
                    let c = &candidates[i];
                    println!(
                        "Your signature covers a different canonical request: {}.",
                        c.what
                    );
                    if let Some(kind) = c.kind {
                        println!("{}", kind.advice());
                    }
                    println!(
                        "The canonical request your signature covers:\n{}",
                        redact_canonical_request(&c.canonical)
                    );
                }
                _ if checked_signature => println!(
                    "Your signature covers none of the variants: it was made with another key \
                     than the one registered for this public key id, or over a canonical \
                     request built in another way. Compare yours with the one above, line by line."
                ),
                _ => println!(
                    "Compare your canonical request with the one above, line by line (pass the \
                     request's authorization header with -H and the key, to have the signature \
                     checked against the variants)."
                ),
            }
            ExitCode::SUCCESS
        }
        Some(i) => {
            let c = &candidates[i];
            println!("The service hashed a different request: {}.", c.what);
            if let Some(kind) = c.kind {
                println!("{}", kind.advice());
            }
            println!(
                "The canonical request the service computed:\n{}",
                redact_canonical_request(&c.canonical)
            );
            ExitCode::SUCCESS
        }
        None => {
            println!(
                "None of the candidates has the service's hash: the request that arrived differs \
                 from the one you describe in another way (path, query, a signed header's value, \
                 the body bytes), or the answer belongs to another request. Describe the request \
                 exactly as sent: every signed header with -H, the body with --body."
            );
            ExitCode::FAILURE
        }
    };
    Ok(code)
}

fn public_key(config: &Config, args: &ExplainArgs) -> anyhow::Result<Option<PublicKey>> {
    if let Some(path) = &args.public_key {
        let pem = std::fs::read_to_string(path)
            .with_context(|| format!("reading the public key {}", path.display()))?;
        return Ok(Some(PublicKey::from_pem(&pem).context("the public key")?));
    }
    if config.has_private_key() {
        return Ok(Some(config.private_key()?.public_key()));
    }
    Ok(None)
}
