"""The instruction-count tool's reading of callgrind's listing (`benchmarks.instructions`)."""

from benchmarks.instructions import by_function, parse_listing

WARM = """\
--------------------------------------------------------------------------------
Ir                      file:function
--------------------------------------------------------------------------------
1,000,000 (100.0%)  PROGRAM TOTALS
  600,000 (60.00%)  ???:pyo3::impl_::trampoline::trampoline [/x/_core.so]
  300,000 (30.00%)  ???:_core::__pyfunction_classify_page [/x/_core.so]
  300,000 (30.00%)  ???:_core::<impl MakeDef>::_PYO3_DEF::trampoline [/x/_core.so]
  100,000 (10.00%)  ???:_core::measure::measure [/x/_core.so]
   50,000 ( 5.00%)  /py/ceval.c:_PyEval_EvalFrameDefault [/py/libpython3.11.so.1.0]
"""
MORE = WARM.replace("1,000,000 (100.0%)", "5,000,000 (100.0%)").replace(
    "600,000 (60.00%)", "3,600,000 (72.00%)").replace(
    "300,000 (30.00%)  ???:_core::__pyfunction", "2,300,000 (46.00%)  ???:_core::__pyfunction"
).replace("100,000 (10.00%)", "1,100,000 (22.00%)")


def test_listing_is_read_by_function():
    counts = parse_listing(WARM)
    assert counts["PROGRAM TOTALS"] == 1_000_000
    assert counts["???:_core::measure::measure [/x/_core.so]"] == 100_000
    assert len(counts) == 6


def test_a_page_is_the_longer_run_less_the_warm_up():
    rows = by_function(parse_listing(WARM), parse_listing(MORE), pages=2, top=5)
    assert rows[0] == (1.5, "the compiled core, all calls")
    assert rows[1] == (0.5, "the rest")
    # The core's own functions, best first; PyO3's trampolines are left out and Python's
    # functions are in "the rest".
    assert rows[2:] == [(1.0, "_core::__pyfunction_classify_page"),
                        (0.5, "_core::measure::measure")]
