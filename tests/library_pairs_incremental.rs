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
