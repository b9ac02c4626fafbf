//! The article cleaner's compiled core (`cleaner._core`), called from Python through PyO3.
//!
//! The hot path moves here a piece at a time behind the same Python API: for now
//! segmentation and unwrapping, the per-block measures and shapes, the lexicon matching and
//! the junk rules, repeats, language identification, the labeller's matrices, tree
//! evaluation and sequence pass, the naming of removals, the page confidence's row, and an
//! HTML page's visible lines with their markup. Every entry point releases the GIL while it
//! computes, so threads of one process clean documents in parallel.

use numpy::{
    IntoPyArray, PyArray1, PyArray2, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;

mod classes;
mod confidence;
mod forest;
mod huge;
mod jusclass;
mod langid;
mod lexicon;
mod markdown;
mod markup;
mod matrix;
mod measure;
mod pystr;
mod removals;
mod repeats;
mod rules;
mod sample;
mod segment;
mod sequence;
mod shapes;
mod tags;
mod title;
mod unwrap;
mod vocab;

use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

pyo3::create_exception!(
    _core,
    CoreError,
    pyo3::exceptions::PyRuntimeError,
    "The compiled core failed (a panic caught at its boundary): a bug, never the input's fault."
);

pyo3::create_exception!(
    _core,
    TooManyLines,
    pyo3::exceptions::PyValueError,
    "The text has more non-blank lines than the caller allows (`segment`'s `max_lines`)."
);

/// Runs `f`, turning a panic into `CoreError` so that no panic reaches Python as a crash
/// (`cleaner.clean` raises it as `cleaner.InternalError`).
fn guarded<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        CoreError::new_err(format!("the compiled core failed: {msg}"))
    })
}

/// A forest of gradient-boosted trees, handed over as complete binary trees of one depth
/// (`cleaner.trees.Forest._complete` makes that layout from the shipped arrays) and kept
/// compact (`forest::Forest`).
#[pyclass(frozen, module = "cleaner._core")]
struct Forest {
    inner: forest::Forest,
}

#[pymethods]
impl Forest {
    #[new]
    fn new(
        feature: PyReadonlyArray1<'_, i64>,
        threshold: PyReadonlyArray1<'_, f64>,
        leaves: PyReadonlyArray1<'_, f64>,
        depth: u32,
        bias: f64,
    ) -> PyResult<Self> {
        let inner = forest::Forest::new(
            feature.as_slice()?.to_vec(),
            threshold.as_slice()?.to_vec(),
            leaves.as_slice()?.to_vec(),
            depth,
            bias,
        )
        .map_err(PyValueError::new_err)?;
        Ok(Forest { inner })
    }

    /// The summed log-odds of each row of `x` (rows x features, float64, C order).
    fn raw<'py>(
        &self,
        py: Python<'py>,
        x: PyReadonlyArray2<'py, f64>,
    ) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let shape = x.shape();
        let (rows, cols) = (shape[0], shape[1]);
        let data = x
            .as_slice()
            .map_err(|_| PyValueError::new_err("x must be C-contiguous"))?;
        let out = py
            .allow_threads(|| guarded(|| self.inner.raw(data, rows, cols)))?
            .map_err(PyValueError::new_err)?;
        Ok(out.into_pyarray(py))
    }

    /// How many features a row must have at least.
    #[getter]
    fn width(&self) -> usize {
        self.inner.width()
    }
}

/// The UTF-8 of each Python string, borrowed: Python keeps it with the string (made on the
/// first request for one beyond ASCII), so a page's texts are not copied at every call.
/// The strings live as long as `texts`, and a `str` never changes, so the borrows may be
/// read with the GIL released.
fn borrowed<'a>(texts: &'a [Bound<'_, PyString>]) -> PyResult<Vec<&'a str>> {
    texts.iter().map(|t| t.to_str()).collect()
}

/// What a block repeats: ("duplicate" or "teaser", the other block, glued characters).
type RepeatMark = (&'static str, usize, usize);

/// Which blocks repeat another (`cleaner.repeats.mark_repeats`): None, or ("duplicate",
/// the earlier block, 0) or ("teaser", the block teased, characters of a section name
/// glued before the teaser); releases the GIL.
#[pyfunction]
fn mark_repeats<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    final_: Vec<bool>,
    junk_rule: Vec<bool>,
    ellipsis: Vec<bool>,
    remove_duplicates: bool,
) -> PyResult<Vec<Option<RepeatMark>>> {
    let texts = borrowed(&texts)?;
    let n = texts.len();
    if [final_.len(), junk_rule.len(), ellipsis.len()] != [n; 3] {
        return Err(PyValueError::new_err(
            "the per-block lists differ in length",
        ));
    }
    py.allow_threads(|| {
        guarded(|| {
            repeats::mark_repeats(&texts, &final_, &junk_rule, &ellipsis, remove_duplicates)
                .into_iter()
                .map(|m| match m {
                    Some(repeats::Mark::Duplicate(first)) => Some(("duplicate", first, 0)),
                    Some(repeats::Mark::Teaser(other, glued)) => Some(("teaser", other, glued)),
                    None => None,
                })
                .collect()
        })
    })
}

/// Python's `str.casefold` as the core computes it (for the tests).
#[pyfunction]
fn casefold(text: &str) -> String {
    repeats::casefold(text)
}

/// How the core reads Python's `str.isalpha`, `str.islower` and `str.isupper` of each
/// character of `text` (bits 1, 2 and 4; for the tests).
#[pyfunction]
fn char_kinds(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            pystr::py_alpha(c) as u8
                | (pystr::py_lower(c) as u8) << 1
                | (pystr::py_upper(c) as u8) << 2
        })
        .collect()
}

/// Length, words, terminal, sentences and stop-word density of each block (`Features`).
type RemovedMeasures = (Vec<usize>, Vec<usize>, Vec<bool>, Vec<usize>, Vec<f64>);

