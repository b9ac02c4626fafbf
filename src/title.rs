//! The title scorer's rows (`cleaner.title.title_matrix`): for each candidate line, its
//! first-pass row and the columns of `title.TITLE_FEATURES` (where it stands against the
//! article, whether it is shaped like a headline, how many headline-shaped lines stand
//! between it and the article, how much of its wording the page's first block shares, how
//! much the article's opening text shares), and the pieces of the page's top line.

use crate::classes::{bmp_table, CLASSES, IS_EAST_ASIAN};
use crate::lexicon::spaceless;
use crate::measure::ends_with_terminal;
use crate::pystr::{py_space, py_split, py_strip};
use crate::repeats::casefold;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// Columns the title scorer adds to a candidate's first-pass row.
pub const COLUMNS: usize = 18;

/// Word runs (`\w+`, as the `regex` module reads it: Unicode's word characters).
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").unwrap());

/// Which characters of the Basic Multilingual Plane are word characters (`WORD`'s `\w`),
/// tabulated once from the pattern: a lookup a character, where the pattern's search costs
/// some hundred instructions a character.
static WORD_BMP: LazyLock<Vec<bool>> = LazyLock::new(|| bmp_table(&WORD));

/// Whether `c` is a word character (`\w`).
#[inline]
fn is_word(c: char) -> bool {
    match WORD_BMP.get(c as usize) {
        Some(&w) => w,
        None => WORD.is_match(c.encode_utf8(&mut [0u8; 4])),
    }
}

/// The word runs of `folded` (what `WORD.find_iter` finds: the longest runs of word
/// characters), borrowed.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    let mut chars = folded.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (at, c) = chars.next()?;
            if is_word(c) {
                break at;
            }
        };
        let mut end = folded.len();
        while let Some(&(at, c)) = chars.peek() {
            if !is_word(c) {
                end = at;
                break;
            }
            chars.next();
        }
        Some(&folded[start..end])
    })
}

/// What separates a headline from the site's name in a page's top line ("Headline | Site",
/// "Site - Section - Headline"): a dash, colon or slash between spaces, or a bar, a
/// full-width bar or a bullet ("標題｜新聞｜中時電子報"). An underscore next to a
/// character outside ASCII separates too (`cuts`): Chinese sites write "标题_财经_凤凰网".
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|\-–—•·»:/]{1,2}\s+|\s*[|•·»｜]\s*").unwrap());

/// Where `text` is cut into pieces: each `SEPARATOR` match, and each underscore with a
/// character outside ASCII on either side ("ngx_http_module" is one name), in order.
fn cuts(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = SEPARATOR
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    if text.contains('_') {
        for (at, _) in text.match_indices('_') {
            let before = text[..at].chars().next_back();
            let after = text[at + 1..].chars().next();
            if before.is_some_and(|c| !c.is_ascii()) || after.is_some_and(|c| !c.is_ascii()) {
                found.push((at, at + 1));
            }
        }
        found.sort_unstable();
    }
    found
}

/// The pieces of `text` between separators (`cuts`) that hold a word, stripped; empty
/// when there are fewer than two (a line that is one piece offers no other title).
pub fn pieces(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    let mut from = 0;
    for (start, end) in cuts(text).into_iter().chain([(text.len(), text.len())]) {
        let piece = py_strip(&text[from..start]);
        if WORD.is_match(piece) {
            found.push(piece);
        }
        from = end;
    }
    if found.len() < 2 {
        Vec::new()
    } else {
        found
    }
}

/// `metadata.heading_like`: a few words to a long line, not ending like a sentence.
pub fn heading_like(text: &str) -> bool {
    let chars = text.chars().count();
    if chars > 300
        || text
            .trim_end_matches(py_space)
            .ends_with(['.', '。', '।', ':', ',', ';'])
    {
        return false;
    }
    let classes = &*CLASSES;
    // Scripts without spaces between words (Han, kana, Hangul's short words; Thai, Lao,
    // Khmer, Myanmar) are measured in characters.
    if text.chars().any(|c| classes.of(c) & IS_EAST_ASIAN != 0) || spaceless(text) {
        return (4..=100).contains(&chars);
    }
    let words = py_split(text).count();
    (2..=40).contains(&words) && !(ends_with_terminal(text) && words > 25)
}

/// What the rows need of one candidate besides its text.
pub struct Candidate<'a> {
    pub index: usize,
    pub p1: f64,
    pub p2: f64,
    pub kept: bool,
    pub rule: bool,
    pub text: &'a str,
    /// The text case-folded (`str.casefold`), for its words.
    pub folded: &'a str,
}

