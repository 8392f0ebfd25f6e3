//! Pairing a library again after a few articles came, changed or went (`duet::library::pairs`):
//! only the new or changed articles, and the settled ones whose candidates they reach, are
//! asked, and the pairs are those a full pass over the whole library finds.

mod support;

use std::path::Path;

use duet::Lang;
use duet::library::pairs::{self, Found, Pass};
use duet::library::{ArticleId, Home, Library};
use support::cli::fixture;
use support::editions::{half, id_of, seed};

/// The bundled bilingual stories (the others are Korean only).
const STORIES: [&str; 2] = ["003_e153fa2be147832b.txt", "004_8e658290ee760122.txt"];

/// The Korean and the English half of each seed story as two files in `dir`.
fn editions(dir: &Path, stories: &[&str]) {
    std::fs::create_dir_all(dir).unwrap();
    for name in stories {
        let article = duet::parse_file(&seed(name)).unwrap();
        let stem = &name[..3];
        for (lang, tag) in [(Lang::Ko, "ko"), (Lang::En, "en")] {
            std::fs::write(dir.join(format!("{stem}_{tag}.txt")), half(&article, lang)).unwrap();
        }
    }
}

/// Pair as `duet` does after a change: only what changed, remembered for next time.
fn incremental(lib: &Library) -> Found {
    pairs::find(lib.reopen().unwrap(), 2, true, || false).unwrap()
}

/// Only some of the library's articles were asked (not a full pass in disguise).
fn fewer_than_all(found: &Found) {
    assert!(
        found.queried < found.articles,
        "{} of {}",
        found.queried,
        found.articles
    );
}

/// Every article asked, nothing written: what the library's pairs must be.
fn full(lib: &Library) -> Vec<(ArticleId, ArticleId)> {
    let found = pairs::find_as(lib.reopen().unwrap(), 2, false, Pass::Full, || false).unwrap();
    assert_eq!(found.queried, found.articles);
    ids(&found)
}

fn ids(found: &Found) -> Vec<(ArticleId, ArticleId)> {
    found.auto.iter().map(|&(k, e, _)| (k, e)).collect()
}

#[test]
fn adding_changing_and_removing_articles_asks_only_those_and_pairs_as_a_full_pass() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    editions(&first, &STORIES[..1]);
    for page in ["wire_ko_yonhap_style.txt", "wire_en_story.txt"] {
        std::fs::copy(fixture(&format!("pages/{page}")), first.join(page)).unwrap();
    }
    std::fs::copy(seed("000_11a10f181be35a82.txt"), first.join("000.txt")).unwrap();
    let (lib, _) = Library::open(Home::at(dir.path().join("lib"))).unwrap();
    lib.import(std::slice::from_ref(&first), &mut |_, _| {})
        .unwrap();
    let found = incremental(&lib);
    assert_eq!(found.queried, found.articles, "paired for the first time");
    assert_eq!(ids(&found), full(&lib));
    let pair = |stem: &str| {
        (
            id_of(&lib, &format!("{stem}_ko.txt")),
            id_of(&lib, &format!("{stem}_en.txt")),
        )
    };
    assert!(ids(&found).contains(&pair("003")), "{:?}", found.auto);

    // A story more and a Korean article: they are asked, the settled ones only if reached.
    let second = dir.path().join("second");
    editions(&second, &STORIES[1..]);
    std::fs::copy(seed("001_e2ec9d96d82b9f1e.txt"), second.join("001.txt")).unwrap();
    lib.import(std::slice::from_ref(&second), &mut |_, _| {})
        .unwrap();
    let added = incremental(&lib);
    fewer_than_all(&added);
    assert!(added.queried >= 3, "the new ones: {}", added.queried);
    assert_eq!(ids(&added), full(&lib));
    assert!(ids(&added).contains(&pair("004")), "{:?}", added.auto);
    // Nothing changed since: nothing asked.
    assert_eq!(incremental(&lib).queried, 0);

    // The English edition of 004 loses its second half (an editor's cut): it and its partner
    // are asked again, and the pairs are still those of a full pass.
    let en = lib.entry(pair("004").1).unwrap();
    let text = std::fs::read_to_string(&en.file).unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let cut = paragraphs[..paragraphs.len() * 3 / 4].join("\n\n") + "\n";
    std::fs::write(&en.file, cut).unwrap();
    assert_eq!(lib.refresh().unwrap().changed, vec![en.id]);
    lib.process_stale(&mut |_, _| {}).unwrap();
    let changed = incremental(&lib);
    fewer_than_all(&changed);
    assert_eq!(ids(&changed), full(&lib));

    // 003's Korean edition goes: its partner is asked again and stays single.
    let (ko, en) = pair("003");
    lib.remove(&[ko]).unwrap();
    let removed = incremental(&lib);
    fewer_than_all(&removed);
    assert!(removed.queried >= 1);
    assert!(
        ids(&removed).iter().all(|&(k, e)| k != ko && e != en),
        "{:?}",
        removed.auto
    );
    assert_eq!(ids(&removed), full(&lib));
}

