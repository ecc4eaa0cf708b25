//! A bounded map: the oldest entries are evicted once the capacity is reached.

use std::collections::{HashMap, VecDeque};

/// Objects by id, in insertion order, at most `cap` of them.
#[derive(Debug)]
pub(crate) struct Table<T> {
    map: HashMap<String, T>,
    order: VecDeque<String>,
    cap: usize,
}

impl<T> Table<T> {
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            map: HashMap::new(),
            order: VecDeque::new(),
            cap: cap.max(1),
        }
    }

    pub(crate) fn insert(&mut self, id: String, value: T) {
        if self.map.insert(id.clone(), value).is_none() {
            self.order.push_back(id);
        }
        while self.map.len() > self.cap {
            match self.order.pop_front() {
                Some(old) => {
                    self.map.remove(&old);
                }
                None => break,
            }
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<&T> {
        self.map.get(id)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut T> {
        self.map.get_mut(id)
    }

    pub(crate) fn remove(&mut self, id: &str) -> Option<T> {
        let v = self.map.remove(id)?;
        self.order.retain(|k| k != id);
        Some(v)
    }

    /// Values in insertion order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &T> {
        self.order.iter().filter_map(|k| self.map.get(k))
    }

    pub(crate) fn clear(&mut self) {
        self.map.clear();
        self.order.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evicts_the_oldest_beyond_capacity() {
        let mut t = Table::new(2);
        t.insert("a".into(), 1);
        t.insert("b".into(), 2);
        t.insert("a".into(), 3);
        t.insert("c".into(), 4);
        assert!(t.get("a").is_none());
        assert_eq!(t.values().copied().collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!(t.remove("b"), Some(2));
        assert_eq!(t.values().count(), 1);
    }
}
