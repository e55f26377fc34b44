//! The analysis report: a list of sections, each with the method that produced it and its
//! blocks (facts, tables, plots, text), rendered as one self-contained HTML file (inline SVG and
//! CSS, nothing fetched) with every table also written as CSV. An analysis joins the report by
//! returning a [`Section`]; nothing else needs to know about it.

pub mod plot;

use std::fmt::Write as _;

/// A whole report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
}

/// One section: an anchor id, a title, how it was computed (method, parameters, seed), blocks.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub method: String,
    pub blocks: Vec<Block>,
}

/// What a section shows.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph of plain text.
    Text(String),
    /// Named figures, shown as a definition list.
    Facts(Vec<(String, String)>),
    Table(Table),
    /// A table whose numeric cells are shaded by value (a heat map).
    HeatMap(Table),
    /// An SVG drawing with its caption.
    Plot {
        svg: String,
        caption: String,
    },
}

/// A table with a file name for its CSV copy.
#[derive(Debug, Clone)]
pub struct Table {
    /// The CSV file's stem (`top_hashtags` → `top_hashtags.csv`).
    pub name: String,
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    Real(f64),
    Text(String),
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<u64> for Value {
    fn from(x: u64) -> Value {
        Value::Int(x as i64)
    }
}
impl From<usize> for Value {
    fn from(x: usize) -> Value {
        Value::Int(x as i64)
    }
}
impl From<i64> for Value {
    fn from(x: i64) -> Value {
        Value::Int(x)
    }
}
impl From<Option<f64>> for Value {
    /// A missing number shows as a dash and is empty in CSV.
    fn from(x: Option<f64>) -> Value {
        Value::Real(x.unwrap_or(f64::NAN))
    }
}
impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Real(x)
    }
}

impl Value {
    /// As shown in the report: reals with four significant decimals, integers grouped.
    fn display(&self) -> String {
        match self {
            Value::Int(x) => group_digits(*x),
            Value::Real(x) if x.is_nan() => "–".to_string(),
            Value::Real(x) if x.abs() >= 1000.0 => format!("{x:.1}"),
            Value::Real(x) => format!("{x:.4}"),
            Value::Text(s) => s.clone(),
        }
    }

    /// As written to CSV: full precision.
    fn raw(&self) -> String {
        match self {
            Value::Int(x) => x.to_string(),
            Value::Real(x) if x.is_nan() => String::new(),
            Value::Real(x) => x.to_string(),
            Value::Text(s) => s.clone(),
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            Value::Int(x) => Some(*x as f64),
            Value::Real(x) if x.is_finite() => Some(*x),
            _ => None,
        }
    }
}

/// 1234567 → "1,234,567".
pub fn group_digits(x: i64) -> String {
    let digits = x.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if x < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl Table {
    pub fn new(name: &str, caption: &str, columns: &[&str]) -> Table {
        Table {
            name: name.to_string(),
            caption: caption.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// The table as RFC 4180 CSV with a header line.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let line = |cells: Vec<String>, out: &mut String| {
            let quoted: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&quoted.join(","));
            out.push('\n');
        };
        line(self.columns.clone(), &mut out);
        for row in &self.rows {
            line(row.iter().map(Value::raw).collect(), &mut out);
        }
        out
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Text made safe for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str =
    "body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:0;color:#1d232a;\
background:#f6f7f9;line-height:1.45}header{background:#1f3a5f;color:#fff;padding:1.2em 2em}\
header h1{margin:0;font-size:1.6em}header p{margin:.3em 0 0;opacity:.85}nav{padding:.6em 2em;\
background:#e8ecf2;font-size:.9em}nav a{margin-right:1.1em;color:#1f3a5f}main{padding:0 2em 2em;\
max-width:1100px}section{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:1.2em 0;\
padding:.4em 1.4em 1em}h2{color:#1f3a5f;font-size:1.3em}.method{font-size:.85em;color:#56606b;\
background:#f1f3f6;border-left:3px solid #8aa4c8;padding:.4em .8em}table{border-collapse:collapse;\
margin:.8em 0;font-size:.88em}caption{text-align:left;font-weight:bold;padding:.3em 0}\
th,td{border:1px solid #d5dae1;padding:.25em .6em}th{background:#eef1f5}td.n{text-align:right;\
font-variant-numeric:tabular-nums}dl{display:grid;grid-template-columns:max-content auto;\
gap:.2em 1.2em;font-size:.92em}dt{color:#56606b}dd{margin:0;font-weight:bold}figure{margin:1em 0}\
figcaption{font-size:.85em;color:#56606b}svg{max-width:100%;height:auto}\
.row{display:flex;flex-wrap:wrap;gap:0 2.2em;align-items:flex-start}";

impl Report {
    /// The report as one HTML document.
    pub fn to_html(&self) -> String {
        let mut h = String::new();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header><h1>{}</h1><p>{}</p></header>\n<nav>",
            escape(&self.title),
            escape(&self.title),
            escape(&self.subtitle)
        );
        for s in &self.sections {
            let _ = write!(h, "<a href=\"#{}\">{}</a>", escape(&s.id), escape(&s.title));
        }
        h.push_str("</nav>\n<main>\n");
        for s in &self.sections {
            let _ = write!(
                h,
                "<section id=\"{}\">\n<h2>{}</h2>\n<p class=\"method\">{}</p>\n",
                escape(&s.id),
                escape(&s.title),
                escape(&s.method)
            );
            // Consecutive tables side by side while they fit (wide ones wrap to a line of their own).
            let mut rest = &s.blocks[..];
            while let Some(first) = rest.first() {
                let run = rest
                    .iter()
                    .take_while(|b| matches!(b, Block::Table(_)))
                    .count();
                if run > 1 {
                    h.push_str("<div class=\"row\">\n");
                    rest[..run].iter().for_each(|b| block_html(b, &mut h));
                    h.push_str("</div>\n");
                    rest = &rest[run..];
                } else {
                    block_html(first, &mut h);
                    rest = &rest[1..];
                }
            }
            h.push_str("</section>\n");
        }
        h.push_str("</main>\n</body>\n</html>\n");
        h
    }

    /// Every table of every section, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Table(t) | Block::HeatMap(t) => Some(t),
                _ => None,
            })
        })
    }
}

