//! Joining lines that were hard-wrapped at a fixed width back into paragraphs
//! (`cleaner.unwrap`, which explains the fingerprint a greedy wrapper leaves). The Python
//! definitions this replaced are the reference in `tests/test_unwrap_core.py`; lengths count
//! code points and the character tests are Python's (`crate::pystr`).

use crate::classes::CharSet;
use crate::measure::ends_with_terminal;
use crate::pystr::{py_alpha, py_lower, py_upper};
use crate::segment::Line;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Wrap widths we recognise, in characters: narrower columns are menus, wider paragraphs.
const MIN_WIDTH: usize = 30;
const MAX_WIDTH: usize = 160;
/// Lines at least this share of the width may be joined to the next one.
const FULL_SHARE: f64 = 0.6;
/// How many distinct lines must look wrapped, and what share of the lines at least half the
/// width long they must be at least.
const MIN_EVIDENCE: usize = 3;
const LONG_SHARE: f64 = 0.15;
/// The lines after those must mostly start in lower case, or, where they are
/// STRONG_LONG_SHARE of the long lines, at least WEAK_LOWER_SHARE (German nouns).
const LOWER_SHARE: f64 = 0.5;
const STRONG_LONG_SHARE: f64 = 0.5;
const WEAK_LOWER_SHARE: f64 = 0.25;
/// In scripts without case: mostly ending mid-sentence, and a larger share of long lines.
const MID_SENTENCE_SHARE: f64 = 0.6;
const UNCASED_LONG_SHARE: f64 = 0.3;
/// And in them a share of the wrapped lines go on into a third line of the paragraph (a
/// wrapper cuts a paragraph into a run of full lines): a title wrapped into its byline, a
/// headline into the next, a comment into a notice are pairs alone. Without case (and, in
/// Thai, without sentence ends) such pairs on a short page looked wrapped (2026-12-07).
const UNCASED_CHAIN_SHARE: f64 = 0.25;
/// ... unless there are this many wrapped lines: such lone pairs come one to three a page,
/// while a page of short paragraphs, each wrapped into two lines, shows many pairs and no
/// run of three (a Hindi, Arabic or Persian news page at 60-80 characters, 2026-12-07).
const UNCASED_MANY_PAIRS: usize = 5;
/// A wrap width shows as MIN_EVIDENCE lines in the BAND characters up to it, CLIFF times as
/// many as in the BAND after it; the best MAX_CANDIDATES are tried.
const BAND: usize = 10;
const CLIFF: usize = 3;
const MAX_CANDIDATES: usize = 3;
/// A continuation line may be indented at most this much deeper than the line above.
const MAX_INDENT_STEP: usize = 4;
/// How far back a line's indent is counted.
pub const MAX_INDENT: usize = 80;
/// What counts towards a line's indent.
pub fn indent_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// A new list item, quoted line or heading ("#" to "######" in Markdown) starts a new block
/// even after a full line.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*+•·‣◦▪–—>|o]|#{1,6}|\(?[0-9]{1,3}[.)]|\(?[a-zA-Z]\))\s+\S").unwrap()
});

/// A Markdown list item or heading ("* ", "- ", "+ ", "1. ", "## "): see `Page::new`.
static MARKDOWN_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*+]|#{1,6}|[0-9]{1,3}\.)\s+\S").unwrap());

/// Scripts written without spaces between words: their lines join with no space.
fn no_space(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{2fff}' | '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Not in a word a wrapper moves on its own: URLs, addresses, paths, code.
fn not_word(c: char) -> bool {
    "/@_=<>{}[]\\|".contains(c)
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

/// What the wrap test needs to know of one line beyond its length.
struct Facts<'a> {
    /// Prose, not a table row, a URL or a list of figures.
    wordy: bool,
    /// The first word, when the line starts with one.
    first_word: Option<&'a str>,
}

struct Page<'a> {
    lines: &'a [Line],
    lengths: Vec<usize>,
    /// sums[k]: how many lines are shorter than k characters (k up to the histogram), but
    /// Markdown's list items and headings from MIN_WIDTH - BAND characters on.
    sums: Vec<usize>,
    facts: Vec<Option<Facts<'a>>>,
    /// Whether each line is a Markdown list item or heading (`MARKDOWN_ITEM`), matched once
    /// a page: `evidence` asks for every width it tries.
    markdown_item: Vec<bool>,
    /// No blank lines between paragraphs: see `continues`.
    unparagraphed: bool,
}

fn head(text: &str) -> &str {
    text.split(' ').next().unwrap_or("")
}

