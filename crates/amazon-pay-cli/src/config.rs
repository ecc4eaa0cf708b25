//! Settings from flags, environment variables and a TOML file, in that order of precedence.
//!
//! The environment variables are those of the examples (`AMAZON_PAY_PUBLIC_KEY_ID`,
//! `AMAZON_PAY_PRIVATE_KEY`, `AMAZON_PAY_PRIVATE_KEY_PATH`, `AMAZON_PAY_REGION`,
//! `AMAZON_PAY_STORE_ID`) plus a few of the command line's own. The private key itself is never
//! a flag (it would show in the process list) and never printed.

use std::fmt;
use std::path::{Path, PathBuf};

use amazon_pay::{Algorithm, Client, Environment, PrivateKey, Region};
use anyhow::{Context as _, bail};
use serde::Deserialize;

/// The private key as PEM text (never a flag).
const ENV_PRIVATE_KEY: &str = "AMAZON_PAY_PRIVATE_KEY";
/// A file holding the private key.
const ENV_PRIVATE_KEY_PATH: &str = "AMAZON_PAY_PRIVATE_KEY_PATH";

/// The settings every command shares.
#[derive(Debug, clap::Args)]
pub(crate) struct ConfigArgs {
    /// A TOML file with any of: public_key_id, private_key_path, region, store_id, endpoint,
    /// algorithm, environment, merchant_id, ca_cert. Flags and environment variables win over it.
    #[arg(long, global = true, env = "AMAZON_PAY_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    /// The public key id (`SANDBOX-…`, `LIVE-…` or a classic id).
    #[arg(
        long,
        global = true,
        env = "AMAZON_PAY_PUBLIC_KEY_ID",
        value_name = "ID"
    )]
    public_key_id: Option<String>,
    /// The private key file (PEM). Without the flag: AMAZON_PAY_PRIVATE_KEY (the key as text),
    /// then AMAZON_PAY_PRIVATE_KEY_PATH (a file), then the configuration file.
    #[arg(long, global = true, value_name = "FILE")]
    private_key_path: Option<PathBuf>,
    /// `na`, `eu` or `jp`.
    #[arg(long, global = true, env = "AMAZON_PAY_REGION")]
    region: Option<String>,
    /// The store id (client id) of the web store, for button payloads without one.
    #[arg(long, global = true, env = "AMAZON_PAY_STORE_ID", value_name = "ID")]
    store_id: Option<String>,
    /// The base URL to call instead of the region's API (the emulator's, for example
    /// `http://127.0.0.1:8080`).
    #[arg(long, global = true, env = "AMAZON_PAY_ENDPOINT", value_name = "URL")]
    endpoint: Option<String>,
    /// `AMZN-PAY-RSASSA-PSS-V2` (the default) or `AMZN-PAY-RSASSA-PSS`.
    #[arg(long, global = true, env = "AMAZON_PAY_ALGORITHM")]
    algorithm: Option<String>,
    /// `sandbox` or `live`: needed only for a classic public key id (one without a
    /// `SANDBOX-`/`LIVE-` prefix).
    #[arg(long, global = true, env = "AMAZON_PAY_ENVIRONMENT")]
    environment: Option<String>,
    /// The merchant id IPNs must name (as shown in Seller Central).
    #[arg(long, global = true, env = "AMAZON_PAY_MERCHANT_ID", value_name = "ID")]
    merchant_id: Option<String>,
    /// An extra root certificate (PEM) to trust over HTTPS, such as the emulator's CA.
    #[arg(long, global = true, env = "AMAZON_PAY_CA_CERT", value_name = "FILE")]
    ca_cert: Option<PathBuf>,
}

/// The configuration file's fields.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    public_key_id: Option<String>,
    private_key_path: Option<PathBuf>,
    region: Option<String>,
    store_id: Option<String>,
    endpoint: Option<String>,
    algorithm: Option<String>,
    environment: Option<String>,
    merchant_id: Option<String>,
    ca_cert: Option<PathBuf>,
}

/// Where the private key comes from; loaded only by the commands that sign.
enum KeySource {
    Pem(String),
    Path(PathBuf),
    None,
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Pem(_) => f.write_str("Pem(<redacted>)"),
            Self::Path(path) => f.debug_tuple("Path").field(path).finish(),
            Self::None => f.write_str("None"),
        }
    }
}

/// The resolved settings.
#[derive(Debug)]
pub(crate) struct Config {
    public_key_id: Option<String>,
    key: KeySource,
    region: Option<Region>,
    store_id: Option<String>,
    endpoint: Option<String>,
    algorithm: Algorithm,
    environment: Option<Environment>,
    merchant_id: Option<String>,
    ca_cert: Option<PathBuf>,
}

