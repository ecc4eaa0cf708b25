//! Reading key files: PEM labels, PKCS#1 / PKCS#8 / SPKI structures, and the
//! typed errors for every key that cannot be used.

use base64::Engine as _;
use pkcs1::{RsaPrivateKeyRef, RsaPublicKeyRef};
use pkcs8::der::asn1::{BitStringRef, OctetStringRef, UintRef};
use pkcs8::der::{Decode as _, Encode as _};
use pkcs8::{ObjectIdentifier, PrivateKeyInfoRef, SubjectPublicKeyInfoRef};
use zeroize::Zeroizing;

use crate::Error;

/// The smallest accepted modulus.
pub(crate) const MIN_BITS: usize = 2048;

const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// A private key checked to be RSA of at least 2048 bits, normalised to PKCS#8.
pub(crate) struct ParsedPrivateKey {
    /// Unencrypted PKCS#8 `PrivateKeyInfo` DER.
    pub(crate) pkcs8: Zeroizing<Vec<u8>>,
    /// PKCS#1 `RSAPublicKey` DER of the public half.
    pub(crate) public_pkcs1: Vec<u8>,
    /// Modulus size.
    pub(crate) bits: usize,
}

/// A public key checked to be RSA of at least 2048 bits.
pub(crate) struct ParsedPublicKey {
    /// PKCS#1 `RSAPublicKey` DER.
    pub(crate) pkcs1: Vec<u8>,
    /// Modulus size.
    pub(crate) bits: usize,
}

/// Bit length of a big-endian unsigned integer.
fn bit_len(bytes: &[u8]) -> usize {
    match bytes.iter().position(|&b| b != 0) {
        Some(first) => (bytes.len() - first) * 8 - bytes[first].leading_zeros() as usize,
        None => 0,
    }
}

/// Finds the label of the first `-----BEGIN …-----` line.
fn pem_label(text: &str) -> Option<&str> {
    let start = text.find("-----BEGIN ")? + "-----BEGIN ".len();
    let rest = &text[start..];
    let end = rest.find("-----")?;
    Some(rest[..end].trim())
}

/// Decodes the first PEM block of `text` into its label and DER bytes (zeroized on drop).
///
/// Accepts what OpenSSL's PEM reader accepts (checked against `openssl pkey` 3.0): text before
/// the `-----BEGIN` line and after the `-----END` line, body lines indented or followed by
/// spaces or tabs, CRLF line ends, body lines of any length (the whole body on one line
/// included), blank lines right after the `-----BEGIN` line. Refuses, saying which, what it
/// refuses: an indented `-----BEGIN` or `-----END` line, a file without line breaks, a blank
/// line inside the body, a missing or mismatched `-----END` line, bad base64 (padding
/// included).
fn decode_pem(text: &str) -> Result<(String, Zeroizing<Vec<u8>>), &'static str> {
    let mut lines = text
        .lines()
        .map(|line| line.strip_suffix('\r').unwrap_or(line));
    let begin = lines
        .find(|line| line.contains("-----BEGIN "))
        .ok_or("no PEM header was found")?;
    if !begin.starts_with("-----BEGIN ") {
        return Err(
            "the -----BEGIN line does not start the line (indented, or text before it): \
             remove what comes before `-----BEGIN`",
        );
    }
    let label = begin["-----BEGIN ".len()..]
        .trim_end()
        .strip_suffix("-----")
        .filter(|label| !label.contains('-'))
        .ok_or(
            "the -----BEGIN line does not end after its label: the PEM needs line breaks, \
             with the -----BEGIN line, the base64 body and the -----END line each on lines of \
             their own",
        )?;
    let end = format!("-----END {label}-----");
    let mut body = Zeroizing::new(String::new());
    let mut blank_inside = false;
    let mut ended = false;
    for line in lines {
        if line.trim_end() == end {
            ended = true;
            break;
        }
        if line.contains("-----END ") {
            return Err(if line.trim() == end {
                "the -----END line is indented: remove the spaces before it"
            } else {
                "the -----END line does not name the label of the -----BEGIN line"
            });
        }
        let content = line.trim_matches(|c| c == ' ' || c == '\t');
        if content.is_empty() {
            blank_inside |= !body.is_empty();
            continue;
        }
        if blank_inside {
            return Err("a blank line interrupts the base64 body: remove it");
        }
        body.push_str(content);
    }
    if !ended {
        return Err("the -----END line is missing (the file is cut short?)");
    }
    if body.is_empty() {
        return Err("the PEM block has no base64 body");
    }
    let der = base64::engine::general_purpose::STANDARD
        .decode(body.as_bytes())
        .map_err(|_| {
            "the base64 body is damaged (a character outside base64, a missing `=` padding or a \
             cut line)"
        })?;
    Ok((label.to_owned(), Zeroizing::new(der)))
}

