//! Sentence splitting: ranges in order, on char boundaries, trimmed, nothing but whitespace
//! left out.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    let ranges = duet::text::sentences::split(s);
    let mut last = 0;
    for r in &ranges {
        assert!(r.start >= last && r.start < r.end && r.end <= s.len());
        assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        let t = &s[r.clone()];
        assert_eq!(t, t.trim());
        last = r.end;
    }
    let kept: usize = ranges.iter().map(|r| r.end - r.start).sum();
    let ws: usize = s
        .chars()
        .filter(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    assert!(kept + ws >= s.len());
});
