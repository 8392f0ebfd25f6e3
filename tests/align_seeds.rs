//! `duet align` on the two bilingual seed articles gives exactly the gold pairs, and keeps
//! their one-sided material (003's title, author and translator credit, 004's keywords) out of
//! every pair.

mod support;

use serde_json::Value;

fn fold(s: &str) -> String {
    s.replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_seed(seed: &str, gold: &str) {
    let out = support::command()
        .args(["align", "--json"])
        .arg(support::seed(seed))
        .output()
        .expect("run duet");
    let got = support::ok_json(&out);
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(support::repo().join("tests/fixtures/align").join(gold))
            .expect("gold"),
    )
    .expect("gold json");
    let pairs: Vec<(String, String)> = got["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| {
            (
                fold(p["ko"].as_str().unwrap_or("")),
                fold(p["en"].as_str().unwrap_or("")),
            )
        })
        .collect();
    let want: Vec<(String, String)> = gold["pairs"]
        .as_array()
        .expect("gold pairs")
        .iter()
        .map(|p| {
            (
                fold(p["ko"].as_str().unwrap_or("")),
                fold(p["en"].as_str().unwrap_or("")),
            )
        })
        .collect();
    assert_eq!(pairs, want, "{seed}: pairs differ from gold");
    let paired: String = pairs
        .iter()
        .map(|(k, e)| format!("{k} {e}"))
        .collect::<Vec<_>>()
        .join(" ");
    for key in ["unpaired_ko", "unpaired_en"] {
        for u in gold[key].as_array().into_iter().flatten() {
            let u = fold(u.as_str().unwrap_or(""));
            let head: String = u.chars().take(40).collect();
            assert!(
                !paired.contains(&head),
                "{seed}: {head:?} is glued into a pair"
            );
        }
    }
}

#[test]
fn seed_003_english_first_with_run_together_korean() {
    check_seed("003_e153fa2be147832b.txt", "003.pairs.json");
}

#[test]
fn seed_004_korean_first_with_title_pair_and_references() {
    check_seed("004_8e658290ee760122.txt", "004.pairs.json");
}

#[test]
fn seed_003_reading_order_keeps_one_sided_korean_in_place() {
    let out = support::command()
        .args(["align", "--json"])
        .arg(support::seed(support::SEEDS[3]))
        .output()
        .expect("run duet");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let order = v["order"].as_array().expect("order");
    let text_of = |seg: &Value| -> String {
        let i = seg["index"].as_u64().unwrap_or(0) as usize;
        match seg["type"].as_str() {
            Some("pair") => v["pairs"][i]["en"].as_str().unwrap_or("").to_string(),
            _ => v["unpaired"][i]["text"].as_str().unwrap_or("").to_string(),
        }
    };
    // The Korean title comes before the first pair, the translator's credit after the last.
    let first_pair = order
        .iter()
        .position(|s| s["type"] == "pair")
        .expect("a pair");
    let last_pair = order
        .iter()
        .rposition(|s| s["type"] == "pair")
        .expect("a pair");
    assert!(
        order[..first_pair]
            .iter()
            .any(|s| text_of(s).contains("공동기술 개발에 협력한다"))
    );
    assert!(
        order[last_pair + 1..]
            .iter()
            .any(|s| text_of(s).contains("역주=오성환"))
    );
    assert!(text_of(&order[first_pair]).starts_with("China and Russia have become"));
}
