//! Typed attribute columns for the XML formats, which declare one type per attribute name
//! (GraphML `<key attr.type>`, GEXF `<attribute type>`) where [`AttrValue`]s carry their own.

use crate::{AttrValue, Attrs};

use super::numbers;

/// The declared type of an attribute column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Float,
    Bool,
    Text,
}

impl Kind {
    /// The kind for a GraphML or GEXF type name; unknown types (GEXF `liststring`, `date`,
    /// `anyURI`) stay text.
    pub(crate) fn from_type_name(name: &str) -> Kind {
        match name.trim().to_ascii_lowercase().as_str() {
            "int" | "integer" | "long" | "short" | "byte" | "biginteger" => Kind::Int,
            "float" | "double" | "bigdecimal" => Kind::Float,
            "boolean" | "bool" => Kind::Bool,
            _ => Kind::Text,
        }
    }

    /// The type name both GraphML and GEXF 1.3 understand.
    pub(crate) fn type_name(self) -> &'static str {
        match self {
            Kind::Int => "long",
            Kind::Float => "double",
            Kind::Bool => "boolean",
            Kind::Text => "string",
        }
    }

    fn of(value: &AttrValue) -> Kind {
        match value {
            AttrValue::Int(_) => Kind::Int,
            AttrValue::Float(_) => Kind::Float,
            AttrValue::Bool(_) => Kind::Bool,
            AttrValue::Text(_) => Kind::Text,
        }
    }

    /// The narrowest kind holding both: ints widen to floats, anything else mixed is text.
    fn join(self, other: Kind) -> Kind {
        match (self, other) {
            (a, b) if a == b => a,
            (Kind::Int, Kind::Float) | (Kind::Float, Kind::Int) => Kind::Float,
            _ => Kind::Text,
        }
    }

    /// Parses a value written in a column of this kind; `None` when the text does not fit.
    pub(crate) fn parse(self, text: &str) -> Option<AttrValue> {
        match self {
            Kind::Int => text.trim().parse().ok().map(AttrValue::Int),
            Kind::Float => numbers::parse_f64(text).map(AttrValue::Float),
            Kind::Bool => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Some(AttrValue::Bool(true)),
                "false" | "0" => Some(AttrValue::Bool(false)),
                _ => None,
            },
            Kind::Text => Some(AttrValue::Text(text.to_string())),
        }
    }

    /// `value` as text of a column of this kind (an int in a float column reads back as float).
    pub(crate) fn format(self, value: &AttrValue) -> String {
        match (self, value) {
            (_, AttrValue::Float(f)) => numbers::plain(*f),
            (Kind::Float, AttrValue::Int(i)) => numbers::plain(*i as f64),
            _ => value.to_text(),
        }
    }
}

/// One declared attribute: its name and the kind all its values fit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column<'a> {
    pub name: &'a str,
    pub kind: Kind,
}

/// The columns the attribute maps use, sorted by name, leaving out names `skip` says the
/// format stores elsewhere (a GEXF node's `label`, an edge's `weight`).
pub(crate) fn columns<'a>(
    maps: impl Iterator<Item = &'a Attrs>,
    skip: impl Fn(&str) -> bool,
) -> Vec<Column<'a>> {
    let mut kinds: std::collections::BTreeMap<&'a str, Kind> = Default::default();
    for attrs in maps {
        for (name, value) in attrs {
            if skip(name) {
                continue;
            }
            let kind = Kind::of(value);
            kinds
                .entry(name.as_str())
                .and_modify(|k| *k = k.join(kind))
                .or_insert(kind);
        }
    }
    kinds
        .into_iter()
        .map(|(name, kind)| Column { name, kind })
        .collect()
}
