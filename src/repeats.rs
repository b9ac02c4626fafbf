//! Junk found by comparing blocks (`cleaner.repeats.mark_repeats`): later copies of a block,
//! and teasers cut short with an ellipsis that repeat the start of another block nearby,
//! possibly after a section name glued to them ("World NewsThe council will vote on...").
//! The Python this replaced is the reference in `tests/test_repeats_core.py`.

use crate::measure::TERMINALS;
use caseless::Caseless;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Repeats shorter than this are left to the other rules ("Share" twice is not news).
const MIN_DUPLICATE_CHARS: usize = 20;
/// A teaser must share at least this many characters with the start of the block it teases.
const MIN_TEASER_CHARS: usize = 15;
const MAX_TEASER_CHARS: usize = 300;
/// How far apart (in blocks) a teaser and its headline may be.
const TEASER_WINDOW: usize = 40;
/// Characters Unicode gave a case folding after 14.0, the version Python 3.11's
/// `str.casefold` knows: left as they are, so that keys match Python's
/// (`tests/test_repeats_core.py` compares every code point).
const FOLDED_SINCE_UNICODE_14: [u32; 27] = [
    0x1c89, 0xa7cb, 0xa7cc, 0xa7da, 0xa7dc, 0x10d50, 0x10d51, 0x10d52, 0x10d53, 0x10d54, 0x10d55,
    0x10d56, 0x10d57, 0x10d58, 0x10d59, 0x10d5a, 0x10d5b, 0x10d5c, 0x10d5d, 0x10d5e, 0x10d5f,
    0x10d60, 0x10d61, 0x10d62, 0x10d63, 0x10d64, 0x10d65,
];

/// Python's `str.casefold` (full Unicode case folding, as of Unicode 14.0).
pub fn casefold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let table = &*FOLD_BMP;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match table.get(c as usize) {
            Some(&f) if f != 0 => out.push(char::from_u32(f as u32).unwrap_or(c)),
            _ => fold_char(c, &mut out),
        }
    }
    out
}

/// One character's case folding, pushed onto `out` (the table's source).
fn fold_char(c: char, out: &mut String) {
    if FOLDED_SINCE_UNICODE_14.contains(&(c as u32)) {
        out.push(c);
    } else {
        out.extend(std::iter::once(c).default_case_fold());
    }
}

/// The folding of each character of the Basic Multilingual Plane that folds to one
/// character of it, made once from `fold_char`; 0 where `casefold` asks `fold_char` (a
/// character folding to several, such as "ß" to "ss", and the surrogates' slots).
static FOLD_BMP: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let mut table = vec![0u16; 0x10000];
    let mut buf = String::new();
    for (u, slot) in table.iter_mut().enumerate().skip(0x80) {
        let Some(c) = char::from_u32(u as u32) else {
            continue;
        };
        buf.clear();
        fold_char(c, &mut buf);
        let mut chars = buf.chars();
        if let (Some(f), None) = (chars.next(), chars.next()) {
            if let Ok(f) = u16::try_from(f as u32) {
                *slot = f;
            }
        }
    }
    table
});

/// The form blocks are compared in: case-folded, curly quotes made straight.
fn fold(text: &str) -> String {
    let folded = casefold(text);
    // The four quotes are E2 80 98, 99, 9C and 9D in UTF-8: most blocks have none.
    if !folded.as_bytes().windows(2).any(|w| w == [0xe2, 0x80]) {
        return folded;
    }
    folded
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            _ => c,
        })
        .collect()
}

/// What a block repeats: an earlier block whole (its index), or a block near it as a
/// teaser (its index, and how many characters of a section name are glued before the
/// teaser: 0 when none).
#[derive(Debug, PartialEq)]
pub enum Mark {
    Duplicate(usize),
    Teaser(usize, usize),
}

/// Each block's mark, None for most; a block already certain (`final_`) or judged by a
/// junk rule (`junk`) is never marked. `ellipsis`: the block ends with "..." or "…".
pub fn mark_repeats<S: AsRef<str>>(
    texts: &[S],
    final_: &[bool],
    junk: &[bool],
    ellipsis: &[bool],
    remove_duplicates: bool,
) -> Vec<Option<Mark>> {
    let folded: Vec<String> = texts.iter().map(|t| fold(t.as_ref())).collect();
    let chars: Vec<usize> = folded.iter().map(|f| f.chars().count()).collect();
    let mut marks: Vec<Option<Mark>> = (0..texts.len()).map(|_| None).collect();
    if remove_duplicates {
        let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, key) in folded.iter().enumerate() {
            if chars[i] < MIN_DUPLICATE_CHARS {
                continue;
            }
            let first = *seen.entry(key.as_str()).or_insert(i);
            if first != i && !(final_[i] || junk[i]) {
                marks[i] = Some(Mark::Duplicate(first));
            }
        }
    }
    for i in 0..texts.len() {
        if marks[i].is_some() || final_[i] || junk[i] || !ellipsis[i] {
            continue;
        }
        let teaser = folded[i].trim_end_matches([' ', '.', '…']);
        let n = teaser.chars().count();
        if !(MIN_TEASER_CHARS..=MAX_TEASER_CHARS).contains(&n) {
            continue;
        }
        let lo = i.saturating_sub(TEASER_WINDOW);
        let hi = (i + TEASER_WINDOW + 1).min(texts.len());
        for other in lo..hi {
            if other == i || chars[other] <= n / 2 {
                continue;
            }
            if let Some(glued) = teaser_of(teaser, &folded[other]) {
                marks[i] = Some(Mark::Teaser(other, glued));
                break;
            }
        }
    }
    marks
}

/// If some tail of `teaser` starts `target` (and does not follow a sentence end), how many
/// characters of `teaser` come before it; else None.
fn teaser_of(teaser: &str, target: &str) -> Option<usize> {
    let head_end = target
        .char_indices()
        .nth(MIN_TEASER_CHARS)
        .map_or(target.len(), |(at, _)| at);
    let head = &target[..head_end];
    let mut from = 0;
    while let Some(found) = teaser[from..].find(head) {
        let pos = from + found;
        let before = teaser[..pos].chars().next_back();
        if target.starts_with(&teaser[pos..]) && before.is_none_or(|c| !TERMINALS.contains(c)) {
            return Some(teaser[..pos].chars().count());
        }
        // On from the next character, as Python's `str.find(head, pos + 1)`.
        from = pos + teaser[pos..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn copies_and_teasers_are_marked() {
        let texts = strings(&[
            "The council's budget vote is set for Tuesday",
            "Top NewsThe council’s budget vote is set...",
            "The council's budget vote is set for Tuesday",
            "Short",
            "Short",
        ]);
        let n = texts.len();
        let marks = mark_repeats(
            &texts,
            &vec![false; n],
            &vec![false; n],
            &[false, true, false, false, false],
            true,
        );
        assert_eq!(marks[1], Some(Mark::Teaser(0, 8)));
        assert_eq!(marks[2], Some(Mark::Duplicate(0)));
        assert_eq!(marks[4], None);
        let kept = mark_repeats(
            &texts,
            &vec![false; n],
            &vec![false; n],
            &vec![false; n],
            false,
        );
        assert!(kept.iter().all(Option::is_none));
    }

    #[test]
    fn case_folding_is_pythons() {
        assert_eq!(casefold("Straße ΟΔΟΣ ǅ"), "strasse οδοσ ǆ");
        assert_eq!(casefold("\u{a7cb}"), "\u{a7cb}");
    }
}
