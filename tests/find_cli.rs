//! `duet find` end to end on the bundled seed articles: choseong, half-typed syllables,
//! romanization, the JSON shape, `--stdin` like `fzf --filter`, exit codes.

mod support;

use serde_json::Value;
use support::duet;

fn articles() -> String {
    support::articles().display().to_string()
}

fn top(query: &str, source: &str) -> Value {
    let dir = articles();
    let out = duet(&["find", query, &dir, "--source", source, "--json"]);
    assert!(out.status.success(), "{query}: exit {:?}", out.status);
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v[0].clone()
}

#[test]
fn korean_queries_find_the_right_article() {
    for (q, source, file, text) in [
        ("ㅅㄹㅂ", "text", "004_", "설리번"),
        ("설리ㅂ", "text", "004_", "설리번"),
        ("설립", "text", "004_", "설리번"),
        ("lavrov", "text", "001_", "러브로프"),
        ("pyongyang", "text", "", "평양"),
        ("핵군축", "articles", "004_", "핵군축"),
        ("newspim", "articles", "000_", ""),
        ("sullivan", "entities", "004_", ""),
    ] {
        let hit = top(q, source);
        let path = hit["path"].as_str().unwrap_or("");
        let shown = format!("{} {}", hit["text"], hit["title"]);
        assert!(
            path.contains(file) && shown.contains(text),
            "{q} ({source}): {hit}"
        );
    }
}

#[test]
fn json_rows_have_the_documented_fields() {
    let hit = top("ㅅㄹㅂ", "text");
    let obj = hit.as_object().expect("an object");
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "block", "path", "score", "sentence", "source", "text", "title"
        ]
    );
    assert_eq!(hit["source"], "text");
    assert!(hit["block"].is_u64() && hit["sentence"].is_u64() && hit["score"].is_i64());
}

#[test]
fn no_match_exits_1_and_bad_paths_exit_2() {
    let dir = articles();
    let out = duet(&["find", "qqxqqzz", &dir]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let out = duet(&["find", "x", "/no/such/place"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/no/such/place"), "{err}");
}

fn filter(query: &str, input: &str) -> (Option<i32>, String) {
    let out = support::duet_stdin(&["find", "--stdin", query], input.as_bytes());
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn stdin_filters_lines_best_first() {
    let input = "the consul\n설리번 보좌관이 말했다\nJake Sullivan met\nnothing\n";
    let (code, out) = filter("sullivan", input);
    assert_eq!(code, Some(0));
    assert_eq!(out, "Jake Sullivan met\n설리번 보좌관이 말했다\n");
    let (_, out) = filter("ㅅㄹㅂ", input);
    assert_eq!(out, "설리번 보좌관이 말했다\n");
    let (code, out) = filter("zebra", input);
    assert_eq!((code, out.as_str()), (Some(1), ""));
}

/// A library holding the bundled articles, imported into `home`.
fn library_of_articles(home: &std::path::Path) {
    let out = support::duet_in(home, &["import", &articles()]);
    assert!(out.status.success(), "{}", support::text(&out.stderr));
}

/// The id `duet list --json` gives the article imported from a file named `name…`.
fn listed_id(home: &std::path::Path, name: &str) -> i64 {
    let list = support::ok_json(&support::duet_in(home, &["list", "--json"]));
    let rows = list.as_array().cloned().unwrap_or_default();
    rows.iter()
        .find(|r| r["source"].as_str().is_some_and(|s| s.contains(name)))
        .and_then(|r| r["id"].as_i64())
        .unwrap_or_else(|| panic!("{name} not listed: {list}"))
}

#[test]
fn the_library_is_searched_with_ids() {
    let home = tempfile::tempdir().unwrap();
    library_of_articles(home.path());
    let sullivan = listed_id(home.path(), "004_");
    for args in [
        &["find", "ㅅㄹㅂ", "--library", "--source", "text", "--json"][..],
        // No path and a library with articles: the library, as for the reader.
        &["find", "ㅅㄹㅂ", "--source", "text", "--json"][..],
    ] {
        let hits = support::ok_json(&support::duet_in(home.path(), args));
        let top = &hits[0];
        assert_eq!(top["id"].as_i64(), Some(sullivan), "{args:?}: {top}");
        assert!(
            top["text"].as_str().is_some_and(|t| t.contains("설리번")),
            "{top}"
        );
        assert!(
            top["path"].as_str().is_some_and(|p| p.contains("004_")),
            "{top}"
        );
    }
    // Titles and entities too; the plain output starts with the id.
    let hits = support::ok_json(&support::duet_in(
        home.path(),
        &[
            "find",
            "sullivan",
            "--library",
            "--source",
            "entities",
            "--json",
        ],
    ));
    assert_eq!(hits[0]["id"].as_i64(), Some(sullivan), "{hits}");
    let out = support::ok_stdout(&support::duet_in(
        home.path(),
        &["find", "핵군축", "--library", "--source", "articles"],
    ));
    let first = out.lines().next().unwrap_or("");
    assert!(first.starts_with(&format!("{sullivan}\t")), "{out}");
    let none = support::duet_in(home.path(), &["find", "qqxqqzz", "--library"]);
    assert_eq!(none.status.code(), Some(1));
}

#[test]
fn an_empty_library_leaves_the_bundled_articles() {
    let home = tempfile::tempdir().unwrap();
    let hits = support::ok_json(&support::duet_in(
        home.path(),
        &["find", "ㅅㄹㅂ", "--source", "text", "--json"],
    ));
    assert!(hits[0].get("id").is_none(), "{hits}");
    assert!(hits[0]["path"].as_str().is_some_and(|p| p.contains("004_")));
    // `--library` on a library with nothing in it: nothing found.
    let out = support::duet_in(home.path(), &["find", "ㅅㄹㅂ", "--library"]);
    assert_eq!(out.status.code(), Some(1), "{}", support::text(&out.stderr));
    let out = support::duet_in(home.path(), &["find", "x", "--library", "/tmp"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The texts of every hit of a query over `dir` (nothing when it exits 1 for no match).
fn hits(query: &str, dir: &str) -> Vec<String> {
    let out = duet(&["find", query, dir, "--json"]);
    if out.status.code() == Some(1) {
        assert!(out.stderr.is_empty(), "{}", support::text(&out.stderr));
        return Vec::new();
    }
    let v = support::ok_json(&out);
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|h| format!("{} | {}", h["text"], h["title"]))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn typos_and_romanizations_read_the_whole_word() {
    // `bush` once found 부주석 and 부총리 (its `sh` read as the ㅈ and ㅊ of a syllable whose
    // vowel it never spelled); `laura` found a title by letters scattered over `Military
    // Talks, Nuclear`. The bundled articles name no Bush.
    let dir = articles();
    let bush = hits("bush", &dir);
    assert!(
        bush.iter()
            .all(|t| t.contains("부시") || t.contains("Bush")),
        "{bush:#?}"
    );
    assert_eq!(hits("Laura", &dir), Vec::<String>::new());
    // Where there is a 부시, `bush` finds it (the name and its sentence), and only it.
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("a.txt");
    std::fs::write(
        &file,
        "부시 전 대통령이 방한했다.\n\n장 부주석은 부총리와 만났다.\n",
    )
    .expect("write");
    let found = hits("bush", &file.display().to_string());
    assert!(
        found.iter().any(|t| t.contains("부시 전 대통령")),
        "{found:#?}"
    );
    assert!(found.iter().all(|t| t.contains("부시")), "{found:#?}");
}
