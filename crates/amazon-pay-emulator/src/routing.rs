//! Maps an API request's method and path to an operation.
//!
//! Trailing slashes and repeated slashes are tolerated (.NET and Java send them); the optional
//! `/{sandbox|live}` segment is returned so that the caller can judge it against the key id.

use amazon_pay_signing::Environment;
use http::Method;

/// The value of `releaseEnvironment` on objects: `Sandbox` or `Live`.
pub(crate) fn release(env: Environment) -> &'static str {
    match env {
        Environment::Sandbox => "Sandbox",
        Environment::Live => "Live",
    }
}

/// Whether an operation takes an idempotency key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Idempotency {
    /// A POST that must carry a key.
    Required,
    /// A POST that enforces a key when one is sent.
    Optional,
    /// GET, PATCH, DELETE: a key has no effect.
    Ignored,
}

macro_rules! operations {
    ($($name:ident => $template:literal, $idem:ident;)*) => {
        /// Every operation of the API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub(crate) enum Operation {
            $($name,)*
        }

        impl Operation {
            /// The operation name, e.g. `CreateCheckoutSession`.
            pub(crate) fn name(self) -> &'static str {
                match self {
                    $(Self::$name => stringify!($name),)*
                }
            }

            /// The path template, e.g. `/v2/buyers/{buyerToken}`.
            pub(crate) fn template(self) -> &'static str {
                match self {
                    $(Self::$name => $template,)*
                }
            }

            /// The idempotency rule.
            pub(crate) fn idempotency(self) -> Idempotency {
                match self {
                    $(Self::$name => Idempotency::$idem,)*
                }
            }
        }
    };
}

operations! {
    CreateDeliveryTracker => "/v2/deliveryTrackers", Optional;
    GetAuthorizationToken => "/v2/authorizationTokens/{mwsAuthToken}", Ignored;
    GetBuyer => "/v2/buyers/{buyerToken}", Ignored;
    CreateCheckoutSession => "/v2/checkoutSessions", Required;
    GetCheckoutSession => "/v2/checkoutSessions/{checkoutSessionId}", Ignored;
    UpdateCheckoutSession => "/v2/checkoutSessions/{checkoutSessionId}", Ignored;
    CompleteCheckoutSession => "/v2/checkoutSessions/{checkoutSessionId}/complete", Optional;
    FinalizeCheckoutSession => "/v2/checkoutSessions/{checkoutSessionId}/finalize", Optional;
    GetChargePermission => "/v2/chargePermissions/{chargePermissionId}", Ignored;
    UpdateChargePermission => "/v2/chargePermissions/{chargePermissionId}", Ignored;
    CloseChargePermission => "/v2/chargePermissions/{chargePermissionId}/close", Ignored;
    CreateCharge => "/v2/charges", Required;
    GetCharge => "/v2/charges/{chargeId}", Ignored;
    UpdateCharge => "/v2/charges/{chargeId}", Ignored;
    CaptureCharge => "/v2/charges/{chargeId}/capture", Required;
    CancelCharge => "/v2/charges/{chargeId}/cancel", Ignored;
    CreateRefund => "/v2/refunds", Required;
    GetRefund => "/v2/refunds/{refundId}", Ignored;
    GetReports => "/v2/reports", Ignored;
    GetReportById => "/v2/reports/{reportId}", Ignored;
    GetReportDocument => "/v2/report-documents/{reportDocumentId}", Ignored;
    GetReportSchedules => "/v2/report-schedules", Ignored;
    GetReportScheduleById => "/v2/report-schedules/{reportScheduleId}", Ignored;
    CreateReport => "/v2/reports", Optional;
    CreateReportSchedule => "/v2/report-schedules", Optional;
    CancelReportSchedule => "/v2/report-schedules/{reportScheduleId}", Ignored;
    GetDisbursements => "/v2/disbursements", Ignored;
    CreateMerchantAccount => "/v2/merchantAccounts", Optional;
    UpdateMerchantAccount => "/v2/merchantAccounts/{merchantAccountId}", Ignored;
    DeleteMerchantAccount => "/v2/merchantAccounts/{merchantAccountId}", Ignored;
    ClaimMerchantAccount => "/v2/merchantAccounts/{merchantAccountId}/claim", Optional;
    CreateStore => "/v2/merchantAccounts/{merchantAccountId}/stores", Optional;
    UpdateStore => "/v2/merchantAccounts/{merchantAccountId}/stores/{storeId}", Ignored;
    CreateDispute => "/v2/disputes", Required;
    GetDispute => "/v2/disputes/{disputeId}", Ignored;
    UpdateDispute => "/v2/disputes/{disputeId}", Ignored;
    ContestDispute => "/v2/disputes/{disputeId}/contest", Optional;
    UploadFile => "/v2/files", Required;
    InStoreMerchantScan => "/v2/in-store/merchantScan", Optional;
    InStoreCharge => "/v2/in-store/charge", Optional;
    InStoreRefund => "/v2/in-store/refund", Optional;
}

