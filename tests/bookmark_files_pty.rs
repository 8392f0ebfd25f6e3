//! Issue 22's acceptance in a pseudo-terminal, on the bundled articles (an empty library, so
//! `duet` with no arguments opens them as files): `Enter b`, a note, `Enter` saves a bookmark —
//! the article is imported into the library on its first one, in one line — and `B` lists it.
//! The note's letters and spaces are never read as the reader's commands.
#![cfg(unix)]

mod support;

use support::pty::Session;

#[test]
fn a_bookmark_on_a_bundled_article_imports_it_and_capital_b_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let mut s = Session::duet_in(&home, 30, 120);
    s.wait_for("the bundled articles", |t| t.contains("Library (5)"));
    s.send(b"\r");
    // (The first bundled article is Korean only: its passages are blocks.)
    s.wait_for("the reader", |t| t.contains("block 1/"));
    s.send(b"b");
    s.wait_for("the note box", |t| t.contains("note:"));
    // Reader commands all: j (down), v (layout), space (page down), G (bottom), q (back).
    s.send("jv  Gq 메모".as_bytes());
    s.wait_for("the note typed", |t| t.contains("note: jv  Gq 메모"));
    s.send(b"\r");
    s.wait_for("the bookmark saved", |t| {
        t.contains("into the library") && t.contains("bookmarked pair 1")
    });
    s.send(b"B");
    s.wait_for("the bookmark listed", |t| {
        t.contains("Bookmarks (1)") && t.contains("“jv Gq 메모”")
    });
    s.send(b"\x1b");
    s.wait_for("the reader, where it was", |t| {
        !t.contains("Bookmarks (1)") && t.contains("block 1/")
    });
    s.send(b"q");
    s.wait_for("the list", |t| t.contains("Library (5)"));
    s.quit();

    let marks = support::ok_json(&support::duet_in(
        &home,
        &["export", "--bookmarks", "--format", "json"],
    ));
    let marks = marks.as_array().expect("a list of bookmarks");
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[0]["note"], "jv  Gq 메모");
    assert_eq!(marks[0]["pair"], 1);
    let listed = support::ok_stdout(&support::duet_in(&home, &["list"]));
    assert_eq!(listed.lines().count(), 1, "one article imported:\n{listed}");
}