fn block_html(b: &Block, h: &mut String) {
    match b {
        Block::Text(t) => {
            let _ = writeln!(h, "<p>{}</p>", escape(t));
        }
        Block::Facts(facts) => {
            h.push_str("<dl>");
            for (k, v) in facts {
                let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
            }
            h.push_str("</dl>\n");
        }
        Block::Table(t) => table_html(t, false, h),
        Block::HeatMap(t) => table_html(t, true, h),
        Block::Plot { svg, caption } => {
            let _ = writeln!(
                h,
                "<figure>{svg}<figcaption>{}</figcaption></figure>",
                escape(caption)
            );
        }
    }
}

fn table_html(t: &Table, shade: bool, h: &mut String) {
    let max = t
        .rows
        .iter()
        .flat_map(|r| r.iter().skip(1).filter_map(Value::number))
        .fold(0.0f64, f64::max);
    let _ = write!(
        h,
        "<table><caption>{} <small>({}.csv)</small></caption><tr>",
        escape(&t.caption),
        escape(&t.name)
    );
    for c in &t.columns {
        let _ = write!(h, "<th>{}</th>", escape(c));
    }
    h.push_str("</tr>\n");
    for row in &t.rows {
        h.push_str("<tr>");
        for (i, v) in row.iter().enumerate() {
            let class = if v.number().is_some() {
                " class=\"n\""
            } else {
                ""
            };
            match v.number() {
                Some(x) if shade && i > 0 && max > 0.0 => {
                    // Light to dark blue by the share of the largest cell.
                    let f = (x / max).clamp(0.0, 1.0);
                    let light = 97.0 - 55.0 * f;
                    let ink = if f > 0.6 { "#fff" } else { "#1d232a" };
                    let _ = write!(
                        h,
                        "<td{class} style=\"background:hsl(214,60%,{light:.0}%);color:{ink}\">{}</td>",
                        escape(&v.display())
                    );
                }
                _ => {
                    let _ = write!(h, "<td{class}>{}</td>", escape(&v.display()));
                }
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_and_lists_every_section() {
        let mut t = Table::new("top", "Top <b>", &["name", "count"]);
        t.rows.push(vec!["a,\"b\"".into(), 3u64.into()]);
        let r = Report {
            title: "R & D".into(),
            subtitle: String::new(),
            sections: vec![Section {
                id: "one".into(),
                title: "One".into(),
                method: "counted".into(),
                blocks: vec![Block::Table(t.clone()), Block::Text("x < y".into())],
            }],
        };
        let html = r.to_html();
        assert!(html.contains("<title>R &amp; D</title>"));
        assert!(html.contains("Top &lt;b&gt;"));
        assert!(html.contains("x &lt; y"));
        assert!(html.contains("<section id=\"one\">"));
        assert_eq!(t.to_csv(), "name,count\n\"a,\"\"b\"\"\",3\n");
        assert_eq!(r.tables().count(), 1);
    }

    #[test]
    fn consecutive_tables_share_a_row() {
        let t = |name: &str| Block::Table(Table::new(name, name, &["a"]));
        let r = Report {
            title: String::new(),
            subtitle: String::new(),
            sections: vec![Section {
                id: "s".into(),
                title: "S".into(),
                method: String::new(),
                blocks: vec![t("one"), t("two"), Block::Text("x".into()), t("three")],
            }],
        };
        let html = r.to_html();
        let row = html.find("<div class=\"row\">").expect("a row");
        let end = html.find("</div>").expect("its end");
        let inside = &html[row..end];
        assert!(inside.contains("one.csv") && inside.contains("two.csv"));
        // A table alone is not wrapped.
        assert_eq!(html.matches("<div class=\"row\">").count(), 1);
        assert!(html[end..].contains("three.csv"));
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(-1234567), "-1,234,567");
    }
}
