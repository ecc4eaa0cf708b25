//! Reports, report documents and report schedules (`v2/reports`, `v2/report-documents`, `v2/report-schedules`).

use crate::ids::{NextToken, ReportDocumentId, ReportId, ReportScheduleId};
use crate::macros::open_enum;
use crate::macros::setters;
use crate::timestamp::Timestamp;
use crate::tolerant::tolerant;

open_enum! {
    /// Kind of report (`reportType`).
    ReportType {
        /// Settlement report.
        SettlementData = "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_",
        /// Sandbox settlement report.
        SandboxSettlementData = "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SANDBOX_SETTLEMENT_DATA_",
        /// Order reference report.
        OrderReferenceData = "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_ORDER_REFERENCE_DATA_",
        /// Billing agreement report.
        BillingAgreementData = "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_BILLING_AGREEMENT_DATA_",
        /// Authorization report.
        AuthorizationData = "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_AUTHORIZATION_DATA_",
        /// Capture report.
        CaptureData = "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_CAPTURE_DATA_",
        /// Refund report.
        RefundData = "_GET_FLAT_FILE_OFFAMAZONPAYMENTS_REFUND_DATA_",
        /// Multi-currency payments report (CSV).
        MultiCurrencyPaymentsData = "_GET_CSV_CUSTOM_OFFAMAZONPAYMENTS_MULTI_CURRENCY_PAYMENTS_DATA_",
    }
}

open_enum! {
    /// Processing state of a report (`processingStatus`).
    ProcessingStatus {
        /// Being generated.
        InProgress = "IN_PROGRESS",
        /// Ready.
        Completed = "COMPLETED",
        /// Failed.
        Failed = "FAILED",
        /// Cancelled.
        Cancelled = "CANCELLED",
    }
}

open_enum! {
    /// How often a scheduled report is created (`scheduleFrequency`).
    ScheduleFrequency {
        /// Every 5 minutes.
        Pt5m = "PT5M",
        /// Every 15 minutes.
        Pt15m = "PT15M",
        /// Every 30 minutes.
        Pt30m = "PT30M",
        /// Hourly.
        Pt1h = "PT1H",
        /// Every 2 hours.
        Pt2h = "PT2H",
        /// Every 4 hours.
        Pt4h = "PT4H",
        /// Every 8 hours.
        Pt8h = "PT8H",
        /// Every 12 hours.
        Pt12h = "PT12H",
        /// Every 24 hours.
        Pt24h = "PT24H",
        /// Every 84 hours.
        Pt84h = "PT84H",
        /// Daily.
        P1d = "P1D",
        /// Every 2 days.
        P2d = "P2D",
        /// Every 3 days.
        P3d = "P3D",
        /// Weekly.
        P7d = "P7D",
        /// Every 14 days.
        P14d = "P14D",
        /// Every 15 days.
        P15d = "P15D",
        /// Every 18 days.
        P18d = "P18D",
        /// Every 30 days.
        P30d = "P30D",
    }
}

/// A report.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Report {
    /// The report id.
    pub report_id: ReportId,
    /// Kind of report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_type: Option<ReportType>,
    /// Start of the covered period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// End of the covered period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// When the report was requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_time: Option<Timestamp>,
    /// Processing state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing_status: Option<ProcessingStatus>,
    /// When processing started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing_start_time: Option<Timestamp>,
    /// When processing ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processing_end_time: Option<Timestamp>,
    /// The document to download once completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_document_id: Option<ReportDocumentId>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(Report {
    essential: ["processingStatus", "reportDocumentId"]
});

