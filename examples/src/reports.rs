//! Reports: request a few, then read them all through the pagination stream (which follows
//! `nextToken`), and download one document.

use std::time::Duration;

use amazon_pay::types::{CreateReportRequest, ProcessingStatus, ReportType, ReportsQuery};
use anyhow::Context as _;
use futures_util::StreamExt as _;

use crate::browser::Browser;
use crate::connection::Connection;
use crate::output::Steps;

/// How many reports the example requests.
const REPORTS: usize = 5;
/// The page size of Get Reports: small, so the stream follows several pages.
const PAGE_SIZE: u32 = 2;
/// At most this many reports are listed (the real account may hold many).
const LIST_AT_MOST: usize = 20;
/// How far the emulator's clock is moved for the reports to finish (30 seconds on it).
const EMULATOR_REPORT_DELAY: Duration = Duration::from_secs(31);

/// What the example saw.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The reports created.
    pub created: Vec<String>,
    /// The report ids the stream yielded.
    pub listed: Vec<String>,
    /// How many Get Reports pages were fetched (emulator only).
    pub pages: Option<usize>,
    /// The first line of the downloaded document (emulator only).
    pub document_first_line: Option<String>,
}

/// Runs the example; prints each step.
pub async fn run(connection: &Connection) -> anyhow::Result<Outcome> {
    let client = connection.client();
    let steps = Steps::new();

    steps.step(format!("Create Report x{REPORTS}"));
    let mut created = Vec::with_capacity(REPORTS);
    for _ in 0..REPORTS {
        let report = client
            .create_report(&CreateReportRequest::new(ReportType::SandboxSettlementData))
            .await?
            .into_body();
        steps.show("reportId", &report.report_id);
        created.push(report.report_id.to_string());
    }

    if let Some(emulator) = connection.emulator_handle() {
        steps.step("Let the reports finish");
        emulator.clock().advance(EMULATOR_REPORT_DELAY);
        steps.show(
            "emulator clock",
            format!("advanced by {} s", EMULATOR_REPORT_DELAY.as_secs()),
        );
        emulator.clear_requests();
    }

    steps.step(format!("Stream every report, {PAGE_SIZE} per page"));
    let query = ReportsQuery::new()
        .report_type(ReportType::SandboxSettlementData)
        .page_size(PAGE_SIZE);
    let mut stream = client.all_reports(&query).take(LIST_AT_MOST);
    let mut listed = Vec::new();
    let mut document = None;
    while let Some(report) = stream.next().await {
        let report = report?;
        let status = report
            .processing_status
            .as_ref()
            .map_or_else(|| "-".to_owned(), ToString::to_string);
        steps.show(&format!("report {}", report.report_id), status);
        if document.is_none() && report.processing_status == Some(ProcessingStatus::Completed) {
            document = report.report_document_id.clone();
        }
        listed.push(report.report_id.to_string());
    }
    let pages = connection.emulator_handle().map(|emulator| {
        emulator
            .requests()
            .iter()
            .filter(|r| r.operation.as_deref() == Some("GetReports"))
            .count()
    });
    if let Some(pages) = pages {
        steps.show("pages fetched", pages);
    }

    let mut document_first_line = None;
    if let Some(document_id) = document {
        steps.step("Get Report Document");
        let document = client.get_report_document(&document_id).await?.into_body();
        let url = document.url.context("the report document has no URL")?;
        steps.show("reportDocumentId", &document_id);
        steps.show("download URL", &url);
        if connection.emulator_handle().is_some() {
            let page = Browser::new().get(&url).await?;
            let first = page.body.lines().next().unwrap_or_default().to_owned();
            steps.show("first line", &first);
            document_first_line = Some(first);
        }
    }
    Ok(Outcome {
        created,
        listed,
        pages,
        document_first_line,
    })
}
