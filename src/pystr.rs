//! Python's `str` semantics the core must match to the character: what `str.isspace`
//! calls white space, and so what `str.split()` and `str.strip()` cut at.

/// Python's `str.isspace()`: Unicode White_Space plus the information separators
/// U+001C..U+001F (which `char::is_whitespace` leaves out).
pub fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `text.split()`: the runs between white space.
pub fn py_split(text: &str) -> impl Iterator<Item = &str> {
    text.split(py_space).filter(|w| !w.is_empty())
}

/// Python's `text.strip()`.
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(py_space)
}

#[cfg(test)]
mod tests {
    use super::*;

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
