//! A test PKI (root, intermediate, leaf) and signed SNS messages built from it.

#![allow(dead_code, unreachable_pub)]

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RSA_PKCS1_SHA256, RsaKeyPair};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, PKCS_RSA_SHA256,
};
use serde_json::{Map, Value, json};

pub const CERT_URL: &str =
    "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem";
pub const SUBSCRIBE_URL: &str = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:ipn&Token=tok";
pub const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:example-amazon-pay-ipn";
pub const MERCHANT: &str = "A1EXAMPLEMERCH0";
pub const TIMESTAMP: &str = "2025-06-01T12:00:00.000Z";

/// 2025-06-01T12:00:00Z, the time of [`TIMESTAMP`].
pub fn message_time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_748_779_200)
}

/// A verification time one minute after the message.
pub fn now() -> SystemTime {
    message_time() + Duration::from_secs(60)
}

pub struct Pki {
    pub root_pem: String,
    pub intermediate_pem: String,
    /// Leaf followed by the intermediate, as an emulator would serve it.
    pub chain_pem: String,
    /// The leaf alone.
    pub leaf_pem: String,
    /// A leaf of the same key whose validity ended in 2021.
    pub expired_chain_pem: String,
    /// A self-signed certificate of the same key, outside any trust store.
    pub self_signed_pem: String,
    /// A leaf of the same key under the trusted intermediate, issued to another host
    /// (`shop.example`), followed by the intermediate.
    pub other_host_chain_pem: String,
    /// Leaves of the same key naming `sns.amazonaws.com` only as a DNS subject alternative
    /// name, and only as the subject common name.
    pub san_only_chain_pem: String,
    pub common_name_only_chain_pem: String,
    leaf_key_pkcs8: Vec<u8>,
}

fn rsa_key() -> KeyPair {
    KeyPair::generate_for(&PKCS_RSA_SHA256).expect("RSA key generation")
}

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2040, 1, 1);
    params
}

fn leaf_params(from: (i32, u8, u8), to: (i32, u8, u8)) -> CertificateParams {
    named_leaf_params("sns.amazonaws.com", &["sns.amazonaws.com"], from, to)
}

/// A leaf with this subject common name and these DNS subject alternative names.
fn named_leaf_params(
    common_name: &str,
    dns_names: &[&str],
    from: (i32, u8, u8),
    to: (i32, u8, u8),
) -> CertificateParams {
    let names = dns_names
        .iter()
        .map(|name| (*name).to_owned())
        .collect::<Vec<_>>();
    let mut params = CertificateParams::new(names).expect("params");
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
    params.not_after = rcgen::date_time_ymd(to.0, to.1, to.2);
    params
}

pub fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let root_key = rsa_key();
        let root_params = ca_params("amazon-pay-ipn test root");
        let root = root_params.self_signed(&root_key).expect("root");
        let root_issuer = Issuer::from_params(&root_params, &root_key);

        let intermediate_key = rsa_key();
        let intermediate_params = ca_params("amazon-pay-ipn test intermediate");
        let intermediate = intermediate_params
            .signed_by(&intermediate_key, &root_issuer)
            .expect("intermediate");
        let intermediate_issuer = Issuer::from_params(&intermediate_params, &intermediate_key);

        let leaf_key = rsa_key();
        let leaf = leaf_params((2024, 1, 1), (2030, 1, 1))
            .signed_by(&leaf_key, &intermediate_issuer)
            .expect("leaf");
        let expired = leaf_params((2020, 1, 1), (2021, 1, 1))
            .signed_by(&leaf_key, &intermediate_issuer)
            .expect("expired leaf");
        let self_signed = leaf_params((2024, 1, 1), (2030, 1, 1))
            .self_signed(&leaf_key)
            .expect("self-signed");

        let chain_of = |common_name: &str, dns_names: &[&str]| {
            let leaf = named_leaf_params(common_name, dns_names, (2024, 1, 1), (2030, 1, 1))
                .signed_by(&leaf_key, &intermediate_issuer)
                .expect("named leaf");
            format!("{}{}", leaf.pem(), intermediate.pem())
        };
        Pki {
            other_host_chain_pem: chain_of("shop.example", &["shop.example", "www.shop.example"]),
            san_only_chain_pem: chain_of("Amazon SNS", &["sns.amazonaws.com"]),
            common_name_only_chain_pem: chain_of("sns.amazonaws.com", &["sns.example"]),
            root_pem: root.pem(),
            intermediate_pem: intermediate.pem(),
            chain_pem: format!("{}{}", leaf.pem(), intermediate.pem()),
            leaf_pem: leaf.pem(),
            expired_chain_pem: format!("{}{}", expired.pem(), intermediate.pem()),
            self_signed_pem: self_signed.pem(),
            leaf_key_pkcs8: leaf_key.serialize_der(),
        }
    })
}

