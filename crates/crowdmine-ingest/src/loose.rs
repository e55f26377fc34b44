//! Lenient field types for typed parsing of platform JSON: a scalar or list field of an
//! unexpected type becomes "absent" instead of failing the whole record, as exports are not always
//! typed consistently (ids as numbers or strings, counts as strings, `null` lists). A nested object
//! of the wrong type (say `"public_metrics": "n/a"`) still rejects the record, with its reason.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A string, or a number written as a string (ids); anything else is `None`.
#[derive(Debug, Default, Clone)]
pub struct Text<'a>(pub Option<Cow<'a, str>>);

impl<'a> Text<'a> {
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_deref()
    }
    pub fn owned(&self) -> Option<String> {
        self.0.as_deref().map(str::to_string)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Some(Cow::Borrowed(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text(Some(Cow::Owned(v.to_string()))))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Text(Some(Cow::Owned(v))))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Text(Some(Cow::Owned(v.to_string()))))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Text(Some(Cow::Owned(v.to_string()))))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Text(None))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Text(None))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Text(None))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Text(None))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TextVisitor)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Text(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Self::Value, A::Error> {
        while s.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text(None))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// A scalar read leniently: numbers (also written as strings) and booleans.
#[derive(Debug, Default, Clone, Copy)]
pub struct Num(pub Option<f64>, pub Option<bool>);

impl Num {
    pub fn int(&self) -> Option<i64> {
        self.0.map(|f| f as i64)
    }
    pub fn float(&self) -> Option<f64> {
        self.0
    }
    pub fn boolean(&self) -> Option<bool> {
        self.1
    }
}

struct NumVisitor;

impl<'de> Visitor<'de> for NumVisitor {
    type Value = Num;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a boolean")
    }
    fn visit_u64<E>(self, v: u64) -> Result<Num, E> {
        Ok(Num(Some(v as f64), None))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Num, E> {
        Ok(Num(Some(v as f64), None))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Num, E> {
        Ok(Num(Some(v), None))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Num, E> {
        Ok(Num(None, Some(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
        Ok(Num(v.trim().parse().ok(), None))
    }
    fn visit_unit<E>(self) -> Result<Num, E> {
        Ok(Num(None, None))
    }
    fn visit_none<E>(self) -> Result<Num, E> {
        Ok(Num(None, None))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Num, D::Error> {
        d.deserialize_any(NumVisitor)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Num, A::Error> {
        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Num(None, None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Num, A::Error> {
        while s.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Num(None, None))
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumVisitor)
    }
}

/// A list; `null` or a non-list is empty.
#[derive(Debug, Clone)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T> List<T> {
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = List<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<List<T>, A::Error> {
        let mut v = Vec::with_capacity(s.size_hint().unwrap_or(0));
        while let Some(x) = s.next_element()? {
            v.push(x);
        }
        Ok(List(v))
    }
    fn visit_unit<E>(self) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }
    fn visit_none<E>(self) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<List<T>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<List<T>, A::Error> {
        while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(List(Vec::new()))
    }
    fn visit_str<E>(self, _: &str) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }
    fn visit_u64<E>(self, _: u64) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }
    fn visit_i64<E>(self, _: i64) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }
    fn visit_f64<E>(self, _: f64) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }
    fn visit_bool<E>(self, _: bool) -> Result<List<T>, E> {
        Ok(List(Vec::new()))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ListVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct T<'a> {
        #[serde(borrow, default)]
        id: Text<'a>,
        #[serde(default)]
        n: Num,
        #[serde(default)]
        l: List<u32>,
    }

    #[test]
    fn lenient() {
        let t: T = serde_json::from_str(r#"{"id": 12, "n": "7", "l": null}"#).expect("json");
        assert_eq!(t.id.as_str(), Some("12"));
        assert_eq!(t.n.int(), Some(7));
        assert!(t.l.0.is_empty());
        let t: T =
            serde_json::from_str(r#"{"id": {"x": 1}, "n": true, "l": [1, 2]}"#).expect("json");
        assert_eq!(t.id.as_str(), None);
        assert_eq!(t.n.boolean(), Some(true));
        assert_eq!(t.l.0, vec![1, 2]);
    }
}