fn non_empty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl ConfigArgs {
    /// Flags (and their environment variables) first, then the file.
    pub(crate) fn resolve(&self) -> anyhow::Result<Config> {
        let (file, base) = match &self.config {
            Some(path) => (read_file(path)?, path.parent().map(Path::to_path_buf)),
            None => (FileConfig::default(), None),
        };
        let relative = |p: PathBuf| match &base {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p,
        };
        let key = match (
            self.private_key_path.clone(),
            non_empty(ENV_PRIVATE_KEY),
            non_empty(ENV_PRIVATE_KEY_PATH),
            file.private_key_path,
        ) {
            (Some(path), _, _, _) => KeySource::Path(path),
            (None, Some(pem), _, _) => KeySource::Pem(pem),
            (None, None, Some(path), _) => KeySource::Path(PathBuf::from(path)),
            (None, None, None, Some(path)) => KeySource::Path(relative(path)),
            (None, None, None, None) => KeySource::None,
        };
        let region = match self.region.clone().or(file.region) {
            Some(r) => Some(
                r.parse::<Region>()
                    .map_err(|_| anyhow::anyhow!("unknown region `{r}`: use na, eu or jp"))?,
            ),
            None => None,
        };
        let algorithm = match self.algorithm.clone().or(file.algorithm) {
            Some(a) => a.parse::<Algorithm>().map_err(|_| {
                anyhow::anyhow!(
                    "unknown algorithm `{a}`: use AMZN-PAY-RSASSA-PSS-V2 or AMZN-PAY-RSASSA-PSS"
                )
            })?,
            None => Algorithm::V2,
        };
        let environment = match self.environment.clone().or(file.environment) {
            Some(e) => Some(match e.to_ascii_lowercase().as_str() {
                "sandbox" => Environment::Sandbox,
                "live" => Environment::Live,
                _ => bail!("unknown environment `{e}`: use sandbox or live"),
            }),
            None => None,
        };
        Ok(Config {
            public_key_id: self.public_key_id.clone().or(file.public_key_id),
            key,
            region,
            store_id: self.store_id.clone().or(file.store_id),
            endpoint: self.endpoint.clone().or(file.endpoint),
            algorithm,
            environment,
            merchant_id: self.merchant_id.clone().or(file.merchant_id),
            ca_cert: self.ca_cert.clone().or(file.ca_cert.map(relative)),
        })
    }
}

fn read_file(path: &Path) -> anyhow::Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the configuration file {}", path.display()))?;
    // The parser's own message quotes the offending line, which could hold a key: name the line
    // only.
    toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |span| text[..span.start].matches('\n').count() + 1);
        anyhow::anyhow!(
            "the configuration file {}, line {line}: {}",
            path.display(),
            e.message()
        )
    })
}

impl Config {
    /// The public key id, required.
    pub(crate) fn public_key_id(&self) -> anyhow::Result<&str> {
        self.public_key_id.as_deref().context(
            "no public key id: pass --public-key-id, set AMAZON_PAY_PUBLIC_KEY_ID or \
             public_key_id in the configuration file",
        )
    }

    /// The private key, loaded now.
    pub(crate) fn private_key(&self) -> anyhow::Result<PrivateKey> {
        match &self.key {
            KeySource::Pem(pem) => PrivateKey::from_pem(pem).context(ENV_PRIVATE_KEY),
            KeySource::Path(path) => PrivateKey::from_pem_file(path)
                .with_context(|| format!("the private key {}", path.display())),
            KeySource::None => bail!(
                "no private key: pass --private-key-path, set AMAZON_PAY_PRIVATE_KEY or \
                 AMAZON_PAY_PRIVATE_KEY_PATH, or private_key_path in the configuration file"
            ),
        }
    }

    /// The private key when one is configured.
    pub(crate) fn has_private_key(&self) -> bool {
        !matches!(self.key, KeySource::None)
    }

    /// The region, required.
    pub(crate) fn region(&self) -> anyhow::Result<Region> {
        self.region.context(
            "no region: pass --region, set AMAZON_PAY_REGION or region in the configuration file",
        )
    }

    /// The store id, if configured.
    pub(crate) fn store_id(&self) -> Option<&str> {
        self.store_id.as_deref()
    }

    /// The endpoint's base URL, if not the region's API.
    pub(crate) fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// The signature algorithm.
    pub(crate) fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The merchant id, required.
    pub(crate) fn merchant_id(&self) -> anyhow::Result<&str> {
        self.merchant_id.as_deref().context(
            "no merchant id: pass --merchant-id, set AMAZON_PAY_MERCHANT_ID or merchant_id in \
             the configuration file",
        )
    }

    /// A client with the key, key id, region, algorithm, endpoint and extra root certificate.
    pub(crate) fn client(&self) -> anyhow::Result<Client> {
        let mut builder = Client::builder()
            .public_key_id(self.public_key_id()?)
            .signer(self.private_key()?)
            .region(self.region()?.as_str())
            .algorithm(self.algorithm);
        if let Some(environment) = self.environment {
            builder = builder.environment(environment);
        }
        if let Some(url) = &self.endpoint {
            builder = builder.endpoint(url);
        }
        if let Some(path) = &self.ca_cert {
            let pem = std::fs::read(path)
                .with_context(|| format!("reading the CA certificate {}", path.display()))?;
            builder = builder.add_root_certificate_pem(pem);
        }
        builder.build().context("building the client")
    }
}
