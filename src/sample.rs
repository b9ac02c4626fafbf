//! The language sample (`cleaner.core._language_sample`): up to `size` characters of a
//! page's longest blocks with letters, prose first, for the language identifier.

use crate::classes::Classes;
use crate::pystr::py_alpha;
use regex::Regex;
use std::sync::LazyLock;

/// Not a word character nor white space (`[^\w\s]`: punctuation and symbols).
const SYMBOL: u8 = 1;
/// A decimal digit (`\d`).
const DIGIT: u8 = 2;

static PATTERNS: LazyLock<Vec<(Regex, u8)>> = LazyLock::new(|| {
    vec![
        (Regex::new(r"[^\w\s]").unwrap(), SYMBOL),
        (Regex::new(r"\d").unwrap(), DIGIT),
    ]
});

/// `SYMBOL` and `DIGIT` of each character.
static CLASSES: LazyLock<Classes> = LazyLock::new(|| Classes::from_patterns(&PATTERNS));

/// How many characters of `text` are punctuation or symbols, and how many are digits.
pub fn symbols_and_digits(text: &str) -> (usize, usize) {
    text.chars().fold((0, 0), |(s, d), c| {
        let k = CLASSES.of(c);
        (
            s + (k & SYMBOL != 0) as usize,
            d + (k & DIGIT != 0) as usize,
        )
    })
}

/// Whether `text` reads as running text: at most `max_symbols` of its characters
/// punctuation and symbols and at most `max_digits` digits (shares).
fn prose_like(text: &str, max_symbols: f64, max_digits: f64) -> bool {
    let n = text.chars().count() as f64;
    let (symbols, digits) = symbols_and_digits(text);
    symbols as f64 <= max_symbols * n && digits as f64 <= max_digits * n
}

/// Up to `size` characters of the longest of `texts` with letters, and at most 4/3 `size`
/// UTF-8 bytes (a newline between two blocks counts one), prose blocks first (see
/// `prose_like`); the others only when no prose block has letters. Longest first, ties in
/// page order.
pub fn language_sample(texts: &[&str], size: usize, max_symbols: f64, max_digits: f64) -> String {
    let lengths: Vec<usize> = texts.iter().map(|t| t.chars().count()).collect();
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by(|&a, &b| lengths[b].cmp(&lengths[a]));
    let prose = sample_of(texts, &order, size, Some((max_symbols, max_digits)));
    if !prose.is_empty() {
        return prose;
    }
    sample_of(texts, &order, size, None)
}

/// The sample from `texts` taken in `order`; with `prose`, only of prose blocks.
fn sample_of(texts: &[&str], order: &[usize], size: usize, prose: Option<(f64, f64)>) -> String {
    let mut out = String::new();
    let mut parts = 0usize;
    let mut total = 0usize;
    // Bytes left; the first part has no newline before it.
    let mut budget = (size * 4 / 3 + 1) as i64;
    for &i in order {
        let text = texts[i];
        if !text.chars().any(py_alpha) {
            continue;
        }
        if let Some((s, d)) = prose {
            if !prose_like(text, s, d) {
                continue;
            }
        }
        budget -= 1;
        // Every turn starts with budget >= 1 (the loop stops at 0) and total < size.
        let want = size - total;
        let part = match text.char_indices().nth(want) {
            Some((at, _)) => &text[..at],
            None => text,
        };
        let room = budget.max(0) as usize;
        let taken = part.len().min(room);
        budget -= taken as i64;
        // A character cut in two by the byte budget is dropped whole.
        let mut cut = taken;
        while !part.is_char_boundary(cut) {
            cut -= 1;
        }
        let part = &part[..cut];
        if parts > 0 {
            out.push('\n');
        }
        out.push_str(part);
        parts += 1;
        total += part.chars().count();
        if total >= size || budget <= 0 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prose_first_within_the_budget() {
        let texts = [
            "short words",
            "a longer line of words here",
            "{\"a\":1,\"b\":[2,3]}",
        ];
        assert_eq!(
            language_sample(&texts, 100, 0.2, 0.3),
            "a longer line of words here\nshort words"
        );
        // Only code: sampled anyway.
        assert_eq!(language_sample(&texts[2..], 100, 0.2, 0.3), texts[2]);
        // No letters at all: nothing.
        assert_eq!(language_sample(&["123 456", "--"], 100, 0.2, 0.3), "");
        // Cut at `size` characters.
        assert_eq!(language_sample(&texts[..2], 8, 0.2, 0.3), "a longer");
        // Cut at 4/3 `size` bytes (6 * 4 / 3 + 1, less the newline before the part: 8):
        // four Cyrillic letters of two bytes; two Devanagari ones of three, the third
        // cut in two dropped.
        assert_eq!(language_sample(&["абвгдежз"], 6, 0.2, 0.3), "абвг");
        assert_eq!(language_sample(&["नमस्ते दुनिया"], 6, 0.2, 0.3), "नम");
    }
}
