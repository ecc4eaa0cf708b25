//! Response decoding on arbitrary bytes: `amazon_pay_types::from_json` into
//! `CheckoutSession`, `Charge`, `ChargePermission`, `Refund` and `ErrorBody`.
//!
//! Decoding never panics; it agrees with plain serde_json (the fast path and
//! the path-tracking retry give the same answer); and whatever decodes encodes
//! and decodes back to an equal value, unless writing refuses it for a reason
//! the API would (a currency code it does not accept, more fraction digits than
//! the currency has, a charge above the currency's maximum): reading is
//! tolerant, writing is not.

#![no_main]

use amazon_pay_types::{Charge, ChargePermission, CheckoutSession, ErrorBody, Refund, from_json};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn check<T>(data: &[u8])
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let plain = serde_json::from_slice::<T>(data);
    match from_json::<T>(data) {
        Ok(value) => {
            let plain = plain.expect("from_json accepted what serde_json refuses");
            assert_eq!(plain, value, "from_json and serde_json disagree");
            let encoded = match serde_json::to_vec(&value) {
                Ok(encoded) => encoded,
                Err(error) => {
                    let reason = error.to_string();
                    assert!(
                        ["not a currency code", "fraction digits", "maximum charge"]
                            .iter()
                            .any(|refusal| reason.contains(refusal)),
                        "a decoded value does not encode: {reason}"
                    );
                    return;
                }
            };
            let again: T = from_json(&encoded).expect("an encoded value decodes again");
            assert_eq!(again, value, "round trip changed the value");
        }
        Err(error) => {
            assert!(plain.is_err(), "from_json refused what serde_json accepts");
            assert!(!error.message().is_empty(), "a decode error has no message");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    check::<CheckoutSession>(data);
    check::<Charge>(data);
    check::<ChargePermission>(data);
    check::<Refund>(data);
    check::<ErrorBody>(data);
});
