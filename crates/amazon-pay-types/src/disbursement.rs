//! Disbursements (`GET v2/disbursements`). The list shape is not confirmed,
//! so decoding is lenient and the raw JSON is kept.

use crate::ids::NextToken;
use crate::macros::setters;
use crate::money::{Amount, Currency};
use crate::report::push_opt;
use crate::timestamp::Timestamp;
use crate::tolerant::tolerant;

/// Query of Get Disbursements.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DisbursementsQuery {
    /// Start of the period (required by the service).
    pub start_time: Timestamp,
    /// End of the period (required by the service).
    pub end_time: Timestamp,
    /// Page size.
    pub page_size: Option<u32>,
    /// Token of the page to fetch.
    pub next_token: Option<NextToken>,
}

impl DisbursementsQuery {
    /// A query for a period.
    pub fn new(start_time: Timestamp, end_time: Timestamp) -> Self {
        Self {
            start_time,
            end_time,
            page_size: None,
            next_token: None,
        }
    }

    setters! {
        /// Sets `pageSize`.
        page_size: u32,
        /// Sets `nextToken`.
        next_token: impl Into<NextToken>,
    }

    /// The query parameters that are set, timestamps in the basic form.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("startTime", self.start_time.to_string()),
            ("endTime", self.end_time.to_string()),
        ];
        push_opt(&mut pairs, "pageSize", &self.page_size);
        push_opt(&mut pairs, "nextToken", &self.next_token);
        pairs
    }
}

/// One disbursement record. Every field is optional and unknown fields are kept.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Disbursement {
    /// The seller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seller_id: Option<String>,
    /// The settlement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement_id: Option<String>,
    /// Amazon's reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amazon_disbursement_reference_id: Option<String>,
    /// Amount disbursed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Currency of the amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_code: Option<Currency>,
    /// When the disbursement happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_time: Option<Timestamp>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(Disbursement {
    essential: [
        "settlementId",
        "amazonDisbursementReferenceId",
        "amount",
        "currencyCode"
    ]
});

impl Disbursement {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `sellerId`.
        seller_id: impl Into<String>,
        /// Sets `settlementId`.
        settlement_id: impl Into<String>,
        /// Sets `amazonDisbursementReferenceId`.
        amazon_disbursement_reference_id: impl Into<String>,
        /// Sets `amount`.
        amount: impl Into<Amount>,
        /// Sets `currencyCode`.
        currency_code: impl Into<Currency>,
        /// Sets `transactionTime`.
        transaction_time: impl Into<Timestamp>,
    }
}

/// Response of Get Disbursements, decoded leniently: the records are taken
/// from the first array-valued field, and the whole document is kept in `raw`.
#[derive(Clone, Debug, PartialEq)]
pub struct DisbursementList {
    /// The records found (empty if none could be read).
    pub disbursements: Vec<Disbursement>,
    /// The `nextToken`, if present.
    pub next_token: Option<NextToken>,
    /// The document as received.
    pub raw: serde_json::Value,
}

impl DisbursementList {
    /// Reads a decoded JSON document.
    pub fn from_value(raw: serde_json::Value) -> Self {
        let list = match &raw {
            serde_json::Value::Array(items) => Some(items),
            serde_json::Value::Object(map) => map.values().find_map(|v| v.as_array()),
            _ => None,
        };
        let disbursements = list
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| {
                        crate::tolerant::tolerantly(|| serde_json::from_value(item.clone())).ok()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let next_token = raw
            .get("nextToken")
            .and_then(|v| v.as_str())
            .map(NextToken::from);
        Self {
            disbursements,
            next_token,
            raw,
        }
    }
}

impl serde::Serialize for DisbursementList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for DisbursementList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(Self::from_value)
    }
}
