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
use std::hash::Hasher;
use std::ops::Range;

/// Columns a block gets: mean, largest and smallest log-odds of its known words, and the
/// share of its words the table knows.
pub const COLUMNS: usize = 4;

/// Where in `folded` (a case-folded block) its words lie, into `out`: byte ranges, sorted
/// by the words' text and distinct (ranges, not slices, so that one buffer serves every
/// block of a page).
pub fn words(folded: &str, out: &mut Vec<Range<usize>>) {
    fed(folded, out).finish();
}

/// `words` in text order, repeats included (what `Table::columns_of` takes).
pub fn words_in_order(folded: &str, out: &mut Vec<Range<usize>>) {
    fed(folded, out).close();
}

/// A `Words` sink fed every token of `folded`, its last run still open.
fn fed<'a>(folded: &'a str, out: &'a mut Vec<Range<usize>>) -> Words<'a> {
    let mut sink = Words::new(folded, out);
    for tok in measure::tokens(folded) {
        sink.push(tok);
    }
    sink
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

    /// Close the last run: the words stay in text order, repeats included
    /// (`Table::columns_of` takes them so).
    pub fn close(self) {
        close_run(self.run, self.out);
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
///
/// Laid out for lookups that miss the cache (a page asks for thousands of words, and the
/// rest of the cleaner evicts the table between pages): the words sorted end to end in
/// one string, their values in one array, and an open-addressed index of (hash, word)
/// pairs in huge pages, so that a lookup costs one probe of the index and one read of the
/// word, not a hash map's bucket and a separately allocated string. A word's index is its
/// rank in byte order, so adding the known words of a block in index order adds them in
/// the order of their text (`columns` and `columns_of` agree to the bit).
#[derive(Default)]
pub struct Table {
    /// The words, sorted, end to end.
    text: String,
    /// Where each word ends in `text` (word i runs from `ends[i - 1]`, or 0, to `ends[i]`).
    ends: Vec<u32>,
    odds: Vec<f64>,
    /// The hash's high 32 bits and the word's index + 1 (0: an empty slot); a power of two
    /// at least twice the words, probed linearly.
    slots: Vec<u64>,
}

/// What `Table::columns_of` reuses from one block to the next.
#[derive(Default)]
pub struct Scratch {
    known: Vec<u32>,
    unknown: Vec<(u64, Range<usize>)>,
}

/// A word's hash: its low bits pick the slot (Fx's `finish` rotates the product's
/// well-mixed high bits down there), its high 32 bits are the slot's tag, which spares
/// most comparisons of the word itself.
fn hash(word: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

impl Table {
    /// From (word, log-odds) pairs; a word given twice keeps its last value. Refused when
    /// the words end to end pass 4 GB (their ends are kept as 32-bit offsets).
    pub fn new(pairs: impl IntoIterator<Item = (String, f64)>) -> Result<Self, String> {
        let odds: FxHashMap<String, f64> = pairs.into_iter().collect();
        let mut sorted: Vec<(String, f64)> = odds.into_iter().collect();
        let bytes: usize = sorted.iter().map(|p| p.0.len()).sum();
        if bytes >= u32::MAX as usize {
            return Err("the words take more than 4 GB".into());
        }
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut text = String::with_capacity(bytes);
        let mut ends = Vec::with_capacity(sorted.len());
        let mut values = Vec::with_capacity(sorted.len());
        for (w, v) in &sorted {
            text.push_str(w);
            ends.push(text.len() as u32);
            values.push(*v);
        }
        let size = (2 * sorted.len()).max(8).next_power_of_two();
        let mut slots = crate::huge::collect(std::iter::repeat_n(0u64, size));
        for (i, (w, _)) in sorted.iter().enumerate() {
            let h = hash(w);
            let mut at = (h as usize) & (size - 1);
            while slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (h >> 32) << 32 | (i as u64 + 1);
        }
        Ok(Table {
            text,
            ends,
            odds: values,
            slots,
        })
    }

    /// From the shipped file's text: one "word<TAB>log-odds" a line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut pairs = Vec::new();
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
            pairs.push((word.to_string(), value));
        }
        Table::new(pairs)
    }

    /// How many words the table knows.
    pub fn known(&self) -> usize {
        self.odds.len()
    }

    /// Word `i`'s bytes (bytes: a slice of the text would check its ends are character
    /// boundaries on every probe).
    fn word(&self, i: usize) -> &[u8] {
        let from = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text.as_bytes()[from..self.ends[i] as usize]
    }

    /// The index of `word` (of hash `h`), if the table knows it.
    fn find(&self, word: &str, h: u64) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let tag = h >> 32;
        let mut at = (h as usize) & mask;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            let i = (slot & 0xFFFF_FFFF) as usize - 1;
            if slot >> 32 == tag && self.word(i) == word.as_bytes() {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
    }

    /// The block's columns from its distinct words (in `words`'s order: the sum's order);
    /// all 0 when it knows none. The definition `columns_of` is tested against.
    #[cfg(test)]
    pub fn columns<'b>(&self, words: impl ExactSizeIterator<Item = &'b str>) -> [f64; COLUMNS] {
        let total = words.len();
        let (mut sum, mut known) = (0.0, 0usize);
        let (mut hi, mut lo) = (f64::NEG_INFINITY, f64::INFINITY);
        for w in words {
            if let Some(i) = self.find(w, hash(w)) {
                let v = self.odds[i];
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

    /// `columns` of the words of `folded` at `ranges` as `Words::close` leaves them (in
    /// text order, repeats included): the same values as sorting and deduplicating them
    /// first, without comparing every word with its neighbours in a sort. The known words
    /// are summed in index order, which is their text's order.
    pub fn columns_of(
        &self,
        folded: &str,
        ranges: &[Range<usize>],
        scratch: &mut Scratch,
    ) -> [f64; COLUMNS] {
        let (known, unknown) = (&mut scratch.known, &mut scratch.unknown);
        known.clear();
        unknown.clear();
        for r in ranges {
            let w = &folded[r.clone()];
            let h = hash(w);
            match self.find(w, h) {
                Some(i) => known.push(i as u32),
                None => unknown.push((h, r.clone())),
            }
        }
        if known.is_empty() {
            return [0.0; COLUMNS];
        }
        known.sort_unstable();
        known.dedup();
        unknown.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| folded[a.1.clone()].cmp(&folded[b.1.clone()]))
        });
        unknown.dedup_by(|a, b| a.0 == b.0 && folded[a.1.clone()] == folded[b.1.clone()]);
        let total = known.len() + unknown.len();
        let (mut sum, mut hi, mut lo) = (0.0, f64::NEG_INFINITY, f64::INFINITY);
        for &i in known.iter() {
            let v = self.odds[i as usize];
            sum += v;
            hi = hi.max(v);
            lo = lo.min(v);
        }
        [
            sum / known.len() as f64,
            hi,
            lo,
            known.len() as f64 / total as f64,
        ]
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
        let t = Table::new([("share".to_string(), 2.0), ("news".to_string(), -1.0)]).unwrap();
        let c = t.columns(["news", "share", "today", "x"].into_iter());
        assert_eq!(c, [0.5, 2.0, -1.0, 0.5]);
        assert_eq!(t.columns(["today"].into_iter()), [0.0; 4]);
        assert_eq!(t.columns([].into_iter()), [0.0; 4]);
    }

    #[test]
    fn columns_of_words_in_order_are_columns_of_sorted_distinct_words() {
        // Values whose sum depends on the order of adding them: the bits must agree.
        let vocab = [
            "news", "new", "share", "a", "b", "é", "ß", "新闻", "闻", "x1", "we",
        ];
        let t = Table::new(vocab.iter().enumerate().map(|(i, w)| {
            let v = [1e16, 1.0, -1e16, 0.1, 3.3, -0.7][i % 6] * (i as f64 + 1.0);
            (w.to_string(), v)
        }))
        .unwrap();
        let samples = [
            "news new news share a b a",
            "we share the news, the new news: b a é ß ss",
            "新闻新闻 闻 a 12 x1 x1",
            "nothing known here at all",
            "",
            "b b b b a a a we we",
        ];
        let (mut sorted, mut ordered) = (Vec::new(), Vec::new());
        let mut scratch = Scratch::default();
        for text in samples {
            let folded = text.to_lowercase();
            words(&folded, &mut sorted);
            words_in_order(&folded, &mut ordered);
            let want = t.columns(texts(&folded, &sorted));
            let got = t.columns_of(&folded, &ordered, &mut scratch);
            assert_eq!(want.map(f64::to_bits), got.map(f64::to_bits), "{text}");
        }
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