/// The new kind, rule id and reason of each removed block of raw text
/// (`cleaner.labeller.name_removed`; None where a block keeps its own), from the blocks'
/// decisions, rules and measures, in one call; releases the GIL.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn name_removed<'py>(
    py: Python<'py>,
    kept: Vec<bool>,
    final_: Vec<bool>,
    junk_rule: Vec<bool>,
    rule: Vec<Bound<'py, PyString>>,
    kind: Vec<Bound<'py, PyString>>,
    reason: Vec<Bound<'py, PyString>>,
    measures: RemovedMeasures,
    p1: Vec<f64>,
    p2: Vec<f64>,
    caption: Vec<bool>,
    cutoff: f64,
    short_chars: usize,
    threshold: f64,
) -> PyResult<Vec<Option<removals::Named>>> {
    let (length, words, terminal, sentences, stop_density) = measures;
    let (rule, kind, reason) = (borrowed(&rule)?, borrowed(&kind)?, borrowed(&reason)?);
    let n = kept.len();
    let lengths = [
        final_.len(),
        junk_rule.len(),
        rule.len(),
        kind.len(),
        reason.len(),
        length.len(),
        words.len(),
        terminal.len(),
        sentences.len(),
        stop_density.len(),
        p1.len(),
        p2.len(),
        caption.len(),
    ];
    if lengths.iter().any(|&m| m != n) {
        return Err(PyValueError::new_err(
            "the per-block lists differ in length",
        ));
    }
    let scales = removals::Scales {
        cutoff,
        short_chars,
        threshold,
    };
    py.allow_threads(|| {
        guarded(|| {
            let blocks: Vec<removals::Block> = (0..n)
                .map(|i| removals::Block {
                    kept: kept[i],
                    final_: final_[i],
                    junk_rule: junk_rule[i],
                    rule: rule[i],
                    kind: kind[i],
                    reason: reason[i],
                    length: length[i],
                    words: words[i],
                    terminal: terminal[i],
                    sentences: sentences[i],
                    stop_density: stop_density[i],
                    p1: p1[i],
                    p2: p2[i],
                    caption: caption[i],
                })
                .collect();
            removals::name_removed(&blocks, &scales)
        })
    })
}

/// The likeliest keep / remove path (Viterbi) for probabilities `p` of blocks `chars`
/// characters long (see `cleaner.labeller.smooth`).
#[pyfunction]
fn smooth(
    py: Python<'_>,
    p: Vec<f64>,
    chars: Vec<usize>,
    cut: f64,
    stay: f64,
) -> PyResult<Vec<bool>> {
    if !(cut > 0.0 && cut < 1.0 && stay > 0.0 && stay < 1.0) {
        return Err(PyValueError::new_err(
            "cut and stay must lie strictly between 0 and 1",
        ));
    }
    if chars.len() != p.len() {
        return Err(PyValueError::new_err(
            "one length a probability: chars and p differ in length",
        ));
    }
    py.allow_threads(|| guarded(|| sequence::smooth(&p, &chars, cut, stay)))
}

/// Which blocks of raw text are kept (`sequence::decisions`, `cleaner.labeller.raw_decisions`):
/// scores `p`, lengths `chars`, the rules' flags (`junk`, `final_`, `hinted`, `copy_of`,
/// `figures`), and `bars`: (cut, stay, rule margin, rescue floor, rescue share), `rescue`,
/// `short_chars`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn decisions(
    py: Python<'_>,
    p: Vec<f64>,
    chars: Vec<usize>,
    junk: Vec<bool>,
    final_: Vec<bool>,
    hinted: Vec<bool>,
    copy_of: Vec<i64>,
    figures: Vec<bool>,
    bars: (f64, f64, f64, f64, f64),
    rescue: bool,
    short_chars: usize,
) -> PyResult<Vec<bool>> {
    let (cut, stay, rule_margin, rescue_floor, rescue_share) = bars;
    if !(cut > 0.0 && cut < 1.0 && stay > 0.0 && stay < 1.0) {
        return Err(PyValueError::new_err(
            "cut and stay must lie strictly between 0 and 1",
        ));
    }
    let n = p.len();
    if [
        chars.len(),
        junk.len(),
        final_.len(),
        hinted.len(),
        copy_of.len(),
        figures.len(),
    ]
    .iter()
    .any(|&m| m != n)
    {
        return Err(PyValueError::new_err(
            "one entry a block: the scores and the flags differ in length",
        ));
    }
    let flags = sequence::Flags {
        junk: &junk,
        final_: &final_,
        hinted: &hinted,
        copy_of: &copy_of,
        figures: &figures,
    };
    let bars = sequence::Bars {
        cut,
        stay,
        rule_margin,
        rescue,
        rescue_floor,
        rescue_share,
        short_chars,
    };
    py.allow_threads(|| guarded(|| sequence::decisions(&p, &chars, &flags, &bars)))
}

/// Each text with its Markdown links written as their text (`markdown::plain_links`), or
/// None where it has none to write so.
#[pyfunction]
fn plain_links(py: Python<'_>, texts: Vec<String>) -> PyResult<Vec<Option<String>>> {
    py.allow_threads(|| guarded(|| texts.iter().map(|t| markdown::plain_links(t)).collect()))
}

/// Which texts are nothing but Markdown links with no text (`markdown::textless_links`).
#[pyfunction]
fn textless_links(py: Python<'_>, texts: Vec<String>) -> PyResult<Vec<bool>> {
    py.allow_threads(|| guarded(|| texts.iter().map(|t| markdown::textless_links(t)).collect()))
}

/// Each text without its Markdown images (`markdown::without_images`), or None where it has
/// none.
#[pyfunction]
fn without_images(py: Python<'_>, texts: Vec<String>) -> PyResult<Vec<Option<String>>> {
    py.allow_threads(|| guarded(|| texts.iter().map(|t| markdown::without_images(t)).collect()))
}

/// The shape shares of each text (`cleaner.blockfeatures.TextStats`, one row a text);
/// `words` are the texts' token counts.
#[pyfunction]
fn text_stats<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    words: Vec<usize>,
) -> PyResult<Bound<'py, numpy::PyArray2<f64>>> {
    same_length(texts.len(), words.len(), "texts and words")?;
    let flat: Vec<f64> = py.allow_threads(|| {
        guarded(|| {
            texts
                .iter()
                .zip(&words)
                .flat_map(|(t, &w)| shapes::text_stats(t, w))
                .collect()
        })
    })?;
    rows_to_array(py, flat, shapes::FIELDS)
}

/// A ValueError unless two paired lists (`what`) have the same length.
fn same_length(a: usize, b: usize, what: &str) -> PyResult<()> {
    if a == b {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!("{what} differ in length")))
    }
}

/// Rows of `cols` values into a 2-D numpy array.
fn rows_to_array<T: numpy::Element>(
    py: Python<'_>,
    flat: Vec<T>,
    cols: usize,
) -> PyResult<Bound<'_, PyArray2<T>>> {
    let rows = flat.len().checked_div(cols).unwrap_or(0);
    numpy::ndarray::Array2::from_shape_vec((rows, cols), flat)
        .map(|a| a.into_pyarray(py))
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A C-contiguous float64 matrix of `rows` x `cols`, or a ValueError naming `what`.
fn matrix_slice<'a>(
    x: &'a PyReadonlyArray2<'_, f64>,
    rows: usize,
    cols: usize,
    what: &str,
) -> PyResult<&'a [f64]> {
    if x.shape() != [rows, cols] {
        return Err(PyValueError::new_err(format!(
            "{what} must be {rows} x {cols}"
        )));
    }
    x.as_slice()
        .map_err(|_| PyValueError::new_err(format!("{what} must be C-contiguous")))
}