fn facts(line: &Line) -> Facts<'_> {
    let text = line.text.as_str();
    let spaces = text.matches(' ').count();
    let chars = text.chars().count();
    let letters = text.chars().filter(|&c| py_alpha(c)).count();
    let wordy =
        !line.tab && (spaces >= 1 || text.chars().any(no_space)) && 2 * letters + spaces >= chars;
    let h = head(text);
    let word = !line.tab && first_char(h).is_some_and(py_alpha) && !h.chars().any(not_word);
    Facts {
        wordy,
        first_word: word.then_some(h),
    }
}

impl<'a> Page<'a> {
    fn new(lines: &'a [Line]) -> Self {
        let lengths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
        let markdown_item: Vec<bool> = lines
            .iter()
            .map(|l| MARKDOWN_ITEM.is_match(&l.text))
            .collect();
        // The width is read off the lines a wrapper wraps. Markdown's list items and
        // headings are left whole by some (html2text leaves its list items, and a heading
        // of links, longer than the width): counted, they hide the cliff.
        let mut hist = vec![0usize; MAX_WIDTH + BAND + 2];
        for (&item, &n) in markdown_item.iter().zip(&lengths) {
            if let Some(slot) = hist.get_mut(n) {
                if n + BAND <= MIN_WIDTH || !item {
                    *slot += 1;
                }
            }
        }
        let mut sums = Vec::with_capacity(hist.len() + 1);
        sums.push(0);
        for count in hist {
            sums.push(sums[sums.len() - 1] + count);
        }
        Page {
            lines,
            lengths,
            sums,
            facts: (0..lines.len()).map(|_| None).collect(),
            markdown_item,
            unparagraphed: !lines.iter().skip(1).any(|l| l.blank_before),
        }
    }

    /// How many lines are low to high characters long (both included).
    fn count(&self, low: usize, high: usize) -> usize {
        self.sums[high + 1] - self.sums[low]
    }

    fn hist(&self, n: usize) -> usize {
        self.count(n, n)
    }

