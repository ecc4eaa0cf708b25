//! Decoding JSON with errors that name the field path.

use serde::de::DeserializeOwned;

/// A JSON document that did not decode into the expected type.
///
/// The message never quotes string values from the input (they may hold
/// buyer data); it names the field path, the position and the problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot decode `{path}` (line {line}, column {column}): {message}")]
pub struct DecodeError {
    path: String,
    message: String,
    line: usize,
    column: usize,
    kind: DecodeErrorKind,
}

/// What went wrong while decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// Not valid JSON.
    Syntax,
    /// Valid JSON of the wrong shape or with an invalid value.
    Data,
    /// The input ended early.
    Eof,
}

impl DecodeError {
    /// The path of the offending field, e.g. `paymentDetails.chargeAmount.amount`
    /// or `constraints[0].constraintId`; `.` for the document itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The problem, without input values.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line of the error; 0 when the position is not known (a field of a
    /// response object, which is read from a buffer: [`DecodeError::path`] locates it).
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column of the error; 0 when the position is not known.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The kind of problem.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }
}

/// Decodes JSON bytes into `T`; errors name the field path.
///
/// The common case (valid input) runs at plain serde_json speed: response
/// objects are first read strictly, straight from the input. Only when that
/// fails is the input decoded again by the tolerant reading of response
/// objects (a non-essential field that does not decode is kept in `extra`),
/// and, when that fails too, once more with path tracking, which gives the
/// same error together with the path of the offending field.
pub fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    if let Ok(value) = crate::tolerant::strictly(|| serde_json::from_slice(bytes)) {
        return Ok(value);
    }
    match serde_json::from_slice(bytes) {
        Ok(value) => Ok(value),
        Err(_) => from_json_tracked(bytes),
    }
}

/// Decodes with path tracking on every field.
fn from_json_tracked<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut track = serde_path_to_error::Track::new();
    let result = T::deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
        .and_then(|v| de.end().map(|()| v));
    result.map_err(|e| {
        let outer = track.path().to_string();
        let kind = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                DecodeErrorKind::Syntax
            }
            serde_json::error::Category::Eof => DecodeErrorKind::Eof,
            serde_json::error::Category::Data => DecodeErrorKind::Data,
        };
        let full = e.to_string();
        // serde_json appends " at line L column C"; drop it, the fields carry it.
        let bare = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(head, _)| head);
        let (inner, bare) = split_below(bare);
        DecodeError {
            path: join_paths(&outer, inner),
            message: sanitize(bare),
            line: e.line(),
            column: e.column(),
            kind,
        }
    })
}

impl DecodeError {
    /// An error from decoding an already-parsed JSON value; the position is
    /// unknown (0) because the value has no source text.
    pub(crate) fn from_value_error(
        _source: &str,
        e: serde_path_to_error::Error<serde_json::Error>,
    ) -> Self {
        let outer = e.path().to_string();
        let full = e.into_inner().to_string();
        let (inner, bare) = split_below(&full);
        DecodeError {
            path: join_paths(&outer, inner),
            message: sanitize(bare),
            line: 0,
            column: 0,
            kind: DecodeErrorKind::Data,
        }
    }
}

/// Decodes a JSON string into `T`; see [`from_json`].
pub fn from_json_str<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    from_json(text.as_bytes())
}

/// The message of a failure at `path` below a tolerantly read object
/// ([`crate::tolerant`]): the object is read from a buffer, so the path below it
/// travels in the message, and [`split_below`] takes it out again.
pub(crate) fn below(path: &str, message: &str) -> String {
    if path == "." {
        message.to_owned()
    } else {
        format!("at `{path}`: {message}")
    }
}

/// Splits a message written by [`below`] into the path below (`.` when there is
/// none) and the problem.
pub(crate) fn split_below(message: &str) -> (&str, &str) {
    message
        .strip_prefix("at `")
        .and_then(|rest| rest.split_once("`: "))
        .unwrap_or((".", message))
}

/// The path `inner`, relative to the value at `outer`, from the document root.
pub(crate) fn join_paths(outer: &str, inner: &str) -> String {
    match (outer, inner) {
        (".", inner) => inner.to_owned(),
        (outer, ".") => outer.to_owned(),
        (outer, inner) if inner.starts_with('[') => format!("{outer}{inner}"),
        (outer, inner) => format!("{outer}.{inner}"),
    }
}

/// Replaces every double-quoted part of a message with `"…"`, so that
/// string values from the input never reach an error message.
pub(crate) fn sanitize(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    let mut escaped = false;
    for c in message.chars() {
        if inside && escaped {
            escaped = false;
        } else if inside && c == '\\' {
            escaped = true;
        } else if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    if inside {
        out.push('…');
    }
    out
}
