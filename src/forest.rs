//! Gradient-boosted trees evaluated from arrays. The trees arrive complete to the forest's
//! depth (`cleaner.trees.Forest._complete`) and are stored compact: each tree's real nodes
//! in breadth-first order, a node's two children side by side, so that a row's next node is
//! `left + (x > threshold)`, and a leaf is its own left child behind a threshold of +inf
//! (a row that reaches it stays). A tree of 127 leaves takes some 6 KB this way, against
//! 20 KB complete to depth 10: the first pass's hundred trees fit in the processor's
//! second-level cache with a page's rows.

/// Rows walked through a tree together (see `Forest::raw`), and how many walk together in
/// what is left over. Measured on the corpus pages' matrices with the complete layout (ms a
/// page, first pass / second pass): 8 lanes 0.234-0.245 / 0.115-0.122; 16: 0.216-0.226 /
/// 0.089-0.093; 32: 0.208-0.224 / 0.084-0.088.
const LANES: usize = 32;
const FEW_LANES: usize = 8;
/// Trees walked together for one row (`Forest::add_trees_to_one`).
const TREE_LANES: usize = 8;
/// Rows scored together by every tree before the next rows (a few hundred kilobytes of a
/// matrix: they stay in cache while the trees pass).
const ROW_BLOCK: usize = 256;

/// One node: the split's threshold and feature, and where its children start (a leaf: its
/// own index, behind a threshold of +inf).
#[derive(Clone, Copy)]
struct Node {
    threshold: f64,
    feature: u32,
    left: u32,
}

pub struct Forest {
    nodes: Vec<Node>,
    /// The value of each node that is a leaf (0 for the others), by node.
    values: Vec<f64>,
    /// Each tree's root and depth (the most steps a row takes to a leaf).
    trees: Vec<(u32, u32)>,
    bias: f64,
    width: usize,
}

impl Forest {
    /// The forest from trees complete to `depth`: per tree, the split feature and threshold
    /// of each of its 2^depth - 1 inner slots level by level, and the value of each of its
    /// 2^depth leaf slots.
    pub fn new(
        feature: Vec<i64>,
        threshold: Vec<f64>,
        leaves: Vec<f64>,
        depth: u32,
        bias: f64,
    ) -> Result<Self, String> {
        if depth > 24 {
            return Err(format!("depth {depth} is too deep"));
        }
        let inner = (1usize << depth) - 1;
        if threshold.len() != feature.len() {
            return Err("feature and threshold differ in length".into());
        }
        let trees = feature.len().checked_div(inner).unwrap_or(leaves.len());
        if feature.len() != trees * inner || leaves.len() != trees * (inner + 1) {
            return Err("the arrays do not hold whole trees of this depth".into());
        }
        if feature.iter().any(|&f| !(0..=u32::MAX as i64).contains(&f)) {
            return Err("feature index out of range".into());
        }
        let mut forest = Forest {
            nodes: Vec::new(),
            values: Vec::new(),
            trees: Vec::with_capacity(trees),
            bias,
            width: 0,
        };
        for t in 0..trees {
            let complete = Complete {
                feature: &feature[t * inner..(t + 1) * inner],
                threshold: &threshold[t * inner..(t + 1) * inner],
                leaves: &leaves[t * (inner + 1)..(t + 1) * (inner + 1)],
                depth,
            };
            forest.add_tree(&complete)?;
        }
        Ok(forest)
    }

