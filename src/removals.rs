//! Kinds, rule ids and reasons for the blocks the labeller removed from raw text
//! (`cleaner.labeller.name_removed`): the rule's own when one fired on the block, else from
//! where the block stands (under a comments label a comment, under another widget label a
//! listed headline, above the article navigation, elsewhere boilerplate), each with the
//! block's strongest evidence in words. The Python this replaced is the reference in
//! `tests/test_removals_core.py`.

use std::fmt::Write;

/// Lines this long and shorter may be headlines in a related list.
const MAX_HEADLINE_CHARS: usize = 160;
/// A stop-word density under this share of the page's prose density is called "few".
const FEW_STOPWORDS_SHARE: f64 = 0.6;
/// Prose for the page's stop-word density: kept blocks ending like a sentence, this long.
const PROSE_WORDS: usize = 8;

/// What the naming reads of one block.
pub struct Block<'a> {
    pub kept: bool,
    pub final_: bool,
    pub junk_rule: bool,
    pub rule: &'a str,
    pub kind: &'a str,
    pub reason: &'a str,
    pub length: usize,
    pub words: usize,
    pub terminal: bool,
    pub sentences: usize,
    pub stop_density: f64,
    pub p1: f64,
    pub p2: f64,
    /// Shaped like an image caption (`cleaner.rules.caption_like`).
    pub caption: bool,
}

/// A removed block's new kind, rule id and reason.
pub type Named = (String, String, String);

/// The scales the naming shares with the labeller: its cut-off, the short-line length, and
/// the page's stop-word bar (for a page without kept prose, the bar doubled stands in).
pub struct Scales {
    pub cutoff: f64,
    pub short_chars: usize,
    pub threshold: f64,
}

/// The new kind, rule id and reason of every removed block that gets one (None for kept
/// blocks and for those a rule is certain of, which keep theirs).
pub fn name_removed(blocks: &[Block], scales: &Scales) -> Vec<Option<Named>> {
    let kept: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].kept).collect();
    let (first, last) = match (kept.first(), kept.last()) {
        (Some(&f), Some(&l)) => (f as isize, l as isize),
        _ => (blocks.len() as isize, -1),
    };
    let mut prose: Vec<f64> = blocks
        .iter()
        .filter(|b| b.kept && b.terminal && b.words >= PROSE_WORDS)
        .map(|b| b.stop_density)
        .collect();
    let page_stop = median(&mut prose).unwrap_or(scales.threshold * 2.0);
    let mut under: Option<&str> = None; // the last label above since text: "comments" or "label"
    let mut out = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        let at = i as isize;
        if b.kept {
            under = None;
            out.push(None);
            continue;
        }
        if b.final_ {
            out.push(None);
            continue;
        }
        let hinted = matches!(b.rule, "lexicon.menu-item" | "lexicon.phrase-hint");
        if b.junk_rule || hinted {
            if b.rule == "lexicon.comments-label" {
                under = Some("comments");
            } else if b.kind == "section-label" {
                under = Some("label");
            }
            if b.junk_rule {
                let reason = evidence(format!("{}; ", b.reason), b, page_stop, scales);
                out.push(Some((b.kind.to_string(), b.rule.to_string(), reason)));
                continue;
            }
        }
        let headline = b.length <= MAX_HEADLINE_CHARS && !b.terminal;
        let or = |fallback: &str| {
            if b.kind.is_empty() {
                fallback.to_string()
            } else {
                b.kind.to_string()
            }
        };
        let (kind, rule, where_) = if !kept.is_empty() && first < at && at < last && b.caption {
            ("caption".to_string(), "model.caption", "an image caption")
        } else if kept.is_empty() {
            (
                "boilerplate".to_string(),
                "model.no-article",
                "no article text on the page",
            )
        } else if under == Some("comments") && at > last {
            (
                "comments".to_string(),
                "model.comments",
                "below the comments label",
            )
        } else if under == Some("label") && headline {
            (
                "related-list".to_string(),
                "model.under-label",
                "a headline listed under a widget label",
            )
        } else if at < first {
            let fallback = if b.length < scales.short_chars {
                "navigation"
            } else {
                "boilerplate"
            };
            (or(fallback), "model.before-article", "before the article")
        } else if at > last {
            (
                or("boilerplate"),
                "model.after-article",
                "after the article",
            )
        } else {
            (
                or("boilerplate"),
                "model.inside-article",
                "between article paragraphs",
            )
        };
        let mut reason = String::with_capacity(160);
        if hinted {
            let _ = write!(reason, "{}; ", b.reason);
        }
        let _ = write!(reason, "{where_}: ");
        let reason = evidence(reason, b, page_stop, scales);
        out.push(Some((kind, rule.to_string(), reason)));
    }
    out
}

/// The block's strongest evidence against it, in words, with the model's score, written
/// after `reason` (one string grows: no part is a string of its own).
fn evidence(mut reason: String, b: &Block, page_stop: f64, scales: &Scales) -> String {
    let mut sep = "";
    if b.words >= 3 && page_stop > 0.0 && b.stop_density < FEW_STOPWORDS_SHARE * page_stop {
        let _ = write!(
            reason,
            "few stop words ({:.2} against {:.2} in this page's prose)",
            b.stop_density, page_stop
        );
        sep = ", ";
    }
    if b.length < scales.short_chars {
        let _ = write!(reason, "{sep}short line ({} characters)", b.length);
        sep = ", ";
    } else if !b.terminal && b.sentences == 0 {
        let _ = write!(reason, "{sep}no sentence in it");
        sep = ", ";
    }
    if b.p1 >= scales.cutoff && scales.cutoff > b.p2 {
        let _ = write!(reason, "{sep}its neighbours are not article text");
        sep = ", ";
    }
    let _ = write!(reason, "{sep}article score {:.2}", b.p2);
    reason
}

/// numpy's median: the middle value, or the mean of the two middle ones.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kept: bool, length: usize) -> Block<'static> {
        Block {
            kept,
            final_: false,
            junk_rule: false,
            rule: "",
            kind: "",
            reason: "",
            length,
            words: 20,
            terminal: kept,
            sentences: usize::from(kept),
            stop_density: if kept { 0.4 } else { 0.1 },
            p1: 0.2,
            p2: 0.1,
            caption: false,
        }
    }

    const SCALES: Scales = Scales {
        cutoff: 0.5,
        short_chars: 70,
        threshold: 0.3,
    };

    #[test]
    fn blocks_are_named_by_where_they_stand() {
        let blocks = [
            block(false, 10),
            block(true, 300),
            block(false, 200),
            block(true, 300),
            block(false, 100),
        ];
        let named = name_removed(&blocks, &SCALES);
        let rule = |i: usize| named[i].as_ref().map(|n| n.1.as_str());
        assert_eq!(rule(0), Some("model.before-article"));
        assert_eq!(named[0].as_ref().unwrap().0, "navigation");
        assert_eq!(rule(1), None);
        assert_eq!(rule(2), Some("model.inside-article"));
        assert_eq!(rule(4), Some("model.after-article"));
        assert_eq!(
            named[4].as_ref().unwrap().2,
            "after the article: few stop words (0.10 against 0.40 in this page's prose), \
             no sentence in it, article score 0.10"
        );
    }

    #[test]
    fn a_page_without_article_and_the_median() {
        let named = name_removed(&[block(false, 10)], &SCALES);
        assert_eq!(named[0].as_ref().unwrap().1, "model.no-article");
        assert_eq!(median(&mut [3.0, 1.0, 2.0, 4.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
