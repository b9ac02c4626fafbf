//! An HTML page's visible text, one block a line, and where each line stands in the markup
//! (`cleaner.markup.visible_lines`). The page comes as the canonical XML (C14N) of the tree
//! libxml2 parsed: well formed (every element closed, `<br></br>` included), no comments,
//! text and attribute values escaped, nothing added. So one forward scan reads it, with a
//! stack of markup bits, and no tree is built twice.

use crate::pystr::py_split;
use std::collections::HashMap;

/// `cleaner.markup.MARKUP_FEATURES`, in order: the bit of feature `i` is `1 << i`.
pub const FEATURES: usize = 16;
const LINK: u32 = 1;
const HEADING: u32 = 1 << 1;
const LIST_ITEM: u32 = 1 << 2;
const TABLE_CELL: u32 = 1 << 3;
const PARAGRAPH: u32 = 1 << 4;
const ARTICLE: u32 = 1 << 5;
const NAV: u32 = 1 << 6;
const HEADER: u32 = 1 << 7;
const FOOTER: u32 = 1 << 8;
const SIDEBAR: u32 = 1 << 9;
const COMMENTS: u32 = 1 << 10;
const RELATED: u32 = 1 << 11;
const SHARE: u32 = 1 << 12;
const AD: u32 = 1 << 13;
const FORM: u32 = 1 << 14;
const FIGURE: u32 = 1 << 15;

/// Elements that start a new line when a page is rendered to text.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tr"
            | "ul"
            | "option"
            | "button"
            | "label"
    )
}
/// Table cells: a row is one line, its cells apart by a space.
fn is_cell(tag: &str) -> bool {
    matches!(tag, "td" | "th")
}
/// Elements whose text is never shown.
fn is_hidden(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "object"
            | "select"
    )
}

/// Words of class and id values (a prefix of one of their tokens, the token starting where
/// no letter a-z stands before it) and the bit each sets.
const CLASS_WORDS: &[(&str, u32)] = &[
    ("article", ARTICLE),
    ("content", ARTICLE),
    ("post", ARTICLE),
    ("entry", ARTICLE),
    ("story", ARTICLE),
    ("nav", NAV),
    ("menu", NAV),
    ("breadcrumb", NAV),
    ("header", HEADER),
    ("masthead", HEADER),
    ("topbar", HEADER),
    ("footer", FOOTER),
    ("copyright", FOOTER),
    ("sidebar", SIDEBAR),
    ("widget", SIDEBAR),
    ("aside", SIDEBAR),
    ("comment", COMMENTS),
    ("disqus", COMMENTS),
    ("respond", COMMENTS),
    ("related", RELATED),
    ("recommend", RELATED),
    ("popular", RELATED),
    ("trending", RELATED),
    ("more-", RELATED),
    ("share", SHARE),
    ("sharing", SHARE),
    ("social", SHARE),
    ("follow", SHARE),
    ("advert", AD),
    ("sponsor", AD),
    ("promo", AD),
    ("banner", AD),
    ("caption", FIGURE),
    ("figure", FIGURE),
];

/// The bits a tag sets for the text inside it.
fn tag_bits(tag: &str) -> u32 {
    match tag {
        "a" => LINK,
        "li" | "dt" | "dd" => LIST_ITEM,
        "td" | "th" => TABLE_CELL,
        "p" => PARAGRAPH,
        "article" | "main" => ARTICLE,
        "nav" => NAV,
        "header" => HEADER,
        "footer" => FOOTER,
        "aside" => SIDEBAR,
        "form" | "button" | "label" => FORM,
        "figure" | "figcaption" => FIGURE,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => HEADING,
        _ => 0,
    }
}

