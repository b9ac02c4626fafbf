//! What the classifier knows about a block (`cleaner.features.Features`): length, tokens,
//! stop words, sentence ends, an ellipsis at the end, a URL. Patterns mirror the Python
//! definitions they replaced (kept in `tests/test_measure.py` as the reference).

use crate::classes::{CharSet, Classes, CLASSES, IS_CJK, IS_TOKEN};
use regex::Regex;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// The tokens of a text (see `tokens`).
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    /// The tables, looked up once a text, not once a character.
    ascii: &'static [bool; 128],
    classes: &'static Classes,
    /// Where the words of a run in a script written without spaces between words end
    /// (`spaceless_words`), last first, while the run's words are handed out.
    pending: Vec<usize>,
}

/// Whether the character whose UTF-8 encoding starts `b0 b1` (a three-byte lead and its
/// first continuation) is Thai or Lao (U+0E00-U+0EFF: E0 B8-BB), Myanmar (U+1000-U+109F,
/// E1 80-82, which also takes Georgian's first capitals, U+10A0-U+10BF: the segmenter
/// leaves a run of those whole) or Khmer (U+1780-U+17FF: E1 9E-9F): scripts written
/// without spaces between words, whose runs of letters the dictionary segmenter splits
/// into words. Asked of the bytes, so that the other scripts' characters cost the run loop
/// no decoding.
#[inline(always)]
pub fn spaceless_lead(b0: u8, b1: u8) -> bool {
    (b0 == 0xe0 && (0xb8..=0xbb).contains(&b1))
        || (b0 == 0xe1 && ((0x80..=0x82).contains(&b1) || (0x9e..=0x9f).contains(&b1)))
}

/// The word segmenter for Thai, Lao, Khmer and Myanmar (ICU4X's dictionaries, compiled
/// in): a run of their letters is many words with no space between them, which the
/// measures would count as one long word.
static SEGMENTER: LazyLock<icu_segmenter::WordSegmenterBorrowed<'static>> = LazyLock::new(|| {
    icu_segmenter::WordSegmenter::new_dictionary(
        icu_segmenter::options::WordBreakInvariantOptions::default(),
    )
});

/// Where the words of `run` (token characters holding a spaceless script) end, as byte
/// offsets into `run`, in order; the last is `run.len()`.
fn spaceless_words(run: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = SEGMENTER
        .segment_str(run)
        .filter(|&b| b > 0 && b <= run.len())
        .collect();
    if ends.last() != Some(&run.len()) {
        ends.push(run.len());
    }
    ends
}

/// Which ASCII characters are token characters (`IS_TOKEN` of `CLASSES`; no ASCII
/// character is Han or kana), made once from the class table: an ASCII byte is classed
/// without decoding a character, in text of any script.
static ASCII_TOKEN: LazyLock<[bool; 128]> = LazyLock::new(|| {
    let classes = &*CLASSES;
    let mut table = [false; 128];
    for (b, slot) in table.iter_mut().enumerate() {
        let k = classes.of(char::from(b as u8));
        debug_assert!(k & IS_CJK == 0);
        *slot = k & IS_TOKEN != 0;
    }
    table
});

impl<'a> Tokens<'a> {
    /// The character at byte `at` (a character boundary), its length in bytes and its
    /// class bits.
    #[inline(always)]
    fn at(&self, at: usize) -> Option<(usize, u8)> {
        let b = *self.text.as_bytes().get(at)?;
        if b < 0x80 {
            return Some((1, if self.ascii[b as usize] { IS_TOKEN } else { 0 }));
        }
        let c = self.text.get(at..)?.chars().next()?;
        Some((c.len_utf8(), self.classes.of(c)))
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        // The next word of a spaceless run being handed out.
        if let Some(end) = self.pending.pop() {
            let start = self.pos;
            self.pos = end;
            return self.text.get(start..end);
        }
        // The first character that starts a token.
        let mut at = self.pos;
        let (start, first) = loop {
            let Some((len, k)) = self.at(at) else {
                self.pos = at;
                return None;
            };
            if k & (IS_TOKEN | IS_CJK) != 0 {
                break (at, (len, k));
            }
            at += len;
        };
        let mut end = start + first.0;
        let bytes = self.text.as_bytes();
        let lead = |at: usize| match bytes.get(at..at + 2) {
            Some(&[b0, b1]) => spaceless_lead(b0, b1),
            _ => false,
        };
        let mut spaceless = first.0 == 3 && lead(start);
        if first.1 & IS_CJK == 0 {
            // A run: every following token character, Han/kana included.
            while let Some((len, k)) = self.at(end) {
                if k & IS_TOKEN == 0 {
                    break;
                }
                spaceless |= len == 3 && lead(end);
                end += len;
            }
        }
        if spaceless {
            // Thai, Lao, Khmer or Myanmar: the run's dictionary words, one at a time.
            let run = self.text.get(start..end)?;
            let mut ends = spaceless_words(run);
            let first_end = start + ends.remove(0);
            self.pending = ends.into_iter().rev().map(|e| start + e).collect();
            self.pos = first_end;
            return self.text.get(start..first_end);
        }
        self.pos = end;
        Some(&self.text[start..end])
    }
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://|www\.\w|\w@\w+\.\w").unwrap());

/// Characters that end a sentence, in every script we know of.
pub const TERMINALS: CharSet = CharSet::new(".!?…。！？।॥؟۔።၊။།‼⁇⁈⁉;។៕");
/// Closing quotes and brackets that may follow the terminal character.
const CLOSERS: CharSet = CharSet::new("\"'”’»)]}」』】›* ");
/// Sentence ends counted inside a block (before a space or the end).
const INSIDE: CharSet = CharSet::new(".!?…。！？।॥؟۔။។៕");

/// The case-folded word tokens of `folded` (text already case-folded by Python).
pub fn tokens(folded: &str) -> Tokens<'_> {
    Tokens {
        text: folded,
        pos: 0,
        ascii: &ASCII_TOKEN,
        classes: &CLASSES,
        pending: Vec::new(),
    }
}

