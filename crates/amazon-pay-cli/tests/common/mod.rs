//! Runs the `amazon-pay` binary against an emulator started in this process.

#![allow(dead_code, unreachable_pub)]

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use amazon_pay_emulator::{Emulator, EmulatorBuilder, RunningEmulator};
use tempfile::TempDir;

/// Every variable the command line reads, removed so the tests' own environment cannot leak in.
const VARIABLES: [&str; 11] = [
    "AMAZON_PAY_CONFIG",
    "AMAZON_PAY_PUBLIC_KEY_ID",
    "AMAZON_PAY_PRIVATE_KEY",
    "AMAZON_PAY_PRIVATE_KEY_PATH",
    "AMAZON_PAY_REGION",
    "AMAZON_PAY_STORE_ID",
    "AMAZON_PAY_ENDPOINT",
    "AMAZON_PAY_ALGORITHM",
    "AMAZON_PAY_ENVIRONMENT",
    "AMAZON_PAY_MERCHANT_ID",
    "AMAZON_PAY_CA_CERT",
];

/// An emulator, its runtime and a scratch directory.
pub struct Harness {
    pub emulator: RunningEmulator,
    pub dir: TempDir,
    pub key_pem: String,
    runtime: tokio::runtime::Runtime,
}

impl Harness {
    pub fn start() -> Self {
        Self::start_with(|b| b)
    }

    pub fn start_with(configure: impl FnOnce(EmulatorBuilder) -> EmulatorBuilder) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let emulator = runtime
            .block_on(configure(Emulator::builder()).start())
            .expect("emulator");
        let key_pem = emulator
            .private_key()
            .to_pkcs8_pem()
            .expect("pem")
            .to_string();
        Harness {
            emulator,
            dir: tempfile::tempdir().expect("temp dir"),
            key_pem,
            runtime,
        }
    }

    /// A path in the scratch directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the scratch directory.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// The command with no configuration at all.
    pub fn bare(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_amazon-pay"));
        for name in VARIABLES {
            command.env_remove(name);
        }
        command.current_dir(self.dir.path());
        command
    }

    /// The command configured for the emulator through the environment.
    pub fn cli(&self) -> Command {
        let mut command = self.bare();
        command
            .env(
                "AMAZON_PAY_PUBLIC_KEY_ID",
                self.emulator.public_key_id().as_str(),
            )
            .env("AMAZON_PAY_PRIVATE_KEY", &self.key_pem)
            .env("AMAZON_PAY_REGION", self.emulator.region().as_str())
            .env("AMAZON_PAY_ENDPOINT", self.emulator.base_url())
            .env("AMAZON_PAY_STORE_ID", self.emulator.store_id());
        command
    }

    pub fn addr(&self) -> SocketAddr {
        self.emulator.local_addr()
    }
}

/// The outcome of a command, its output as text.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, Some(0), "{self:#?}");
        &self.stdout
    }

    /// Asserts exit code 1 and returns stdout and stderr together.
    pub fn failed(&self) -> String {
        assert_eq!(self.code, Some(1), "{self:#?}");
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs a command to its end.
pub fn run<I, S>(mut command: Command, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let Output {
        status,
        stdout,
        stderr,
    } = command.args(args).output().expect("run amazon-pay");
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Runs a command that must fail (exit code 1) saying `needle`.
pub fn assert_fails<I, S>(command: Command, args: I, needle: &str)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let text = run(command, args).failed();
    assert!(text.contains(needle), "`{needle}` not in {text}");
}

/// Sends one HTTP/1.1 request over a fresh connection, exactly as given; returns the status and
/// the body.
pub fn send_raw(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> (u16, String) {
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(request.as_bytes()).expect("write");
    stream.write_all(body).expect("write body");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// The PEM file holds no private key material that appears in `text`.
pub fn assert_no_secret(text: &str, key_pem: &str) {
    for line in key_pem.lines().filter(|l| !l.starts_with("-----")) {
        assert!(
            !text.contains(line),
            "a line of the private key was printed"
        );
    }
}

/// The file's Unix mode bits.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}
