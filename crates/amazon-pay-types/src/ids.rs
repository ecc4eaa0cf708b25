//! Opaque identifier newtypes. The API gives no format guarantee, so none is checked.

use crate::macros::id_type;

id_type!(
    /// A Checkout Session id (a UUID, e.g. `bd504926-f659-4ad7-a1a9-9a747aaf5275`).
    CheckoutSessionId
);
id_type!(
    /// A Charge Permission id (`S01-5105180-3221187`, `B01-…`, legacy `P01-…`).
    ChargePermissionId
);
id_type!(
    /// A Charge id (`S01-5105180-3221187-C056351`).
    ChargeId
);
id_type!(
    /// A Refund id (`S01-5105180-3221187-R022311`).
    RefundId
);
id_type!(
    /// A store id (`amzn1.application-oa2-client.…`).
    StoreId
);
id_type!(
    /// A buyer id (`amzn1.account.…`).
    BuyerId
);
id_type!(
    /// The buyer token from the sign-in return URL; a secret (redacted in `Debug`).
    secret BuyerToken
);
id_type!(
    /// An address id (`amzn1.address.…`).
    AddressId
);
id_type!(
    /// A merchant id (`MerchantID` of notifications, `merchantId` query parameter).
    MerchantId
);
id_type!(
    /// A merchant account id.
    MerchantAccountId
);
id_type!(
    /// A report id.
    ReportId
);
id_type!(
    /// A report document id (`amzn1.tortuga.…`).
    ReportDocumentId
);
id_type!(
    /// A report schedule id.
    ReportScheduleId
);
id_type!(
    /// A dispute id.
    DisputeId
);
id_type!(
    /// An uploaded file id.
    FileId
);
id_type!(
    /// A legacy MWS order reference id (`P01-…`).
    AmazonOrderReferenceId
);
id_type!(
    /// A platform id (solution providers).
    PlatformId
);
id_type!(
    /// An MWS authorization token (`amzn.mws.…`); a secret (redacted in `Debug`).
    secret MwsAuthToken
);
id_type!(
    /// A delegated-access token for `x-amz-pay-authtoken`; a secret (redacted in `Debug`).
    secret AuthorizationTokenValue
);
id_type!(
    /// The pagination token of list responses (`nextToken`).
    NextToken
);
id_type!(
    /// An Amazon Pay notification id (tracking only).
    NotificationId
);
