//! The user's `config.toml` (keys, layout, theme, ambiguous width): any text is a config or
//! one error line, never a panic; a key name that parses describes itself again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match duet::tui::config::Config::from_toml(text) {
        Ok(_) => {}
        Err(e) => assert!(!e.contains('\n'), "error of more than one line: {e:?}"),
    }
    for word in text.split_whitespace().take(64) {
        let _ = duet::tui::key::Key::parse(word);
    }
});
