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
}
