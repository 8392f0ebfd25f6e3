//! Display width of text in terminal columns (Hangul is two columns; never `len()`).
//!
//! East Asian *ambiguous* characters (“ ” ‘ ’ · … ※ ① and the box-drawing set) are one column in
//! most Western terminals and two in many Korean ones, so the width of those depends on a
//! setting. Everything else follows `unicode-width`, the same crate ratatui measures with.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How wide the terminal draws East Asian ambiguous characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmbiguousWidth {
    /// One column (most Western terminal setups).
    #[default]
    Narrow,
    /// Two columns (many Korean and Japanese terminal setups).
    Wide,
}

/// Is this grapheme drawn as nothing at all (controls, lone joiners, format characters)?
/// Such graphemes are skipped by the wrapper and the renderer alike.
pub fn is_invisible(grapheme: &str) -> bool {
    grapheme.chars().any(char::is_control)
}

/// Width of one grapheme cluster in columns: 0, 1 or 2.
///
/// Control characters count as 0 (they are never drawn). Halfwidth katakana sound marks count
/// one each, as ratatui's buffer counts them, so the wrapper and the screen agree.
pub fn grapheme_width(grapheme: &str, ambiguous: AmbiguousWidth) -> usize {
    if is_invisible(grapheme) {
        return 0;
    }
    let mut chars = grapheme.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        return char_width(c, ambiguous);
    }
    let w = match ambiguous {
        AmbiguousWidth::Narrow => grapheme.width(),
        AmbiguousWidth::Wide => grapheme.width_cjk(),
    };
    let marks = grapheme
        .chars()
        .filter(|c| matches!(c, '\u{ff9e}' | '\u{ff9f}'))
        .count();
    (w + marks).min(2)
}

/// Width of one character in columns (0 for controls).
pub fn char_width(c: char, ambiguous: AmbiguousWidth) -> usize {
    if c.is_ascii() {
        return usize::from(!c.is_ascii_control());
    }
    if matches!(c, '\u{ff9e}' | '\u{ff9f}') {
        return 1;
    }
    let w = match ambiguous {
        AmbiguousWidth::Narrow => c.width(),
        AmbiguousWidth::Wide => c.width_cjk(),
    };
    w.unwrap_or(0).min(2)
}

/// Width of a string in columns: the sum of its graphemes' widths.
pub fn str_width(s: &str, ambiguous: AmbiguousWidth) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous))
        .sum()
}

/// Cut `s` to at most `max` columns, never splitting a grapheme; appends `…` when cut.
pub fn truncate(s: &str, max: usize, ambiguous: AmbiguousWidth) -> String {
    if str_width(s, ambiguous) <= max {
        return s.to_string();
    }
    let ellipsis = "…";
    let ew = str_width(ellipsis, ambiguous);
    if max < ew {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g, ambiguous);
        if used + w + ew > max {
            break;
        }
        used += w;
        if w > 0 {
            out.push_str(g);
        }
    }
    out.push_str(ellipsis);
    out
}

/// Pad `s` with spaces to exactly `width` columns (truncating first if needed).
pub fn pad(s: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    let mut out = truncate(s, width, ambiguous);
    let w = str_width(&out, ambiguous);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_two_columns() {
        assert_eq!(str_width("시진핑", AmbiguousWidth::Narrow), 6);
        assert_eq!(str_width("US 시진핑", AmbiguousWidth::Narrow), 9);
    }

    #[test]
    fn ambiguous_depends_on_setting() {
        assert_eq!(str_width("“‘·…※①", AmbiguousWidth::Narrow), 6);
        assert_eq!(str_width("“‘·…※①", AmbiguousWidth::Wide), 12);
    }

    #[test]
    fn controls_are_invisible() {
        assert_eq!(str_width("a\u{1b}[31mb", AmbiguousWidth::Narrow), 6);
        assert_eq!(grapheme_width("\u{7}", AmbiguousWidth::Narrow), 0);
    }

    #[test]
    fn truncate_never_exceeds() {
        let t = truncate("미국 중국 첫 고위 군사회담", 9, AmbiguousWidth::Narrow);
        assert!(str_width(&t, AmbiguousWidth::Narrow) <= 9, "{t}");
        assert!(t.ends_with('…'));
        assert_eq!(pad("한", 4, AmbiguousWidth::Narrow), "한  ");
    }
}