/// An optional column index (-1: none) checked against the number of columns.
fn column_index(i: i64, limit: usize, what: &str) -> PyResult<Option<usize>> {
    match i {
        -1 => Ok(None),
        _ if i >= 0 && (i as usize) < limit => Ok(Some(i as usize)),
        _ => Err(PyValueError::new_err(format!(
            "{what} index {i} out of range"
        ))),
    }
}

/// The labeller's first-pass matrix (`cleaner.blockfeatures.block_matrix`): `measures`
/// (blocks x 8, `Features` order), `stats` (blocks x 11, `TextStats` order) and `vocab`
/// (blocks x 4, `VOCAB_FEATURES`); for each
/// block whether a blank line came before it, its rule and kind columns (-1: none), its
/// jusText class column and whether its rule is final; and the logarithms numpy computed
/// (`logs`: blocks x 4, log1p of length, words and stop words and ln of the text's count;
/// `small`: log1p(k) for k = 0..=max(blocks, FAR); `log_prose_len`). Each row is followed
/// by `spare` zeros: room for the second pass's columns, written in place.
#[pyfunction]
#[pyo3(signature = (measures, stats, vocab, blank_before, rule, kind, class, rule_final, logs, small, log_prose_len, has_stoplist, spare=0))]
#[allow(clippy::too_many_arguments)]
fn block_matrix<'py>(
    py: Python<'py>,
    measures: PyReadonlyArray2<'py, f64>,
    stats: PyReadonlyArray2<'py, f64>,
    vocab: PyReadonlyArray2<'py, f64>,
    blank_before: Vec<bool>,
    rule: Vec<i64>,
    kind: Vec<i64>,
    class: Vec<usize>,
    rule_final: Vec<bool>,
    logs: PyReadonlyArray2<'py, f64>,
    small: PyReadonlyArray1<'py, f64>,
    log_prose_len: f64,
    has_stoplist: bool,
    spare: usize,
) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let n = blank_before.len();
    if [rule.len(), kind.len(), class.len(), rule_final.len()] != [n; 4] {
        return Err(PyValueError::new_err(
            "the per-block lists differ in length",
        ));
    }
    let m = matrix_slice(&measures, n, matrix::MEASURES, "measures")?;
    let s = matrix_slice(&stats, n, matrix::STATS, "stats")?;
    let v = matrix_slice(&vocab, n, matrix::VOCAB, "vocab")?;
    let l = matrix_slice(&logs, n, 4, "logs")?;
    let small = small_logs(&small, n)?;
    let mut facts = Vec::with_capacity(n);
    for i in 0..n {
        if class[i] >= matrix::CLASSES {
            return Err(PyValueError::new_err(format!(
                "class index {} out of range",
                class[i]
            )));
        }
        facts.push(matrix::BlockFacts {
            blank_before: blank_before[i],
            rule: column_index(rule[i], matrix::RULES, "rule")?,
            kind: column_index(kind[i], matrix::KINDS, "kind")?,
            class: class[i],
            rule_final: rule_final[i],
        });
    }
    let column = |j: usize| -> Vec<f64> { (0..n).map(|i| l[i * 4 + j]).collect() };
    let (length, words, stopwords, count) = (column(0), column(1), column(2), column(3));
    let flat = py.allow_threads(|| {
        guarded(|| {
            let logs = matrix::Logs {
                length: &length,
                words: &words,
                stopwords: &stopwords,
                count: &count,
                small,
                prose_len: log_prose_len,
            };
            matrix::block_matrix(m, s, v, &facts, &logs, has_stoplist, spare)
        })
    })?;
    rows_to_array(py, flat, matrix::WIDTH + spare)
}

/// The table of log1p(k), checked to reach max(blocks, FAR).
fn small_logs<'a>(small: &'a PyReadonlyArray1<'_, f64>, blocks: usize) -> PyResult<&'a [f64]> {
    let table = small.as_slice()?;
    if table.len() <= blocks.max(matrix::FAR as usize) {
        return Err(PyValueError::new_err(
            "small must hold log1p(k) up to max(blocks, FAR)",
        ));
    }
    Ok(table)
}

/// The page-confidence model's row (`cleaner.labeller.confidence_features`) from the
/// blocks' second- and first-pass scores `p` and `p1`, lengths `chars` and decisions
/// `kept`, and numpy's log1p of the page's characters, blocks, kept characters and removed
/// long characters.
#[pyfunction]
fn confidence_row(
    py: Python<'_>,
    p: Vec<f64>,
    p1: Vec<f64>,
    chars: Vec<f64>,
    kept: Vec<bool>,
    logs: [f64; 4],
) -> PyResult<Vec<f64>> {
    let n = p.len();
    same_length(n, p1.len(), "p and p1")?;
    same_length(n, chars.len(), "p and chars")?;
    same_length(n, kept.len(), "p and kept")?;
    if n == 0 {
        return Err(PyValueError::new_err(
            "a page without blocks has no confidence row",
        ));
    }
    py.allow_threads(|| {
        guarded(|| confidence::confidence_row(&p, &p1, &chars, &kept, logs).to_vec())
    })
}

/// Each block's jusText class and the page's stop-word bar, from the blocks' `Features`
/// rows (booleans as 0 and 1) and the `Options` bars, by `classify_page`'s own
/// `jusclass::classes_and_bar` (for the tests, which hold them to a block-at-a-time
/// reference).
#[pyfunction]
fn page_classes(
    measured: PyReadonlyArray2<'_, f64>,
    has_stoplist: bool,
    bars: (f64, f64, f64, f64),
) -> PyResult<(Vec<isize>, f64)> {
    let rows = measured.shape()[0];
    let m = matrix_slice(&measured, rows, 8, "measured")?;
    let blocks: Vec<jusclass::Measures> = m
        .chunks_exact(8)
        .map(|r| jusclass::Measures {
            length: r[0],
            words: r[1],
            stopwords: r[2],
            stop_density: r[3],
            terminal: r[4] > 0.0,
            sentences: r[5],
        })
        .collect();
    let every: Vec<usize> = (0..rows).collect();
    let (classes, bar) = jusclass::classes_and_bar(&blocks, &every, has_stoplist, &bars.into());
    Ok((classes.into_iter().map(isize::from).collect(), bar))
}

