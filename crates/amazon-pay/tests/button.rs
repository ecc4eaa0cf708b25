//! Button configs: the signature covers exactly the rendered payload text, and the config
//! serializes to the front end's object.

use amazon_pay::signing::button_string_to_sign;
use amazon_pay::types::{Frequency, FrequencyUnit, Scope};
use amazon_pay::{
    Algorithm, ButtonConfig, ButtonExt, Client, CreateCheckoutSessionRequest, PrivateKey,
    SignInPayload,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

const KEY_ID: &str = "SANDBOX-AFVX7ULWSGBZ5535PCUQOY7B";
const STORE_ID: &str = "amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId";

fn client(key: &PrivateKey, algorithm: Algorithm) -> Client {
    Client::builder()
        .public_key_id(KEY_ID)
        .signer(key.clone())
        .region("eu")
        .algorithm(algorithm)
        .build()
        .expect("client builds")
}

fn verifies(key: &PrivateKey, config: &ButtonConfig, algorithm: Algorithm) -> bool {
    let message = button_string_to_sign(algorithm, &config.payload_json);
    key.public_key()
        .verify(
            algorithm,
            message.as_bytes(),
            &BASE64.decode(&config.signature).expect("Base64 signature"),
        )
        .is_ok()
}

#[test]
fn checkout_config_signs_the_rendered_payload() {
    let key = PrivateKey::generate_2048().expect("key");
    let payload = CreateCheckoutSessionRequest::recurring(
        STORE_ID,
        "https://shop.example/review",
        Frequency::new(FrequencyUnit::Month, 1u32),
        None,
    );
    let config = client(&key, Algorithm::V2)
        .button_config(&payload)
        .expect("signs");

    assert_eq!(config.payload_json, payload.to_payload_json());
    assert_eq!(config.public_key_id, KEY_ID);
    assert_eq!(config.algorithm.as_deref(), Some("AMZN-PAY-RSASSA-PSS-V2"));
    assert!(verifies(&key, &config, Algorithm::V2));

    // Any other text (a re-serialization with other spacing, say) does not verify.
    let mut respaced = config.clone();
    respaced.payload_json = respaced.payload_json.replacen(':', ": ", 1);
    assert!(!verifies(&key, &respaced, Algorithm::V2));
    // Nor does the V1 salt length.
    assert!(!verifies(&key, &config, Algorithm::V1));

    let json = serde_json::to_value(&config).expect("serializes");
    let mut keys: Vec<_> = json.as_object().expect("object").keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["algorithm", "payloadJSON", "publicKeyId", "signature"]
    );
    let inner: serde_json::Value =
        serde_json::from_str(json["payloadJSON"].as_str().expect("string")).expect("json");
    assert_eq!(inner["chargePermissionType"], "Recurring");
    assert_eq!(inner["storeId"], STORE_ID);
}

#[test]
fn sign_in_config_with_v1() {
    let key = PrivateKey::generate_2048().expect("key");
    let payload = SignInPayload::new("https://shop.example/signed-in", STORE_ID)
        .sign_in_scopes(vec![Scope::Name, Scope::Email]);
    let config = client(&key, Algorithm::V1)
        .button_config(&payload)
        .expect("signs");
    assert_eq!(config.payload_json, payload.to_payload_json());
    assert_eq!(config.algorithm.as_deref(), Some("AMZN-PAY-RSASSA-PSS"));
    assert!(verifies(&key, &config, Algorithm::V1));
    assert!(!verifies(&key, &config, Algorithm::V2));

    // Another key's public half does not verify it.
    let other = PrivateKey::generate_2048().expect("key");
    assert!(!verifies(&other, &config, Algorithm::V1));
}
