//! Disputes (`v2/disputes`).

use crate::enums::ReleaseEnvironment;
use crate::ids::{ChargeId, DisputeId, FileId};
use crate::macros::open_enum;
use crate::macros::setters;
use crate::money::Price;
use crate::timestamp::DisputeTimestamp;
use crate::tolerant::tolerant;

open_enum! {
    /// The state of a dispute.
    DisputeState {
        /// Under review.
        UnderReview = "UnderReview",
        /// The merchant must act.
        ActionRequired = "ActionRequired",
        /// Resolved.
        Resolved = "Resolved",
        /// Closed.
        Closed = "Closed",
    }
}

open_enum! {
    /// How a dispute was resolved.
    DisputeResolution {
        /// The buyer won.
        BuyerWon = "BuyerWon",
        /// The merchant won.
        MerchantWon = "MerchantWon",
        /// Nobody at fault.
        NoFault = "NoFault",
    }
}

open_enum! {
    /// Reason codes of a dispute's status.
    DisputeReasonCode {
        /// The merchant must respond.
        MerchantResponseRequired = "MerchantResponseRequired",
        /// The merchant must add evidence.
        MerchantAdditionalEvidencesRequired = "MerchantAdditionalEvidencesRequired",
        /// The buyer must add evidence.
        BuyerAdditionalEvidencesRequired = "BuyerAdditionalEvidencesRequired",
        /// The merchant accepted the dispute.
        MerchantAcceptedDispute = "MerchantAcceptedDispute",
        /// The merchant missed the deadline.
        MerchantResponseDeadlineExpired = "MerchantResponseDeadlineExpired",
        /// The buyer cancelled.
        BuyerCancelled = "BuyerCancelled",
        /// Resolved by an investigator.
        InvestigatorResolved = "InvestigatorResolved",
        /// Resolved automatically.
        AutoResolved = "AutoResolved",
        /// A chargeback was filed.
        ChargebackFiled = "ChargebackFiled",
    }
}

open_enum! {
    /// Why the buyer filed the dispute.
    DisputeFilingReason {
        /// Not received.
        ProductNotReceived = "ProductNotReceived",
        /// Unacceptable.
        ProductUnacceptable = "ProductUnacceptable",
        /// No longer needed.
        ProductNoLongerNeeded = "ProductNoLongerNeeded",
        /// Credit not processed.
        CreditNotProcessed = "CreditNotProcessed",
        /// Overcharged.
        Overcharged = "Overcharged",
        /// Charged twice.
        DuplicateCharge = "DuplicateCharge",
        /// Subscription cancelled.
        SubscriptionCancelled = "SubscriptionCancelled",
        /// Not recognised.
        Unrecognized = "Unrecognized",
        /// Fraud.
        Fraudulent = "Fraudulent",
        /// Other.
        Other = "Other",
    }
}

open_enum! {
    /// Kind of evidence a merchant submits.
    EvidenceType {
        /// Product description.
        ProductDescription = "ProductDescription",
        /// Receipt.
        Receipt = "Receipt",
        /// Cancellation policy.
        CancellationPolicy = "CancellationPolicy",
        /// Customer signature.
        CustomerSignature = "CustomerSignature",
        /// Tracking number.
        TrackingNumber = "TrackingNumber",
        /// Carrier name.
        CarrierName = "CarrierName",
        /// Device id.
        DeviceId = "DeviceId",
        /// Device name.
        DeviceName = "DeviceName",
        /// Download time.
        DownloadDateTime = "DownloadDateTime",
        /// Other.
        Other = "Other",
    }
}

/// `statusDetails` of a dispute.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct DisputeStatusDetails {
    /// The state.
    pub state: DisputeState,
    /// How it was resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<DisputeResolution>,
    /// Why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<DisputeReasonCode>,
    /// Human-readable text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_description: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(DisputeStatusDetails { essential: [] });

impl DisputeStatusDetails {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(state: impl Into<DisputeState>) -> Self {
        Self {
            state: state.into(),
            resolution: None,
            reason_code: None,
            reason_description: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `resolution`.
        resolution: impl Into<DisputeResolution>,
        /// Sets `reasonCode`.
        reason_code: impl Into<DisputeReasonCode>,
        /// Sets `reasonDescription`.
        reason_description: impl Into<String>,
    }
}

/// `providerMetadata` of a dispute.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct DisputeProviderMetadata {
    /// The provider's dispute id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_dispute_id: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(DisputeProviderMetadata {
    essential: ["providerDisputeId"]
});

impl DisputeProviderMetadata {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `providerDisputeId`.
        provider_dispute_id: impl Into<String>,
    }
}

/// One piece of evidence.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct MerchantEvidence {
    /// Kind of evidence.
    pub evidence_type: EvidenceType,
    /// An uploaded file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_id: Option<FileId>,
    /// Text evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence_text: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(MerchantEvidence {
    essential: ["fileId"]
});

