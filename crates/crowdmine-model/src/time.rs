//! Time stamps as platforms write them, parsed to Unix seconds (UTC).
//!
//! Covers RFC 3339 (`2021-06-26T19:22:00.000Z`, `2013-06-04T16:25:04+00:00`) and the X/Twitter
//! v1.1 form (`Wed Jun 26 19:22:00 +0000 2021`). Written by hand to keep the model free of heavy
//! dependencies.

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date and time of Unix seconds: (year, month, day, hour, minute, second).
pub fn civil_from_unix(t: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    let z = days + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_rfc3339(t: i64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_unix(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn valid(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=12).contains(&mo) && (1..=days).contains(&d) && h < 24 && mi < 60 && s <= 60 && y > 0
}

/// Unix seconds of a valid civil date-time at a UTC offset (seconds east).
fn unix(y: i64, mo: u32, d: u32, h: u32, mi: u32, sec: u32, offset: i64) -> Option<i64> {
    valid(y, mo, d, h, mi, sec).then(|| {
        days_from_civil(y, mo, d) * 86400
            + i64::from(h) * 3600
            + i64::from(mi) * 60
            + i64::from(sec)
            - offset
    })
}

/// Parses RFC 3339 / ISO 8601 date-times (`T` or space separated, optional fraction, `Z` or
/// `±HH:MM` offset; no offset means UTC) and plain dates (`YYYY-MM-DD`, midnight UTC).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    // Byte offsets below are only valid for ASCII; no valid time stamp has anything else.
    if !s.is_ascii() {
        return None;
    }
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = i64::from(num(&s[0..4])?);
    let mo = num(&s[5..7])?;
    let d = num(&s[8..10])?;
    if b.len() == 10 {
        return valid(y, mo, d, 0, 0, 0).then(|| days_from_civil(y, mo, d) * 86400);
    }
    if b.len() < 19 || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ') || b[13] != b':' {
        return None;
    }
    let h = num(&s[11..13])?;
    let mi = num(&s[14..16])?;
    let sec = num(&s[17..19])?;
    if !valid(y, mo, d, h, mi, sec) {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let o = rest[1..].replace(':', "");
            if o.len() != 4 {
                return None;
            }
            let oh = i64::from(num(&o[0..2])?);
            let om = i64::from(num(&o[2..4])?);
            sign * (oh * 3600 + om * 60)
        }
    };
    unix(y, mo, d, h, mi, sec, offset)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Parses X/Twitter v1.1 time stamps: `Wed Jun 26 19:22:00 +0000 2021`.
pub fn parse_twitter_v1(s: &str) -> Option<i64> {
    if !s.is_ascii() {
        return None;
    }
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() != 6 {
        return None;
    }
    let mo = MONTHS.iter().position(|m| *m == parts[1])? as u32 + 1;
    let d = num(parts[2])?;
    let hms: Vec<&str> = parts[3].split(':').collect();
    if hms.len() != 3 {
        return None;
    }
    let (h, mi, sec) = (num(hms[0])?, num(hms[1])?, num(hms[2])?);
    let off = parts[4];
    if off.len() != 5 {
        return None;
    }
    let sign = match off.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let offset = sign * (i64::from(num(&off[1..3])?) * 3600 + i64::from(num(&off[3..5])?) * 60);
    let y = i64::from(num(parts[5])?);
    unix(y, mo, d, h, mi, sec, offset)
}

/// Parses any time stamp form a platform uses: RFC 3339, X v1.1, or Unix seconds as digits.
pub fn parse_any(s: &str) -> Option<i64> {
    parse_rfc3339(s)
        .or_else(|| parse_twitter_v1(s))
        .or_else(|| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(|f| f as i64)
        })
}