/// The bits class and id words set (`names`: the two values, lower-cased, apart by a space).
pub fn class_bits(names: &str) -> u32 {
    let bytes = names.as_bytes();
    let mut bits = 0;
    for i in 0..bytes.len() {
        if i > 0 && bytes[i - 1].is_ascii_lowercase() {
            continue;
        }
        let rest = &bytes[i..];
        for &(word, bit) in CLASS_WORDS {
            if rest.starts_with(word.as_bytes()) {
                bits |= bit;
            }
        }
        // "ad" or "ads" as a token of its own.
        if rest.starts_with(b"ad") {
            let after = if rest.get(2) == Some(&b's') { 3 } else { 2 };
            if !rest.get(after).is_some_and(u8::is_ascii_lowercase) {
                bits |= AD;
            }
        }
    }
    bits
}

/// The longest character reference read, `;` aside (`&#x10FFFF` is 9 bytes).
const MAX_REFERENCE: usize = 12;

/// The text of escaped XML: `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and character
/// references decoded; anything else left as it stands.
fn unescape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // A reference is short: look for its ';' in the next few bytes only (a search to the
        // end of the text for every '&' would be quadratic).
        let near = &rest.as_bytes()[..rest.len().min(MAX_REFERENCE + 1)];
        let decoded = near.iter().position(|&b| b == b';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// A tag read off canonical XML: `<name a="v" ...>` or `</name>`.
struct Tag<'a> {
    name: &'a str,
    /// An end tag.
    end: bool,
    /// A start tag closed at once (`<br/>`; canonical XML writes `<br></br>` instead).
    closed: bool,
    class: Option<&'a str>,
    id: Option<&'a str>,
    /// Bytes from the '<' to just past the '>'.
    len: usize,
}

/// The tag `rest` starts with (at a '<'), None when it never ends. Canonical XML writes
/// every attribute as name="value", the value with no raw '"'; a broken page's names may
/// hold quotes, '=' and '<' (tag names) or quotes (attribute names), never white space or
/// '>', and an attribute name never '='.
fn read_tag(rest: &str) -> Option<Tag<'_>> {
    let b = rest.as_bytes();
    if b.get(1) == Some(&b'/') {
        let gt = rest.find('>')?;
        return Some(Tag {
            name: rest[2..gt].trim(),
            end: true,
            closed: false,
            class: None,
            id: None,
            len: gt + 1,
        });
    }
    let stop = |c: u8| c.is_ascii_whitespace() || c == b'>' || c == b'/';
    let mut i = 1;
    while i < b.len() && !stop(b[i]) {
        i += 1;
    }
    let name = &rest[1..i];
    let (mut class, mut id) = (None, None);
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i)? {
            b'>' => break,
            b'/' if b.get(i + 1) == Some(&b'>') => {
                let len = i + 2;
                return Some(Tag {
                    name,
                    end: false,
                    closed: true,
                    class,
                    id,
                    len,
                });
            }
            _ => {
                let at = i;
                while i < b.len() && !stop(b[i]) && b[i] != b'=' {
                    i += 1;
                }
                if b.get(i) == Some(&b'=') && b.get(i + 1) == Some(&b'"') {
                    let value = i + 2;
                    let close = value + rest[value..].find('"')?;
                    match &rest[at..i] {
                        "class" => class = Some(&rest[value..close]),
                        "id" => id = Some(&rest[value..close]),
                        _ => {}
                    }
                    i = close + 1;
                } else if i == at {
                    i += 1; // a stray '/' or '=': not canonical XML; pass it by
                }
            }
        }
    }
    Some(Tag {
        name,
        end: false,
        closed: false,
        class,
        id,
        len: i + 1,
    })
}

/// One line being gathered: its text pieces, and its characters (spaces aside) in all and
/// under each markup bit.
#[derive(Default)]
struct Line {
    text: String,
    counts: [usize; FEATURES],
    total: usize,
}

impl Line {
    fn push(&mut self, text: &str, bits: u32) {
        self.text.push_str(text);
        let n = text.chars().count() - text.bytes().filter(|&b| b == b' ').count();
        self.total += n;
        if bits != 0 {
            for (i, count) in self.counts.iter_mut().enumerate() {
                if bits >> i & 1 == 1 {
                    *count += n;
                }
            }
        }
    }

