//! Language identification with py3langid's own model (a naive Bayes classifier over byte
//! n-grams, found by a DFA walk), evaluated here from the arrays in its wheel: the same
//! arithmetic as `py3langid.langid.LanguageIdentifier.rank` with `norm_probs=True`.

use half::f16;
use half::slice::HalfFloatSliceExt;
use std::collections::HashMap;

/// How many features ahead `rank` asks for a feature's row.
const PREFETCH_AHEAD: usize = 6;

/// Ask the processor to bring `row` into its cache (a hint: no effect on results).
#[inline]
fn prefetch(row: &[f16]) {
    #[cfg(target_arch = "x86_64")]
    for line in row.chunks(32) {
        // SAFETY: a prefetch is a hint: it reads nothing and cannot fault, whatever the
        // address (these are addresses inside `row` anyway).
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                line.as_ptr() as *const i8
            )
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = row;
}

/// Samples at least this long are walked in LANES pieces at once (see `LangId::completed`).
const LANES_FROM: usize = 64;
const LANES: usize = 4;

pub struct LangId {
    /// Distinct DFA rows of 256 next states each.
    nextmove: Vec<u32>,
    /// State -> where its row starts in `nextmove`, and the feature it completes (or -1):
    /// side by side, so that one cache line serves both.
    states: Vec<(u32, i32)>,
    /// The most bytes any state takes to reach from the start: the automaton is
    /// Aho-Corasick's over py3langid's byte n-grams, whose state is the longest suffix of
    /// the text read that begins an n-gram, so the last `depth` bytes decide it.
    depth: usize,
    /// Feature x class log-probabilities (float16 bits, as shipped), row-major.
    ptc: Vec<f16>,
    /// Class priors.
    pc: Vec<f32>,
    classes: Vec<String>,
    /// (first, duplicate) columns of labels listed twice (script variants of one language).
    aliases: Vec<(usize, usize)>,
    /// The first column of each label, in model order (what `rank` lists).
    distinct: Vec<usize>,
}

impl LangId {
    /// The two large tables are read at random: the caller lays them out
    /// (`crate::huge::collect`), so that they are copied once.
    pub fn new(
        nextmove: Vec<u32>,
        row: Vec<u16>,
        output: Vec<i32>,
        ptc: Vec<f16>,
        pc: Vec<f32>,
        classes: Vec<String>,
    ) -> Result<Self, String> {
        let n_classes = classes.len();
        if n_classes == 0 || pc.len() != n_classes || !ptc.len().is_multiple_of(n_classes) {
            return Err("classes, priors and the feature table disagree".into());
        }
        if !nextmove.len().is_multiple_of(256) || row.len() != output.len() || row.is_empty() {
            return Err("the DFA's arrays disagree".into());
        }
        let rows = nextmove.len() / 256;
        let states = row.len();
        let features = ptc.len() / n_classes;
        if row.iter().any(|&r| r as usize >= rows)
            || nextmove.iter().any(|&s| s as usize >= states)
            || output.iter().any(|&f| f >= 0 && f as usize >= features)
        {
            return Err("a DFA state, row or feature is out of range".into());
        }
        let mut first: HashMap<&str, usize> = HashMap::new();
        let (mut aliases, mut distinct) = (Vec::new(), Vec::new());
        for (i, c) in classes.iter().enumerate() {
            match first.get(c.as_str()) {
                Some(&j) => aliases.push((j, i)),
                None => {
                    first.insert(c, i);
                    distinct.push(i);
                }
            }
        }
        let states: Vec<(u32, i32)> = row
            .iter()
            .zip(&output)
            .map(|(&r, &f)| (r as u32 * 256, f))
            .collect();
        let depth = depth(&nextmove, &states);
        Ok(LangId {
            nextmove,
            states,
            depth,
            ptc,
            pc,
            classes,
            aliases,
            distinct,
        })
    }

    /// The state after `state` reads `byte`.
    #[inline]
    fn step(&self, state: usize, byte: u8) -> usize {
        self.nextmove[self.states[state].0 as usize + byte as usize] as usize
    }

    /// What each byte of `bytes` completes (a feature, or -1), in text order; walked in
    /// `LANES` pieces at once when `lanes` and the sample is long enough.
    fn completed(&self, bytes: &[u8], lanes: bool) -> Vec<i32> {
        // The walk is a chain of loads from a table of tens of megabytes, each waiting on
        // the last. A long sample is cut into LANES pieces walked at once, so that the
        // processor waits on all the chains together: each piece but the first starts
        // `depth` bytes early, from the start state, which puts it in the state the whole
        // walk has there.
        let piece = bytes.len() / LANES;
        if !lanes || bytes.len() < LANES_FROM || piece < self.depth {
            let mut state = 0usize;
            return bytes
                .iter()
                .map(|&x| {
                    state = self.step(state, x);
                    self.states[state].1
                })
                .collect();
        }
        let mut found = vec![-1i32; bytes.len()];
        let starts: [usize; LANES] = std::array::from_fn(|k| k * piece);
        let mut state: [usize; LANES] = std::array::from_fn(|k| {
            let at = starts[k];
            bytes[at - at.min(self.depth)..at]
                .iter()
                .fold(0, |s, &x| self.step(s, x))
        });
        for i in 0..piece {
            for k in 0..LANES {
                let at = starts[k] + i;
                state[k] = self.step(state[k], bytes[at]);
                found[at] = self.states[state[k]].1;
            }
        }
        // What the last piece has beyond the others.
        let last = LANES - 1;
        for (at, &x) in bytes.iter().enumerate().skip(starts[last] + piece) {
            state[last] = self.step(state[last], x);
            found[at] = self.states[state[last]].1;
        }
        found
    }

