//! The labeller's feature matrices (`cleaner.blockfeatures`): one row a block, from the
//! blocks' measures, shapes and rule hits, and the second pass's columns from the first
//! pass's scores. Column for column what the numpy code it replaced computed: sums and means
//! add in numpy's pairwise order, window means go through running sums as `np.cumsum` does,
//! so that the shipped trees see the numbers they were trained on. Logarithms come from
//! numpy (`Logs`): its vectorised ones differ from the C library's in the last bit, and
//! the trees were trained on numpy's.

use crate::jusclass;
use crate::shapes;

/// Blocks further apart than this count as "far" (`blockfeatures.FAR`).
pub const FAR: f64 = 60.0;
/// Shorter blocks count as short lines (`blockfeatures.SHORT_CHARS`).
const SHORT_CHARS: f64 = 70.0;
/// Context windows, +-k blocks (`blockfeatures.WINDOWS`).
const WINDOWS: [usize; 3] = [1, 3, 7];
/// Measures a block brings (`features.Features`) and shapes (`blockfeatures.TextStats`).
pub const MEASURES: usize = 8;
pub const STATS: usize = shapes::FIELDS;
/// One-hot groups: rule ids, removal kinds, jusText classes.
pub const RULES: usize = 15;
pub const KINDS: usize = 15;
pub const CLASSES: usize = 4;
/// Columns of the first pass (`blockfeatures.FEATURES`) and of the second pass's extra
/// columns (`blockfeatures.CONTEXT_FEATURES`).
pub const OWN: usize = MEASURES + STATS + 7 + RULES + KINDS + CLASSES;
pub const PAGE: usize = 6;
pub const CONTEXT: usize = 9 * WINDOWS.len() + 6 + 2 + 2 + 2 + 3;
/// The vocabulary's columns (`blockfeatures.VOCAB_FEATURES`, from `vocab`) and their
/// window means (`blockfeatures.VOCAB_WINDOWED`: mean +-1 and +-3, known share +-3, max +-3).
pub const VOCAB: usize = 4;
pub const VOCAB_WINDOWED: usize = 4;
pub const WIDTH: usize = OWN + PAGE + CONTEXT + VOCAB + VOCAB_WINDOWED;
pub const SECOND: usize = 15;

/// What the matrix needs of one block besides its measures and shapes.
pub struct BlockFacts {
    pub blank_before: bool,
    /// Index in the rule, kind and class columns (`None`: no such column).
    pub rule: Option<usize>,
    pub kind: Option<usize>,
    pub class: usize,
    /// A fired rule holds whatever the context.
    pub rule_final: bool,
}

/// The logarithms the matrix holds, computed by the caller with numpy (see the module doc).
pub struct Logs<'a> {
    /// Per block: log1p of the length, the words and the stop words; ln of how many blocks
    /// share its text.
    pub length: &'a [f64],
    pub words: &'a [f64],
    pub stopwords: &'a [f64],
    pub count: &'a [f64],
    /// log1p(k) for k = 0, 1, ... at least up to the number of blocks and FAR.
    pub small: &'a [f64],
    /// log1p of the median length of the page's prose blocks (0 when there are none).
    pub prose_len: f64,
}