/// The second pass's extra columns (`cleaner.blockfeatures.context_columns`) from the
/// first pass's scores and the blocks' lengths (`small`: log1p(k) for k = 0..=FAR, from
/// numpy).
#[pyfunction]
fn context_columns<'py>(
    py: Python<'py>,
    p1: PyReadonlyArray1<'py, f64>,
    length: PyReadonlyArray1<'py, f64>,
    small: PyReadonlyArray1<'py, f64>,
) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let (p, l) = (p1.as_slice()?, length.as_slice()?);
    same_length(p.len(), l.len(), "p1 and length")?;
    let small = small_logs(&small, 0)?;
    let flat = py.allow_threads(|| guarded(|| matrix::context_columns(p, l, small)))?;
    rows_to_array(py, flat, matrix::SECOND)
}

/// The title scorer's matrix (`cleaner.title.title_matrix`): each candidate's row of `x`
/// and the title columns. `texts` are the blocks from `base` to the last candidate;
/// `cands` the candidates' indices in page order (the page's top candidate first), with
/// their first- and second-pass scores, whether each is kept, whether a rule fired on it,
/// and their case-folded texts; `body` the article's opening (kept blocks, case-folded) and
/// `body_at` their indices; `first_line` the page's first block, case-folded, when it is no
/// candidate (`title::title_columns`).
/// Also the pieces of the top candidate's text (`title::pieces`), whose rows follow the
/// candidates'.
#[pyfunction]
#[pyo3(signature = (x, texts, base, cands, first_kept, p1, p2, kept, rule, folded, body, body_at, first_line=None))]
#[allow(clippy::too_many_arguments)]
fn title_matrix<'py>(
    py: Python<'py>,
    x: PyReadonlyArray2<'py, f64>,
    texts: Vec<Bound<'py, PyString>>,
    base: usize,
    cands: Vec<usize>,
    first_kept: usize,
    p1: Vec<f64>,
    p2: Vec<f64>,
    kept: Vec<bool>,
    rule: Vec<bool>,
    folded: Vec<Bound<'py, PyString>>,
    body: Vec<Bound<'py, PyString>>,
    body_at: Vec<usize>,
    first_line: Option<Bound<'py, PyString>>,
) -> PyResult<(Bound<'py, PyArray2<f64>>, Vec<String>)> {
    let first_line = first_line.as_ref().map(|s| s.to_str()).transpose()?;
    let (texts, folded, body) = (borrowed(&texts)?, borrowed(&folded)?, borrowed(&body)?);
    if body_at.len() != body.len() {
        return Err(PyValueError::new_err("body and body_at differ in length"));
    }
    // Any layout: the labeller hands its first-pass columns as a view of a wider matrix.
    let x = x.as_array();
    let (rows, cols) = x.dim();
    let k = cands.len();
    if [p1.len(), p2.len(), kept.len(), rule.len(), folded.len()] != [k; 5] {
        return Err(PyValueError::new_err(
            "the per-candidate lists differ in length",
        ));
    }
    let in_range = cands.windows(2).all(|w| w[0] < w[1])
        && cands
            .iter()
            .all(|&i| i >= base && i - base < texts.len() && i < rows)
        && first_kept >= base;
    if !in_range {
        return Err(PyValueError::new_err(
            "candidates must rise, lie within texts and x, and not above base",
        ));
    }
    let opening: Vec<(usize, &str)> = body_at.iter().copied().zip(body.iter().copied()).collect();
    let (flat, parts) = py.allow_threads(|| {
        guarded(|| {
            let candidates: Vec<title::Candidate<'_>> = (0..k)
                .map(|j| title::Candidate {
                    index: cands[j],
                    p1: p1[j],
                    p2: p2[j],
                    kept: kept[j],
                    rule: rule[j],
                    text: texts[cands[j] - base],
                    folded: folded[j],
                })
                .collect();
            let (extra, parts) =
                title::title_columns(&texts, base, &candidates, first_kept, &opening, first_line);
            let n = extra.len() / title::COLUMNS;
            let mut out = Vec::with_capacity(n * (cols + title::COLUMNS));
            for j in 0..n {
                // The top line's pieces follow the candidates, each on the top line's row.
                let i = cands[if j < k { j } else { 0 }];
                let row = x.row(i);
                match row.as_slice() {
                    Some(values) => out.extend_from_slice(values),
                    None => out.extend(row.iter().copied()),
                }
                out.extend_from_slice(&extra[j * title::COLUMNS..(j + 1) * title::COLUMNS]);
            }
            (out, parts)
        })
    })?;
    Ok((rows_to_array(py, flat, cols + title::COLUMNS)?, parts))
}

/// A regular expression compiled by the core (Rust's `regex`: a finite automaton, time
/// linear in the text), for patterns a Python library owns and the core runs faster:
/// ftfy's mojibake heuristic (`cleaner.normalise`).
#[pyclass(frozen, module = "cleaner._core")]
struct Matcher {
    rx: regex::Regex,
}

#[pymethods]
impl Matcher {
    #[new]
    fn new(pattern: &str) -> PyResult<Self> {
        regex::RegexBuilder::new(pattern)
            .size_limit(1 << 24)
            .build()
            .map(|rx| Matcher { rx })
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Whether the pattern matches anywhere in `text`.
    fn search(&self, py: Python<'_>, text: &str) -> PyResult<bool> {
        py.allow_threads(|| guarded(|| self.rx.is_match(text)))
    }
}

/// A stop-word list (case-folded words), made once per list and shared by every document.
#[pyclass(frozen, module = "cleaner._core")]
struct StopList {
    words: rustc_hash::FxHashSet<String>,
}

#[pymethods]
impl StopList {
    #[new]
    fn new(words: HashSet<String>) -> Self {
        // The list's own words are the keys: a fast unseeded hash serves.
        StopList {
            words: words.into_iter().collect(),
        }
    }

