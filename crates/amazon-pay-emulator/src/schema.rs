//! Request body shapes per operation: unknown fields, null values, types, required fields.
//!
//! The service answers `400 UnrecognizedField` for a field an operation does not know, so each
//! operation has an explicit allow-list, nested objects included.

use serde_json::Value;

use crate::clock::parse_timestamp;
use crate::error::{ApiError, ApiResult};
use amazon_pay_signing::Region;

use crate::money::{Money, currency_codes, require_chargeable};
use crate::routing::Operation;

/// The shape of one JSON value.
#[derive(Debug)]
pub(crate) enum Spec {
    Str,
    Bool,
    /// An integer (numbers or digit strings, as some SDKs send).
    Int,
    /// An amount in any supported currency (a charge in another currency than its checkout's
    /// is `CurrencyMismatch`, judged by the operation).
    Price,
    /// An amount that sets a checkout's currency: one the store's region can charge.
    CheckoutPrice,
    /// A `presentmentCurrency`: a supported currency the store's region can charge.
    Currency,
    /// An absolute HTTPS URL (HTTP is accepted for loopback hosts).
    Url,
    Timestamp,
    Enum(&'static [&'static str]),
    Obj(&'static [Field]),
    Arr(&'static Spec),
    /// An object with free keys, each value of the given shape.
    Map(&'static Spec),
}

/// One field of an object.
#[derive(Debug)]
pub(crate) struct Field {
    name: &'static str,
    spec: Spec,
    required: bool,
}

const fn opt(name: &'static str, spec: Spec) -> Field {
    Field {
        name,
        spec,
        required: false,
    }
}

const fn req(name: &'static str, spec: Spec) -> Field {
    Field {
        name,
        spec,
        required: true,
    }
}

use Spec::*;

pub(crate) const PAYMENT_INTENTS: &[&str] = &["Confirm", "Authorize", "AuthorizeWithCapture"];
const CHARGE_PERMISSION_TYPES: &[&str] = &["OneTime", "Recurring", "PaymentMethodOnFile"];
const SCOPES: &[&str] = &[
    "name",
    "email",
    "postalCode",
    "shippingAddress",
    "phoneNumber",
    "primeStatus",
    "billingAddress",
];
const FREQUENCY_UNITS: &[&str] = &["Year", "Month", "Week", "Day", "Variable"];
const CHARGE_INITIATORS: &[&str] = &["CITU", "MITU", "CITR", "MITR"];
const CHANNELS: &[&str] = &[
    "Web",
    "Phone",
    "App",
    "Alexa",
    "PointOfSale",
    "FireTv",
    "Offline",
    "Amazon",
];
pub(crate) const REPORT_TYPES: &[&str] = &[
    "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_",
    "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_",
    "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_",
    "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_",
    "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_",
    "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_",
    "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_",
];
pub(crate) const PROCESSING_STATUSES: &[&str] =
    &["IN_PROGRESS", "COMPLETED", "FAILED", "CANCELLED"];
const SCHEDULE_FREQUENCIES: &[&str] = &[
    "PT5M", "PT15M", "PT30M", "PT1H", "PT2H", "PT4H", "PT8H", "PT12H", "PT24H", "PT84H", "P1D",
    "P2D", "P3D", "P7D", "P14D", "P15D", "P18D", "P30D",
];
const CHARGE_STATES: &[&str] = &[
    "AuthorizationInitiated",
    "Authorized",
    "CaptureInitiated",
    "Captured",
    "Canceled",
    "Declined",
];
const DISPUTE_STATES: &[&str] = &["UnderReview", "ActionRequired", "Resolved", "Closed"];
const DISPUTE_RESOLUTIONS: &[&str] = &["BuyerWon", "MerchantWon", "NoFault"];
const DISPUTE_REASON_CODES: &[&str] = &[
    "MerchantResponseRequired",
    "MerchantAdditionalEvidencesRequired",
    "BuyerAdditionalEvidencesRequired",
    "MerchantAcceptedDispute",
    "MerchantResponseDeadlineExpired",
    "BuyerCancelled",
    "InvestigatorResolved",
    "AutoResolved",
    "ChargebackFiled",
];
const FILING_REASONS: &[&str] = &[
    "ProductNotReceived",
    "ProductUnacceptable",
    "ProductNoLongerNeeded",
    "CreditNotProcessed",
    "Overcharged",
    "DuplicateCharge",
    "SubscriptionCancelled",
    "Unrecognized",
    "Fraudulent",
    "Other",
];
const EVIDENCE_TYPES: &[&str] = &[
    "ProductDescription",
    "Receipt",
    "CancellationPolicy",
    "CustomerSignature",
    "TrackingNumber",
    "CarrierName",
    "DeviceId",
    "DeviceName",
    "DownloadDateTime",
    "Other",
];
const FILE_TYPES: &[&str] = &[
    "csv", "pdf", "xls", "xlsx", "doc", "docx", "ods", "jpg", "png",
];
const FILE_PURPOSES: &[&str] = &["disputeEvidence"];
const BUSINESS_TYPES: &[&str] = &["CORPORATE", "INDIVIDUAL"];
const LEDGER_CURRENCIES: &[&str] = &["USD", "EUR", "GBP", "JPY"];

const ADDRESS: Spec = Obj(&[
    opt("name", Str),
    opt("addressLine1", Str),
    opt("addressLine2", Str),
    opt("addressLine3", Str),
    opt("city", Str),
    opt("county", Str),
    opt("district", Str),
    opt("stateOrRegion", Str),
    opt("postalCode", Str),
    opt("countryCode", Str),
    opt("phoneNumber", Str),
]);
const ADDRESS_DETAILS: Spec = Obj(&[
    opt("name", Str),
    opt("addressLine1", Str),
    opt("addressLine2", Str),
    opt("addressLine3", Str),
    opt("city", Str),
    opt("districtOrCounty", Str),
    opt("stateOrRegion", Str),
    opt("postalCode", Str),
    opt("countryCode", Str),
    opt("phoneNumber", Str),
]);
const WEB_CHECKOUT_DETAILS: Spec = Obj(&[
    opt("checkoutReviewReturnUrl", Url),
    opt("checkoutResultReturnUrl", Url),
    opt("checkoutCancelUrl", Url),
    opt("checkoutMode", Enum(&["ProcessOrder"])),
]);
const PAYMENT_DETAILS: Spec = Obj(&[
    opt("paymentIntent", Enum(PAYMENT_INTENTS)),
    opt("canHandlePendingAuthorization", Bool),
    opt("chargeAmount", CheckoutPrice),
    opt("totalOrderAmount", CheckoutPrice),
    opt("presentmentCurrency", Currency),
    opt("allowOvercharge", Bool),
    opt("extendExpiration", Bool),
    opt("softDescriptor", Str),
    opt("estimateOrderTotal", CheckoutPrice),
]);
const MERCHANT_METADATA: Spec = Obj(&[
    opt("merchantReferenceId", Str),
    opt("merchantStoreName", Str),
    opt("noteToBuyer", Str),
    opt("customInformation", Str),
]);
const PROVIDER_METADATA: Spec = Obj(&[opt("providerReferenceId", Str)]);
const RECURRING_METADATA: Spec = Obj(&[
    opt(
        "frequency",
        Obj(&[opt("unit", Enum(FREQUENCY_UNITS)), opt("value", Int)]),
    ),
    opt("amount", CheckoutPrice),
]);
const DELIVERY_SPECIFICATIONS: Spec = Obj(&[
    opt(
        "specialRestrictions",
        Arr(&Enum(&["RestrictPOBoxes", "RestrictPackstations"])),
    ),
    opt(
        "addressRestrictions",
        Obj(&[
            opt("type", Enum(&["Allowed", "NotAllowed"])),
            opt(
                "restrictions",
                Map(&Obj(&[
                    opt("statesOrRegions", Arr(&Str)),
                    opt("zipCodes", Arr(&Str)),
                ])),
            ),
        ]),
    ),
]);
const PHONE: Spec = Obj(&[
    opt("countryCode", Str),
    opt("number", Str),
    opt("extension", Str),
]);
const BUSINESS_ADDRESS: Spec = Obj(&[
    opt("addressLine1", Str),
    opt("addressLine2", Str),
    opt("addressLine3", Str),
    opt("city", Str),
    opt("county", Str),
    opt("district", Str),
    opt("stateOrRegion", Str),
    opt("postalCode", Str),
    opt("countryCode", Str),
    opt("phoneNumber", PHONE),
]);
const BUSINESS_INFO: Spec = Obj(&[
    opt("email", Str),
    opt("businessType", Enum(BUSINESS_TYPES)),
    opt("businessLegalName", Str),
    opt("businessCategory", Str),
    opt("businessDisplayName", Str),
    opt("annualSalesVolume", Price),
    opt("countryOfEstablishment", Str),
    opt("businessAddress", BUSINESS_ADDRESS),
    opt(
        "customerSupportInformation",
        Obj(&[
            opt("customerSupportEmail", Str),
            opt("customerSupportPhoneNumber", PHONE),
        ]),
    ),
]);
const PERSON: Spec = Obj(&[
    opt("personId", Str),
    opt("personFullName", Str),
    opt("dateOfBirth", Str),
    opt("residentialAddress", BUSINESS_ADDRESS),
]);
const STATUS: Spec = Obj(&[
    opt("statusProvider", Str),
    opt("state", Str),
    opt("reasonCode", Str),
]);
const MERCHANT_STORE: Spec = Obj(&[
    opt("domainUrls", Arr(&Str)),
    opt("storeName", Str),
    opt("privacyPolicyUrl", Str),
    opt("storeStatus", STATUS),
]);
const IN_STORE_METADATA: Spec = Obj(&[
    opt("merchantNote", Str),
    opt("customInformation", Str),
    opt(
        "communicationContext",
        Obj(&[opt("merchantStoreName", Str), opt("merchantOrderId", Str)]),
    ),
]);
const STORE_FIELDS: &[Field] = &[
    opt("allowedOriginDomains", Arr(&Str)),
    opt("allowedRedirectURLs", Arr(&Str)),
    opt("storeName", Str),
    opt("privacyPolicyUrl", Str),
    opt("merchantLogoUrl", Str),
];
const DELIVERY_DETAILS: Spec = Arr(&Obj(&[req("trackingNumber", Str), req("carrierCode", Str)]));
const PMOF_METADATA: Spec = Obj(&[opt("setupOnly", Bool)]);
const MULTI_ADDRESS_METADATA: Spec = Arr(&Obj(&[opt("addressId", Str), opt("price", Price)]));
const CHARGE_WEB_CHECKOUT_DETAILS: Spec = Obj(&[opt("checkoutResultReturnUrl", Url)]);
const CHARGE_STATUS_UPDATE: Spec =
    Obj(&[req("state", Enum(CHARGE_STATES)), opt("reasonCode", Str)]);
const INTEGRATION_INFO: Spec = Obj(&[opt("ipnEndpointUrls", Arr(&Str))]);
const DISPUTE_PROVIDER_METADATA: Spec = Obj(&[opt("providerDisputeId", Str)]);
const DISPUTE_CREATE_STATUS: Spec = Obj(&[opt("state", Enum(DISPUTE_STATES))]);
const MERCHANT_EVIDENCES: Spec = Arr(&Obj(&[
    req("evidenceType", Enum(EVIDENCE_TYPES)),
    opt("fileId", Str),
    opt("evidenceText", Str),
]));
const STORE_LOCATION: Spec = Obj(&[opt("countryCode", Str)]);
const DISPUTE_STATUS_UPDATE: Spec = Obj(&[
    opt("resolution", Enum(DISPUTE_RESOLUTIONS)),
    opt("state", Enum(DISPUTE_STATES)),
    opt("reasonCode", Enum(DISPUTE_REASON_CODES)),
    opt("reasonDescription", Str),
]);
const EMPTY: &[Field] = &[];

/// The top-level fields of each operation's body.
pub(crate) fn body_fields(op: Operation) -> &'static [Field] {
    use Operation::*;
    match op {
        CreateDeliveryTracker => {
            const {
                &[
                    opt("chargePermissionId", Str),
                    opt("amazonOrderReferenceId", Str),
                    req("deliveryDetails", DELIVERY_DETAILS),
                ]
            }
        }
        CreateCheckoutSession => {
            const {
                &[
                    req("storeId", Str),
                    req("webCheckoutDetails", WEB_CHECKOUT_DETAILS),
                    opt("scopes", Arr(&Enum(SCOPES))),
                    opt("chargePermissionType", Enum(CHARGE_PERMISSION_TYPES)),
                    opt("recurringMetadata", RECURRING_METADATA),
                    opt("paymentMethodOnFileMetadata", PMOF_METADATA),
                    opt("chargePermissionId", Str),
                    opt("paymentDetails", PAYMENT_DETAILS),
                    opt("merchantMetadata", MERCHANT_METADATA),
                    opt("addressDetails", ADDRESS_DETAILS),
                    opt("deliverySpecifications", DELIVERY_SPECIFICATIONS),
                    opt("platformId", Str),
                    opt("providerMetadata", PROVIDER_METADATA),
                    opt("supplementaryData", Str),
                ]
            }
        }
        UpdateCheckoutSession => {
            const {
                &[
                    opt("webCheckoutDetails", WEB_CHECKOUT_DETAILS),
                    opt("paymentDetails", PAYMENT_DETAILS),
                    opt("merchantMetadata", MERCHANT_METADATA),
                    opt("platformId", Str),
                    opt("providerMetadata", PROVIDER_METADATA),
                    opt("supplementaryData", Str),
                    opt("chargePermissionType", Enum(CHARGE_PERMISSION_TYPES)),
                    opt("recurringMetadata", RECURRING_METADATA),
                    opt("multiAddressesCheckoutMetadata", MULTI_ADDRESS_METADATA),
                ]
            }
        }
        CompleteCheckoutSession => {
            const { &[opt("chargeAmount", Price), opt("totalOrderAmount", Price)] }
        }
        FinalizeCheckoutSession => {
            const {
                &[
                    opt("shippingAddress", ADDRESS),
                    opt("billingAddress", ADDRESS),
                    opt("chargeAmount", CheckoutPrice),
                    opt("totalOrderAmount", CheckoutPrice),
                    opt("paymentIntent", Enum(PAYMENT_INTENTS)),
                    opt("canHandlePendingAuthorization", Bool),
                    opt("supplementaryData", Str),
                ]
            }
        }
        UpdateChargePermission => {
            const {
                &[
                    opt("merchantMetadata", MERCHANT_METADATA),
                    opt("recurringMetadata", RECURRING_METADATA),
                ]
            }
        }
        CloseChargePermission => {
            const { &[opt("closureReason", Str), opt("cancelPendingCharges", Bool)] }
        }
        CreateCharge => {
            const {
                &[
                    req("chargePermissionId", Str),
                    req("chargeAmount", Price),
                    opt("captureNow", Bool),
                    opt("canHandlePendingAuthorization", Bool),
                    opt("softDescriptor", Str),
                    opt("merchantMetadata", MERCHANT_METADATA),
                    opt("platformId", Str),
                    opt("providerMetadata", PROVIDER_METADATA),
                    opt("chargeInitiator", Enum(CHARGE_INITIATORS)),
                    opt("channel", Enum(CHANNELS)),
                    opt("webCheckoutDetails", CHARGE_WEB_CHECKOUT_DETAILS),
                ]
            }
        }
        UpdateCharge => const { &[req("statusDetails", CHARGE_STATUS_UPDATE)] },
        CaptureCharge => const { &[req("captureAmount", Price), opt("softDescriptor", Str)] },
        CancelCharge => const { &[opt("cancellationReason", Str)] },
        CreateRefund => {
            const {
                &[
                    req("chargeId", Str),
                    req("refundAmount", Price),
                    opt("softDescriptor", Str),
                ]
            }
        }
        CreateReport => {
            const {
                &[
                    req("reportType", Enum(REPORT_TYPES)),
                    opt("startTime", Timestamp),
                    opt("endTime", Timestamp),
                ]
            }
        }
        CreateReportSchedule => {
            const {
                &[
                    req("reportType", Enum(REPORT_TYPES)),
                    req("scheduleFrequency", Enum(SCHEDULE_FREQUENCIES)),
                    opt("nextReportCreationTime", Timestamp),
                    opt("deleteExistingSchedule", Bool),
                ]
            }
        }
        CreateMerchantAccount => {
            const {
                &[
                    req("uniqueReferenceId", Str),
                    req("ledgerCurrency", Enum(LEDGER_CURRENCIES)),
                    opt("businessInfo", BUSINESS_INFO),
                    opt("beneficiaryOwners", Arr(&PERSON)),
                    opt("primaryContactPerson", PERSON),
                    opt("integrationInfo", INTEGRATION_INFO),
                    opt("stores", Arr(&MERCHANT_STORE)),
                    opt("merchantStatus", STATUS),
                ]
            }
        }
        UpdateMerchantAccount => {
            const {
                &[
                    opt("businessInfo", BUSINESS_INFO),
                    opt("beneficiaryOwners", Arr(&PERSON)),
                    opt("primaryContactPerson", PERSON),
                    opt("integrationInfo", INTEGRATION_INFO),
                ]
            }
        }
        ClaimMerchantAccount => const { &[req("uniqueReferenceId", Str)] },
        CreateStore | UpdateStore => STORE_FIELDS,
        CreateDispute => {
            const {
                &[
                    req("chargeId", Str),
                    opt("providerMetadata", DISPUTE_PROVIDER_METADATA),
                    req("disputeAmount", Price),
                    opt("filingReason", Enum(FILING_REASONS)),
                    opt("filingTimestamp", Int),
                    opt("creationTimestamp", Int),
                    opt("statusDetails", DISPUTE_CREATE_STATUS),
                    opt("merchantResponseDeadline", Int),
                ]
            }
        }
        UpdateDispute => {
            const {
                &[
                    opt("statusDetails", DISPUTE_STATUS_UPDATE),
                    opt("closureTimestamp", Int),
                ]
            }
        }
        ContestDispute => const { &[req("merchantEvidences", MERCHANT_EVIDENCES)] },
        UploadFile => {
            const {
                &[
                    req("type", Enum(FILE_TYPES)),
                    req("purpose", Enum(FILE_PURPOSES)),
                ]
            }
        }
        InStoreMerchantScan => {
            const {
                &[
                    req("scanData", Str),
                    req("scanReferenceId", Str),
                    opt("merchantCOE", Str),
                    opt("ledgerCurrency", Enum(LEDGER_CURRENCIES)),
                    req("chargeTotal", Price),
                    opt("storeLocation", STORE_LOCATION),
                    opt("metadata", IN_STORE_METADATA),
                ]
            }
        }
        InStoreCharge => {
            const {
                &[
                    req("chargePermissionId", Str),
                    req("chargeReferenceId", Str),
                    req("chargeTotal", Price),
                    opt("softDescriptor", Str),
                    opt("metadata", IN_STORE_METADATA),
                ]
            }
        }
        InStoreRefund => {
            const {
                &[
                    req("chargeId", Str),
                    req("refundReferenceId", Str),
                    req("refundTotal", Price),
                    opt("softDescriptor", Str),
                    opt("metadata", IN_STORE_METADATA),
                ]
            }
        }
        GetAuthorizationToken
        | GetBuyer
        | GetCheckoutSession
        | GetChargePermission
        | GetCharge
        | GetRefund
        | GetReports
        | GetReportById
        | GetReportDocument
        | GetReportSchedules
        | GetReportScheduleById
        | CancelReportSchedule
        | GetDisbursements
        | DeleteMerchantAccount
        | GetDispute => EMPTY,
    }
}

/// Parses and checks the body of `op`. An empty body counts as `{}`.
///
/// The checked value is normalized the way the service reads it: a `null` field is absent,
/// `"true"` / `"false"` are booleans and numeric amounts are decimal strings, so the
/// operations see one form whatever the client sent (the official docs and SDKs send all of
/// them). Amounts and currencies that set a checkout's currency must be ones a store of
/// `region` can charge.
pub(crate) fn parse_body(op: Operation, body: &[u8], region: Region) -> ApiResult<Value> {
    let mut value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(serde_json::Map::new())
    } else {
        serde_json::from_slice(body).map_err(|e| {
            ApiError::bad_request(
                "InvalidRequestFormat",
                format!("The request body is not valid JSON: {e}"),
            )
        })?
    };
    Checker { region }.object(&mut value, body_fields(op), "")?;
    Ok(value)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Checks values against their [`Spec`], normalizing them in place.
struct Checker {
    region: Region,
}

impl Checker {
    fn object(&self, value: &mut Value, fields: &[Field], path: &str) -> ApiResult<()> {
        let Some(map) = value.as_object_mut() else {
            let what = if path.is_empty() {
                "The request body"
            } else {
                path
            };
            return Err(ApiError::bad_request(
                "InvalidRequestFormat",
                format!("{what} must be a JSON object"),
            ));
        };
        for (key, v) in map.iter_mut() {
            let here = join(path, key);
            let Some(field) = fields.iter().find(|f| f.name == key) else {
                return Err(ApiError::bad_request(
                    "UnrecognizedField",
                    format!("The field {here} is not recognized"),
                ));
            };
            if !v.is_null() {
                self.check(v, &field.spec, &here)?;
            }
        }
        // A null field is an absent one (the Finalize Checkout Session page and the PHP SDK's
        // README send `"billingAddress": null`).
        map.retain(|_, v| !v.is_null());
        for f in fields.iter().filter(|f| f.required) {
            if !map.contains_key(f.name) {
                return Err(ApiError::bad_request(
                    "MissingParameterValue",
                    format!("The mandatory parameter {} is missing", join(path, f.name)),
                ));
            }
        }
        Ok(())
    }

    fn check(&self, value: &mut Value, spec: &Spec, path: &str) -> ApiResult<()> {
        let ok = match spec {
            Str => value.is_string(),
            Bool => {
                // The docs' own samples write `"canHandlePendingAuthorization": "false"`.
                let parsed = match &*value {
                    Value::Bool(b) => Some(*b),
                    Value::String(s) if s == "true" => Some(true),
                    Value::String(s) if s == "false" => Some(false),
                    _ => None,
                };
                if let Some(b) = parsed {
                    *value = Value::Bool(b);
                }
                parsed.is_some()
            }
            Int => {
                value.is_i64()
                    || value
                        .as_str()
                        .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            }
            Price | CheckoutPrice => {
                // `amount` may be a string or a number (.NET and Node.js send numbers); it is
                // kept as the decimal text the client wrote.
                const PRICE_FIELDS: &[Field] = &[req("amount", Str), req("currencyCode", Str)];
                if let Some(amount) = value.get_mut("amount").filter(|a| a.is_number()) {
                    *amount = Value::String(amount.to_string());
                }
                self.object(value, PRICE_FIELDS, path)?;
                let money = Money::from_price(path, value)?;
                if matches!(spec, CheckoutPrice) {
                    require_chargeable(
                        self.region,
                        &format!("{path}.currencyCode"),
                        &money.currency,
                    )?;
                }
                true
            }
            Url => {
                let s = value
                    .as_str()
                    .ok_or_else(|| ApiError::invalid_value(path, "expected a URL string"))?;
                check_url(path, s)?;
                true
            }
            Timestamp => value.as_str().and_then(parse_timestamp).is_some(),
            Currency => {
                let code = one_of(value, &currency_codes(), path)?;
                require_chargeable(self.region, path, &amazon_pay_types::Currency::parse(code))?;
                true
            }
            Enum(values) => {
                one_of(value, values, path)?;
                true
            }
            Obj(fields) => {
                self.object(value, fields, path)?;
                true
            }
            Arr(inner) => {
                let items = value
                    .as_array_mut()
                    .ok_or_else(|| ApiError::invalid_value(path, "expected an array"))?;
                for (i, item) in items.iter_mut().enumerate() {
                    let here = format!("{path}[{i}]");
                    if item.is_null() {
                        return Err(ApiError::invalid_value(
                            &here,
                            "an array item cannot be null",
                        ));
                    }
                    self.check(item, inner, &here)?;
                }
                true
            }
            Map(inner) => {
                let map = value
                    .as_object_mut()
                    .ok_or_else(|| ApiError::invalid_value(path, "expected an object"))?;
                for (k, v) in map.iter_mut() {
                    if !v.is_null() {
                        self.check(v, inner, &join(path, k))?;
                    }
                }
                map.retain(|_, v| !v.is_null());
                true
            }
        };
        if ok {
            Ok(())
        } else {
            Err(ApiError::invalid_value(
                path,
                format!("unexpected JSON type ({})", type_name(value)),
            ))
        }
    }
}

/// The string `value`, one of `values`.
fn one_of<'a>(value: &'a Value, values: &[&str], path: &str) -> ApiResult<&'a str> {
    let s = value
        .as_str()
        .ok_or_else(|| ApiError::invalid_value(path, "expected a string"))?;
    if values.contains(&s) {
        Ok(s)
    } else {
        Err(ApiError::invalid_value(
            path,
            format!("'{s}' is not one of {}", values.join(", ")),
        ))
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Return URLs must be absolute HTTPS URLs; plain HTTP is allowed for loopback hosts only.
pub(crate) fn check_url(path: &str, s: &str) -> ApiResult<()> {
    let url = url::Url::parse(s)
        .map_err(|e| ApiError::invalid_value(path, format!("'{s}' is not a URL ({e})")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(ApiError::invalid_value(
            path,
            format!("'{s}' must use HTTPS"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(op: Operation, body: &str) -> ApiError {
        parse_body(op, body.as_bytes(), Region::Na).expect_err("must be rejected")
    }

    #[test]
    fn accepts_a_documented_body() {
        let body = r#"{"webCheckoutDetails":{"checkoutResultReturnUrl":"https://a.com/merchant-confirm-page"},
            "paymentDetails":{"paymentIntent":"AuthorizeWithCapture","canHandlePendingAuthorization":false,
            "softDescriptor":"Descriptor","chargeAmount":{"amount":"1","currencyCode":"USD"}},
            "merchantMetadata":{"merchantReferenceId":"Merchant reference ID","merchantStoreName":"Merchant store name",
            "noteToBuyer":"Note to buyer","customInformation":"Custom information"}}"#;
        assert!(
            parse_body(
                Operation::UpdateCheckoutSession,
                body.as_bytes(),
                Region::Na
            )
            .is_ok()
        );
        assert!(
            parse_body(
                Operation::CompleteCheckoutSession,
                br#"{"chargeAmount":{"amount":106.98,"currencyCode":"EUR"}}"#,
                Region::Eu
            )
            .is_ok()
        );
        assert!(parse_body(Operation::GetCharge, b"", Region::Na).is_ok());
    }

    #[test]
    fn reads_nulls_as_absent_and_string_scalars() {
        let body = parse_body(
            Operation::FinalizeCheckoutSession,
            br#"{"shippingAddress":{"name":"Susie Smith","addressLine2":null,"county":null},
                "billingAddress":null,"chargeAmount":{"amount":"1","currencyCode":"USD"},
                "paymentIntent":"Confirm","canHandlePendingAuthorization":"false"}"#,
            Region::Na,
        )
        .expect("the Finalize Checkout Session sample is accepted");
        assert!(body.get("billingAddress").is_none());
        assert_eq!(
            body["shippingAddress"],
            serde_json::json!({"name": "Susie Smith"})
        );
        assert_eq!(body["canHandlePendingAuthorization"], Value::Bool(false));
        let recurring = parse_body(
            Operation::UpdateChargePermission,
            br#"{"recurringMetadata":{"frequency":{"unit":"Month","value":"1"},"amount":{"amount":14,"currencyCode":"USD"}}}"#,
            Region::Na,
        )
        .expect("numeric strings and numeric amounts are accepted");
        assert_eq!(recurring["recurringMetadata"]["amount"]["amount"], "14");
        // A null mandatory field is a missing one; an unknown one stays unknown, null or not.
        assert_eq!(
            err(Operation::CaptureCharge, r#"{"captureAmount":null}"#).reason_code,
            "MissingParameterValue"
        );
        assert_eq!(
            err(
                Operation::CaptureCharge,
                r#"{"captureAmount":{"amount":"1","currencyCode":"USD"},"nothing":null}"#
            )
            .reason_code,
            "UnrecognizedField"
        );
        assert_eq!(
            err(
                Operation::CaptureCharge,
                r#"{"captureAmount":{"amount":"1","currencyCode":"USD"},"softDescriptor":false}"#
            )
            .reason_code,
            "InvalidParameterValue"
        );
        assert_eq!(
            err(Operation::CreateCharge, r#"{"chargePermissionId":"x","chargeAmount":{"amount":"1","currencyCode":"USD"},"captureNow":"yes"}"#).reason_code,
            "InvalidParameterValue"
        );
    }

    #[test]
    fn refuses_currencies_the_region_cannot_charge() {
        let jpy = r#"{"paymentDetails":{"chargeAmount":{"amount":"705","currencyCode":"JPY"}}}"#;
        assert_eq!(
            err(Operation::UpdateCheckoutSession, jpy).reason_code,
            "InvalidParameterValue"
        );
        assert!(parse_body(Operation::UpdateCheckoutSession, jpy.as_bytes(), Region::Jp).is_ok());
        assert_eq!(
            err(
                Operation::UpdateCheckoutSession,
                r#"{"paymentDetails":{"presentmentCurrency":"EUR"}}"#
            )
            .reason_code,
            "InvalidParameterValue"
        );
        assert!(
            parse_body(
                Operation::UpdateCheckoutSession,
                br#"{"paymentDetails":{"presentmentCurrency":"CHF"}}"#,
                Region::Eu
            )
            .is_ok()
        );
    }

    #[test]
    fn rejects_unknown_malformed_and_missing() {
        assert_eq!(
            err(
                Operation::CaptureCharge,
                r#"{"captureAmount":{"amount":"1","currencyCode":"USD"},"extra":1}"#
            )
            .reason_code,
            "UnrecognizedField"
        );
        let nested = err(
            Operation::CreateCheckoutSession,
            r#"{"storeId":"s","webCheckoutDetails":{"checkoutMod":"ProcessOrder"}}"#,
        );
        assert_eq!(nested.reason_code, "UnrecognizedField");
        assert!(nested.message.contains("webCheckoutDetails.checkoutMod"));
        assert_eq!(
            err(Operation::CaptureCharge, "{").reason_code,
            "InvalidRequestFormat"
        );
        assert_eq!(
            err(Operation::CaptureCharge, "{}").reason_code,
            "MissingParameterValue"
        );
        assert_eq!(
            err(
                Operation::CaptureCharge,
                r#"{"captureAmount":{"amount":"1.5","currencyCode":"JPY"}}"#
            )
            .reason_code,
            "InvalidParameterValue"
        );
        assert_eq!(err(Operation::CreateCharge, r#"{"chargePermissionId":"x","chargeAmount":{"amount":"1","currencyCode":"USD"},"channel":"Fax"}"#).reason_code, "InvalidParameterValue");
        assert_eq!(err(Operation::CreateCheckoutSession, r#"{"storeId":"s","webCheckoutDetails":{"checkoutReviewReturnUrl":"http://example.com/r"}}"#).reason_code, "InvalidParameterValue");
        assert!(parse_body(Operation::CreateCheckoutSession, br#"{"storeId":"s","webCheckoutDetails":{"checkoutReviewReturnUrl":"http://127.0.0.1:9/r"}}"#, Region::Na).is_ok());
    }
}
