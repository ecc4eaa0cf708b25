//! Regions and environments.

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// An Amazon Pay region; it picks the API host and the `x-amz-pay-region` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// North America (`na`, alias `us`): `pay-api.amazon.com`.
    Na,
    /// Europe (`eu`, aliases `de`, `uk`): `pay-api.amazon.eu`.
    Eu,
    /// Japan (`jp`): `pay-api.amazon.jp`.
    Jp,
}

impl Region {
    /// The lower-case `x-amz-pay-region` header value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Na => "na",
            Self::Eu => "eu",
            Self::Jp => "jp",
        }
    }

    /// The API host of the region (the `x-amz-pay-host` value).
    pub const fn host(self) -> &'static str {
        match self {
            Self::Na => "pay-api.amazon.com",
            Self::Eu => "pay-api.amazon.eu",
            Self::Jp => "pay-api.amazon.jp",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The lower-case name, so a `Region` goes wherever a region name does
/// (`ClientBuilder::region(Region::Na)` as well as `region("na")`).
impl AsRef<str> for Region {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for Region {
    type Err = Error;

    /// Accepts `na`/`us`, `eu`/`de`/`uk` and `jp`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        match lower.as_str() {
            "na" | "us" => Ok(Self::Na),
            "eu" | "de" | "uk" => Ok(Self::Eu),
            "jp" => Ok(Self::Jp),
            _ => Err(Error::UnknownRegion(s.to_owned())),
        }
    }
}

/// Sandbox or live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Environment {
    /// The sandbox: no real money moves.
    Sandbox,
    /// Production.
    Live,
}

impl Environment {
    /// The path segment: `sandbox` or `live`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sandbox => "sandbox",
            Self::Live => "live",
        }
    }
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Environment {
    type Err = Error;

    /// Accepts `sandbox` and `live` in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("sandbox") {
            Ok(Self::Sandbox)
        } else if s.eq_ignore_ascii_case("live") {
            Ok(Self::Live)
        } else {
            Err(Error::UnknownEnvironment(s.to_owned()))
        }
    }
}
