//! Words in the library, on the seeds: the word model trained on the library's sentence pairs
//! (and not again while nothing changed), lemma frequencies and the share of known words,
//! statuses surviving a restart, and the Anki export read the way Anki documents its text
//! import (file headers, one note a line, the GUID and tags columns), stable across exports.

mod support;

use std::collections::HashMap;
use std::path::Path;

use duet::library::words::{Seen, Status, bead_pairs};
use duet::library::{Home, Library};
use support::{articles, duet_in, ok_stdout};

fn imported_seeds(home: &Path) -> Library {
    ok_stdout(&duet_in(home, &["import", articles().to_str().unwrap()]));
    Library::open(Home::at(home)).unwrap().0
}

/// Mark some aligned words of the first bilingual seed, as the popup does.
fn mark_words(lib: &Library) -> Vec<(String, Status)> {
    let model = lib.train_word_model().unwrap();
    let entry = lib
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.language.as_deref() == Some("ko+en"))
        .expect("a bilingual seed");
    let p = lib.load(entry.id).unwrap();
    let pairs: Vec<(String, String)> = bead_pairs(&p.bitext).take(6).collect();
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, e)| (k.as_str(), e.as_str()))
        .collect();
    let aligned = duet::words::align(&refs, model.as_ref(), &duet::words::Settings::default());
    let statuses = [
        Status::Learning(1),
        Status::Learning(2),
        Status::Learning(4),
        Status::Learning(5),
        Status::Known,
    ];
    let mut marked = Vec::new();
    for ((ko, en), words) in pairs.iter().zip(&aligned) {
        for w in words.iter().filter(|w| !w.en.is_empty()) {
            if marked.len() == statuses.len() {
                return marked;
            }
            let lemma = w.lemmas[0].clone();
            if marked.iter().any(|(l, _)| *l == lemma) {
                continue;
            }
            let status = statuses[marked.len()];
            let seen = Seen {
                word: w.word.text.clone(),
                article: Some(entry.id),
                ko: ko.clone(),
                ko_span: (w.word.start, w.word.end),
                en: en.clone(),
                en_spans: w.en.iter().map(|t| (t.start, t.end)).collect(),
            };
            lib.set_word_status(&lemma, status, Some(&seen)).unwrap();
            marked.push((lemma, status));
        }
    }
    marked
}

/// An Anki text file as the manual describes it: `#key:value` header lines first, then one
/// note a line, fields separated as `#separator` says.
struct AnkiFile {
    headers: HashMap<String, String>,
    rows: Vec<Vec<String>>,
}

fn parse_anki(text: &str) -> AnkiFile {
    let mut headers = HashMap::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.peek() {
        let Some(h) = line.strip_prefix('#') else {
            break;
        };
        let (k, v) = h.split_once(':').expect("a header is #key:value");
        headers.insert(k.to_string(), v.to_string());
        lines.next();
    }
    assert_eq!(headers.get("separator").map(String::as_str), Some("tab"));
    let rows = lines
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    AnkiFile { headers, rows }
}

