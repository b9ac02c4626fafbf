//! Junk vocabulary matched against a block's text: whole lines (and rows of listed items),
//! phrases inside a block, prefixes that open a line. The tables are compiled by
//! `cleaner.lexicon.Lexicon` from the TOML data and handed over once; the Python matching
//! code this replaced is kept in `tests/test_lexicon_core.py` as the reference.

use crate::classes::{CharSet, CLASSES, IS_LETTER, IS_MARK, IS_PUNCT};
use crate::measure::{spaceless_lead, tokens};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Longest line looked up whole (labels, menu items, buttons are short).
const MAX_LINE_CHARS: usize = 100;
/// Longest block a phrase is looked for in when its table sets no `max_chars`.
const DEFAULT_MAX_CHARS: usize = 300;
/// Most words a row of share-button words may have.
const MAX_SHARE_WORDS: usize = 15;
/// What `rest` loses at both ends after a prefix.
const REST_STRIP: CharSet = CharSet::new(" :|»›>-–—：｜.,");
/// The separator characters a prefix may be followed by (after optional spaces).
const SEP_CHARS: CharSet = CharSet::new(":|»›>-–—：｜");

static ROW_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[|•·»›/]\s*|\s{2,}|\s+[-–—]\s+").unwrap());
/// The characters `ROW_SPLIT` needs one of, besides a run of white space.
const ROW_CHARS: CharSet = CharSet::new("|•·»›/-–—");
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{L}\p{M}\p{N}]").unwrap());
/// A suffix in Han, and the name a Han suffix may follow without a space: 2 to 5 Han
/// characters and nothing else on the line (but a bracket).
static HAN_FIRST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{sc=Han}").unwrap());
static HAN_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{P}\s]*\p{sc=Han}{2,5}$").unwrap());

/// The form a line is looked up in: case-folded (by the caller), curly apostrophes made
/// straight, digits and punctuation dropped, words joined by one space.
/// The words are the runs of letters, marks and apostrophes (`[\p{L}\p{M}']+`), found by
/// the character table in one pass.
pub fn line_key(folded: &str) -> String {
    let classes = &*CLASSES;
    let mut key = String::with_capacity(folded.len());
    let mut between = false;
    for c in folded.chars() {
        let c = if c == '’' || c == '‘' { '\'' } else { c };
        if c == '\'' || classes.of(c) & (IS_LETTER | IS_MARK) != 0 {
            if between && !key.is_empty() {
                key.push(' ');
            }
            between = false;
            key.push(c);
        } else {
            between = true;
        }
    }
    let trimmed = key.trim_matches([' ', '\'']);
    if trimmed.len() == key.len() {
        key
    } else {
        trimmed.to_string()
    }
}

/// Whether `ROW_SPLIT` can match in `text`: it needs one of `ROW_CHARS` or two white-space
/// characters in a row (a quick test that spares most lines the search).
fn may_split(text: &str) -> bool {
    let mut space = false;
    for c in text.chars() {
        if ROW_CHARS.contains(c) {
            return true;
        }
        let now = c.is_whitespace();
        if now && space {
            return true;
        }
        space = now;
    }
    false
}

/// A match: the table it came from, the phrase matched, its language, the rest of the line.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub table: String,
    pub phrase: String,
    pub lang: String,
    pub rest: String,
    pub has_sep: bool,
}

impl Hit {
    fn new(table: &str, phrase: &str, lang: &str) -> Self {
        Hit {
            table: table.into(),
            phrase: phrase.into(),
            lang: lang.into(),
            rest: String::new(),
            has_sep: false,
        }
    }
}

/// A phrase found token by token: its tokens, table, text and language.
pub struct Phrase {
    pub tokens: Vec<String>,
    pub table: String,
    pub phrase: String,
    pub lang: String,
}

