//! The three in-store operations, each a request type implementing the client's [`Operation`]
//! seam, a method of [`InStoreExt`] and a line of [`OPERATIONS`].

use amazon_pay_client::{Call, Client, Error, Idempotency, Operation, OperationInfo, json_body};
use amazon_pay_types as t;
use http::Method;

/// Defines in-store operations: a request type holding the body, its [`OperationInfo`], its
/// [`Operation`] impl, a method of [`InStoreExt`] and the [`OPERATIONS`] table.
macro_rules! in_store_operations {
    ($(
        $(#[$doc:meta])*
        $name:ident => $method:ident($body:ty) $path:literal -> $response:ty;
    )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq)]
            pub struct $name {
                /// The request body.
                pub body: $body,
            }

            impl $name {
                /// The static description of this operation.
                pub const INFO: &'static OperationInfo = &OperationInfo::new(
                    stringify!($name),
                    Method::POST,
                    $path,
                    Idempotency::Optional,
                    env!("CARGO_PKG_NAME"),
                );

                /// The operation for this body.
                pub fn new(body: $body) -> Self {
                    $name { body }
                }
            }

            impl Operation for $name {
                type Response = $response;

                fn info(&self) -> &'static OperationInfo {
                    Self::INFO
                }

                fn path(&self) -> Result<String, Error> {
                    Ok($path.to_owned())
                }

                fn body(&self) -> Result<Option<Vec<u8>>, Error> {
                    json_body(&self.body)
                }
            }
        )*

        /// The in-store operations as methods of [`Client`]: `use amazon_pay_instore::InStoreExt;`
        /// and call them like the client's own operations. Each returns a [`Call`]: set per-call
        /// options (`idempotency_key`, `auth_token`, `timeout`, …), then `.await` it.
        pub trait InStoreExt {
            $(
                $(#[$doc])*
                fn $method(&self, body: &$body) -> Call<$name>;
            )*
        }

        impl InStoreExt for Client {
            $(
                fn $method(&self, body: &$body) -> Call<$name> {
                    self.send($name::new(body.clone()))
                }
            )*
        }

        /// Every in-store operation, in the order of the API reference.
        pub static OPERATIONS: &[&OperationInfo] = &[$($name::INFO),*];
    };
}

in_store_operations! {
    /// In-Store Merchant Scan: turns the code scanned from the buyer's app into a charge
    /// permission.
    MerchantScan => merchant_scan(t::MerchantScanRequest)
        "/v2/in-store/merchantScan" -> t::MerchantScanResponse;
    /// In-Store Charge: charges the charge permission of a merchant scan.
    InStoreCharge => in_store_charge(t::InStoreChargeRequest)
        "/v2/in-store/charge" -> t::InStoreChargeResponse;
    /// In-Store Refund: refunds (part of) an in-store charge.
    InStoreRefund => in_store_refund(t::InStoreRefundRequest)
        "/v2/in-store/refund" -> t::InStoreRefundResponse;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_every_operation() {
        let rows: Vec<_> = OPERATIONS
            .iter()
            .map(|info| (info.name, info.method.as_str(), info.path, info.idempotency))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "MerchantScan",
                    "POST",
                    "/v2/in-store/merchantScan",
                    Idempotency::Optional
                ),
                (
                    "InStoreCharge",
                    "POST",
                    "/v2/in-store/charge",
                    Idempotency::Optional
                ),
                (
                    "InStoreRefund",
                    "POST",
                    "/v2/in-store/refund",
                    Idempotency::Optional
                ),
            ]
        );
        assert!(
            OPERATIONS
                .iter()
                .all(|info| info.crate_name == "amazon-pay-instore")
        );
    }

    #[test]
    fn bodies_serialize_in_the_wire_shape() {
        let op = InStoreRefund::new(t::InStoreRefundRequest::new(
            "S01-1234567-1234567-C123456",
            "refund-1",
            t::Price::new("1.50", t::Currency::Usd).expect("valid price"),
        ));
        let body = op.body().expect("serializes").expect("has a body");
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(json["chargeId"], "S01-1234567-1234567-C123456");
        assert_eq!(json["refundReferenceId"], "refund-1");
        assert_eq!(json["refundTotal"]["amount"], "1.50");
        assert_eq!(json["refundTotal"]["currencyCode"], "USD");
        assert_eq!(op.path().expect("static path"), "/v2/in-store/refund");
        assert!(op.query().is_empty());
    }
}
