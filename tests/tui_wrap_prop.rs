//! Property: no wrapped row is ever wider than its column, whatever the text.

use duet::text::width::AmbiguousWidth;
use duet::text::wrap::{cells, drawn_width, wrap};
use proptest::prelude::*;

/// Mixed Korean, English, emoji, combining marks, ambiguous punctuation and control text.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,12}",
        "[가-힣]{1,8}",
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("🇰🇷".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{1100}\u{1161}\u{11a8}".to_string()),
        Just("“‘·…※①".to_string()),
        Just("張眞夏".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\t\r\u{7}\u{0}\u{9b}".to_string()),
        Just("\u{200b}\u{200d}\u{feff}".to_string()),
        Just(" \u{301}".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// The same mix without arbitrary characters: no mark that could attach to a space, so "what is
/// visible" is well defined word by word.
fn word_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z,.]{1,12}",
        "[가-힣]{1,8}",
        Just(" ".to_string()),
        Just("   ".to_string()),
        Just("\n".to_string()),
        Just("👨‍👩‍👧".to_string()),
        Just("🇰🇷".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{1100}\u{1161}\u{11a8}".to_string()),
        Just("“‘·…※①".to_string()),
        Just("張眞夏".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\t\u{7}".to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_row_wider_than_its_column(text in mixed_text(), width in 1usize..=200, wide in any::<bool>()) {
        let amb = if wide { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow };
        let rows = wrap(&text, width, amb);
        prop_assert!(!rows.is_empty());
        for r in &rows {
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.width <= width, "row {:?} wider than {}", r, width);
            let drawn = drawn_width(&text, r.range(), amb, width);
            prop_assert!(drawn <= width, "drawn {} > {} for {:?}", drawn, width, &text[r.range()]);
            cells(&text, r.range(), amb, width, |c| {
                assert!(c.width == 1 || c.width == 2);
                assert!(!c.symbol.contains(char::is_control));
            });
        }
        // Rows are in order and do not overlap.
        for w in rows.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn nothing_is_lost_and_words_split_only_when_too_wide(text in word_text(), width in 2usize..=120) {
        let amb = AmbiguousWidth::Narrow;
        let rows = wrap(&text, width, amb);
        // Every visible grapheme outside spaces is drawn exactly once, in order.
        let visible = |range: std::ops::Range<usize>| {
            let mut v = Vec::new();
            cells(&text, range, amb, width, |c| if !c.symbol.starts_with(' ') { v.push(c.symbol.to_string()) });
            v
        };
        let drawn: Vec<String> = rows.iter().flat_map(|r| visible(r.range())).collect();
        let mut whole = Vec::new();
        for line in text.split('\n') {
            for word in line.split(' ') {
                let ws = word.as_ptr() as usize - text.as_ptr() as usize;
                whole.extend(visible(ws..ws + word.len()));
            }
        }
        prop_assert_eq!(drawn, whole);
        // A row that starts inside a word (no space or newline before it) continues a word
        // that is wider than the column on its own.
        for r in rows.iter().skip(1) {
            let before = text[..r.start].chars().next_back();
            if matches!(before, Some(' ') | Some('\n') | None) {
                continue;
            }
            let ws = text[..r.start].rfind([' ', '\n']).map_or(0, |p| p + 1);
            let we = text[r.start..].find([' ', '\n']).map_or(text.len(), |p| r.start + p);
            let ww = drawn_width(&text, ws..we, amb, width);
            prop_assert!(ww > width, "split a word of width {} at width {}: {:?}", ww, width, &text[ws..we]);
        }
    }
}