/// One table's line prefixes: those that may stand alone (`free`, ending at a word
/// boundary) and those that need a separator after them, each longest first and indexed by
/// first character.
struct Prefixes {
    free: Vec<String>,
    need: Vec<String>,
    free_by_first: FxHashMap<char, Vec<usize>>,
    need_by_first: FxHashMap<char, Vec<usize>>,
    lang: FxHashMap<String, String>,
}

impl Prefixes {
    fn new(mut entries: Vec<(String, String, bool)>) -> Self {
        let mut lang = FxHashMap::default();
        for (p, l, _) in &entries {
            lang.insert(p.clone(), l.clone()); // a later language wins, as in Python's dict
        }
        entries.sort_by_key(|e| std::cmp::Reverse(e.0.chars().count()));
        let mut free: Vec<String> = Vec::new();
        let mut need: Vec<String> = Vec::new();
        for (p, _, sep) in entries {
            if sep {
                if !need.contains(&p) {
                    need.push(p);
                }
            } else if !free.contains(&p) {
                free.push(p);
            }
        }
        let mut free_by_first: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        for (i, p) in free.iter().enumerate() {
            if let Some(c) = p.chars().next() {
                free_by_first.entry(c).or_default().push(i);
            }
        }
        let mut need_by_first: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        for (i, p) in need.iter().enumerate() {
            if let Some(c) = p.chars().next() {
                need_by_first.entry(c).or_default().push(i);
            }
        }
        Prefixes {
            free,
            need,
            free_by_first,
            need_by_first,
            lang,
        }
    }
}

/// Whether `text` holds a letter of a script written without spaces between words (Thai,
/// Lao, Myanmar, Khmer: `cleaner.lexicon.SPACELESS`), found by their UTF-8 lead bytes
/// (`measure::spaceless_lead`).
pub fn spaceless(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xE0, 0xE1, b).any(|i| match b.get(i..i + 2) {
        Some(&[b0, b1]) => spaceless_lead(b0, b1),
        _ => false,
    })
}

/// Most e-mail addresses a line's end may hold after a suffix byline's name.
const MAX_TAIL_ADDRESSES: usize = 2;

/// `text` without what may follow a byline's suffix: punctuation, symbols and spaces, and
/// up to `MAX_TAIL_ADDRESSES` e-mail addresses (words with an `@`).
fn without_tail(text: &str) -> &str {
    let mut body = text.trim_end_matches(|c: char| !c.is_alphanumeric());
    for _ in 0..MAX_TAIL_ADDRESSES {
        let last = body.rfind(char::is_whitespace).map_or(0, |i| {
            i + body[i..].chars().next().map_or(1, char::len_utf8)
        });
        if !body[last..].contains('@') {
            break;
        }
        body = body[..last].trim_end_matches(|c: char| !c.is_alphanumeric());
    }
    body
}

/// Length in bytes of a separator at the start of `s`: spaces, then one or more of
/// `SEP_CHARS`; 0 when there is none.
fn separator(s: &str) -> usize {
    let spaces = s.len() - s.trim_start_matches(char::is_whitespace).len();
    let rest = &s[spaces..];
    let seps = rest.len() - rest.trim_start_matches(|c| SEP_CHARS.contains(c)).len();
    if seps == 0 {
        0
    } else {
        spaces + seps
    }
}

/// Where a prefix may start in `folded`: each position within its lead of punctuation,
/// symbols and spaces, and the first position past it (tried last to first).
pub fn lead_starts(folded: &str) -> Vec<usize> {
    // The lead is `^[\p{P}\p{S}\s]*`: punctuation and symbols by the character table,
    // white space as the regex `\s` reads it (Unicode's White_Space).
    let classes = &*CLASSES;
    let mut starts = Vec::new();
    for (i, c) in folded.char_indices() {
        if !c.is_whitespace() && classes.of(c) & IS_PUNCT == 0 {
            starts.push(i);
            return starts;
        }
        starts.push(i);
    }
    starts.push(folded.len());
    starts
}

