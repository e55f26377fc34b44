//! Number text shared by the writers: shortest text that reads back to the same `f64`.

/// `f` as plain decimal text (`4`, `0.25`, `1e-7`, `INF`, `NaN`): what edge lists, Pajek and
/// XML schema doubles accept, and what Rust's `f64` parser reads back exactly.
pub(crate) fn plain(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "INF" } else { "-INF" }.to_string();
    }
    let s = f.to_string();
    // Display never uses an exponent, so 1e300 would be 301 digits; Debug switches to one.
    if s.len() > 20 {
        format!("{f:?}")
    } else {
        s
    }
}

/// `f` as a GML real: always with a `.` (a real without one would read back as an integer, and
/// networkx's GML tokenizer insists on it), `INF`, `-INF` or `NAN`.
pub(crate) fn gml_real(f: f64) -> String {
    if f.is_nan() {
        return "NAN".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "INF" } else { "-INF" }.to_string();
    }
    let s = format!("{f:?}");
    if s.contains('.') {
        s
    } else if let Some(e) = s.find('e') {
        format!("{}.0{}", &s[..e], &s[e..])
    } else {
        format!("{s}.0")
    }
}

/// Parses a number token, accepting the `INF`/`NAN` spellings the writers produce.
pub(crate) fn parse_f64(s: &str) -> Option<f64> {
    s.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reals_keep_a_point_and_round_trip() {
        for f in [4.0, 0.1, 1e300, 1e-7, -2.5e-12, 123456789.125] {
            let g = gml_real(f);
            assert!(g.contains('.'), "{g}");
            assert_eq!(parse_f64(&g), Some(f));
            assert_eq!(parse_f64(&plain(f)), Some(f));
        }
        assert_eq!(plain(4.0), "4");
        assert_eq!(gml_real(f64::INFINITY), "INF");
    }
}
