//! `cargo xtask interop`: checks amazon-pay-rs against the official Node.js SDK.
//!
//! 1. Signatures: requests (V1 and V2; GET with a query, POST, PATCH and DELETE
//!    with a body, an auth-token header) and button payloads signed here are
//!    verified by `xtask/interop/verify.js` with Node's crypto and recomputed with
//!    the SDK's own signing code; what the SDK signs for the same inputs is then
//!    verified here with `amazon_pay_signing::verify_request`.
//! 2. Operations: `xtask/interop/operations.js` drives every operation of the
//!    SDK's clients (checkout, charge permissions, charges, refunds, finalize,
//!    buyer, authorization tokens, delivery trackers, reports and schedules,
//!    merchant accounts, disputes, files, in-store) in both algorithms against
//!    the emulator over HTTPS, trusting its CA: once with a `SANDBOX-` key id and
//!    once with a key id without prefix. The script fails when the SDK has an
//!    operation it does not call.
//!
//! The SDK is installed with npm into `.interop/` (ignored by git) by
//! [`node_sdk::ensure_installed`]. When node or npm is missing, or the install
//! fails, the command prints `interop: SKIPPED (reason)` and succeeds.

use crate::cmd::{step, workspace_root};
use crate::node_sdk;
use amazon_pay_emulator::{Emulator, KeyIdKind, RunningEmulator};
use amazon_pay_signing::{
    Algorithm, PrivateKey, PublicKeyId, ReceivedRequest, Region, SignableRequest, SigningParams,
    button_string_to_sign, sign, sign_button_payload, verify_request,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

/// The signing instant of every case: 2024-06-01T12:00:00Z.
const SIGNING_TIME_SECS: u64 = 1_717_243_200;

/// One request signed by amazon-pay-signing and checked by the SDK.
struct RequestCase {
    name: &'static str,
    algorithm: Algorithm,
    key_id: &'static str,
    method: &'static str,
    path: &'static str,
    query: &'static [(&'static str, &'static str)],
    headers: &'static [(&'static str, &'static str)],
    body: &'static str,
}

const REPORT_QUERY: &[(&str, &str)] = &[
    (
        "reportTypes",
        "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_,_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_",
    ),
    ("createdSince", "2024-05-01T00:00:00Z"),
    ("pageSize", "10"),
];
const IDEMPOTENCY: &[(&str, &str)] = &[(
    "x-amz-pay-idempotency-key",
    "9b5e8a3f4c2d41e0a7b6c5d4e3f2a1b0",
)];
const CREATE_BODY: &str = r#"{"webCheckoutDetails":{"checkoutReviewReturnUrl":"https://shop.example/review"},"storeId":"amzn1.application-oa2-client.0000000000000000","merchantMetadata":{"merchantStoreName":"Müller & Söhne"}}"#;
const UPDATE_BODY: &str = r#"{"paymentDetails":{"paymentIntent":"Authorize","chargeAmount":{"amount":"14.00","currencyCode":"EUR"}}}"#;
const DELETE_BODY: &str = r#"{"reason":"closing the test account"}"#;

const REQUEST_CASES: &[RequestCase] = &[
    RequestCase {
        name: "v1-get-query",
        algorithm: Algorithm::V1,
        key_id: "AHEXAMPLEKEYID0000000000",
        method: "GET",
        path: "/sandbox/v2/reports",
        query: REPORT_QUERY,
        headers: &[],
        body: "",
    },
    RequestCase {
        name: "v2-get-query",
        algorithm: Algorithm::V2,
        key_id: "SANDBOX-AHEXAMPLEKEYID0000000000",
        method: "GET",
        path: "/v2/reports",
        query: REPORT_QUERY,
        headers: &[],
        body: "",
    },
    RequestCase {
        name: "v2-get-authtoken",
        algorithm: Algorithm::V2,
        key_id: "LIVE-AHEXAMPLEKEYID0000000000",
        method: "GET",
        path: "/v2/buyers/amzn1.account.AEXAMPLEBUYER",
        query: &[],
        headers: &[("x-amz-pay-authtoken", "Atza|IwEBIEXAMPLETOKEN")],
        body: "",
    },
    RequestCase {
        name: "v1-post-body",
        algorithm: Algorithm::V1,
        key_id: "LIVE-AHEXAMPLEKEYID0000000000",
        method: "POST",
        path: "/v2/checkoutSessions",
        query: &[],
        headers: IDEMPOTENCY,
        body: CREATE_BODY,
    },
    RequestCase {
        name: "v2-post-body",
        algorithm: Algorithm::V2,
        key_id: "LIVE-AHEXAMPLEKEYID0000000000",
        method: "POST",
        path: "/v2/checkoutSessions",
        query: &[],
        headers: IDEMPOTENCY,
        body: CREATE_BODY,
    },
    RequestCase {
        name: "v2-patch-body",
        algorithm: Algorithm::V2,
        key_id: "SANDBOX-AHEXAMPLEKEYID0000000000",
        method: "PATCH",
        path: "/v2/checkoutSessions/bd504926-f659-4ad7-a1a9-9a747aaf5275",
        query: &[],
        headers: &[],
        body: UPDATE_BODY,
    },
    RequestCase {
        name: "v1-delete-body",
        algorithm: Algorithm::V1,
        key_id: "AHEXAMPLEKEYID0000000000",
        method: "DELETE",
        path: "/live/v2/merchantAccounts/A2EXAMPLEMERCHANT",
        query: &[],
        headers: &[],
        body: DELETE_BODY,
    },
    RequestCase {
        name: "v2-delete-body",
        algorithm: Algorithm::V2,
        key_id: "LIVE-AHEXAMPLEKEYID0000000000",
        method: "DELETE",
        path: "/v2/merchantAccounts/A2EXAMPLEMERCHANT",
        query: &[],
        headers: &[],
        body: DELETE_BODY,
    },
];

const BUTTON_PAYLOAD: &str = r#"{"webCheckoutDetails":{"checkoutReviewReturnUrl":"https://shop.example/review"},"storeId":"amzn1.application-oa2-client.0000000000000000","scopes":["name","email","phoneNumber","billingAddress"]}"#;

/// Runs both checks, or reports why they were skipped.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("interop takes no arguments, got `{arg}`"));
    }
    let dir = match node_sdk::ensure_installed() {
        Ok(dir) => dir,
        Err(reason) => {
            let line = "!".repeat(78);
            println!("{line}\ninterop: SKIPPED ({reason})\n{line}");
            return Ok(());
        }
    };
    println!(
        "interop: {} {} in {}",
        node_sdk::PACKAGE,
        node_sdk::VERSION,
        dir.display()
    );
    signatures(&dir)?;
    for kind in [KeyIdKind::Sandbox, KeyIdKind::Classic] {
        operations(&dir, kind)?;
    }
    println!("xtask interop: the official Node.js SDK agrees with amazon-pay-rs");
    Ok(())
}