/// Thai and Lao write no full stop: a space ends a phrase or a sentence, and words run on
/// without one. A run of at least this many of their characters before such a space counts
/// as a sentence end (and then so does the block's end): prose's phrases are long, a
/// menu's items or a byline's names short.
pub const PHRASE_CHARS: usize = 10;

/// A Thai or Lao character (U+0E00-U+0EFF): the scripts whose spaces end phrases.
#[inline(always)]
fn phrase_spaced(c: char) -> bool {
    ('\u{e00}'..='\u{eff}').contains(&c)
}

/// How many phrase breaks `text` holds: a run of at least `PHRASE_CHARS` Thai or Lao
/// characters, white space, and another of them.
fn phrase_breaks(text: &str) -> usize {
    let mut n = 0;
    // The current run of Thai or Lao characters; the run a gap of white space follows.
    let mut run = 0usize;
    let mut before_gap: Option<usize> = None;
    for c in text.chars() {
        if phrase_spaced(c) {
            if let Some(before) = before_gap.take() {
                n += (before >= PHRASE_CHARS) as usize;
            }
            run += 1;
        } else if c.is_whitespace() {
            if run > 0 {
                before_gap = Some(run);
            }
            run = 0;
        } else {
            run = 0;
            before_gap = None;
        }
    }
    n
}

/// Whether a block whose text is `stripped` (closing quotes and brackets trimmed) ends a
/// Thai or Lao sentence: it ends in one of their characters and holds a phrase break (a
/// single run with no space is a headline or a list item, short phrases a menu or a byline).
fn ends_a_phrase(stripped: &str, breaks: usize) -> bool {
    breaks > 0 && stripped.chars().next_back().is_some_and(phrase_spaced)
}

/// True when `text` ends a sentence, ignoring trailing quotes and brackets: a terminal, or
/// the end of Thai or Lao prose (`ends_a_phrase`).
pub fn ends_with_terminal(text: &str) -> bool {
    let stripped = text.trim_end_matches(|c| CLOSERS.contains(c));
    match stripped.chars().next_back() {
        Some(c) if TERMINALS.contains(c) => true,
        Some(c) if phrase_spaced(c) => phrase_breaks(text) > 0,
        _ => false,
    }
}

/// How many sentence ends `text` holds: a terminal before white space or the end; in Thai
/// and Lao each phrase break (`phrase_breaks`), and the block's end when it
/// `ends_a_phrase`.
pub fn sentence_ends(text: &str) -> usize {
    let mut chars = text.chars().peekable();
    let mut n = 0;
    let mut spaced = false;
    while let Some(c) = chars.next() {
        if INSIDE.contains(c) && chars.peek().is_none_or(|d| d.is_whitespace()) {
            n += 1;
        }
        spaced |= phrase_spaced(c);
    }
    if spaced {
        let breaks = phrase_breaks(text);
        let stripped = text.trim_end_matches(|c| CLOSERS.contains(c));
        n += breaks + ends_a_phrase(stripped, breaks) as usize;
    }
    n
}

/// How many word tokens `folded` (case-folded text) holds: the metadata's word count.
pub fn count_tokens(folded: &str) -> usize {
    tokens(folded).count()
}

