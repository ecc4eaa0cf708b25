//! Recognising redelivered messages by `MessageId`.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime};

use crate::error::IpnError;

/// Remembers each `MessageId` for a fixed time (`window`), so SNS redeliveries within it are
/// handled once.
///
/// Memory is bounded by `capacity` ids, and an id is never forgotten before its window ends:
/// when all `capacity` ids are younger than the window, a new id is refused with
/// [`IpnError::DeduplicationFull`] (status 503, so SNS delivers it again later, when older ids
/// have expired) rather than letting a young id be forgotten and its redelivery handled twice.
/// Choose the window at least as long as the verifier's freshness window
/// ([`Verifier::with_max_age`](crate::Verifier::with_max_age)), if one is set, so that a
/// redelivery is either recognised or refused as stale.
///
/// Holds no clock: every call takes `now`. Call [`Deduplicator::forget`] when handling a
/// message failed, so that its redelivery is processed.
#[derive(Debug, Clone)]
pub struct Deduplicator {
    seen: HashMap<String, SystemTime>,
    order: VecDeque<(SystemTime, String)>,
    capacity: usize,
    window: Duration,
}

impl Default for Deduplicator {
    /// 100,000 ids, each for 24 hours (a few tens of MiB at most, for SNS `MessageId` UUIDs).
    fn default() -> Self {
        Self::new(100_000, Duration::from_secs(24 * 60 * 60))
    }
}

impl Deduplicator {
    /// Remembers each id for `window`, at most `capacity` ids (at least one) at a time.
    pub fn new(capacity: usize, window: Duration) -> Self {
        Self {
            seen: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
            window,
        }
    }

    /// Records `message_id` and returns `Ok(true)` if it was not seen within the window,
    /// `Ok(false)` for a repeat, and [`IpnError::DeduplicationFull`] (nothing recorded) when
    /// `capacity` ids younger than the window are already remembered.
    pub fn first_seen(&mut self, message_id: &str, now: SystemTime) -> Result<bool, IpnError> {
        self.expire(now);
        if self.seen.contains_key(message_id) {
            return Ok(false);
        }
        if self.seen.len() >= self.capacity {
            return Err(IpnError::DeduplicationFull {
                capacity: self.capacity,
            });
        }
        self.seen.insert(message_id.to_owned(), now);
        self.order.push_back((now, message_id.to_owned()));
        Ok(true)
    }

    /// Forgets `message_id`, so that its next delivery counts as new.
    pub fn forget(&mut self, message_id: &str) {
        if self.seen.remove(message_id).is_some() {
            self.order.retain(|(_, id)| id != message_id);
        }
    }

    /// Number of ids remembered.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Drops the ids whose window has ended.
    fn expire(&mut self, now: SystemTime) {
        while let Some((at, _)) = self.order.front() {
            if !now.duration_since(*at).is_ok_and(|age| age >= self.window) {
                break;
            }
            if let Some((_, id)) = self.order.pop_front() {
                self.seen.remove(&id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn duplicates_within_the_window_are_recognised() {
        let mut dedupe = Deduplicator::new(10, Duration::from_secs(60));
        assert!(dedupe.first_seen("a", at(0)).unwrap());
        assert!(!dedupe.first_seen("a", at(30)).unwrap());
        assert!(dedupe.first_seen("b", at(30)).unwrap());
        assert!(dedupe.first_seen("a", at(61)).unwrap());
        assert!(!dedupe.first_seen("b", at(61)).unwrap());
    }

    #[test]
    fn a_full_window_refuses_new_ids_and_never_forgets_a_young_one() {
        let mut dedupe = Deduplicator::new(2, Duration::from_secs(600));
        assert!(dedupe.first_seen("a", at(0)).unwrap());
        assert!(dedupe.first_seen("b", at(1)).unwrap());
        assert!(matches!(
            dedupe.first_seen("c", at(2)),
            Err(IpnError::DeduplicationFull { capacity: 2 })
        ));
        assert_eq!(dedupe.len(), 2);
        // The young ids are still recognised: their redeliveries are not handled twice.
        assert!(!dedupe.first_seen("a", at(3)).unwrap());
        assert!(!dedupe.first_seen("b", at(599)).unwrap());
        // Once the oldest id's window ends, there is room again.
        assert!(dedupe.first_seen("c", at(600)).unwrap());
        assert!(!dedupe.first_seen("b", at(600)).unwrap());
    }

    #[test]
    fn ten_thousand_others_do_not_make_it_forget() {
        let mut dedupe = Deduplicator::default();
        assert!(dedupe.first_seen("first", at(0)).unwrap());
        for i in 0..20_000 {
            assert!(dedupe.first_seen(&format!("other-{i}"), at(1)).unwrap());
        }
        assert!(!dedupe.first_seen("first", at(2)).unwrap());
        assert!(dedupe.first_seen("first", at(24 * 60 * 60)).unwrap());
    }

    #[test]
    fn forgotten_ids_count_as_new() {
        let mut dedupe = Deduplicator::new(10, Duration::from_secs(600));
        assert!(dedupe.first_seen("a", at(0)).unwrap());
        dedupe.forget("a");
        assert!(dedupe.is_empty());
        assert!(dedupe.first_seen("a", at(5)).unwrap());
        // The first sighting's expiry must not drop the second one.
        assert!(!dedupe.first_seen("a", at(601)).unwrap());
        assert!(dedupe.first_seen("a", at(606)).unwrap());
    }

    #[test]
    fn forgetting_frees_room() {
        let mut dedupe = Deduplicator::new(1, Duration::from_secs(600));
        assert!(dedupe.first_seen("a", at(0)).unwrap());
        assert!(dedupe.first_seen("b", at(1)).is_err());
        dedupe.forget("a");
        assert!(dedupe.first_seen("b", at(2)).unwrap());
    }
}