#[test]
fn anki_export_from_the_seeds_imports_with_stable_guids() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let lib = imported_seeds(&home);
    let marked = mark_words(&lib);
    assert_eq!(marked.len(), 5, "five aligned words in the first pairs");
    let export = || {
        ok_stdout(&duet_in(
            &home,
            &["export", "--words", "--status", "1-4", "--format", "anki"],
        ))
    };
    let first = export();
    let a = parse_anki(&first);
    for h in [
        "html",
        "notetype",
        "deck",
        "guid column",
        "tags column",
        "columns",
    ] {
        assert!(a.headers.contains_key(h), "header #{h} missing:\n{first}");
    }
    assert_eq!(a.headers["html"], "true");
    let columns: Vec<&str> = a.headers["columns"].split('\t').collect();
    let guid_col: usize = a.headers["guid column"].parse().unwrap();
    let tags_col: usize = a.headers["tags column"].parse().unwrap();
    assert_eq!(columns[guid_col - 1], "GUID");
    assert_eq!(columns[tags_col - 1], "Tags");
    // Statuses 1, 2 and 4 are in 1-4; 5 and known are not.
    assert_eq!(a.rows.len(), 3, "{first}");
    let col = |name: &str| columns.iter().position(|c| *c == name).unwrap();
    for row in &a.rows {
        assert_eq!(row.len(), columns.len(), "{row:?}");
        // Anki reads a field starting with a quote as quoted CSV: none does.
        assert!(row.iter().all(|f| !f.starts_with('"')), "{row:?}");
        let ko = &row[col("Korean")];
        let word = &row[col("Word")];
        assert!(ko.contains(&format!("<b>{word}</b>")), "{ko} / {word}");
        assert!(row[col("English")].contains("<b>"), "{row:?}");
        assert!(!row[col("Gloss")].is_empty(), "{row:?}");
        assert!(!row[col("Title")].is_empty() && !row[col("Source")].is_empty());
        assert!(row[tags_col - 1].split(' ').any(|t| t == "duet"));
    }
    let guids: Vec<&String> = a.rows.iter().map(|r| &r[guid_col - 1]).collect();
    let mut unique = guids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), guids.len(), "GUIDs are unique");
    // Exported again after another change: the same notes keep their GUIDs.
    let (lemma, _) = &marked[0];
    lib.set_word_status(lemma, Status::Learning(3), None)
        .unwrap();
    let b = parse_anki(&export());
    assert_eq!(b.rows.len(), 3);
    for row in &a.rows {
        let again = b
            .rows
            .iter()
            .find(|r| r[col("Lemma")] == row[col("Lemma")])
            .expect("the same lemma");
        assert_eq!(again[guid_col - 1], row[guid_col - 1]);
    }
    let changed = b.rows.iter().find(|r| &r[col("Lemma")] == lemma).unwrap();
    assert_eq!(changed[col("Status")], "3");
}

#[test]
fn statuses_frequencies_and_the_word_model_live_in_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let lib = imported_seeds(&home);
    assert!(lib.word_model().unwrap().is_none());
    let model = lib
        .train_word_model()
        .unwrap()
        .expect("the seeds have sentence pairs");
    assert!(model.pairs > 10);
    let trained = |lib: &Library| -> i64 {
        lib.connection()
            .query_row("SELECT trained FROM word_model", [], |r| r.get(0))
            .unwrap()
    };
    let t0 = trained(&lib);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    lib.train_word_model().unwrap();
    assert_eq!(trained(&lib), t0, "retrained though nothing changed");

    assert!(lib.count_lemmas().unwrap() >= 5);
    assert_eq!(lib.count_lemmas().unwrap(), 0, "counted twice");
    let (n, articles) = lib.lemma_frequency("대통령").unwrap();
    assert!(n >= 2 && articles >= 1, "{n} {articles}");
    let id = lib
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.language.as_deref() == Some("ko+en"))
        .unwrap()
        .id;
    let share = lib.known_share(id).unwrap().expect("counted");
    assert_eq!(share, 0.0);
    lib.set_word_status("대통령", Status::Known, None).unwrap();
    lib.set_word_status("하다", Status::Ignored, None).unwrap();
    let after = lib.known_share(id).unwrap().unwrap();
    assert!(after > 0.0 && after < 1.0, "{after}");
    drop(lib);
    // A restart keeps them.
    let lib = Library::open(Home::at(&home)).unwrap().0;
    assert_eq!(lib.word_status("대통령").unwrap(), Some(Status::Known));
    assert_eq!(lib.word_status("하다").unwrap(), Some(Status::Ignored));
    assert_eq!(lib.word_status("정부").unwrap(), None);
    assert!(lib.word_model().unwrap().is_some());
}

