//! Word wrapping by display width, for Korean and English alike.
//!
//! - Lines break at spaces (Korean puts spaces between words, so "keep-all" is simply: never break
//!   inside a word). A word is split only when it alone is wider than the column, and then only
//!   between grapheme clusters.
//! - `\n` is a hard break; an empty line stays an empty row (paragraphs joined by a blank line).
//! - Control characters are never drawn and take no room.
//! - A row is a byte range into the source text, so a screen row maps back to the text it shows
//!   (sentence highlights, later entity jumps).
//!
//! [`cells`] yields exactly what a row draws; the wrapper measures with the same function, so a
//! row is never wider than its column (a property test checks it for widths 1..=200).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::width::{AmbiguousWidth, char_width, grapheme_width};

/// One wrapped row: `text[start..end]`, `width` columns wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub width: usize,
}

impl Row {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One drawn cell run: the grapheme at `start..end` of the source, drawn as `symbol` over
/// `width` columns (1 or 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell<'a> {
    pub start: usize,
    pub end: usize,
    pub symbol: &'a str,
    pub width: usize,
}

/// Drawn in place of a grapheme wider than the whole column (a Hangul syllable in a 1-column
/// column): something visible rather than nothing, and never wider than the column.
const TOO_WIDE: &str = "?";

/// Characters that always form a grapheme cluster of their own when every character around
/// them is one of these too (no combining marks, joiners, jamo or regional indicators).
fn is_simple(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{a1}'..='\u{2ff}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{3000}'..='\u{3029}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{ff01}'..='\u{ff60}'
    )
}

/// Visit every drawn cell of `text[range]` in order. `column` is the width of the column the
/// text is drawn in; graphemes wider than it are drawn as `?`.
pub fn cells<'a>(
    text: &'a str,
    range: Range<usize>,
    ambiguous: AmbiguousWidth,
    column: usize,
    mut f: impl FnMut(Cell<'a>),
) {
    let Some(s) = text.get(range.clone()) else {
        return;
    };
    let base = range.start;
    let column = column.max(1);
    let mut emit = |start: usize, g: &'a str, w: usize| {
        if w == 0 {
            return;
        }
        let (symbol, width) = if w > column { (TOO_WIDE, 1) } else { (g, w) };
        f(Cell {
            start: base + start,
            end: base + start + g.len(),
            symbol,
            width,
        });
    };
    if s.chars().all(is_simple) {
        for (i, c) in s.char_indices() {
            let g = &s[i..i + c.len_utf8()];
            emit(i, g, char_width(c, ambiguous));
        }
    } else {
        for (i, g) in s.grapheme_indices(true) {
            emit(i, g, grapheme_width(g, ambiguous));
        }
    }
}

/// Width of `text[range]` as [`cells`] draws it in a column `column` wide.
pub fn drawn_width(
    text: &str,
    range: Range<usize>,
    ambiguous: AmbiguousWidth,
    column: usize,
) -> usize {
    let mut w = 0;
    cells(text, range, ambiguous, column, |c| w += c.width);
    w
}

/// Wrap `text` into rows at most `width` columns wide (width 0 is treated as 1).
pub fn wrap(text: &str, width: usize, ambiguous: AmbiguousWidth) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        wrap_line(
            text,
            line_start,
            line_start + line.len(),
            width,
            ambiguous,
            &mut rows,
        );
        line_start += line.len() + 1;
    }
    rows
}

fn wrap_line(
    text: &str,
    start: usize,
    end: usize,
    width: usize,
    ambiguous: AmbiguousWidth,
    rows: &mut Vec<Row>,
) {
    let bytes = text.as_bytes();
    let first = rows.len();
    let mut cur: Option<Row> = None;
    let mut i = start;
    while i < end {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let ws = i;
        while i < end && bytes[i] != b' ' {
            i += 1;
        }
        let we = i;
        let ww = drawn_width(text, ws..we, ambiguous, width);
        if ww == 0 {
            // Nothing visible (a stray control character): not part of any row.
            continue;
        }
        if let Some(c) = cur.as_mut() {
            let gap = ws - c.end; // spaces only: one column each
            if c.width + gap + ww <= width {
                c.end = we;
                c.width += gap + ww;
                continue;
            }
        }
        if let Some(c) = cur.take() {
            rows.push(c);
        }
        if ww <= width {
            cur = Some(Row {
                start: ws,
                end: we,
                width: ww,
            });
        } else {
            // The word alone is wider than the column: split it between graphemes.
            let mut chunk = Row {
                start: ws,
                end: ws,
                width: 0,
            };
            cells(text, ws..we, ambiguous, width, |cell| {
                if chunk.width + cell.width > width {
                    rows.push(chunk);
                    chunk = Row {
                        start: cell.start,
                        end: cell.start,
                        width: 0,
                    };
                }
                chunk.end = cell.end;
                chunk.width += cell.width;
            });
            // Keep trailing invisible bytes of the word in the last chunk.
            chunk.end = we;
            cur = Some(chunk);
        }
    }
    match cur {
        Some(c) => rows.push(c),
        None if rows.len() == first => rows.push(Row {
            start,
            end: start,
            width: 0,
        }),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: AmbiguousWidth = AmbiguousWidth::Narrow;

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width, N)
            .iter()
            .map(|r| &text[r.range()])
            .collect()
    }

    #[test]
    fn korean_wraps_at_spaces_never_inside_a_word() {
        let t = "미 백악관 설리번 안보보좌관이 중국 방문에서 시진핑 주석을 만나기 전에";
        let got = lines(t, 20);
        assert_eq!(
            got,
            vec![
                "미 백악관 설리번",
                "안보보좌관이 중국",
                "방문에서 시진핑",
                "주석을 만나기 전에"
            ]
        );
        for r in wrap(t, 20, N) {
            assert!(r.width <= 20);
        }
    }

    #[test]
    fn english_wraps_at_spaces() {
        let t = "Reuters reported on the 29th that White House National Security Adviser";
        assert_eq!(
            lines(t, 30),
            vec![
                "Reuters reported on the 29th",
                "that White House National",
                "Security Adviser"
            ]
        );
    }

    #[test]
    fn long_word_splits_between_graphemes() {
        let t = "중앙군사위원회부주석";
        let got = lines(t, 7);
        assert_eq!(got, vec!["중앙군", "사위원", "회부주", "석"]);
    }

    #[test]
    fn hard_breaks_and_blank_lines_kept() {
        let t = "첫 문단\n\nsecond";
        assert_eq!(lines(t, 40), vec!["첫 문단", "", "second"]);
    }

    #[test]
    fn wide_glyph_in_one_column() {
        let rows = wrap("한a", 1, N);
        assert_eq!(rows.len(), 2);
        let mut syms = vec![];
        cells("한a", rows[0].range(), N, 1, |c| syms.push(c.symbol));
        assert_eq!(syms, vec!["?"]);
    }

    #[test]
    fn combining_and_emoji_graphemes_stay_whole() {
        let t = "e\u{301}👨‍👩‍👧 é";
        let rows = wrap(t, 2, N);
        for r in &rows {
            assert!(drawn_width(t, r.range(), N, 2) <= 2);
        }
    }
}
