//! Pairs made and split by hand survive a restart, end to end: `duet` (no arguments) on a
//! library holding a story's Korean and English editions as two files shows them as one `KO+EN`
//! row once its pairing job reports; `P` splits it, and after a restart it is still two rows;
//! `p` Enter pairs them again, and after a restart they are one row again.
#![cfg(unix)]

mod support;

use std::time::Duration;

use duet::library::{Home, Library};
use support::editions::story_files;
use support::pty::Session;

/// Move the selection down until the selected row holds `text` (at most `rows` moves).
fn select(s: &mut Session, text: &str, rows: usize) {
    for _ in 0..=rows {
        let screen = s.screen();
        if screen.lines().any(|l| l.contains('›') && l.contains(text)) {
            return;
        }
        s.send(b"j");
        s.pump(Duration::from_millis(150));
    }
    panic!("no selected row with {text:?}:\n{}", s.screen());
}

/// The pairing job has reported when the library is quiet after its first frames.
fn settled(s: &mut Session) -> String {
    s.wait_for("the library", |t| t.contains("Library ("));
    s.pump_until_quiet(Duration::from_secs(10), Duration::from_millis(700));
    s.screen()
}

#[test]
fn p_and_split_survive_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let src = story_files(dir.path());
    let home = dir.path().join("lib");
    let out = support::command()
        .arg("import")
        .arg(&src)
        .env("DUET_HOME", &home)
        .output()
        .unwrap();
    assert!(out.status.success());
    let pairings = || -> Vec<(i64, i64, bool)> {
        let (lib, _) = Library::open(Home::at(&home)).unwrap();
        let mut stmt = lib
            .connection()
            .prepare("SELECT ko, en, paired FROM pairings")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };

    // Paired automatically: one KO+EN row.
    let mut s = Session::duet_in(&home, 24, 110);
    s.wait_for("the pair", |t| t.contains("KO+EN"));
    assert!(s.screen().contains("Library (2)"), "{}", s.screen());
    select(&mut s, "KO+EN", 2);
    s.send(b"P");
    s.wait_for("the split", |t| t.contains("pair split"));
    s.quit();
    let split = pairings();
    assert_eq!(split.len(), 1);
    assert!(!split[0].2, "stored as a split: {split:?}");

    // Restart: still split (the pairing finds the pair, the stored choice wins).
    let mut s = Session::duet_in(&home, 24, 110);
    let screen = settled(&mut s);
    assert!(!screen.contains("KO+EN"), "{screen}");
    assert!(screen.contains("Library (3)"), "{screen}");
    // p on the story's Korean half: its English edition is the first candidate.
    select(&mut s, "미국 중국 첫 고위 군사회담", 3);
    // (until the pairing job has reported, `p` says the library is still loading)
    for _ in 0..100 {
        s.send(b"p");
        s.pump(Duration::from_millis(300));
        if s.screen().contains("Pair with") {
            break;
        }
    }
    s.wait_for("the picker", |t| t.contains("Pair with"));
    s.send(b"\r");
    s.wait_for("the pair", |t| t.contains("paired") && t.contains("KO+EN"));
    s.quit();
    let paired = pairings();
    assert_eq!(paired.len(), 1);
    assert!(paired[0].2, "stored as a pair: {paired:?}");

    // Restart: paired again.
    let mut s = Session::duet_in(&home, 24, 110);
    s.wait_for("the pair", |t| t.contains("KO+EN"));
    assert!(s.screen().contains("Library (2)"), "{}", s.screen());
    s.quit();
}
