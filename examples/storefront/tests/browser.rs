//! The storefront in headless Chromium, driven through chromedriver: pay with the happy-path
//! method and with a declined one, a tampered button signature, and Amazon Sign-In. Each page is
//! saved as a screenshot under `target/storefront-screenshots/`.
//!
//! Chromium and chromedriver come from Debian's `chromium` and `chromium-driver` packages,
//! which `scripts/install-test-deps.sh` installs; without them these tests fail and say so.

use std::error::Error;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use amazon_pay_storefront::Storefront;
use fantoccini::elements::Element;
use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

type TestResult<T = ()> = Result<T, Box<dyn Error + Send + Sync>>;

/// Longest wait for one page or element.
const STEP_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest wait for chromedriver to answer.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(30);
/// Between two looks for an element.
const POLL: Duration = Duration::from_millis(100);

const CHROMIUM_CANDIDATES: &[&str] = &["/usr/bin/chromium", "/usr/lib/chromium/chromium"];
const CHROMEDRIVER_CANDIDATES: &[&str] =
    &["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"];
const INSTALL_HINT: &str =
    "run scripts/install-test-deps.sh (it installs Debian's chromium and chromium-driver)";

/// One browser at a time: the machine is small and each test starts its own Chromium.
static BROWSER_LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn find(candidates: &[&str], what: &str) -> PathBuf {
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{what} not found at {candidates:?}: {INSTALL_HINT}"))
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

fn screenshot_dir() -> PathBuf {
    let dir = target_dir().join("storefront-screenshots");
    std::fs::create_dir_all(&dir).expect("create the screenshot directory");
    dir
}

/// chromedriver on an ephemeral loopback port, with a fresh Chromium profile directory.
struct Driver {
    child: Child,
    url: String,
    profile: PathBuf,
}

impl Driver {
    async fn start(name: &str) -> TestResult<Self> {
        let chromedriver = find(CHROMEDRIVER_CANDIDATES, "chromedriver");
        let port = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?
            .local_addr()?
            .port();
        let log = std::fs::File::create(screenshot_dir().join(format!("{name}-chromedriver.log")))?;
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()?;
        let profile =
            std::env::temp_dir().join(format!("storefront-chromium-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile)?;
        let mut driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            profile,
        };
        let started = Instant::now();
        loop {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Ok(driver);
            }
            if let Some(status) = driver.child.try_wait()? {
                return Err(format!(
                    "chromedriver exited with {status} (see {name}-chromedriver.log)"
                )
                .into());
            }
            if started.elapsed() > DRIVER_START_TIMEOUT {
                return Err("chromedriver did not listen in time".into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn browser(&self) -> TestResult<Client> {
        let chromium = find(CHROMIUM_CANDIDATES, "chromium");
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    "--window-size=1100,900",
                    format!("--user-data-dir={}", self.profile.display()),
                ],
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&self.url)
            .await?;
        Ok(client)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A browser on a fresh storefront, and the screenshots it takes.
struct Session {
    browser: Client,
    shop: Storefront,
    name: &'static str,
    shots: usize,
}

impl Session {
    async fn wait_for(&self, css: &str) -> TestResult<Element> {
        self.browser
            .wait()
            .at_most(STEP_TIMEOUT)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("waiting for {css}: {e}").into())
    }

    async fn text(&self, css: &str) -> TestResult<String> {
        Ok(self.wait_for(css).await?.text().await?)
    }

    async fn click(&self, css: &str) -> TestResult {
        self.wait_for(css).await?.click().await?;
        Ok(())
    }

    async fn screenshot(&mut self, page: &str) -> TestResult<PathBuf> {
        self.shots += 1;
        let path = screenshot_dir().join(format!("{}-{:02}-{page}.png", self.name, self.shots));
        std::fs::write(&path, self.browser.screenshot().await?)?;
        Ok(path)
    }

    /// Product page → Amazon Pay button → hosted page (choose `method`) → review page →
    /// "Place your order" → result page.
    async fn checkout(&mut self, method: &str) -> TestResult {
        self.browser.goto(self.shop.url()).await?;
        self.wait_for("button[data-amazon-pay=checkout]").await?;
        assert_eq!(self.text("#product-name").await?, "Emulator Espresso Cup");
        self.screenshot("product").await?;
        self.click("button[data-amazon-pay=checkout]").await?;

        self.click(&format!("input[name=paymentMethod][value={method}]"))
            .await?;
        let hosted = self.browser.current_url().await?;
        assert!(
            hosted.as_str().starts_with(self.shop.emulator().base_url()),
            "{hosted}"
        );
        self.screenshot("amazon-pay").await?;
        self.click("form button[type=submit]").await?;

        assert_eq!(self.text("#buyer-name").await?, "Jane Example");
        assert!(self.text("#shipping-address").await?.contains("Seattle"));
        assert_eq!(self.text("#total").await?, "14.00 USD");
        self.screenshot("review").await?;
        self.click("#place-order").await?;
        Ok(())
    }
}

/// Runs `flow` in a fresh Chromium on a fresh storefront, then closes the browser whatever
/// the outcome.
async fn with_browser<F>(name: &'static str, flow: F) -> TestResult
where
    F: AsyncFnOnce(&mut Session) -> TestResult,
{
    let _one_at_a_time = BROWSER_LOCK.lock().await;
    let database = screenshot_dir().join(format!("{name}.sqlite3"));
    let _ = std::fs::remove_file(&database);
    let shop = Storefront::start_with_database(
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        &format!("sqlite://{}?mode=rwc", database.display()),
    )
    .await?;
    let driver = Driver::start(name).await?;
    let browser = driver.browser().await?;
    let mut session = Session {
        browser,
        shop,
        name,
        shots: 0,
    };
    let outcome = flow(&mut session).await;
    if outcome.is_err() {
        let _ = session.screenshot("failure").await;
    }
    let Session { browser, shop, .. } = session;
    let closed = browser.close().await;
    drop(driver);
    shop.shutdown().await;
    outcome?;
    closed?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pays_with_the_happy_path_method_and_sees_completed() -> TestResult {
    with_browser("happy-path", async |s| {
        s.checkout("approve").await?;
        assert_eq!(s.text("#checkout-state").await?, "Completed");
        assert!(!s.text("#charge-id").await?.is_empty());
        s.screenshot("result").await?;

        // The emulator posts a signed notification for the charge permission (closed once the
        // whole amount is captured); the shop verifies it and fetches the object's state.
        let started = Instant::now();
        while !s
            .shop
            .shop()
            .notifications()
            .await?
            .iter()
            .any(|n| n.object_type == "CHARGE_PERMISSION")
        {
            if started.elapsed() > STEP_TIMEOUT {
                let sent: Vec<String> = s
                    .shop
                    .emulator()
                    .ipns()
                    .iter()
                    .map(|r| format!("{} {:?} {:?}", r.object_type, r.status, r.error))
                    .collect();
                return Err(format!(
                    "no charge permission notification recorded; shop has {:?}; emulator sent {sent:?}",
                    s.shop.shop().notifications().await?
                )
                .into());
            }
            tokio::time::sleep(POLL).await;
        }
        s.browser.goto(&format!("{}/notifications", s.shop.url())).await?;
        let table = s.text("#notifications").await?;
        assert!(table.contains("CHARGE_PERMISSION") && table.contains("Closed"), "{table}");
        s.screenshot("notifications").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pays_with_a_declined_method_and_sees_the_decline() -> TestResult {
    with_browser("declined", async |s| {
        s.checkout("declined").await?;
        assert_eq!(s.text("#decline-reason").await?, "Declined");
        let page = s.browser.source().await?;
        assert!(page.contains("Your payment was declined"), "{page}");
        s.screenshot("result").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tampered_button_payload_shows_amazons_signature_error() -> TestResult {
    with_browser("bad-signature", async |s| {
        s.browser.goto(s.shop.url()).await?;
        s.wait_for("button[data-amazon-pay=checkout]").await?;
        // The payload changes after it was signed, as when a front end re-encodes it.
        s.browser
            .execute(
                "const o = JSON.parse(JSON.stringify(window.amazonPayButtonOptions));
                 const c = o.createCheckoutSessionConfig;
                 c.payloadJSON = c.payloadJSON.replace('/review', '/review?tampered=1');
                 amazon.Pay.initCheckout(o);",
                vec![],
            )
            .await?;
        let code = s.text("#amazon-pay-error-code").await?;
        assert!(code.contains("InvalidSignatureError"), "{code}");
        s.screenshot("amazon-pay-error").await?;
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signs_in_with_amazon_and_sees_the_buyers_name() -> TestResult {
    with_browser("sign-in", async |s| {
        s.browser.goto(&format!("{}/signin", s.shop.url())).await?;
        s.wait_for("button[data-amazon-pay=sign-in]").await?;
        s.screenshot("sign-in").await?;
        s.click("button[data-amazon-pay=sign-in]").await?;
        assert_eq!(s.text("#buyer-name").await?, "Jane Example");
        s.screenshot("amazon-sign-in").await?;
        s.click("#sign-in-continue").await?;
        // The account page: the buyer token from the return URL, then Get Buyer.
        s.wait_for("#buyer-email").await?;
        let url = s.browser.current_url().await?;
        assert_eq!(url.path(), "/account");
        assert!(
            url.query().is_some_and(|q| q.starts_with("buyerToken=")),
            "{url}"
        );
        assert_eq!(s.text("#buyer-name").await?, "Jane Example");
        assert_eq!(s.text("#buyer-email").await?, "buyer@example.com");
        s.screenshot("account").await?;
        Ok(())
    })
    .await
}
