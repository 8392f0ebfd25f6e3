//! Wrapping at every width 1..=300, both ambiguous-width settings: rows in order, on char
//! boundaries, never wider than the column (measured and as drawn).
#![no_main]

use duet::text::wrap::{cells, drawn_width};
use duet::text::{AmbiguousWidth, wrap};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let wide = w & 0x80 != 0;
    let amb = if wide {
        AmbiguousWidth::Wide
    } else {
        AmbiguousWidth::Narrow
    };
    // One width from the first byte, plus a sweep of small ones (where splitting happens).
    let widths = [1 + (w as usize * 300 / 256), 1, 2, 3, 5, 8];
    for width in widths {
        let rows = wrap(text, width, amb);
        assert!(!rows.is_empty());
        let mut end = 0;
        for r in &rows {
            assert!(r.start >= end && r.start <= r.end && r.end <= text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(r.width <= width, "row {r:?} wider than {width}");
            assert!(drawn_width(text, r.range(), amb, width) <= width);
            let mut drawn = 0;
            cells(text, r.range(), amb, width, |c| drawn += c.width);
            assert!(drawn <= width);
            end = r.end;
        }
    }
});
