//! `amazon-pay call`: one signed call through the client's generic call.

use std::process::ExitCode;

use anyhow::Context as _;
use http::Method;

use crate::config::Config;
use crate::request::RequestArgs;

/// `call METHOD PATH [--body FILE] [-H 'name: value']...`.
#[derive(Debug, clap::Args)]
pub(crate) struct CallArgs {
    #[command(flatten)]
    request: RequestArgs,
}

pub(crate) fn run(config: &Config, args: &CallArgs) -> anyhow::Result<ExitCode> {
    let request = args.request.parse()?;
    let body: Option<serde_json::Value> = if request.body.is_empty() {
        None
    } else {
        Some(serde_json::from_slice(&request.body).context("the body is not JSON")?)
    };
    let method = Method::from_bytes(request.method.as_bytes()).context("the method")?;
    let path = request.decoded_path()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let result = runtime.block_on(async {
        let client = config.client()?;
        let mut call = client.call(method, path);
        for (name, value) in request.decoded_query()? {
            call = call.query(name, value);
        }
        for (name, value) in &request.headers {
            call = call.header(name, value);
        }
        if let Some(body) = &body {
            call = call.json(body);
        }
        anyhow::Ok(call.send().await)
    })?;
    match result {
        Ok(response) => {
            println!("HTTP {}", response.status());
            if let Some(id) = response.request_id() {
                println!("x-amz-pay-request-id: {id}");
            }
            println!();
            println!("{}", serde_json::to_string_pretty(response.body())?);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            match e.status() {
                Some(status) => eprintln!("HTTP {status}"),
                None => eprintln!("no answer ({:?})", e.kind()),
            }
            if let Some(id) = e.request_id() {
                eprintln!("x-amz-pay-request-id: {id}");
            }
            if let Some(code) = e.reason_code() {
                eprintln!("reasonCode: {code}");
            }
            eprintln!("message: {}", e.message());
            Ok(ExitCode::FAILURE)
        }
    }
}
