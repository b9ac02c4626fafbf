//! How much of each block an extractor kept (`cleaner.extractor.votes`): the share of the
//! block's 4-token shingles found in the extraction, as the benchmark's metric counts text.

use crate::pystr::py_strip;
use crate::segment::line_boundary;
use regex::Regex;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// Word tokens: runs of `\w` (Unicode word characters, as the regex crate's tables have
/// them; Python's `regex` module, which the Python code used, knows some newer code points).
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("a valid pattern"));
/// Shingle size for blocks not found whole in the extraction.
const SHINGLE: usize = 4;

fn words(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

fn spaceless(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Each text's vote in [0, 1]: the share of its 4-token shingles that occur in `extracted`;
/// a text of fewer tokens counts 1 when its tokens occur in a row there, and one of no
/// tokens when it is a line of the extraction (white space aside). NaN throughout when the
/// extraction is blank. Linear in the page: sets of the extraction's 1- to 4-grams.
pub fn votes(texts: &[String], extracted: &str) -> Vec<f64> {
    if py_strip(extracted).is_empty() {
        return vec![f64::NAN; texts.len()];
    }
    let tokens = words(extracted);
    let mut kept: FxHashSet<&[&str]> = FxHashSet::default();
    for n in 1..=SHINGLE {
        kept.extend(tokens.windows(n));
    }
    let lines: FxHashSet<String> = extracted.split(line_boundary).map(spaceless).collect();
    texts
        .iter()
        .map(|text| {
            let mine = words(text);
            if mine.is_empty() {
                return f64::from(u8::from(lines.contains(&spaceless(text))));
            }
            let n = mine.len().min(SHINGLE);
            let shingles = mine.windows(n);
            let total = shingles.len();
            let found = shingles.filter(|s| kept.contains(s)).count();
            found as f64 / total as f64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn whole_blocks_and_shared_shingles() {
        let extracted = "Alpha beta gamma delta epsilon.\n\nAnd more text after it.";
        let v = votes(
            &texts(&[
                "Alpha beta gamma delta epsilon.",
                "Not there at all, nothing",
                "beta gamma delta epsilon zeta",
                "more text",
                "text more",
                "—",
            ]),
            extracted,
        );
        assert_eq!(v, [1.0, 0.0, 0.5, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn a_line_of_no_words_counts_when_the_extraction_has_it() {
        let v = votes(&texts(&["* * *", "—"]), "Text.\n*  * *\nMore.");
        assert_eq!(v, [1.0, 0.0]);
    }

    #[test]
    fn no_extraction_no_vote() {
        assert!(votes(&texts(&["Alpha beta"]), " \n ")
            .iter()
            .all(|v| v.is_nan()));
    }
}
