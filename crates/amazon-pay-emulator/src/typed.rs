//! A second opinion on request bodies: each must also decode into the typed request of
//! `amazon-pay-types`, so the emulator and the SDK agree on every shape.

use amazon_pay_types as t;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiResult};
use crate::routing::Operation;

fn decode<T: DeserializeOwned>(body: &[u8]) -> ApiResult<()> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    t::from_json::<T>(body).map(drop).map_err(|e| {
        ApiError::bad_request(
            "InvalidParameterValue",
            format!("The request body is invalid: {e}"),
        )
    })
}

/// Decodes `body` into the typed request of `op`, when the operation has a body.
pub(crate) fn check(op: Operation, body: &[u8]) -> ApiResult<()> {
    use Operation::*;
    match op {
        CreateDeliveryTracker => decode::<t::DeliveryTrackerRequest>(body),
        CreateCheckoutSession => decode::<t::CreateCheckoutSessionRequest>(body),
        UpdateCheckoutSession => decode::<t::UpdateCheckoutSessionRequest>(body),
        CompleteCheckoutSession => decode::<t::CompleteCheckoutSessionRequest>(body),
        FinalizeCheckoutSession => decode::<t::FinalizeCheckoutSessionRequest>(body),
        UpdateChargePermission => decode::<t::UpdateChargePermissionRequest>(body),
        CloseChargePermission => decode::<t::CloseChargePermissionRequest>(body),
        CreateCharge => decode::<t::CreateChargeRequest>(body),
        UpdateCharge => decode::<t::UpdateChargeRequest>(body),
        CaptureCharge => decode::<t::CaptureChargeRequest>(body),
        CancelCharge => decode::<t::CancelChargeRequest>(body),
        CreateRefund => decode::<t::CreateRefundRequest>(body),
        CreateReport => decode::<t::CreateReportRequest>(body),
        CreateReportSchedule => decode::<t::CreateReportScheduleRequest>(body),
        CreateMerchantAccount => decode::<t::CreateMerchantAccountRequest>(body),
        UpdateMerchantAccount => decode::<t::UpdateMerchantAccountRequest>(body),
        ClaimMerchantAccount => decode::<t::ClaimMerchantAccountRequest>(body),
        CreateStore => decode::<t::CreateStoreRequest>(body),
        UpdateStore => decode::<t::UpdateStoreRequest>(body),
        CreateDispute => decode::<t::CreateDisputeRequest>(body),
        UpdateDispute => decode::<t::UpdateDisputeRequest>(body),
        ContestDispute => decode::<t::ContestDisputeRequest>(body),
        UploadFile => decode::<t::UploadFileRequest>(body),
        InStoreMerchantScan => decode::<t::MerchantScanRequest>(body),
        InStoreCharge => decode::<t::InStoreChargeRequest>(body),
        InStoreRefund => decode::<t::InStoreRefundRequest>(body),
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
        | GetDispute => Ok(()),
    }
}