fn node(dir: &Path, script: &str) -> Command {
    let mut command = Command::new("node");
    command
        .arg(workspace_root().join("xtask").join("interop").join(script))
        .env("NODE_PATH", dir.join("node_modules"))
        .current_dir(dir);
    command
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("parsing {}: {e}", path.display()))
}

/// Part 1: our signatures checked by Node, the SDK's checked by us.
fn signatures(dir: &Path) -> Result<(), String> {
    let key = PrivateKey::generate_2048().map_err(|e| format!("generating a test key: {e}"))?;
    let public = key.public_key();
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(SIGNING_TIME_SECS);
    let mut requests = Vec::with_capacity(REQUEST_CASES.len());
    for case in REQUEST_CASES {
        let key_id = PublicKeyId::new(case.key_id).map_err(|e| format!("{}: {e}", case.name))?;
        let params = SigningParams::new(Region::Na, key_id, case.algorithm, time);
        let request = SignableRequest::new(case.method, case.path)
            .with_query(case.query)
            .with_headers(case.headers)
            .with_body(case.body.as_bytes());
        let signed = sign(&request, &params, &key).map_err(|e| format!("{}: {e}", case.name))?;
        requests.push(json!({
            "name": case.name,
            "algorithm": case.algorithm.as_str(),
            "saltLength": case.algorithm.salt_len(),
            "publicKeyId": case.key_id,
            "region": Region::Na.as_str(),
            "method": case.method,
            "path": case.path,
            "query": case.query,
            "headers": case.headers,
            "body": case.body,
            "amzDate": signed.amz_date(),
            "canonicalRequest": signed.canonical_request(),
            "stringToSign": signed.string_to_sign(),
            "signature": signed.signature(),
        }));
    }
    let mut buttons = Vec::new();
    for algorithm in [Algorithm::V1, Algorithm::V2] {
        let key_id = PublicKeyId::new("SANDBOX-AHEXAMPLEKEYID0000000000")
            .map_err(|e| format!("button key id: {e}"))?;
        let signature = sign_button_payload(BUTTON_PAYLOAD, &key_id, algorithm, &key)
            .map_err(|e| format!("button signature: {e}"))?;
        buttons.push(json!({
            "name": format!("button-{}", if algorithm == Algorithm::V1 { "v1" } else { "v2" }),
            "algorithm": algorithm.as_str(),
            "saltLength": algorithm.salt_len(),
            "publicKeyId": key_id.as_str(),
            "region": Region::Na.as_str(),
            "payload": BUTTON_PAYLOAD,
            "stringToSign": button_string_to_sign(algorithm, BUTTON_PAYLOAD),
            "signature": signature.signature(),
        }));
    }
    let private_pem = key
        .to_pkcs8_pem()
        .map_err(|e| format!("exporting the test key: {e}"))?;
    let public_pem = public
        .to_pem()
        .map_err(|e| format!("exporting the public key: {e}"))?;
    let cases = json!({
        "publicKeyPem": public_pem,
        "privateKeyPem": private_pem.as_str(),
        "requests": requests,
        "buttons": buttons,
    });
    let cases_path = dir.join("signature-cases.json");
    let sdk_path = dir.join("sdk-signed.json");
    write(&cases_path, &cases.to_string())?;
    let mut verify = node(dir, "verify.js");
    verify.arg(&cases_path).arg(&sdk_path);
    step("interop: Node verifies our signatures", verify)?;

    println!("==> interop: we verify the SDK's signatures");
    let sdk = read_json(&sdk_path)?;
    let lookup = |_: &str| Some(public.clone());
    let mut checked = 0;
    for request in sdk["requests"]
        .as_array()
        .ok_or("sdk-signed.json: no requests")?
    {
        check_sdk_request(request, &lookup)?;
        checked += 1;
    }
    for button in sdk["buttons"]
        .as_array()
        .ok_or("sdk-signed.json: no buttons")?
    {
        let name = button["name"].as_str().unwrap_or("?");
        let algorithm: Algorithm = str_field(button, "algorithm")?
            .parse()
            .map_err(|_| format!("{name}: unknown algorithm"))?;
        let signature = BASE64
            .decode(str_field(button, "signature")?)
            .map_err(|_| format!("{name}: the SDK's signature is not Base64"))?;
        let string_to_sign = button_string_to_sign(algorithm, str_field(button, "payload")?);
        public
            .verify(algorithm, string_to_sign.as_bytes(), &signature)
            .map_err(|e| format!("{name}: the SDK's button signature does not verify: {e}"))?;
        println!("  ok   SDK button {name}");
        checked += 1;
    }
    if checked != REQUEST_CASES.len() + 2 {
        return Err(format!(
            "the SDK returned {checked} signatures, expected {}",
            REQUEST_CASES.len() + 2
        ));
    }
    println!("<== interop: we verify the SDK's signatures: ok ({checked} signatures)");
    Ok(())
}