/// Reads a private key from PEM text; `password` decrypts an encrypted PKCS#8 key.
pub(crate) fn private_from_pem(
    text: &str,
    password: Option<&[u8]>,
) -> Result<ParsedPrivateKey, Error> {
    let Some(label) = pem_label(text) else {
        return Err(Error::InvalidKey {
            reason: "no PEM header was found",
        });
    };
    match label {
        "OPENSSH PRIVATE KEY" => return Err(Error::OpenSshKey),
        "EC PRIVATE KEY" => return Err(Error::EcKey),
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" | "SSH2 PUBLIC KEY" => {
            return Err(Error::PublicKeyGiven {
                label: format!("BEGIN {label}"),
            });
        }
        "DSA PRIVATE KEY" => {
            return Err(Error::UnsupportedKeyAlgorithm {
                algorithm: "DSA".to_owned(),
            });
        }
        _ => {}
    }
    if text.contains("Proc-Type: 4,ENCRYPTED") {
        return Err(Error::LegacyEncryptedKey);
    }
    let (label, der) = decode_pem(text).map_err(|reason| Error::InvalidKey { reason })?;
    match label.as_str() {
        "PRIVATE KEY" => private_from_pkcs8(&der),
        "RSA PRIVATE KEY" => private_from_pkcs1(&der),
        "ENCRYPTED PRIVATE KEY" => private_from_encrypted_pkcs8(&der, password),
        _ => Err(Error::InvalidKey {
            reason: "the PEM label is not a private key label",
        }),
    }
}

/// Reads a private key from DER: PKCS#8 or PKCS#1.
pub(crate) fn private_from_der(der: &[u8]) -> Result<ParsedPrivateKey, Error> {
    if PrivateKeyInfoRef::from_der(der).is_ok() {
        return private_from_pkcs8(der);
    }
    if RsaPrivateKeyRef::from_der(der).is_ok() {
        return private_from_pkcs1(der);
    }
    if SubjectPublicKeyInfoRef::from_der(der).is_ok() || RsaPublicKeyRef::from_der(der).is_ok() {
        return Err(Error::PublicKeyGiven {
            label: "DER public key".to_owned(),
        });
    }
    if pkcs8::EncryptedPrivateKeyInfoRef::from_der(der).is_ok() {
        return private_from_encrypted_pkcs8(der, None);
    }
    Err(Error::InvalidKey {
        reason: "the bytes are neither PKCS#8 nor PKCS#1 DER",
    })
}

/// Decrypts an encrypted PKCS#8 key (feature `encrypted-keys`).
#[cfg(feature = "encrypted-keys")]
fn private_from_encrypted_pkcs8(
    der: &[u8],
    password: Option<&[u8]>,
) -> Result<ParsedPrivateKey, Error> {
    let password = password.ok_or(Error::EncryptedKey)?;
    let info = pkcs8::EncryptedPrivateKeyInfoRef::from_der(der).map_err(|_| Error::InvalidKey {
        reason: "the encrypted PKCS#8 structure is malformed",
    })?;
    let document = info.decrypt(password).map_err(|_| Error::KeyDecryption)?;
    private_from_pkcs8(document.as_bytes())
}

/// Without the feature `encrypted-keys`, an encrypted key is refused with an error naming it.
#[cfg(not(feature = "encrypted-keys"))]
fn private_from_encrypted_pkcs8(
    _der: &[u8],
    _password: Option<&[u8]>,
) -> Result<ParsedPrivateKey, Error> {
    Err(Error::EncryptedKeysFeatureOff)
}

fn private_from_pkcs8(der: &[u8]) -> Result<ParsedPrivateKey, Error> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|_| Error::InvalidKey {
        reason: "the PKCS#8 structure is malformed",
    })?;
    let oid = info.algorithm.oid;
    if oid == OID_EC {
        return Err(Error::EcKey);
    }
    if oid != pkcs1::ALGORITHM_OID {
        return Err(Error::UnsupportedKeyAlgorithm {
            algorithm: oid.to_string(),
        });
    }
    let rsa =
        RsaPrivateKeyRef::from_der(info.private_key.as_bytes()).map_err(|_| Error::InvalidKey {
            reason: "the RSA key inside the PKCS#8 structure is malformed",
        })?;
    let (public_pkcs1, bits) = public_of(&rsa)?;
    Ok(ParsedPrivateKey {
        pkcs8: Zeroizing::new(der.to_vec()),
        public_pkcs1,
        bits,
    })
}

fn private_from_pkcs1(der: &[u8]) -> Result<ParsedPrivateKey, Error> {
    let rsa = RsaPrivateKeyRef::from_der(der).map_err(|_| Error::InvalidKey {
        reason: "the PKCS#1 RSA structure is malformed",
    })?;
    let (public_pkcs1, bits) = public_of(&rsa)?;
    let octets = OctetStringRef::new(der).map_err(|_| Error::InvalidKey {
        reason: "the PKCS#1 RSA structure is too large",
    })?;
    let info = PrivateKeyInfoRef::new(pkcs1::ALGORITHM_ID, octets);
    let mut pkcs8 = Zeroizing::new(Vec::new());
    info.encode_to_vec(&mut pkcs8)
        .map_err(|_| Error::InvalidKey {
            reason: "the key could not be re-encoded as PKCS#8",
        })?;
    Ok(ParsedPrivateKey {
        pkcs8,
        public_pkcs1,
        bits,
    })
}