    /// Append one complete tree, compacted: breadth first from its root, a slot whose
    /// threshold is +inf replaced by its left child (every row goes there), a slot at the
    /// bottom a leaf.
    fn add_tree(&mut self, tree: &Complete) -> Result<(), String> {
        let root = u32::try_from(self.nodes.len()).map_err(|_| "too many nodes")?;
        // (slot, level) of the nodes still to place, in the order their places were made.
        let mut queue = std::collections::VecDeque::from([tree.skip_always_left(0, 0)]);
        self.push_placeholder();
        let mut at = root as usize;
        let mut deepest = 0;
        while let Some((slot, level)) = queue.pop_front() {
            deepest = deepest.max(level);
            if level == tree.depth {
                let leaf = slot - ((1usize << tree.depth) - 1);
                self.nodes[at] = Node {
                    threshold: f64::INFINITY,
                    feature: 0,
                    left: at as u32,
                };
                self.values[at] = tree.leaves[leaf];
            } else {
                let left = u32::try_from(self.nodes.len()).map_err(|_| "too many nodes")?;
                let f = tree.feature[slot] as u32;
                self.width = self.width.max(f as usize + 1);
                self.nodes[at] = Node {
                    threshold: tree.threshold[slot],
                    feature: f,
                    left,
                };
                self.push_placeholder();
                self.push_placeholder();
                queue.push_back(tree.skip_always_left(2 * slot + 1, level + 1));
                queue.push_back(tree.skip_always_left(2 * slot + 2, level + 1));
            }
            at += 1;
        }
        self.trees.push((root, deepest));
        Ok(())
    }

    fn push_placeholder(&mut self) {
        self.nodes.push(Node {
            threshold: f64::INFINITY,
            feature: 0,
            left: 0,
        });
        self.values.push(0.0);
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// The summed leaf values plus the bias, one a row of the row-major `x`.
    pub fn raw(&self, x: &[f64], rows: usize, cols: usize) -> Result<Vec<f64>, String> {
        if x.len() != rows * cols {
            return Err("x does not hold rows x cols values".into());
        }
        if rows > 0 && cols < self.width {
            return Err(format!(
                "rows have {cols} features, the trees read {}",
                self.width
            ));
        }
        let mut out = vec![self.bias; rows];
        // A long document's matrix is far larger than the caches: walked tree by tree over
        // all of it, every tree would read it again from memory. So the rows go in blocks
        // small enough to stay in cache while every tree passes over them.
        for (b, totals) in out.chunks_mut(ROW_BLOCK).enumerate() {
            let start = b * ROW_BLOCK * cols;
            self.add_trees(&x[start..start + totals.len() * cols], cols, totals);
        }
        Ok(out)
    }

    /// Add every tree's leaf value to `totals`, one a row of the row-major `x`, tree by
    /// tree (the sums are made in the trees' order, as before the layout was compact).
    fn add_trees(&self, x: &[f64], cols: usize, totals: &mut [f64]) {
        let rows = totals.len();
        let many = rows - rows % LANES;
        let few = many + (rows - many) / FEW_LANES * FEW_LANES;
        for &(root, depth) in &self.trees {
            self.walk::<LANES>(root, depth, &x[..many * cols], cols, &mut totals[..many]);
            self.walk::<FEW_LANES>(
                root,
                depth,
                &x[many * cols..few * cols],
                cols,
                &mut totals[many..few],
            );
        }
        for (r, total) in totals.iter_mut().enumerate().skip(few) {
            self.add_trees_to_one(&x[r * cols..(r + 1) * cols], total);
        }
    }

    /// Add every tree's leaf value to one row's `total`, in the trees' order, walking
    /// `TREE_LANES` trees at a time: the rows left over after the lanes above (a page's
    /// last few blocks, a title candidate or two, the confidence's one row) would otherwise
    /// walk one chain of dependent loads at a time. Measured on the corpus pages' title
    /// scorer (36 rows a page, 600 trees): the 4 rows left over cost a quarter of its time.
    fn add_trees_to_one(&self, row: &[f64], total: &mut f64) {
        assert!(row.len() >= self.width);
        let nodes = self.nodes.as_ptr();
        // SAFETY: as in `walk`: a node's index is a root (checked here) or a node's `left`
        // plus 0 or 1, which `add_tree` made an index of its own tree; a split's feature is
        // under `self.width` <= `row.len()` (checked above).
        let step = |n: usize| unsafe {
            let d = *nodes.add(n);
            let v = *row.get_unchecked(d.feature as usize);
            d.left as usize + (v > d.threshold) as usize
        };
        for trees in self.trees.chunks(TREE_LANES) {
            let mut node = [0usize; TREE_LANES];
            let mut depth = 0;
            for (n, &(root, d)) in node.iter_mut().zip(trees) {
                assert!((root as usize) < self.nodes.len());
                *n = root as usize;
                depth = depth.max(d);
            }
            // A tree whose leaf is reached early stays on it (a leaf is its own child);
            // the lanes past the last tree stay on node 0 and are not read.
            for _ in 0..depth {
                for n in node[..trees.len()].iter_mut() {
                    *n = step(*n);
                }
            }
            for &n in &node[..trees.len()] {
                *total += self.values[n];
            }
        }
    }

    /// Add one tree's leaf value to `totals`, `N` rows of `x` at a time (`totals.len()` is a
    /// multiple of `N`): the rows' node-to-node chains of dependent loads are independent,
    /// so the processor overlaps them (one row alone waits on each). Lanes go four to a
    /// loop turn when they can: 4.6 -> 4.0 M instructions a page in the trees.
    fn walk<const N: usize>(
        &self,
        root: u32,
        depth: u32,
        x: &[f64],
        cols: usize,
        totals: &mut [f64],
    ) {
        assert!(x.len() == totals.len() * cols && cols >= self.width);
        assert!((root as usize) < self.nodes.len());
        let nodes = self.nodes.as_ptr();
        for (c, lane_totals) in totals.chunks_exact_mut(N).enumerate() {
            let rows = &x[c * N * cols..(c + 1) * N * cols];
            let mut node = [root as usize; N];
            // SAFETY (both loads): `n` is a node's index: the root (checked above), or a
            // node's `left` plus 0 or 1, which `add_tree` made an index of its own tree (a
            // leaf's `left` is itself, behind a threshold no value is over, so it adds 0).
            // A split's feature is under `self.width`, which is at most `cols` (checked
            // above), so the row's value lies inside `rows` (lane `l` < N).
            // The closure is only ever given the lanes' own nodes.
            let step = |n: usize, l: usize| unsafe {
                let d = *nodes.add(n);
                let v = *rows.get_unchecked(l * cols + d.feature as usize);
                d.left as usize + (v > d.threshold) as usize
            };
            for _ in 0..depth {
                if N.is_multiple_of(4) {
                    for (q, four) in node.chunks_exact_mut(4).enumerate() {
                        let l = 4 * q;
                        four[0] = step(four[0], l);
                        four[1] = step(four[1], l + 1);
                        four[2] = step(four[2], l + 2);
                        four[3] = step(four[3], l + 3);
                    }
                } else {
                    for (l, n) in node.iter_mut().enumerate() {
                        *n = step(*n, l);
                    }
                }
            }
            for (total, n) in lane_totals.iter_mut().zip(node) {
                *total += self.values[n];
            }
        }
    }
}

/// One tree as it arrives, complete to `depth`.
struct Complete<'a> {
    feature: &'a [i64],
    threshold: &'a [f64],
    leaves: &'a [f64],
    depth: u32,
}

