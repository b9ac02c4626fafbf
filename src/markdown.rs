//! Markdown's marks in raw text: reader services and html2text write a page as Markdown, where
//! a link keeps its target (`[text](https://...)`) and a heading its `#`. What a link's
//! text covers is the link density raw text otherwise lacks (a menu is all links, a
//! paragraph a few words of them); the cleaner writes the article's links as their text
//! (`cleaner.Options.include_links`).

use crate::segment::Line;

/// One inline link found in a text: where its span starts and ends (byte offsets, the
/// brackets and the target included) and where its text lies inside.
#[derive(Debug, PartialEq)]
struct Link {
    start: usize,
    end: usize,
    text: (usize, usize),
}

/// Longest link text and target looked at (a longer one is not taken for a link: it keeps
/// the scan linear on a text of unclosed brackets).
const MAX_TEXT: usize = 500;
const MAX_TARGET: usize = 2000;

/// The inline links of `text`, left to right: `[text](target)` or `[text](target "title")`,
/// the text without brackets or a line break, the target without white space (one level of
/// balanced parentheses allowed, as in Wikipedia's addresses). An image (`![alt](src)`) is
/// not a link; inside a link's text it is left as it is.
fn links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    // Most lines have no link at all: one substring search spares them the scan.
    if !text.contains("](") {
        return out;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr(b'[', &b[i..]) {
        let open = i + off;
        i = open + 1;
        if open > 0 && b[open - 1] == b'!' {
            continue;
        }
        let Some(close) = link_text_end(b, open + 1) else {
            continue;
        };
        if b.get(close + 1) != Some(&b'(') {
            continue;
        }
        let Some(end) = target_end(b, close + 2) else {
            continue;
        };
        out.push(Link {
            start: open,
            end,
            text: (open + 1, close),
        });
        i = end;
    }
    out
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

/// Where the `]` closing a link text opened before `from` stands: no `[`, `]` nor line
/// break before it, at most `MAX_TEXT` bytes on.
fn closing_bracket(b: &[u8], from: usize) -> Option<usize> {
    for (k, &c) in b[from..].iter().enumerate().take(MAX_TEXT + 1) {
        match c {
            b']' => return Some(from + k),
            b'[' | b'\n' | b'\r' => return None,
            _ => {}
        }
    }
    None
}

/// Where the `]` closing a link text opened before `from` stands: as `closing_bracket`, but
/// an image inside the text (`[![photo](src) Headline](href)`, a teaser card) is passed
/// over whole.
fn link_text_end(b: &[u8], from: usize) -> Option<usize> {
    let mut k = from;
    while k <= from + MAX_TEXT {
        match *b.get(k)? {
            b']' => return Some(k),
            b'[' if k > from && b[k - 1] == b'!' => k = image_end(b, k - 1)?,
            b'[' | b'\n' | b'\r' => return None,
            _ => k += 1,
        }
    }
    None
}

/// The end (after its `)`) of the image whose `!` stands at `bang`, if one does.
fn image_end(b: &[u8], bang: usize) -> Option<usize> {
    if b.get(bang + 1) != Some(&b'[') {
        return None;
    }
    let close = closing_bracket(b, bang + 2)?;
    if b.get(close + 1) != Some(&b'(') {
        return None;
    }
    target_end(b, close + 2)
}

/// The end (after its `)`) of a link's target opening at `from`: no white space in the
/// address, parentheses balanced one level deep, an optional title in double quotes
/// after a space.
fn target_end(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0u32;
    let mut k = from;
    let stop = (from + MAX_TARGET).min(b.len());
    while k < stop {
        match b[k] {
            b'(' if depth == 0 => depth = 1,
            b'(' => return None,
            b')' if depth == 1 => depth = 0,
            b')' => return Some(k + 1),
            b' ' if depth == 0 && k > from => {
                // A title: ` "..."` and the closing parenthesis.
                if b.get(k + 1) != Some(&b'"') {
                    return None;
                }
                // The title's opening quote may stand at `stop` itself: then there is no
                // room left for the title (`get`, not a slice that would start past `stop`).
                let quote = memchr(b'"', b.get(k + 2..stop)?)? + k + 2;
                return (b.get(quote + 1) == Some(&b')')).then_some(quote + 2);
            }
            b' ' | b'\t' | b'\n' | b'\r' | b'<' | b'>' => return None,
            _ => {}
        }
        k += 1;
    }
    None
}

/// The share of `text`'s characters, as a reader sees them (each link as its text), that
/// are links' text; 0 without links.
pub fn link_share(text: &str) -> f64 {
    let found = links(text);
    if found.is_empty() {
        return 0.0;
    }
    let chars = |s: &str| s.chars().count();
    let mut shown = chars(text);
    let mut linked = 0;
    for l in &found {
        let inner = chars(&text[l.text.0..l.text.1]);
        shown -= chars(&text[l.start..l.end]) - inner;
        linked += inner;
    }
    linked as f64 / shown.max(1) as f64
}

/// `text` with each link written as its text ("see [the report](https://x.org/r)" ->
/// "see the report"); None when it has no link, or only links with no text (then the
/// text is kept as it is: nothing would be left to read; see `textless_links`). A link with
/// no text (an icon's) leaves one space where it stood between two words, as an image does.
pub fn plain_links(text: &str) -> Option<String> {
    let found = links(text);
    if found.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut after_textless = false;
    for l in &found {
        put(&mut out, &text[at..l.start], after_textless);
        let shown = &text[l.text.0..l.text.1];
        after_textless = shown.trim().is_empty();
        if !after_textless {
            out.push_str(shown);
        }
        at = l.end;
    }
    put(&mut out, &text[at..], after_textless);
    let kept = out.trim();
    if kept.is_empty() {
        return None;
    }
    Some(if kept.len() == out.len() {
        out
    } else {
        kept.to_string()
    })
}

/// `piece` after `out`: joined as after a removed image (`join`) where a link with no text
/// stood between them, and no space left before the punctuation that closed the sentence
/// or clause ("rain [](/i)." -> "rain."); else as it is.
fn put(out: &mut String, piece: &str, after_textless: bool) {
    if !after_textless {
        out.push_str(piece);
        return;
    }
    let rest = piece.trim_start();
    if rest.starts_with(['.', ',', ';', ':', '!', '?', ')']) {
        out.truncate(out.trim_end().len());
        out.push_str(rest);
    } else {
        join(out, piece);
    }
}

/// Whether `text` is nothing but Markdown links with no text ("[](https://x.org/)", an
/// icon's or a logo's link, as reader services write one): nothing a reader reads, white
/// space and punctuation aside.
pub fn textless_links(text: &str) -> bool {
    let found = links(text);
    if found.is_empty() {
        return false;
    }
    let mut at = 0;
    for l in &found {
        if text[at..l.start].chars().any(char::is_alphanumeric)
            || !text[l.text.0..l.text.1].trim().is_empty()
        {
            return false;
        }
        at = l.end;
    }
    !text[at..].chars().any(char::is_alphanumeric)
}

/// The spans (byte offsets) of `text`'s Markdown images, left to right: `![alt](src)` or
/// `![alt](src "title")`, the alt text without brackets or a line break, the source as a
/// link's target, the `!` not right after a letter or digit; images side by side inside one
/// link (`[![alt](src)](href)`, a linked picture, as reader services write a gallery or a
/// logo) make one span with the link.
fn images(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    if !text.contains("![") {
        return found;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr(b'!', &b[i..]) {
        let bang = i + off;
        i = bang + 1;
        if exclamation(text, bang) {
            continue;
        }
        let Some(end) = image_end(b, bang) else {
            continue;
        };
        // Images with only white space between them are one run (what a link may wrap).
        match found.last_mut() {
            Some(last) if b[last.1..bang].iter().all(u8::is_ascii_whitespace) => last.1 = end,
            _ => found.push((bang, end)),
        }
        i = end;
    }
    for span in &mut found {
        *span = linked(b, *span).unwrap_or(*span);
    }
    // A link's target may hold what looked like a later image ("[![](/x)](![a](/i.png))"):
    // a span that starts inside the one before is part of it.
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for span in found {
        match spans.last_mut() {
            Some(last) if span.0 < last.1 => last.1 = last.1.max(span.1),
            _ => spans.push(span),
        }
    }
    spans
}

/// Whether the `!` at `bang` ends a word ("Shop more![Learn more](/shop)"): an exclamation
/// glued to a link, as html2text writes one, not an image (CommonMark would read one).
fn exclamation(text: &str, bang: usize) -> bool {
    text[..bang]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The span of the link around a run of images (`[` before it and `](href)` after it, white
/// space aside), if there is one.
fn linked(b: &[u8], (start, end): (usize, usize)) -> Option<(usize, usize)> {
    let open = start
        - b[..start]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
    let close = end
        + b[end..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
    if open == 0 || b[open - 1] != b'[' || b.get(close) != Some(&b']') {
        return None;
    }
    if b.get(close + 1) != Some(&b'(') {
        return None;
    }
    Some((open - 1, target_end(b, close + 2)?))
}

/// `piece` after `out` where an image stood between them: no second space, and none
/// inside a link's brackets ("[ ![i](a.png) More](/n)" -> "[More](/n)").
fn join(out: &mut String, piece: &str) {
    let piece = if out.ends_with(|c: char| c.is_whitespace() || c == '[') {
        piece.trim_start()
    } else {
        piece
    };
    if piece.starts_with(']') {
        out.truncate(out.trim_end().len());
    }
    out.push_str(piece);
}

/// `text` without its Markdown images (`images`): what a reader reads of it. A removed
/// image leaves one space where it stood between two words, none at either end. None when
/// `text` has no image; an empty string when it is nothing but images.
pub fn without_images(text: &str) -> Option<String> {
    let found = images(text);
    if found.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in found {
        join(&mut out, &text[at..start]);
        at = end;
    }
    join(&mut out, &text[at..]);
    Some(out.trim().to_string())
}

/// Most lines after the first that a hard-wrapped link or image is looked for across.
const MAX_WRAPPED_LINES: usize = 8;
/// Longest joined line looked at again for a link it leaves open (bytes).
const MAX_MENDED: usize = 8 * (MAX_TEXT + MAX_TARGET);

/// Lines that a hard wrap cut inside a Markdown link or image joined back into one line, so
/// that the link can be read (its text, its share of the line) and the image taken out
/// whole: html2text wraps at 78 columns by default, inside a link's or an image's text at
/// spaces and inside addresses after hyphens ("see [how to pick](https://x.org/how-" /
/// "to-pick) a desk"). The lines after one that opens a link or an image it does not
/// close are added (after a hyphen with nothing between, else a space) until it closes,
/// and the link around an image if one follows; at most `MAX_WRAPPED_LINES`, never across
/// a blank line, else the lines stay as they were.
pub fn mend_wrapped_marks(lines: Vec<Line>) -> Vec<Line> {
    if !lines.iter().any(|l| l.text.contains('[')) {
        return lines;
    }
    let mut lines: Vec<Option<Line>> = lines.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = lines[i].take() else {
            i += 1;
            continue;
        };
        let mut last = i;
        let mut text = String::new();
        if let Some(open) = open_mark(&first.text) {
            text.push_str(&first.text);
            for (k, next) in lines.iter().enumerate().skip(i + 1).take(MAX_WRAPPED_LINES) {
                let Some(next) = next else { break };
                if next.blank_before || text.len() - open > MAX_TEXT + 2 * MAX_TARGET + 8 {
                    break;
                }
                if !text.ends_with('-') {
                    text.push(' ');
                }
                text.push_str(&next.text);
                if closes(&text, open) {
                    last = k;
                    break;
                }
            }
        }
        if last == i {
            out.push(first);
            i += 1;
            continue;
        }
        let end = lines[last].as_ref().map_or(first.end, |l| l.end);
        let (tab, trail) = lines[i + 1..=last]
            .iter()
            .flatten()
            .fold((first.tab, false), |(tab, _), l| (tab || l.tab, l.trail));
        let merged = Line {
            end,
            text,
            tab,
            trail,
            ..first
        };
        // The joined line may end inside the next link ("... desk, [the" / "guide](/g)"):
        // it is looked at again, while it is short enough to keep the pass linear.
        if merged.text.len() <= MAX_MENDED {
            lines[last] = Some(merged);
            i = last;
        } else {
            out.push(merged);
            i = last + 1;
        }
    }
    out
}

/// Where the last link or image that `text` opens and does not close starts (a link's `[`,
/// an image's `!`): its text has no `]` yet, or its address no `)`.
fn open_mark(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let open = text.rfind('[')?;
    let image = open > 0 && b[open - 1] == b'!';
    let start = if image { open - 1 } else { open };
    if image && exclamation(text, start) {
        return None;
    }
    let after = &text[open + 1..];
    let still_open = match after.find(']') {
        None => after.len() <= MAX_TEXT,
        Some(close) => {
            after[close..].starts_with("](")
                && !after[close..].contains(')')
                && after.len() - close <= MAX_TARGET
        }
    };
    still_open.then_some(start)
}

/// Whether the link or image opening at `start` closes in `text` (an image: and the link
/// around it if its `](` follows).
fn closes(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    if b[start] == b'[' {
        let Some(close) = link_text_end(b, start + 1) else {
            return false;
        };
        return b.get(close + 1) == Some(&b'(') && target_end(b, close + 2).is_some();
    }
    let Some(end) = image_end(b, start) else {
        return false;
    };
    let rest = text[end..].trim_start();
    match rest.strip_prefix("](") {
        Some(_) => target_end(b, text.len() - rest.len() + 2).is_some(),
        None => true,
    }
}

/// Markdown images are markup, not text: the picture lines, nothing but images (a photo, a
/// gallery, a linked logo), go apart and are not judged; with `inline`, every other line is
/// read without its images (`without_images`; `Line::images` keeps the text with them), so
/// that a page is judged as the model was trained, on Markdown without images. A blank
/// line before a picture line counts before the line after it. The segmenter takes picture
/// lines apart before it joins hard-wrapped lines, and images inside lines after (a wrapped
/// paragraph's lines are as long as the wrap made them, images and all).
pub fn images_apart(lines: Vec<Line>, inline: bool) -> (Vec<Line>, Vec<Line>) {
    let mut kept = Vec::with_capacity(lines.len());
    let mut pictures = Vec::new();
    let mut blank = false;
    for mut line in lines {
        match without_images(&line.text) {
            Some(text) if !text.chars().any(char::is_alphanumeric) => {
                blank |= line.blank_before;
                pictures.push(line);
                continue;
            }
            Some(text) if inline => {
                let old = std::mem::replace(&mut line.text, text);
                line.images.get_or_insert(old);
            }
            _ => {}
        }
        line.blank_before |= blank;
        blank = false;
        kept.push(line);
    }
    (kept, pictures)
}

/// A Markdown (ATX) heading's level, 1-6, from the `#` marks that open `text` (a block's
/// text, stripped: CommonMark's up to three spaces of indent are gone) before a space or
/// the end; 0 for any other text ("#hashtag", "#1 hit").
pub fn heading_level(text: &str) -> usize {
    let marks = text.bytes().take_while(|&c| c == b'#').count();
    let after = text.as_bytes().get(marks);
    if (1..=6).contains(&marks) && after.is_none_or(|&c| c == b' ' || c == b'\t') {
        marks
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_links() {
        let t =
            "See [the report](https://x.org/r) and [wiki](https://en.wikipedia.org/wiki/A_(b)).";
        assert_eq!(plain_links(t).as_deref(), Some("See the report and wiki."));
        assert_eq!(
            plain_links("* [Home](/) * [News](/news \"All news\")").as_deref(),
            Some("* Home * News")
        );
        // Not links: an image, a reference, brackets alone, a target with a space, unclosed.
        for t in [
            "![a photo](https://x.org/p.jpg)",
            "[1] a footnote",
            "[see below] (page 4)",
            "[a](b c)",
            "[a](https://x.org",
            "a [b [c](d)",
        ] {
            let want = (t == "a [b [c](d)").then(|| "a [b c".to_string());
            assert_eq!(plain_links(t), want, "{t}");
        }
        // A link with no text alone is kept as it is.
        assert_eq!(plain_links("[](https://x.org)"), None);
        assert_eq!(
            plain_links("[](https://x.org) Home").as_deref(),
            Some("Home")
        );
        // Between two words it leaves one space, not two.
        assert_eq!(
            plain_links("the rain [](https://x.org/i) and [more](/m) [ ](/n) here").as_deref(),
            Some("the rain and more here")
        );
        assert_eq!(
            plain_links("in the rain [](https://x.org/i). Then [](/j), more").as_deref(),
            Some("in the rain. Then, more")
        );
    }

    #[test]
    fn textless_links_are_lines_with_nothing_to_read() {
        for t in [
            "[](https://x.org)",
            "[](/) [](/weather/)",
            "* [](/a) | [ ](/b \"Home\")",
        ] {
            assert!(textless_links(t), "{t}");
        }
        for t in [
            "plain text",
            "[Home](/)",
            "[](/) Home",
            "[](/a) 2",
            "[a](b c)",
            "",
        ] {
            assert!(!textless_links(t), "{t}");
        }
    }

    #[test]
    fn share_counts_what_a_reader_sees() {
        assert_eq!(link_share("plain text"), 0.0);
        assert_eq!(link_share("[Home](https://x.org/)"), 1.0);
        // "ab [cd](u)": the reader sees "ab cd", two of five characters linked.
        assert!((link_share("ab [cd](https://x.org)") - 0.4).abs() < 1e-12);
        // Characters, not bytes.
        assert!((link_share("éé [éé](u)") - 0.4).abs() < 1e-12);
    }

    #[test]
    fn takes_images_out() {
        let t = "Hello [![Alt](a.jpg)](/x) world ![](b.png) end ![C](c.png \"T\")";
        assert_eq!(without_images(t).as_deref(), Some("Hello world end"));
        assert_eq!(
            without_images("![A photo](d.jpg)Caption here").as_deref(),
            Some("Caption here")
        );
        assert_eq!(
            without_images("[ ![a](1.jpg) ![b](2.jpg) ](https://x.org/g)").as_deref(),
            Some("")
        );
        assert_eq!(
            without_images("![Image 1: logo](https://x.org/l.svg)").as_deref(),
            Some("")
        );
        // A link around text and an image stays a link; its image goes.
        assert_eq!(
            without_images("[![i](a.png) More news](/n) [More ![i](b.png)](/m)").as_deref(),
            Some("[More news](/n) [More](/m)")
        );
        // A linked image whose link's target looks like an image is one span, not two
        // overlapping ones (Hypothesis found it: the slice panicked).
        assert_eq!(
            without_images("[![](/x)](![a](/i.png))").as_deref(),
            Some("")
        );
        // Not images: no source, a reference, a space in the source, a link, plain "!".
        for t in [
            "![alt]",
            "![alt][1]",
            "![a](b c)",
            "[a](b)",
            "Wow! [x] (y)",
            "![",
            "Wow![x](y)",
        ] {
            assert_eq!(without_images(t), None, "{t}");
        }
        let t = "![".repeat(100_000) + &"](".repeat(100_000);
        assert_eq!(without_images(&t), None);
    }

    #[test]
    fn picture_lines_go_apart() {
        let lines = crate::segment::segment(
            "Intro\n\n![a](x.jpg)\nText ![b](y.png) here\n[![c](z.png)](/)\n",
        );
        let (kept, pictures) = images_apart(lines, true);
        let got: Vec<_> = kept
            .iter()
            .map(|l| (l.text.as_str(), l.images.as_deref(), l.blank_before))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Intro", None, true),
                ("Text here", Some("Text ![b](y.png) here"), true)
            ]
        );
        let pictures: Vec<_> = pictures
            .iter()
            .map(|l| (l.start, l.text.as_str()))
            .collect();
        assert_eq!(pictures, vec![(7, "![a](x.jpg)"), (41, "[![c](z.png)](/)")]);
    }

    #[test]
    fn mends_links_and_images_a_hard_wrap_cut() {
        let text = [
            "Intro text\n\n![a photo of the](https://x.org/wp-\ncontent/p.jpg)The caption\n",
            "[![logo](https://x.org/l-\nogo.png)](https://x.org/a-\nb)\n![open\n\nnever closed\n",
            "See [how to pick a](https://x.org/how-\nto-pick) desk, [the\nguide](/g) and [1]\n",
            "footnotes [a] [b\n\nc](d)",
        ]
        .concat();
        let text = text.as_str();
        let lines = mend_wrapped_marks(crate::segment::segment(text));
        let got: Vec<_> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "Intro text",
                "![a photo of the](https://x.org/wp-content/p.jpg)The caption",
                "[![logo](https://x.org/l-ogo.png)](https://x.org/a-b)",
                "![open",
                "never closed",
                "See [how to pick a](https://x.org/how-to-pick) desk, [the guide](/g) and [1]",
                "footnotes [a] [b",
                "c](d)",
            ]
        );
        // Offsets span the joined lines.
        assert_eq!((lines[1].start, lines[1].end), (12, 73));
        let (kept, pictures) = images_apart(lines, true);
        assert_eq!(kept[1].text, "The caption");
        assert_eq!(pictures.len(), 1);
    }

    #[test]
    fn heading_levels() {
        assert_eq!(heading_level("# Title"), 1);
        assert_eq!(heading_level("### Section ###"), 3);
        assert_eq!(heading_level("##"), 2);
        assert_eq!(heading_level("####### seven"), 0);
        assert_eq!(heading_level("#hashtag"), 0);
        assert_eq!(heading_level("C# code"), 0);
    }

    #[test]
    fn long_or_hostile_text_stays_linear() {
        let t = "[".repeat(100_000) + &"](".repeat(100_000);
        assert_eq!(plain_links(&t), None);
        let t = "[a](".to_string() + &"(".repeat(50_000);
        assert_eq!(plain_links(&t), None);
        // A title whose opening quote falls at the end of the longest target looked at.
        let found: Vec<(bool, bool)> = (MAX_TARGET - 8..MAX_TARGET + 2)
            .map(|pad| {
                let t = format!("[a]({} \"t\")", "x".repeat(pad));
                let image = format!("!{t}");
                (plain_links(&t).is_some(), without_images(&image).is_some())
            })
            .collect();
        assert_eq!(found.first(), Some(&(true, true)));
        assert_eq!(found.last(), Some(&(false, false)));
    }
}
