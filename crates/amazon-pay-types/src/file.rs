//! File uploads for dispute evidence (`POST v2/files`).

use crate::ids::FileId;
use crate::macros::open_enum;

open_enum! {
    /// File format (`type`).
    FileType {
        /// CSV.
        Csv = "csv",
        /// PDF.
        Pdf = "pdf",
        /// Excel 97.
        Xls = "xls",
        /// Excel.
        Xlsx = "xlsx",
        /// Word 97.
        Doc = "doc",
        /// Word.
        Docx = "docx",
        /// OpenDocument spreadsheet.
        Ods = "ods",
        /// JPEG.
        Jpg = "jpg",
        /// PNG.
        Png = "png",
    }
}

open_enum! {
    /// What the file is for (`purpose`).
    FilePurpose {
        /// Evidence for a dispute.
        DisputeEvidence = "disputeEvidence",
    }
}

/// Body of Upload File.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadFileRequest {
    /// File format.
    pub r#type: FileType,
    /// What the file is for.
    pub purpose: FilePurpose,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl UploadFileRequest {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(r#type: impl Into<FileType>, purpose: impl Into<FilePurpose>) -> Self {
        Self {
            r#type: r#type.into(),
            purpose: purpose.into(),
            extra: ::serde_json::Map::new(),
        }
    }
}

/// Response of Upload File: where to upload the bytes.
#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileUpload {
    /// The file id (use it as `fileId` in evidence).
    pub id: FileId,
    /// File format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<FileType>,
    /// What the file is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<FilePurpose>,
    /// Upload URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Size in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Upload time (format not documented; kept as sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload_timestamp: Option<serde_json::Value>,
    /// When `url` expires (format not documented; kept as sent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_expiration_timestamp: Option<serde_json::Value>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

impl FileUpload {
    /// Builds the value from its required fields; the others start empty.
    pub fn new(id: impl Into<FileId>) -> Self {
        Self {
            id: id.into(),
            r#type: None,
            purpose: None,
            url: None,
            size: None,
            upload_timestamp: None,
            url_expiration_timestamp: None,
            extra: ::serde_json::Map::new(),
        }
    }

    /// Sets `type`.
    #[must_use]
    pub fn r#type(mut self, value: impl Into<FileType>) -> Self {
        self.r#type = Some(value.into());
        self
    }

    /// Sets `purpose`.
    #[must_use]
    pub fn purpose(mut self, value: impl Into<FilePurpose>) -> Self {
        self.purpose = Some(value.into());
        self
    }

    /// Sets `url`.
    #[must_use]
    pub fn url(mut self, value: impl Into<String>) -> Self {
        self.url = Some(value.into());
        self
    }

    /// Sets `size`.
    #[must_use]
    pub fn size(mut self, value: impl Into<u64>) -> Self {
        self.size = Some(value.into());
        self
    }

    /// Sets `uploadTimestamp`.
    #[must_use]
    pub fn upload_timestamp(mut self, value: impl Into<serde_json::Value>) -> Self {
        self.upload_timestamp = Some(value.into());
        self
    }

    /// Sets `urlExpirationTimestamp`.
    #[must_use]
    pub fn url_expiration_timestamp(mut self, value: impl Into<serde_json::Value>) -> Self {
        self.url_expiration_timestamp = Some(value.into());
        self
    }
}
