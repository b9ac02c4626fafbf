//! Markdown's marks in raw text: reader services and html2text write a page as Markdown, where
//! a link keeps its target (`[text](https://...)`) and a heading its `#`. What a link's
//! text covers is the link density raw text otherwise lacks (a menu is all links, a
//! paragraph a few words of them); the cleaner writes the article's links as their text
//! (`cleaner.Options.include_links`).

/// One inline link found in a text: where its span starts and ends (byte offsets, the
/// brackets and the target included) and where its text lies inside.
#[derive(Debug, PartialEq)]
struct Link {
    start: usize,
    end: usize,
    text: (usize, usize),
}

/// Longest link text and target looked at (a longer one is not taken for a link: it keeps
/// the scan linear on a text of unclosed brackets).
const MAX_TEXT: usize = 500;
const MAX_TARGET: usize = 2000;

/// The inline links of `text`, left to right: `[text](target)` or `[text](target "title")`,
/// the text without brackets or a line break, the target without white space (one level of
/// balanced parentheses allowed, as in Wikipedia's addresses). An image (`![alt](src)`) is
/// not a link; inside a link's text it is left as it is.
fn links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    // Most lines have no link at all: one substring search spares them the scan.
    if !text.contains("](") {
        return out;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr(b'[', &b[i..]) {
        let open = i + off;
        i = open + 1;
        if open > 0 && b[open - 1] == b'!' {
            continue;
        }
        let Some(close) = closing_bracket(b, open + 1) else {
            continue;
        };
        if b.get(close + 1) != Some(&b'(') {
            continue;
        }
        let Some(end) = target_end(b, close + 2) else {
            continue;
        };
        out.push(Link {
            start: open,
            end,
            text: (open + 1, close),
        });
        i = end;
    }
    out
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// Where the `]` closing a link text opened before `from` stands: no `[`, `]` nor line
/// break before it, at most `MAX_TEXT` bytes on.
fn closing_bracket(b: &[u8], from: usize) -> Option<usize> {
    for (k, &c) in b[from..].iter().enumerate().take(MAX_TEXT + 1) {
        match c {
            b']' => return Some(from + k),
            b'[' | b'\n' | b'\r' => return None,
            _ => {}
        }
    }
    None
}

/// The end (after its `)`) of a link's target opening at `from`: no white space in the
/// address, parentheses balanced one level deep, an optional title in double quotes
/// after a space.
fn target_end(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0u32;
    let mut k = from;
    let stop = (from + MAX_TARGET).min(b.len());
    while k < stop {
        match b[k] {
            b'(' if depth == 0 => depth = 1,
            b'(' => return None,
            b')' if depth == 1 => depth = 0,
            b')' => return Some(k + 1),
            b' ' if depth == 0 && k > from => {
                // A title: ` "..."` and the closing parenthesis.
                if b.get(k + 1) != Some(&b'"') {
                    return None;
                }
                let quote = memchr(b'"', &b[k + 2..stop])? + k + 2;
                return (b.get(quote + 1) == Some(&b')')).then_some(quote + 2);
            }
            b' ' | b'\t' | b'\n' | b'\r' | b'<' | b'>' => return None,
            _ => {}
        }
        k += 1;
    }
    None
}

/// The share of `text`'s characters, as a reader sees them (each link as its text), that
/// are links' text; 0 without links.
pub fn link_share(text: &str) -> f64 {
    let found = links(text);
    if found.is_empty() {
        return 0.0;
    }
    let chars = |s: &str| s.chars().count();
    let mut shown = chars(text);
    let mut linked = 0;
    for l in &found {
        let inner = chars(&text[l.text.0..l.text.1]);
        shown -= chars(&text[l.start..l.end]) - inner;
        linked += inner;
    }
    linked as f64 / shown.max(1) as f64
}

/// `text` with each link written as its text ("see [the report](https://x.org/r)" ->
/// "see the report"); None when it has no link, or only links with no text (then the
/// text is kept as it is: nothing would be left to read).
pub fn plain_links(text: &str) -> Option<String> {
    let found = links(text);
    if found.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for l in &found {
        out.push_str(&text[at..l.start]);
        out.push_str(&text[l.text.0..l.text.1]);
        at = l.end;
    }
    out.push_str(&text[at..]);
    let kept = out.trim();
    if kept.is_empty() {
        return None;
    }
    Some(if kept.len() == out.len() {
        out
    } else {
        kept.to_string()
    })
}

/// A Markdown (ATX) heading's level, 1-6, from the `#` marks that open `text` (a block's
/// text, stripped: CommonMark's up to three spaces of indent are gone) before a space or
/// the end; 0 for any other text ("#hashtag", "#1 hit").
pub fn heading_level(text: &str) -> usize {
    let marks = text.bytes().take_while(|&c| c == b'#').count();
    let after = text.as_bytes().get(marks);
    if (1..=6).contains(&marks) && after.is_none_or(|&c| c == b' ' || c == b'\t') {
        marks
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_links() {
        let t =
            "See [the report](https://x.org/r) and [wiki](https://en.wikipedia.org/wiki/A_(b)).";
        assert_eq!(plain_links(t).as_deref(), Some("See the report and wiki."));
        assert_eq!(
            plain_links("* [Home](/) * [News](/news \"All news\")").as_deref(),
            Some("* Home * News")
        );
        // Not links: an image, a reference, brackets alone, a target with a space, unclosed.
        for t in [
            "![a photo](https://x.org/p.jpg)",
            "[1] a footnote",
            "[see below] (page 4)",
            "[a](b c)",
            "[a](https://x.org",
            "a [b [c](d)",
        ] {
            let want = (t == "a [b [c](d)").then(|| "a [b c".to_string());
            assert_eq!(plain_links(t), want, "{t}");
        }
        // A link with no text alone is kept as it is.
        assert_eq!(plain_links("[](https://x.org)"), None);
        assert_eq!(
            plain_links("[](https://x.org) Home").as_deref(),
            Some("Home")
        );
    }

    #[test]
    fn share_counts_what_a_reader_sees() {
        assert_eq!(link_share("plain text"), 0.0);
        assert_eq!(link_share("[Home](https://x.org/)"), 1.0);
        // "ab [cd](u)": the reader sees "ab cd", two of five characters linked.
        assert!((link_share("ab [cd](https://x.org)") - 0.4).abs() < 1e-12);
        // Characters, not bytes.
        assert!((link_share("éé [éé](u)") - 0.4).abs() < 1e-12);
    }

    #[test]
    fn heading_levels() {
        assert_eq!(heading_level("# Title"), 1);
        assert_eq!(heading_level("### Section ###"), 3);
        assert_eq!(heading_level("##"), 2);
        assert_eq!(heading_level("####### seven"), 0);
        assert_eq!(heading_level("#hashtag"), 0);
        assert_eq!(heading_level("C# code"), 0);
    }

    #[test]
    fn long_or_hostile_text_stays_linear() {
        let t = "[".repeat(100_000) + &"](".repeat(100_000);
        assert_eq!(plain_links(&t), None);
        let t = "[a](".to_string() + &"(".repeat(50_000);
        assert_eq!(plain_links(&t), None);
    }
}