/// The tables ranked by priority (the first listed wins).
fn ranks(order: Vec<String>) -> FxHashMap<String, usize> {
    order.into_iter().enumerate().map(|(i, t)| (t, i)).collect()
}

/// The compiled tables. Their keys are the lexicon's own words, so a fast unseeded hash
/// serves (a page's text is only looked up in them, never stored as a key).
pub struct Lexicon {
    lines: FxHashMap<String, (String, String)>,
    share_words: FxHashSet<String>,
    share_strong: FxHashSet<String>,
    phrase_index: FxHashMap<String, Vec<Phrase>>,
    symbol_phrases: Vec<(String, String, String)>,
    /// The substring phrases in a script without spaces between words (`spaceless`): only
    /// a block that holds such a script is searched for them.
    spaceless_phrases: Vec<(String, String, String)>,
    max_chars: FxHashMap<String, usize>,
    max_phrase_chars: usize,
    prefixes: FxHashMap<String, Prefixes>,
    /// Each table's line suffixes, their languages and whether they open in Han (which may
    /// follow a name without a space), longest first.
    suffixes: FxHashMap<String, Vec<(String, String, bool)>>,
    /// The last characters of every suffix.
    suffix_ends: FxHashSet<char>,
    line_rank: FxHashMap<String, usize>,
    phrase_rank: FxHashMap<String, usize>,
}

/// Everything a lexicon is built from (see `cleaner.lexicon.Lexicon.core`).
pub struct Tables {
    pub lines: HashMap<String, (String, String)>,
    pub share_words: HashSet<String>,
    pub share_strong: HashSet<String>,
    pub phrases: Vec<Phrase>,
    pub symbol_phrases: Vec<(String, String, String)>,
    pub max_chars: HashMap<String, usize>,
    pub max_phrase_chars: usize,
    pub prefixes: HashMap<String, Vec<(String, String, bool)>>,
    pub suffixes: HashMap<String, Vec<(String, String)>>,
    pub line_priority: Vec<String>,
    pub phrase_priority: Vec<String>,
}

impl Lexicon {
    pub fn new(t: Tables) -> Result<Self, String> {
        let line_rank = ranks(t.line_priority);
        let phrase_rank = ranks(t.phrase_priority);
        for (table, _) in t.lines.values() {
            if !line_rank.contains_key(table) {
                return Err(format!("table {table:?} has no line priority"));
            }
        }
        let mut phrase_index: FxHashMap<String, Vec<Phrase>> = FxHashMap::default();
        for p in t.phrases {
            if !phrase_rank.contains_key(&p.table) {
                return Err(format!("table {:?} has no phrase priority", p.table));
            }
            let first = p.tokens.first().ok_or("a phrase without tokens")?.clone();
            phrase_index.entry(first).or_default().push(p);
        }
        for (_, table, _) in &t.symbol_phrases {
            if !phrase_rank.contains_key(table) {
                return Err(format!("table {table:?} has no phrase priority"));
            }
        }
        let (spaceless_phrases, symbol_phrases) = t
            .symbol_phrases
            .into_iter()
            .partition(|(phrase, _, _)| spaceless(phrase));
        Ok(Lexicon {
            lines: t.lines.into_iter().collect(),
            share_words: t.share_words.into_iter().collect(),
            share_strong: t.share_strong.into_iter().collect(),
            phrase_index,
            symbol_phrases,
            spaceless_phrases,
            max_chars: t.max_chars.into_iter().collect(),
            max_phrase_chars: t.max_phrase_chars,
            prefixes: t
                .prefixes
                .into_iter()
                .map(|(table, entries)| (table, Prefixes::new(entries)))
                .collect(),
            suffix_ends: t
                .suffixes
                .values()
                .flatten()
                .filter_map(|(s, _)| s.chars().next_back())
                .collect(),
            suffixes: t
                .suffixes
                .into_iter()
                .map(|(table, mut entries)| {
                    entries.sort_by_key(|e| std::cmp::Reverse(e.0.chars().count()));
                    let entries = entries
                        .into_iter()
                        .map(|(s, lang)| {
                            let han = HAN_FIRST.is_match(&s);
                            (s, lang, han)
                        })
                        .collect();
                    (table, entries)
                })
                .collect(),
            line_rank,
            phrase_rank,
        })
    }

