//! Text → `Article` through the Html cleaner directly (no sniffing in the way).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|text: &str| {
    let doc = duet::ingest::Document {
        path: "a.html".into(),
        format: duet::Format::Html,
        encoding: "UTF-8".into(),
        text: text.to_string(),
    };
    let art = duet::clean::clean(doc);
    common::check_article(&art);
});
