//! The article cleaner's compiled core (`cleaner._core`), called from Python through PyO3.
//!
//! The hot path moves here a piece at a time behind the same Python API: for now the
//! labeller's tree evaluation and its sequence pass. Every entry point releases the GIL
//! while it computes, so threads of one process clean documents in parallel.

use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1, PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

mod forest;
mod sequence;
mod shapes;

/// A forest of gradient-boosted trees laid out as complete binary trees of one depth
/// (`cleaner.trees.Forest._complete` makes the layout from the shipped arrays).
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
            .allow_threads(|| self.inner.raw(data, rows, cols))
            .map_err(PyValueError::new_err)?;
        Ok(out.into_pyarray(py))
    }

    /// How many features a row must have at least.
    #[getter]
    fn width(&self) -> usize {
        self.inner.width()
    }
}

/// The likeliest keep / remove path (Viterbi) for probabilities `p` (see
/// `cleaner.labeller.smooth`).
#[pyfunction]
fn smooth(py: Python<'_>, p: Vec<f64>, cut: f64, stay: f64) -> PyResult<Vec<bool>> {
    if !(cut > 0.0 && cut < 1.0 && stay > 0.0 && stay < 1.0) {
        return Err(PyValueError::new_err(
            "cut and stay must lie strictly between 0 and 1",
        ));
    }
    Ok(py.allow_threads(|| sequence::smooth(&p, cut, stay)))
}

/// The shape shares of each text (`cleaner.blockfeatures.TextStats`, one row a text);
/// `words` are the texts' token counts.
#[pyfunction]
fn text_stats<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    words: Vec<usize>,
) -> PyResult<Bound<'py, numpy::PyArray2<f64>>> {
    if texts.len() != words.len() {
        return Err(PyValueError::new_err("texts and words differ in length"));
    }
    let flat: Vec<f64> = py.allow_threads(|| {
        texts
            .iter()
            .zip(&words)
            .flat_map(|(t, &w)| shapes::text_stats(t, w))
            .collect()
    });
    let rows = texts.len();
    numpy::ndarray::Array2::from_shape_vec((rows, shapes::FIELDS), flat)
        .map(|a| a.into_pyarray(py))
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Forest>()?;
    m.add_function(wrap_pyfunction!(smooth, m)?)?;
    m.add_function(wrap_pyfunction!(text_stats, m)?)?;
    Ok(())
}
