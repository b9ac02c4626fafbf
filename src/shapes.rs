//! The shape shares of a block's text (`cleaner.blockfeatures.TextStats`): digits,
//! capitals, punctuation, capitalised words, bullets, separators, East Asian script,
//! handles, e-mail addresses, mean word length. Patterns mirror the Python ones exactly;
//! `\p{sc=...}` is the Script property, as Python's `regex` reads `\p{Han}`.

use crate::classes::{CLASSES, IS_DIGIT, IS_EAST_ASIAN, IS_LETTER, IS_PUNCT, IS_UPPER};
use crate::pystr::py_space;
use regex::Regex;
use std::sync::LazyLock;

static CAPWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\s)\p{Lu}").unwrap());
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*•·▪►●◦–—+>]\s|\d{1,3}[.)]\s|[a-z][.)]\s|\(\d{1,3}\)\s)").unwrap()
});
static SEPARATORS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s[|•·»›/]\s|\s{2,}").unwrap());
static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\s)[@#]\w").unwrap());
static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w@\w+\.\w").unwrap());

/// How many characters of `text` are in each of the letter, digit, upper-case, punctuation
/// and East Asian classes (`crate::classes`), in one pass.
fn count_classes(text: &str) -> (usize, usize, usize, usize, usize) {
    let classes = &*CLASSES;
    let mut n = [0usize; 5];
    for c in text.chars() {
        let k = classes.of(c);
        for (slot, bit) in
            n.iter_mut()
                .zip([IS_LETTER, IS_DIGIT, IS_UPPER, IS_PUNCT, IS_EAST_ASIAN])
        {
            *slot += (k & bit != 0) as usize;
        }
    }
    (n[0], n[1], n[2], n[3], n[4])
}

pub const FIELDS: usize = 11;

/// The eleven shares of `text`, whose token count is `words`, in `TextStats` order.
pub fn text_stats(text: &str, words: usize) -> [f64; FIELDS] {
    let chars = text.chars().count();
    let n = chars.max(1) as f64;
    let (letters, digits, upper, punct, east_asian) = if text.is_ascii() {
        let b = text.as_bytes();
        (
            b.iter().filter(|c| c.is_ascii_alphabetic()).count(),
            b.iter().filter(|c| c.is_ascii_digit()).count(),
            b.iter().filter(|c| c.is_ascii_uppercase()).count(),
            b.iter().filter(|c| c.is_ascii_punctuation()).count(),
            0,
        )
    } else {
        count_classes(text)
    };
    let spaced = text.matches(' ').count() + 1;
    let capwords = if upper > 0 {
        CAPWORD.find_iter(text).count()
    } else {
        0
    };
    let trimmed = text.trim_end_matches(py_space);
    [
        digits as f64 / n,
        upper as f64 / letters.max(1) as f64,
        punct as f64 / n,
        capwords as f64 / spaced as f64,
        BULLET.is_match(text) as u8 as f64,
        (trimmed.ends_with(':') || trimmed.ends_with('：')) as u8 as f64,
        SEPARATORS.find_iter(text).count() as f64,
        east_asian as f64 / n,
        ((text.contains('@') || text.contains('#')) && HANDLE.is_match(text)) as u8 as f64,
        (text.contains('@') && EMAIL.is_match(text)) as u8 as f64,
        (chars as f64 - spaced as f64 + 1.0) / words.max(1) as f64,
    ]
}
