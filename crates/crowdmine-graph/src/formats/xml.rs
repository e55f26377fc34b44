//! A small XML reader and escapers for GraphML and GEXF: enough XML for graph files (elements,
//! attributes, text, CDATA, the five named entities and numeric references), not a validator.
//! Comments, processing instructions and the DOCTYPE are skipped; namespaces are not resolved,
//! readers match on local names.
//!
//! The reader builds a light tree borrowing from the source text: graph files are flat, and a
//! tree lets the format readers look up `<key>`s before reading the nodes that use them.

use std::borrow::Cow;

/// An element with its attributes, child elements and the text directly inside it.
#[derive(Debug)]
pub(crate) struct Element<'a> {
    pub name: &'a str,
    pub attrs: Vec<(&'a str, Cow<'a, str>)>,
    pub children: Vec<Element<'a>>,
    /// Text and CDATA directly inside, entities decoded, in document order. Whitespace
    /// between child elements is dropped.
    pub text: Cow<'a, str>,
    /// 1-based line of the start tag.
    pub line: u64,
}

impl<'a> Element<'a> {
    /// The name without a namespace prefix (`viz:color` → `color`).
    pub fn local_name(&self) -> &'a str {
        local(self.name)
    }

    /// The value of the attribute `name` (exact, prefix included).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_ref())
    }

    /// Child elements with local name `name`.
    pub fn children_named<'s>(
        &'s self,
        name: &'s str,
    ) -> impl Iterator<Item = &'s Element<'a>> + 's {
        self.children.iter().filter(move |c| c.local_name() == name)
    }

    /// The first child element with local name `name`.
    pub fn child(&self, name: &str) -> Option<&Element<'a>> {
        self.children.iter().find(|c| c.local_name() == name)
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// A malformed document: where and what.
#[derive(Debug)]
pub(crate) struct XmlError {
    pub line: u64,
    pub message: String,
}

/// Parses `src` into its root element.
pub(crate) fn parse(src: &str) -> Result<Element<'_>, XmlError> {
    Parser {
        src,
        pos: 0,
        line: 1,
    }
    .document()
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    line: u64,
}

impl<'a> Parser<'a> {
    fn error<T>(&self, message: impl Into<String>) -> Result<T, XmlError> {
        Err(XmlError {
            line: self.line,
            message: message.into(),
        })
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Moves to byte offset `to`, counting the lines passed.
    fn advance_to(&mut self, to: usize) {
        let passed = &self.src.as_bytes()[self.pos..to];
        self.line += passed.iter().filter(|&&b| b == b'\n').count() as u64;
        self.pos = to;
    }

    /// Skips past the next `end`, returning what came before it.
    fn take_until(&mut self, end: &str, what: &str) -> Result<&'a str, XmlError> {
        match self.rest().find(end) {
            Some(i) => {
                let taken = &self.rest()[..i];
                self.advance_to(self.pos + i + end.len());
                Ok(taken)
            }
            None => self.error(format!("unterminated {what}")),
        }
    }

    fn skip_whitespace(&mut self) {
        let rest = self.rest();
        let skipped = rest.len() - rest.trim_start().len();
        self.advance_to(self.pos + skipped);
    }

    fn document(mut self) -> Result<Element<'a>, XmlError> {
        let mut stack: Vec<Element<'a>> = Vec::new();
        let mut root: Option<Element<'a>> = None;
        while self.pos < self.src.len() {
            let rest = self.rest();
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                let raw = &rest[..end];
                let line = self.line;
                self.advance_to(self.pos + end);
                match stack.last_mut() {
                    Some(parent) => add_text(parent, decode(raw)),
                    None if raw.trim().is_empty() => {}
                    None => {
                        return Err(XmlError {
                            line,
                            message: "text outside the root element".into(),
                        })
                    }
                }
            } else if rest.starts_with("<?") {
                self.take_until("?>", "processing instruction")?;
            } else if rest.starts_with("<!--") {
                self.take_until("-->", "comment")?;
            } else if rest.starts_with("<![CDATA[") {
                self.advance_to(self.pos + "<![CDATA[".len());
                let text = self.take_until("]]>", "CDATA section")?;
                if let Some(parent) = stack.last_mut() {
                    add_text(parent, Cow::Borrowed(text));
                }
            } else if rest.starts_with("<!") {
                self.skip_doctype()?;
            } else if rest.starts_with("</") {
                self.advance_to(self.pos + 2);
                let name = self.take_until(">", "end tag")?.trim();
                let Some(element) = stack.pop() else {
                    return self.error(format!("end tag </{name}> without a start tag"));
                };
                if element.name != name {
                    return self.error(format!(
                        "end tag </{name}> does not close <{}> of line {}",
                        element.name, element.line
                    ));
                }
                finish(element, &mut stack, &mut root, self.line)?;
            } else {
                let (element, empty) = self.start_tag()?;
                if empty {
                    finish(element, &mut stack, &mut root, self.line)?;
                } else {
                    stack.push(element);
                }
            }
        }
        if let Some(open) = stack.last() {
            return self.error(format!(
                "end of file inside <{}> of line {}",
                open.name, open.line
            ));
        }
        match root {
            Some(root) => Ok(root),
            None => self.error("no XML element found"),
        }
    }

    /// Skips `<!DOCTYPE …>`, including an internal subset in brackets.
    fn skip_doctype(&mut self) -> Result<(), XmlError> {
        let mut depth = 0usize;
        for (i, c) in self.rest().char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth = depth.saturating_sub(1),
                '>' if depth == 0 => {
                    self.advance_to(self.pos + i + 1);
                    return Ok(());
                }
                _ => {}
            }
        }
        self.error("unterminated <! declaration")
    }

    /// Parses `<name attr="v" …>` or `<… />`; the flag says it was empty (self-closed).
    fn start_tag(&mut self) -> Result<(Element<'a>, bool), XmlError> {
        let line = self.line;
        self.advance_to(self.pos + 1);
        let name = self.name()?;
        let mut attrs = Vec::new();
        loop {
            self.skip_whitespace();
            let rest = self.rest();
            if rest.starts_with("/>") {
                self.advance_to(self.pos + 2);
                return Ok((element(name, attrs, line), true));
            }
            if rest.starts_with('>') {
                self.advance_to(self.pos + 1);
                return Ok((element(name, attrs, line), false));
            }
            if rest.is_empty() {
                return self.error(format!("end of file inside the start tag <{name}>"));
            }
            let attr = self.name()?;
            self.skip_whitespace();
            if !self.rest().starts_with('=') {
                return self.error(format!("attribute {attr} of <{name}> has no value"));
            }
            self.advance_to(self.pos + 1);
            self.skip_whitespace();
            let quote = match self.rest().chars().next() {
                Some(q @ ('"' | '\'')) => q,
                _ => return self.error(format!("attribute {attr} of <{name}> is not quoted")),
            };
            self.advance_to(self.pos + 1);
            let value =
                self.take_until(if quote == '"' { "\"" } else { "'" }, "attribute value")?;
            attrs.push((attr, decode(value)));
        }
    }

    fn name(&mut self) -> Result<&'a str, XmlError> {
        let rest = self.rest();
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/' | '<' | '"' | '\''))
            .unwrap_or(rest.len());
        if end == 0 {
            return self.error("expected a name");
        }
        self.advance_to(self.pos + end);
        Ok(&rest[..end])
    }
}

