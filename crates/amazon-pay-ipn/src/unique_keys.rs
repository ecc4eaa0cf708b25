//! Refusing JSON objects that name a key twice.
//!
//! `serde_json` keeps the last of two equal keys, so `{"MerchantID":"A","MerchantID":"B"}`
//! would be read as merchant `B` while another parser reads `A`. A signed message must mean one
//! thing: any repeated key, at any depth, is refused.

use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The first key found twice in one object of `json`, at any depth. Keys of the outermost
/// object are compared ignoring ASCII case, since the notification's keys are read in any case;
/// deeper keys exactly. `None` when no key repeats or the text is not JSON (the parser
/// reports that).
pub(crate) fn repeated_key(json: &str) -> Option<String> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    (Walk { ignore_case: true })
        .deserialize(&mut deserializer)
        .ok()
        .flatten()
}

/// Visits one JSON value; yields the first repeated key inside it.
#[derive(Clone, Copy)]
struct Walk {
    ignore_case: bool,
}

impl<'de> DeserializeSeed<'de> for Walk {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut seen = HashSet::new();
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            let normalized = if self.ignore_case {
                key.to_ascii_lowercase()
            } else {
                key.clone()
            };
            if found.is_none() && !seen.insert(normalized) {
                found = Some(key);
            }
            let inner = map.next_value_seed(Walk { ignore_case: false })?;
            found = found.or(inner);
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(inner) = seq.next_element_seed(Walk { ignore_case: false })? {
            found = found.or(inner);
        }
        Ok(found)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::repeated_key;

    #[test]
    fn repeated_keys_are_found_at_any_depth() {
        assert_eq!(repeated_key(r#"{"a":1,"a":2}"#).as_deref(), Some("a"));
        assert_eq!(
            repeated_key(r#"{"MerchantID":"A","merchantId":"B"}"#).as_deref(),
            Some("merchantId")
        );
        assert_eq!(repeated_key(r#"{"x":{"k":1,"k":2}}"#).as_deref(), Some("k"));
        assert_eq!(
            repeated_key(r#"{"x":[{"k":1},{"k":1,"k":3}]}"#).as_deref(),
            Some("k")
        );
        assert_eq!(
            repeated_key(r#"{"a":1,"A":{"b":1,"B":2},"c":[1,"k"]}"#).as_deref(),
            Some("A")
        );
    }

    #[test]
    fn distinct_keys_and_non_json_give_none() {
        assert_eq!(
            repeated_key(r#"{"a":1,"b":{"a":1,"A":2},"c":[{"a":1},{"a":2}]}"#),
            None
        );
        assert_eq!(repeated_key("not json"), None);
        assert_eq!(repeated_key(r#""text""#), None);
    }
}
