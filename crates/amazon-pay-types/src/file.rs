//! File uploads for dispute evidence (`POST v2/files`).

use crate::ids::FileId;
use crate::macros::open_enum;
use crate::macros::setters;
use crate::tolerant::tolerant;

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
#[non_exhaustive]
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
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
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
    #[serde(
        default,
        deserialize_with = "crate::tolerant::option",
        skip_serializing_if = "Option::is_none"
    )]
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

tolerant!(FileUpload { essential: [] });

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

    setters! {
        /// Sets `type`.
        r#type: impl Into<FileType>,
        /// Sets `purpose`.
        purpose: impl Into<FilePurpose>,
        /// Sets `url`.
        url: impl Into<String>,
        /// Sets `size`.
        size: impl Into<u64>,
        /// Sets `uploadTimestamp`.
        upload_timestamp: impl Into<serde_json::Value>,
        /// Sets `urlExpirationTimestamp`.
        url_expiration_timestamp: impl Into<serde_json::Value>,
    }
}
