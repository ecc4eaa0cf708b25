//! Every operation of the Amazon Pay API v2 (in-store excepted: `amazon-pay-instore`), each one
//! entry of one declarative macro: a request type implementing [`Operation`], a `Client` method and a
//! line of [`OPERATIONS`](crate::OPERATIONS).

use std::borrow::Cow;

use amazon_pay_types as t;
use http::Method;

use crate::Error;
use crate::call::Call;
use crate::client::Client;
use crate::operation::{
    Idempotency, NoContent, Operation, OperationInfo, Success, json_body, path_segment,
};

/// Fills `{name}` placeholders of `template` with encoded ids.
fn fill_path(template: &str, ids: &[(&str, &str)]) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|c| open + c)
            .ok_or_else(|| Error::invalid_input("unbalanced path template"))?;
        let name = &rest[open + 1..close];
        let value = ids
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| Error::invalid_input(format!("no value for `{name}`")))?;
        out.push_str(&path_segment(value, name)?);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

macro_rules! query_of {
    () => {
        Vec::new()
    };
    ($query:expr) => {
        $query
            .to_query_pairs()
            .into_iter()
            .map(|(n, v)| (Cow::Borrowed(n), v))
            .collect()
    };
}

macro_rules! body_of {
    () => {
        Ok(None)
    };
    ($body:expr) => {
        json_body($body)
    };
}

/// Defines operations. Each entry:
///
/// ```text
/// /// docs
/// Name => client_method(id_field: "templateName", ...; body: RequestType; query: QueryType)
///     METHOD "/v2/path/{templateName}", Idempotency, Success -> ResponseType;
/// ```
macro_rules! operations {
    ($(
        $(#[$doc:meta])*
        $name:ident => $method:ident (
            $($id:ident : $id_name:literal),*
            $(; body: $body:ty)?
            $(; query: $query:ty)?
        ) $http:ident $path:literal, $idempotency:ident, $success:ident -> $response:ty;
    )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone)]
            pub struct $name {
                $(
                    #[doc = concat!("The `", $id_name, "` path parameter.")]
                    pub $id: String,
                )*
                $(
                    /// The request body.
                    pub body: $body,
                )?
                $(
                    /// The query.
                    pub query: $query,
                )?
            }

            impl $name {
                /// The static description of this operation.
                pub const INFO: &'static OperationInfo = &OperationInfo::new(
                    stringify!($name),
                    Method::$http,
                    $path,
                    Idempotency::$idempotency,
                    env!("CARGO_PKG_NAME"),
                )
                .with_success(Success::$success);
            }

            impl Operation for $name {
                type Response = $response;

                fn info(&self) -> &'static OperationInfo {
                    Self::INFO
                }

                fn path(&self) -> Result<String, Error> {
                    fill_path($path, &[$(($id_name, self.$id.as_str())),*])
                }

                fn query(&self) -> Vec<(Cow<'static, str>, String)> {
                    query_of!($({ let q: &$query = &self.query; q })?)
                }

                fn body(&self) -> Result<Option<Vec<u8>>, Error> {
                    body_of!($({ let b: &$body = &self.body; b })?)
                }
            }

            impl Client {
                $(#[$doc])*
                pub fn $method(
                    &self,
                    $($id: impl AsRef<str>,)*
                    $(body: &$body,)?
                    $(query: &$query,)?
                ) -> Call<$name> {
                    self.send($name {
                        $($id: $id.as_ref().to_owned(),)*
                        $(body: <$body>::clone(body),)?
                        $(query: <$query>::clone(query),)?
                    })
                }
            }
        )*

        /// Every operation of this module, in the order of the API reference (public as
        /// [`crate::OPERATIONS`]).
        pub(crate) const ALL: &[&OperationInfo] = &[$($name::INFO),*];
    };
}

