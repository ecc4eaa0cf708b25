//! Reading the string to sign out of an `InvalidRequestSignature` answer.

use std::io::Read as _;
use std::path::Path;

use amazon_pay::signing::Algorithm;
use anyhow::{Context as _, bail};

/// The string to sign the service computed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Expected {
    /// The algorithm it names.
    pub(crate) algorithm: Algorithm,
    /// The lower-case hex SHA-256 of its canonical request.
    pub(crate) hash: String,
}

/// Reads the answer from `path` (`-` for standard input).
pub(crate) fn read(path: &Path) -> anyhow::Result<Expected> {
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the answer from standard input")?;
    } else {
        text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the answer {}", path.display()))?;
    }
    parse(&text)
}

/// The answer is the JSON error body (`reasonCode`, `message`) or the message alone; the
/// message holds `[AMZN-PAY-RSASSA-PSS-V2\n<64 hex digits>]` (the line feed real or escaped).
pub(crate) fn parse(text: &str) -> anyhow::Result<Expected> {
    let message = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(json) => {
            if let Some(code) = json.get("reasonCode").and_then(|c| c.as_str())
                && code != "InvalidRequestSignature"
            {
                bail!(
                    "the answer's reasonCode is {code}, not InvalidRequestSignature: it is not \
                         a signature mismatch ({})",
                    json.get("message").and_then(|m| m.as_str()).unwrap_or("")
                );
            }
            json.get("message")
                .and_then(|m| m.as_str())
                .map_or_else(|| text.to_owned(), str::to_owned)
        }
        Err(_) => text.to_owned(),
    };
    let v1 = Algorithm::V1.as_str();
    let start = message.find(v1).context(
        "the answer names no string to sign (no AMZN-PAY-RSASSA-PSS…): pass the body of the \
         InvalidRequestSignature answer",
    )?;
    let rest = &message[start + v1.len()..];
    let (algorithm, rest) = match rest.strip_prefix("-V2") {
        Some(rest) => (Algorithm::V2, rest),
        None => (Algorithm::V1, rest),
    };
    let rest = rest
        .trim_start_matches("\\n")
        .trim_start_matches(|c: char| c.is_whitespace());
    let hash: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
    if hash.len() != 64 {
        bail!("the answer's string to sign has no SHA-256 (64 hex digits) after the algorithm");
    }
    Ok(Expected {
        algorithm,
        hash: hash.to_ascii_lowercase(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";

    #[test]
    fn reads_the_json_body_and_the_bare_message() {
        let body = format!(
            r#"{{"reasonCode":"InvalidRequestSignature","message":"Unable to verify signature, signing String [AMZN-PAY-RSASSA-PSS-V2\n{HASH}]"}}"#
        );
        let expected = Expected {
            algorithm: Algorithm::V2,
            hash: HASH.to_owned(),
        };
        assert_eq!(parse(&body).unwrap(), expected);
        let message = format!("signing String [AMZN-PAY-RSASSA-PSS\\n{HASH}]");
        assert_eq!(parse(&message).unwrap().algorithm, Algorithm::V1);
    }

    #[test]
    fn refuses_other_answers() {
        let other = r#"{"reasonCode":"InvalidHeaderValue","message":"x-amz-pay-date"}"#;
        assert!(
            parse(other)
                .unwrap_err()
                .to_string()
                .contains("InvalidHeaderValue")
        );
        assert!(parse("AMZN-PAY-RSASSA-PSS-V2\n0a1b").is_err());
        assert!(parse("hello").is_err());
    }
}
