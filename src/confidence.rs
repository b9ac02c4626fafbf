//! The page-confidence model's row (`cleaner.labeller.CONFIDENCE_FEATURES`) from a page's
//! first- and second-pass scores, block lengths and decisions, with numpy's arithmetic
//! (pairwise sums, the same order of operations), so the shipped trees see the values they
//! were trained on.

use crate::matrix::total as sum;

/// How many columns the row has.
pub const FIELDS: usize = 20;
/// A block this long is prose: the removed prose the confidence weighs is made of such
/// blocks (a page that dropped long text may have dropped its article).
pub const LONG_CHARS: f64 = 150.0;
/// A removed block this long counts for `removed_max_p` (shorter ones are menu lines).
pub const REMOVED_CHARS: f64 = 100.0;
/// Kept runs are joined across up to this many removed blocks (`largest_run_share`).
pub const RUN_BRIDGE: usize = 2;

/// The row for a page whose blocks have second-pass scores `p`, first-pass scores `p1`,
/// lengths `chars` and decisions `kept`; `logs` are numpy's log1p of the page's characters,
/// blocks, kept characters and removed long characters (its vectorised log1p differs from
/// the C library's in the last bit). The page has at least one block.
pub fn confidence_row(
    p: &[f64],
    p1: &[f64],
    chars: &[f64],
    kept: &[bool],
    logs: [f64; 4],
) -> [f64; FIELDS] {
    let n = p.len();
    let w: Vec<f64> = chars.iter().map(|&c| c.min(1000.0) + 1.0).collect();
    let w_total = sum(&w);
    let weighted = |f: &dyn Fn(usize) -> f64| -> f64 {
        let v: Vec<f64> = (0..n).map(|i| f(i) * w[i]).collect();
        sum(&v)
    };
    let sure = weighted(&|i| (2.0 * p[i] - 1.0).abs()) / w_total;
    let hesitant = weighted(&|i| ((p[i] > 0.3) & (p[i] < 0.7)) as u8 as f64) / w_total;
    let mean_p = weighted(&|i| p[i]) / w_total;
    let max_p = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let total = sum(chars);
    let kept_p: Vec<f64> = (0..n).filter(|&i| kept[i]).map(|i| p[i]).collect();
    let kept_chars_v: Vec<f64> = (0..n).filter(|&i| kept[i]).map(|i| chars[i]).collect();
    let kept_chars = sum(&kept_chars_v);
    let k = kept_p.len();
    let starts = (1..n).filter(|&i| kept[i] && !kept[i - 1]).count() + kept[0] as usize;
    let (first, kept_mean, kept_min, kept_weighted, gap) = if k > 0 {
        let first = kept.iter().position(|&x| x).unwrap_or(0) as f64 / n as f64;
        let min = kept_p.iter().copied().fold(f64::INFINITY, f64::min);
        let pc: Vec<f64> = kept_p
            .iter()
            .zip(&kept_chars_v)
            .map(|(a, b)| a * b)
            .collect();
        let weighted = if kept_chars != 0.0 {
            sum(&pc) / kept_chars
        } else {
            0.0
        };
        let gaps: Vec<f64> = (0..n)
            .filter(|&i| kept[i])
            .map(|i| (p1[i] - p[i]).abs())
            .collect();
        (
            first,
            sum(&kept_p) / k as f64,
            min,
            weighted,
            sum(&gaps) / k as f64,
        )
    } else {
        (1.0, 0.0, 0.0, 0.0, 0.0)
    };
    // Whole numbers of characters below: exact in any order. One pass: the long text kept
    // and removed, the best long removed block, and the largest kept stretch (kept runs
    // joined across up to `RUN_BRIDGE` removed blocks).
    let (mut removed_long, mut kept_long, mut removed_max) = (0.0, 0.0, 0.0f64);
    let (mut largest, mut run, mut since) = (0.0f64, 0.0, 0usize);
    for i in 0..n {
        let long = if chars[i] >= LONG_CHARS {
            chars[i]
        } else {
            0.0
        };
        if kept[i] {
            kept_long += long;
            run += chars[i];
            since = 0;
        } else {
            removed_long += long;
            if chars[i] >= REMOVED_CHARS {
                removed_max = removed_max.max(p[i]);
            }
            since += 1;
            if since > RUN_BRIDGE {
                largest = largest.max(run);
                run = 0.0;
            }
        }
    }
    largest = largest.max(run);
    [
        sure,
        hesitant,
        mean_p,
        max_p,
        logs[0],
        logs[1],
        logs[2],
        if total != 0.0 {
            kept_chars / total
        } else {
            0.0
        },
        k as f64 / n as f64,
        starts as f64,
        first,
        kept_mean,
        kept_min,
        kept_weighted,
        removed_long / (total + 1.0),
        logs[3] - logs[2],
        kept_long / (kept_chars + 1.0),
        largest / (kept_chars + 1.0),
        removed_max,
        gap,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_two_runs() {
        let p = [0.9, 0.1, 0.8, 0.5];
        let chars = [100.0, 2000.0, 50.0, 10.0];
        let kept = [true, false, true, false];
        let p1 = [0.7, 0.2, 0.8, 0.6];
        let row = confidence_row(&p, &p1, &chars, &kept, [1.0, 2.0, 3.0, 5.0]);
        let w = [101.0, 1001.0, 51.0, 11.0];
        let wt: f64 = w.iter().sum();
        assert!((row[0] - (0.8 * 101.0 + 0.8 * 1001.0 + 0.6 * 51.0) / wt).abs() < 1e-12);
        assert_eq!(row[1], 11.0 / wt);
        assert_eq!(row[3], 0.9);
        assert_eq!(&row[4..7], &[1.0, 2.0, 3.0]);
        assert_eq!(row[7], 150.0 / 2160.0);
        assert_eq!(row[8], 0.5);
        assert_eq!(row[9], 2.0);
        assert_eq!(row[10], 0.0);
        assert!((row[11] - 0.85).abs() < 1e-12);
        assert_eq!(row[12], 0.8);
        assert!((row[13] - (90.0 + 40.0) / 150.0).abs() < 1e-12);
        // The removed 2,000 characters are long prose, scored 0.1; the kept blocks are not
        // long; the two kept runs are one across a single removed block.
        assert_eq!(row[14], 2000.0 / 2161.0);
        assert_eq!(row[15], 2.0);
        assert_eq!(row[16], 0.0);
        assert_eq!(row[17], 150.0 / 151.0);
        assert_eq!(row[18], 0.1);
        assert!((row[19] - (0.2 + 0.0) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn nothing_kept() {
        let row = confidence_row(&[0.2], &[0.3], &[0.0], &[false], [0.0; 4]);
        assert_eq!(
            &row[7..],
            &[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
        );
    }
}
