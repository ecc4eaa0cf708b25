//! Through a real tinyproxy (started per test on an ephemeral port) to a loopback TLS server
//! whose certificate is trusted through the extra-roots option.
//!
//! Needs `tinyproxy`: run `scripts/install-test-deps.sh` once.

mod support;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use amazon_pay_client::ErrorKind;
use support::{Reply, Server};

struct Tinyproxy {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Tinyproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn tinyproxy_binary() -> PathBuf {
    [
        "/usr/bin/tinyproxy",
        "/usr/sbin/tinyproxy",
        "/usr/local/bin/tinyproxy",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .unwrap_or_else(|| {
        panic!(
            "tinyproxy is not installed; the proxy tests need it. \
                 Run `scripts/install-test-deps.sh` (as root) and test again."
        )
    })
}

impl Tinyproxy {
    fn start(basic_auth: Option<(&str, &str)>) -> Tinyproxy {
        let binary = tinyproxy_binary();
        let port = support::free_port();
        let dir = std::env::temp_dir().join(format!(
            "amazon-pay-tinyproxy-{}-{port}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let mut config = format!(
            "Port {port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 16\nAllow 127.0.0.1\n\
             LogLevel Info\nLogFile \"{}\"\nDisableViaHeader Yes\n",
            dir.join("tinyproxy.log").display()
        );
        if let Some((user, password)) = basic_auth {
            config.push_str(&format!("BasicAuth {user} {password}\n"));
        }
        let config_path = dir.join("tinyproxy.conf");
        std::fs::write(&config_path, config).unwrap();
        let child = Command::new(binary)
            .arg("-d")
            .arg("-c")
            .arg(&config_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tinyproxy");
        let proxy = Tinyproxy { child, port, dir };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tinyproxy did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        proxy
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("tinyproxy.log")).unwrap_or_default()
    }
}

fn log_mentions_connect(log: &str, port: u16) -> bool {
    log.contains(&format!("localhost:{port}"))
}

#[tokio::test]
async fn https_through_the_proxy_with_an_extra_root() {
    let proxy = Tinyproxy::start(None);
    let (server, pem) = Server::https().await;
    server.set_default(Reply::json(200, support::fixture("charge")));
    let client = server
        .client()
        .proxy(proxy.url())
        .add_root_certificate_pem(&pem)
        .build()
        .unwrap();
    let resp = client.get_charge("C1").await.unwrap();
    assert_eq!(resp.status(), 200);
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    seen[0].verified.as_ref().expect("signature verifies");
    assert_eq!(seen[0].header("x-amz-pay-host"), Some("localhost"));
    assert!(
        log_mentions_connect(&proxy.log(), server.addr.port()),
        "the request went through the proxy: {}",
        proxy.log()
    );
}

#[tokio::test]
async fn basic_auth_is_sent_to_the_proxy() {
    let proxy = Tinyproxy::start(Some(("alice", "s3cret")));
    let (server, pem) = Server::https().await;
    server.set_default(Reply::json(200, support::fixture("charge")));

    let good = server
        .client()
        .proxy(proxy.url())
        .proxy_basic_auth("alice", "s3cret")
        .add_root_certificate_pem(&pem)
        .build()
        .unwrap();
    good.get_charge("C1").await.unwrap();

    let in_url = server
        .client()
        .proxy(format!("http://alice:s3cret@127.0.0.1:{}", proxy.port))
        .add_root_certificate_pem(&pem)
        .build()
        .unwrap();
    in_url.get_charge("C1").await.unwrap();

    let wrong = server
        .client()
        .proxy(proxy.url())
        .proxy_basic_auth("alice", "wrong")
        .add_root_certificate_pem(&pem)
        .retry_policy(amazon_pay_client::RetryPolicy::none())
        .build()
        .unwrap();
    let err = wrong.get_charge("C1").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert!(
        !format!("{err:?}").contains("wrong"),
        "no credentials in errors"
    );
    assert_eq!(
        server.seen().len(),
        2,
        "the refused call never reached the server"
    );
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_through_the_proxy() {
    let proxy = Tinyproxy::start(None);
    let (server, _pem) = Server::https().await;
    let client = server
        .client()
        .proxy(proxy.url())
        .retry_policy(amazon_pay_client::RetryPolicy::none())
        .build()
        .unwrap();
    let err = client.get_charge("C1").await.unwrap_err();
    // A refused certificate is its own kind (it was `Transport` before): it is never retried.
    assert_eq!(err.kind(), ErrorKind::Tls);
    assert!(!err.is_retryable());
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn no_proxy_hosts_are_reached_directly() {
    let (server, pem) = Server::https().await;
    server.set_default(Reply::json(200, support::fixture("charge")));
    // A proxy address where nothing listens: only a direct connection can succeed.
    let dead = support::free_port();
    let client = server
        .client()
        .proxy(format!("http://127.0.0.1:{dead}"))
        .no_proxy("localhost")
        .add_root_certificate_pem(&pem)
        .build()
        .unwrap();
    client.get_charge("C1").await.unwrap();
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn the_proxy_binary_check_names_the_script() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/install-test-deps.sh");
    assert!(
        script.exists(),
        "the install script the failure message names exists"
    );
}
