//! Cutting a document into blocks (one a non-blank line) with their offsets, and
//! normalising each block's text: the Python definitions they replaced are kept in
//! `tests/test_segment_core.py` as the reference. Offsets count code points, as Python's
//! `str` indices do.

use crate::pystr::{is_space, py_space};
use crate::unwrap::{indent_char, MAX_INDENT};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What `str.splitlines()` treats as a line boundary.
fn line_boundary(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Stripped from both ends of a line: white space and invisible marks.
fn edge(c: char) -> bool {
    py_space(c) || c == '\u{200b}' || c == '\u{feff}'
}

/// Invisible characters that carry no meaning (zero-width (non-)joiners stay: Indic and
/// Persian spelling needs them).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{180e}'
        | '\u{00}'..='\u{08}' | '\u{0e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Characters of the scripts most pages are written in that are their own NFC and never
/// combine with what stands before them (canonical combining class 0, NFC quick check Yes;
/// a test asks `unicode_normalization` of each): a text of these alone is NFC as it is,
/// and the normaliser's table look-ups are skipped. Latin to U+02FF, Cyrillic letters,
/// general punctuation past the two spaces that decompose (U+2000, U+2001), and the
/// common CJK ideographs.
#[inline(always)]
fn plainly_nfc(c: char) -> bool {
    matches!(c as u32, 0..=0x2ff | 0x400..=0x482 | 0x48a..=0x52f | 0x2002..=0x206f
        | 0x4e00..=0x9fff)
}

/// `invisible` and `py_space` of an ASCII character, as two byte tests (the invisible
/// ASCII characters are the controls but for \t..\r; \x1c..\x1f are both, and go).
#[inline(always)]
fn ascii_kind(b: u8) -> (bool, bool) {
    (
        b <= 0x08 || (0x0e..=0x1f).contains(&b) || b == 0x7f,
        is_space(char::from(b)),
    )
}

/// `text` with invisible characters removed, every run of white space made one space,
/// trimmed, in NFC.
pub fn normalise(text: &str) -> String {
    if plain_ascii(text.as_bytes()) {
        // Most lines: nothing to remove, collapse or compose.
        return text.to_string();
    }
    if text.is_ascii() {
        return collapse_ascii(text);
    }
    let mut out = String::with_capacity(text.len());
    // Whether every character kept is plainly its own NFC (then `out` is in NFC).
    let mut plain = true;
    // ASCII first (most characters of most pages): its invisible characters are the
    // controls but for \t..\r, which are white space with the space.
    let kind = |c: char| {
        if c.is_ascii() {
            ascii_kind(c as u8)
        } else {
            (invisible(c), py_space(c))
        }
    };
    collapse(text.chars(), ' ', kind, |c| {
        plain &= plainly_nfc(c);
        out.push(c);
    });
    if plain {
        return out;
    }
    match is_nfc_quick(out.chars()) {
        IsNormalized::Yes => out,
        _ => out.nfc().collect(),
    }
}

/// `normalise` of ASCII `text`, a byte at a time (ASCII is its own NFC).
fn collapse_ascii(text: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    collapse(text.bytes(), b' ', ascii_kind, |b| out.push(b));
    // Only ASCII bytes were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// Whether `bytes` is printable ASCII whose only white space is single spaces between
/// other characters: `normalise` gives it back unchanged (ASCII is its own NFC, and every
/// control character is invisible or white space). Folds without an early exit, which the
/// compiler turns into passes many bytes at a time.
#[inline]
fn plain_ascii(bytes: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    let printable = bytes
        .iter()
        .fold(true, |ok, &b| ok & (0x20..0x7f).contains(&b));
    let doubled = bytes
        .iter()
        .zip(&bytes[1..])
        .fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    first != b' ' && last != b' ' && printable && !doubled
}

/// Hand `push` the items of `text` but the invisible ones, each run of white space as one
/// `space` between two kept items (none at either end); `kind` says (invisible, white).
#[inline(always)]
fn collapse<T: Copy>(
    text: impl Iterator<Item = T>,
    space: T,
    kind: impl Fn(T) -> (bool, bool),
    mut push: impl FnMut(T),
) {
    let (mut started, mut gap) = (false, false);
    for c in text {
        let (invisible, white) = kind(c);
        if invisible {
            continue;
        }
        if white {
            gap = true;
            continue;
        }
        if gap && started {
            push(space);
        }
        gap = false;
        started = true;
        push(c);
    }
}

/// One block: code-point offsets of its stripped line, its normalised text, and whether a
/// blank line (or the document's start) comes before it.
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub blank_before: bool,
    /// Indent: how many spaces, tabs, no-break or ideographic spaces the line opens with
    /// (at most `unwrap::MAX_INDENT`).
    pub indent: usize,
    /// A tab inside the stripped line (table cells).
    pub tab: bool,
    /// White space (or an invisible mark) after the text before the line break: a renderer
    /// that puts each text node on its own line leaves it where a link or an emphasis
    /// followed inside a sentence (`unwrap::join_inline`).
    pub trail: bool,
    /// The text with its Markdown images, where `markdown::images_apart` took them out of
    /// `text`.
    pub images: Option<String>,
}

/// The blocks of `text`: each line (as `str.splitlines` cuts) stripped of white space and
/// invisible marks at both ends, normalised; lines left empty are dropped. (The core cuts
/// with `segment_upto`; the tests with this.)
#[cfg(test)]
pub fn segment(text: &str) -> Vec<Line> {
    segment_upto(text, usize::MAX)
}

/// `segment`, stopped once it has made one block more than `most` (so that a caller can
/// refuse a text of too many lines without making them all).
pub fn segment_upto(text: &str, most: usize) -> Vec<Line> {
    let plain: Result<Vec<Line>, std::convert::Infallible> =
        segment_with(text, most, |line| Ok(normalise(line)));
    plain.unwrap_or_default()
}

/// `segment_upto`, each stripped line's text made by `norm` (which may fail) instead of
/// `normalise`: the caller's repair of damaged text.
pub fn segment_with<E>(
    text: &str,
    most: usize,
    mut norm: impl FnMut(&str) -> Result<String, E>,
) -> Result<Vec<Line>, E> {
    let mut out: Vec<Line> = Vec::new();
    // Line breaks since the last block ("\r\n" counts once), and the characters between.
    let mut breaks = 0usize;
    let mut gap = 0usize;
    let mut prev_cr = false;
    let mut chars = text.char_indices().peekable();
    let mut pos = 0usize; // code points so far
    while let Some(&(_, c)) = chars.peek() {
        if line_boundary(c) {
            if !(prev_cr && c == '\n') {
                breaks += 1;
            }
            prev_cr = c == '\r';
            gap += 1;
            pos += 1;
            chars.next();
            continue;
        }
        prev_cr = false;
        // A line: from here to the next boundary.
        let (byte_start, _) = chars.peek().copied().unwrap_or((text.len(), ' '));
        let line_pos = pos;
        let mut byte_end = text.len();
        while let Some(&(i, d)) = chars.peek() {
            if line_boundary(d) {
                byte_end = i;
                break;
            }
            pos += 1;
            chars.next();
        }
        let line = &text[byte_start..byte_end];
        let lead = line.chars().take_while(|&d| edge(d)).count();
        let trimmed_start = line.trim_start_matches(edge);
        let body = trimmed_start.trim_end_matches(edge);
        let len = body.chars().count();
        if len == 0 {
            gap += pos - line_pos;
            continue;
        }
        let start = line_pos + lead;
        let norm = norm(body)?;
        if norm.is_empty() {
            gap += pos - line_pos;
            continue;
        }
        let indent = line[..line.len() - trimmed_start.len()]
            .chars()
            .rev()
            .take_while(|&d| indent_char(d))
            .take(MAX_INDENT)
            .count();
        let gap_here = gap + lead;
        let blank_before = out.is_empty() || (gap_here > 1 && breaks >= 2);
        out.push(Line {
            start,
            end: start + len,
            text: norm,
            blank_before,
            indent,
            tab: body.contains('\t'),
            trail: trimmed_start.len() > body.len(),
            images: None,
        });
        if out.len() > most {
            break;
        }
        // What follows the block on its own line counts towards the next gap.
        let trailing = pos - (start + len);
        gap = trailing;
        breaks = 0;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plainly_nfc_characters_are_their_own_nfc_and_never_combine() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..0x11000u32)
            .filter_map(char::from_u32)
            .filter(|&c| plainly_nfc(c))
        {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            let nfc: String = std::iter::once(c).nfc().collect();
            assert_eq!(nfc, c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn ascii_kinds_are_the_character_tests() {
        for b in 0..128u8 {
            let (invisible_b, white) = ascii_kind(b);
            let c = char::from(b);
            assert_eq!(invisible_b, invisible(c), "{b}");
            // A character both invisible and white space goes as invisible.
            assert!(invisible_b || white == py_space(c), "{b}");
        }
    }

    #[test]
    fn normalises_spaces_invisibles_and_composition() {
        assert_eq!(normalise("  a\u{a0}\u{200b}b \t c "), "a b c");
        assert_eq!(normalise("e\u{301}"), "é");
        assert_eq!(normalise("\u{200c}x"), "\u{200c}x");
        // The ASCII path and the general one agree on every ASCII byte, in any company.
        for b in 0..128u8 {
            let c = char::from(b);
            for text in [format!("a{c}b"), format!("{c}{c}x{c}"), format!(" {c}")] {
                let general = normalise(&format!("{text}\u{e9}"));
                let ascii = normalise(&text);
                assert_eq!(
                    general.strip_suffix('\u{e9}').map(str::trim_end),
                    Some(ascii.as_str()),
                    "{b}"
                );
            }
        }
    }

    #[test]
    fn plain_ascii_lines_are_their_own_normal_form() {
        // Every string of up to five of these bytes: the quick path and the byte-by-byte
        // one agree, and the quick one is taken only where nothing changes.
        let alphabet = [b'a', b'~', b' ', b'\t', b'\x01', b'\x1f', b'\x7f', b'\n'];
        let mut strings: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..5 {
            let longer: Vec<Vec<u8>> = strings
                .iter()
                .filter(|s| s.len() == strings.last().map_or(0, Vec::len))
                .flat_map(|s| {
                    alphabet.iter().map(move |&b| {
                        let mut t = s.clone();
                        t.push(b);
                        t
                    })
                })
                .collect();
            strings.extend(longer);
        }
        for bytes in &strings {
            let text = std::str::from_utf8(bytes).unwrap();
            let slow = collapse_ascii(text);
            assert_eq!(normalise(text), slow, "{bytes:?}");
            if plain_ascii(bytes) {
                assert_eq!(slow, text, "{bytes:?}");
            }
        }
        assert!(plain_ascii(b"Home | News"));
        assert!(!plain_ascii(b"Home  News") && !plain_ascii(b" x") && !plain_ascii(b""));
    }

    #[test]
    fn stops_one_block_past_the_limit() {
        let text = "a\n\nb\n \u{200b} \nc\r\nd\n";
        assert_eq!(segment(text).len(), 4);
        for most in 0..6 {
            let cut = segment_upto(text, most);
            assert_eq!(cut.len(), (most + 1).min(4), "{most}");
            let whole = segment(text);
            assert!(cut
                .iter()
                .zip(&whole)
                .all(|(a, b)| a.text == b.text && a.start == b.start));
        }
    }

    #[test]
    fn cuts_lines_with_offsets_and_blank_lines() {
        let lines = segment("Title\r\n\r\n  Body é  \nNext\n\u{200b}\n");
        let got: Vec<(usize, usize, &str, bool)> = lines
            .iter()
            .map(|l| (l.start, l.end, l.text.as_str(), l.blank_before))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 5, "Title", true),
                (11, 17, "Body é", true),
                (20, 24, "Next", false)
            ]
        );
    }
}
