//! Translation pairs in the library on disk (`duet::library::pairs`): a Korean article and its
//! English edition imported as two files are paired from the evidence stored at import (no
//! article read or parsed to pair), verdicts are remembered across runs, and the user's own
//! choices (a pair made by hand, a pair split) persist and win over the automatic pairing;
//! removing an article removes its choices and verdicts. The reader on the library shows the
//! two editions as one `KO+EN` row that opens side by side, and `P` / `p` survive a restart.

mod support;

use std::path::Path;

use duet::library::intake;
use duet::library::pairs::{self, Found};
use duet::library::{Home, Library};
use duet::pairing::Side;
use duet::tui::app::App;
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{app_with_library, draw};
use duet::tui::state::disk::Save;
use duet::tui::view::dump;
use support::editions::{id_of, seed, story_files as files};

fn open(home: &Home) -> Library {
    Library::open(home.clone()).unwrap().0
}

fn paired(lib: &Library) -> Found {
    pairs::find(lib.reopen().unwrap(), 2, true, || false).unwrap()
}

#[test]
fn editions_imported_as_two_files_pair_from_stored_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let src = files(dir.path());
    let home = Home::at(dir.path().join("lib"));
    let lib = open(&home);
    let report = lib
        .import(std::slice::from_ref(&src), &mut |_, _| {})
        .unwrap();
    assert_eq!(report.added.len(), 3, "{report:?}");
    let (ko, en, other) = (
        id_of(&lib, "story_ko.txt"),
        id_of(&lib, "story_en.txt"),
        id_of(&lib, "other_ko.txt"),
    );

    // The evidence was stored at import: the same as computed from the parsed file.
    let evidence = lib.evidence().unwrap();
    assert_eq!(evidence.len(), 3);
    let stored = &evidence.iter().find(|(id, _)| *id == en).unwrap().1;
    let parsed = duet::parse_file(&src.join("story_en.txt")).unwrap();
    assert_eq!(
        Some(stored),
        duet::pairing::evidence::of_article(&parsed).as_ref()
    );

    let found = paired(&lib);
    assert_eq!(found.auto.len(), 1, "{:?}", found.auto);
    assert_eq!((found.auto[0].0, found.auto[0].1), (ko, en));
    assert_eq!(found.sides.get(&ko), Some(&Side::Ko));
    assert_eq!(found.sides.get(&other), Some(&Side::Ko));
    assert!(found.verified >= 1);
    assert_eq!(found.remembered, 0);

    // A second run (a restart) on the unchanged library takes the pairs found: nothing is
    // verified, and a headless run reads them without building anything.
    let again = paired(&lib);
    assert_eq!(again.auto, found.auto);
    assert_eq!((again.verified, again.remembered), (0, 0));
    let stored = pairs::stored(&lib).unwrap().expect("the pairs are kept");
    assert_eq!(stored.auto, found.auto);
    assert_eq!(stored.sides.get(&en), Some(&Side::En));
    // The English edition's candidates to pair by hand: the Korean ones, its partner first.
    assert_eq!(
        again.candidates(en, 4).first().map(|c| c.0),
        Some(ko),
        "{:?}",
        again.candidates(en, 4)
    );

    // Another article changes the library: the kept pairs no longer hold; pairing again
    // verifies only what it never saw (every earlier verdict is remembered).
    let more = dir.path().join("more");
    std::fs::create_dir_all(&more).unwrap();
    std::fs::copy(seed("002_9f5e0e2176ba1b1a.txt"), more.join("third.txt")).unwrap();
    lib.import(std::slice::from_ref(&more), &mut |_, _| {})
        .unwrap();
    assert!(pairs::stored(&lib).unwrap().is_none());
    let after = paired(&lib);
    assert_eq!(after.auto, found.auto);
    assert_eq!(after.remembered, found.verified);
}

