//! The emulator's command line, shared by the `amazon-pay-emulator` binary and the
//! `amazon-pay emulator` command.
//!
//! ```text
//! amazon-pay-emulator --listen 127.0.0.1:8080 [--tls] [--region na|eu|jp]
//!     [--key-id-kind classic|sandbox|live] [--public-key KEYID=PATH ...] [--ipn-url URL]
//!     [--private-key-out PATH] [--ca-out PATH] [--seed N]
//!     [--ipn-redelivery FIRST,MAX,ATTEMPTS] [--max-objects N]
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use std::time::Duration;

use crate::{Emulator, IpnRedelivery, KeyIdKind};
use amazon_pay_signing::{PublicKey, Region};

const USAGE: &str = "usage: {program} [--listen ADDR:PORT] [--tls] [--region na|eu|jp]
    [--key-id-kind classic|sandbox|live] [--public-key KEYID=PATH]... [--ipn-url URL]
    [--private-key-out PATH] [--ca-out PATH] [--seed N]
    [--ipn-redelivery FIRST,MAX,ATTEMPTS] [--max-objects N]

  --listen ADDR:PORT     address to listen on (default 127.0.0.1:8080; loopback unless told otherwise;
                         port 0 picks a free port, printed on the first line)
  --tls                  serve HTTPS with a certificate of a generated test CA
  --ca-out PATH          write that CA certificate (PEM) to PATH so clients can trust it
  --region R             the region to stand in for (default na)
  --key-id-kind K        shape of the generated key id (default sandbox)
  --public-key ID=PATH   also accept signatures of this public key (PEM), repeatable
  --private-key-out PATH write the generated private key (PKCS#8 PEM, test use only) to PATH
  --ipn-url URL          POST IPNs to this http:// URL
  --seed N               seed the id generator
  --ipn-redelivery F,M,A redeliver a notification that got no 2xx after F, doubling up to M, at most
                         A POSTs in all (durations in ms or s: 100ms,2s,50; default 1s,60s,20)
  --max-objects N        objects of each kind, idempotency keys, logged requests and logged
                         notifications kept before the oldest are dropped (default 10000)";

struct Args {
    listen: SocketAddr,
    tls: bool,
    region: Region,
    kind: KeyIdKind,
    public_keys: Vec<(String, PathBuf)>,
    ipn_url: Option<String>,
    private_key_out: Option<PathBuf>,
    ca_out: Option<PathBuf>,
    seed: Option<u64>,
    ipn_redelivery: Option<IpnRedelivery>,
    max_objects: Option<usize>,
}

/// `250ms` or `2s`.
fn duration(text: &str) -> Option<Duration> {
    if let Some(ms) = text.strip_suffix("ms") {
        return ms.parse().ok().map(Duration::from_millis);
    }
    text.strip_suffix('s')?
        .parse()
        .ok()
        .map(Duration::from_secs)
}

/// `FIRST,MAX,ATTEMPTS`, e.g. `100ms,2s,50`.
fn redelivery(text: &str) -> Result<IpnRedelivery, String> {
    let bad =
        || format!("--ipn-redelivery: expected FIRST,MAX,ATTEMPTS (e.g. 100ms,2s,50), got {text}");
    let mut parts = text.split(',');
    let (Some(first), Some(max), Some(attempts), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let policy = IpnRedelivery {
        first_delay: duration(first).ok_or_else(bad)?,
        max_delay: duration(max).ok_or_else(bad)?,
        max_attempts: attempts.parse().map_err(|_| bad())?,
    };
    if policy.max_attempts == 0 || policy.first_delay > policy.max_delay {
        return Err(bad());
    }
    Ok(policy)
}

fn parse(mut it: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut args = Args {
        listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
        tls: false,
        region: Region::Na,
        kind: KeyIdKind::Sandbox,
        public_keys: Vec::new(),
        ipn_url: None,
        private_key_out: None,
        ca_out: None,
        seed: None,
        ipn_redelivery: None,
        max_objects: None,
    };
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--listen" => {
                let v = value("--listen")?;
                args.listen = v
                    .parse()
                    .map_err(|_| format!("--listen: {v} is not ADDR:PORT"))?;
            }
            "--tls" => args.tls = true,
            "--region" => {
                let v = value("--region")?;
                args.region = v
                    .parse()
                    .map_err(|_| format!("--region: unknown region {v}"))?;
            }
            "--key-id-kind" => {
                args.kind = match value("--key-id-kind")?.as_str() {
                    "classic" => KeyIdKind::Classic,
                    "sandbox" => KeyIdKind::Sandbox,
                    "live" => KeyIdKind::Live,
                    other => return Err(format!("--key-id-kind: unknown kind {other}")),
                }
            }
            "--public-key" => {
                let v = value("--public-key")?;
                let (id, path) = v
                    .split_once('=')
                    .ok_or_else(|| format!("--public-key: expected KEYID=PATH, got {v}"))?;
                args.public_keys.push((id.to_owned(), PathBuf::from(path)));
            }
            "--ipn-url" => args.ipn_url = Some(value("--ipn-url")?),
            "--private-key-out" => {
                args.private_key_out = Some(PathBuf::from(value("--private-key-out")?))
            }
            "--ca-out" => args.ca_out = Some(PathBuf::from(value("--ca-out")?)),
            "--seed" => {
                let v = value("--seed")?;
                args.seed = Some(
                    v.parse()
                        .map_err(|_| format!("--seed: {v} is not a number"))?,
                );
            }
            "--ipn-redelivery" => {
                args.ipn_redelivery = Some(redelivery(&value("--ipn-redelivery")?)?);
            }
            "--max-objects" => {
                let v = value("--max-objects")?;
                args.max_objects = Some(
                    v.parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| format!("--max-objects: {v} is not a positive number"))?,
                );
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Some(args))
}

