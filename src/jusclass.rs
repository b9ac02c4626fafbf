//! jusText's context-free class of each block and the page's stop-word bar, from the
//! blocks' measures (`cleaner.classify.classify_blocks`): the labeller reads them as
//! evidence.

use crate::matrix::median;

/// The class indices, in `cleaner.blockfeatures.CLASS_COLUMNS` order.
pub const GOOD: u8 = 0;
pub const NEARGOOD: u8 = 1;
pub const SHORT: u8 = 2;
pub const BAD: u8 = 3;

/// A prose block (its stop-word density sets the page's bar; `matrix` reads the page's
/// prose too) is this long, has this many words and ends like a sentence.
const PROSE_CHARS: f64 = 100.0;
const PROSE_WORDS: f64 = 8.0;

/// Whether a block of `length` characters and `words` words, ending like a sentence or not
/// (`terminal`), is prose.
pub fn is_prose(length: f64, words: f64, terminal: bool) -> bool {
    length >= PROSE_CHARS && terminal && words >= PROSE_WORDS
}

/// The `Options` fields the classes depend on.
#[derive(Clone, Copy)]
pub struct Bars {
    pub stopword_density: f64,
    pub relative_stopword_density: f64,
    pub long_length: f64,
    pub short_length: f64,
}

impl From<(f64, f64, f64, f64)> for Bars {
    /// From `Options`' (stopword_density, relative_stopword_density, long_length,
    /// short_length), as Python hands them over.
    fn from(b: (f64, f64, f64, f64)) -> Self {
        Bars {
            stopword_density: b.0,
            relative_stopword_density: b.1,
            long_length: b.2,
            short_length: b.3,
        }
    }
}

/// One block's measures, as the classes read them.
#[derive(Clone, Copy)]
pub struct Measures {
    pub length: f64,
    pub words: f64,
    pub stopwords: f64,
    pub stop_density: f64,
    pub terminal: bool,
    pub sentences: f64,
}

/// The stop-word density under which a long block is boilerplate: the lower of the bar and
/// `relative_stopword_density` times the median density of the page's prose blocks (every
/// block counts, repeats too), so that a language whose running text has few stop words in
/// its list is judged fairly. 0 without a stop-word list.
fn stop_threshold(blocks: impl Iterator<Item = Measures>, has_stoplist: bool, bars: &Bars) -> f64 {
    if !has_stoplist {
        return 0.0;
    }
    let prose: Vec<f64> = blocks
        .filter(|m| is_prose(m.length, m.words, m.terminal))
        .map(|m| m.stop_density)
        .collect();
    // As `statistics.median`, which `matrix::median` is too.
    let Some(median) = median(prose) else {
        return bars.stopword_density;
    };
    bars.stopword_density
        .min(bars.relative_stopword_density * median)
}

/// The page's stop-word bar and the class of each of `distinct` measures, where block `i`
/// of the page has the measures `distinct[rows[i]]` (every block counts towards the bar,
/// repeats too; each distinct measure is classed once).
pub fn classes_and_bar(
    distinct: &[Measures],
    rows: &[usize],
    has_stoplist: bool,
    bars: &Bars,
) -> (Vec<u8>, f64) {
    let bar = stop_threshold(rows.iter().map(|&r| distinct[r]), has_stoplist, bars);
    let classes = distinct
        .iter()
        .map(|m| class_of(m, bar, has_stoplist, bars))
        .collect();
    (classes, bar)
}

/// The context-free class of a block: short, then by stop words where the language has a
/// list, else by sentence ends.
fn class_of(m: &Measures, threshold: f64, has_stoplist: bool, bars: &Bars) -> u8 {
    if m.length < bars.short_length {
        return SHORT;
    }
    let long = m.length >= bars.long_length;
    if has_stoplist {
        if m.stop_density < threshold || m.stopwords < 2.0 {
            return BAD;
        }
        let good = if long {
            m.terminal || m.sentences >= 2.0
        } else {
            m.terminal && m.words >= PROSE_WORDS
        };
        return if good { GOOD } else { NEARGOOD };
    }
    if long && (m.terminal || m.sentences >= 2.0) {
        GOOD
    } else if m.terminal || m.sentences >= 1.0 {
        NEARGOOD
    } else {
        BAD
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BARS: Bars = Bars {
        stopword_density: 0.3,
        relative_stopword_density: 0.5,
        long_length: 200.0,
        short_length: 70.0,
    };

    fn prose(density: f64) -> Measures {
        Measures {
            length: 150.0,
            words: 20.0,
            stopwords: 6.0,
            stop_density: density,
            terminal: true,
            sentences: 1.0,
        }
    }

    #[test]
    fn the_bar_is_half_the_median_prose_density_at_most_the_options() {
        let even = [prose(0.2), prose(0.5), prose(0.1), prose(0.3)];
        assert_eq!(
            stop_threshold(even.into_iter(), true, &BARS),
            0.5 * (0.2 + 0.3) / 2.0
        );
        assert_eq!(stop_threshold([prose(0.9)].into_iter(), true, &BARS), 0.3);
        assert_eq!(stop_threshold(std::iter::empty(), true, &BARS), 0.3);
        assert_eq!(stop_threshold([prose(0.2)].into_iter(), false, &BARS), 0.0);
    }

    #[test]
    fn classes_by_length_stop_words_and_sentences() {
        let short = Measures {
            length: 20.0,
            ..prose(0.5)
        };
        assert_eq!(class_of(&short, 0.1, true, &BARS), SHORT);
        assert_eq!(class_of(&prose(0.05), 0.1, true, &BARS), BAD);
        assert_eq!(class_of(&prose(0.2), 0.1, true, &BARS), GOOD);
        let open = Measures {
            terminal: false,
            sentences: 0.0,
            ..prose(0.2)
        };
        assert_eq!(class_of(&open, 0.1, true, &BARS), NEARGOOD);
        assert_eq!(class_of(&open, 0.1, false, &BARS), BAD);
        assert_eq!(class_of(&prose(0.2), 0.1, false, &BARS), NEARGOOD);
    }
}