/// Parses a time stamp written in a `strftime`-like `pattern`: `%Y` year, `%y` two-digit year
/// (1969–2068), `%m` month, `%d` day, `%H` hour, `%M` minute, `%S` second, `%f` fraction digits
/// (ignored), `%b` English month abbreviation, `%z` offset (`+HHMM`, `+HH:MM` or `Z`), `%%` a
/// percent sign; other characters must match as written. No `%z` means UTC.
pub fn parse_pattern(s: &str, pattern: &str) -> Option<i64> {
    let s = s.trim();
    let (mut y, mut mo, mut d, mut h, mut mi, mut sec, mut offset) =
        (1970i64, 1u32, 1u32, 0, 0, 0, 0i64);
    let mut rest = s;
    let mut pat = pattern.chars();
    // Takes up to `max` ASCII digits (at least one).
    fn digits(rest: &mut &str, max: usize) -> Option<u32> {
        let n = rest
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if n == 0 {
            return None;
        }
        let v = rest[..n].parse().ok()?;
        *rest = &rest[n..];
        Some(v)
    }
    while let Some(c) = pat.next() {
        if c != '%' {
            rest = rest.strip_prefix(c)?;
            continue;
        }
        match pat.next()? {
            'Y' => {
                let neg = rest.starts_with('-');
                if neg {
                    rest = &rest[1..];
                }
                let v = i64::from(digits(&mut rest, 4)?);
                y = if neg { -v } else { v };
            }
            'y' => {
                let v = i64::from(digits(&mut rest, 2)?);
                y = if v < 69 { 2000 + v } else { 1900 + v };
            }
            'm' => mo = digits(&mut rest, 2)?,
            'd' => d = digits(&mut rest, 2)?,
            'H' => h = digits(&mut rest, 2)?,
            'M' => mi = digits(&mut rest, 2)?,
            'S' => sec = digits(&mut rest, 2)?,
            'f' => {
                digits(&mut rest, 9)?;
            }
            'b' => {
                let name = rest.get(..3)?;
                mo = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(name))? as u32 + 1;
                rest = &rest[3..];
            }
            'z' => {
                if let Some(r) = rest.strip_prefix(['Z', 'z']) {
                    rest = r;
                } else {
                    let sign = match rest.as_bytes().first()? {
                        b'+' => 1,
                        b'-' => -1,
                        _ => return None,
                    };
                    rest = &rest[1..];
                    let oh = i64::from(digits(&mut rest, 2)?);
                    rest = rest.strip_prefix(':').unwrap_or(rest);
                    let om = i64::from(digits(&mut rest, 2)?);
                    offset = sign * (oh * 3600 + om * 60);
                }
            }
            '%' => rest = rest.strip_prefix('%')?,
            _ => return None,
        }
    }
    if !rest.is_empty() {
        return None;
    }
    unix(y, mo, d, h, mi, sec, offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hand_checked() {
        // 2021-06-26T19:22:00Z = 1624735320 (date -u -d ... +%s)
        assert_eq!(parse_rfc3339("2021-06-26T19:22:00.000Z"), Some(1624735320));
        assert_eq!(parse_rfc3339("2021-06-26T21:22:00+02:00"), Some(1624735320));
        assert_eq!(
            parse_twitter_v1("Sat Jun 26 19:22:00 +0000 2021"),
            Some(1624735320)
        );
        assert_eq!(parse_rfc3339("1970-01-01"), Some(0));
        assert_eq!(parse_rfc3339("2021-13-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("garbage"), None);
        assert_eq!(parse_rfc3339("2021-06-2é-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("2021-06-26T19:22:00+0é:00"), None);
        assert_eq!(parse_twitter_v1("Sat Jun 26 19:22:00 +1é0 2021"), None);
        assert_eq!(format_rfc3339(1624735320), "2021-06-26T19:22:00Z");
        assert_eq!(
            parse_pattern("26/06/2021 19:22", "%d/%m/%Y %H:%M"),
            Some(1624735320)
        );
        assert_eq!(
            parse_pattern("Jun 26 2021 21:22:00.123 +02:00", "%b %d %Y %H:%M:%S.%f %z"),
            Some(1624735320)
        );
        assert_eq!(parse_pattern("21-06-26", "%y-%m-%d"), Some(1624665600));
        assert_eq!(parse_pattern("2021-06-26 x", "%Y-%m-%d"), None);
        assert_eq!(parse_pattern("2021-02-30", "%Y-%m-%d"), None);
    }

    proptest! {
        #[test]
        fn format_parse_roundtrip(t in -2_000_000_000i64..20_000_000_000) {
            prop_assert_eq!(parse_rfc3339(&format_rfc3339(t)), Some(t));
        }

        #[test]
        fn never_panics(s in ".{0,40}") {
            let _ = parse_any(&s);
            let _ = parse_pattern(&s, "%Y-%m-%d %H:%M:%S %z");
            let _ = parse_pattern(&s, "%b %y");
        }

        #[test]
        fn pattern_matches_rfc3339(t in -2_000_000_000i64..20_000_000_000) {
            let s = format_rfc3339(t);
            prop_assert_eq!(parse_pattern(&s, "%Y-%m-%dT%H:%M:%SZ"), Some(t));
        }
    }
}
