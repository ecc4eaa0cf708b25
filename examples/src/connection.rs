//! A client for the real Amazon Pay sandbox (when credentials are in the environment) or for the
//! embedded emulator.

use std::env;

use amazon_pay::emulator::{Emulator, RunningEmulator};
use amazon_pay::{Client, ClientBuilder, Currency, Price, PrivateKey, Region};
use anyhow::{Context as _, bail};

/// The public key id (`SANDBOX-…` or a classic id).
pub const ENV_PUBLIC_KEY_ID: &str = "AMAZON_PAY_PUBLIC_KEY_ID";
/// The private key as PEM text.
pub const ENV_PRIVATE_KEY: &str = "AMAZON_PAY_PRIVATE_KEY";
/// A file holding the private key (PEM).
pub const ENV_PRIVATE_KEY_PATH: &str = "AMAZON_PAY_PRIVATE_KEY_PATH";
/// `na`, `eu` or `jp`.
pub const ENV_REGION: &str = "AMAZON_PAY_REGION";
/// The store id (client id) of the web store.
pub const ENV_STORE_ID: &str = "AMAZON_PAY_STORE_ID";

/// Where the examples send requests, with what they need to build requests.
#[derive(Debug)]
pub struct Connection {
    client: Client,
    store_id: String,
    key: PrivateKey,
    public_key_id: String,
    region: String,
    emulator: Option<RunningEmulator>,
}

impl Connection {
    /// The real sandbox when [`ENV_PUBLIC_KEY_ID`] is set (then [`ENV_PRIVATE_KEY`] or
    /// [`ENV_PRIVATE_KEY_PATH`], [`ENV_REGION`] and [`ENV_STORE_ID`] must be set too), else the
    /// embedded emulator. Says which.
    pub async fn from_env() -> anyhow::Result<Self> {
        let Some(public_key_id) = non_empty(ENV_PUBLIC_KEY_ID) else {
            println!("Using the embedded Amazon Pay emulator ({ENV_PUBLIC_KEY_ID} is not set).");
            return Connection::emulator().await;
        };
        let key = match (non_empty(ENV_PRIVATE_KEY), non_empty(ENV_PRIVATE_KEY_PATH)) {
            (Some(pem), _) => PrivateKey::from_pem(&pem).context(ENV_PRIVATE_KEY)?,
            (None, Some(path)) => PrivateKey::from_pem_file(&path)
                .with_context(|| format!("{ENV_PRIVATE_KEY_PATH} ({path})"))?,
            (None, None) => {
                bail!(
                    "{ENV_PUBLIC_KEY_ID} is set: set {ENV_PRIVATE_KEY} or {ENV_PRIVATE_KEY_PATH} too"
                )
            }
        };
        let region = non_empty(ENV_REGION)
            .with_context(|| format!("{ENV_PUBLIC_KEY_ID} is set: set {ENV_REGION} too"))?;
        let store_id = non_empty(ENV_STORE_ID)
            .with_context(|| format!("{ENV_PUBLIC_KEY_ID} is set: set {ENV_STORE_ID} too"))?;
        let client = builder_for(&key, &public_key_id, &region, None).build()?;
        let connection = Connection {
            client,
            store_id,
            key,
            public_key_id,
            region,
            emulator: None,
        };
        println!(
            "Using the Amazon Pay API at {} with key {}.",
            connection.client.base_url(),
            connection.public_key_id
        );
        Ok(connection)
    }

    /// Always the embedded emulator (a fresh one on an ephemeral loopback port).
    pub async fn emulator() -> anyhow::Result<Self> {
        let emulator = Emulator::builder()
            .start()
            .await
            .context("starting the emulator")?;
        let key = emulator.private_key().clone();
        let public_key_id = emulator.public_key_id().as_str().to_owned();
        let region = emulator.region().as_str().to_owned();
        let client =
            builder_for(&key, &public_key_id, &region, Some(emulator.base_url())).build()?;
        println!("Emulator listening at {}.", emulator.base_url());
        Ok(Connection {
            client,
            store_id: emulator.store_id().to_owned(),
            key,
            public_key_id,
            region,
            emulator: Some(emulator),
        })
    }

    /// The client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The store id for checkout sessions and button payloads.
    pub fn store_id(&self) -> &str {
        &self.store_id
    }

    /// The embedded emulator, when the examples run against it.
    pub fn emulator_handle(&self) -> Option<&RunningEmulator> {
        self.emulator.as_ref()
    }

    /// The private key requests are signed with (for the signing-only example).
    pub fn private_key(&self) -> &PrivateKey {
        &self.key
    }

    /// The public key id.
    pub fn public_key_id(&self) -> &str {
        &self.public_key_id
    }

    /// The ledger currency of the region: USD (`na`), EUR (`eu`), JPY (`jp`).
    pub fn currency(&self) -> Currency {
        match self.region.parse::<Region>() {
            Ok(Region::Eu) => Currency::Eur,
            Ok(Region::Jp) => Currency::Jpy,
            _ => Currency::Usd,
        }
    }

    /// `minor` units of the region's currency (`2499` is 24.99 USD, or 2,499 JPY).
    pub fn price(&self, minor: i64) -> anyhow::Result<Price> {
        Ok(Price::from_minor_units(minor, self.currency())?)
    }

    /// A builder with this connection's key, key id, region and (for the emulator) endpoint:
    /// for examples that need a client configured differently.
    pub fn builder(&self) -> ClientBuilder {
        builder_for(
            &self.key,
            &self.public_key_id,
            &self.region,
            self.emulator.as_ref().map(RunningEmulator::base_url),
        )
    }

    /// Stops the emulator, if any.
    pub async fn shutdown(self) {
        if let Some(emulator) = self.emulator {
            emulator.shutdown().await;
        }
    }
}

fn non_empty(name: &str) -> Option<String> {
    env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn builder_for(
    key: &PrivateKey,
    public_key_id: &str,
    region: &str,
    endpoint: Option<&str>,
) -> ClientBuilder {
    let builder = Client::builder()
        .public_key_id(public_key_id)
        .signer(key.clone())
        .region(region);
    match endpoint {
        Some(url) => builder.endpoint(url),
        None => builder,
    }
}
