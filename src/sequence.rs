//! The labeller's sequence pass: the likeliest keep / remove path through a document.

/// Viterbi over two states (keep, remove) where a block's state stays its neighbour's with
/// probability `stay`, and `cut` is the probability that counts as even. Mirrors
/// `cleaner.labeller.smooth` decision for decision.
pub fn smooth(p: &[f64], cut: f64, stay: f64) -> Vec<bool> {
    if p.is_empty() {
        return Vec::new();
    }
    let bias = (cut / (1.0 - cut)).ln();
    let switch = (stay / (1.0 - stay)).ln();
    let odds = |q: f64| (q.max(1e-9) / (1.0 - q).max(1e-9)).ln() - bias;
    let mut keep = odds(p[0]);
    let mut drop = 0.0f64;
    // For each block: (into "remove" came from "keep", into "keep" came from "keep").
    let mut came: Vec<(bool, bool)> = Vec::with_capacity(p.len());
    came.push((false, true));
    for &q in &p[1..] {
        let o = odds(q);
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

#[cfg(test)]
mod tests {
    use super::smooth;

    #[test]
    fn keeps_a_hesitant_line_between_kept_ones() {
        assert_eq!(smooth(&[0.9, 0.45, 0.9], 0.5, 0.6), vec![true, true, true]);
        assert_eq!(
            smooth(&[0.1, 0.55, 0.1], 0.5, 0.6),
            vec![false, false, false]
        );
        assert!(smooth(&[], 0.5, 0.6).is_empty());
    }
}
