//! A scan of raw HTML for start tags crowded with attributes, before any parser sees it:
//! libxml2 checks each attribute of a tag against the ones before it, so a tag of k
//! attributes costs it k^2 steps (20,000 in one tag took 0.35 s to parse, 500,000 would take
//! minutes), and the readers after it (htmldate, the markup's canonical XML) slow down too.

/// The most attributes any start tag of `html` holds: after `<` and a letter, each word
/// that follows white space counts, up to the tag's `>`, but an attribute's value (after
/// `=`, quoted or not, as libxml2 reads one); a script's or a style's text and comments are
/// passed over. One pass, bytes only.
pub fn most_attributes(html: &[u8]) -> usize {
    let mut most = 0;
    let mut i = 0;
    let n = html.len();
    while i < n {
        // To the next `<` that opens a start tag.
        match html[i..].iter().position(|&b| b == b'<') {
            Some(at) => i += at + 1,
            None => break,
        }
        if html[i..].starts_with(b"!--") {
            // A comment: to its end.
            i = find(html, i + 3, b"-->").map_or(n, |at| at + 3);
            continue;
        }
        if !html.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = html[i..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(n, |at| i + at);
        let close: Option<&[u8]> = [(&b"script"[..], &b"</script"[..]), (b"style", b"</style")]
            .into_iter()
            .find(|(name, _)| html[i..name_end].eq_ignore_ascii_case(name))
            .map(|(_, close)| close);
        let mut words = 0;
        // After white space (a word may start), and after `=` (a value comes, quoted or
        // not, which is no attribute of its own).
        let (mut after_space, mut value) = (false, false);
        while i < n {
            let b = html[i];
            i += 1;
            match b {
                b'>' if !value => break,
                _ if b.is_ascii_whitespace() => after_space = true,
                b'=' if !value => value = true,
                b'"' | b'\'' if value => {
                    // A quoted value: to its closing quote (or the end).
                    i = html[i..]
                        .iter()
                        .position(|&c| c == b)
                        .map_or(n, |at| i + at + 1);
                    (after_space, value) = (false, false);
                }
                _ if value => {
                    // An unquoted value: to white space or the tag's end.
                    i = html[i..]
                        .iter()
                        .position(|&c| c.is_ascii_whitespace() || c == b'>')
                        .map_or(n, |at| i + at);
                    (after_space, value) = (false, false);
                }
                _ => {
                    if after_space {
                        words += 1;
                    }
                    after_space = false;
                }
            }
        }
        most = most.max(words);
        if let Some(close) = close {
            // A script's or a style's text is code, not markup: to its end tag.
            i = find(html, i, close).unwrap_or(n);
        }
    }
    most
}

/// Where `needle` (ASCII, in lower case) next stands in `haystack` from `from`, ASCII
/// case ignored.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = from;
    while at < haystack.len() {
        let next = haystack[at..]
            .iter()
            .position(|b| b.to_ascii_lowercase() == first)?
            + at;
        if haystack[next..]
            .get(..needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(next);
        }
        at = next + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_words_of_the_most_crowded_tag() {
        assert_eq!(most_attributes(b""), 0);
        assert_eq!(most_attributes(b"<p>text</p>"), 0);
        assert_eq!(most_attributes(b"<a href='/x' class=\"a b > c\">x</a>"), 2);
        // A quote is a value's only after `=`; an unquoted value runs to white space.
        assert_eq!(
            most_attributes(b"<img alt=Don't src = x.png title='a b'>it's <b>"),
            3
        );
        assert_eq!(most_attributes(b"<p a b c><div d>"), 3);
        // Not a start tag: an end tag, a comment, a lone `<` in text.
        assert_eq!(most_attributes(b"</p a b c> <!-- a b c --> 1 < 2 a b"), 0);
        // An unclosed quote runs to the end; an unclosed tag counts what it has.
        assert_eq!(most_attributes(b"<p a='b c d e"), 1);
        assert_eq!(most_attributes(b"<p a= b c d>"), 3);
        assert_eq!(most_attributes(b"<p a b"), 2);
        // Code and comments are not markup.
        assert_eq!(
            most_attributes(b"<script>if (a<b && c || d) e>f</script><p x>"),
            1
        );
        assert_eq!(
            most_attributes(b"<STYLE>a<b c d e</Style><!-- <p a b c> --><i j>"),
            1
        );
        let many: String = (0..5000).map(|i| format!(" a{i}")).collect();
        assert_eq!(most_attributes(format!("<p{many}>x</p>").as_bytes()), 5000);
    }
}