    /// Ends the line: its text with white space runs made one space, and its row, when it
    /// has any text.
    fn finish(&mut self, texts: &mut Vec<String>, rows: &mut Vec<f64>) {
        if self.text.is_empty() {
            return;
        }
        let joined = py_split(&self.text).collect::<Vec<_>>().join(" ");
        if !joined.is_empty() {
            texts.push(joined);
            let total = self.total;
            rows.extend(self.counts.iter().map(|&c| {
                if total > 0 {
                    c as f64 / total as f64
                } else {
                    0.0
                }
            }));
        }
        self.text.clear();
        self.counts = [0; FEATURES];
        self.total = 0;
    }
}

/// The visible lines of a page serialised as canonical XML (`lxml.etree.tostring(root,
/// method="c14n")`), and their markup rows (`FEATURES` values a line, flat). Elements
/// `is_hidden` names are skipped with everything inside them; comments and processing
/// instructions show nothing, the text after them does. The reading stops once it has
/// made more than `most` lines (a caller that refuses such a page needs no more).
pub fn visible_lines(xml: &str, most: usize) -> (Vec<String>, Vec<f64>) {
    let mut texts = Vec::new();
    let mut rows = Vec::new();
    let mut line = Line::default();
    let mut stack: Vec<u32> = vec![0];
    let mut hidden = 0usize; // depth inside a hidden element
    let mut seen: HashMap<(&str, Option<&str>, Option<&str>), u32> = HashMap::new();
    let mut rest = xml;
    // Past `most` lines the caller refuses the page: no more are made.
    while !rest.is_empty() && texts.len() <= most {
        let Some(lt) = rest.find('<') else {
            if hidden == 0 {
                line.push(&unescape(rest), *stack.last().unwrap_or(&0));
            }
            break;
        };
        if lt > 0 && hidden == 0 {
            line.push(&unescape(&rest[..lt]), *stack.last().unwrap_or(&0));
        }
        rest = &rest[lt..];
        // Comments, processing instructions, CDATA and declarations show nothing.
        let skip_to = if rest.starts_with("<!--") {
            Some("-->")
        } else if rest.starts_with("<![CDATA[") {
            Some("]]>")
        } else if rest.starts_with("<?") {
            Some("?>")
        } else if rest.starts_with("<!") {
            Some(">")
        } else {
            None
        };
        if let Some(end) = skip_to {
            rest = match rest.find(end) {
                Some(at) => &rest[at + end.len()..],
                None => "",
            };
            continue;
        }
        let Some(tag) = read_tag(rest) else {
            // A tag that never ends: not canonical XML, so the rest is not read (reading on
            // from the next '<' would scan the rest again for every one: quadratic).
            break;
        };
        rest = &rest[tag.len..];
        if tag.end {
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            end_tag(tag.name, &mut stack, &mut line, &mut texts, &mut rows);
            continue;
        }
        let closed = tag.closed;
        if hidden > 0 {
            if !closed {
                hidden += 1;
            }
            continue;
        }
        if is_hidden(tag.name) {
            hidden = usize::from(!closed);
            continue;
        }
        let top = *stack.last().unwrap_or(&0);
        let key = (tag.name, tag.class, tag.id);
        let own = *seen.entry(key).or_insert_with(|| {
            let names = format!(
                "{} {}",
                unescape(tag.class.unwrap_or("")),
                unescape(tag.id.unwrap_or(""))
            );
            tag_bits(tag.name) | class_bits(&names.to_lowercase())
        });
        stack.push(top | own);
        if is_block(tag.name) {
            line.finish(&mut texts, &mut rows);
        } else if is_cell(tag.name) {
            line.push(" ", 0);
        }
        if closed {
            end_tag(tag.name, &mut stack, &mut line, &mut texts, &mut rows);
        }
    }
    line.finish(&mut texts, &mut rows);
    (texts, rows)
}

