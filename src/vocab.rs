//! The learned junk vocabulary (`cleaner.blockfeatures.VOCAB_FEATURES`): each word's
//! naive-Bayes log-odds of standing in junk rather than article text, counted over the
//! training blocks by `python -m training.build` and shipped as model data. A block is
//! described by the mean, largest and smallest log-odds of its known words and by their
//! share of its words: "share", "subscribe", "comments" or "©" in any of the corpora's
//! languages, learned from pages, where the lexicon lists only what someone wrote down.
//!
//! A block's words are its distinct case-folded tokens (`measure::tokens`) that are not all
//! digits; a run of Han or kana characters gives its character pairs (a run of one, the
//! character), since those scripts write words without spaces.

use crate::classes::{CLASSES, IS_CJK};
use crate::measure;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// Columns a block gets: mean, largest and smallest log-odds of its known words, and the
/// share of its words the table knows.
pub const COLUMNS: usize = 4;

/// Where in `folded` (a case-folded block) its words lie, into `out`: byte ranges, sorted
/// by the words' text and distinct (ranges, not slices, so that one buffer serves every
/// block of a page).
pub fn words(folded: &str, out: &mut Vec<Range<usize>>) {
    let mut sink = Words::new(folded, out);
    for tok in measure::tokens(folded) {
        sink.push(tok);
    }
    sink.finish();
}

/// `words`, fed one token at a time: so that the pass which counts a block's tokens and
/// stop words (`measure::measure_with`) finds its words too, without tokenising it again.
pub struct Words<'a> {
    folded: &'a str,
    out: &'a mut Vec<Range<usize>>,
    /// The open run of Han or kana tokens: where it starts, where its last character
    /// starts and ends, and how many characters it holds.
    run: Option<(usize, usize, usize, usize)>,
}

impl<'a> Words<'a> {
    /// A sink for the tokens of `folded`, writing into `out` (emptied).
    pub fn new(folded: &'a str, out: &'a mut Vec<Range<usize>>) -> Self {
        out.clear();
        Words {
            folded,
            out,
            run: None,
        }
    }

    /// The next token of `folded` (`measure::tokens`' order; a slice of `folded`).
    pub fn push(&mut self, tok: &str) {
        let start = tok.as_ptr() as usize - self.folded.as_ptr() as usize;
        let end = start + tok.len();
        let cjk = tok
            .chars()
            .next()
            .is_some_and(|c| CLASSES.of(c) & IS_CJK != 0);
        if cjk {
            // A token that starts with Han or kana is that one character.
            match self.run {
                Some((first, prev_start, last_end, n)) if last_end == start => {
                    self.out.push(prev_start..end);
                    self.run = Some((first, start, end, n + 1));
                }
                _ => {
                    close_run(self.run, self.out);
                    self.run = Some((start, start, end, 1));
                }
            }
            return;
        }
        close_run(self.run.take(), self.out);
        if !tok.chars().all(char::is_numeric) {
            self.out.push(start..end);
        }
    }

    /// Close the last run; sort the words by their text and drop repeats.
    pub fn finish(self) {
        close_run(self.run, self.out);
        let folded = self.folded;
        self.out
            .sort_unstable_by(|a, b| folded[a.clone()].cmp(&folded[b.clone()]));
        self.out
            .dedup_by(|a, b| folded[a.clone()] == folded[b.clone()]);
    }
}

/// The words `words` found, as text.
pub fn texts<'a>(
    folded: &'a str,
    ranges: &'a [Range<usize>],
) -> impl ExactSizeIterator<Item = &'a str> {
    ranges.iter().map(move |r| &folded[r.clone()])
}

/// A run of a single Han or kana character is a word of its own (longer runs gave pairs).
fn close_run(run: Option<(usize, usize, usize, usize)>, out: &mut Vec<Range<usize>>) {
    if let Some((first, _, end, 1)) = run {
        out.push(first..end);
    }
}

/// Word -> log-odds of junk: the shipped table, or a fold's table during training.
#[derive(Default)]
pub struct Table {
    odds: FxHashMap<String, f64>,
}

impl Table {
    /// From (word, log-odds) pairs.
    pub fn new(pairs: impl IntoIterator<Item = (String, f64)>) -> Self {
        Table {
            odds: pairs.into_iter().collect(),
        }
    }

