//! The emulator program running as a child of xtask (`load`, `crash-soak`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The emulator program running as a child.
pub(crate) struct EmulatorProcess {
    /// The child.
    pub(crate) process: Child,
    /// `http://127.0.0.1:PORT`.
    pub(crate) base_url: String,
    /// The public key id it accepts.
    pub(crate) key_id: String,
    /// Its private key (PKCS#8 PEM).
    pub(crate) key_path: PathBuf,
    /// `127.0.0.1:PORT`.
    pub(crate) addr: String,
}

impl EmulatorProcess {
    /// Starts `binary` on `127.0.0.1:0` with its private key written into `dir` (its stderr to
    /// `dir/stderr.txt`) and `extra` arguments; reads its URL and key id from its output.
    pub(crate) fn start(
        binary: &Path,
        dir: &Path,
        extra: &[String],
    ) -> Result<EmulatorProcess, String> {
        let key_path = dir.join("key.pem");
        let stderr = std::fs::File::create(dir.join("stderr.txt"))
            .map_err(|e| format!("emulator: stderr file: {e}"))?;
        let mut process = Command::new(binary)
            .args(["--listen", "127.0.0.1:0", "--private-key-out"])
            .arg(&key_path)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("emulator: starting {}: {e}", binary.display()))?;
        let stdout = process.stdout.take().ok_or("emulator: no stdout")?;
        let (mut base_url, mut key_id) = (None, None);
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| format!("emulator: reading the emulator's output: {e}"))?;
            if let Some(url) = line.strip_prefix("amazon-pay-emulator listening on ") {
                base_url = Some(url.trim().to_owned());
            } else if let Some(id) = line.trim().strip_prefix("public key id ") {
                key_id = Some(id.trim().to_owned());
            } else if line.trim().starts_with("private key") {
                break;
            }
        }
        let (Some(base_url), Some(key_id)) = (base_url, key_id) else {
            let _ = process.kill();
            return Err("emulator: the emulator did not print its URL and key id".to_owned());
        };
        let addr = base_url.trim_start_matches("http://").to_owned();
        Ok(EmulatorProcess {
            process,
            base_url,
            key_id,
            key_path,
            addr,
        })
    }

    /// POSTs JSON to the admin API (plain HTTP/1.1 on a fresh connection).
    pub(crate) fn admin_post(&self, path: &str, body: &serde_json::Value) -> Result<(), String> {
        let body = body.to_string();
        let mut stream =
            TcpStream::connect(&self.addr).map_err(|e| format!("emulator: admin API: {e}"))?;
        write!(
            stream,
            "POST /__admin/{path} HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .map_err(|e| format!("emulator: admin API: {e}"))?;
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .map_err(|e| format!("emulator: admin API: {e}"))?;
        if answer.starts_with("HTTP/1.1 2") {
            Ok(())
        } else {
            Err(format!(
                "emulator: admin API {path} answered {}",
                answer.lines().next().unwrap_or("nothing")
            ))
        }
    }

    /// User plus system CPU seconds the child has used (clock ticks of 1/100 s).
    pub(crate) fn cpu_seconds(&self) -> Option<f64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.process.id())).ok()?;
        let fields: Vec<&str> = stat.rsplit_once(") ")?.1.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        Some(ticks as f64 / 100.0)
    }

    pub(crate) fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.process.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}