fn end_tag(
    tag: &str,
    stack: &mut Vec<u32>,
    line: &mut Line,
    texts: &mut Vec<String>,
    rows: &mut Vec<f64>,
) {
    if stack.len() > 1 {
        stack.pop();
    }
    if is_block(tag) {
        line.finish(texts, rows);
    } else if is_cell(tag) {
        line.push(" ", 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_one_line_past_the_limit() {
        let xml = "<html><body><p>a</p><p>b</p><div>c</div><p>d</p></body></html>";
        let (whole, rows) = visible_lines(xml, usize::MAX);
        assert_eq!(whole, ["a", "b", "c", "d"]);
        for most in 0..6 {
            let (cut, cut_rows) = visible_lines(xml, most);
            assert_eq!(cut.len(), (most + 1).min(4), "{most}");
            assert_eq!(cut[..], whole[..cut.len()]);
            assert_eq!(cut_rows[..], rows[..cut_rows.len()]);
        }
    }

    fn lines(xml: &str) -> Vec<String> {
        visible_lines(xml, usize::MAX).0
    }

    #[test]
    fn blocks_break_lines_and_hidden_text_is_skipped() {
        let xml = "<html><head><title>T</title></head><body><p>One <b>bold</b> line</p>\
                   <script>x &lt; y</script><ul><li>A</li><li>B<br/>C</li></ul></body></html>";
        assert_eq!(lines(xml), ["One bold line", "A", "B", "C"]);
    }

    #[test]
    fn a_table_row_is_one_line() {
        let xml = "<html><body><table><tr><td>1</td><td>Two</td></tr></table></body></html>";
        assert_eq!(lines(xml), ["1 Two"]);
    }

    #[test]
    fn entities_are_decoded_and_comments_show_nothing() {
        let xml = "<html><body><p>a &amp; b &#233;&#x4E2D;<!-- no -->c &bogus;</p></body></html>";
        assert_eq!(lines(xml), ["a & b é中c &bogus;"]);
    }

    #[test]
    fn shares_follow_the_markup() {
        let xml = "<html><body><div class=\"site-footer\"><a href=\"/\">Home</a> page</div>\
                   </body></html>";
        let (texts, rows) = visible_lines(xml, usize::MAX);
        assert_eq!(texts, ["Home page"]);
        assert_eq!(rows.len(), FEATURES);
        assert!((rows[0] - 0.5).abs() < 1e-12, "link share {}", rows[0]);
        assert!((rows[8] - 1.0).abs() < 1e-12, "footer share {}", rows[8]);
    }

    #[test]
    fn stray_quotes_and_brackets_in_a_tag_do_not_end_it_early() {
        let xml = "<html><body><select><option a);\"=\"\">Eng</option></select>\
                   <p x=\"a>b\">Text</p><ahref=\"x:>y</ahref=\"x:><p c=\">\">z</p></body></html>";
        assert_eq!(lines(xml), ["Text", "y", "z"]);
    }

    #[test]
    fn a_tag_that_never_ends_stops_the_scan_at_once() {
        // Each '<' here would scan the rest of the input if the scan went on past it.
        let xml = format!("<p>kept</p>{}", "<a x=\"".repeat(200_000));
        assert_eq!(lines(&xml), ["kept"]);
        assert_eq!(lines(&"<".repeat(200_000)), Vec::<String>::new());
    }

    #[test]
    fn a_text_of_ampersands_is_read_once() {
        // Each '&' here would search the rest of the text for a ';' if the search were not
        // bounded.
        let xml = format!("<p>{};</p>", "&".repeat(200_000));
        assert_eq!(lines(&xml)[0].len(), 200_001);
    }

    #[test]
    fn class_words_start_tokens() {
        assert_eq!(class_bits("post-content"), ARTICLE);
        assert_eq!(class_bits("compost"), 0);
        assert_eq!(class_bits("top-ads"), AD);
        assert_eq!(class_bits("header-ad"), HEADER | AD);
        assert_eq!(class_bits("loaded"), 0);
        assert_eq!(class_bits("more-stories"), RELATED);
        assert_eq!(class_bits("more-content"), RELATED | ARTICLE);
    }

    #[test]
    fn broken_input_ends_without_panic() {
        for xml in [
            "<",
            "<p",
            "<p class=\"x>",
            "</",
            "text & more",
            "<!--",
            "<a/><b>",
        ] {
            let _ = visible_lines(xml, usize::MAX);
        }
    }
}
