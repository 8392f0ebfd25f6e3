//! The reading position survives a restart, end to end: `duet` (no arguments) opens the library
//! in a pseudo-terminal; open the article, move to pair 7 and a sentence inside it, quit;
//! reopen at another terminal size: pair 7 again, the same sentence on screen, and the position
//! on disk unchanged.
#![cfg(unix)]

mod support;

use std::time::Duration;

use duet::library::{Home, Library, Position};
use duet::tui::state::doc::Doc;
use support::pty::Session;

#[test]
fn the_reading_position_survives_a_restart_at_another_size() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let out = support::command()
        .arg("import")
        .arg(support::seed(support::SEED_004))
        .env("DUET_HOME", &home)
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc = {
        let (lib, _) = Library::open(Home::at(&home)).unwrap();
        let p = lib.load(1).unwrap();
        Doc::build(p.article, &p.bitext)
    };

    // First run: 120x30, side by side.
    let mut s = Session::duet_in(&home, 30, 120);
    s.wait_for("the library", |t| t.contains("Library (1)"));
    s.send(b"\r");
    s.wait_for("the reader", |t| t.contains("pair 1/"));
    for n in 2..=7 {
        s.send(b"j");
        s.wait_for(&format!("pair {n}"), |t| t.contains(&format!("pair {n}/")));
    }
    // Sentence mode, and the second sentence of the pair when it has one.
    s.send(b"s");
    s.wait_for("sentence mode", |t| t.contains("sentence mode"));
    let saved_first = {
        s.pump(Duration::from_millis(100));
        Library::open(Home::at(&home))
            .unwrap()
            .0
            .position(1)
            .unwrap()
    };
    let passage = saved_first.map(|p| p.pair).unwrap_or_default();
    let beads = doc.passages[passage].beads.len();
    if beads > 1 {
        s.send(b"j");
        s.pump(Duration::from_millis(200));
        assert!(s.screen().contains("pair 7/"), "{}", s.screen());
    }
    let sentence = if beads > 1 { 1 } else { 0 };
    // One article: `q` in the reader quits.
    s.quit();

    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    let saved = lib.position(1).unwrap().expect("a position was saved");
    assert_eq!(
        saved,
        Position {
            pair: passage,
            sentence: Some(sentence)
        }
    );
    assert!(lib.entry(1).unwrap().read, "opened: marked read");
    drop(lib);

    // Second run: another size (80x40: stacked layout), straight back to it.
    let mut s = Session::duet_in(&home, 40, 80);
    s.wait_for("the library", |t| t.contains("Library (1)"));
    s.send(b"\r");
    s.wait_for("pair 7 again", |t| t.contains("pair 7/"));
    // The sentence is on screen: the start of its English text (the side both layouts show
    // in full; the row may wrap, so a short prefix).
    let (_, en) = &doc.passages[passage].beads[sentence];
    let en_text = doc.passages[passage].en.as_deref().unwrap_or("");
    let start: String = en
        .first()
        .map(|r| en_text[r.clone()].chars().take(18).collect())
        .unwrap_or_default();
    assert!(!start.is_empty());
    assert!(
        s.screen().contains(&start),
        "{start:?} not on screen:\n{}",
        s.screen()
    );
    s.quit();
    // Reopening did not move it.
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    assert_eq!(lib.position(1).unwrap(), Some(saved));
}