    fn __len__(&self) -> usize {
        self.words.len()
    }
}

/// One block's measures, in `cleaner.features.Features` order.
type MeasureRow = (usize, usize, usize, f64, bool, usize, bool, bool);

/// The measures of each text (`folded` holds their case foldings) against `stops`.
#[pyfunction]
#[pyo3(name = "measure")]
fn measure_texts(
    py: Python<'_>,
    texts: Vec<String>,
    folded: Vec<String>,
    stops: &StopList,
) -> PyResult<Vec<MeasureRow>> {
    same_length(texts.len(), folded.len(), "texts and folded")?;
    py.allow_threads(|| {
        guarded(|| {
            texts
                .iter()
                .zip(&folded)
                .map(|(t, f)| {
                    let m = measure::measure(t, f, &stops.words);
                    (
                        m.length,
                        m.words,
                        m.stopwords,
                        m.stop_density,
                        m.terminal,
                        m.sentences,
                        m.ellipsis,
                        m.has_url,
                    )
                })
                .collect()
        })
    })
}

/// The learned junk vocabulary (`vocab`): word -> log-odds of junk, loaded once from the
/// model's file, or made from a fold's counts by the training build.
#[pyclass(frozen, module = "cleaner._core")]
struct Vocabulary {
    table: vocab::Table,
}

#[pymethods]
impl Vocabulary {
    /// From the shipped file's text: one "word<TAB>log-odds" a line.
    #[new]
    fn new(text: &str) -> PyResult<Self> {
        vocab::Table::parse(text)
            .map(|table| Vocabulary { table })
            .map_err(|e| PyValueError::new_err(format!("vocabulary: {e}")))
    }

    /// From words and their log-odds (the training build's fold tables).
    #[staticmethod]
    fn from_pairs(words: Vec<String>, values: Vec<f64>) -> PyResult<Self> {
        same_length(words.len(), values.len(), "words and values")?;
        vocab::Table::new(words.into_iter().zip(values))
            .map(|table| Vocabulary { table })
            .map_err(|e| PyValueError::new_err(format!("vocabulary: {e}")))
    }

    fn __len__(&self) -> usize {
        self.table.known()
    }

    /// The columns (`blockfeatures.VOCAB_FEATURES`) of each of `texts`, case-folded here.
    fn columns<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
    ) -> PyResult<Bound<'py, PyArray2<f64>>> {
        let texts = borrowed(&texts)?;
        let flat = py.allow_threads(|| {
            guarded(|| {
                let (mut buf, mut scratch) = (Vec::new(), vocab::Scratch::default());
                let mut flat = Vec::with_capacity(texts.len() * vocab::COLUMNS);
                for t in &texts {
                    let folded = repeats::casefold(t);
                    vocab::words_in_order(&folded, &mut buf);
                    flat.extend(self.table.columns_of(&folded, &buf, &mut scratch));
                }
                flat
            })
        })?;
        rows_to_array(py, flat, vocab::COLUMNS)
    }
}

/// What `count_words` returns: the words, and per word the blocks holding it by fold and
/// label (folds x 2 columns) and the sites holding it by fold.
type WordCounts<'py> = (
    Vec<String>,
    Bound<'py, numpy::PyArray2<u32>>,
    Bound<'py, numpy::PyArray2<u32>>,
);

/// The training build's word counts (`vocab::count`) over `texts` (blocks, case-folded
/// here), each with its label (0 junk), fold (< `folds`) and site.
#[pyfunction]
fn count_words<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    label: Vec<u8>,
    fold: Vec<u8>,
    site: Vec<u32>,
    folds: usize,
) -> PyResult<WordCounts<'py>> {
    let n = texts.len();
    if [label.len(), fold.len(), site.len()] != [n; 3] {
        return Err(PyValueError::new_err(
            "the per-block lists differ in length",
        ));
    }
    if folds == 0 || fold.iter().any(|&f| usize::from(f) >= folds) {
        return Err(PyValueError::new_err("a fold out of range"));
    }
    let texts = borrowed(&texts)?;
    let counts = py.allow_threads(|| {
        guarded(|| {
            let folded: Vec<String> = texts.iter().map(|t| repeats::casefold(t)).collect();
            vocab::count(
                folded.iter().map(String::as_str),
                &label,
                &fold,
                &site,
                folds,
            )
        })
    })?;
    Ok((
        counts.words,
        rows_to_array(py, counts.blocks, folds * 2)?,
        rows_to_array(py, counts.sites, folds)?,
    ))
}

/// The rules look at lines, not long paragraphs (a URL in one may still make it junk).
fn judged(m: &measure::Measure) -> bool {
    (m.length <= 1000 || m.has_url) && m.words <= 150
}

/// What `classify_page` returns: each block's measures and shapes, its context-free class
/// and the page's stop-word bar, and the rules' findings on distinct texts, each with the
/// blocks that hold it.
type Classified<'py> = (
    Bound<'py, numpy::PyArray2<f64>>,
    Bound<'py, numpy::PyArray2<f64>>,
    Bound<'py, numpy::PyArray1<isize>>,
    f64,
    Vec<(String, Judged, Vec<usize>)>,
    Bound<'py, numpy::PyArray2<f64>>,
);

