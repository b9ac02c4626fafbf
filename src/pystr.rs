//! Python's `str` semantics the core must match to the character: what `str.isspace`
//! calls white space, and so what `str.split()` and `str.strip()` cut at; what
//! `str.isalpha`, `str.islower` and `str.isupper` say of one character.

use crate::classes::{CLASSES, IS_LETTER};

/// `char::is_whitespace` (Unicode's White_Space), its few characters beyond ASCII listed so
/// that a letter beyond ASCII is told apart without a table search.
#[inline(always)]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t'..='\r')
    } else {
        matches!(
            c as u32,
            0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000
        )
    }
}

/// Python's `str.isspace()`: Unicode White_Space plus the information separators
/// U+001C..U+001F (which `char::is_whitespace` leaves out).
#[inline]
pub fn py_space(c: char) -> bool {
    is_space(c) || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `text.split()`: the runs between white space.
pub fn py_split(text: &str) -> impl Iterator<Item = &str> {
    text.split(py_space).filter(|w| !w.is_empty())
}

/// Python's `text.strip()`.
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(py_space)
}

/// Code points unassigned in Unicode 14.0 (Python 3.11's) that the newer tables of Rust and
/// the regex crate call letters or cased: `tests/test_unwrap_core.py` compares the three
/// predicates below with Python's on every code point.
const NOT_IN_PYTHON: &[(u32, u32)] = &[
    (0x1c89, 0x1c8a),
    (0xa7cb, 0xa7cf),
    (0xa7d2, 0xa7d2),
    (0xa7d4, 0xa7d4),
    (0xa7da, 0xa7dc),
    (0xa7f1, 0xa7f1),
    (0x105c0, 0x105f3),
    (0x10d4a, 0x10d65),
    (0x10d6f, 0x10d85),
    (0x10ec2, 0x10ec4),
    (0x1123f, 0x11240),
    (0x11380, 0x11389),
    (0x1138b, 0x1138b),
    (0x1138e, 0x1138e),
    (0x11390, 0x113b5),
    (0x113b7, 0x113b7),
    (0x113d1, 0x113d1),
    (0x113d3, 0x113d3),
    (0x11bc0, 0x11be0),
    (0x11f02, 0x11f02),
    (0x11f04, 0x11f10),
    (0x11f12, 0x11f33),
    (0x1342f, 0x1342f),
    (0x13441, 0x13446),
    (0x13460, 0x143fa),
    (0x16100, 0x1611d),
    (0x16d40, 0x16d6c),
    (0x16ea0, 0x16eb8),
    (0x16ebb, 0x16ed3),
    (0x18cff, 0x18cff),
    (0x1b132, 0x1b132),
    (0x1b155, 0x1b155),
    (0x1df25, 0x1df2a),
    (0x1e030, 0x1e06d),
    (0x1e4d0, 0x1e4eb),
    (0x1e5d0, 0x1e5ed),
    (0x1e5f0, 0x1e5f0),
    (0x2b739, 0x2b739),
    (0x2ebf0, 0x2ee5d),
    (0x31350, 0x323af),
];

fn newer(c: char) -> bool {
    let c = c as u32;
    c >= 0x80 && NOT_IN_PYTHON.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// Python's `c.isalpha()`: a letter (`\p{L}`).
pub fn py_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    CLASSES.of(c) & IS_LETTER != 0 && !newer(c)
}

/// Python's `c.islower()` for one character: Unicode's Lowercase property (as of 14.0:
/// U+0295 was lower case then, and five modifier letters were not yet).
pub fn py_lower(c: char) -> bool {
    match c {
        '\u{295}' => true,
        '\u{10fc}' | '\u{a7f2}'..='\u{a7f4}' | '\u{ab69}' => false,
        _ => c.is_lowercase() && !newer(c),
    }
}

/// Python's `c.isupper()` for one character: Unicode's Uppercase property.
pub fn py_upper(c: char) -> bool {
    c.is_uppercase() && !newer(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_space_is_unicode_white_space() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn white_space_is_pythons() {
        // Python 3.11: every character whose str.isspace() is true, and no other below U+3001.
        let python: Vec<u32> = vec![
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ];
        let ours: Vec<u32> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|&c| py_space(c))
            .map(|c| c as u32)
            .collect();
        assert_eq!(ours, python);
        assert_eq!(py_strip("\u{1c} a \u{a0}"), "a");
        assert_eq!(py_split(" a  b\u{2003}c\u{1f}d ").count(), 4);
    }
}
