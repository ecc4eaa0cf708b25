//! `amazon-pay sign`: the signed headers of a request, or a complete curl command.

use std::process::ExitCode;
use std::time::SystemTime;

use amazon_pay::signing::{SignableRequest, SignedRequest, SigningParams, sign};
use amazon_pay::{Client, PublicKeyId};
use anyhow::Context as _;

use crate::config::Config;
use crate::request::{ApiRequest, RequestArgs, borrow_pairs};
use crate::shell::quote;

/// `sign METHOD PATH [--body FILE] [-H 'name: value']... [--curl]`.
#[derive(Debug, clap::Args)]
pub(crate) struct SignArgs {
    #[command(flatten)]
    request: RequestArgs,
    /// Print a complete curl command instead of the headers.
    #[arg(long)]
    curl: bool,
}

/// A request signed for the configured endpoint, with its absolute URL.
pub(crate) struct Signed {
    /// The absolute URL to send to.
    pub(crate) url: String,
    /// The signature and its stages.
    pub(crate) signed: SignedRequest,
}

/// Signs `request` now, for the endpoint and environment of `client` (its base URL's path, such
/// as `/sandbox`, prefixes the path; its host is `x-amz-pay-host`).
pub(crate) fn sign_for(
    config: &Config,
    client: &Client,
    request: &ApiRequest,
) -> anyhow::Result<Signed> {
    let base = url::Url::parse(client.base_url()).context("the endpoint URL")?;
    let host = base.host_str().context("the endpoint URL has no host")?;
    let path = format!(
        "{}{}",
        base.path().trim_end_matches('/'),
        request.decoded_path()?
    );
    let query = request.decoded_query()?;
    let query = borrow_pairs(&query);
    let headers = borrow_pairs(&request.headers);
    let signable = SignableRequest::new(&request.method, &path)
        .with_query(&query)
        .with_headers(&headers)
        .with_body(&request.body);
    let mut params = SigningParams::new(
        config.region()?,
        PublicKeyId::new(config.public_key_id()?).context("the public key id")?,
        config.algorithm(),
        SystemTime::now(),
    );
    params.host = host.to_owned();
    let signed = sign(&signable, &params, &config.private_key()?).context("signing")?;
    let authority = match base.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    let url = format!("{}://{authority}{}", base.scheme(), signed.path_and_query());
    Ok(Signed { url, signed })
}

pub(crate) fn run(config: &Config, args: &SignArgs) -> anyhow::Result<ExitCode> {
    let request = args.request.parse()?;
    let client = config.client()?;
    let Signed { url, signed } = sign_for(config, &client, &request)?;
    let headers = signed
        .headers()
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .chain(
            request
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str())),
        );
    if args.curl {
        let mut command = format!("curl -sS -X {} {}", request.method, quote(&url));
        for (name, value) in headers {
            command.push_str(&format!(" \\\n  -H {}", quote(&format!("{name}: {value}"))));
        }
        if let Some(file) = &args.request.body {
            command.push_str(&format!(
                " \\\n  --data-binary {}",
                quote(&format!("@{}", file.display()))
            ));
        }
        println!("{command}");
    } else {
        println!("{} {url}", request.method);
        for (name, value) in headers {
            println!("{name}: {value}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