operations! {
    /// Delivery Trackers: tell Amazon the tracking number of a shipment (Alexa delivery
    /// notifications).
    CreateDeliveryTracker => create_delivery_tracker(; body: t::DeliveryTrackerRequest)
        POST "/v2/deliveryTrackers", Optional, Any2xx -> t::DeliveryTracker;
    /// Get Authorization Token: a delegated token from an MWS authorization (live only).
    GetAuthorizationToken => get_authorization_token(mws_auth_token: "mwsAuthToken"; query: MerchantIdQuery)
        GET "/v2/authorizationTokens/{mwsAuthToken}", NotSent, Any2xx -> t::AuthorizationToken;
    /// Get Buyer: the buyer behind a sign-in buyer token.
    GetBuyer => get_buyer(buyer_token: "buyerToken")
        GET "/v2/buyers/{buyerToken}", NotSent, Any2xx -> t::Buyer;
    /// Create Checkout Session.
    CreateCheckoutSession => create_checkout_session(; body: t::CreateCheckoutSessionRequest)
        POST "/v2/checkoutSessions", Required, Any2xx -> t::CheckoutSession;
    /// Get Checkout Session.
    GetCheckoutSession => get_checkout_session(checkout_session_id: "checkoutSessionId")
        GET "/v2/checkoutSessions/{checkoutSessionId}", NotSent, Any2xx -> t::CheckoutSession;
    /// Update Checkout Session.
    UpdateCheckoutSession => update_checkout_session(checkout_session_id: "checkoutSessionId"; body: t::UpdateCheckoutSessionRequest)
        PATCH "/v2/checkoutSessions/{checkoutSessionId}", NotSent, Any2xx -> t::CheckoutSession;
    /// Complete Checkout Session: after the buyer returns to `checkoutResultReturnUrl`.
    CompleteCheckoutSession => complete_checkout_session(checkout_session_id: "checkoutSessionId"; body: t::CompleteCheckoutSessionRequest)
        POST "/v2/checkoutSessions/{checkoutSessionId}/complete", Optional, Any2xx -> t::CheckoutSession;
    /// Finalize Checkout Session (Buy Now and JS-driven flows).
    FinalizeCheckoutSession => finalize_checkout_session(checkout_session_id: "checkoutSessionId"; body: t::FinalizeCheckoutSessionRequest)
        POST "/v2/checkoutSessions/{checkoutSessionId}/finalize", Optional, Any2xx -> t::CheckoutSession;
    /// Get Charge Permission.
    GetChargePermission => get_charge_permission(charge_permission_id: "chargePermissionId")
        GET "/v2/chargePermissions/{chargePermissionId}", NotSent, Any2xx -> t::ChargePermission;
    /// Update Charge Permission.
    UpdateChargePermission => update_charge_permission(charge_permission_id: "chargePermissionId"; body: t::UpdateChargePermissionRequest)
        PATCH "/v2/chargePermissions/{chargePermissionId}", NotSent, Any2xx -> t::ChargePermission;
    /// Close Charge Permission (a DELETE with a JSON body).
    CloseChargePermission => close_charge_permission(charge_permission_id: "chargePermissionId"; body: t::CloseChargePermissionRequest)
        DELETE "/v2/chargePermissions/{chargePermissionId}/close", NotSent, Any2xx -> t::ChargePermission;
    /// Create Charge: declines come back as `422` service errors.
    CreateCharge => create_charge(; body: t::CreateChargeRequest)
        POST "/v2/charges", Required, Any2xx -> t::Charge;
    /// Get Charge.
    GetCharge => get_charge(charge_id: "chargeId")
        GET "/v2/charges/{chargeId}", NotSent, Any2xx -> t::Charge;
    /// Update Charge (payment service providers). Carries an idempotency key although it is a
    /// PATCH, as the official SDKs do.
    UpdateCharge => update_charge(charge_id: "chargeId"; body: t::UpdateChargeRequest)
        PATCH "/v2/charges/{chargeId}", Optional, Any2xx -> t::Charge;
    /// Capture Charge.
    CaptureCharge => capture_charge(charge_id: "chargeId"; body: t::CaptureChargeRequest)
        POST "/v2/charges/{chargeId}/capture", Required, Any2xx -> t::Charge;
    /// Cancel Charge (a DELETE with a JSON body).
    CancelCharge => cancel_charge(charge_id: "chargeId"; body: t::CancelChargeRequest)
        DELETE "/v2/charges/{chargeId}/cancel", NotSent, Any2xx -> t::Charge;
    /// Create Refund (processed asynchronously).
    CreateRefund => create_refund(; body: t::CreateRefundRequest)
        POST "/v2/refunds", Required, Any2xx -> t::Refund;
    /// Get Refund.
    GetRefund => get_refund(refund_id: "refundId")
        GET "/v2/refunds/{refundId}", NotSent, Any2xx -> t::Refund;
    /// Get Reports: one page; see `Client::all_reports` for every page.
    GetReports => get_reports(; query: t::ReportsQuery)
        GET "/v2/reports", NotSent, Any2xx -> t::ReportList;
    /// Get Report By Id.
    GetReportById => get_report_by_id(report_id: "reportId")
        GET "/v2/reports/{reportId}", NotSent, Any2xx -> t::Report;
    /// Get Report Document: a pre-signed download URL.
    GetReportDocument => get_report_document(report_document_id: "reportDocumentId")
        GET "/v2/report-documents/{reportDocumentId}", NotSent, Any2xx -> t::ReportDocument;
    /// Get Report Schedules.
    GetReportSchedules => get_report_schedules(; query: t::ReportSchedulesQuery)
        GET "/v2/report-schedules", NotSent, Any2xx -> t::ReportScheduleList;
    /// Get Report Schedule By Id.
    GetReportScheduleById => get_report_schedule_by_id(report_schedule_id: "reportScheduleId")
        GET "/v2/report-schedules/{reportScheduleId}", NotSent, Any2xx -> t::ReportSchedule;
    /// Create Report.
    CreateReport => create_report(; body: t::CreateReportRequest)
        POST "/v2/reports", Optional, Any2xx -> t::CreateReportResponse;
    /// Create Report Schedule.
    CreateReportSchedule => create_report_schedule(; body: t::CreateReportScheduleRequest)
        POST "/v2/report-schedules", Optional, Any2xx -> t::CreateReportScheduleResponse;
    /// Cancel Report Schedule.
    CancelReportSchedule => cancel_report_schedule(report_schedule_id: "reportScheduleId")
        DELETE "/v2/report-schedules/{reportScheduleId}", NotSent, Any2xx -> NoContent;
    /// Get Disbursements: one page; see `Client::all_disbursements` for every page.
    GetDisbursements => get_disbursements(; query: t::DisbursementsQuery)
        GET "/v2/disbursements", NotSent, Any2xx -> t::DisbursementList;
    /// Register Amazon Pay Account (authorised merchants; a non-loginable account).
    RegisterAmazonPayAccount => register_amazon_pay_account(; body: t::RegisterAmazonPayAccountRequest)
        POST "/v2/merchantAccounts", Optional, Any2xx -> t::MerchantAccountResponse;
    /// Update Amazon Pay Account (answers `204 No Content`).
    UpdateAmazonPayAccount => update_amazon_pay_account(merchant_account_id: "merchantAccountId"; body: t::UpdateAmazonPayAccountRequest)
        PATCH "/v2/merchantAccounts/{merchantAccountId}", NotSent, Any2xx -> NoContent;
    /// Delete Amazon Pay Account (answers `202 Accepted`).
    DeleteAmazonPayAccount => delete_amazon_pay_account(merchant_account_id: "merchantAccountId")
        DELETE "/v2/merchantAccounts/{merchantAccountId}", NotSent, Any2xx -> NoContent;
    /// Create Merchant Account (solution providers; may return an authorization token).
    CreateMerchantAccount => create_merchant_account(; body: t::CreateMerchantAccountRequest)
        POST "/v2/merchantAccounts", Optional, Any2xx -> t::MerchantAccountResponse;
    /// Update Merchant Account: needs an `x-amz-pay-authtoken` (per call or the client's).
    UpdateMerchantAccount => update_merchant_account(merchant_account_id: "merchantAccountId"; body: t::UpdateMerchantAccountRequest)
        PATCH "/v2/merchantAccounts/{merchantAccountId}", NotSent, Any2xx -> t::MerchantAccountResponse;
    /// Claim Merchant Account: a `303 See Other` is success; its target is
    /// `Response::location()` and is never followed. The body is optional.
    ClaimMerchantAccount => claim_merchant_account(merchant_account_id: "merchantAccountId"; body: t::ClaimMerchantAccountRequest)
        POST "/v2/merchantAccounts/{merchantAccountId}/claim", Optional, Any2xxOrSeeOther -> Option<t::MerchantAccountResponse>;
    /// Create Store: needs an `x-amz-pay-authtoken`.
    CreateStore => create_store(merchant_account_id: "merchantAccountId"; body: t::CreateStoreRequest)
        POST "/v2/merchantAccounts/{merchantAccountId}/stores", Optional, Any2xx -> t::Store;
    /// Update Store: needs an `x-amz-pay-authtoken`.
    UpdateStore => update_store(merchant_account_id: "merchantAccountId", store_id: "storeId"; body: t::UpdateStoreRequest)
        PATCH "/v2/merchantAccounts/{merchantAccountId}/stores/{storeId}", NotSent, Any2xx -> t::Store;
    /// Create Dispute (payment service providers).
    CreateDispute => create_dispute(; body: t::CreateDisputeRequest)
        POST "/v2/disputes", Required, Any2xx -> t::Dispute;
    /// Get Dispute.
    GetDispute => get_dispute(dispute_id: "disputeId")
        GET "/v2/disputes/{disputeId}", NotSent, Any2xx -> t::Dispute;
    /// Update Dispute.
    UpdateDispute => update_dispute(dispute_id: "disputeId"; body: t::UpdateDisputeRequest)
        PATCH "/v2/disputes/{disputeId}", NotSent, Any2xx -> t::Dispute;
    /// Contest Dispute.
    ContestDispute => contest_dispute(dispute_id: "disputeId"; body: t::ContestDisputeRequest)
        POST "/v2/disputes/{disputeId}/contest", Optional, Any2xx -> t::Dispute;
    /// Upload File: returns an upload URL.
    UploadFile => upload_file(; body: t::UploadFileRequest)
        POST "/v2/files", Required, Any2xx -> t::FileUpload;
}