impl Complete<'_> {
    /// The slot a row at `slot` (on `level`) really decides at: past every slot whose
    /// threshold is +inf (no row goes right there: the layout's fill under a shallow leaf).
    fn skip_always_left(&self, mut slot: usize, mut level: u32) -> (usize, u32) {
        while level < self.depth && self.threshold[slot] == f64::INFINITY {
            slot = 2 * slot + 1;
            level += 1;
        }
        (slot, level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forest_of(f: &[i64], t: &[f64], v: &[f64], depth: u32, bias: f64) -> Forest {
        Forest::new(f.to_vec(), t.to_vec(), v.to_vec(), depth, bias).unwrap()
    }

    /// The complete-layout walk the compact one replaced, as the reference.
    fn complete_raw(f: &[i64], t: &[f64], v: &[f64], depth: u32, bias: f64, row: &[f64]) -> f64 {
        let inner = (1usize << depth) - 1;
        let mut total = bias;
        for tree in 0..f.len() / inner {
            let mut n = 0usize;
            for _ in 0..depth {
                let at = tree * inner + n;
                n = 2 * n + 1 + (row[f[at] as usize] > t[at]) as usize;
            }
            total += v[tree * (inner + 1) + n - inner];
        }
        total
    }

    #[test]
    fn compact_trees_sum_as_the_complete_ones() {
        let depth = 3;
        let inf = f64::INFINITY;
        // Tree 1: a full tree. Tree 2: a leaf at the root (every slot +inf). Tree 3: a
        // leaf on the left at level 1, splits on the right.
        let feature = vec![
            0, 1, 2, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 1,
        ];
        let threshold = vec![
            0.5, 1.5, -1.0, 0.0, 2.0, 3.0, -2.0, //
            inf, inf, inf, inf, inf, inf, inf, //
            0.0, inf, 1.0, inf, inf, 0.25, 7.0,
        ];
        let leaves: Vec<f64> = (0..24).map(|i| i as f64 * 0.125 - 1.0).collect();
        let leaves: Vec<f64> = leaves
            .iter()
            .enumerate()
            .map(|(i, &v)| match i {
                8..=15 => 0.75,            // tree 2: one leaf
                16..=19 => 0.5 + i as f64, // tree 3's left leaf fills its four slots
                _ => v,
            })
            .collect();
        let forest = forest_of(&feature, &threshold, &leaves, depth, 0.1);
        let mut rows = Vec::new();
        for a in [-3.0, -1.0, 0.0, 0.3, 0.5, 1.0, 2.5, f64::NAN, 9.0] {
            for b in [-1.0, 1.0, 1.5, 2.0, 3.0] {
                for c in [-2.0, 0.25, 7.0, 8.0] {
                    rows.push([a, b, c]);
                }
            }
        }
        let flat: Vec<f64> = rows.iter().flatten().copied().collect();
        let got = forest.raw(&flat, rows.len(), 3).unwrap();
        for (row, g) in rows.iter().zip(got) {
            let want = complete_raw(&feature, &threshold, &leaves, depth, 0.1, row);
            assert_eq!(g.to_bits(), want.to_bits(), "{row:?}");
        }
        assert_eq!(forest.width(), 3);
        // What `walk`'s unchecked loads rely on: every node's children are nodes (a leaf
        // only ever goes to its own left, itself).
        for (i, n) in forest.nodes.iter().enumerate() {
            if n.threshold == f64::INFINITY {
                assert_eq!(n.left as usize, i, "a leaf is its own left child");
            } else {
                assert!((n.left as usize + 1) < forest.nodes.len());
                assert!((n.feature as usize) < forest.width());
            }
        }
    }

    #[test]
    fn every_row_count_sums_as_the_complete_trees() {
        // Twenty random trees of depth 4 over 5 features (some slots +inf: shallow leaves),
        // and 1 to 70 rows: the lanes of 32 and 8 and the rows left over, walked eight
        // trees at a time, must all add in the trees' order.
        let (depth, trees, cols) = (4u32, 20usize, 5usize);
        let inner = (1usize << depth) - 1;
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut feature = Vec::new();
        let mut threshold = Vec::new();
        for _ in 0..trees * inner {
            feature.push((next() % cols as u64) as i64);
            threshold.push(if next() % 5 == 0 {
                f64::INFINITY
            } else {
                (next() % 100) as f64 / 10.0 - 5.0
            });
        }
        let leaves: Vec<f64> = (0..trees * (inner + 1))
            .map(|_| (next() % 2001) as f64 / 1000.0 - 1.0)
            .collect();
        let forest = forest_of(&feature, &threshold, &leaves, depth, 0.25);
        for rows in 1..=70 {
            let x: Vec<f64> = (0..rows * cols)
                .map(|_| (next() % 120) as f64 / 10.0 - 6.0)
                .collect();
            let got = forest.raw(&x, rows, cols).unwrap();
            for (r, g) in got.iter().enumerate() {
                let row = &x[r * cols..(r + 1) * cols];
                let want = complete_raw(&feature, &threshold, &leaves, depth, 0.25, row);
                assert_eq!(g.to_bits(), want.to_bits(), "{rows} rows, row {r}");
            }
        }
    }
}
