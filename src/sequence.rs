//! The labeller's sequence pass: the likeliest keep / remove path through a document.

/// A block of this many characters weighs as much as its neighbours' switch cost was tuned
/// for; a longer block's score counts for more, a shorter one's for less, by the ratio of
/// the logarithms of their lengths (`weight`). A 2,000-character paragraph scored 0.57
/// between removed menu lines was dropped when every block weighed the same. Measured on
/// the site folds (F1 aeb / daniel-dev / wcxb-dev, the build's out-of-fold scores,
/// 2026-12-05): equal weights, stay 0.6: 0.9170 / 0.8846 / 0.8117; these weights, stay 0.6:
/// 0.9181 / 0.8849 / 0.8132; stay 0.7: 0.9183 / 0.8872 / 0.8134 (0.65: 0.9172 / 0.8863 /
/// 0.8130; 0.75: 0.9180 / 0.8877 / 0.8133). Each corpus left out: 0.9103 / 0.8036 / 0.6722
/// before, 0.9095 / 0.8067 / 0.6777 after. Around it (stay 0.7) nothing was better on all
/// three: 100 characters 0.9167 / 0.8869 / 0.8131, 300 0.9178 / 0.8876 / 0.8135, a floor of
/// 0.5 0.9183 / 0.8872 / 0.8131; the cut-off at 0.45 0.9153 / 0.8852 / 0.8158, at 0.55
/// 0.9154 / 0.8875 / 0.8107.
pub const EVEN_CHARS: f64 = 200.0;
/// The weight's bounds: a one-character line still counts a little, and a page-long block
/// cannot outvote every neighbour on its own (2.0 and 3.0 measured the same).
pub const WEIGHT_FLOOR: f64 = 0.3;
pub const WEIGHT_CEILING: f64 = 2.0;

/// How much a block of `chars` characters' score counts in the sequence pass.
pub fn weight(chars: usize) -> f64 {
    ((chars as f64).ln_1p() / EVEN_CHARS.ln_1p()).clamp(WEIGHT_FLOOR, WEIGHT_CEILING)
}

/// Viterbi over two states (keep, remove) where a block's state stays its neighbour's with
/// probability `stay`, and `cut` is the probability that counts as even; each block's
/// log-odds count by its length (`weight`; `chars[i]` is block i's length, a missing one
/// counts as `EVEN_CHARS`).
pub fn smooth(p: &[f64], chars: &[usize], cut: f64, stay: f64) -> Vec<bool> {
    if p.is_empty() {
        return Vec::new();
    }
    let bias = (cut / (1.0 - cut)).ln();
    let switch = (stay / (1.0 - stay)).ln();
    let odds = |i: usize| {
        let q = p[i];
        let w = chars.get(i).map_or(1.0, |&c| weight(c));
        ((q.max(1e-9) / (1.0 - q).max(1e-9)).ln() - bias) * w
    };
    let mut keep = odds(0);
    let mut drop = 0.0f64;
    // For each block: (into "remove" came from "keep", into "keep" came from "keep").
    let mut came: Vec<(bool, bool)> = Vec::with_capacity(p.len());
    came.push((false, true));
    for i in 1..p.len() {
        let o = odds(i);
        let into_keep = keep + switch >= drop;
        let into_drop = keep >= drop + switch;
        let new_keep = (keep + switch).max(drop) + o;
        let new_drop = keep.max(drop + switch);
        came.push((into_drop, into_keep));
        keep = new_keep;
        drop = new_drop;
    }
    let mut state = keep > drop;
    let mut path = vec![false; p.len()];
    for i in (0..p.len()).rev() {
        path[i] = state;
        state = if state { came[i].1 } else { came[i].0 };
    }
    path
}

/// What the rules found on each block of a page (`cleaner.labeller.raw_decisions`): a junk
/// rule fired (`junk`), a rule is certain (`final_`), a rule only hinted (`hinted`), the
/// block an exact copy repeats (`copy_of`, -1 for none), a figure without letters
/// (`figures`).
pub struct Flags<'a> {
    pub junk: &'a [bool],
    pub final_: &'a [bool],
    pub hinted: &'a [bool],
    pub copy_of: &'a [i64],
    pub figures: &'a [bool],
}

/// The bars the decisions are made at (`cleaner.labeller`'s constants and options).
pub struct Bars {
    pub cut: f64,
    pub stay: f64,
    pub rule_margin: f64,
    pub rescue: bool,
    pub rescue_floor: f64,
    pub rescue_share: f64,
    pub short_chars: usize,
}

/// Which blocks of raw text are kept: the sequence pass (`smooth`), the rules' vetoes, one
/// copy of each repeated block, the short copies and figures between kept blocks, and the
/// rescue of a page that would keep nothing. `cleaner.labeller.raw_decisions` says why each
/// step is there; every slice is one entry a block.
pub fn decisions(p: &[f64], chars: &[usize], f: &Flags, bars: &Bars) -> Vec<bool> {
    let n = p.len();
    let path = smooth(p, chars, bars.cut, bars.stay);
    let bar = bars.cut + bars.rule_margin;
    let mut kept: Vec<bool> = (0..n)
        .map(|i| {
            let copy = f.copy_of[i] >= 0;
            (!f.final_[i] || copy)
                && if f.junk[i] {
                    p[i] >= bar
                } else {
                    path[i] && (p[i] >= bars.cut || !f.hinted[i] || copy)
                }
        })
        .collect();
    one_copy(&mut kept, f.copy_of);
    in_flow(&mut kept, chars, f, bars.short_chars);
    if bars.rescue && n > 0 && !kept.iter().any(|&k| k) {
        let best = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if best >= bars.rescue_floor {
            let least = best * bars.rescue_share;
            kept = (0..n)
                .map(|i| !f.final_[i] && !f.junk[i] && p[i] >= least)
                .collect();
        }
    }
    kept
}