/// The keys the pairing index kept for each article with evidence (`pairing_keys`), by hash.
fn kept_keys(db: &Path) -> Vec<(String, Vec<u8>)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT hash, keyed FROM pairing_keys WHERE keyed IS NOT NULL ORDER BY article")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn kept_keys_missing_damaged_or_of_another_article_pair_as_the_evidence_does() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("from");
    editions(&from, &STORIES);
    std::fs::copy(seed("000_11a10f181be35a82.txt"), from.join("000.txt")).unwrap();
    let home = dir.path().join("lib");
    let db = home.join("library.db");
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    lib.import(std::slice::from_ref(&from), &mut |_, _| {})
        .unwrap();
    let found = incremental(&lib);
    let expected = full(&lib);
    assert_eq!(ids(&found), expected);
    assert_eq!(expected.len(), 2, "{expected:?}");
    // Every article with evidence has its keys kept once paired.
    let kept = kept_keys(&db);
    assert_eq!(kept.len(), found.articles);

    let c = rusqlite::Connection::open(&db).unwrap();
    let again = |what: &str| {
        assert_eq!(full(&lib), expected, "{what}");
        // Paired and remembered: the keys are kept again as they were.
        let found = pairs::find_as(lib.reopen().unwrap(), 2, true, Pass::Full, || false).unwrap();
        assert_eq!(ids(&found), expected, "{what}");
        assert_eq!(kept_keys(&db), kept, "{what}");
    };
    // Gone.
    c.execute("DELETE FROM pairing_keys", []).unwrap();
    again("no keys kept");
    // Damaged: a byte changed in one, another cut short, a third empty.
    let (first, second, third) = (&kept[0].0, &kept[1].0, &kept[2].0);
    let flip = "UPDATE pairing_keys SET keyed = substr(keyed, 1, 20) || x'ff' || substr(keyed, 22)
                WHERE hash = ?1";
    c.execute(flip, [first]).unwrap();
    let cut = "UPDATE pairing_keys SET keyed = substr(keyed, 1, length(keyed) - 9) WHERE hash = ?1";
    c.execute(cut, [second]).unwrap();
    c.execute(
        "UPDATE pairing_keys SET keyed = x'' WHERE hash = ?1",
        [third],
    )
    .unwrap();
    again("damaged keys");
    // Whole and sound, but another article's.
    c.execute(
        "UPDATE pairing_keys SET keyed = (SELECT keyed FROM pairing_keys WHERE hash = ?2)
         WHERE hash = ?1",
        [first, second],
    )
    .unwrap();
    again("another article's keys");

    // An article removed takes its keys with it.
    let (ko, _) = expected[0];
    lib.remove(&[ko]).unwrap();
    let left = incremental(&lib);
    assert_eq!(kept_keys(&db).len(), left.articles);
    assert_eq!(ids(&left), full(&lib));
}
