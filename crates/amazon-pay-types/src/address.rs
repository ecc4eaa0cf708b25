//! Postal addresses, including the JSON-string encoding of `shippingAddressList`.

use crate::ids::AddressId;
use crate::macros::pii_debug;
use crate::macros::setters;
use crate::tolerant::tolerant;

/// A postal address. Every field may be null; `Debug` redacts everything but
/// the country unless the `pii-debug` feature is on.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct Address {
    /// Addressee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    /// Second line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// Third line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line3: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// County.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// District.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// State or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_or_region: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(Address { essential: [] });

impl Address {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `name`.
        name: impl Into<String>,
        /// Sets `addressLine1`.
        address_line1: impl Into<String>,
        /// Sets `addressLine2`.
        address_line2: impl Into<String>,
        /// Sets `addressLine3`.
        address_line3: impl Into<String>,
        /// Sets `city`.
        city: impl Into<String>,
        /// Sets `county`.
        county: impl Into<String>,
        /// Sets `district`.
        district: impl Into<String>,
        /// Sets `stateOrRegion`.
        state_or_region: impl Into<String>,
        /// Sets `postalCode`.
        postal_code: impl Into<String>,
        /// Sets `countryCode`.
        country_code: impl Into<String>,
        /// Sets `phoneNumber`.
        phone_number: impl Into<String>,
    }
}

pii_debug!(Address {
    plain: [country_code],
    pii: [
        name,
        address_line1,
        address_line2,
        address_line3,
        city,
        county,
        district,
        state_or_region,
        postal_code,
        phone_number,
        extra
    ]
});

/// An address with its id, as found in `shippingAddressList`.
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct AddressWithId {
    /// The address id (`amzn1.address.…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_id: Option<AddressId>,
    /// Addressee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    /// Second line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// Third line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line3: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// County.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// District.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// State or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_or_region: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(AddressWithId {
    essential: ["addressId"]
});

impl AddressWithId {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `addressId`.
        address_id: impl Into<AddressId>,
        /// Sets `name`.
        name: impl Into<String>,
        /// Sets `addressLine1`.
        address_line1: impl Into<String>,
        /// Sets `addressLine2`.
        address_line2: impl Into<String>,
        /// Sets `addressLine3`.
        address_line3: impl Into<String>,
        /// Sets `city`.
        city: impl Into<String>,
        /// Sets `county`.
        county: impl Into<String>,
        /// Sets `district`.
        district: impl Into<String>,
        /// Sets `stateOrRegion`.
        state_or_region: impl Into<String>,
        /// Sets `postalCode`.
        postal_code: impl Into<String>,
        /// Sets `countryCode`.
        country_code: impl Into<String>,
        /// Sets `phoneNumber`.
        phone_number: impl Into<String>,
    }
}

pii_debug!(AddressWithId {
    plain: [address_id, country_code],
    pii: [
        name,
        address_line1,
        address_line2,
        address_line3,
        city,
        county,
        district,
        state_or_region,
        postal_code,
        phone_number,
        extra
    ]
});

/// An address collected by the merchant, sent with the Additional Payment
/// Button (`addressDetails`).
#[derive(Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize, Default)]
#[serde(remote = "Self", rename_all = "camelCase")]
#[non_exhaustive]
pub struct AddressDetails {
    /// Addressee.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line1: Option<String>,
    /// Second line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line2: Option<String>,
    /// Third line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_line3: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// District or county.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district_or_county: Option<String>,
    /// State or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_or_region: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166 country code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Fields this version does not model, kept as received and written back.
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}

tolerant!(AddressDetails { essential: [] });

impl AddressDetails {
    /// An empty value; set fields with the chained setters.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets `name`.
        name: impl Into<String>,
        /// Sets `addressLine1`.
        address_line1: impl Into<String>,
        /// Sets `addressLine2`.
        address_line2: impl Into<String>,
        /// Sets `addressLine3`.
        address_line3: impl Into<String>,
        /// Sets `city`.
        city: impl Into<String>,
        /// Sets `districtOrCounty`.
        district_or_county: impl Into<String>,
        /// Sets `stateOrRegion`.
        state_or_region: impl Into<String>,
        /// Sets `postalCode`.
        postal_code: impl Into<String>,
        /// Sets `countryCode`.
        country_code: impl Into<String>,
        /// Sets `phoneNumber`.
        phone_number: impl Into<String>,
    }
}

pii_debug!(AddressDetails {
    plain: [country_code],
    pii: [
        name,
        address_line1,
        address_line2,
        address_line3,
        city,
        district_or_county,
        state_or_region,
        postal_code,
        phone_number,
        extra
    ]
});

impl AddressWithId {
    /// The address without its id.
    pub fn address(&self) -> Address {
        Address {
            name: self.name.clone(),
            address_line1: self.address_line1.clone(),
            address_line2: self.address_line2.clone(),
            address_line3: self.address_line3.clone(),
            city: self.city.clone(),
            county: self.county.clone(),
            district: self.district.clone(),
            state_or_region: self.state_or_region.clone(),
            postal_code: self.postal_code.clone(),
            country_code: self.country_code.clone(),
            phone_number: self.phone_number.clone(),
            extra: self.extra.clone(),
        }
    }
}

/// Serde adapter for `shippingAddressList`: on the wire an array of JSON
/// strings, each holding one address object; in Rust a list of addresses.
pub(crate) mod json_string_list {
    use serde::de::Error as _;
    use serde::ser::{Error as _, SerializeSeq};
    use serde::{Deserialize, Deserializer, Serializer};

    use super::AddressWithId;

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Vec<AddressWithId>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let Some(list) = value else {
            return serializer.serialize_none();
        };
        let mut seq = serializer.serialize_seq(Some(list.len()))?;
        for address in list {
            let text = serde_json::to_string(address).map_err(S::Error::custom)?;
            seq.serialize_element(&text)?;
        }
        seq.end()
    }

    /// One list element: a JSON string holding an address, or (leniently)
    /// the address object itself.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Element {
        Text(String),
        Object(Box<AddressWithId>),
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<AddressWithId>>, D::Error> {
        let Some(raw) = Option::<Vec<Element>>::deserialize(deserializer)? else {
            return Ok(None);
        };
        raw.into_iter()
            .enumerate()
            .map(|(i, element)| match element {
                Element::Text(text) => serde_json::from_str(&text).map_err(|e| {
                    D::Error::custom(format_args!(
                        "shippingAddressList[{i}] is not a JSON address: {}",
                        crate::decode::sanitize(&e.to_string())
                    ))
                }),
                Element::Object(address) => Ok(*address),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}
