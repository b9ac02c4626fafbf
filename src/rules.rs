//! Junk rules: whether one block's own text is certain or likely junk, and of what kind
//! (`cleaner.rules.judge_all` turns what is found here into verdicts with reasons).
//!
//! The shapes (no letters, a bare URL, pagination), then the lexicon: a listed line, a
//! date line (parsed in Python, by dateparser where needed: here only whether a line may
//! be one), "See also" and a headline, a byline with a name, a timestamp, a credit, a
//! listed phrase. The first that holds decides. The Python these rules replaced is kept in
//! `tests/test_rules_core.py` as the reference, and its string and pattern semantics
//! (`str.split`, `str.strip`, `str.isalpha`) are kept here to the character.

use crate::classes::{CLASSES, IS_LETTER};
use crate::lexicon::{lead_starts, Hit, Lexicon};
use crate::measure::ends_with_terminal;
use crate::pystr::{py_space, py_split, py_strip};
use regex::Regex;
use std::sync::LazyLock;

/// A block with this many words ending like a sentence is prose: a phrase in it is only a
/// hint (an article may discuss cookies).
const PROSE_WORDS: usize = 12;
/// Longest line that may be a headline pointed to by "See also ...".
const MAX_RELATED_LINK_CHARS: usize = 250;
/// Bylines, timestamps and credits are short lines (`Features.length`, CJK counted thrice).
const MAX_SHORT_LINE_LENGTH: usize = 200;
/// Most words of a timestamp line, and of a credit line without a separator.
const MAX_TIMESTAMP_WORDS: usize = 14;
const MAX_CREDIT_WORDS: usize = 8;
/// Most words before a byline's suffix ("마리아 로페스 기자"; a headline that ends in the
/// suffix's word, "북한에 억류된 미국 기자", has more).
const MAX_SUFFIX_NAME_WORDS: usize = 2;
/// Longest line taken for a date line (`cleaner.dates.MAX_DATE_LINE`).
const MAX_DATE_LINE: usize = 80;
/// The lexicon table whose entries are hints, not verdicts (`cleaner.lexicon.WEAK_TABLES`).
const WEAK_TABLE: &str = "navigation";
/// Words that join names in a byline ("Jane Doe and John Roe").
const NAME_JOINERS: &[&str] = &[
    "and", "&", "und", "et", "y", "e", "i", "и", "і", "ve", "og", "en", "van", "von", "de", "der",
    "da", "di", "del", "la", "le", "bin", "al", "el", "ibn",
];

static ONLY_SYMBOLS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{P}\p{S}\p{N}\s]+$").unwrap());
// Python's `$` also matches before a final line break.
static URL_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:https?://|www\.)\S+\n?$").unwrap());
static PAGINATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:page\s*)?\d{1,4}(?:\s*(?:/|of|из|von|de|di|sur|z)\s*\d{1,4})?$|^(?:\d{1,3}\s+){2,}\d{1,3}$",
    )
    .unwrap()
});
static NAME_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{Lu}][\p{L}\p{M}.'’-]*$").unwrap());
static EAST_ASIAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]").unwrap());
static UPPER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{Lu}").unwrap());
static LOWER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{Ll}").unwrap());
static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d").unwrap());

/// What the rules found in one block: the rule (an id of `cleaner.rules.RULES`, or
/// "shape.pagination-numbers" for pagination in a line of numbers alone), the lexicon hit
/// behind it, an extra fact (a byline's author, a timestamp's rest in its own casing), and
/// whether the line may be a date line, which Python checks first (a date line outranks
/// every rule after the listed lines).
#[derive(Debug, PartialEq)]
pub struct Found {
    pub rule: &'static str,
    pub hit: Option<Hit>,
    pub extra: String,
    pub maybe_date: bool,
}

/// A block as the rules see it: its text, its `cleaner.lexicon.fold`, and from its
/// `Features` the length, words and whether it ends like a sentence.
pub struct Line<'a> {
    pub text: &'a str,
    pub folded: &'a str,
    pub length: usize,
    pub words: usize,
    pub terminal: bool,
}