impl Report {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(report_id: impl Into<ReportId>) -> Self {
        Self {
            report_id: report_id.into(),
            report_type: None,
            start_time: None,
            end_time: None,
            created_time: None,
            processing_status: None,
            processing_start_time: None,
            processing_end_time: None,
            report_document_id: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `reportType`.
        report_type: impl Into<ReportType>,
        /// Sets `startTime`.
        start_time: impl Into<Timestamp>,
        /// Sets `endTime`.
        end_time: impl Into<Timestamp>,
        /// Sets `createdTime`.
        created_time: impl Into<Timestamp>,
        /// Sets `processingStatus`.
        processing_status: impl Into<ProcessingStatus>,
        /// Sets `processingStartTime`.
        processing_start_time: impl Into<Timestamp>,
        /// Sets `processingEndTime`.
        processing_end_time: impl Into<Timestamp>,
        /// Sets `reportDocumentId`.
        report_document_id: impl Into<ReportDocumentId>,
    }
}

/// Response of Get Reports: one page.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReportList {
    /// The reports of this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports: Option<Vec<Report>>,
    /// Token of the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<NextToken>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(ReportList {
    essential: ["reports", "nextToken"]
});

impl ReportList {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `reports`.
        reports: impl Into<Vec<Report>>,
        /// Sets `nextToken`.
        next_token: impl Into<NextToken>,
    }
}

/// Response of Get Report Document.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReportDocument {
    /// The document id.
    pub report_document_id: ReportDocumentId,
    /// Pre-signed download URL (fetch it without Amazon Pay signing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Compression of the document, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression_algorithm: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(ReportDocument { essential: [] });

impl ReportDocument {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(report_document_id: impl Into<ReportDocumentId>) -> Self {
        Self {
            report_document_id: report_document_id.into(),
            url: None,
            compression_algorithm: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `url`.
        url: impl Into<String>,
        /// Sets `compressionAlgorithm`.
        compression_algorithm: impl Into<String>,
    }
}

/// A report schedule.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReportSchedule {
    /// The schedule id.
    pub report_schedule_id: ReportScheduleId,
    /// Kind of report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_type: Option<ReportType>,
    /// How often.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_frequency: Option<ScheduleFrequency>,
    /// When the next report is created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_report_creation_time: Option<Timestamp>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(ReportSchedule { essential: [] });

impl ReportSchedule {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(report_schedule_id: impl Into<ReportScheduleId>) -> Self {
        Self {
            report_schedule_id: report_schedule_id.into(),
            report_type: None,
            schedule_frequency: None,
            next_report_creation_time: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `reportType`.
        report_type: impl Into<ReportType>,
        /// Sets `scheduleFrequency`.
        schedule_frequency: impl Into<ScheduleFrequency>,
        /// Sets `nextReportCreationTime`.
        next_report_creation_time: impl Into<Timestamp>,
    }
}

/// Response of Get Report Schedules.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReportScheduleList {
    /// The schedules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_schedules: Option<Vec<ReportSchedule>>,
    /// Token of the next page, if the service sends one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<NextToken>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(ReportScheduleList {
    essential: ["reportSchedules", "nextToken"]
});

impl ReportScheduleList {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `reportSchedules`.
        report_schedules: impl Into<Vec<ReportSchedule>>,
        /// Sets `nextToken`.
        next_token: impl Into<NextToken>,
    }
}

/// Body of Create Report (`POST v2/reports`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateReportRequest {
    /// Kind of report.
    pub report_type: ReportType,
    /// Start of the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Timestamp>,
    /// End of the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Timestamp>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CreateReportRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(report_type: impl Into<ReportType>) -> Self {
        Self {
            report_type: report_type.into(),
            start_time: None,
            end_time: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `startTime`.
        start_time: impl Into<Timestamp>,
        /// Sets `endTime`.
        end_time: impl Into<Timestamp>,
    }
}

/// Response of Create Report.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct CreateReportResponse {
    /// The new report id.
    pub report_id: ReportId,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(CreateReportResponse { essential: [] });