    /// From the shipped file's text: one "word<TAB>log-odds" a line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut odds = FxHashMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let (word, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: no tab", n + 1))?;
            let value: f64 = value
                .parse()
                .map_err(|_| format!("line {}: {value:?} is not a number", n + 1))?;
            if !value.is_finite() {
                return Err(format!("line {}: {value} is not finite", n + 1));
            }
            odds.insert(word.to_string(), value);
        }
        Ok(Table { odds })
    }

    /// How many words the table knows.
    pub fn known(&self) -> usize {
        self.odds.len()
    }

    /// The block's columns from its distinct words (in `words`'s order: the sum's order);
    /// all 0 when it knows none.
    pub fn columns<'b>(&self, words: impl ExactSizeIterator<Item = &'b str>) -> [f64; COLUMNS] {
        let total = words.len();
        let (mut sum, mut known) = (0.0, 0usize);
        let (mut hi, mut lo) = (f64::NEG_INFINITY, f64::INFINITY);
        for w in words {
            if let Some(&v) = self.odds.get(w) {
                sum += v;
                known += 1;
                hi = hi.max(v);
                lo = lo.min(v);
            }
        }
        if known == 0 {
            return [0.0; COLUMNS];
        }
        [sum / known as f64, hi, lo, known as f64 / total as f64]
    }
}

/// What the training build counts: every word met, and for each how many blocks of each
/// fold and label hold it and how many sites of each fold.
pub struct Counts {
    pub words: Vec<String>,
    /// words x (folds x 2): blocks by fold and label (0 junk, 1 article).
    pub blocks: Vec<u32>,
    /// words x folds: sites holding the word.
    pub sites: Vec<u32>,
}

/// Count the words of `folded` texts (case-folded blocks) by fold, label and site; a site
/// lies in one fold (its first block's).
pub fn count<S: AsRef<str>>(
    folded: impl Iterator<Item = S>,
    label: &[u8],
    fold: &[u8],
    site: &[u32],
    folds: usize,
) -> Counts {
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut words_of = Vec::new();
    let mut blocks: Vec<u32> = Vec::new();
    let mut seen: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut site_fold: FxHashMap<u32, usize> = FxHashMap::default();
    let mut buf = Vec::new();
    for (i, text) in folded.enumerate() {
        let text = text.as_ref();
        let (f, y, s) = (usize::from(fold[i]), usize::from(label[i] > 0), site[i]);
        let f = f.min(folds - 1);
        site_fold.entry(s).or_insert(f);
        words(text, &mut buf);
        for w in texts(text, &buf) {
            let id = match ids.get(w) {
                Some(&id) => id,
                None => {
                    let id = words_of.len() as u32;
                    ids.insert(w.to_string(), id);
                    words_of.push(w.to_string());
                    blocks.extend(std::iter::repeat_n(0, folds * 2));
                    id
                }
            };
            blocks[id as usize * folds * 2 + f * 2 + y] += 1;
            seen.insert((id, s));
        }
    }
    let mut sites = vec![0u32; words_of.len() * folds];
    for (id, s) in seen {
        sites[id as usize * folds + site_fold[&s]] += 1;
    }
    Counts {
        words: words_of,
        blocks,
        sites,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, &mut out);
        texts(text, &out).map(str::to_string).collect()
    }

    #[test]
    fn words_are_distinct_sorted_and_not_numbers() {
        assert_eq!(of("share this, share 2024 it's"), ["it's", "share", "this"]);
        assert_eq!(of("१२३ 42"), Vec::<String>::new());
    }

    #[test]
    fn han_runs_give_pairs_and_a_lone_character_itself() {
        assert_eq!(of("新闻网 a 评"), ["a", "新闻", "评", "闻网"]);
        assert_eq!(of("分享"), ["分享"]);
    }

    #[test]
    fn indic_words_keep_their_vowel_signs() {
        assert_eq!(of("हिन्दी समाचार"), ["समाचार", "हिन्दी"]);
    }

    #[test]
    fn columns_are_mean_max_min_and_known_share() {
        let t = Table::new([("share".to_string(), 2.0), ("news".to_string(), -1.0)]);
        let c = t.columns(["news", "share", "today", "x"].into_iter());
        assert_eq!(c, [0.5, 2.0, -1.0, 0.5]);
        assert_eq!(t.columns(["today"].into_iter()), [0.0; 4]);
        assert_eq!(t.columns([].into_iter()), [0.0; 4]);
    }

    #[test]
    fn the_file_parses_and_refuses_damage() {
        let t = Table::parse("share\t1.5\nnews\t-0.25\n").unwrap();
        assert_eq!((t.known(), t.columns(["share"].into_iter())[0]), (2, 1.5));
        assert!(Table::parse("share 1.5").is_err());
        assert!(Table::parse("share\tx").is_err());
        assert!(Table::parse("share\tinf").is_err());
    }

    #[test]
    fn counts_by_fold_label_and_site() {
        let texts = ["share it", "share", "the news"];
        let c = count(texts.iter().copied(), &[0, 0, 1], &[0, 1, 1], &[7, 8, 8], 2);
        let at = |w: &str| c.words.iter().position(|x| x == w).unwrap();
        let share = at("share");
        assert_eq!(&c.blocks[share * 4..share * 4 + 4], &[1, 0, 1, 0]);
        assert_eq!(&c.sites[share * 2..share * 2 + 2], &[1, 1]);
        let news = at("news");
        assert_eq!(&c.blocks[news * 4..news * 4 + 4], &[0, 0, 0, 1]);
    }
}
