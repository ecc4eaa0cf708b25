//! The simulated sandbox payment methods a buyer picks on the hosted page (API reference §9.2).

use std::fmt;
use std::str::FromStr;

/// A sandbox test wallet's payment method, named by behaviour or by its card ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SimulatedPaymentMethod {
    /// Card ending 1111: the happy path (Charge `Authorized`, or permission `Chargeable` for Confirm).
    Approve,
    /// Card ending 3064: the session becomes `Canceled` / `BuyerCanceled` when the buyer returns.
    BuyerCanceled,
    /// Card ending 3434: the session becomes `Canceled` / `Declined` when the buyer returns.
    Declined,
    /// Card ending 0701: Charge `AuthorizationInitiated`, then `Authorized` after 30 seconds.
    PendingThenAuthorized,
    /// Card ending 4354: Charge `AuthorizationInitiated`, then `Declined` / `HardDeclined` after 30 seconds.
    PendingThenDeclined,
}

impl SimulatedPaymentMethod {
    /// Every method, in the order the hosted page lists them.
    pub const ALL: [Self; 5] = [
        Self::Approve,
        Self::BuyerCanceled,
        Self::Declined,
        Self::PendingThenAuthorized,
        Self::PendingThenDeclined,
    ];

    /// The query/form value: `approve`, `buyer-canceled`, `declined`, `pending-authorized`, `pending-declined`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::BuyerCanceled => "buyer-canceled",
            Self::Declined => "declined",
            Self::PendingThenAuthorized => "pending-authorized",
            Self::PendingThenDeclined => "pending-declined",
        }
    }

    /// The sandbox card ending that triggers this behaviour.
    pub const fn card_ending(self) -> &'static str {
        match self {
            Self::Approve => "1111",
            Self::BuyerCanceled => "3064",
            Self::Declined => "3434",
            Self::PendingThenAuthorized => "0701",
            Self::PendingThenDeclined => "4354",
        }
    }

    pub(crate) fn descriptor(self) -> String {
        format!("Visa ****{} (Amazon Pay)", self.card_ending())
    }

    pub(crate) fn is_pending(self) -> bool {
        matches!(
            self,
            Self::PendingThenAuthorized | Self::PendingThenDeclined
        )
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Approve => "Pay successfully",
            Self::BuyerCanceled => "Buyer cancels",
            Self::Declined => "Payment declined",
            Self::PendingThenAuthorized => "Pending, then authorized",
            Self::PendingThenDeclined => "Pending, then declined",
        }
    }
}

impl fmt::Display for SimulatedPaymentMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value named no simulated payment method.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown simulated payment method '{0}' (use approve, buyer-canceled, declined, pending-authorized, pending-declined or a card ending 1111, 0005, 4444, 9424, 0000, 3064, 3434, 0701, 4354)"
)]
pub struct UnknownPaymentMethod(pub String);

impl FromStr for SimulatedPaymentMethod {
    type Err = UnknownPaymentMethod;

    /// Takes the names of [`SimulatedPaymentMethod::as_str`] or the card endings of the sandbox wallet.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let found = match s.trim().to_ascii_lowercase().as_str() {
            "approve" | "1111" | "0005" | "4444" | "9424" | "0000" => Self::Approve,
            "buyer-canceled" | "3064" => Self::BuyerCanceled,
            "declined" | "3434" => Self::Declined,
            "pending-authorized" | "0701" => Self::PendingThenAuthorized,
            "pending-declined" | "4354" => Self::PendingThenDeclined,
            _ => return Err(UnknownPaymentMethod(s.to_owned())),
        };
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_card_endings() {
        for m in SimulatedPaymentMethod::ALL {
            assert_eq!(m.as_str().parse(), Ok(m));
            assert_eq!(m.card_ending().parse(), Ok(m));
        }
        assert_eq!("9424".parse(), Ok(SimulatedPaymentMethod::Approve));
        assert!("visa".parse::<SimulatedPaymentMethod>().is_err());
    }
}