/// A page's blocks measured, shaped, classed and ruled on in one call, each distinct text
/// measured once (`cleaner.classify.classify_blocks`): for each block its `Features`
/// (booleans as 0 and 1) and `TextStats` rows and its jusText class (an index into
/// `CLASS_COLUMNS`, from `bars`: the `Options` stop-word densities and lengths, and the
/// page's stop-word bar, also returned; see `jusclass`), and (text, finding, blocks) where a
/// junk rule found something in a distinct text (texts up to 1,000 characters or with a URL,
/// and 150 words, are judged). Texts are case-folded as `str.casefold` does; the rules read
/// the fold with straight apostrophes.
#[pyfunction]
fn classify_page<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    stops: &StopList,
    lexicon: &Lexicon,
    has_stoplist: bool,
    bars: (f64, f64, f64, f64),
    vocabulary: &Vocabulary,
) -> PyResult<Classified<'py>> {
    let bars = jusclass::Bars::from(bars);
    let texts = borrowed(&texts)?;
    let (measured, shaped, classes, threshold, found, vocab_rows) = py.allow_threads(|| {
        guarded(|| {
            let mut row_of: FxHashMap<&str, usize> =
                FxHashMap::with_capacity_and_hasher(texts.len(), Default::default());
            let mut distinct: Vec<&str> = Vec::new();
            let rows: Vec<usize> = texts
                .iter()
                .map(|t| {
                    *row_of.entry(t).or_insert_with(|| {
                        distinct.push(t);
                        distinct.len() - 1
                    })
                })
                .collect();
            let mut measures = Vec::with_capacity(distinct.len());
            let mut shapes_of = Vec::with_capacity(distinct.len());
            let mut found = Vec::new();
            let mut found_row = vec![usize::MAX; distinct.len()];
            let mut known = Vec::with_capacity(distinct.len());
            let (mut words, mut scratch) = (Vec::new(), vocab::Scratch::default());
            for (row, &t) in distinct.iter().enumerate() {
                let folded = repeats::casefold(t);
                let mut sink = vocab::Words::new(&folded, &mut words);
                let m = measure::measure_with(t, &folded, &stops.words, |tok| sink.push(tok));
                sink.close();
                known.push(vocabulary.table.columns_of(&folded, &words, &mut scratch));
                shapes_of.push(shapes::text_stats(t, m.words));
                if judged(&m) {
                    let straight = folded.replace('’', "'");
                    let line = rules::Line {
                        text: t,
                        folded: &straight,
                        length: m.length,
                        words: m.words,
                        terminal: m.terminal,
                    };
                    if let Some(f) = rules::judge(&lexicon.inner, &line) {
                        let judged = (f.rule, f.hit.map(hit_tuple), f.extra, f.maybe_date);
                        found_row[row] = found.len();
                        found.push((t.to_string(), judged, Vec::new()));
                    }
                }
                measures.push(m);
            }
            let classed: Vec<jusclass::Measures> = measures
                .iter()
                .map(|m| jusclass::Measures {
                    length: m.length as f64,
                    words: m.words as f64,
                    stopwords: m.stopwords as f64,
                    stop_density: m.stop_density,
                    terminal: m.terminal,
                    sentences: m.sentences as f64,
                })
                .collect();
            let (row_classes, threshold) =
                jusclass::classes_and_bar(&classed, &rows, has_stoplist, &bars);
            let mut measured = Vec::with_capacity(rows.len() * 8);
            let mut shaped = Vec::with_capacity(rows.len() * shapes::FIELDS);
            let mut classes = Vec::with_capacity(rows.len());
            let mut vocab_rows = Vec::with_capacity(rows.len() * vocab::COLUMNS);
            for (block, &r) in rows.iter().enumerate() {
                vocab_rows.extend_from_slice(&known[r]);
                let m = &measures[r];
                measured.extend([
                    m.length as f64,
                    m.words as f64,
                    m.stopwords as f64,
                    m.stop_density,
                    m.terminal as u8 as f64,
                    m.sentences as f64,
                    m.ellipsis as u8 as f64,
                    m.has_url as u8 as f64,
                ]);
                shaped.extend_from_slice(&shapes_of[r]);
                classes.push(isize::from(row_classes[r]));
                if let Some(f) = found.get_mut(found_row[r]) {
                    f.2.push(block);
                }
            }
            (measured, shaped, classes, threshold, found, vocab_rows)
        })
    })?;
    Ok((
        rows_to_array(py, measured, 8)?,
        rows_to_array(py, shaped, shapes::FIELDS)?,
        numpy::PyArray1::from_vec(py, classes),
        threshold,
        found,
        rows_to_array(py, vocab_rows, vocab::COLUMNS)?,
    ))
}

/// The blocks of `text`: (start, end, normalised text, blank line before, the text with its
/// Markdown images or None), offsets in code points (see `cleaner.segment.segment`); the
/// picture lines (start, end, text) taken apart with `markdown`; the width lines were
/// hard-wrapped at, and whether lines cut inside sentences were joined. `fix`, when given,
/// makes each line's text in place of the core's normalisation (Python's repair of damaged
/// text). With `markdown` (raw text, which may be Markdown), lines a hard wrap cut inside a
/// link or an image are joined back first (`markdown::mend_wrapped_marks`), lines of
/// nothing but images go apart, and each line is judged without its images from the
/// joining of hard-wrapped lines on (`markdown::images_apart`). With `unwrap`, hard-wrapped
/// lines are joined into one block a paragraph (`unwrap::join_wrapped`); with `inline`,
/// lines cut inside a sentence where a link began or ended (`unwrap::join_inline`). A text
/// of more than `max_lines` blocks (before any are joined) raises `TooManyLines` once the
/// one over the limit is cut, before the rest are made.
#[pyfunction]
#[pyo3(name = "segment", signature = (text, fix=None, unwrap=false, inline=false, markdown=false, max_lines=None))]
#[allow(clippy::type_complexity)]
fn segment_text(
    py: Python<'_>,
    text: &str,
    fix: Option<Bound<'_, PyAny>>,
    unwrap: bool,
    inline: bool,
    markdown: bool,
    max_lines: Option<usize>,
) -> PyResult<(
    Vec<(usize, usize, String, bool, Option<String>)>,
    Vec<(usize, usize, String)>,
    Option<usize>,
    bool,
)> {
    // Most pages have no link and no image at all: one search spares their lines the passes.
    let mend = markdown && text.contains("](");
    let images = markdown && text.contains("![");
    let join = |lines: Vec<segment::Line>| {
        // Picture lines go before lines are joined, and images inside lines once hard-wrapped
        // lines are joined (a wrapped line is as long as the wrap made it, images and all;
        // those a wrap cut in two are whole again), before lines cut inside sentences are
        // (the model's training pages have no images).
        let lines = if mend {
            markdown::mend_wrapped_marks(lines)
        } else {
            lines
        };
        let (lines, mut pictures) = if images {
            markdown::images_apart(lines, false)
        } else {
            (lines, Vec::new())
        };
        let (lines, width) = if unwrap {
            unwrap::join_wrapped(lines)
        } else {
            (lines, None)
        };
        let lines = if images {
            let (lines, mut more) = markdown::images_apart(lines, true);
            if !more.is_empty() {
                pictures.append(&mut more);
                pictures.sort_by_key(|l| l.start);
            }
            lines
        } else {
            lines
        };
        if inline {
            let before = lines.len();
            let lines = unwrap::join_inline(lines);
            let joined = lines.len() < before;
            (lines, pictures, width, joined)
        } else {
            (lines, pictures, width, false)
        }
    };
    let most = max_lines.unwrap_or(usize::MAX);
    let refuse = |lines: &[segment::Line]| {
        if lines.len() > most {
            Err(TooManyLines::new_err(most))
        } else {
            Ok(())
        }
    };
    let (lines, pictures, width, joined) = match fix {
        None => py.allow_threads(|| {
            guarded(|| {
                let lines = segment::segment_upto(text, most);
                refuse(&lines).map(|()| join(lines))
            })
        })??,
        Some(f) => {
            let lines = guarded(|| {
                segment::segment_with(text, most, |line| f.call1((line,))?.extract::<String>())
            })??;
            refuse(&lines)?;
            py.allow_threads(|| guarded(|| join(lines)))?
        }
    };
    Ok((
        lines
            .into_iter()
            .map(|l| (l.start, l.end, l.text, l.blank_before, l.images))
            .collect(),
        pictures
            .into_iter()
            .map(|l| (l.start, l.end, l.text))
            .collect(),
        width,
        joined,
    ))
}