fn element<'a>(name: &'a str, attrs: Vec<(&'a str, Cow<'a, str>)>, line: u64) -> Element<'a> {
    Element {
        name,
        attrs,
        children: Vec::new(),
        text: Cow::Borrowed(""),
        line,
    }
}

/// Hands a complete element to its parent, or makes it the root.
fn finish<'a>(
    element: Element<'a>,
    stack: &mut [Element<'a>],
    root: &mut Option<Element<'a>>,
    line: u64,
) -> Result<(), XmlError> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None if root.is_none() => *root = Some(element),
        None => {
            return Err(XmlError {
                line,
                message: "a second root element".into(),
            })
        }
    }
    Ok(())
}

fn add_text<'a>(parent: &mut Element<'a>, text: Cow<'a, str>) {
    // Indentation between child elements is layout, not content.
    if !parent.children.is_empty() && text.trim().is_empty() {
        return;
    }
    if parent.text.is_empty() {
        parent.text = text;
    } else {
        parent.text.to_mut().push_str(&text);
    }
}

/// Decodes `&amp; &lt; &gt; &quot; &apos;` and numeric references; anything else after `&`
/// is kept as written, since a stray ampersand is a common producer bug not worth failing on.
pub(crate) fn decode(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest
            .find(';')
            .filter(|&semi| semi <= 12)
            .and_then(|semi| entity(&rest[1..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character an entity name (between `&` and `;`) stands for.
pub(crate) fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = match name.strip_prefix('#')? {
                hex if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok()?,
                dec => dec.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// `s` escaped for element text.
pub(crate) fn escape_text(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// `s` escaped for a double-quoted attribute value; line breaks and tabs become references
/// so that attribute-value normalisation cannot turn them into spaces.
pub(crate) fn escape_attr(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

fn escape(s: &str, attr: bool) -> Cow<'_, str> {
    let special =
        |c: char| matches!(c, '&' | '<' | '>') || (attr && matches!(c, '"' | '\n' | '\r' | '\t'));
    if !s.contains(special) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' | '\r' | '\t' if attr => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The value of a required attribute of `el`, or an error naming the element and its line.
pub(crate) fn required<'a>(el: &'a Element<'_>, attr: &str, path: &str) -> crate::Result<&'a str> {
    el.attr(attr).ok_or_else(|| {
        super::parse_error(
            path,
            el.line,
            format!("<{}> without the `{attr}` attribute", el.name),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_elements_text_and_entities() {
        let doc = "<?xml version=\"1.0\"?>\n<!-- c -->\n<a x='1 &amp; 2'>\n  <b y=\"&#65;&#x42;\">t&lt;u<![CDATA[<v>]]></b>\n  <c/>\n</a>\n";
        let root = parse(doc).expect("parses");
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("x"), Some("1 & 2"));
        assert_eq!(root.children.len(), 2);
        assert_eq!(root.children[0].attr("y"), Some("AB"));
        assert_eq!(root.children[0].text, "t<u<v>");
        assert_eq!(root.children[1].line, 5);
        assert_eq!(decode("a & b &bogus; &#38;"), "a & b &bogus; &");
    }

    #[test]
    fn reports_mismatched_tags_with_lines() {
        let err = parse("<a>\n<b>\n</a>").expect_err("mismatch");
        assert_eq!(err.line, 3);
        assert!(parse("<a>").is_err());
    }
}