fn str_field<'a>(value: &'a Value, name: &str) -> Result<&'a str, String> {
    value[name]
        .as_str()
        .ok_or_else(|| format!("sdk-signed.json: `{name}` is missing"))
}

fn check_sdk_request(
    request: &Value,
    lookup: &dyn Fn(&str) -> Option<amazon_pay_signing::PublicKey>,
) -> Result<(), String> {
    let name = str_field(request, "name")?;
    let headers: Vec<(String, String)> = request["headers"]
        .as_array()
        .ok_or_else(|| format!("{name}: no headers"))?
        .iter()
        .filter_map(|pair| Some((pair[0].as_str()?.to_owned(), pair[1].as_str()?.to_owned())))
        .collect();
    let header_refs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let received = ReceivedRequest {
        method: str_field(request, "method")?,
        path: str_field(request, "path")?,
        query: str_field(request, "query")?,
        headers: &header_refs,
        body: str_field(request, "body")?.as_bytes(),
    };
    let verified = verify_request(&received, lookup)
        .map_err(|e| format!("{name}: the SDK's request does not verify: {e}"))?;
    if verified.canonical_request() != str_field(request, "canonicalRequest")? {
        return Err(format!(
            "{name}: our verifier rebuilt a different canonical request:\n{}\n--- the SDK signed:\n{}",
            verified.canonical_request(),
            str_field(request, "canonicalRequest")?
        ));
    }
    println!("  ok   SDK request {name}");
    Ok(())
}