/// The public half of a private key and its size, checking the minimum size.
fn public_of(rsa: &RsaPrivateKeyRef<'_>) -> Result<(Vec<u8>, usize), Error> {
    let bits = bit_len(rsa.modulus.as_bytes());
    if bits < MIN_BITS {
        return Err(Error::KeyTooSmall { bits });
    }
    let public = rsa.public_key().to_der().map_err(|_| Error::InvalidKey {
        reason: "the public half could not be encoded",
    })?;
    Ok((public, bits))
}

/// Reads a public key from PEM: SPKI (`PUBLIC KEY`) or PKCS#1 (`RSA PUBLIC KEY`).
pub(crate) fn public_from_pem(text: &str) -> Result<ParsedPublicKey, Error> {
    let label = pem_label(text).ok_or(Error::InvalidPublicKey {
        reason: "no PEM header was found",
    })?;
    if label.ends_with("PRIVATE KEY") {
        return Err(Error::InvalidPublicKey {
            reason: "a private key was given; pass its public key (`openssl rsa -in private.pem -pubout`)",
        });
    }
    let (label, der) = decode_pem(text).map_err(|reason| Error::InvalidPublicKey { reason })?;
    match label.as_str() {
        "PUBLIC KEY" => public_from_spki(&der),
        "RSA PUBLIC KEY" => public_from_pkcs1(&der),
        _ => Err(Error::InvalidPublicKey {
            reason: "the PEM label is not PUBLIC KEY or RSA PUBLIC KEY",
        }),
    }
}

/// Reads a public key from DER: SPKI or PKCS#1.
pub(crate) fn public_from_der(der: &[u8]) -> Result<ParsedPublicKey, Error> {
    if SubjectPublicKeyInfoRef::from_der(der).is_ok() {
        public_from_spki(der)
    } else {
        public_from_pkcs1(der)
    }
}

fn public_from_spki(der: &[u8]) -> Result<ParsedPublicKey, Error> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| Error::InvalidPublicKey {
        reason: "the SubjectPublicKeyInfo structure is malformed",
    })?;
    if spki.algorithm.oid != pkcs1::ALGORITHM_OID {
        return Err(Error::InvalidPublicKey {
            reason: "the public key is not an RSA key",
        });
    }
    let bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or(Error::InvalidPublicKey {
            reason: "the public key bit string is malformed",
        })?;
    public_from_pkcs1(bytes)
}

/// Builds a public key from its big-endian modulus and public exponent.
pub(crate) fn public_from_components(
    modulus: &[u8],
    public_exponent: &[u8],
) -> Result<ParsedPublicKey, Error> {
    let integer = |bytes| {
        UintRef::new(bytes).map_err(|_| Error::InvalidPublicKey {
            reason: "the modulus or public exponent is not a valid unsigned integer",
        })
    };
    let der = RsaPublicKeyRef {
        modulus: integer(modulus)?,
        public_exponent: integer(public_exponent)?,
    }
    .to_der()
    .map_err(|_| Error::InvalidPublicKey {
        reason: "the public key could not be encoded",
    })?;
    public_from_pkcs1(&der)
}

fn public_from_pkcs1(der: &[u8]) -> Result<ParsedPublicKey, Error> {
    let rsa = RsaPublicKeyRef::from_der(der).map_err(|_| Error::InvalidPublicKey {
        reason: "the bytes are neither SPKI nor PKCS#1 RSA public key DER",
    })?;
    let bits = bit_len(rsa.modulus.as_bytes());
    if bits < MIN_BITS {
        return Err(Error::KeyTooSmall { bits });
    }
    Ok(ParsedPublicKey {
        pkcs1: der.to_vec(),
        bits,
    })
}

/// SPKI DER of a PKCS#1 public key.
pub(crate) fn spki_der(pkcs1_public: &[u8]) -> Result<Vec<u8>, Error> {
    let bits = BitStringRef::from_bytes(pkcs1_public).map_err(|_| Error::InvalidPublicKey {
        reason: "the public key is too large",
    })?;
    let spki = SubjectPublicKeyInfoRef {
        algorithm: pkcs1::ALGORITHM_ID,
        subject_public_key: bits,
    };
    spki.to_der().map_err(|_| Error::InvalidPublicKey {
        reason: "the public key could not be encoded",
    })
}

/// PEM-encodes DER under `label` with LF line endings.
pub(crate) fn to_pem(label: &'static str, der: &[u8]) -> Result<String, Error> {
    pkcs8::der::pem::encode_string(label, pkcs8::LineEnding::LF, der).map_err(|_| {
        Error::InvalidKey {
            reason: "the key could not be PEM-encoded",
        }
    })
}