/// The title columns of each candidate, `COLUMNS` a row. `texts` are the blocks from
/// `base` (the first candidate or the first kept block, whichever is higher up) to the
/// last candidate; `first_kept` is the article's first kept block. The first candidate is
/// the page's top one. `first_line` is the page's first block, case-folded, when it is no
/// candidate (certain junk: a truncated repeat of the headline, a bare URL): the shares of
/// the top line's words are then its shares (a `<title>` repeats the headline whether or not a
/// rule removed it), else the first candidate's.
pub fn title_columns(
    texts: &[&str],
    base: usize,
    cands: &[Candidate<'_>],
    first_kept: usize,
    body: &[(usize, &str)],
    first_line: Option<&str>,
) -> (Vec<f64>, Vec<String>) {
    let Some(top) = cands.first() else {
        return (Vec::new(), Vec::new());
    };
    let heads: Vec<bool> = texts.iter().map(|t| heading_like(t)).collect();
    // Python's heads[a:b]: bounds clipped to the list.
    let heads_between = |a: usize, b: usize| -> f64 {
        let (a, b) = (a.min(heads.len()), b.min(heads.len()));
        if a >= b {
            0.0
        } else {
            heads[a..b].iter().filter(|&&h| h).count() as f64
        }
    };
    let top_words: FxHashSet<&str> = words(first_line.unwrap_or(top.folded)).collect();
    // The words of the article's opening (`body`: kept blocks and their indices, case-folded):
    // a headline shares them, a breadcrumb, a byline or the site's name seldom does. Each
    // word with its first block and whether another block has it too, so that a candidate
    // inside the opening is compared with the other blocks only (not with itself).
    let mut body_words: FxHashMap<&str, (usize, bool)> = FxHashMap::default();
    for &(i, text) in body {
        for w in words(text) {
            body_words
                .entry(w)
                .and_modify(|(first, more)| *more |= *first != i)
                .or_insert((i, false));
        }
    }
    let in_body = |own: &[&str], i: usize| -> f64 {
        let shared = own
            .iter()
            .filter(|w| {
                body_words
                    .get(*w)
                    .is_some_and(|&(first, more)| more || first != i)
            })
            .count();
        shared as f64 / own.len().max(1) as f64
    };
    let share_in = |own: &[&str], set: &FxHashSet<&str>| -> f64 {
        own.iter().filter(|w| set.contains(*w)).count() as f64 / own.len().max(1) as f64
    };
    let title_case = |text: &str| -> f64 {
        let split: Vec<&str> = py_split(text).collect();
        let capitalised = split
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        capitalised as f64 / split.len().max(1) as f64
    };
    let mut out = Vec::with_capacity((cands.len() + 2) * COLUMNS);
    for c in cands {
        let i = c.index;
        let (lo, hi) = if i <= first_kept {
            (i, first_kept)
        } else {
            (first_kept, i)
        };
        let between = heads_between(lo + 1 - base, hi - base);
        let own: Vec<&str> = words(c.folded).collect();
        let shared = if i == top.index && first_line.is_none() {
            0
        } else {
            own.iter().filter(|w| top_words.contains(*w)).count()
        };
        let flag = |b: bool| f64::from(u8::from(b));
        out.extend_from_slice(&[
            i as f64 - first_kept as f64,
            flag(heads[i - base]),
            c.p1,
            c.p2,
            between,
            flag(c.kept),
            flag(i == first_kept),
            flag(c.rule),
            title_case(c.text),
            flag(i == top.index),
            (i as f64).ln_1p(),
            shared as f64 / own.len().max(1) as f64,
            shared as f64 / top_words.len().max(1) as f64,
            0.0,
            0.0,
            0.0,
            in_body(&own, i),
            0.0,
        ]);
    }
    // The pieces of the top line ("Headline | Site"), each a candidate of its own: its row
    // is the top line's, but for its shape, its place among the pieces, and how much of its
    // wording the article's opening and the other candidates share. Only when the top line
    // was removed (a `<title>` the renderer put first): a kept one is article text, whose
    // pieces are a dateline and the rest of a sentence.
    let parts = if top.kept {
        Vec::new()
    } else {
        pieces(top.text)
    };
    if !parts.is_empty() {
        let others: FxHashSet<&str> = cands[1..].iter().flat_map(|c| words(c.folded)).collect();
        let row: Vec<f64> = out[..COLUMNS].to_vec();
        for (k, part) in parts.iter().enumerate() {
            let folded = casefold(part);
            let own: Vec<&str> = words(&folded).collect();
            let mut r = row.clone();
            r[1] = f64::from(u8::from(heading_like(part)));
            r[8] = title_case(part);
            r[13] = 1.0;
            r[14] = k as f64;
            r[15] = parts.len() as f64;
            r[16] = in_body(&own, top.index);
            r[17] = share_in(&own, &others);
            out.extend_from_slice(&r);
        }
    }
    (out, parts.into_iter().map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert!(heading_like("Council budget vote postponed"));
        assert!(!heading_like("The council met on Tuesday."));
        assert!(!heading_like("Menu"));
        assert!(heading_like("东京举行新闻发布会"));
        assert!(heading_like("ห้องสมุดเมืองเปิดให้บริการอีกครั้ง"));
    }

    #[test]
    fn words_are_the_patterns_runs() {
        for text in [
            "",
            "a",
            " ab  c_d, é2 中文 \u{1d400}x -",
            "ǅ'’ x\u{200d}y 𝔘𝔫",
        ] {
            let want: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
            assert_eq!(words(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn the_top_line_comes_apart_at_its_separators() {
        assert_eq!(
            pieces("Council vote | The Daily"),
            ["Council vote", "The Daily"]
        );
        assert_eq!(
            pieces("Site - News - Council vote postponed"),
            ["Site", "News", "Council vote postponed"]
        );
        assert!(pieces("Council vote postponed").is_empty());
        assert!(pieces("well-known | ").is_empty()); // one piece with a word
        assert_eq!(
            pieces("标题很长_财经_凤凰网"),
            ["标题很长", "财经", "凤凰网"]
        );
        assert_eq!(
            pieces("標題｜新聞速報｜中時電子報"),
            ["標題", "新聞速報", "中時電子報"]
        );
        assert!(pieces("Module ngx_http_rewrite_module").is_empty()); // a name
    }

    #[test]
    fn python_split_cuts_at_unicode_spaces() {
        assert_eq!(py_split("a\u{a0}b\x1fc  d").count(), 4);
    }
}
