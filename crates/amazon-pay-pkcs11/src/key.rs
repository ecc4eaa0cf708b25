//! Finding the private key on the token and reading its public half.

use std::fmt;

use amazon_pay_signing::{Error as SigningError, PublicKey};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;

use crate::Pkcs11Error;

/// Which private key on the token signs: the one with this label (`CKA_LABEL`) or id
/// (`CKA_ID`).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeySelector {
    /// The key's `CKA_LABEL`.
    Label(String),
    /// The key's `CKA_ID` bytes.
    Id(Vec<u8>),
}

impl KeySelector {
    /// The key with this `CKA_LABEL`.
    pub fn label(label: impl Into<String>) -> Self {
        Self::Label(label.into())
    }

    /// The key with this `CKA_ID`.
    pub fn id(id: impl Into<Vec<u8>>) -> Self {
        Self::Id(id.into())
    }

    fn attribute(&self) -> Attribute {
        match self {
            Self::Label(label) => Attribute::Label(label.as_bytes().to_vec()),
            Self::Id(id) => Attribute::Id(id.clone()),
        }
    }
}

impl fmt::Display for KeySelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Label(label) => write!(f, "label {label:?}"),
            Self::Id(id) => {
                f.write_str("id ")?;
                id.iter().try_for_each(|b| write!(f, "{b:02x}"))
            }
        }
    }
}

impl fmt::Debug for KeySelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The private key found, checked to be an RSA signing key of at least 2048 bits.
pub(crate) struct FoundKey {
    pub(crate) handle: ObjectHandle,
    pub(crate) public: PublicKey,
}

/// Finds the one private key `selector` names and checks it.
pub(crate) fn find(session: &Session, selector: &KeySelector) -> Result<FoundKey, Pkcs11Error> {
    let handle = find_one(session, ObjectClass::PRIVATE_KEY, selector)?.ok_or_else(|| {
        Pkcs11Error::KeyNotFound {
            key: selector.to_string(),
        }
    })?;
    let attributes = session
        .get_attributes(
            handle,
            &[
                AttributeType::KeyType,
                AttributeType::Sign,
                AttributeType::Modulus,
                AttributeType::PublicExponent,
            ],
        )
        .map_err(|e| Pkcs11Error::pkcs11("C_GetAttributeValue", e))?;
    let (mut key_type, mut sign, mut modulus, mut exponent) = (None, None, None, None);
    for attribute in attributes {
        match attribute {
            Attribute::KeyType(t) => key_type = Some(t),
            Attribute::Sign(s) => sign = Some(s),
            Attribute::Modulus(m) => modulus = Some(m),
            Attribute::PublicExponent(e) => exponent = Some(e),
            _ => {}
        }
    }
    let key = selector.to_string();
    match key_type {
        Some(t) if t == KeyType::RSA => {}
        other => {
            return Err(Pkcs11Error::NotRsa {
                key,
                key_type: other.map_or_else(|| "unknown".to_owned(), |t| t.to_string()),
            });
        }
    }
    if sign == Some(false) {
        return Err(Pkcs11Error::KeyCannotSign { key });
    }
    let modulus = modulus.ok_or_else(|| Pkcs11Error::Pkcs11 {
        operation: "C_GetAttributeValue",
        source: "the token does not show the key's modulus (CKA_MODULUS)".into(),
    })?;
    // Some tokens show the public exponent only on the public key object.
    let exponent = match exponent {
        Some(e) => e,
        None => public_exponent(session, selector)?,
    };
    let public = PublicKey::from_components(&modulus, &exponent).map_err(|e| match e {
        SigningError::KeyTooSmall { bits } => Pkcs11Error::KeyTooSmall { key, bits },
        other => Pkcs11Error::Pkcs11 {
            operation: "C_GetAttributeValue",
            source: Box::new(other),
        },
    })?;
    Ok(FoundKey { handle, public })
}

/// The one object of `class` that `selector` names; `None` when there is none.
fn find_one(
    session: &Session,
    class: ObjectClass,
    selector: &KeySelector,
) -> Result<Option<ObjectHandle>, Pkcs11Error> {
    let handles = session
        .find_objects(&[Attribute::Class(class), selector.attribute()])
        .map_err(|e| Pkcs11Error::pkcs11("C_FindObjects", e))?;
    match handles.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        many => Err(Pkcs11Error::SeveralKeys {
            key: selector.to_string(),
            count: many.len(),
        }),
    }
}

/// The public exponent from the public key object `selector` names.
fn public_exponent(session: &Session, selector: &KeySelector) -> Result<Vec<u8>, Pkcs11Error> {
    let missing = || Pkcs11Error::Pkcs11 {
        operation: "C_GetAttributeValue",
        source: "the token shows no public exponent (CKA_PUBLIC_EXPONENT) for the key".into(),
    };
    let handle = find_one(session, ObjectClass::PUBLIC_KEY, selector)?.ok_or_else(missing)?;
    session
        .get_attributes(handle, &[AttributeType::PublicExponent])
        .map_err(|e| Pkcs11Error::pkcs11("C_GetAttributeValue", e))?
        .into_iter()
        .find_map(|a| match a {
            Attribute::PublicExponent(e) => Some(e),
            _ => None,
        })
        .ok_or_else(missing)
}
