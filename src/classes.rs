//! Character classes the per-block measures count or tokenise by, tabulated for the Basic
//! Multilingual Plane from the regex patterns that define them (one pass of each pattern
//! over every BMP character at first use); characters of other planes ask the patterns.
//! Looking a character up is an index, where a regex match costs a search a run.

use regex::Regex;
use std::sync::LazyLock;

/// A token character: letters, marks, digits, zero-width (non-)joiners, apostrophes.
pub const IS_TOKEN: u8 = 1;
/// Han or kana: a token of its own, and counted three times in a block's length.
pub const IS_CJK: u8 = 2;
/// A letter (`\p{L}`).
pub const IS_LETTER: u8 = 4;
/// A number (`\p{N}`).
pub const IS_DIGIT: u8 = 8;
/// An upper-case letter (`\p{Lu}`).
pub const IS_UPPER: u8 = 16;
/// Punctuation or a symbol (`\p{P}`, `\p{S}`).
pub const IS_PUNCT: u8 = 32;
/// An East Asian script written without spaces or with short words (Han, kana, Hangul).
pub const IS_EAST_ASIAN: u8 = 64;
/// A combining mark (`\p{M}`).
pub const IS_MARK: u8 = 128;

/// Each class and the pattern that defines it (`\p{sc=...}` is the Script property, as
/// Python's `regex` reads `\p{Han}`).
static PATTERNS: LazyLock<Vec<(Regex, u8)>> = LazyLock::new(|| {
    [
        (r"[\p{L}\p{M}\p{N}\x{200c}\x{200d}'’]", IS_TOKEN),
        (r"[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]", IS_CJK),
        (r"\p{L}", IS_LETTER),
        (r"\p{N}", IS_DIGIT),
        (r"\p{Lu}", IS_UPPER),
        (r"[\p{P}\p{S}]", IS_PUNCT),
        (
            r"[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]",
            IS_EAST_ASIAN,
        ),
        (r"\p{M}", IS_MARK),
    ]
    .into_iter()
    .map(|(p, bit)| (Regex::new(p).unwrap(), bit))
    .collect()
});

pub struct Classes {
    bmp: Vec<u8>,
}

impl Classes {
    fn new() -> Self {
        let all: String = (0..0x10000u32).filter_map(char::from_u32).collect();
        let mut bmp = vec![0u8; 0x10000];
        for (pattern, bit) in PATTERNS.iter() {
            for m in pattern.find_iter(&all) {
                for c in m.as_str().chars() {
                    bmp[c as usize] |= bit;
                }
            }
        }
        Classes { bmp }
    }

    /// The class bits of `c`.
    #[inline]
    pub fn of(&self, c: char) -> u8 {
        match self.bmp.get(c as usize) {
            Some(&k) => k,
            None => {
                let mut buf = [0u8; 4];
                let s = c.encode_utf8(&mut buf);
                PATTERNS
                    .iter()
                    .filter(|(p, _)| p.is_match(s))
                    .fold(0, |k, (_, bit)| k | bit)
            }
        }
    }

    /// How many characters of `text` have class `bit`.
    pub fn count(&self, text: &str, bit: u8) -> usize {
        text.chars().filter(|&c| self.of(c) & bit != 0).count()
    }
}

pub static CLASSES: LazyLock<Classes> = LazyLock::new(Classes::new);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_a_few_characters() {
        let c = &*CLASSES;
        assert_eq!(c.of('A'), IS_TOKEN | IS_LETTER | IS_UPPER);
        assert_eq!(c.of('7'), IS_TOKEN | IS_DIGIT);
        assert_eq!(c.of('中'), IS_TOKEN | IS_CJK | IS_LETTER | IS_EAST_ASIAN);
        assert_eq!(c.of('한'), IS_TOKEN | IS_LETTER | IS_EAST_ASIAN);
        assert_eq!(c.of('«'), IS_PUNCT);
        assert_eq!(c.of('’'), IS_TOKEN | IS_PUNCT);
        assert_eq!(c.of('𝐀'), IS_TOKEN | IS_LETTER | IS_UPPER); // outside the table
        assert_eq!(c.of('\u{301}'), IS_TOKEN | IS_MARK);
        assert_eq!(c.count("a1-B", IS_LETTER), 2);
    }
}