/// numpy's pairwise sum (`np.sum`, `np.mean` of a contiguous float64 array): blocks of
/// eight accumulators up to 128 values, halves above.
pub fn pairwise_sum(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        return a.iter().fold(0.0, |s, &v| s + v);
    }
    if n <= 128 {
        let mut r = [0.0f64; 8];
        r.copy_from_slice(&a[..8]);
        let full = n - n % 8;
        let mut i = 8;
        while i < full {
            for (j, slot) in r.iter_mut().enumerate() {
                *slot += a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &v in &a[full..] {
            res += v;
        }
        return res;
    }
    let mut n2 = n / 2;
    n2 -= n2 % 8;
    pairwise_sum(&a[..n2]) + pairwise_sum(&a[n2..])
}

/// `np.sum` of a float64 array: 0.0 + the pairwise sum, as numpy's reduction starts from
/// its identity.
pub fn total(a: &[f64]) -> f64 {
    0.0 + pairwise_sum(a)
}

/// `np.median` (and `statistics.median`): the middle value, or the mean of the two middle
/// values.
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// `blockfeatures.window_mean` of one column: the mean over +-k positions.
fn window_mean(values: &[f64], k: usize) -> Vec<f64> {
    let n = values.len();
    let mut cs = Vec::with_capacity(n + 1);
    cs.push(0.0);
    let mut run = 0.0;
    for (i, &v) in values.iter().enumerate() {
        run = if i == 0 { v } else { run + v };
        cs.push(run);
    }
    (0..n)
        .map(|i| {
            let lo = i.saturating_sub(k);
            let hi = (i + k + 1).min(n);
            (cs[hi] - cs[lo]) / (hi - lo) as f64
        })
        .collect()
}

/// `blockfeatures._distance_to`: blocks to the nearest position where `mask` holds,
/// strictly before (or after) each, capped at FAR.
fn distance_to(mask: &[bool], forward: bool) -> Vec<f64> {
    let n = mask.len() as i64;
    let mut out = vec![FAR; mask.len()];
    if forward {
        let mut nearest = n + FAR as i64;
        for i in (0..mask.len()).rev() {
            out[i] = ((nearest - i as i64) as f64).min(FAR);
            if mask[i] {
                nearest = i as i64;
            }
        }
    } else {
        let mut nearest = -(FAR as i64) - 1;
        for (i, &m) in mask.iter().enumerate() {
            out[i] = ((i as i64 - nearest) as f64).min(FAR);
            if m {
                nearest = i as i64;
            }
        }
    }
    out
}

/// `blockfeatures._run_length`: the length of the run of `mask` each position is in.
fn run_length(mask: &[bool]) -> Vec<f64> {
    let mut out = vec![0.0; mask.len()];
    let mut i = 0;
    while i < mask.len() {
        if !mask[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < mask.len() && mask[i] {
            i += 1;
        }
        out[start..i].fill((i - start) as f64);
    }
    out
}

/// `blockfeatures._shares_around`: share of the total mass strictly before and after.
fn shares_around(mass: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let t = total(mass);
    let t = if t == 0.0 { 1.0 } else { t };
    let mut before = Vec::with_capacity(mass.len());
    let mut after = Vec::with_capacity(mass.len());
    let mut run = 0.0;
    for (i, &m) in mass.iter().enumerate() {
        let b = run;
        before.push(b / t);
        after.push((t - b - m) / t);
        run = if i == 0 { m } else { run + m };
    }
    (before, after)
}

fn shift_prev(v: &[f64]) -> impl Iterator<Item = f64> + '_ {
    std::iter::once(0.0).chain(v.iter().copied()).take(v.len())
}

fn shift_next(v: &[f64]) -> impl Iterator<Item = f64> + '_ {
    v.iter().copied().skip(1).chain(std::iter::once(0.0))
}