    /// Each feature the DFA completes over `bytes`, with its count, in first-seen order.
    fn visits(&self, bytes: &[u8]) -> Vec<(usize, u32)> {
        let found = self.completed(bytes, true);
        let mut order: Vec<(usize, u32)> = Vec::new();
        // A sample completes a few thousand features at most: their slots in `order` are
        // kept in a small open-addressed table, not a HashMap (`rank` went from 0.22 to
        // 0.14 ms on the benchmark pages' samples; widening the whole table to float32 once
        // instead of row by row saved no more than 0.01 ms and cost 28 MB).
        let mut slots = Slots::with_room(bytes.len());
        for f in found {
            if f >= 0 {
                let f = f as usize;
                match slots.get_or_insert(f, order.len()) {
                    Some(i) => order[i].1 += 1,
                    None => order.push((f, 1)),
                }
            }
        }
        order
    }

    /// Every label with its probability, likeliest first (ties in model order); `bytes`
    /// is the sample as py3langid encodes it (NFC, UTF-8, lower-cased if all upper).
    /// Only the first `top` are made (the caller reads a few; the rest need not become
    /// strings).
    pub fn rank(&self, bytes: &[u8], top: usize) -> Vec<(String, f64)> {
        let n = self.classes.len();
        let visits = self.visits(bytes);
        let mut scores = vec![0f32; n];
        if !visits.is_empty() {
            let mut acc = vec![0f64; n];
            let mut row = vec![0f32; n];
            for (k, &(f, count)) in visits.iter().enumerate() {
                // The rows are scattered over a table of tens of megabytes: ask for one a
                // few features ahead while this one is added up.
                if let Some(&(ahead, _)) = visits.get(k + PREFETCH_AHEAD) {
                    prefetch(&self.ptc[ahead * n..(ahead + 1) * n]);
                }
                let weight = (count as f32).ln_1p() as f64;
                self.ptc[f * n..(f + 1) * n].convert_to_f32_slice(&mut row);
                for (a, &p) in acc.iter_mut().zip(&row) {
                    *a += weight * p as f64;
                }
            }
            for ((s, a), &prior) in scores.iter_mut().zip(&acc).zip(&self.pc) {
                *s = *a as f32 + prior;
            }
        }
        // T = sqrt(bytes) keeps the softmax calibrated across lengths.
        let scale = (1.0 / (bytes.len().max(1) as f64).sqrt()) as f32;
        let mut max = f32::NEG_INFINITY;
        for s in scores.iter_mut() {
            *s *= scale;
            max = max.max(*s);
        }
        let mut sum = 0f32;
        for s in scores.iter_mut() {
            *s = (*s - max).exp();
            sum += *s;
        }
        for s in scores.iter_mut() {
            *s /= sum;
        }
        for &(i, j) in &self.aliases {
            scores[i] += scores[j];
            scores[j] = 0.0;
        }
        let mut ranked: Vec<(usize, f64)> = self
            .distinct
            .iter()
            .map(|&i| (i, scores[i] as f64))
            .collect();
        // A stable sort: ties stay in model order.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranked.truncate(top);
        ranked
            .into_iter()
            .map(|(i, p)| (self.classes[i].clone(), p))
            .collect()
    }
}

/// The most steps any state takes to reach from the start state (breadth first).
fn depth(nextmove: &[u32], states: &[(u32, i32)]) -> usize {
    let mut seen = vec![false; states.len()];
    seen[0] = true;
    let mut frontier = vec![0usize];
    let mut depth = 0;
    loop {
        let mut next = Vec::new();
        for &s in &frontier {
            let base = states[s].0 as usize;
            for &t in &nextmove[base..base + 256] {
                let t = t as usize;
                if !seen[t] {
                    seen[t] = true;
                    next.push(t);
                }
            }
        }
        if next.is_empty() {
            return depth;
        }
        depth += 1;
        frontier = next;
    }
}

/// Feature -> its index in a call's first-seen list: open addressing with linear probing
/// over a power-of-two table at most half full, so a probe ends at an empty slot.
struct Slots {
    keys: Vec<usize>,
    values: Vec<usize>,
    mask: usize,
}

impl Slots {
    const EMPTY: usize = usize::MAX;