/// Lemma counts carry the version of the rules that counted them: counts of another rule (or
/// of a duet before counts had one) are counted again, the others are kept.
#[test]
fn lemma_counts_of_another_rule_are_counted_again_and_only_they() {
    let dir = tempfile::tempdir().unwrap();
    let lib = imported_seeds(&dir.path().join("lib"));
    let counted = lib.count_lemmas().unwrap();
    assert!(counted >= 5);
    assert_eq!(lib.count_lemmas().unwrap(), 0, "counted twice");
    let conn = lib.connection();
    let ids: Vec<i64> = conn
        .prepare("SELECT article FROM article_lemmas_done ORDER BY article LIMIT 2")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // One counted by an older rule that read a word as a lemma no longer given, one counted
    // before the counts had a version.
    conn.execute(
        "UPDATE article_lemmas_done SET rules = 'an older rule' WHERE article = ?1",
        [ids[0]],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO article_lemmas (article, lemma, n) VALUES (?1, '옛규칙하다', 3)",
        [ids[0]],
    )
    .unwrap();
    conn.execute(
        "UPDATE article_lemmas_done SET rules = NULL WHERE article = ?1",
        [ids[1]],
    )
    .unwrap();
    assert_eq!(lib.lemma_frequency("옛규칙하다").unwrap(), (3, 1));
    let before = lib.lemma_frequency("대통령").unwrap();
    assert_eq!(
        lib.count_lemmas().unwrap(),
        2,
        "the two stale articles only"
    );
    assert_eq!(lib.lemma_frequency("옛규칙하다").unwrap(), (0, 0));
    assert_eq!(lib.lemma_frequency("대통령").unwrap(), before);
    assert_eq!(lib.count_lemmas().unwrap(), 0);
}

/// A Korean article and its English edition in two files (a KO+EN entry once paired) train
/// the word model too; split by hand, they no longer do.
#[test]
fn the_word_model_learns_from_a_korean_article_and_its_english_edition_in_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let src = support::editions::story_files(dir.path());
    let home = dir.path().join("lib");
    ok_stdout(&duet_in(&home, &["import", src.to_str().unwrap()]));
    let lib = Library::open(Home::at(&home)).unwrap().0;
    let entries = lib.entries().unwrap();
    assert!(
        entries
            .iter()
            .all(|e| e.language.as_deref() != Some("ko+en")),
        "no bilingual article: only the two editions pair"
    );
    let (fingerprint, pairs) = lib.sentence_pairs().unwrap();
    assert!(pairs.len() > 5, "{pairs:?}");
    assert!(
        pairs
            .iter()
            .any(|(k, e)| k.contains("설리번") && e.contains("Sullivan")),
        "{pairs:?}"
    );
    let model = lib
        .train_word_model()
        .unwrap()
        .expect("trained on the pair");
    assert_eq!(model.pairs, pairs.len());

    let id = |name: &str| {
        entries
            .iter()
            .find(|e| e.source.as_deref().is_some_and(|s| s.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} imported"))
            .id
    };
    lib.split_pair(id("story_ko.txt"), id("story_en.txt"))
        .unwrap();
    let (after, pairs) = lib.sentence_pairs().unwrap();
    assert!(pairs.is_empty(), "{pairs:?}");
    assert_ne!(after, fingerprint);
}

/// A name the article's entities give is a noun in the library's counts: 김영한 (a minister)
/// is counted as 김영한, though `duet lookup` alone reads it as a form of 김영하다.
#[test]
fn lemma_counts_read_the_articles_own_names_as_nouns() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let story = support::fixture("words/name_han.txt");
    ok_stdout(&duet_in(&home, &["import", story.to_str().unwrap()]));
    let out = ok_stdout(&duet_in(&home, &["lookup", "김영한"]));
    assert!(out.starts_with("김영한 → 김영하다"), "{out}");
    let lib = Library::open(Home::at(&home)).unwrap().0;
    assert_eq!(lib.count_lemmas().unwrap(), 1);
    assert_eq!(lib.lemma_frequency("김영한").unwrap(), (3, 1));
    assert_eq!(lib.lemma_frequency("김영하다").unwrap(), (0, 0));
}
