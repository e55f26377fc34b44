//! Compact keys for native ids in the ingest maps: numeric ids (X) as `u64`, others as strings.

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IdKey {
    Num(u64),
    Text(Box<str>),
}

impl IdKey {
    pub fn of(s: &str) -> IdKey {
        let canonical_number = !s.is_empty()
            && s.len() <= 19
            && s.bytes().all(|b| b.is_ascii_digit())
            && (s == "0" || !s.starts_with('0'));
        match canonical_number.then(|| s.parse::<u64>().ok()).flatten() {
            Some(n) => IdKey::Num(n),
            None => IdKey::Text(s.into()),
        }
    }
}