/// The language identifier's sample of a page's block `texts` (`cleaner.core
/// ._language_sample`): up to `size` characters of the longest blocks with letters, at most
/// 4/3 `size` UTF-8 bytes, blocks over `max_symbols` punctuation or `max_digits` digits
/// (shares) only when no other block has letters.
#[pyfunction]
fn language_sample<'py>(
    py: Python<'py>,
    texts: Vec<Bound<'py, PyString>>,
    size: usize,
    max_symbols: f64,
    max_digits: f64,
) -> PyResult<String> {
    let texts = borrowed(&texts)?;
    py.allow_threads(|| guarded(|| sample::language_sample(&texts, size, max_symbols, max_digits)))
}

/// How many characters of `text` are punctuation or symbols (`[^\w\s]`) and how many
/// digits (`\d`), as the language sample counts them.
#[pyfunction]
fn symbols_and_digits(text: &str) -> (usize, usize) {
    sample::symbols_and_digits(text)
}

/// Whether `text` has `n` characters of U+0080-U+00FF in a row, no-break spaces aside: the
/// first sign of legacy-encoded text read as a Western code page (`cleaner.recode`).
#[pyfunction]
fn latin1_run(py: Python<'_>, text: &str, n: usize) -> bool {
    py.allow_threads(|| measure::latin1_run(text, n))
}

/// `text` without invisible characters, its white space runs made one space, trimmed, NFC.
#[pyfunction]
#[pyo3(name = "normalise")]
fn normalise_text(py: Python<'_>, text: &str) -> PyResult<String> {
    py.allow_threads(|| guarded(|| segment::normalise(text)))
}

/// The word tokens of the case-folded `folded` (`cleaner.lang.tokens`).
#[pyfunction]
fn tokens(py: Python<'_>, folded: &str) -> PyResult<Vec<String>> {
    py.allow_threads(|| guarded(|| measure::tokens(folded).map(str::to_string).collect()))
}

/// How many word tokens the case-folded `folded` holds.
#[pyfunction]
fn count_tokens(py: Python<'_>, folded: &str) -> PyResult<usize> {
    py.allow_threads(|| guarded(|| measure::count_tokens(folded)))
}

/// Whether `text` shows a sign of mojibake worth a closer look (`cleaner.normalise`).
#[pyfunction]
fn mojibake_hint(py: Python<'_>, text: &str) -> PyResult<bool> {
    py.allow_threads(|| guarded(|| measure::mojibake_hint(text)))
}

/// A lexicon hit as Python sees it: (table, phrase, language, rest, has_sep).
type HitTuple = (String, String, String, String, bool);

fn hit_tuple(h: lexicon::Hit) -> HitTuple {
    (h.table, h.phrase, h.lang, h.rest, h.has_sep)
}

/// What the lexicon finds in one block: a whole-line hit, a phrase hit, prefix hits by table.
type Scan = (
    Option<HitTuple>,
    Option<HitTuple>,
    HashMap<String, HitTuple>,
);

/// What the junk rules found in one text (`rules::Found`): rule id, lexicon hit, extra fact,
/// whether it may be a date line.
type Judged = (&'static str, Option<HitTuple>, String, bool);

/// The junk vocabulary of every language, compiled (`cleaner.lexicon.Lexicon.core`).
#[pyclass(frozen, module = "cleaner._core")]
struct Lexicon {
    inner: lexicon::Lexicon,
}

#[pymethods]
impl Lexicon {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        lines: HashMap<String, (String, String)>,
        share_words: HashSet<String>,
        share_strong: HashSet<String>,
        phrases: Vec<(Vec<String>, String, String, String)>,
        symbol_phrases: Vec<(String, String, String)>,
        max_chars: HashMap<String, usize>,
        max_phrase_chars: usize,
        prefixes: HashMap<String, Vec<(String, String, bool)>>,
        suffixes: HashMap<String, Vec<(String, String)>>,
        line_priority: Vec<String>,
        phrase_priority: Vec<String>,
    ) -> PyResult<Self> {
        let tables = lexicon::Tables {
            lines,
            share_words,
            share_strong,
            phrases: phrases
                .into_iter()
                .map(|(tokens, table, phrase, lang)| lexicon::Phrase {
                    tokens,
                    table,
                    phrase,
                    lang,
                })
                .collect(),
            symbol_phrases,
            max_chars,
            max_phrase_chars,
            prefixes,
            suffixes,
            line_priority,
            phrase_priority,
        };
        let inner = lexicon::Lexicon::new(tables).map_err(PyValueError::new_err)?;
        Ok(Lexicon { inner })
    }

    /// The whole-line hit of `text` (`folded` its case folding), if any.
    fn whole_line(&self, text: &str, folded: &str) -> Option<HitTuple> {
        self.inner.whole_line(text, folded).map(hit_tuple)
    }

    /// The phrase hit of `text` (`folded` its case folding), if any.
    fn phrase(&self, text: &str, folded: &str) -> Option<HitTuple> {
        self.inner.phrase(text, folded).map(hit_tuple)
    }

    /// The prefix of `table` that `folded` opens with, if any.
    fn prefix(&self, table: &str, folded: &str) -> Option<HitTuple> {
        self.inner.prefix(table, folded).map(hit_tuple)
    }

    /// The suffix of `table` that `folded` ends with, if any (`rest`: what stands before).
    fn suffix(&self, table: &str, folded: &str) -> Option<HitTuple> {
        self.inner.suffix(table, folded).map(hit_tuple)
    }

    /// Every hit of each text, None for a text with none; releases the GIL.
    fn scan(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        folded: Vec<String>,
    ) -> PyResult<Vec<Option<Scan>>> {
        same_length(texts.len(), folded.len(), "texts and folded")?;
        let lex = &self.inner;
        py.allow_threads(|| {
            guarded(|| {
                texts
                    .iter()
                    .zip(&folded)
                    .map(|(t, f)| {
                        let line = lex.whole_line(t, f).map(hit_tuple);
                        let phrase = lex.phrase(t, f).map(hit_tuple);
                        let prefixes: HashMap<String, HitTuple> = lex
                            .prefixes(f)
                            .into_iter()
                            .map(|h| (h.table.clone(), hit_tuple(h)))
                            .collect();
                        if line.is_none() && phrase.is_none() && prefixes.is_empty() {
                            None
                        } else {
                            Some((line, phrase, prefixes))
                        }
                    })
                    .collect()
            })
        })
    }

    /// What the junk rules find in each text (`cleaner.rules.judge_all`): None, or (rule
    /// id, lexicon hit, extra fact, may be a date line); `folded` are the texts'
    /// `cleaner.lexicon.fold`, `length`, `words` and `terminal` their `Features`. Releases
    /// the GIL.
    fn judge(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        folded: Vec<String>,
        length: Vec<usize>,
        words: Vec<usize>,
        terminal: Vec<bool>,
    ) -> PyResult<Vec<Option<Judged>>> {
        let n = texts.len();
        same_length(n, folded.len(), "texts and folded")?;
        same_length(n, length.len(), "texts and length")?;
        same_length(n, words.len(), "texts and words")?;
        same_length(n, terminal.len(), "texts and terminal")?;
        let lex = &self.inner;
        py.allow_threads(|| {
            guarded(|| {
                (0..n)
                    .map(|i| {
                        let line = rules::Line {
                            text: &texts[i],
                            folded: &folded[i],
                            length: length[i],
                            words: words[i],
                            terminal: terminal[i],
                        };
                        rules::judge(lex, &line)
                            .map(|f| (f.rule, f.hit.map(hit_tuple), f.extra, f.maybe_date))
                    })
                    .collect()
            })
        })
    }
}

