//! The README's key table is the keymap's own (so neither goes stale).

use duet::tui::keys::keymap::Keymap;

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = Keymap::defaults().markdown_table();
    assert!(
        readme.contains(&table),
        "README.md's key table differs from assets/keymap.toml; it should read:\n{table}"
    );
}