/// Part 2: every operation of the SDK against the emulator over HTTPS, with a key id of `kind`.
fn operations(dir: &Path, kind: KeyIdKind) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the async runtime: {e}"))?;
    let emulator = runtime
        .block_on(Emulator::builder().tls(true).key_id_kind(kind).start())
        .map_err(|e| format!("starting the emulator: {e}"))?;
    let result = drive_operations(dir, &emulator);
    let judged = emulator.requests();
    runtime.block_on(emulator.shutdown());
    result?;
    let mut operations: Vec<&str> = judged
        .iter()
        .filter_map(|r| r.operation.as_deref())
        .collect();
    operations.sort_unstable();
    operations.dedup();
    println!(
        "  the emulator judged {} SDK requests ({} operations) with key id {}",
        judged.len(),
        operations.len(),
        match kind {
            KeyIdKind::Classic => "without prefix",
            _ => "SANDBOX-…",
        }
    );
    Ok(())
}

fn drive_operations(dir: &Path, emulator: &RunningEmulator) -> Result<(), String> {
    let ca: PathBuf = dir.join("emulator-ca.pem");
    let key_file = dir.join("emulator-key.pem");
    write(&ca, emulator.ca_pem())?;
    let pem = emulator
        .private_key()
        .to_pkcs8_pem()
        .map_err(|e| format!("exporting the emulator key: {e}"))?;
    write(&key_file, &pem)?;
    let base_url = emulator.base_url();
    let service = base_url
        .strip_prefix("https://")
        .ok_or_else(|| format!("the emulator is not serving HTTPS: {base_url}"))?;
    let mut script = node(dir, "operations.js");
    script
        .env("NODE_EXTRA_CA_CERTS", &ca)
        .env("INTEROP_SERVICE", service)
        .env("INTEROP_BASE_URL", base_url)
        .env("INTEROP_KEY_ID", emulator.public_key_id().as_str())
        .env("INTEROP_KEY_FILE", &key_file)
        .env("INTEROP_STORE_ID", emulator.store_id())
        .env("INTEROP_MERCHANT_ID", emulator.merchant_id())
        .env("INTEROP_REGION", emulator.region().as_str());
    step(
        "interop: every operation of the Node SDK on the emulator",
        script,
    )
}
