//! `amazon-pay ipn verify FILE`: verify a saved SNS notification as a receiver does.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use amazon_pay::ipn::{Event, NotificationVerifier};
use anyhow::Context as _;
use http::{HeaderMap, HeaderValue};

use crate::config::Config;

/// The `ipn` commands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum IpnCommand {
    /// Verify a saved notification (the POST body SNS sent): certificate URL, certificate chain
    /// (fetched over HTTPS as the client does), signature, merchant id; then print the event.
    Verify(VerifyArgs),
}

/// `ipn verify FILE`.
#[derive(Debug, clap::Args)]
pub(crate) struct VerifyArgs {
    /// The notification body (JSON).
    file: PathBuf,
    /// Accept notifications up to this many seconds old (a saved one may be older than the
    /// verifier's default window).
    #[arg(long, value_name = "SECONDS")]
    max_age: Option<u64>,
    /// Trust this CA certificate (PEM) as well as the Amazon roots (the emulator's CA).
    #[arg(long, value_name = "FILE")]
    trust_anchor: Option<PathBuf>,
    /// Use this certificate (PEM) for that `SigningCertURL` instead of fetching it:
    /// `URL=FILE` (the emulator's certificate, `GET /__admin/sns-certificate`).
    #[arg(long, value_name = "URL=FILE")]
    pin_certificate: Vec<String>,
}

pub(crate) fn run(config: &Config, command: IpnCommand) -> anyhow::Result<ExitCode> {
    let IpnCommand::Verify(args) = command;
    let body = std::fs::read(&args.file)
        .with_context(|| format!("reading the notification {}", args.file.display()))?;
    let envelope: serde_json::Value =
        serde_json::from_slice(&body).context("the notification is not JSON")?;
    let mut builder = NotificationVerifier::builder(config.merchant_id()?);
    if let Some(seconds) = args.max_age {
        builder = builder.max_age(Duration::from_secs(seconds));
    }
    if let Some(path) = &args.trust_anchor {
        let pem = std::fs::read(path)
            .with_context(|| format!("reading the trust anchor {}", path.display()))?;
        builder = builder.trust_anchors_pem(pem);
    }
    for pin in &args.pin_certificate {
        let (url, path) = pin
            .split_once('=')
            .with_context(|| format!("--pin-certificate `{pin}` is not URL=FILE"))?;
        let pem = std::fs::read(path).with_context(|| format!("reading the certificate {path}"))?;
        builder = builder.pin_certificate(url, pem);
    }
    let verifier = builder.build().context("the verifier")?;
    // SNS names the message type in a header too; a saved body carries it as `Type`.
    let mut headers = HeaderMap::new();
    if let Some(kind) = envelope.get("Type").and_then(|t| t.as_str()) {
        let value = HeaderValue::from_str(kind).context("the notification's Type")?;
        headers.insert("x-amz-sns-message-type", value);
    }
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let event = runtime
        .block_on(verifier.verify(&headers, &body))
        .context("the notification is not valid")?;
    print_event(&event, &envelope)?;
    Ok(ExitCode::SUCCESS)
}

fn print_event(event: &Event, envelope: &serde_json::Value) -> anyhow::Result<()> {
    println!("verified: message {}", event.message_id());
    match event {
        Event::Notification(n) => {
            println!("objectType: {}", n.object_type);
            println!("objectId: {}", n.object_id);
            if let Some(id) = &n.charge_permission_id {
                println!("chargePermissionId: {id}");
            }
            println!("notificationType: {}", n.notification_type);
            println!("merchantId: {}", n.merchant_id);
        }
        Event::SubscriptionConfirmation(_) => println!("a subscription confirmation"),
        Event::UnsubscribeConfirmation(_) => println!("an unsubscribe confirmation"),
        Event::LegacyNotification(_) => println!("a legacy (MWS-era) notification"),
        _ => println!("an event of a kind this version does not describe"),
    }
    if let Some(message) = envelope
        .get("Message")
        .and_then(|m| m.as_str())
        .and_then(|m| serde_json::from_str::<serde_json::Value>(m).ok())
    {
        println!("message:\n{}", serde_json::to_string_pretty(&message)?);
    }
    Ok(())
}