    fn max_chars(&self, table: &str) -> usize {
        self.max_chars
            .get(table)
            .copied()
            .unwrap_or(DEFAULT_MAX_CHARS)
    }

    /// A hit when the whole line (or every part of a `|`-separated row) is listed.
    pub fn whole_line(&self, text: &str, folded: &str) -> Option<Hit> {
        if text.chars().count() > MAX_LINE_CHARS {
            return None;
        }
        let key = line_key(folded);
        if key.is_empty() {
            return None;
        }
        if let Some((table, lang)) = self.lines.get(&key) {
            return Some(Hit::new(table, &key, lang));
        }
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() <= MAX_SHARE_WORDS
            && words.iter().any(|w| self.share_strong.contains(*w))
            && words.iter().all(|w| self.share_words.contains(*w))
        {
            return Some(Hit::new("share", &key, ""));
        }
        if !may_split(folded) {
            return None; // one piece: not a row
        }
        let pieces: Vec<&str> = ROW_SPLIT.split(folded).collect();
        if pieces.len() < 2 {
            return None; // not a row of several items
        }
        let parts: Vec<String> = pieces
            .iter()
            .map(|p| line_key(p))
            .filter(|k| !k.is_empty())
            .collect();
        if parts.len() < 2 {
            return None;
        }
        let mut found = Vec::with_capacity(parts.len());
        for p in &parts {
            found.push(self.lines.get(p)?);
        }
        let (mut best, _) = found
            .iter()
            .map(|(t, _)| (t.as_str(), self.line_rank[t]))
            .min_by_key(|(_, r)| *r)?;
        if best == "comments_label" || best == "section_label" {
            best = "navigation"; // a row of several labels is a menu
        }
        Some(Hit::new(best, &key, &found[0].1))
    }

