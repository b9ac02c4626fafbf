//! The page-confidence model's row (`cleaner.labeller.CONFIDENCE_FEATURES`) from a page's
//! second-pass scores, block lengths and decisions, with numpy's arithmetic (pairwise sums,
//! the same order of operations), so the shipped trees see the values they were trained on.

use crate::matrix::total as sum;

/// How many columns the row has.
pub const FIELDS: usize = 14;

/// The row for a page whose blocks have second-pass scores `p`, lengths `chars` and
/// decisions `kept`; `logs` are numpy's log1p of the page's characters, blocks and kept
/// characters (its vectorised log1p differs from the C library's in the last bit). The
/// page has at least one block.
pub fn confidence_row(p: &[f64], chars: &[f64], kept: &[bool], logs: [f64; 3]) -> [f64; FIELDS] {
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
    let (first, kept_mean, kept_min, kept_weighted) = if k > 0 {
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
        (first, sum(&kept_p) / k as f64, min, weighted)
    } else {
        (1.0, 0.0, 0.0, 0.0)
    };
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
        let row = confidence_row(&p, &chars, &kept, [1.0, 2.0, 3.0]);
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
    }

    #[test]
    fn nothing_kept() {
        let row = confidence_row(&[0.2], &[0.0], &[false], [0.0; 3]);
        assert_eq!(&row[7..], &[0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
    }
}
