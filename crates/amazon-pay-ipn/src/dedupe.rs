//! Recognising redelivered messages by `MessageId`.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime};

/// Remembers the `MessageId`s seen during a window, so SNS redeliveries are handled once.
///
/// Bounded in time (`window`) and in size (`capacity`, the oldest id is forgotten first).
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
    /// 10 000 ids for 24 hours.
    fn default() -> Self {
        Self::new(10_000, Duration::from_secs(24 * 60 * 60))
    }
}

impl Deduplicator {
    /// Remembers at most `capacity` ids (at least one), each for `window`.
    pub fn new(capacity: usize, window: Duration) -> Self {
        Self {
            seen: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
            window,
        }
    }

    /// Records `message_id` and returns `true` if it was not seen within the window.
    pub fn first_seen(&mut self, message_id: &str, now: SystemTime) -> bool {
        self.expire(now);
        if self.seen.contains_key(message_id) {
            return false;
        }
        while self.seen.len() >= self.capacity {
            let Some((at, id)) = self.order.pop_front() else {
                break;
            };
            self.remove_if_recorded_at(&id, at);
        }
        self.seen.insert(message_id.to_owned(), now);
        self.order.push_back((now, message_id.to_owned()));
        true
    }

    /// Forgets `message_id`, so that its next delivery counts as new.
    pub fn forget(&mut self, message_id: &str) {
        self.seen.remove(message_id);
    }

    /// Number of ids remembered.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no id is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    fn expire(&mut self, now: SystemTime) {
        while let Some((at, _)) = self.order.front() {
            let expired = now.duration_since(*at).is_ok_and(|age| age >= self.window);
            if !expired {
                break;
            }
            if let Some((at, id)) = self.order.pop_front() {
                self.remove_if_recorded_at(&id, at);
            }
        }
    }

    fn remove_if_recorded_at(&mut self, id: &str, at: SystemTime) {
        if self.seen.get(id) == Some(&at) {
            self.seen.remove(id);
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
        assert!(dedupe.first_seen("a", at(0)));
        assert!(!dedupe.first_seen("a", at(30)));
        assert!(dedupe.first_seen("b", at(30)));
        assert!(dedupe.first_seen("a", at(61)));
        assert!(!dedupe.first_seen("b", at(61)));
    }

    #[test]
    fn capacity_evicts_the_oldest() {
        let mut dedupe = Deduplicator::new(2, Duration::from_secs(600));
        assert!(dedupe.first_seen("a", at(0)));
        assert!(dedupe.first_seen("b", at(1)));
        assert!(dedupe.first_seen("c", at(2)));
        assert_eq!(dedupe.len(), 2);
        assert!(!dedupe.first_seen("c", at(3)));
        assert!(dedupe.first_seen("a", at(4)));
    }

    #[test]
    fn forgotten_ids_count_as_new() {
        let mut dedupe = Deduplicator::new(10, Duration::from_secs(600));
        assert!(dedupe.first_seen("a", at(0)));
        dedupe.forget("a");
        assert!(dedupe.is_empty());
        assert!(dedupe.first_seen("a", at(5)));
        // The stale queue entry of the first sighting must not evict the second one.
        assert!(!dedupe.first_seen("a", at(601)));
        assert!(dedupe.first_seen("a", at(606)));
    }
}
