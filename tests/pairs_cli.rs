//! `duet pairs` end to end: the Korean and English halves of the two bilingual seed articles,
//! written as four single-language files among the Korean seed articles, pair up exactly; a
//! Korean article and the English of a different story on a related subject stay single; bad
//! files are reported and the others still paired.

mod support;

use std::path::Path;
use std::process::Output;

use duet::Lang;
use serde_json::Value;
use support::duet;
use support::editions::{half, seed};

/// The three Korean seeds, then the two bilingual ones.
const KO_SEEDS: &[&str] = support::SEEDS.split_at(3).0;
const BILINGUAL: &[&str] = support::SEEDS.split_at(3).1;

fn split_seed(name: &str, dir: &Path, ko_name: &str, en_name: &str) {
    let article = duet::parse_file(&seed(name)).expect("seed parses");
    std::fs::write(dir.join(ko_name), half(&article, Lang::Ko)).expect("write");
    std::fs::write(dir.join(en_name), half(&article, Lang::En)).expect("write");
}

fn copy_ko_seeds(dir: &Path) {
    for (i, name) in KO_SEEDS.iter().enumerate() {
        std::fs::copy(seed(name), dir.join(format!("other{i}.txt"))).expect("copy");
    }
}

fn base(p: &Value, side: &str) -> String {
    Path::new(p[side].as_str().expect("path"))
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn pairs_json(dir: &Path) -> (Vec<(String, String)>, Vec<f64>, Output) {
    let out = duet(&["pairs", dir.to_str().expect("utf-8"), "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
    let arr = v.as_array().expect("an array").clone();
    let mut pairs: Vec<(String, String)> =
        arr.iter().map(|p| (base(p, "ko"), base(p, "en"))).collect();
    pairs.sort();
    let scores = arr.iter().filter_map(|p| p["score"].as_f64()).collect();
    (pairs, scores, out)
}

#[test]
fn translations_in_separate_files_pair_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    split_seed(BILINGUAL[0], dir.path(), "a.txt", "q.txt");
    split_seed(BILINGUAL[1], dir.path(), "m.txt", "c.txt");
    copy_ko_seeds(dir.path());
    let (pairs, scores, out) = pairs_json(dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        pairs,
        vec![
            ("a.txt".to_string(), "q.txt".to_string()),
            ("m.txt".to_string(), "c.txt".to_string())
        ]
    );
    assert!(scores.iter().all(|s| *s > 0.0 && *s <= 1.0), "{scores:?}");
}

#[test]
fn a_related_story_in_the_other_language_stays_single() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Both bilingual seeds are about China's military ties; the Korean of one and the English
    // of the other are not translations of each other.
    split_seed(BILINGUAL[0], dir.path(), "ko.txt", "en_unused.txt");
    split_seed(BILINGUAL[1], dir.path(), "ko_unused.txt", "en.txt");
    std::fs::remove_file(dir.path().join("en_unused.txt")).expect("rm");
    std::fs::remove_file(dir.path().join("ko_unused.txt")).expect("rm");
    copy_ko_seeds(dir.path());
    let (pairs, _, out) = pairs_json(dir.path());
    assert!(out.status.success());
    assert!(pairs.is_empty(), "{pairs:?}");
}

#[test]
fn table_without_json_and_bilingual_files_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    split_seed(BILINGUAL[1], dir.path(), "ko.txt", "en.txt");
    // A bilingual article is a pair already: never half of another.
    std::fs::copy(seed(BILINGUAL[1]), dir.path().join("both.txt")).expect("copy");
    let out = duet(&["pairs", dir.path().to_str().expect("utf-8")]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = text.lines().filter(|l| l.contains(".txt")).collect();
    assert_eq!(rows.len(), 1, "{text}");
    assert!(
        rows[0].contains("ko.txt") && rows[0].contains("en.txt"),
        "{text}"
    );
    assert!(text.contains("1 pair;"), "{text}");
    assert!(text.contains("1 of 3 articles unpaired"), "{text}");
}

#[test]
fn bad_files_are_reported_and_the_rest_still_paired() {
    let dir = tempfile::tempdir().expect("tempdir");
    split_seed(BILINGUAL[0], dir.path(), "ko.txt", "en.txt");
    std::fs::write(
        dir.path().join("broken.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .expect("w");
    let (pairs, _, out) = pairs_json(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("broken.txt"), "{err}");
    assert_eq!(pairs, vec![("ko.txt".to_string(), "en.txt".to_string())]);
}

#[test]
fn no_paths_is_a_usage_error() {
    let out = duet(&["pairs"]);
    assert_eq!(out.status.code(), Some(2));
}