#[test]
fn import_then_pair_is_the_one_way_in_and_prepare_is_what_it_stores() {
    let dir = tempfile::tempdir().unwrap();
    let src = files(dir.path());
    let home = Home::at(dir.path().join("lib"));
    let lib = open(&home);
    let imported = lib
        .import_then_pair(std::slice::from_ref(&src), &mut |_, _| {})
        .unwrap();
    assert_eq!(imported.report.added.len(), 3, "{:?}", imported.report);
    assert_eq!(imported.pairs, 1);
    assert!(imported.pairing_failed.is_none());
    let (ko, en) = (id_of(&lib, "story_ko.txt"), id_of(&lib, "story_en.txt"));
    // The pairs were kept: a look (the headless reader) reads them, a keeping run (the reader,
    // `duet pairs --library`) takes them as they were and builds the index beside them.
    let looked = intake::pair(lib.reopen().unwrap(), false, || false).unwrap();
    assert_eq!(
        looked
            .pairs()
            .iter()
            .map(|p| (p.0, p.1))
            .collect::<Vec<_>>(),
        [(ko, en)]
    );
    let kept = intake::pair(lib.reopen().unwrap(), true, || false).unwrap();
    assert_eq!((kept.verified, kept.remembered), (0, 0));
    assert_eq!(kept.candidates(ko, 2).first().map(|c| c.0), Some(en));

    // What a caller with bytes (a feed) prepares is what an import of the file stores.
    let bytes = std::fs::read(src.join("story_en.txt")).unwrap();
    let prepared = intake::prepare(&src.join("story_en.txt"), bytes, |_| {}).unwrap();
    assert_eq!(prepared.hash, lib.entry(en).unwrap().hash);
    let stored = lib
        .evidence()
        .unwrap()
        .into_iter()
        .find(|(id, _)| *id == en)
        .unwrap()
        .1;
    let evidence = prepared
        .enc
        .evidence
        .as_deref()
        .and_then(duet::library::cache::decode_evidence);
    assert_eq!(evidence, Some(stored));
    // `adjust` corrects what the page says before it is encoded.
    let adjusted = intake::prepare(&src.join("story_en.txt"), prepared.bytes, |p| {
        p.article.outlet = Some("The Feed".into())
    })
    .unwrap();
    assert_eq!(adjusted.enc.meta.outlet.as_deref(), Some("The Feed"));
    // A file that is not an article is one error line naming it.
    let bad = intake::prepare(Path::new("x.pdf"), b"%PDF-1.4".to_vec(), |_| {}).unwrap_err();
    assert!(bad.contains("x.pdf"), "{bad}");
}

#[test]
fn a_split_stays_split_and_a_pair_by_hand_stays_paired_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let src = files(dir.path());
    let home = Home::at(dir.path().join("lib"));
    {
        let lib = open(&home);
        lib.import(&[src], &mut |_, _| {}).unwrap();
    }
    let lib = open(&home);
    let (ko, en, other) = (
        id_of(&lib, "story_ko.txt"),
        id_of(&lib, "story_en.txt"),
        id_of(&lib, "other_ko.txt"),
    );
    assert_eq!(paired(&lib).pairs(), vec![(ko, en, paired(&lib).auto[0].2)]);

    // P: split. After a restart the automatic pairing still finds the pair, but it is shown
    // apart.
    lib.split_pair(ko, en).unwrap();
    drop(lib);
    let lib = open(&home);
    let found = paired(&lib);
    assert_eq!(found.auto.len(), 1);
    assert!(found.pairs().is_empty(), "{:?}", found.pairs());

    // p: the English edition paired by hand with the other Korean article (which the
    // automatic pairing rejects): kept across a restart, and the story's Korean half stays
    // single.
    lib.pair_by_hand(other, en).unwrap();
    drop(lib);
    let lib = open(&home);
    let found = paired(&lib);
    assert_eq!(found.pairs(), vec![(other, en, 1.0)]);

    // Pairing the story again by hand replaces the other pair, and forgets the split.
    lib.pair_by_hand(ko, en).unwrap();
    let choices = open(&home).choices().unwrap();
    assert_eq!(choices.manual, vec![(ko, en)]);
    assert!(choices.split.is_empty());
    assert_eq!(paired(&lib).pairs(), vec![(ko, en, 1.0)]);

    // An unknown article cannot be paired.
    assert!(lib.pair_by_hand(ko, 9999).is_err());
}