/// The query of Get Authorization Token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MerchantIdQuery {
    /// The merchant id the MWS token was issued for.
    pub merchant_id: String,
}

impl MerchantIdQuery {
    /// A query for `merchant_id`.
    pub fn new(merchant_id: impl Into<String>) -> Self {
        MerchantIdQuery {
            merchant_id: merchant_id.into(),
        }
    }

    /// The query parameters.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        vec![("merchantId", self.merchant_id.clone())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_and_encodes_templates() {
        assert_eq!(
            fill_path(
                "/v2/merchantAccounts/{a}/stores/{b}",
                &[("a", "M 1"), ("b", "S2")]
            )
            .unwrap(),
            "/v2/merchantAccounts/M%201/stores/S2"
        );
        assert!(fill_path("/v2/charges/{chargeId}", &[("chargeId", "..")]).is_err());
        assert!(fill_path("/v2/charges/{chargeId}", &[]).is_err());
    }

    #[test]
    fn the_table_is_complete_and_consistent() {
        assert_eq!(ALL.len(), 40);
        let mut names: Vec<_> = ALL.iter().map(|o| o.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 40, "operation names are unique");
        for info in ALL {
            assert!(info.path.starts_with("/v2/"), "{}", info.name);
            let posts = info.method == Method::POST;
            assert_eq!(
                posts || info.name == "UpdateCharge",
                info.idempotency != Idempotency::NotSent,
                "{}: POST and only POST (plus Update Charge) carry a key",
                info.name
            );
        }
        assert_eq!(UpdateCharge::INFO.idempotency, Idempotency::Optional);
        assert_eq!(
            ClaimMerchantAccount::INFO.success,
            Success::Any2xxOrSeeOther
        );
    }

    #[test]
    fn no_content_accepts_anything() {
        let _: NoContent = serde_json::from_str("null").unwrap();
        let _: NoContent = serde_json::from_str("{\"a\":[1]}").unwrap();
    }
}
