//! Identifier generation in the shapes the service uses.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Generates ids; seeded for reproducible runs.
#[derive(Debug)]
pub(crate) struct IdGen {
    rng: StdRng,
}

const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

impl IdGen {
    pub(crate) fn new(seed: Option<u64>) -> Self {
        let rng = match seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        Self { rng }
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.rng.random_range(0..10u8)))
            .collect()
    }

    /// Upper-case letters and digits.
    pub(crate) fn alnum(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(UPPER_ALNUM[self.rng.random_range(0..UPPER_ALNUM.len())]))
            .collect()
    }

    /// Lower-case hex digits.
    pub(crate) fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[self.rng.random_range(0..16usize)]))
            .collect()
    }

    /// A random (version 4) UUID in hyphenated form.
    pub(crate) fn uuid(&mut self) -> String {
        let mut b: [u8; 16] = self.rng.random();
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }

    /// `S01-1234567-1234567` (one-time) or `B01-…` (recurring, saved wallet).
    pub(crate) fn charge_permission(&mut self, prefix: &str) -> String {
        format!("{prefix}-{}-{}", self.digits(7), self.digits(7))
    }

    /// `{chargePermissionId}-C123456`.
    pub(crate) fn charge(&mut self, charge_permission_id: &str) -> String {
        format!("{charge_permission_id}-C{}", self.digits(6))
    }

    /// `{chargePermissionId}-R123456`.
    pub(crate) fn refund(&mut self, charge_permission_id: &str) -> String {
        format!("{charge_permission_id}-R{}", self.digits(6))
    }

    /// A number in `0..1`, for seeded fault fractions.
    pub(crate) fn fraction(&mut self) -> f64 {
        self.rng.random::<f64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_service_shapes_and_seeds_repeat() {
        let mut a = IdGen::new(Some(7));
        let mut b = IdGen::new(Some(7));
        let cp = a.charge_permission("S01");
        assert_eq!(cp, b.charge_permission("S01"));
        assert_eq!(cp.len(), "S01-1234567-1234567".len());
        assert!(a.charge(&cp).starts_with(&format!("{cp}-C")));
        let uuid = a.uuid();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
    }
}