    fn line(&mut self, i: usize) -> &Facts<'a> {
        let lines = self.lines;
        self.facts[i].get_or_insert_with(|| facts(&lines[i]))
    }

    /// Should line i + 1 be joined to line i: was it wrapped off it? Without blank lines
    /// between paragraphs, a capitalised line may start the next paragraph: it is not.
    fn continues(&mut self, i: usize, width: usize) -> bool {
        self.wrapped(i, width)
            && !(self.unparagraphed
                && self
                    .line(i + 1)
                    .first_word
                    .and_then(first_char)
                    .is_some_and(py_upper))
    }

    /// Does line i + 1 look wrapped off line i: is line i too full for its first word?
    fn wrapped(&mut self, i: usize, width: usize) -> bool {
        let nxt = &self.lines[i + 1];
        let n = self.lengths[i];
        if nxt.blank_before || (n as f64) < width as f64 * FULL_SHARE || n > width {
            return false;
        }
        let h = head(&nxt.text);
        if first_char(h).is_some_and(no_space) {
            if n < width {
                return false;
            }
        } else {
            let sep = if hyphen_break(&self.lines[i].text) {
                0
            } else {
                1
            };
            if n + sep + first_piece(h).chars().count() <= width {
                return false;
            }
        }
        let lines = self.lines;
        if !self.line(i).wordy || self.line(i + 1).first_word.is_none() {
            return false;
        }
        lines[i + 1].indent <= lines[i].indent + MAX_INDENT_STEP
            && !ITEM.is_match(&lines[i + 1].text)
    }

    /// Widths where many lines end just below and few just above: a wrapper's cliff. The
    /// best few, best first.
    fn candidates(&self) -> Vec<usize> {
        let mut scored: Vec<(usize, usize)> = Vec::new();
        for width in MIN_WIDTH..=MAX_WIDTH {
            if self.hist(width) > 0 {
                let below = self.count(width + 1 - BAND, width);
                let above = self.count(width + 1, width + BAND);
                if below >= MIN_EVIDENCE && below >= CLIFF * above {
                    scored.push((below - CLIFF * above, width));
                }
            }
        }
        scored.sort_unstable_by(|a, b| b.cmp(a));
        scored
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(_, w)| w)
            .collect()
    }

    /// How many distinct lines look wrapped at `width`, less CLIFF for every line a little
    /// longer that looks wrapped too; 0 unless the lines after them mostly go on in the
    /// middle of a sentence.
    fn evidence(&mut self, width: usize) -> i64 {
        let low = (width as f64 * FULL_SHARE).ceil() as usize;
        let long = self.count(width.div_ceil(2), width);
        let full = self.count(low, width);
        if full < MIN_EVIDENCE || (full as f64) < LONG_SHARE * long as f64 {
            return 0;
        }
        let lines = self.lines;
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        let (mut mid, mut lower, mut cased, mut uncased, mut over) = (0, 0, 0, 0, 0);
        let mut chained = 0;
        for i in 0..lines.len().saturating_sub(1) {
            let n = self.lengths[i];
            if width < n && n <= width + BAND && self.wrapped(i, n) {
                let first = self.line(i + 1).first_word.and_then(first_char);
                over += first.is_some_and(py_lower) as usize;
            }
            // A Markdown list item is not counted (as in the histogram): a wrapper that
            // leaves list items whole shows no width in them.
            if n < low || n > width || !self.wrapped(i, width) || self.markdown_item[i] {
                continue;
            }
            if !seen.insert((lines[i].text.as_str(), lines[i + 1].text.as_str())) {
                continue;
            }
            mid += !ends_with_terminal(&lines[i].text) as usize;
            chained += (i + 2 < lines.len() && self.wrapped(i + 1, width)) as usize;
            let Some(first) = self.line(i + 1).first_word.and_then(first_char) else {
                continue;
            };
            if py_lower(first) {
                lower += 1;
                cased += 1;
            } else if py_upper(first) {
                cased += 1;
            } else {
                uncased += 1;
            }
        }
        let pairs = seen.len();
        if pairs < MIN_EVIDENCE {
            return 0;
        }
        let (pairs_f, long_f, cased_f) = (pairs as f64, long as f64, cased as f64);
        let wrapped = if cased >= uncased {
            cased >= MIN_EVIDENCE
                && ((lower as f64 >= LOWER_SHARE * cased_f && pairs_f >= LONG_SHARE * long_f)
                    || (lower as f64 >= WEAK_LOWER_SHARE * cased_f
                        && pairs_f >= STRONG_LONG_SHARE * long_f))
        } else {
            mid as f64 >= MID_SENTENCE_SHARE * pairs_f
                && pairs_f >= UNCASED_LONG_SHARE * long_f
                && (chained as f64 >= UNCASED_CHAIN_SHARE * pairs_f || pairs >= UNCASED_MANY_PAIRS)
        };
        if wrapped {
            pairs as i64 - (CLIFF * over) as i64
        } else {
            0
        }
    }

    /// The width the lines were hard-wrapped at, or None.
    fn wrap_width(&mut self) -> Option<usize> {
        let (mut best, mut best_pairs) = (None, 0i64);
        for width in self.candidates() {
            let pairs = self.evidence(width);
            if pairs > best_pairs {
                best = Some(width);
                best_pairs = pairs;
            }
        }
        best
    }
}

/// What of `word` had to fit on the line above: a wrapper may break a compound after a
/// hyphen between letters ("long-" "term"), so only up to the first such hyphen.
fn first_piece(word: &str) -> &str {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for k in 1..chars.len().saturating_sub(1) {
        if chars[k].1 == '-' && py_alpha(chars[k - 1].1) && py_alpha(chars[k + 1].1) {
            return &word[..chars[k + 1].0];
        }
    }
    word
}

fn hyphen_break(line: &str) -> bool {
    let mut rev = line.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(py_alpha)
}

/// The lines of a paragraph joined by spaces (by nothing after a hyphen break or next to
/// Chinese or Japanese; with `inline`, by nothing before punctuation that closes a clause
/// when no space came before the line break: "Steelers" + "." is "Steelers.").
fn join(parts: &[Line], inline: bool) -> (String, Option<String>) {
    let mut text = parts[0].text.clone();
    // The same lines with their Markdown images, where any had some: joined where `text` is.
    let mut images = parts
        .iter()
        .any(|p| p.images.is_some())
        .then(|| shown(&parts[0]).to_string());
    let mut trail = parts[0].trail;
    for part in &parts[1..] {
        let last = text.chars().next_back();
        let tight = hyphen_break(&text)
            || last.is_some_and(no_space)
            || first_char(&part.text).is_some_and(no_space)
            || (inline && !trail && first_char(&part.text).is_some_and(closing));
        for (out, piece) in [(&mut text, part.text.as_str())]
            .into_iter()
            .chain(images.as_mut().map(|t| (t, shown(part))))
        {
            if !tight {
                out.push(' ');
            }
            out.push_str(piece);
        }
        trail = part.trail;
    }
    (text, images)
}

