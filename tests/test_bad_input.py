"""Bad input gets a clear `CleanerError`, never a crash or a hang; empty input is not an error."""

from __future__ import annotations

import threading

import pytest

from cleaner import (
    CleanerError,
    InputTooLarge,
    InvalidInput,
    MalformedInput,
    Options,
    TimeBudgetExceeded,
    TooManyLines,
    UndecodableInput,
    clean,
)

#: Generous guard against catastrophic backtracking: far above the real cost (~1 s).
GUARD_SECONDS = 60


def finishes(fn, seconds: float = GUARD_SECONDS):
    """Run `fn` in a thread; fail if it has not returned after `seconds` (a hang guard)."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as exc:  # re-raised below, in the test's thread
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s"
    if "error" in out:
        raise out["error"]
    return out["value"]


@pytest.mark.parametrize("source", ["", "   \n\n\t  \n", b"", "\u200b\ufeff\n"])
def test_empty_gives_empty_result(source):
    result = clean(source)
    assert result.text == ""
    assert result.removed == []


@pytest.mark.parametrize("source", [None, 42, ["a"], {"text": "a"}, 3.5])
def test_wrong_type_is_invalid_input(source):
    with pytest.raises(InvalidInput, match="str or bytes"):
        clean(source)


def test_errors_share_one_root():
    for exc in (InvalidInput, InputTooLarge, UndecodableInput):
        assert issubclass(exc, CleanerError)


def test_unknown_option_and_bad_values():
    with pytest.raises(InvalidInput, match="unknown option"):
        clean("text", no_such_option=True)
    with pytest.raises(InvalidInput, match="must be int"):
        clean("text", max_input_size="big")
    with pytest.raises(InvalidInput, match="must be int"):
        clean("text", short_length=70.5)
    with pytest.raises(InvalidInput, match="content_type"):
        clean("text", content_type="image/png")
    with pytest.raises(InvalidInput, match="language"):
        clean("text", language="english please")
    with pytest.raises(InvalidInput, match="options"):
        clean("text", options={"keep_captions": True})


def test_a_whole_number_written_with_a_fraction_is_an_integer():
    """JSON Schema's integer is any number without a fraction, so the service's published
    schema lets a client send 734000.0 for a count (schemathesis did, and got a 400)."""
    from cleaner.options import DEFAULT_OPTIONS

    assert DEFAULT_OPTIONS.with_overrides(short_length=80.0).short_length == 80
    assert type(DEFAULT_OPTIONS.with_overrides(short_length=80.0).short_length) is int
    with pytest.raises(InvalidInput, match="short_length must be from 0"):
        DEFAULT_OPTIONS.with_overrides(short_length=1e13)


@pytest.mark.parametrize(("name", "value"), [
    ("language_sample", -259833), ("language_sample", 2**64), ("max_short_run", -1),
    ("short_length", 10**12), ("relative_stopword_density", float("nan")),
    ("stopword_density", float("inf")), ("time_budget", -0.5),
])
def test_numbers_out_of_range_are_refused_by_name(name, value):
    """A negative or huge count once reached the core and failed there (schemathesis found
    language_sample=-259833: a 500); it is refused up front, as an option given directly
    in `Options` is."""
    from cleaner import Options

    with pytest.raises(InvalidInput, match=f"option {name} must be from 0 to"):
        clean("Some text here. " * 10, **{name: value})
    with pytest.raises(InvalidInput, match=f"option {name} must be from 0 to"):
        clean("Some text here. " * 10, options=Options(**{name: value}))


def test_options_out_of_range_are_refused_every_time():
    """`Options.checked` remembers the options it last passed (a server's, a batch's); an
    object it refused is refused again, also right after good ones were passed."""
    from cleaner import Options

    bad, good = Options(time_budget=float("nan")), Options(time_budget=5.0)
    for _ in range(2):
        assert good.checked() is good
        for _ in range(2):
            with pytest.raises(InvalidInput, match="option time_budget must be from 0 to"):
                bad.checked()


def test_numbers_in_range_are_taken():
    result = clean("Some text here. " * 10, language_sample=0, max_short_run=0)
    assert result.metadata is not None


@pytest.mark.parametrize("tag", ["xx", "qq", "eng", "english", "en_US", "en-", "en--US", "",
                                 "zz-US", "en-toolongsubtag", 7])
def test_language_must_be_iso_639_1_or_a_bcp47_tag_on_one(tag):
    with pytest.raises(InvalidInput, match="ISO 639-1 code like 'en' or a BCP 47 tag"):
        clean("Some text here. " * 10, language=tag)


@pytest.mark.parametrize(("tag", "code"), [("en", "en"), ("EN", "en"), ("en-US", "en"),
                                           ("pt-BR", "pt"), ("zh-Hant-TW", "zh"),
                                           ("sr-Latn", "sr"), ("iw", "he"), ("tl", "tl")])
def test_language_tags_are_read_by_their_primary_subtag(tag, code):
    result = clean("Some text here. " * 10, language=tag)
    assert result.metadata.language == code and result.metadata.language_confidence is None


def test_the_openapi_pattern_says_what_is_accepted():
    import re

    from cleaner.langtags import iso_639_1, primary_language, tag_pattern

    pattern = re.compile(tag_pattern())
    for tag in ["en", "EN", "pt-BR", "zh-Hant-TW", "xx", "eng", "en_US", "en-", "iw", "qq-QQ",
                "en-toolongsubtag", "Ab-1"]:
        try:
            primary_language(tag)
            accepted = True
        except InvalidInput:
            accepted = False
        assert bool(pattern.match(tag)) == accepted, tag
    assert len(iso_639_1()) >= 184 and iso_639_1()["en"] == "en"


def test_a_valid_code_without_stop_words_is_taken_with_a_warning():
    result = clean("Some text here. " * 10, language="ab")
    assert result.metadata.language == "ab"
    assert any("no stop-word list" in w for w in result.warnings)


def test_over_the_size_limit():
    with pytest.raises(InputTooLarge, match="over the limit"):
        clean("x" * 101, max_input_size=100)
    with pytest.raises(InputTooLarge):
        clean(b"x" * 101, options=Options(max_input_size=100))
    assert clean("word " * 10, max_input_size=100).metadata.language is not None


FIVE_LINES = "one line\n\ntwo line\n  three  \n\n\nfour\r\nfive\n\n"


def test_over_the_line_limit():
    with pytest.raises(TooManyLines, match="more than 4 non-blank lines") as raised:
        clean(FIVE_LINES, max_lines=4)
    # One of the size errors: same class, same problem code, the limit named.
    assert isinstance(raised.value, InputTooLarge)
    assert (raised.value.code, raised.value.limit) == ("input-too-large", 4)
    result = clean(FIVE_LINES, max_lines=5)  # blank lines do not count
    assert len(result.paragraphs) + len(result.removed) + len(result.metadata_blocks) == 5
    assert Options().max_lines == 200_000


def test_lines_are_counted_before_they_are_joined():
    # A hard-wrapped paragraph is one block once joined, but six lines were sent: the limit
    # is on what the caller sent (and what the cleaner holds while it cuts the lines).
    wrapped = "\n".join(["The council met on Tuesday to discuss the budget for schools,",
                         "roads and the library, which the mayor said would open again in",
                         "the spring after two years of work on its roof and its rooms,",
                         "and the members agreed that the town should pay for it from the",
                         "reserve rather than from a new tax on the shops of the high",
                         "street, which had asked them not to."])
    with pytest.raises(TooManyLines):
        clean(wrapped, max_lines=5)
    assert clean(wrapped, max_lines=6).text


def test_the_line_limit_holds_when_lines_are_repaired():
    # Mojibake sends each line through ftfy (a Python callback from the core's cut).
    damaged = "\n".join(f"CafÃ© numÃ©ro {i} est ouvert tous les jours." for i in range(6))
    with pytest.raises(TooManyLines):
        clean(damaged, max_lines=5)
    assert "Café" in clean(damaged, max_lines=6).text + "".join(r.text for r in
                                                                clean(damaged).removed)


def test_html_over_the_line_limit_is_refused_before_the_extractor(monkeypatch):
    import cleaner.html

    page = ("<html><body>" + "".join(f"<p>Paragraph number {i} of the page.</p>"
                                     for i in range(6)) + "</body></html>")
    assert clean(page, max_lines=6).metadata.content_type == "text/html"
    monkeypatch.setattr(cleaner.html, "_trafilatura",
                        lambda *a, **k: pytest.fail("the extractor ran"))
    with pytest.raises(TooManyLines):
        clean(page, max_lines=5)


@pytest.mark.parametrize("data, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
    (b"%PDF-1.7\n" + bytes(range(256)), "PDF"),
    (b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip"),
    (bytes(range(256)) * 16, "binary"),
])
def test_binary_bytes_are_undecodable(data, what):
    with pytest.raises(UndecodableInput, match=what):
        clean(data)


def test_default_limit_is_ten_megabytes():
    assert Options().max_input_size == 10_000_000


def test_ten_megabyte_single_line_finishes():
    line = ("lorem ipsum dolor sit amet, " * 400_000)[:9_999_000]
    result = finishes(lambda: clean(line))
    assert result.text in ("", line.strip())


def test_hundred_thousand_short_lines_finish():
    text = "\n".join(f"Item {i}" for i in range(100_000))
    result = finishes(lambda: clean(text))
    # Nothing lost: each line is kept, removed, or moved to metadata (a title, say).
    assert len(result.removed) + len(result.paragraphs) + len(result.metadata_blocks) == 100_000


@pytest.mark.parametrize("unit", [" ", "a", "a ", "See also ", "...", "\u00a0\u200b", "© ", "1-",
                                  "[", "(a", "Washington [US], ", "Jun 18, 2024 "])
def test_deeply_repeated_patterns_finish(unit):
    text = unit * (2_000_000 // len(unit)) + "x"
    finishes(lambda: clean(text))
    line = unit * 50
    finishes(lambda: clean("\n".join([line] * min(20_000, 9_000_000 // (len(line) + 1)))))


def test_pathological_html_finishes():
    deep = "<div>" * 20_000 + "text" + "</div>" * 20_000
    with pytest.raises(MalformedInput, match="nested"):
        finishes(lambda: clean(deep, content_type="text/html"))
    broken = "<html><body><p>Unclosed <b>tags <i>everywhere <p>" * 2000
    finishes(lambda: clean(broken, content_type="text/html"))


@pytest.mark.parametrize("depth", [20, 200])
def test_html_within_the_parser_depth_keeps_its_text(depth):
    page = ("<html><body>" + "<div>" * depth + "<p>" + "The council voted on the new budget "
            "for the city's schools after a long debate about teachers' pay. " * 3
            + "</p>" + "</div>" * depth + "</body></html>")
    assert "council voted" in clean(page, content_type="text/html").text


def test_html_past_the_parser_depth_is_an_error_not_a_silent_loss():
    page = "<html><body>" + "<div>" * 300 + "<p>deep text</p>" + "</div>" * 300 + "</body></html>"
    with pytest.raises(MalformedInput) as err:
        clean(page, content_type="text/html")
    assert err.value.code == "malformed-input"


def test_time_budget_abandons_a_long_clean(slow_clock):
    text = "\n".join(f"Line {i} of a long page about nothing in particular." for i in range(5_000))
    with pytest.raises(TimeBudgetExceeded) as err:
        clean(text, time_budget=0.001)
    assert err.value.budget == 0.001 and err.value.code == "time-budget-exceeded"


def test_time_budget_is_not_hit_by_a_normal_page(seed):
    source, _ = seed
    assert clean(source, time_budget=60.0).text == clean(source).text


def _panicking_segment(text, fix=None, unwrap=False, inline=False, markdown=False,
                       max_lines=None):
    from cleaner import _core

    _core._panic("index out of bounds (simulated)")


def test_a_panic_in_the_core_is_an_error_not_a_crash():
    from cleaner import _core

    with pytest.raises(_core.CoreError, match="simulated"):
        _core._panic("simulated")


def test_a_panic_in_the_core_reaches_callers_as_internal_error(monkeypatch):
    from cleaner import InternalError, _core

    monkeypatch.setattr("cleaner.segment._core.segment", _panicking_segment)
    with pytest.raises(InternalError, match="compiled core failed") as info:
        clean("Some text that reaches the segmenter.")
    assert isinstance(info.value, CleanerError) and info.value.code == "internal-error"
    assert isinstance(info.value.__cause__, _core.CoreError)


@pytest.mark.parametrize("content_type", [None, "text/plain", "text/html"])
def test_lone_surrogates_are_replaced_with_a_warning(content_type):
    result = clean("Hello \udcff world.\n\nThe council met on Tuesday and agreed the budget "
                   "for the coming year after a long debate.", content_type=content_type)
    assert "\udcff" not in result.text
    assert any("surrogate" in w for w in result.warnings)


def test_date_lines_past_the_bar_are_not_read(monkeypatch):
    # Each date line dateparser must read costs about a millisecond: a document reads at
    # most `MAX_DATE_LINES` distinct ones, and says how many it left.
    import cleaner.classify
    import cleaner.core

    lines = [f"{d} mars 2019, {d}h30" for d in range(10, 15)]
    text = "\n\n".join(["Le conseil municipal s'est réuni mardi pour discuter du budget "
                        "de la ville, des écoles et des routes du quartier.", *lines])

    def date_lines():
        blocks, _ = cleaner.core.evidence(text)
        return [b.text for b in blocks if b.rule == "date-line"]

    assert date_lines() == lines
    assert not any("date-like" in w for w in clean(text).warnings)
    monkeypatch.setattr(cleaner.classify, "MAX_DATE_LINES", 3)
    monkeypatch.setattr(cleaner.core, "MAX_DATE_LINES", 3)
    assert date_lines() == lines[:3]
    assert "2 date-like lines past the first 3 were judged without reading their dates" in (
        clean(text).warnings)


@pytest.mark.parametrize("error", [
    InputTooLarge(12_000_000, 10_000_000), TooManyLines(200_000), TimeBudgetExceeded(2.5),
    InvalidInput("options must be cleaner.Options"), MalformedInput("nested too deep"),
    UndecodableInput("binary data"), CleanerError("any"),
])
def test_errors_survive_pickling(error):
    # A process pool (concurrent.futures, multiprocessing) hands a worker's exception to
    # its parent pickled: each error comes back the same, message and fields.
    import pickle

    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)
    assert vars(back) == vars(error) and back.code == error.code