/// py3langid's model, evaluated here (`cleaner.lang.rank_languages`).
#[pyclass(frozen, module = "cleaner._core")]
struct LangId {
    inner: langid::LangId,
}

#[pymethods]
impl LangId {
    #[new]
    fn new(
        nextmove: PyReadonlyArray1<'_, u32>,
        row: PyReadonlyArray1<'_, u16>,
        output: PyReadonlyArray1<'_, i32>,
        ptc: PyReadonlyArray1<'_, u16>,
        pc: PyReadonlyArray1<'_, f32>,
        classes: Vec<String>,
    ) -> PyResult<Self> {
        let inner = langid::LangId::new(
            huge::collect(nextmove.as_slice()?.iter().copied()),
            row.as_slice()?.to_vec(),
            output.as_slice()?.to_vec(),
            huge::collect(ptc.as_slice()?.iter().map(|&b| half::f16::from_bits(b))),
            pc.as_slice()?.to_vec(),
            classes,
        )
        .map_err(PyValueError::new_err)?;
        Ok(LangId { inner })
    }

    /// Every language with its probability, likeliest first, for the encoded sample (the
    /// first `top` only, when given).
    #[pyo3(signature = (sample, top=None))]
    fn rank(
        &self,
        py: Python<'_>,
        sample: &[u8],
        top: Option<usize>,
    ) -> PyResult<Vec<(String, f64)>> {
        py.allow_threads(|| guarded(|| self.inner.rank(sample, top.unwrap_or(usize::MAX))))
    }
}

/// The most attributes any start tag of raw `html` holds (`tags::most_attributes`), to
/// refuse a page whose parse would take quadratic time (`cleaner.html`).
#[pyfunction]
fn most_attributes(py: Python<'_>, html: &str) -> usize {
    py.allow_threads(|| tags::most_attributes(html.as_bytes()))
}

/// An HTML page's visible lines and their markup rows (`cleaner.markup.visible_lines`), from
/// the canonical XML (UTF-8) of the parsed tree; no more once over `max_lines`.
#[pyfunction]
#[pyo3(signature = (xml, max_lines=None))]
fn visible_lines<'py>(
    py: Python<'py>,
    xml: &[u8],
    max_lines: Option<usize>,
) -> PyResult<(Vec<String>, Bound<'py, PyArray2<f64>>)> {
    let most = max_lines.unwrap_or(usize::MAX);
    let (texts, rows) = py
        .allow_threads(|| guarded(|| markup::visible_lines(&String::from_utf8_lossy(xml), most)))?;
    Ok((texts, rows_to_array(py, rows, markup::FEATURES)?))
}

/// Panics on purpose, for the tests that prove a panic becomes `CoreError`.
#[pyfunction]
fn _panic(message: &str) -> PyResult<()> {
    guarded(|| panic!("{message}"))
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CoreError", m.py().get_type::<CoreError>())?;
    m.add("TooManyLines", m.py().get_type::<TooManyLines>())?;
    m.add_function(wrap_pyfunction!(_panic, m)?)?;
    m.add_class::<Forest>()?;
    m.add_class::<LangId>()?;
    m.add_class::<StopList>()?;
    m.add_class::<Lexicon>()?;
    m.add_class::<Vocabulary>()?;
    m.add_function(wrap_pyfunction!(count_words, m)?)?;
    m.add_function(wrap_pyfunction!(measure_texts, m)?)?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    m.add_function(wrap_pyfunction!(count_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(segment_text, m)?)?;
    m.add_function(wrap_pyfunction!(char_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(classify_page, m)?)?;
    m.add_function(wrap_pyfunction!(page_classes, m)?)?;
    m.add_function(wrap_pyfunction!(normalise_text, m)?)?;
    m.add_function(wrap_pyfunction!(language_sample, m)?)?;
    m.add_function(wrap_pyfunction!(symbols_and_digits, m)?)?;
    m.add_function(wrap_pyfunction!(latin1_run, m)?)?;
    m.add_function(wrap_pyfunction!(mojibake_hint, m)?)?;
    m.add_function(wrap_pyfunction!(smooth, m)?)?;
    m.add_function(wrap_pyfunction!(name_removed, m)?)?;
    m.add_function(wrap_pyfunction!(mark_repeats, m)?)?;
    m.add_function(wrap_pyfunction!(casefold, m)?)?;
    m.add_function(wrap_pyfunction!(text_stats, m)?)?;
    m.add_function(wrap_pyfunction!(plain_links, m)?)?;
    m.add_function(wrap_pyfunction!(without_images, m)?)?;
    m.add_function(wrap_pyfunction!(textless_links, m)?)?;
    m.add_function(wrap_pyfunction!(decisions, m)?)?;
    m.add_function(wrap_pyfunction!(block_matrix, m)?)?;
    m.add_function(wrap_pyfunction!(most_attributes, m)?)?;
    m.add_class::<Matcher>()?;
    m.add_function(wrap_pyfunction!(title_matrix, m)?)?;
    m.add_function(wrap_pyfunction!(context_columns, m)?)?;
    m.add_function(wrap_pyfunction!(confidence_row, m)?)?;
    m.add_function(wrap_pyfunction!(visible_lines, m)?)?;
    Ok(())
}
