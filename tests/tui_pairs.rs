//! Translation pairs in the reader, through `duet render --keys`: a folder holding the Korean
//! and the English halves of a bilingual seed article (as two files) shows one `KO+EN` row with
//! both titles, which opens side by side; `P` splits it into a `KO` and an `EN` row, and `p`
//! pairs them again by hand from the picker.

mod support;

use std::path::Path;

use duet::Lang;
use support::editions::{half, seed};

/// a_ko.txt and b_en.txt: the two halves of seed 004; c_other.txt: Korean seed 000.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = duet::parse_file(&seed("004_8e658290ee760122.txt")).expect("seed");
    std::fs::write(dir.path().join("a_ko.txt"), half(&article, Lang::Ko)).expect("w");
    std::fs::write(dir.path().join("b_en.txt"), half(&article, Lang::En)).expect("w");
    std::fs::copy(
        seed("000_11a10f181be35a82.txt"),
        dir.path().join("c_other.txt"),
    )
    .expect("copy");
    dir
}

fn render(dir: &Path, size: &str, keys: &str) -> String {
    support::duet_render(size, keys, &[dir.to_str().expect("utf-8 path")])
}

fn rows_with<'a>(screen: &'a str, badge: &str) -> Vec<&'a str> {
    screen
        .lines()
        .filter(|l| l.contains(&format!(" {badge} ")))
        .collect()
}

#[test]
fn a_pair_is_one_entry_with_both_titles() {
    let dir = library();
    let screen = render(dir.path(), "140x20", "");
    let pairs = rows_with(&screen, "KO+EN");
    assert_eq!(pairs.len(), 1, "{screen}");
    assert!(pairs[0].contains("미국 중국 첫 고위 군사회담"), "{screen}");
    // The English file's title as the library knows it (this plain-text half has none of its
    // own, so its file name).
    assert!(pairs[0].contains("b_en.txt"), "{screen}");
    assert_eq!(rows_with(&screen, "KO").len(), 1, "{screen}");
    assert!(rows_with(&screen, "EN").is_empty(), "{screen}");
    assert!(screen.contains("article 1/2"), "{screen}");
}

#[test]
fn a_pair_opens_side_by_side() {
    let dir = library();
    let screen = render(dir.path(), "140x30", "Enter");
    assert!(screen.contains("side by side"), "{screen}");
    // Korean beside its English translation, on the same rows.
    let paired_rows = screen
        .lines()
        .filter(|l| {
            let hangul = l.chars().any(|c| ('가'..='힣').contains(&c));
            let latin = l.chars().filter(char::is_ascii_lowercase).count() > 20;
            hangul && latin
        })
        .count();
    assert!(paired_rows >= 10, "{screen}");
}

#[test]
fn split_and_pair_again_by_hand() {
    let dir = library();
    let split = render(dir.path(), "140x20", "P");
    assert!(rows_with(&split, "KO+EN").is_empty(), "{split}");
    assert_eq!(rows_with(&split, "EN").len(), 1, "{split}");
    assert_eq!(rows_with(&split, "KO").len(), 2, "{split}");
    assert!(split.contains("pair split"), "{split}");

    let picker = render(dir.path(), "140x20", "P p");
    assert!(picker.contains("Pair with…"), "{picker}");
    assert!(picker.contains("EN     b_en.txt"), "{picker}");

    let again = render(dir.path(), "140x20", "P p Enter");
    assert_eq!(rows_with(&again, "KO+EN").len(), 1, "{again}");
    assert!(again.contains("paired"), "{again}");

    // Esc leaves the picker without pairing.
    let kept = render(dir.path(), "140x20", "P p Esc");
    assert!(rows_with(&kept, "KO+EN").is_empty(), "{kept}");
}
