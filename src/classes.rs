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

/// Class bits by character: a table for the Basic Multilingual Plane, the patterns that
/// define the bits beyond it.
pub struct Classes {
    bmp: Vec<u8>,
    patterns: &'static [(Regex, u8)],
}

/// Which characters of the Basic Multilingual Plane `pattern` matches (one pass of it over
/// them all): a table to index where a search would cost a run of instructions a character.
pub fn bmp_table(pattern: &Regex) -> Vec<bool> {
    let all: String = (0..0x10000u32).filter_map(char::from_u32).collect();
    let mut table = vec![false; 0x10000];
    for m in pattern.find_iter(&all) {
        for c in m.as_str().chars() {
            table[c as usize] = true;
        }
    }
    table
}

impl Classes {
    /// The classes of `patterns`, each with the bit it sets.
    pub fn from_patterns(patterns: &'static [(Regex, u8)]) -> Self {
        let mut bmp = vec![0u8; 0x10000];
        for (pattern, bit) in patterns {
            for (k, hit) in bmp.iter_mut().zip(bmp_table(pattern)) {
                if hit {
                    *k |= bit;
                }
            }
        }
        Classes { bmp, patterns }
    }

    /// The class bits of `c`: an index for the Basic Multilingual Plane (inlined into the
    /// per-character loops), the patterns beyond it.
    #[inline(always)]
    pub fn of(&self, c: char) -> u8 {
        match self.bmp.get(c as usize) {
            Some(&k) => k,
            None => self.beyond_bmp(c),
        }
    }

    /// The class bits of a character outside the Basic Multilingual Plane (rare: asked of
    /// the patterns themselves).
    #[cold]
    #[inline(never)]
    fn beyond_bmp(&self, c: char) -> u8 {
        let mut buf = [0u8; 4];
        let s = c.encode_utf8(&mut buf);
        self.patterns
            .iter()
            .filter(|(p, _)| p.is_match(s))
            .fold(0, |k, (_, bit)| k | bit)
    }

    /// How many characters of `text` have class `bit`.
    pub fn count(&self, text: &str, bit: u8) -> usize {
        text.chars().filter(|&c| self.of(c) & bit != 0).count()
    }
}

pub static CLASSES: LazyLock<Classes> = LazyLock::new(|| Classes::from_patterns(&PATTERNS));

/// A small set of characters tested one character at a time in a loop over a text: a bit
/// for each ASCII character, a short list of the others (`str::contains(char)` on every
/// character of a text costs a substring search each).
pub struct CharSet {
    ascii: u128,
    others: [u32; MAX_OTHERS],
    n_others: usize,
    /// The set as written (for the tests).
    #[cfg(test)]
    set: &'static str,
}

/// How many characters beyond ASCII a `CharSet` may hold.
const MAX_OTHERS: usize = 32;

impl CharSet {
    /// The set of `set`'s characters; refuses (at compile time, where it is a constant) a
    /// set of more than `MAX_OTHERS` characters beyond ASCII.
    pub const fn new(set: &'static str) -> Self {
        let bytes = set.as_bytes();
        let (mut ascii, mut others, mut n_others) = (0u128, [0u32; MAX_OTHERS], 0);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i] as u32;
            // UTF-8: the lead byte says how many continuation bytes follow.
            let (len, mut c) = if b < 0x80 {
                (1, b)
            } else if b >= 0xf0 {
                (4, b & 0x07)
            } else if b >= 0xe0 {
                (3, b & 0x0f)
            } else {
                (2, b & 0x1f)
            };
            let mut k = 1;
            while k < len {
                c = (c << 6) | (bytes[i + k] as u32 & 0x3f);
                k += 1;
            }
            if len == 1 {
                ascii |= 1u128 << c;
            } else {
                assert!(n_others < MAX_OTHERS, "too many characters beyond ASCII");
                others[n_others] = c;
                n_others += 1;
            }
            i += len;
        }
        CharSet {
            ascii,
            others,
            n_others,
            #[cfg(test)]
            set,
        }
    }

    /// Whether `c` is in the set.
    #[inline(always)]
    pub fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii >> (c as u32) & 1 == 1
        } else {
            self.others[..self.n_others].contains(&(c as u32))
        }
    }

    /// The set's characters, as written.
    #[cfg(test)]
    pub const fn as_str(&self) -> &'static str {
        self.set
    }
}

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

    #[test]
    fn char_sets_hold_their_characters_and_no_others() {
        const SET: CharSet = CharSet::new(".!?…。\u{7f}ß\u{10348}");
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            assert_eq!(SET.contains(c), SET.as_str().contains(c), "{c:?}");
        }
        assert!(SET.contains('。') && SET.contains('.') && !SET.contains('a'));
    }
}