/// The rules' finding for `line`; None when no rule fired and it cannot be a date line.
pub fn judge(lex: &Lexicon, line: &Line) -> Option<Found> {
    let (text, folded) = (line.text, line.folded);
    let found = |rule: &'static str, hit: Option<Hit>, extra: String, maybe_date: bool| {
        Some(Found {
            rule,
            hit,
            extra,
            maybe_date,
        })
    };
    // Each shape test first checks what its pattern needs at the start of the line (most
    // lines open with a letter and fail all three).
    let opens_with_letter = text
        .chars()
        .next()
        .is_some_and(|c| CLASSES.of(c) & IS_LETTER != 0);
    if !opens_with_letter && ONLY_SYMBOLS.is_match(text) {
        if PAGINATION.is_match(py_strip(text)) {
            return found("shape.pagination-numbers", None, String::new(), false);
        }
        // A date in figures ("28.11.2011 16:08", "2018-08-16") is a date line when Python
        // reads it as one; else it has no letters.
        let maybe_date = text.chars().count() <= MAX_DATE_LINE && may_hold_a_date(text);
        return found("shape.no-letters", None, String::new(), maybe_date);
    }
    if (text.starts_with("http") || text.starts_with("www.")) && URL_ONLY.is_match(text) {
        return found("shape.bare-url", None, String::new(), false);
    }
    let stripped = py_strip(text);
    let may_paginate = stripped.chars().next().is_some_and(|c| c.is_numeric())
        || stripped
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("page"));
    if may_paginate && PAGINATION.is_match(stripped) {
        return found("shape.pagination", None, String::new(), false);
    }
    if let Some(hit) = lex.whole_line(text, folded) {
        let rule = match hit.table.as_str() {
            WEAK_TABLE => "lexicon.menu-item",
            "comments_label" => "lexicon.comments-label",
            _ => "lexicon.line",
        };
        return found(rule, Some(hit), String::new(), false);
    }
    // A date line is short and has a year or a numeric date: Python parses only these.
    let maybe_date = text.chars().count() <= MAX_DATE_LINE && may_hold_a_date(text);
    match after_dates(lex, line) {
        Some((rule, hit, extra)) => found(rule, Some(hit), extra, maybe_date),
        None if maybe_date => found("", None, String::new(), true),
        None => None,
    }
}

/// Whether `text` may hold what `cleaner.dates.looks_like_date` requires first (its
/// `_DATEISH`): a year of 18xx-20xx, or a number, `.`, `/` or `-` and a number. A superset
/// of it, so that Python's test has the last word: any numeric character stands in for a
/// decimal digit, and a year's two first digits are enough; in digits of another script
/// ("٢٠٢٤", "२०२४", "２０２４", which Python reads as ASCII digits) any two numeric characters
/// in a row. (Most short lines with a digit, "3 comments" or "Page 2 of 5", have neither,
/// and skip the call back to Python.)
pub fn may_hold_a_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes
        .windows(2)
        .any(|w| matches!(w, [b'1', b'8' | b'9'] | [b'2', b'0']))
    {
        return true;
    }
    // A Thai solar year (24xx-25xx) in Thai script, a Persian solar one (13xx-14xx) in
    // Arabic script (`cleaner.dates._OTHER_YEAR`; on a Persian page numeric dates pass
    // below).
    if !text.is_ascii()
        && bytes
            .windows(2)
            .any(|w| matches!(w, [b'1', b'3' | b'4'] | [b'2', b'4' | b'5']))
        && other_calendar_script(bytes)
    {
        return true;
    }
    let mut chars = text.chars();
    let (mut before, mut at) = (None::<char>, chars.next());
    for after in chars {
        if matches!(at, Some('.' | '/' | '-'))
            && before.is_some_and(char::is_numeric)
            && after.is_numeric()
        {
            return true;
        }
        if at.is_some_and(|c| !c.is_ascii() && c.is_numeric()) && after.is_numeric() {
            return true;
        }
        (before, at) = (at, Some(after));
    }
    false
}