/// A line's text as written, Markdown images and all.
fn shown(line: &Line) -> &str {
    line.images.as_deref().unwrap_or(&line.text)
}

/// Each run of `lines` from i to j (`ends`, in order, covering every line) made one line:
/// it spans its lines (start of the first, end of the last) and its text is theirs joined.
fn merge(lines: Vec<Line>, ends: &[(usize, usize)], inline: bool) -> Vec<Line> {
    let mut out = Vec::with_capacity(ends.len());
    let mut lines = lines.into_iter().map(Some).collect::<Vec<_>>();
    for &(i, j) in ends {
        if i == j {
            if let Some(line) = lines[i].take() {
                out.push(line);
            }
            continue;
        }
        let parts: Vec<Line> = lines[i..=j].iter_mut().filter_map(Option::take).collect();
        let (first, last) = (&parts[0], &parts[parts.len() - 1]);
        let (text, images) = join(&parts, inline);
        out.push(Line {
            start: first.start,
            end: last.end,
            text,
            images,
            blank_before: first.blank_before,
            indent: first.indent,
            tab: parts.iter().any(|p| p.tab),
            trail: last.trail,
        });
    }
    out
}

/// The runs of `n` lines that `joined(i)` (line i + 1 belongs to line i) makes.
fn runs(n: usize, mut joined: impl FnMut(usize) -> bool) -> Vec<(usize, usize)> {
    let mut ends = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && joined(j) {
            j += 1;
        }
        ends.push((i, j));
        i = j + 1;
    }
    ends
}

/// Punctuation that closes a clause and so never starts one: a line that opens with it
/// was cut off the line before.
const CLOSING: CharSet = CharSet::new(",.;:!?)]}%’”»，。、；：！？）」』】");

fn closing(c: char) -> bool {
    CLOSING.contains(c)
}

/// How many clear cuts inside a sentence a page must show before `join_inline` joins its
/// lines.
const MIN_INLINE_EVIDENCE: usize = 3;

/// Lines cut where a link, an emphasis or a span began or ended inside a sentence, joined
/// back: renderers that put every text node on its own line (BeautifulSoup's
/// `get_text("\n")`) turn "for the <a>Browns</a>' game" into "for the " / "Browns" /
/// "' game". Line i + 1 is joined to line i (no blank line between, not a list item) when
/// line i ended with a space before the break and no sentence end, or line i + 1 opens
/// with closing punctuation or, after no sentence end, in lower case. Only on a page with
/// `MIN_INLINE_EVIDENCE` clear cuts (a closing mark opening a line, or a lower-case line
/// after a space and no sentence end): elsewhere a trailing space is a list's or a
/// table's padding.
pub fn join_inline(lines: Vec<Line>) -> Vec<Line> {
    let n = lines.len();
    if n <= MIN_INLINE_EVIDENCE {
        return lines;
    }
    // For each line but the last: (a cut inside a sentence, a clear one).
    let cut: Vec<(bool, bool)> = lines
        .windows(2)
        .map(|pair| {
            let (this, next) = (&pair[0], &pair[1]);
            if next.blank_before {
                return (false, false);
            }
            let open = !ends_with_terminal(&this.text);
            let first = first_char(&next.text);
            let closes = first.is_some_and(closing);
            let lower = open && first.is_some_and(py_lower);
            let cut = closes || lower || (open && this.trail);
            // The list-item test last: it is a regular expression, the rest is cheap.
            if !cut || ITEM.is_match(&next.text) {
                return (false, false);
            }
            (true, closes || (lower && this.trail))
        })
        .collect();
    if cut.iter().filter(|c| c.1).count() < MIN_INLINE_EVIDENCE {
        return lines;
    }
    let ends = runs(n, |i| cut[i].0);
    merge(lines, &ends, true)
}