impl MerchantEvidence {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(evidence_type: impl Into<EvidenceType>) -> Self {
        Self {
            evidence_type: evidence_type.into(),
            file_id: None,
            evidence_text: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `fileId`.
        file_id: impl Into<FileId>,
        /// Sets `evidenceText`.
        evidence_text: impl Into<String>,
    }
}

/// Body of Create Dispute (`POST v2/disputes`, payment service providers).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateDisputeRequest {
    /// The disputed charge.
    pub charge_id: ChargeId,
    /// Provider data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<DisputeProviderMetadata>,
    /// Disputed amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispute_amount: Option<Price>,
    /// Why it was filed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing_reason: Option<DisputeFilingReason>,
    /// When it was filed (epoch or ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing_timestamp: Option<DisputeTimestamp>,
    /// Initial state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<DisputeStatusDetails>,
    /// Deadline for the merchant (epoch or ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_response_deadline: Option<DisputeTimestamp>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CreateDisputeRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(charge_id: impl Into<ChargeId>) -> Self {
        Self {
            charge_id: charge_id.into(),
            provider_metadata: None,
            dispute_amount: None,
            filing_reason: None,
            filing_timestamp: None,
            status_details: None,
            merchant_response_deadline: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `providerMetadata`.
        provider_metadata: impl Into<DisputeProviderMetadata>,
        /// Sets `disputeAmount`.
        dispute_amount: impl Into<Price>,
        /// Sets `filingReason`.
        filing_reason: impl Into<DisputeFilingReason>,
        /// Sets `filingTimestamp`.
        filing_timestamp: impl Into<DisputeTimestamp>,
        /// Sets `statusDetails`.
        status_details: impl Into<DisputeStatusDetails>,
        /// Sets `merchantResponseDeadline`.
        merchant_response_deadline: impl Into<DisputeTimestamp>,
    }
}

/// Body of Update Dispute (`PATCH v2/disputes/{id}`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UpdateDisputeRequest {
    /// New state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<DisputeStatusDetails>,
    /// When it closed (epoch or ISO 8601).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closure_timestamp: Option<DisputeTimestamp>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl UpdateDisputeRequest {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `statusDetails`.
        status_details: impl Into<DisputeStatusDetails>,
        /// Sets `closureTimestamp`.
        closure_timestamp: impl Into<DisputeTimestamp>,
    }
}

/// Body of Contest Dispute (`POST v2/disputes/{id}/contest`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ContestDisputeRequest {
    /// The evidence.
    pub merchant_evidences: Vec<MerchantEvidence>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl ContestDisputeRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(merchant_evidences: impl Into<Vec<MerchantEvidence>>) -> Self {
        Self {
            merchant_evidences: merchant_evidences.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// A dispute.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Dispute {
    /// The dispute id.
    pub dispute_id: DisputeId,
    /// The disputed charge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charge_id: Option<ChargeId>,
    /// Kind of dispute (open string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispute_type: Option<String>,
    /// Disputed amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispute_amount: Option<Price>,
    /// Why it was filed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing_reason: Option<DisputeFilingReason>,
    /// When it was filed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filing_timestamp: Option<DisputeTimestamp>,
    /// When it was created (some samples use this name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<DisputeTimestamp>,
    /// Who resolves it (open string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution_authority: Option<String>,
    /// State.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<DisputeStatusDetails>,
    /// Deadline for the merchant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_response_deadline: Option<DisputeTimestamp>,
    /// When it closed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closure_timestamp: Option<DisputeTimestamp>,
    /// Provider data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_metadata: Option<DisputeProviderMetadata>,
    /// Evidence submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_evidences: Option<Vec<MerchantEvidence>>,
    /// Sandbox or Live.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release_environment: Option<ReleaseEnvironment>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(Dispute {
    essential: ["chargeId", "disputeAmount", "statusDetails"]
});

impl Dispute {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(dispute_id: impl Into<DisputeId>) -> Self {
        Self {
            dispute_id: dispute_id.into(),
            charge_id: None,
            dispute_type: None,
            dispute_amount: None,
            filing_reason: None,
            filing_timestamp: None,
            creation_timestamp: None,
            resolution_authority: None,
            status_details: None,
            merchant_response_deadline: None,
            closure_timestamp: None,
            provider_metadata: None,
            merchant_evidences: None,
            release_environment: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `chargeId`.
        charge_id: impl Into<ChargeId>,
        /// Sets `disputeType`.
        dispute_type: impl Into<String>,
        /// Sets `disputeAmount`.
        dispute_amount: impl Into<Price>,
        /// Sets `filingReason`.
        filing_reason: impl Into<DisputeFilingReason>,
        /// Sets `filingTimestamp`.
        filing_timestamp: impl Into<DisputeTimestamp>,
        /// Sets `creationTimestamp`.
        creation_timestamp: impl Into<DisputeTimestamp>,
        /// Sets `resolutionAuthority`.
        resolution_authority: impl Into<String>,
        /// Sets `statusDetails`.
        status_details: impl Into<DisputeStatusDetails>,
        /// Sets `merchantResponseDeadline`.
        merchant_response_deadline: impl Into<DisputeTimestamp>,
        /// Sets `closureTimestamp`.
        closure_timestamp: impl Into<DisputeTimestamp>,
        /// Sets `providerMetadata`.
        provider_metadata: impl Into<DisputeProviderMetadata>,
        /// Sets `merchantEvidences`.
        merchant_evidences: impl Into<Vec<MerchantEvidence>>,
        /// Sets `releaseEnvironment`.
        release_environment: impl Into<ReleaseEnvironment>,
    }
}