/// Whether UTF-8 `bytes` hold a letter of the Thai (U+0E00-0E7F: E0 B8-B9) or the Arabic
/// (U+0600-06FF: D8-DB) script, whose pages may date by another calendar.
fn other_calendar_script(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| matches!(w, [0xD8..=0xDB, _] | [0xE0, 0xB8 | 0xB9]))
}

/// The rules below the date line, in order.
fn after_dates(lex: &Lexicon, line: &Line) -> Option<(&'static str, Hit, String)> {
    let (text, folded) = (line.text, line.folded);
    let (length, words, terminal) = (line.length, line.words, line.terminal);
    // Where a prefix may start is found once for the four prefix tables.
    let starts = lead_starts(folded);
    let prefix = |table: &str| lex.prefix_from(table, folded, &starts);
    if let Some(rel) = prefix("related_link") {
        if headline_like(&rel.rest, text)
            && (rel.has_sep || py_split(&rel.rest).count() >= 3 || EAST_ASIAN.is_match(&rel.rest))
        {
            return Some(("lexicon.related-prefix", rel, String::new()));
        }
    }
    if length <= MAX_SHORT_LINE_LENGTH {
        if let Some(by) = prefix("byline").filter(|h| !h.rest.is_empty()) {
            let rest = original_rest(text, folded, &by.rest);
            if name_like(&rest) && !ends_with_terminal(text.trim_end_matches('.')) {
                let author = py_strip(byline_head(&rest)).to_string();
                return Some(("lexicon.byline", by, author));
            }
        }
        if let Some(by) = lex.suffix("byline", folded) {
            // A name and then the byline's word ("홍길동 기자"): a few words, as names are.
            let rest = original_rest(text, folded, &by.rest);
            if py_split(&rest).count() <= MAX_SUFFIX_NAME_WORDS && name_like(&rest) {
                let author = py_strip(byline_head(&rest)).to_string();
                return Some(("lexicon.byline", by, author));
            }
        }
        if let Some(ts) = prefix("timestamp") {
            if !ts.rest.is_empty() && DIGIT.is_match(&ts.rest) && words <= MAX_TIMESTAMP_WORDS {
                let rest = original_rest(text, folded, &ts.rest);
                return Some(("lexicon.timestamp-prefix", ts, rest));
            }
        }
        if let Some(cr) = prefix("credit") {
            // With a separator after the prefix ("Photo: ..."), any rest; without one, a
            // few words that do not end like a sentence.
            if !cr.rest.is_empty() && (cr.has_sep || (words <= MAX_CREDIT_WORDS && !terminal)) {
                return Some(("lexicon.credit", cr, String::new()));
            }
        }
    }
    let ph = lex.phrase(text, folded)?;
    let hint = ph.table == WEAK_TABLE || (terminal && words >= PROSE_WORDS);
    let rule = if hint {
        "lexicon.phrase-hint"
    } else {
        "lexicon.phrase"
    };
    Some((rule, ph, String::new()))
}

/// What follows "See also" is a headline: a handful of words, not a finished sentence.
fn headline_like(rest: &str, original: &str) -> bool {
    if original.chars().count() > MAX_RELATED_LINK_CHARS {
        return false;
    }
    if EAST_ASIAN.is_match(rest) {
        return (2..=80).contains(&rest.chars().count());
    }
    (2..=30).contains(&py_split(rest).count())
        && !original.trim_end_matches(py_space).ends_with('.')
}

/// Where a byline's name ends: before the first `|`, `•`, `·` or `,` (and the spaces before
/// it), or before a dash with spaces on both sides: "Jane Doe | June 18", "Jane Doe,
/// Reuters", "Jane Doe - Reuters".
fn byline_head(rest: &str) -> &str {
    let mut run_start: Option<usize> = None; // where the spaces before this character start
    let chars: Vec<(usize, char)> = rest.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if py_space(c) {
            run_start.get_or_insert(i);
            continue;
        }
        if matches!(c, '|' | '•' | '·' | ',') {
            return &rest[..run_start.unwrap_or(i)];
        }
        if matches!(c, '–' | '—' | '-') {
            if let Some(start) = run_start {
                if chars.get(k + 1).is_some_and(|&(_, n)| py_space(n)) {
                    return &rest[..start];
                }
            }
        }
        run_start = None;
    }
    rest
}