/// The string to sign, written out from the specification independently of the crate.
pub fn string_to_sign(envelope: &Map<String, Value>) -> String {
    let get = |key: &str, alternative: &str| {
        envelope
            .get(key)
            .or_else(|| envelope.get(alternative))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let kind = get("Type", "Type").expect("Type");
    let keys: &[(&str, &str)] = if kind == "Notification" {
        &[
            ("Message", "Message"),
            ("MessageId", "MessageId"),
            ("Subject", "Subject"),
            ("Timestamp", "Timestamp"),
            ("TopicArn", "TopicArn"),
            ("Type", "Type"),
        ]
    } else {
        &[
            ("Message", "Message"),
            ("MessageId", "MessageId"),
            ("SubscribeURL", "SubscribeUrl"),
            ("Timestamp", "Timestamp"),
            ("Token", "Token"),
            ("TopicArn", "TopicArn"),
            ("Type", "Type"),
        ]
    };
    let mut out = String::new();
    for (key, alternative) in keys {
        if let Some(value) = get(key, alternative) {
            out.push_str(key);
            out.push('\n');
            out.push_str(&value);
            out.push('\n');
        }
    }
    out
}

/// Signs `envelope` in place (fills `Signature`) with the test leaf key.
pub fn sign(envelope: &mut Map<String, Value>) {
    let version = envelope
        .get("SignatureVersion")
        .and_then(Value::as_str)
        .unwrap_or("2")
        .to_owned();
    let message = string_to_sign(envelope);
    let signature = if version == "1" {
        use rsa::pkcs8::DecodePrivateKey as _;
        use rsa::signature::{SignatureEncoding as _, Signer as _};
        let key = rsa::PrivateKey::from_pkcs8_der(&pki().leaf_key_pkcs8).expect("leaf key");
        rsa::pkcs1v15::SigningKey::<sha1::Sha1>::new(key)
            .sign(message.as_bytes())
            .to_vec()
    } else {
        let key = RsaKeyPair::from_pkcs8(&pki().leaf_key_pkcs8).expect("leaf key");
        let mut signature = vec![0; key.public_modulus_len()];
        key.sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            message.as_bytes(),
            &mut signature,
        )
        .expect("sign");
        signature
    };
    envelope.insert(
        "Signature".into(),
        Value::String(STANDARD.encode(signature)),
    );
}

pub fn inner_message(merchant: &str) -> String {
    json!({
        "MerchantID": merchant,
        "ObjectType": "CHARGE",
        "ObjectId": "S01-1234567-1234567-C123456",
        "ChargePermissionId": "S01-1234567-1234567",
        "NotificationType": "STATE_CHANGE",
        "NotificationId": "8f0e5e8a-1b4b-4d2a-9c41-5d3f0a1b2c3d",
        "NotificationVersion": "V2"
    })
    .to_string()
}

/// An unsigned Notification envelope.
pub fn notification(version: &str) -> Map<String, Value> {
    let Value::Object(map) = json!({
        "Type": "Notification",
        "MessageId": "2b2a8a6c-6f5e-5c1a-9b1e-0c7d5e3f4a21",
        "TopicArn": TOPIC,
        "Message": inner_message(MERCHANT),
        "Timestamp": TIMESTAMP,
        "SignatureVersion": version,
        "SigningCertURL": CERT_URL,
        "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x"
    }) else {
        unreachable!("a JSON object literal")
    };
    map
}

/// An unsigned SubscriptionConfirmation or UnsubscribeConfirmation envelope.
pub fn confirmation(kind: &str) -> Map<String, Value> {
    let Value::Object(map) = json!({
        "Type": kind,
        "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
        "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736",
        "TopicArn": TOPIC,
        "Message": "You have chosen to subscribe to the topic.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
        "SubscribeURL": SUBSCRIBE_URL,
        "Timestamp": TIMESTAMP,
        "SignatureVersion": "2",
        "SigningCertURL": CERT_URL
    }) else {
        unreachable!("a JSON object literal")
    };
    map
}

pub fn body(envelope: &Map<String, Value>) -> Vec<u8> {
    serde_json::to_vec(envelope).expect("serialize")
}