impl CreateReportResponse {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(report_id: impl Into<ReportId>) -> Self {
        Self {
            report_id: report_id.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// Body of Create Report Schedule (`POST v2/report-schedules`).
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CreateReportScheduleRequest {
    /// Kind of report.
    pub report_type: ReportType,
    /// How often.
    pub schedule_frequency: ScheduleFrequency,
    /// When to create the next report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_report_creation_time: Option<Timestamp>,
    /// Replace an existing schedule for the type.
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub delete_existing_schedule: Option<bool>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl CreateReportScheduleRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(
        report_type: impl Into<ReportType>,
        schedule_frequency: impl Into<ScheduleFrequency>,
    ) -> Self {
        Self {
            report_type: report_type.into(),
            schedule_frequency: schedule_frequency.into(),
            next_report_creation_time: None,
            delete_existing_schedule: None,
            extra: ::serde_json::Map::new(),
        }
    }

    setters! {
        /// Sets `nextReportCreationTime`.
        next_report_creation_time: impl Into<Timestamp>,
        /// Sets `deleteExistingSchedule`.
        delete_existing_schedule: impl Into<bool>,
    }
}

/// Response of Create Report Schedule.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct CreateReportScheduleResponse {
    /// The new schedule id.
    pub report_schedule_id: ReportScheduleId,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(CreateReportScheduleResponse { essential: [] });

impl CreateReportScheduleResponse {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(report_schedule_id: impl Into<ReportScheduleId>) -> Self {
        Self {
            report_schedule_id: report_schedule_id.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// Query of Get Reports; every parameter is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReportsQuery {
    /// Report types (sent comma-joined as one parameter).
    pub report_types: Vec<ReportType>,
    /// Processing statuses (sent comma-joined as one parameter).
    pub processing_statuses: Vec<ProcessingStatus>,
    /// Reports created at or after this time.
    pub created_since: Option<Timestamp>,
    /// Reports created at or before this time.
    pub created_until: Option<Timestamp>,
    /// Page size.
    pub page_size: Option<u32>,
    /// Token of the page to fetch.
    pub next_token: Option<NextToken>,
}

impl ReportsQuery {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Adds a report type.
        report_type => report_types.push(ReportType),
        /// Adds a processing status.
        processing_status => processing_statuses.push(ProcessingStatus),
        /// Sets `createdSince`.
        created_since: Timestamp,
        /// Sets `createdUntil`.
        created_until: Timestamp,
        /// Sets `pageSize`.
        page_size: u32,
        /// Sets `nextToken`.
        next_token: impl Into<NextToken>,
    }

    /// The query parameters that are set, in a fixed order.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        push_joined(&mut pairs, "reportTypes", &self.report_types);
        push_joined(&mut pairs, "processingStatuses", &self.processing_statuses);
        push_opt(&mut pairs, "createdSince", &self.created_since);
        push_opt(&mut pairs, "createdUntil", &self.created_until);
        push_opt(&mut pairs, "pageSize", &self.page_size);
        push_opt(&mut pairs, "nextToken", &self.next_token);
        pairs
    }
}

/// Query of Get Report Schedules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReportSchedulesQuery {
    /// Report types (sent comma-joined as one parameter).
    pub report_types: Vec<ReportType>,
}

impl ReportSchedulesQuery {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Adds a report type.
        report_type => report_types.push(ReportType),
    }

    /// The query parameters that are set.
    pub fn to_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        push_joined(&mut pairs, "reportTypes", &self.report_types);
        pairs
    }
}

/// Appends `name=a,b,c` when the list is not empty.
pub(crate) fn push_joined<T: std::fmt::Display>(
    pairs: &mut Vec<(&'static str, String)>,
    name: &'static str,
    values: &[T],
) {
    if !values.is_empty() {
        let joined = values
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",");
        pairs.push((name, joined));
    }
}

/// Appends `name=value` when the value is set (timestamps in the basic form).
pub(crate) fn push_opt<T: std::fmt::Display>(
    pairs: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: &Option<T>,
) {
    if let Some(v) = value {
        pairs.push((name, v.to_string()));
    }
}