    /// A hit when a listed phrase occurs in a block short enough for its table; `folded` is
    /// `text` as `cleaner.lexicon.fold` makes it (case-folded, apostrophes straight).
    pub fn phrase(&self, text: &str, folded: &str) -> Option<Hit> {
        let n = text.chars().count();
        if n > self.max_phrase_chars {
            return None;
        }
        let mut best: Option<(usize, Hit)> = None;
        let mut offer = |table: &str, phrase: &str, lang: &str| {
            let rank = self.phrase_rank[table];
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, Hit::new(table, phrase, lang)));
            }
        };
        let scripted = if !self.spaceless_phrases.is_empty() && spaceless(folded) {
            &self.spaceless_phrases[..]
        } else {
            &[]
        };
        for (phrase, table, lang) in self.symbol_phrases.iter().chain(scripted) {
            if n <= self.max_chars(table) && folded.contains(phrase.as_str()) {
                offer(table, phrase, lang);
            }
        }
        // `folded` has straight apostrophes (`fold`), as the phrases' tokens do.
        let toks: Vec<&str> = tokens(folded).collect();
        for (i, tok) in toks.iter().enumerate() {
            let Some(entries) = self.phrase_index.get(*tok) else {
                continue;
            };
            for e in entries {
                let end = i + e.tokens.len();
                if n <= self.max_chars(&e.table)
                    && end <= toks.len()
                    && toks[i..end].iter().zip(&e.tokens).all(|(a, b)| a == b)
                    && folded.contains(e.phrase.as_str())
                {
                    offer(&e.table, &e.phrase, &e.lang);
                }
            }
        }
        best.map(|(_, h)| h)
    }

    /// A hit when `folded` opens with one of `table`'s prefixes (after punctuation, symbols
    /// and spaces); `rest` is what follows. Tries, as a backtracking regex would, the
    /// longest lead first, and at each start the free prefixes (longest first) before the
    /// ones that need a separator.
    pub fn prefix(&self, table: &str, folded: &str) -> Option<Hit> {
        self.prefix_from(table, folded, &lead_starts(folded))
    }

    /// Every table's prefix hit in `folded`, its lead measured once.
    pub fn prefixes(&self, folded: &str) -> Vec<Hit> {
        let starts = lead_starts(folded);
        self.prefixes
            .keys()
            .filter_map(|table| self.prefix_from(table, folded, &starts))
            .collect()
    }

    /// A hit when `folded` ends with one of `table`'s suffixes as a word of its own, before
    /// any e-mail address, punctuation and symbols ("홍길동 기자 hong@example.com", "[홍길동
    /// 기자]"); `rest` is what stands before it, without its leading punctuation.
    pub fn suffix(&self, table: &str, folded: &str) -> Option<Hit> {
        // Most lines end in no suffix's last character and hold no address to strip.
        let last = folded.chars().rev().find(|c| c.is_alphanumeric())?;
        if !self.suffix_ends.contains(&last) && !folded.contains('@') {
            return None;
        }
        let set = self.suffixes.get(table)?;
        let body = without_tail(folded);
        for (suffix, lang, han) in set {
            let Some(head) = body.strip_suffix(suffix.as_str()) else {
                continue;
            };
            // A word of its own ("기자회견"'s end is no "기자"); in Han, which writes no
            // spaces, right after a name of a few characters alone ("山田太郎記者").
            let own_word = head.ends_with(char::is_whitespace) || (*han && HAN_NAME.is_match(head));
            if !own_word {
                continue;
            }
            // A bracketed source before the name ("[서울=뉴시스] 홍길동 기자") is no part of it.
            let named = head
                .rfind([']', ')', '】', '」', '）'])
                .map_or(head, |i| &head[i..]);
            let rest = named
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim_end();
            if rest.is_empty() {
                continue;
            }
            return Some(Hit {
                table: table.into(),
                phrase: suffix.clone(),
                lang: lang.clone(),
                rest: rest.into(),
                has_sep: false,
            });
        }
        None
    }

    /// `prefix`, given where a prefix may start (`lead_starts`).
    pub fn prefix_from(&self, table: &str, folded: &str, starts: &[usize]) -> Option<Hit> {
        let set = self.prefixes.get(table)?;
        for &pos in starts.iter().rev() {
            let s = &folded[pos..];
            let Some(first) = s.chars().next() else {
                continue;
            };
            let mut matched: Option<(&str, usize, bool)> = None;
            for &i in set.free_by_first.get(&first).into_iter().flatten() {
                let p = &set.free[i];
                // A word of its own, in every script: "文化" (culture) is no "文" (text by)
                // and a name, "기자회견" (a press conference) no "기자" (reporter) and one.
                if s.starts_with(p.as_str()) && !WORD_CHAR.is_match(&s[p.len()..]) {
                    let sep = separator(&s[p.len()..]);
                    matched = Some((p, p.len() + sep, sep > 0));
                    break;
                }
            }
            if matched.is_none() {
                for &i in set.need_by_first.get(&first).into_iter().flatten() {
                    let q = &set.need[i];
                    if s.starts_with(q.as_str()) {
                        let sep = separator(&s[q.len()..]);
                        if sep > 0 {
                            matched = Some((q, q.len() + sep, true));
                            break;
                        }
                    }
                }
            }
            if let Some((phrase, len, has_sep)) = matched {
                let rest = s[len..].trim_matches(|c| REST_STRIP.contains(c));
                let lang = set.lang.get(phrase).map_or("", |l| l.as_str());
                return Some(Hit {
                    table: table.into(),
                    phrase: phrase.into(),
                    lang: lang.into(),
                    rest: rest.into(),
                    has_sep,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let s = |x: &str| x.to_string();
        let mut lines = HashMap::new();
        lines.insert(s("home"), (s("navigation"), s("en")));
        lines.insert(s("comments"), (s("comments_label"), s("en")));
        let mut prefixes = HashMap::new();
        prefixes.insert(
            s("credit"),
            vec![(s("(bild"), s("de"), false), (s("图"), s("zh"), false)],
        );
        prefixes.insert(s("related_link"), vec![(s("lies"), s("de"), true)]);
        Lexicon::new(Tables {
            lines,
            share_words: ["share", "on", "facebook"].iter().map(|x| s(x)).collect(),
            share_strong: ["share"].iter().map(|x| s(x)).collect(),
            phrases: vec![Phrase {
                tokens: vec![s("we"), s("use"), s("cookies")],
                table: s("cookie_notice"),
                phrase: s("we use cookies"),
                lang: s("en"),
            }],
            symbol_phrases: vec![(s("©"), s("legal"), s(""))],
            max_chars: HashMap::new(),
            max_phrase_chars: 300,
            prefixes,
            suffixes: HashMap::from([(
                s("byline"),
                vec![
                    (s("기자"), s("ko")),
                    (s("선임기자"), s("ko")),
                    (s("記者"), s("ja")),
                ],
            )]),
            line_priority: vec![s("comments_label"), s("navigation")],
            phrase_priority: vec![s("cookie_notice"), s("legal")],
        })
        .unwrap()
    }

    #[test]
    fn suffixes_end_a_line_as_a_word_of_their_own() {
        let lex = lexicon();
        let rest = |folded: &str| lex.suffix("byline", folded).map(|h| (h.phrase, h.rest));
        let s = |x: &str| x.to_string();
        assert_eq!(rest("홍길동 기자"), Some((s("기자"), s("홍길동"))));
        assert_eq!(
            rest("[마리아 로페스 기자]"),
            Some((s("기자"), s("마리아 로페스")))
        );
        assert_eq!(
            rest("홍길동 기자 hong@example.com"),
            Some((s("기자"), s("홍길동")))
        );
        assert_eq!(
            rest("홍길동 선임기자 = "),
            Some((s("선임기자"), s("홍길동")))
        );
        assert_eq!(
            rest("[서울=뉴시스] 홍길동 기자"),
            Some((s("기자"), s("홍길동")))
        );
        assert_eq!(rest("(기자) 기자"), None);
        assert_eq!(rest("山田太郎記者"), Some((s("記者"), s("山田太郎"))));
        assert_eq!(rest("（山田太郎記者）"), Some((s("記者"), s("山田太郎"))));
        assert_eq!(rest("元nhk記者"), None);
        assert_eq!(rest("首相が会見で記者"), None);
        assert_eq!(rest("대통령 기자회견"), None);
        assert_eq!(rest("여기자"), None);
        assert_eq!(rest("기자"), None);
        assert_eq!(rest(" @ 기자 a@b c@d e@f"), None);
        assert_eq!(lex.suffix("credit", "홍길동 기자"), None);
        assert_eq!(without_tail("a@b"), "");
        assert_eq!(without_tail("x a@b c@d"), "x");
        assert_eq!(without_tail("x a@b c@d e@f"), "x a@b");
    }

    #[test]
    fn spaceless_scripts_are_found_by_their_lead_bytes() {
        for text in ["เราใช้คุกกี้", "ພາສາລາວ", "မြန်မာ", "ភាសាខ្មែរ", "a ก"]
        {
            assert!(spaceless(text), "{text}");
        }
        // Devanagari (E0 A4), Tamil (E0 AE), Georgian (E1 83), Hangul Jamo (E1 84), Latin
        // Extended Additional (E1 BB): lead bytes of the same rows, not the scripts.
        for text in ["हिन्दी", "தமிழ்", "ქართული", "ᄀ", "Việt", "plain", ""]
        {
            assert!(!spaceless(text), "{text}");
        }
    }

    #[test]
    fn lines_rows_and_share_bars() {
        let lex = lexicon();
        assert_eq!(line_key("editor’s picks: (12)"), "editor's picks");
        assert_eq!(lex.whole_line("Home", "home").unwrap().table, "navigation");
        let row = lex
            .whole_line("Home | Comments", "home | comments")
            .unwrap();
        assert_eq!(row.table, "navigation");
        assert_eq!(
            lex.whole_line("x", "share on facebook").unwrap().table,
            "share"
        );
        assert!(lex.whole_line("x", "home | news").is_none());
    }

    /// The regex forms `line_key`, `lead_starts` and `may_split` replaced, as references.
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{M}']+").unwrap());
    static LEAD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\p{P}\p{S}\s]*").unwrap());

    fn key_by_regex(folded: &str) -> String {
        let word = &*WORD;
        let straight = folded.replace(['’', '‘'], "'");
        let words: Vec<&str> = word.find_iter(&straight).map(|m| m.as_str()).collect();
        words.join(" ").trim_matches([' ', '\'']).to_string()
    }

    fn lead_by_regex(folded: &str) -> Vec<usize> {
        let end = LEAD.find(folded).map_or(0, |m| m.end());
        let mut starts: Vec<usize> = folded[..end].char_indices().map(|(i, _)| i).collect();
        starts.push(end);
        starts
    }

    #[test]
    fn table_scans_agree_with_the_regexes_they_replaced() {
        for text in [
            "",
            " ",
            "editor’s picks: (12)",
            "'quoted' words’",
            "« — home »",
            "• • •",
            "naïve café",
            "ка́федра",
            "नमस्ते दुनिया",
            "中文 新闻",
            "a\u{301}b c",
            "12 34",
            "x  y",
            "home | news",
            "a - b",
            "a/b",
            "\u{3000}»\u{a0}lies: mehr",
            "'",
            "’’",
            "  trailing  ",
            "é\u{300}\u{301}'s",
            "🙂 emoji 🙂",
            "ǅ title",
        ] {
            assert_eq!(line_key(text), key_by_regex(text), "{text:?}");
            assert_eq!(lead_starts(text), lead_by_regex(text), "{text:?}");
            // `may_split` may say yes to a line the regex then does not split, never no to
            // one it would.
            assert!(
                may_split(text) || ROW_SPLIT.split(text).count() == 1,
                "{text:?}"
            );
        }
        // And on strings drawn from a palette of every kind of character they tell apart.
        let palette: Vec<char> = "aZé\u{301}'’‘ -–—|•·»›/:.,!?«\u{a0}\u{3000}\t中ка7٣🙂\u{200d}"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(seed % 12) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(palette[(seed >> 33) as usize % palette.len()]);
            }
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            assert_eq!(line_key(&text), key_by_regex(&text), "{text:?}");
            assert_eq!(lead_starts(&text), lead_by_regex(&text), "{text:?}");
            assert!(
                may_split(&text) || ROW_SPLIT.split(&text).count() == 1,
                "{text:?}"
            );
        }
    }

    #[test]
    fn phrases_by_priority() {
        let lex = lexicon();
        let hit = lex.phrase("x", "© we use cookies.").unwrap();
        assert_eq!(
            (hit.table.as_str(), hit.phrase.as_str()),
            ("cookie_notice", "we use cookies")
        );
        assert!(lex.phrase("x", "we use cookie").is_none());
    }

    #[test]
    fn prefixes_after_lead_and_separators() {
        let lex = lexicon();
        assert_eq!(
            lex.prefix("credit", "(bild: agentur").unwrap().rest,
            "agentur"
        );
        assert_eq!(
            lex.prefix("credit", "» (bild agentur").unwrap().phrase,
            "(bild"
        );
        assert_eq!(lex.prefix("credit", "图：新华社").unwrap().rest, "新华社");
        assert!(lex.prefix("credit", "(bilder").is_none());
        assert!(lex.prefix("related_link", "• lies: mehr").unwrap().has_sep);
        assert!(lex.prefix("related_link", "lies mehr").is_none());
    }
}
