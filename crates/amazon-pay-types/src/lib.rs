#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(
    missing_docs,
    missing_debug_implementations,
    unreachable_pub,
    rust_2018_idioms
)]

mod macros;

pub mod address;
pub mod authorization_token;
pub mod button;
pub mod buyer;
pub mod charge;
pub mod charge_permission;
pub mod checkout_session;
pub mod decode;
pub mod delivery_tracker;
pub mod disbursement;
pub mod dispute;
pub mod enums;
pub mod error;
pub mod file;
pub mod ids;
pub mod instore;
pub mod merchant_account;
pub mod money;
pub mod notification;
pub mod refund;
pub mod report;
pub mod shared;
pub mod sns;
pub mod store;
pub mod timestamp;
mod tolerant;

pub use address::{Address, AddressDetails, AddressWithId};
pub use authorization_token::AuthorizationToken;
pub use button::{ButtonConfig, CheckoutButtonPayload, SignInPayload};
pub use buyer::Buyer;
pub use charge::{
    CancelChargeRequest, CaptureChargeRequest, Charge, ChargeState, ChargeStatusUpdate,
    ChargeWebCheckoutDetails, CreateChargeRequest, UpdateChargeRequest,
};
pub use charge_permission::{
    ChargePermission, ChargePermissionState, ChargePermissionStatusDetails,
    CloseChargePermissionRequest, UpdateChargePermissionRequest,
};
pub use checkout_session::{
    CheckoutSession, CheckoutSessionState, CompleteCheckoutSessionRequest,
    CreateCheckoutSessionRequest, FinalizeCheckoutSessionRequest, UpdateCheckoutSessionRequest,
};
pub use decode::{DecodeError, DecodeErrorKind, from_json, from_json_str};
pub use delivery_tracker::{DeliveryDetail, DeliveryTracker, DeliveryTrackerRequest};
pub use disbursement::{Disbursement, DisbursementList, DisbursementsQuery};
pub use dispute::{
    ContestDisputeRequest, CreateDisputeRequest, Dispute, DisputeFilingReason,
    DisputeProviderMetadata, DisputeReasonCode, DisputeResolution, DisputeState,
    DisputeStatusDetails, EvidenceType, MerchantEvidence, UpdateDisputeRequest,
};
pub use enums::*;
pub use error::{ErrorBody, ReasonCode, RetryClass, classify, is_retryable_status};
pub use file::{FilePurpose, FileType, FileUpload, UploadFileRequest};
pub use ids::*;
pub use instore::{
    CommunicationContext, InStoreChargeRequest, InStoreChargeResponse, InStoreMetadata,
    InStoreRefundRequest, InStoreRefundResponse, InStoreState, InStoreStatus, MerchantScanRequest,
    MerchantScanResponse, StoreLocation,
};
pub use merchant_account::{
    AccountStatus, BusinessInfo, ClaimMerchantAccountRequest, CreateMerchantAccountRequest,
    CustomerSupportInformation, IntegrationInfo, MerchantAccountResponse, MerchantAddress,
    MerchantStore, Person, PhoneNumber, RegisterAmazonPayAccountRequest,
    UpdateAmazonPayAccountRequest, UpdateMerchantAccountRequest,
};
pub use money::{Amount, Currency, MoneyError, Price};
pub use notification::{
    LegacyNotification, Notification, NotificationMessage, NotificationType, ObjectType,
};
pub use refund::{CreateRefundRequest, Refund, RefundState};
pub use report::{
    CreateReportRequest, CreateReportResponse, CreateReportScheduleRequest,
    CreateReportScheduleResponse, ProcessingStatus, Report, ReportDocument, ReportList,
    ReportSchedule, ReportScheduleList, ReportSchedulesQuery, ReportType, ReportsQuery,
    ScheduleFrequency,
};
pub use shared::*;
pub use sns::{SnsConfirmation, SnsMessage, SnsNotification};
pub use store::{CreateStoreRequest, Store, UpdateStoreRequest};
pub use timestamp::{DisputeTimestamp, Timestamp, TimestampError};
