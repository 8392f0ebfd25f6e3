//! Bytes → `Article`: sniffing, every encoding, format detection by content and by name, and
//! cleaning. The first byte picks the file name (so the extension hint varies).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: [&str; 8] = [
    "a.txt",
    "a.md",
    "a.html",
    "a.json",
    "a",
    "a.htm",
    "a.markdown",
    "a.xhtml",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    if let Ok(doc) = duet::ingest::from_bytes(std::path::Path::new(name), bytes) {
        let art = duet::clean::clean(doc);
        common::check_article(&art);
    }
});