/// A routed API request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    /// The `/{sandbox|live}` segment, if the path has one.
    pub(crate) env_segment: Option<Environment>,
    pub(crate) operation: Operation,
    /// The path parameters in template order.
    pub(crate) params: Vec<String>,
}

/// Why a path is not an API operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RouteError {
    /// Not under `/v2`, `/sandbox/v2` or `/live/v2`.
    NotApi,
    /// Under the API prefix but no operation has this path.
    UnknownPath,
    /// The path exists for another method.
    WrongMethod,
}

/// Routes `method` and `path` (without query).
pub(crate) fn route(method: &Method, path: &str) -> Result<Route, RouteError> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (env_segment, rest) = match segments.as_slice() {
        ["sandbox", "v2", rest @ ..] => (Some(Environment::Sandbox), rest),
        ["live", "v2", rest @ ..] => (Some(Environment::Live), rest),
        ["v2", rest @ ..] => (None, rest),
        _ => return Err(RouteError::NotApi),
    };
    match match_operation(method, rest) {
        Some((operation, params)) => Ok(Route {
            env_segment,
            operation,
            params,
        }),
        None => {
            let other = [Method::GET, Method::POST, Method::PATCH, Method::DELETE]
                .iter()
                .any(|m| m != method && match_operation(m, rest).is_some());
            Err(if other {
                RouteError::WrongMethod
            } else {
                RouteError::UnknownPath
            })
        }
    }
}

fn match_operation(method: &Method, segs: &[&str]) -> Option<(Operation, Vec<String>)> {
    use Operation::*;
    let m = method.as_str();
    let (op, params): (Operation, &[&str]) = match (m, segs) {
        ("POST", ["deliveryTrackers"]) => (CreateDeliveryTracker, &[]),
        ("GET", ["authorizationTokens", t]) => (GetAuthorizationToken, &[*t][..]),
        ("GET", ["buyers", t]) => (GetBuyer, &[*t][..]),
        ("POST", ["checkoutSessions"]) => (CreateCheckoutSession, &[]),
        ("GET", ["checkoutSessions", id]) => (GetCheckoutSession, &[*id][..]),
        ("PATCH", ["checkoutSessions", id]) => (UpdateCheckoutSession, &[*id][..]),
        ("POST", ["checkoutSessions", id, "complete"]) => (CompleteCheckoutSession, &[*id][..]),
        ("POST", ["checkoutSessions", id, "finalize"]) => (FinalizeCheckoutSession, &[*id][..]),
        ("GET", ["chargePermissions", id]) => (GetChargePermission, &[*id][..]),
        ("PATCH", ["chargePermissions", id]) => (UpdateChargePermission, &[*id][..]),
        ("DELETE", ["chargePermissions", id, "close"]) => (CloseChargePermission, &[*id][..]),
        ("POST", ["charges"]) => (CreateCharge, &[]),
        ("GET", ["charges", id]) => (GetCharge, &[*id][..]),
        ("PATCH", ["charges", id]) => (UpdateCharge, &[*id][..]),
        ("POST", ["charges", id, "capture"]) => (CaptureCharge, &[*id][..]),
        ("DELETE", ["charges", id, "cancel"]) => (CancelCharge, &[*id][..]),
        ("POST", ["refunds"]) => (CreateRefund, &[]),
        ("GET", ["refunds", id]) => (GetRefund, &[*id][..]),
        ("GET", ["reports"]) => (GetReports, &[]),
        ("POST", ["reports"]) => (CreateReport, &[]),
        ("GET", ["reports", id]) => (GetReportById, &[*id][..]),
        ("GET", ["report-documents", id]) => (GetReportDocument, &[*id][..]),
        ("GET", ["report-schedules"]) => (GetReportSchedules, &[]),
        ("POST", ["report-schedules"]) => (CreateReportSchedule, &[]),
        ("GET", ["report-schedules", id]) => (GetReportScheduleById, &[*id][..]),
        ("DELETE", ["report-schedules", id]) => (CancelReportSchedule, &[*id][..]),
        ("GET", ["disbursements"]) => (GetDisbursements, &[]),
        ("POST", ["merchantAccounts"]) => (CreateMerchantAccount, &[]),
        ("PATCH", ["merchantAccounts", id]) => (UpdateMerchantAccount, &[*id][..]),
        ("DELETE", ["merchantAccounts", id]) => (DeleteMerchantAccount, &[*id][..]),
        ("POST", ["merchantAccounts", id, "claim"]) => (ClaimMerchantAccount, &[*id][..]),
        ("POST", ["merchantAccounts", id, "stores"]) => (CreateStore, &[*id][..]),
        ("PATCH", ["merchantAccounts", id, "stores", s]) => (UpdateStore, &[*id, *s][..]),
        ("POST", ["disputes"]) => (CreateDispute, &[]),
        ("GET", ["disputes", id]) => (GetDispute, &[*id][..]),
        ("PATCH", ["disputes", id]) => (UpdateDispute, &[*id][..]),
        ("POST", ["disputes", id, "contest"]) => (ContestDispute, &[*id][..]),
        ("POST", ["files"]) => (UploadFile, &[]),
        ("POST", ["in-store", "merchantScan"]) => (InStoreMerchantScan, &[]),
        ("POST", ["in-store", "charge"]) => (InStoreCharge, &[]),
        ("POST", ["in-store", "refund"]) => (InStoreRefund, &[]),
        _ => return None,
    };
    Some((op, params.iter().map(|p| decode(p)).collect()))
}

