//! The shape shares of a block's text (`cleaner.blockfeatures.TextStats`): digits,
//! capitals, punctuation, capitalised words, bullets, separators, East Asian script,
//! handles, e-mail addresses, mean word length. Patterns mirror the Python ones exactly;
//! `\p{sc=...}` is the Script property, as Python's `regex` reads `\p{Han}`.

use crate::classes::{CharSet, CLASSES, IS_DIGIT, IS_EAST_ASIAN, IS_LETTER, IS_PUNCT, IS_UPPER};
use crate::markdown;
use crate::pystr::{is_space, py_space};
use regex::Regex;
use std::sync::LazyLock;

static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*•·▪►●◦–—+>]\s|\d{1,3}[.)]\s|[a-z][.)]\s|\(\d{1,3}\)\s)").unwrap()
});
/// Whether `text` opens with a character `BULLET` can start with (a quick test that spares
/// most lines the search): one of its marks, `(`, `a`-`z`, or a number (`\d` is a decimal
/// digit, and every one is numeric).
fn may_be_bullet(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        matches!(
            c,
            '-' | '*' | '•' | '·' | '▪' | '►' | '●' | '◦' | '–' | '—' | '+' | '>' | '('
        ) || c.is_ascii_lowercase()
            || c.is_numeric()
    })
}

static HANDLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\s)[@#]\w").unwrap());
static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w@\w+\.\w").unwrap());

/// How many characters of `text` are in each of the letter, digit, upper-case, punctuation
/// and East Asian classes (`crate::classes`), in one pass.
fn count_classes(text: &str) -> (usize, usize, usize, usize, usize) {
    let classes = &*CLASSES;
    let (mut letters, mut digits, mut upper, mut punct, mut east_asian) = (0, 0, 0, 0, 0);
    for c in text.chars() {
        let k = classes.of(c);
        letters += (k & IS_LETTER != 0) as usize;
        digits += (k & IS_DIGIT != 0) as usize;
        upper += (k & IS_UPPER != 0) as usize;
        punct += (k & IS_PUNCT != 0) as usize;
        east_asian += (k & IS_EAST_ASIAN != 0) as usize;
    }
    (letters, digits, upper, punct, east_asian)
}

/// What stands between spaces as a separator (`\s[|•·»›/]\s`).
const SEPARATORS: CharSet = CharSet::new("|•·»›/");

/// In one pass over `text`: how many words start with a capital (`(?:^|\s)\p{Lu}`, counted
/// only when `any_upper`), and how many separators it holds (`\s[|•·»›/]\s|\s{2,}`, found
/// left to right as a regex finds them: a separator between spaces first, else a run of
/// white space). White space is Unicode's, as the regex `\s` reads it.
fn words_and_separators(text: &str, any_upper: bool) -> (usize, usize) {
    let classes = &*CLASSES;
    let (mut capwords, mut separators) = (0, 0);
    // The start of the text counts as white space before a word.
    let mut after_space = true;
    // Characters still inside the last separator found: a count, or a whole run of spaces.
    let (mut skip, mut in_run) = (0usize, false);
    let mut rest = text.chars();
    while let Some(c) = rest.next() {
        let space = is_space(c);
        if any_upper && after_space && classes.of(c) & IS_UPPER != 0 {
            capwords += 1;
        }
        after_space = space;
        if skip > 0 {
            skip -= 1;
            continue;
        }
        if in_run && space {
            continue;
        }
        in_run = false;
        if !space {
            continue;
        }
        let mut ahead = rest.clone();
        match (ahead.next(), ahead.next()) {
            (Some(d), Some(e)) if SEPARATORS.contains(d) && is_space(e) => {
                separators += 1;
                skip = 2;
            }
            (Some(d), _) if is_space(d) => {
                separators += 1;
                in_run = true;
            }
            _ => {}
        }
    }
    (capwords, separators)
}

pub const FIELDS: usize = 13;
/// Where `link_share` stands among them.
pub const LINK_SHARE: usize = 11;

/// The thirteen shares and shapes of `text`, whose token count is `words`, in `TextStats`
/// order (the last two Markdown's: the share of the text a reader sees that is links', and
/// a heading's level).
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
    let spaced = text.bytes().filter(|&b| b == b' ').count() + 1;
    let (capwords, separators) = words_and_separators(text, upper > 0);
    let trimmed = text.trim_end_matches(py_space);
    [
        digits as f64 / n,
        upper as f64 / letters.max(1) as f64,
        punct as f64 / n,
        capwords as f64 / spaced as f64,
        (may_be_bullet(text) && BULLET.is_match(text)) as u8 as f64,
        (trimmed.ends_with(':') || trimmed.ends_with('：')) as u8 as f64,
        separators as f64,
        east_asian as f64 / n,
        ((text.contains('@') || text.contains('#')) && HANDLE.is_match(text)) as u8 as f64,
        (text.contains('@') && EMAIL.is_match(text)) as u8 as f64,
        (chars as f64 - spaced as f64 + 1.0) / words.max(1) as f64,
        markdown::link_share(text),
        markdown::heading_level(text) as f64,
    ]
}
