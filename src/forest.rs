//! Gradient-boosted trees evaluated from arrays: every tree a complete binary tree of the
//! forest's depth, so a row's next node is `2 * node + 1 + (x > threshold)`.

/// Rows walked through a tree together (see `Forest::raw`), and how many walk together in
/// what is left over. Measured on the corpus pages' matrices (ms a page, first pass /
/// second pass): 8 lanes 0.234-0.245 / 0.115-0.122; 16: 0.216-0.226 / 0.089-0.093; 32:
/// 0.208-0.224 / 0.084-0.088.
const LANES: usize = 32;
const FEW_LANES: usize = 8;
/// Rows scored together by every tree before the next rows (a few hundred kilobytes of a
/// matrix: they stay in cache while the trees pass).
const ROW_BLOCK: usize = 256;

pub struct Forest {
    feature: Vec<u32>,
    threshold: Vec<f64>,
    leaves: Vec<f64>,
    trees: usize,
    depth: u32,
    bias: f64,
    width: usize,
}

impl Forest {
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
        let feature: Vec<u32> = feature.into_iter().map(|f| f as u32).collect();
        let width = feature.iter().map(|&f| f as usize + 1).max().unwrap_or(0);
        Ok(Forest {
            feature,
            threshold,
            leaves,
            trees,
            depth,
            bias,
            width,
        })
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

    /// Add every tree's leaf value to `totals`, one a row of the row-major `x`.
    fn add_trees(&self, x: &[f64], cols: usize, totals: &mut [f64]) {
        let rows = totals.len();
        let inner = (1usize << self.depth) - 1;
        // Tree by tree over the rows: one tree's nodes stay in the fastest cache while the
        // rows pass through it (row by row, a deep forest's nodes would not fit).
        for t in 0..self.trees {
            let tree = Tree {
                feature: &self.feature[t * inner..(t + 1) * inner],
                threshold: &self.threshold[t * inner..(t + 1) * inner],
                leaves: &self.leaves[t * (inner + 1)..(t + 1) * (inner + 1)],
                depth: self.depth,
            };
            let many = rows - rows % LANES;
            let few = many + (rows - many) / FEW_LANES * FEW_LANES;
            tree.walk::<LANES>(&x[..many * cols], cols, &mut totals[..many]);
            tree.walk::<FEW_LANES>(&x[many * cols..few * cols], cols, &mut totals[many..few]);
            tree.walk::<1>(&x[few * cols..rows * cols], cols, &mut totals[few..]);
        }
    }
}

/// One tree of a forest, complete to the forest's depth.
struct Tree<'a> {
    feature: &'a [u32],
    threshold: &'a [f64],
    leaves: &'a [f64],
    depth: u32,
}

impl Tree<'_> {
    /// Add the tree's leaf value to `totals`, `N` rows of `x` at a time (`totals.len()` is a
    /// multiple of `N`): the rows' node-to-node chains of dependent loads are independent,
    /// so the processor overlaps them (one row alone waits on each).
    fn walk<const N: usize>(&self, x: &[f64], cols: usize, totals: &mut [f64]) {
        let inner = self.feature.len();
        for (c, lane_totals) in totals.chunks_exact_mut(N).enumerate() {
            let base = c * N * cols;
            let mut node = [0usize; N];
            for _ in 0..self.depth {
                for (l, n) in node.iter_mut().enumerate() {
                    let f = self.feature[*n] as usize;
                    *n = 2 * *n + 1 + (x[base + l * cols + f] > self.threshold[*n]) as usize;
                }
            }
            for (total, n) in lane_totals.iter_mut().zip(node) {
                *total += self.leaves[n - inner];
            }
        }
    }
}