    /// Room for `n` keys (a sample of `n` bytes completes at most `n` features).
    fn with_room(n: usize) -> Self {
        let size = (2 * n.max(8)).next_power_of_two();
        Slots {
            keys: vec![Self::EMPTY; size],
            values: vec![0; size],
            mask: size - 1,
        }
    }

    /// The value stored for `key`; or, when it has none, store `value` and return None.
    fn get_or_insert(&mut self, key: usize, value: usize) -> Option<usize> {
        let mut i = key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 7 & self.mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.values[i]);
            }
            if k == Self::EMPTY {
                self.keys[i] = key;
                self.values[i] = value;
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two states: byte b'a' completes feature 0, anything else feature 1.
    fn toy() -> LangId {
        let mut nextmove = vec![1u32; 256];
        nextmove[b'a' as usize] = 0;
        let mut second = vec![1u32; 256];
        second[b'a' as usize] = 0;
        nextmove.extend(second);
        let ptc: Vec<f16> = [0.0f32, -5.0, -5.0, 0.0, -5.0, 0.0]
            .iter()
            .map(|&x| f16::from_f32(x))
            .collect();
        LangId::new(
            nextmove,
            vec![0, 1],
            vec![0, 1],
            ptc,
            vec![0.0; 3],
            vec!["aa".into(), "bb".into(), "bb".into()],
        )
        .unwrap()
    }

    #[test]
    fn ranks_by_feature_evidence_and_merges_aliases() {
        let lid = toy();
        let ranked = lid.rank(b"aaaa", usize::MAX);
        assert_eq!(ranked[0].0, "aa");
        assert_eq!(ranked.len(), 2);
        let total: f64 = ranked.iter().map(|r| r.1).sum();
        assert!((total - 1.0).abs() < 1e-6);
        assert_eq!(lid.rank(b"bbbb", usize::MAX)[0].0, "bb");
        assert_eq!(lid.rank(b"aaaa", 1), ranked[..1]);
        assert!(lid.rank(b"aaaa", 0).is_empty());
    }

    /// An Aho-Corasick automaton over bytes for `patterns` (each state
    /// completes at most one: its own string's index, if a pattern), as py3langid's is.
    fn aho_corasick(patterns: &[&[u8]]) -> LangId {
        let mut strings: Vec<Vec<u8>> = vec![vec![]];
        for p in patterns {
            for k in 1..=p.len() {
                if !strings.contains(&p[..k].to_vec()) {
                    strings.push(p[..k].to_vec());
                }
            }
        }
        let node = |s: &[u8]| strings.iter().position(|t| t.as_slice() == s);
        let mut nextmove = Vec::new();
        for s in &strings {
            for byte in 0..=255u8 {
                // The longest suffix of s + byte that is a node.
                let mut w = s.clone();
                w.push(byte);
                let next = (0..=w.len()).find_map(|k| node(&w[k..])).unwrap_or(0);
                nextmove.push(next as u32);
            }
        }
        let output: Vec<i32> = strings
            .iter()
            .map(|s| {
                patterns
                    .iter()
                    .position(|p| *p == s.as_slice())
                    .map_or(-1, |i| i as i32)
            })
            .collect();
        let row: Vec<u16> = (0..strings.len() as u16).collect();
        let ptc = vec![f16::ZERO; patterns.len() * 2];
        LangId::new(
            nextmove,
            row,
            output,
            ptc,
            vec![0.0; 2],
            vec!["x".into(), "y".into()],
        )
        .unwrap()
    }

    #[test]
    fn pieces_walked_at_once_meet_the_features_of_one_walk() {
        // Deep states are common over two letters, so the second half often starts inside
        // an n-gram that crosses the middle.
        let lid = aho_corasick(&[b"a", b"ab", b"bab", b"abab", b"babab", b"bb"]);
        assert_eq!(lid.depth, 5);
        for seed in 0..40u32 {
            // A fixed pseudo-random text over b'a' and b'b'.
            let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
            let text: Vec<u8> = (0..200)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    b'a' + (x & 1) as u8
                })
                .collect();
            for n in 0..text.len() {
                assert_eq!(
                    lid.completed(&text[..n], true),
                    lid.completed(&text[..n], false),
                    "seed {seed}, {n} bytes"
                );
            }
        }
    }

    #[test]
    fn slots_remember_each_key_across_collisions() {
        let mut slots = Slots::with_room(3);
        // More keys than `with_room` promised space for still land, each once.
        let keys: Vec<usize> = (0..8).map(|k| k * 16).collect();
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(slots.get_or_insert(k, i), None);
        }
        for (i, &k) in keys.iter().enumerate() {
            assert_eq!(slots.get_or_insert(k, 99), Some(i));
        }
    }

    #[test]
    fn no_text_is_uniform_and_bad_arrays_are_refused() {
        let ranked = toy().rank(b"", usize::MAX);
        assert!((ranked[0].1 - 2.0 / 3.0).abs() < 1e-6);
        assert!(LangId::new(
            vec![5; 256],
            vec![0],
            vec![-1],
            vec![],
            vec![0.0],
            vec!["x".into()]
        )
        .is_err());
    }
}