/// The first pass's matrix, rows of `WIDTH` columns in `blockfeatures.FEATURES` order,
/// each followed by `spare` zeros (room for the second pass's columns).
/// `measures` and `stats` hold `MEASURES` and `STATS` values a block.
pub fn block_matrix(
    measures: &[f64],
    stats: &[f64],
    vocab: &[f64],
    facts: &[BlockFacts],
    logs: &Logs<'_>,
    has_stoplist: bool,
    spare: usize,
) -> Vec<f64> {
    let n = facts.len();
    if n == 0 {
        return Vec::new();
    }
    let m = |i: usize, j: usize| measures[i * MEASURES + j];
    // Features: length, words, stopwords, stop_density, terminal, sentences, ellipsis, has_url.
    let length: Vec<f64> = (0..n).map(|i| m(i, 0)).collect();
    let words: Vec<f64> = (0..n).map(|i| m(i, 1)).collect();
    let stop: Vec<f64> = (0..n).map(|i| m(i, 3)).collect();
    let terminal: Vec<f64> = (0..n).map(|i| m(i, 4)).collect();
    let prose: Vec<bool> = (0..n)
        .map(|i| jusclass::is_prose(length[i], words[i], terminal[i] > 0.0))
        .collect();
    let pick = |v: &[f64]| -> Vec<f64> { (0..n).filter(|&i| prose[i]).map(|i| v[i]).collect() };
    let prose_stop = median(pick(&stop)).unwrap_or(0.0);
    let prose_len = median(pick(&length)).unwrap_or(0.0);

    // Each block's own columns are written into its row of the result at once; the rest
    // of the row follows when the page's and the windows' columns are known.
    let stride = WIDTH + spare;
    let mut out = vec![0.0; n * stride];
    let mut rule_any = vec![0.0; n];
    for (i, f) in facts.iter().enumerate() {
        let row = &mut out[i * stride..i * stride + OWN];
        row[0] = logs.length[i];
        row[1] = logs.words[i];
        row[2] = stop[i];
        row[3] = logs.stopwords[i];
        row[4] = terminal[i];
        row[5] = m(i, 5).min(20.0);
        row[6] = m(i, 6);
        row[7] = m(i, 7);
        row[MEASURES..MEASURES + STATS].copy_from_slice(&stats[i * STATS..(i + 1) * STATS]);
        let c = MEASURES + STATS;
        row[c] = f64::from(u8::from(f.blank_before));
        row[c + 1] = i as f64 / (n.saturating_sub(1)).max(1) as f64;
        row[c + 2] = logs.count[i];
        row[c + 3] = if prose_stop != 0.0 {
            stop[i] / prose_stop
        } else {
            0.0
        };
        row[c + 4] = if prose_len != 0.0 {
            length[i] / prose_len
        } else {
            0.0
        };
        row[c + 5] = f64::from(u8::from(f.rule_final));
        rule_any[i] = f64::from(u8::from(f.rule.is_some()));
        row[c + 6] = rule_any[i];
        let onehot = c + 7;
        if let Some(r) = f.rule {
            row[onehot + r] = 1.0;
        }
        if let Some(k) = f.kind {
            row[onehot + RULES + k] = 1.0;
        }
        row[onehot + RULES + KINDS + f.class] = 1.0;
    }
    let col = |j: usize| -> Vec<f64> { (0..n).map(|i| out[i * stride + j]).collect() };
    let onehot = MEASURES + STATS + 7;
    let good: Vec<bool> = facts.iter().map(|f| f.class == 0).collect();
    let prose_mass: Vec<f64> = (0..n)
        .map(|i| if prose[i] || good[i] { length[i] } else { 0.0 })
        .collect();
    let length_total = total(&length);
    let east_asian: Vec<f64> = (0..n).map(|i| stats[i * STATS + 7]).collect();
    let page = [
        logs.small[n],
        prose_stop,
        total(&prose_mass)
            / if length_total == 0.0 {
                1.0
            } else {
                length_total
            },
        f64::from(u8::from(has_stoplist)),
        logs.prose_len,
        total(&east_asian) / n as f64,
    ];
    // `_WINDOWED`: log_length, stop_density, terminal, class=good, class=short, rule_any,
    // capwords, digits, link_share.
    let windowed_cols = [
        0,
        2,
        4,
        onehot + RULES + KINDS,
        onehot + RULES + KINDS + 2,
        MEASURES + STATS + 6,
        MEASURES + 3,
        MEASURES,
        MEASURES + shapes::LINK_SHARE,
    ];
    let mut context: Vec<Vec<f64>> = Vec::with_capacity(CONTEXT);
    for &j in &windowed_cols {
        let values = col(j);
        for &k in &WINDOWS {
            context.push(window_mean(&values, k));
        }
    }
    let log_length = col(0);
    context.push(shift_prev(&log_length).collect());
    context.push(shift_next(&log_length).collect());
    context.push(shift_prev(&stop).collect());
    context.push(shift_next(&stop).collect());
    context.push(shift_prev(&rule_any).collect());
    context.push(shift_next(&rule_any).collect());
    context.push(
        distance_to(&good, false)
            .iter()
            .map(|&d| logs.small[d as usize])
            .collect(),
    );
    context.push(
        distance_to(&good, true)
            .iter()
            .map(|&d| logs.small[d as usize])
            .collect(),
    );
    let (before, after) = shares_around(&prose_mass);
    context.push(before);
    context.push(after);
    let dense = window_mean(&prose_mass, 7);
    let mut centre = 0;
    for (i, &d) in dense.iter().enumerate() {
        if d > dense[centre] {
            centre = i;
        }
    }
    context.push(
        (0..n)
            .map(|i| (i as f64 - centre as f64) / n as f64)
            .collect(),
    );
    context.push((0..n).map(|i| logs.small[i.abs_diff(centre)]).collect());
    // The comments label's rule column: once one was seen, every block below is under it.
    let comments_col = onehot + 5;
    let mut seen = 0.0f64;
    context.push(
        (0..n)
            .map(|i| {
                seen = seen.max(out[i * stride + comments_col]);
                seen
            })
            .collect(),
    );
    let labels: Vec<bool> = (0..n)
        .map(|i| out[i * stride + onehot + RULES + 1] > 0.0)
        .collect();
    context.push(
        distance_to(&labels, false)
            .iter()
            .map(|&d| logs.small[d as usize])
            .collect(),
    );
    let short: Vec<bool> = length.iter().map(|&l| l < SHORT_CHARS).collect();
    context.push(
        run_length(&short)
            .iter()
            .map(|&r| logs.small[r as usize])
            .collect(),
    );
    debug_assert_eq!(context.len(), CONTEXT);
    // The vocabulary's neighbourhood: a menu's or a comment thread's words around a block.
    let vocab_col = |j: usize| -> Vec<f64> { (0..n).map(|i| vocab[i * VOCAB + j]).collect() };
    let (mean, known, most) = (vocab_col(0), vocab_col(3), vocab_col(1));
    let windowed = [
        window_mean(&mean, 1),
        window_mean(&mean, 3),
        window_mean(&known, 3),
        window_mean(&most, 3),
    ];

    for (i, row) in out.chunks_exact_mut(stride).enumerate() {
        let rest = &mut row[OWN..WIDTH];
        let (page_part, rest) = rest.split_at_mut(PAGE);
        page_part.copy_from_slice(&page);
        let (context_part, rest) = rest.split_at_mut(CONTEXT);
        for (v, c) in context_part.iter_mut().zip(&context) {
            *v = c[i];
        }
        let (vocab_part, windowed_part) = rest.split_at_mut(VOCAB);
        vocab_part.copy_from_slice(&vocab[i * VOCAB..(i + 1) * VOCAB]);
        for (v, c) in windowed_part.iter_mut().zip(&windowed) {
            *v = c[i];
        }
    }
    out
}