/// Join the hard-wrapped lines of `lines` into one line a paragraph: a joined line spans
/// its lines (start of the first, end of the last) and its text is theirs joined. Returns
/// the lines and the wrap width found (None, and `lines` unchanged, when not hard-wrapped).
pub fn join_wrapped(lines: Vec<Line>) -> (Vec<Line>, Option<usize>) {
    if lines.len() <= MIN_EVIDENCE {
        return (lines, None);
    }
    let mut page = Page::new(&lines);
    let Some(width) = page.wrap_width() else {
        return (lines, None);
    };
    let ends = runs(lines.len(), |j| page.continues(j, width));
    drop(page);
    let out = merge(lines, &ends, false);
    (out, Some(width))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    /// Two paragraphs hard-wrapped at 59 columns, a blank line between them.
    const TWO_PARAGRAPHS: &str = "The committee met on Tuesday to discuss the budget for the\n\
                                 coming year and agreed that the new library should open in\n\
                                 spring, after a long debate about the cost of the building\n\
                                 and the number of staff it would need to open every day.\n\
                                 \n\
                                 Members said the decision had taken far too long to reach\n\
                                 and that residents had waited for the library since the old\n\
                                 one closed after a flood damaged its roof and most books.\n";

    #[test]
    fn finds_the_width_past_list_items_and_headings_left_whole() {
        // html2text wraps paragraphs but leaves list items (and a heading of links) whole,
        // longer than the width: they are no evidence against it.
        let mut text = format!("{TWO_PARAGRAPHS}\n");
        for topic in ["budget", "library", "flood", "roof", "staff", "books"] {
            text += &format!(
                "* [Read more about the {topic}](https://example.org/news/{topic}/2024)\n"
            );
        }
        text += "## [The council's other plans](https://example.org/news/council-plans)\n";
        let (lines, width) = join_wrapped(segment(&text));
        assert_eq!(width, Some(59));
        assert_eq!(lines.len(), 2 + 6 + 1);
        assert!(lines[1].text.ends_with("its roof and most books."));
        assert!(lines[2].text.starts_with("* [Read more about the budget]"));
    }

    #[test]
    fn joins_a_hard_wrapped_paragraph() {
        let text = TWO_PARAGRAPHS;
        let (lines, width) = join_wrapped(segment(text));
        assert_eq!(width, Some(59));
        assert_eq!(lines.len(), 2);
        assert!(lines[0]
            .text
            .starts_with("The committee met on Tuesday to discuss the budget for the coming"));
        assert_eq!((lines[1].start, lines[1].blank_before), (235, true));
    }

    #[test]
    fn leaves_short_lines_alone() {
        let (lines, width) = join_wrapped(segment("Home\nNews\nSport\nWeather\nContact us\n"));
        assert_eq!((lines.len(), width), (5, None));
    }

    #[test]
    fn first_piece_and_hyphen_breaks() {
        assert_eq!(first_piece("long-term"), "long-");
        assert_eq!(first_piece("-x"), "-x");
        assert_eq!(first_piece("é-ü-x"), "é-");
        assert!(hyphen_break("well-"));
        assert!(!hyphen_break("1-"));
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn joins_a_sentence_cut_where_links_began_and_ended() {
        let text = "Menu\n\nBelow, we look at the snaps for the \nCleveland Browns\n’ Week 11 \
                    game against the \nPittsburgh Steelers\n. It was a \ngood\n day.\n\n\
                    Share this\n";
        let lines = join_inline(segment(text));
        assert_eq!(
            texts(&lines),
            [
                "Menu",
                "Below, we look at the snaps for the Cleveland Browns’ Week 11 game against \
                 the Pittsburgh Steelers. It was a good day.",
                "Share this"
            ]
        );
        let chars: Vec<char> = text.chars().collect();
        let raw: String = chars[lines[1].start..lines[1].end].iter().collect();
        assert!(raw.starts_with("Below") && raw.ends_with("day."));
        assert!(lines[1].blank_before && lines[2].blank_before);
    }

    #[test]
    fn leaves_padded_lists_and_lines_after_sentence_ends_alone() {
        // Trailing spaces alone (a list's or a table's padding) are no evidence.
        let menu = "  * Features \n    * Reviews \n  * Science \n  * Entertainment \n";
        assert_eq!(join_inline(segment(menu)).len(), 4);
        // A page with clear cuts still keeps list items, blank lines and sentence ends.
        let text = "for the \nBrowns\n’ game, and the \nSteelers\n, and \nRudolph\n, too.\n\
                    - an item \n- another item\nA new sentence. \nAnother one.\n\nNext";
        assert_eq!(
            texts(&join_inline(segment(text))),
            [
                "for the Browns’ game, and the Steelers, and Rudolph, too.",
                "- an item",
                "- another item",
                "A new sentence.",
                "Another one.",
                "Next"
            ]
        );
    }

    #[test]
    fn joins_chinese_closing_punctuation_without_a_space() {
        let text = "据\n新华社\n，今天\n北京\n，上海\n和\n广州\n。\n";
        assert_eq!(
            texts(&join_inline(segment(text))),
            ["据", "新华社，今天", "北京，上海", "和", "广州。"]
        );
    }
}