/// Windows-1252 letters that stand for the continuation bytes 0x80-0x9F when UTF-8 was read
/// as Windows-1252.
const CP1252_CONTINUATION: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

/// Is there a sign of mojibake in `text` (see `cleaner.normalise.text_looks_damaged`): a
/// Latin-1 lead byte (Â..ô) before a continuation byte or its Windows-1252 letter, a C1
/// control, Greek or Cyrillic (whose mojibake looks different), or U+FFFD.
pub fn mojibake_hint(text: &str) -> bool {
    mojibake_in(non_ascii(text))
}

/// `mojibake_hint` over `non_ascii`'s characters (or every character, each with `false`:
/// an ASCII character is no sign, no continuation and no lead).
fn mojibake_in(chars: impl Iterator<Item = (bool, char)>) -> bool {
    let mut prev_lead = false;
    for (after_ascii, c) in chars {
        prev_lead &= !after_ascii;
        let u = c as u32;
        if (0x80..=0x9f).contains(&u) || (0x370..=0x4ff).contains(&u) || c == '\u{fffd}' {
            return true;
        }
        if prev_lead && ((0x80..=0xbf).contains(&u) || CP1252_CONTINUATION.contains(c)) {
            return true;
        }
        prev_lead = (0xc2..=0xf4).contains(&u);
    }
    false
}

/// Whether `text` has `n` characters of U+0080-U+00FF in a row, no-break spaces aside
/// (`cleaner.recode`).
pub fn latin1_run(text: &str, n: usize) -> bool {
    latin1_run_in(non_ascii(text), n)
}

/// `latin1_run` over `non_ascii`'s characters (or every character, each with `false`).
fn latin1_run_in(chars: impl Iterator<Item = (bool, char)>, n: usize) -> bool {
    let mut run = 0usize;
    for (after_ascii, c) in chars {
        if after_ascii {
            run = 0;
        }
        if ('\u{80}'..='\u{ff}').contains(&c) && c != '\u{a0}' {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// The characters of `text` beyond ASCII, in order, each with whether ASCII stood between
/// it and the one before (or the start): for the whole-document scans above, which look
/// only at these. Most pages are mostly ASCII with a curly quote here and there, so the
/// ASCII between is skipped eight bytes at a time instead of decoded character by
/// character (the scans cost a page 0.44 M instructions that way).
pub fn non_ascii(text: &str) -> impl Iterator<Item = (bool, char)> + '_ {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i;
        while let Some(word) = bytes.get(i..i + 8) {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            if u64::from_le_bytes(eight) & HIGH != 0 {
                break;
            }
            i += 8;
        }
        while bytes.get(i).is_some_and(|b| b.is_ascii()) {
            i += 1;
        }
        // `i` is at a character's first byte: the end, or past ASCII or a whole character.
        let c = text.get(i..)?.chars().next()?;
        let after_ascii = i > start;
        i += c.len_utf8();
        Some((after_ascii, c))
    })
}

/// One block's measures, in `Features` order.
pub struct Measure {
    pub length: usize,
    pub words: usize,
    pub stopwords: usize,
    pub stop_density: f64,
    pub terminal: bool,
    pub sentences: usize,
    pub ellipsis: bool,
    pub has_url: bool,
}

/// Measure `text` (one normalised block; `folded` its case folding) against `stops`.
pub fn measure(text: &str, folded: &str, stops: &FxHashSet<String>) -> Measure {
    measure_with(text, folded, stops, |_| {})
}