#[test]
fn removing_an_article_removes_its_pairings_and_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let src = files(dir.path());
    let home = Home::at(dir.path().join("lib"));
    let lib = open(&home);
    lib.import(&[src], &mut |_, _| {}).unwrap();
    let (ko, en, other) = (
        id_of(&lib, "story_ko.txt"),
        id_of(&lib, "story_en.txt"),
        id_of(&lib, "other_ko.txt"),
    );
    paired(&lib);
    lib.pair_by_hand(other, en).unwrap();
    lib.split_pair(ko, en).unwrap();
    let count = |table: &str| -> i64 {
        lib.connection()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count("pairings"), 2);
    assert!(count("verdicts") >= 1);
    assert_eq!(count("evidence"), 3);

    lib.remove(&[en]).unwrap();
    assert_eq!(count("pairings"), 0, "ON DELETE CASCADE");
    assert_eq!(count("verdicts"), 0);
    assert_eq!(count("evidence"), 2);
    assert!(open(&home).choices().unwrap().manual.is_empty());
    assert!(paired(&lib).pairs().is_empty());
}

#[test]
fn duet_pairs_library_prints_the_pairs_with_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let src = files(dir.path());
    let home = dir.path().join("lib");
    let duet = |args: &[&str]| {
        support::command()
            .args(args)
            .env("DUET_HOME", &home)
            .output()
            .unwrap()
    };
    assert!(duet(&["import", src.to_str().unwrap()]).status.success());
    let out = duet(&["pairs", "--library", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lib = open(&Home::at(&home));
    let (ko, en) = (id_of(&lib, "story_ko.txt"), id_of(&lib, "story_en.txt"));
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{rows}");
    assert_eq!(rows[0]["ko"], ko);
    assert_eq!(rows[0]["en"], en);
    assert_eq!(rows[0]["by_hand"], false);
    lib.split_pair(ko, en).unwrap();
    let out = duet(&["pairs", "--library"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("0 pairs among 3 Korean or English articles; 0 candidate pairs verified"),
        "{table}"
    );
    // Paths and --library do not go together; neither is a usage error.
    assert_eq!(duet(&["pairs", "--library", "x"]).status.code(), Some(2));
    assert_eq!(duet(&["pairs"]).status.code(), Some(2));
}

// The reader on the library.

/// Press keys (space-separated), running jobs at once; the pair choices asked to be saved are
/// saved to `lib`, as the runner's saver does.
fn press(app: &mut App, lib: &Library, keys: &str) -> Vec<Save> {
    let saves = support::app::press_saving(app, keys);
    let pairs: Vec<Save> = saves
        .iter()
        .filter(|s| matches!(s, Save::Pair(..) | Save::Split(..)))
        .cloned()
        .collect();
    support::app::apply_saves(lib, &pairs);
    saves
}

/// The library's rows: (badge, Korean entry's file name, English partner's file name).
fn rows(app: &App) -> Vec<(String, String, Option<String>)> {
    let name = |p: &Path| {
        p.file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    (0..app.rows())
        .filter_map(|r| app.row(r))
        .map(|(e, partner)| {
            let badge = match partner {
                Some(_) => "KO+EN".to_string(),
                None => e.meta().map(|m| m.badge.to_string()).unwrap_or_default(),
            };
            (badge, name(e.path()), partner.map(|(p, _)| name(p.path())))
        })
        .collect()
}

/// The row of the Korean half of the story (paired or not).
fn story_row(app: &App, lib: &Library) -> usize {
    let file = lib.entry(id_of(lib, "story_ko.txt")).unwrap().file;
    (0..app.rows())
        .find(|&r| app.row(r).is_some_and(|(e, _)| e.path() == file))
        .unwrap()
}

#[test]
fn the_reader_shows_the_editions_as_one_pair_and_keeps_p_and_split_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let src = files(dir.path());
    let home = Home::at(dir.path().join("lib"));
    let lib = open(&home);
    lib.import(std::slice::from_ref(&src), &mut |_, _| {})
        .unwrap();
    let start = |lib: &Library| app_with_library(lib, 140, 24, Config::default(), true).unwrap();

    // Listed from the metadata, paired from the stored evidence: one KO+EN row.
    let mut app = start(&lib);
    let paired_rows = |app: &App| rows(app).iter().filter(|r| r.0 == "KO+EN").count();
    assert_eq!(paired_rows(&app), 1, "{:?}", rows(&app));
    assert_eq!(rows(&app).len(), 2);
    let screen = dump(&draw(&app));
    assert!(screen.contains(" KO+EN "), "{screen}");
    assert!(screen.contains("미국 중국 첫 고위 군사회담"), "{screen}");

    // Enter opens the two articles from the cache as one document, side by side.
    let r = story_row(&app, &lib);
    press(&mut app, &lib, &"j ".repeat(r));
    press(&mut app, &lib, "Enter");
    let reader = dump(&draw(&app));
    assert!(reader.contains("side by side"), "{reader}");
    let beside = reader
        .lines()
        .filter(|l| {
            l.chars().any(|c| ('가'..='힣').contains(&c))
                && l.chars().filter(char::is_ascii_lowercase).count() > 20
        })
        .count();
    assert!(beside >= 8, "{reader}");

    // P splits it and saves the split; a restart keeps it split.
    let mut app = start(&lib);
    let r = story_row(&app, &lib);
    press(&mut app, &lib, &"j ".repeat(r));
    let saves = press(&mut app, &lib, "P");
    let (ko, en) = (id_of(&lib, "story_ko.txt"), id_of(&lib, "story_en.txt"));
    assert_eq!(saves, vec![Save::Split(ko, en)]);
    assert_eq!(paired_rows(&app), 0);
    let mut app = start(&lib);
    assert_eq!(paired_rows(&app), 0, "{:?}", rows(&app));
    assert_eq!(rows(&app).len(), 3);

    // p pairs them again by hand (the picker's first candidate); a restart keeps the pair.
    let r = story_row(&app, &lib);
    press(&mut app, &lib, &"j ".repeat(r));
    let saves = press(&mut app, &lib, "p Enter");
    assert_eq!(saves, vec![Save::Pair(ko, en)]);
    assert_eq!(paired_rows(&app), 1);
    let app = start(&lib);
    assert_eq!(
        rows(&app)
            .into_iter()
            .filter(|r| r.0 == "KO+EN")
            .collect::<Vec<_>>(),
        vec![(
            "KO+EN".to_string(),
            lib.entry(ko)
                .unwrap()
                .file
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            Some(
                lib.entry(en)
                    .unwrap()
                    .file
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            )
        )]
    );
}

#[test]
fn duet_render_library_shows_the_pair_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let src = files(dir.path());
    let home = dir.path().join("lib");
    let duet = |args: &[&str]| {
        let out = support::command()
            .args(args)
            .env("DUET_HOME", &home)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    duet(&["import", src.to_str().unwrap()]);
    // The import paired the library and kept the verdicts and the pairs.
    let kept = |lib: &Library| -> (i64, i64) {
        let count = |table: &str| {
            lib.connection()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        (count("verdicts"), count("pairs_found"))
    };
    let at_import = kept(&open(&Home::at(&home)));
    assert!(at_import.0 >= 1 && at_import.1 == 1, "{at_import:?}");
    let list = duet(&["render", "--library", "--size", "140x20"]);
    let pairs: Vec<&str> = list.lines().filter(|l| l.contains(" KO+EN ")).collect();
    assert_eq!(pairs.len(), 1, "{list}");
    assert!(pairs[0].contains("미국 중국 첫 고위 군사회담"), "{list}");
    // Enter on it opens it side by side.
    let lib = open(&Home::at(&home));
    let app = app_with_library(&lib, 140, 20, Config::default(), true).unwrap();
    let r = story_row(&app, &lib);
    let keys = format!("{}Enter", "j ".repeat(r));
    let reader = duet(&["render", "--library", "--size", "140x30", "--keys", &keys]);
    assert!(reader.contains("side by side"), "{reader}");
    assert!(reader.contains("As the US and China"), "{reader}");
    assert!(reader.contains("미중이 핵군축"), "{reader}");
    // Headless runs never write.
    assert_eq!(kept(&lib), at_import);
}