fn write_private(path: &PathBuf, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}

/// An error and its chain of causes on one line: `could not listen on 127.0.0.1:1: Permission
/// denied (os error 13)`.
fn with_causes(error: &dyn std::error::Error) -> String {
    std::iter::successors(Some(error), |e| e.source())
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
}

async fn run(args: Args) -> Result<(), String> {
    let mut builder = Emulator::builder()
        .listen(args.listen)
        .tls(args.tls)
        .region(args.region)
        .key_id_kind(args.kind);
    for (id, path) in &args.public_keys {
        let pem = std::fs::read_to_string(path)
            .map_err(|e| format!("--public-key {id}: {}: {e}", path.display()))?;
        let key = PublicKey::from_pem(&pem).map_err(|e| format!("--public-key {id}: {e}"))?;
        builder = builder.public_key(id.clone(), key);
    }
    if let Some(url) = args.ipn_url {
        builder = builder.ipn_url(url);
    }
    if let Some(seed) = args.seed {
        builder = builder.seed(seed);
    }
    if let Some(policy) = args.ipn_redelivery {
        builder = builder.ipn_redelivery(policy);
    }
    if let Some(n) = args.max_objects {
        builder = builder.max_objects(n);
    }
    let emulator = builder.start().await.map_err(|e| with_causes(&e))?;
    println!("amazon-pay-emulator listening on {}", emulator.base_url());
    println!("  region        {}", emulator.region());
    println!("  public key id {}", emulator.public_key_id().as_str());
    println!("  store id      {}", emulator.store_id());
    println!("  merchant id   {}", emulator.merchant_id());
    println!("  admin API     {}/__admin/info", emulator.base_url());
    if let Some(path) = &args.private_key_out {
        let pem = emulator
            .private_key()
            .to_pkcs8_pem()
            .map_err(|e| format!("--private-key-out: {e}"))?;
        write_private(path, &pem)
            .map_err(|e| format!("--private-key-out {}: {e}", path.display()))?;
        println!("  private key   written to {}", path.display());
    }
    if args.tls {
        match &args.ca_out {
            Some(path) => {
                std::fs::write(path, emulator.ca_pem())
                    .map_err(|e| format!("--ca-out {}: {e}", path.display()))?;
                println!("  CA            written to {}", path.display());
            }
            None => println!(
                "CA certificate (trust it to connect over HTTPS):\n{}",
                emulator.ca_pem()
            ),
        }
    }
    tokio::signal::ctrl_c().await.map_err(|e| e.to_string())?;
    emulator.shutdown().await;
    Ok(())
}

/// Runs the emulator as its binary does: parses `args` (without the program name), prints where
/// it listens and what to sign with, serves until Ctrl-C. `program` names the command in the
/// usage text. Returns the process exit code: 0, 1 for a failure, 2 for bad arguments.
pub fn main_with_args(program: &str, args: impl IntoIterator<Item = String>) -> ExitCode {
    let usage = USAGE.replace("{program}", program);
    let args = match parse(args.into_iter()) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{usage}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{usage}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Args>, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn the_redelivery_schedule_and_the_object_bound_are_read() {
        let a = args(&["--ipn-redelivery", "100ms,2s,50", "--max-objects", "200000"])
            .unwrap()
            .unwrap();
        assert_eq!(
            a.ipn_redelivery,
            Some(IpnRedelivery {
                first_delay: Duration::from_millis(100),
                max_delay: Duration::from_secs(2),
                max_attempts: 50,
            })
        );
        assert_eq!(a.max_objects, Some(200_000));
    }

    #[test]
    fn malformed_schedules_and_bounds_are_refused() {
        for bad in [
            "100ms,2s",
            "100,2s,5",
            "1s,100ms,5",
            "1s,2s,0",
            "1s,2s,5,6",
            "x,2s,5",
        ] {
            let e = args(&["--ipn-redelivery", bad]).err().unwrap();
            assert!(e.contains("FIRST,MAX,ATTEMPTS"), "{bad}: {e}");
        }
        for bad in ["0", "-1", "many"] {
            assert!(args(&["--max-objects", bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_printed_error_carries_its_causes() {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 1));
        let error = crate::Error::Bind {
            addr,
            source: std::io::Error::new(std::io::ErrorKind::AddrInUse, "address in use"),
        };
        assert_eq!(
            with_causes(&error),
            "could not listen on 127.0.0.1:1: address in use"
        );
    }
}