fn decode(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment)
        .decode_utf8_lossy()
        .into_owned()
}

/// The path with secret path parameters (buyer and MWS tokens) replaced, for the request log.
pub(crate) fn redacted_path(route: Option<&Route>, path: &str) -> String {
    match route.map(|r| r.operation) {
        Some(Operation::GetBuyer | Operation::GetAuthorizationToken) => {
            let cut = path.trim_end_matches('/').rfind('/').map_or(0, |i| i + 1);
            format!("{}{{redacted}}", &path[..cut])
        }
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_every_path_shape_the_sdks_send() {
        let r =
            route(&Method::GET, "/sandbox/v2/refunds/S01-1-1-R1/").expect("java trailing slash");
        assert_eq!(
            (r.env_segment, r.operation, r.params.as_slice()),
            (
                Some(Environment::Sandbox),
                Operation::GetRefund,
                &["S01-1-1-R1".to_owned()][..]
            )
        );
        let r = route(&Method::POST, "/live/v2/checkoutSessions/abc/complete/")
            .expect("dotnet trailing slash");
        assert_eq!(r.operation, Operation::CompleteCheckoutSession);
        let r = route(&Method::GET, "/v2/reports").expect("prefixed key");
        assert_eq!((r.env_segment, r.operation), (None, Operation::GetReports));
        let r = route(&Method::PATCH, "/v2/merchantAccounts/A1/stores/S1").expect("two params");
        assert_eq!(r.params, vec!["A1".to_owned(), "S1".to_owned()]);
    }

    #[test]
    fn reports_unknown_paths_and_methods() {
        assert_eq!(
            route(&Method::GET, "/v3/charges/x"),
            Err(RouteError::NotApi)
        );
        assert_eq!(
            route(&Method::GET, "/v2/nothing"),
            Err(RouteError::UnknownPath)
        );
        assert_eq!(
            route(&Method::PUT, "/v2/charges/x"),
            Err(RouteError::WrongMethod)
        );
    }

    #[test]
    fn redacts_token_paths() {
        let r = route(&Method::GET, "/v2/buyers/secret-token").ok();
        assert_eq!(
            redacted_path(r.as_ref(), "/v2/buyers/secret-token"),
            "/v2/buyers/{redacted}"
        );
        assert_eq!(Operation::GetBuyer.template(), "/v2/buyers/{buyerToken}");
    }
}