/// A byline's rest: one to a few names ("Jane Doe and John Roe", "Jane Doe, Reuters").
fn name_like(rest: &str) -> bool {
    let rest = py_strip(byline_head(rest));
    if rest.is_empty() {
        return false;
    }
    let words: Vec<&str> = py_split(rest).collect();
    if EAST_ASIAN.is_match(rest) {
        return rest.chars().count() <= 20;
    }
    if !(1..=8).contains(&words.len()) {
        return false;
    }
    let cased: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !NAME_JOINERS.contains(&w.to_lowercase().as_str()))
        .collect();
    if cased.is_empty() {
        return false;
    }
    if !UPPER.is_match(rest) && !LOWER.is_match(rest) {
        return words.len() <= 5; // scripts without case: trust the prefix and the length
    }
    let names = cased.iter().filter(|w| NAME_WORD.is_match(w)).count();
    names as f64 / cased.len() as f64 >= 0.75
}

/// `rest` (found in `folded`) in `text`'s own casing, when case folding kept every
/// character one character long (it rarely does not); else `rest` as found.
fn original_rest(text: &str, folded: &str, rest: &str) -> String {
    let n = text.chars().count();
    if rest.is_empty() || folded.chars().count() != n {
        return rest.to_string();
    }
    // `folded` has curly apostrophes made straight; the text's own fold keeps them, and
    // `rest` is looked for in that, as Python's `str.casefold` leaves it.
    let own: String = text
        .chars()
        .zip(folded.chars())
        .map(|(t, f)| if t == '’' { t } else { f })
        .collect();
    match own.rfind(rest) {
        Some(at) => {
            let start = own[..at].chars().count();
            text.chars()
                .skip(start)
                .take(rest.chars().count())
                .collect()
        }
        None => rest.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_candidate_has_a_year_or_a_numeric_date() {
        for text in [
            "June 18, 2024",
            "1899",
            "on 18.06.24",
            "05/06",
            "١٢/٠٥",
            "١٢ مارس ٢٠٢٤",
            "२०२४",
            "２０２４年",
            "x 3-4 y",
            "²-3",
            "12 มีนาคม 2567",
            "21 اسفند 1402",
        ] {
            assert!(may_hold_a_date(text), "{text}");
        }
        for text in [
            "3 comments",
            "Page 2 of 5",
            "12 / 40",
            "1.",
            "-5",
            "2 1 0 8",
            "",
            "1402 comments",
            "Москва 1402",
            "पृष्ठ 14",
        ] {
            assert!(!may_hold_a_date(text), "{text}");
        }
    }

    #[test]
    fn byline_heads_end_at_the_first_separator() {
        assert_eq!(byline_head("Jane Doe, Reuters"), "Jane Doe");
        assert_eq!(byline_head("Jane Doe  | June 18"), "Jane Doe");
        assert_eq!(byline_head("Jane Doe - Reuters"), "Jane Doe");
        assert_eq!(byline_head("Jane Smith-Doe"), "Jane Smith-Doe");
        assert_eq!(byline_head("Jane Doe -Reuters"), "Jane Doe -Reuters");
        assert_eq!(byline_head(", Reuters"), "");
    }

    #[test]
    fn names_and_not_names() {
        assert!(name_like("Jane Doe and John Roe"));
        assert!(name_like("Jane Doe, Reuters"));
        assert!(!name_like("the best recipes of the year"));
        assert!(!name_like("and"));
        assert!(name_like("张三"));
    }

    #[test]
    fn rests_come_back_in_their_own_casing() {
        assert_eq!(
            original_rest("By Jane DOE", "by jane doe", "jane doe"),
            "Jane DOE"
        );
        // Case folding that changes lengths keeps the folded rest.
        assert_eq!(
            original_rest("Von STRAẞE", "von strasse", "strasse"),
            "strasse"
        );
        // A curly apostrophe folded straight is not found in the text's own fold.
        assert_eq!(original_rest("By O’Neil", "by o'neil", "o'neil"), "o'neil");
    }
}