/// `measure`, handing each token of `folded` to `each` on the way (`vocab::Words`).
pub fn measure_with(
    text: &str,
    folded: &str,
    stops: &FxHashSet<String>,
    mut each: impl FnMut(&str),
) -> Measure {
    let mut words = 0;
    let mut stopwords = 0;
    for tok in tokens(folded) {
        each(tok);
        words += 1;
        if stops.contains(tok) {
            stopwords += 1;
        }
    }
    let chars = text.chars().count();
    let length = if text.is_ascii() {
        chars
    } else {
        chars + 2 * CLASSES.count(text, IS_CJK)
    };
    let trimmed = text.trim_end_matches(char::is_whitespace);
    Measure {
        length,
        words,
        stopwords,
        stop_density: if words > 0 {
            stopwords as f64 / words as f64
        } else {
            0.0
        },
        terminal: ends_with_terminal(text),
        sentences: sentence_ends(text),
        ellipsis: trimmed.ends_with("...") || trimmed.ends_with('…'),
        has_url: (text.contains("://") || text.contains("www.") || text.contains('@'))
            && URL.is_match(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_tokens_and_stop_words() {
        let stops: FxHashSet<String> = ["the", "of"].iter().map(|s| s.to_string()).collect();
        let m = measure("The end of it.", "the end of it.", &stops);
        assert_eq!((m.words, m.stopwords, m.length), (4, 2, 14));
        assert!(m.terminal && !m.ellipsis && !m.has_url);
        assert_eq!(m.sentences, 1);
    }

    #[test]
    fn cjk_counts_thrice_and_a_token_a_character() {
        let m = measure("中文。", "中文。", &FxHashSet::default());
        assert_eq!((m.words, m.length), (2, 3 + 4));
    }

    #[test]
    fn spaceless_runs_are_split_into_dictionary_words() {
        for run in ["ห้องสมุดเมืองกลับมาเปิด", "ຫ້ອງສະໝຸດເມືອງເປີດໃໝ່", "မြန်မာနိုင်ငံသတင်း"]
        {
            let words: Vec<&str> = tokens(run).collect();
            assert!(words.len() >= 2, "{words:?}");
            assert_eq!(words.concat(), run);
            let text = format!("a {run}, b");
            let around: Vec<&str> = tokens(&text).collect();
            assert_eq!(around.len(), words.len() + 2);
            assert_eq!((around[0], around[around.len() - 1]), ("a", "b"));
        }
        assert_eq!(count_tokens("ok 123"), 2); // other scripts as before
    }

    #[test]
    fn thai_phrases_end_sentences() {
        let prose = "ห้องสมุดเมืองกลับมาเปิดให้บริการ หลังการปรับปรุงนานสองปี";
        assert_eq!((sentence_ends(prose), ends_with_terminal(prose)), (2, true));
        let short_end = "อาคารที่สร้างขึ้นในปีนี้มีห้องสำหรับเด็ก หนังสือ 80,000 เล่ม";
        assert_eq!(
            (sentence_ends(short_end), ends_with_terminal(short_end)),
            (2, true)
        );
        for not_prose in [
            "ห้องสมุดเมืองเปิดให้บริการอีกครั้ง",
            "โดย มาเรีย โลเปซ",
            "หน้าแรก ข่าว กีฬา",
        ] {
            assert_eq!(
                (sentence_ends(not_prose), ends_with_terminal(not_prose)),
                (0, false)
            );
        }
        assert!(ends_with_terminal("ព័ត៌មានថ្មី។") && ends_with_terminal("မြန်မာ။"));
    }

    #[test]
    fn mojibake_hints() {
        assert!(mojibake_hint("cafÃ©"));
        assert!(mojibake_hint("itâ€™s"));
        assert!(mojibake_hint("Привет"));
        assert!(!mojibake_hint("café, naïve, Ãx"));
        assert_eq!(count_tokens("don't stop, 中文"), 4);
    }

    #[test]
    fn skipping_ascii_scans_as_reading_every_character() {
        // Texts of ASCII runs of every length around the eight-byte step, between the
        // characters the scans look for (leads, continuations, C1, no-break space, Greek,
        // CJK, emoji), from a fixed pseudo-random sequence.
        let pieces = [
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnopq",
            " ",
            "Ã",
            "©",
            "â",
            "€",
            "™",
            "\u{a0}",
            "\u{85}",
            "é",
            "ô",
            "Ω",
            "中",
            "😀",
            "\u{fffd}",
            "ß",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m as u64) as usize
        };
        for _ in 0..20_000 {
            let text: String = (0..next(12)).map(|_| pieces[next(pieces.len())]).collect();
            let visible: String = text.chars().filter(|c| c.is_ascii()).collect();
            let beyond: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
            assert_eq!(non_ascii(&text).map(|(_, c)| c).collect::<Vec<_>>(), beyond);
            assert!(
                visible.len() + beyond.iter().map(|c| c.len_utf8()).sum::<usize>() == text.len()
            );
            // The scans as they read every character, before `non_ascii` skipped the ASCII.
            let every = || text.chars().map(|c| (false, c));
            assert_eq!(mojibake_hint(&text), mojibake_in(every()), "{text:?}");
            for n in 0..4 {
                assert_eq!(
                    latin1_run(&text, n),
                    latin1_run_in(every(), n),
                    "{text:?} {n}"
                );
            }
        }
    }

    #[test]
    fn closers_and_ellipsis() {
        assert!(ends_with_terminal("He said “yes.”"));
        assert!(!ends_with_terminal("Home » News"));
        assert!(measure("and so on... ", "and so on... ", &FxHashSet::default()).ellipsis);
        assert_eq!(sentence_ends("a. b! c"), 2);
    }
}
