//! The title scorer's rows (`cleaner.title.title_matrix`): for each candidate line, its
//! first-pass row and the columns of `title.TITLE_FEATURES` (where it stands against the
//! article, whether it is shaped like a headline, how many headline-shaped lines stand
//! between it and the article, how much of its wording the page's first block shares).

use crate::classes::{CLASSES, IS_EAST_ASIAN};
use crate::measure::ends_with_terminal;
use crate::pystr::{py_space, py_split};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Columns the title scorer adds to a candidate's first-pass row.
pub const COLUMNS: usize = 13;

/// Word runs (`\w+`, as the `regex` module reads it: Unicode's word characters).
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").unwrap());

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
    if text.chars().any(|c| classes.of(c) & IS_EAST_ASIAN != 0) {
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
/// the page's top one.
pub fn title_columns(
    texts: &[&str],
    base: usize,
    cands: &[Candidate<'_>],
    first_kept: usize,
) -> Vec<f64> {
    let Some(top) = cands.first() else {
        return Vec::new();
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
    let words = |folded: &str| -> Vec<String> {
        WORD.find_iter(folded)
            .map(|m| m.as_str().to_string())
            .collect()
    };
    let top_words: HashSet<String> = words(top.folded).into_iter().collect();
    let mut out = Vec::with_capacity(cands.len() * COLUMNS);
    for c in cands {
        let i = c.index;
        let (lo, hi) = if i <= first_kept {
            (i, first_kept)
        } else {
            (first_kept, i)
        };
        let between = heads_between(lo + 1 - base, hi - base);
        let split: Vec<&str> = py_split(c.text).collect();
        let capitalised = split
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        let own = words(c.folded);
        let shared = if i == top.index {
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
            capitalised as f64 / split.len().max(1) as f64,
            flag(i == top.index),
            (i as f64).ln_1p(),
            shared as f64 / own.len().max(1) as f64,
            shared as f64 / top_words.len().max(1) as f64,
        ]);
    }
    out
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
    }

    #[test]
    fn python_split_cuts_at_unicode_spaces() {
        assert_eq!(py_split("a\u{a0}b\x1fc  d").count(), 4);
    }
}