/// The second pass's extra columns (`blockfeatures.CONTEXT_FEATURES`) from the first
/// pass's scores `p1` and the blocks' lengths, `SECOND` a row.
/// `small` holds log1p(k) for k = 0..=FAR, computed with numpy.
pub fn context_columns(p1: &[f64], length: &[f64], small: &[f64]) -> Vec<f64> {
    let n = p1.len();
    if n == 0 {
        return Vec::new();
    }
    let kept: Vec<bool> = p1.iter().map(|&p| p >= 0.5).collect();
    let mass: Vec<f64> = p1.iter().zip(length).map(|(p, l)| p * l).collect();
    let (before, after) = shares_around(&mass);
    let means: Vec<Vec<f64>> = WINDOWS.iter().map(|&k| window_mean(p1, k)).collect();
    let prev: Vec<f64> = shift_prev(p1).collect();
    let next: Vec<f64> = shift_next(p1).collect();
    let around = |i: usize, offsets: [i64; 3]| -> f64 {
        offsets
            .iter()
            .map(|&o| {
                let j = i as i64 + o;
                if j >= 0 && (j as usize) < n {
                    p1[j as usize]
                } else {
                    0.0
                }
            })
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let dist_before = distance_to(&kept, false);
    let dist_after = distance_to(&kept, true);
    let mean = total(p1) / n as f64;
    let kept_share = kept.iter().filter(|&&k| k).count() as f64 / n as f64;
    let mut out = Vec::with_capacity(n * SECOND);
    for i in 0..n {
        out.extend_from_slice(&[
            p1[i],
            means[0][i],
            means[1][i],
            means[2][i],
            prev[i],
            next[i],
            around(i, [-3, -2, -1]),
            around(i, [1, 2, 3]),
            before[i],
            after[i],
            small[dist_before[i] as usize],
            small[dist_after[i] as usize],
            f64::from(u8::from(dist_before[i].max(dist_after[i]) < FAR)),
            mean,
            kept_share,
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_sum_matches_plain_sum_on_integers() {
        let v: Vec<f64> = (0..1000).map(f64::from).collect();
        assert_eq!(pairwise_sum(&v), 499500.0);
        assert_eq!(pairwise_sum(&v[..5]), 10.0);
    }

    #[test]
    fn distances_and_runs() {
        let mask = [false, true, false, false, true];
        assert_eq!(distance_to(&mask, false), vec![FAR, FAR, 1.0, 2.0, 3.0]);
        assert_eq!(distance_to(&mask, true), vec![1.0, 3.0, 2.0, 1.0, FAR]);
        assert_eq!(
            run_length(&[true, true, false, true]),
            vec![2.0, 2.0, 0.0, 1.0]
        );
    }

    #[test]
    fn window_means() {
        assert_eq!(window_mean(&[1.0, 2.0, 3.0], 1), vec![1.5, 2.0, 2.5]);
    }

    #[test]
    fn empty_pages_give_empty_matrices() {
        let logs = Logs {
            length: &[],
            words: &[],
            stopwords: &[],
            count: &[],
            small: &[0.0; 61],
            prose_len: 0.0,
        };
        assert!(block_matrix(&[], &[], &[], &[], &logs, true, 0).is_empty());
        assert!(context_columns(&[], &[], &[0.0; 61]).is_empty());
    }
}