/// Of each block's kept copies (`copy_of`), keep only the first.
fn one_copy(kept: &mut [bool], copy_of: &[i64]) {
    let mut first_kept: Vec<Option<usize>> = vec![None; kept.len()];
    for (i, &first) in copy_of.iter().enumerate() {
        let Ok(first) = usize::try_from(first) else {
            continue;
        };
        if first >= kept.len() {
            continue;
        }
        for j in [first, i] {
            if kept[j] {
                match first_kept[first] {
                    None => first_kept[first] = Some(j),
                    Some(k) if k != j => kept[j] = false,
                    Some(_) => {}
                }
            }
        }
    }
}

/// Keep each short later copy or figure that stands between two kept blocks (the
/// decisions as they were: one kept this way carries no other).
fn in_flow(kept: &mut [bool], chars: &[usize], f: &Flags, short_chars: usize) {
    let before = kept.to_vec();
    for i in 1..kept.len().saturating_sub(1) {
        if !before[i]
            && before[i - 1]
            && before[i + 1]
            && chars[i] < short_chars
            && (f.copy_of[i] >= 0 || f.figures[i])
        {
            kept[i] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{decisions, smooth, weight, Bars, Flags, EVEN_CHARS, WEIGHT_CEILING, WEIGHT_FLOOR};

    const EVEN: usize = EVEN_CHARS as usize;

    #[test]
    fn keeps_a_hesitant_line_between_kept_ones() {
        let even = [EVEN; 3];
        assert_eq!(
            smooth(&[0.9, 0.45, 0.9], &even, 0.5, 0.6),
            vec![true, true, true]
        );
        assert_eq!(
            smooth(&[0.1, 0.55, 0.1], &even, 0.5, 0.6),
            vec![false, false, false]
        );
        assert!(smooth(&[], &[], 0.5, 0.6).is_empty());
    }

    #[test]
    fn a_long_block_outweighs_short_neighbours() {
        // The same scores: a long paragraph between two short menu lines stays, a short
        // line between them goes.
        assert_eq!(
            smooth(&[0.1, 0.8, 0.1], &[10, 2000, 10], 0.5, 0.7),
            vec![false, true, false]
        );
        assert_eq!(
            smooth(&[0.1, 0.8, 0.1], &[10, 10, 10], 0.5, 0.7),
            vec![false, false, false]
        );
    }

    #[test]
    fn weights_rise_with_length_within_bounds() {
        assert_eq!(weight(0), WEIGHT_FLOOR);
        assert_eq!(weight(EVEN), 1.0);
        assert_eq!(weight(usize::MAX), WEIGHT_CEILING);
        assert!(weight(20) < weight(100) && weight(100) < weight(1000));
    }

    #[test]
    fn decisions_keep_one_copy_and_the_short_ones_in_the_flow() {
        let bars = Bars {
            cut: 0.5,
            stay: 0.7,
            rule_margin: 0.3,
            rescue: true,
            rescue_floor: 0.2,
            rescue_share: 0.2,
            short_chars: 70,
        };
        let p = [0.9, 0.9, 0.05, 0.9, 0.9];
        let flags = |copy_of: &'static [i64; 5], figures: &'static [bool; 5]| Flags {
            junk: &[false; 5],
            final_: &[false, false, true, false, false],
            hinted: &[false; 5],
            copy_of,
            figures,
        };
        // A short copy between kept blocks stays; a long one goes.
        assert_eq!(
            decisions(
                &p,
                &[300, 300, 40, 300, 300],
                &flags(&[-1, -1, 0, -1, -1], &[false; 5]),
                &bars
            ),
            vec![true; 5]
        );
        assert!(
            !decisions(
                &p,
                &[300; 5],
                &flags(&[-1, -1, 0, -1, -1], &[false; 5]),
                &bars
            )[2]
        );
        // A figure too; a certain block that is neither goes.
        assert_eq!(
            decisions(
                &p,
                &[300, 300, 6, 300, 300],
                &flags(&[-1; 5], &[false, false, true, false, false]),
                &bars
            ),
            vec![true; 5]
        );
        assert!(
            !decisions(
                &p,
                &[300, 300, 6, 300, 300],
                &flags(&[-1; 5], &[false; 5]),
                &bars
            )[2]
        );
        // A page that would keep nothing keeps its likeliest blocks.
        let low = [0.3, 0.05, 0.1, 0.02, 0.25];
        assert_eq!(
            decisions(&low, &[300; 5], &flags(&[-1; 5], &[false; 5]), &bars),
            vec![true, false, false, false, true]
        );
    }
}
