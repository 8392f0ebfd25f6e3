//! The feeds in the reader. Headless: `F` lists the subscriptions with how each last refreshed
//! (a failing feed shows its error), Enter narrows the library to one feed's articles and back
//! to all; `R` asks the runner for a refresh, whose progress the title shows; `[feeds]` in
//! `config.toml` is the reader's too. In a pty against a loopback outlet: `duet` opens a library
//! that follows feeds before any article is stored, asks the network nothing before `R` (nor
//! before its first frame), then `R` refreshes in the background while the list stays
//! responsive, new entries appear, the editions become `KO+EN`, and the failing feed's error is
//! in the feed list.

mod support;

use std::time::Duration;

use duet::library::{Home, Library};
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{app_with_library, draw};
use duet::tui::view::dump;
use support::app::keys;
use support::duet_in;
use support::feeds::{outlet, outlet_slowed};
use support::pty::Session;

/// Follow the outlet's Korean and English feeds and a feed that is gone.
fn follow(home: &std::path::Path, server: &support::feeds::Server) {
    for args in [
        vec!["feed", "add", &server.url("/ko/rss.xml"), "--lang", "ko"],
        vec!["feed", "add", &server.url("/en/atom.xml"), "--lang", "en"],
        vec!["feed", "add", &server.url("/gone.xml"), "--name", "Gone"],
    ] {
        let args: Vec<&str> = args.iter().map(|s| s.as_ref()).collect();
        let out = duet_in(home, &args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
}

#[test]
fn the_feed_list_shows_errors_and_narrows_the_library() {
    let server = outlet();
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    follow(&home, &server);
    // One feed fails: the refresh says so and exits 2, the others are stored.
    let out = duet_in(&home, &["feed", "refresh"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    let mut app = app_with_library(&lib, 140, 30, Config::default(), true).unwrap();
    assert_eq!(app.entries().len(), 7);

    keys(&mut app, "F");
    let screen = dump(&draw(&app));
    assert!(screen.contains("Feeds (3)"), "{screen}");
    let gone = screen
        .lines()
        .find(|l| l.contains("Gone"))
        .unwrap_or_else(|| panic!("no row for the failing feed:\n{screen}"));
    assert!(gone.contains('✗') && gone.contains("404"), "{gone}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("시험뉴스") && l.contains("5 articles")),
        "{screen}"
    );

    // The Korean feed only (row 1), then every feed again (row 0).
    keys(&mut app, "j enter");
    assert!(app.overlay().is_none());
    assert!(
        app.status().unwrap().contains("feed 시험뉴스"),
        "{:?}",
        app.status()
    );
    assert_eq!(app.entries().len(), 5);
    assert!(
        app.entries()
            .iter()
            .all(|e| e.meta().and_then(|m| m.feed) == Some(1))
    );
    keys(&mut app, "F k enter");
    assert_eq!(app.entries().len(), 7);

    // R: the refresh is asked for (a headless run never carries it out); the title says so,
    // and a second R does not start another.
    keys(&mut app, "R");
    let screen = dump(&draw(&app));
    assert!(screen.contains("refreshing feeds 0/3"), "{screen}");
    keys(&mut app, "R");
    assert!(
        app.status().unwrap().contains("already"),
        "{:?}",
        app.status()
    );
}

#[test]
fn the_readers_config_takes_the_feeds_table() {
    let c = Config::from_toml(
        "layout = \"stacked\"\n[feeds]\nrefresh_on_start = true\ntimeout = 5\n[feeds.intervals]\n\"http://127.0.0.1/a.xml\" = 10\n",
    )
    .expect("valid");
    assert!(c.feeds.refresh_on_start);
    assert_eq!(c.feeds.timeout, 5);
    assert_eq!(c.feeds.intervals.get("http://127.0.0.1/a.xml"), Some(&10));
    assert!(!Config::default().feeds.refresh_on_start, "off by default");
    for bad in ["[feeds]\ntimeout = 0", "[feeds]\nsoon = true"] {
        let e = Config::from_toml(bad).expect_err(bad).to_string();
        assert!(e.contains("feeds") && !e.contains('\n'), "{e}");
    }
}

#[test]
fn r_refreshes_in_the_background_while_the_list_stays_responsive() {
    let server = outlet_slowed(Duration::from_millis(400));
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    follow(&home, &server);

    let mut s = Session::duet_in(&home, 30, 130);
    s.wait_for("the library", |t| t.contains("Library ("));
    s.wait_for("the hint", |t| {
        t.contains("R brings in the stories of your 3 feeds")
    });
    s.pump(Duration::from_millis(500));
    assert!(server.seen().is_empty(), "no network before R");

    s.send(b"R");
    s.wait_for("the refresh's progress", |t| t.contains("refreshing feeds"));
    // Responsive meanwhile: the help opens and closes, the first entries come in.
    s.send(b"?");
    s.wait_for("the help", |t| t.contains("Keys ("));
    s.send(b"?");
    s.wait_for("the help closed", |t| !t.contains("Keys ("));
    assert!(
        s.screen().contains("refreshing feeds"),
        "still refreshing: {}",
        s.screen()
    );
    s.wait_for("the summary", |t| {
        t.contains("refreshed 3 feeds: 7 new articles; 1 failed")
    });
    s.wait_for("the pairs", |t| t.matches("KO+EN").count() >= 2);

    s.send(b"F");
    s.wait_for("the feed list", |t| t.contains("Feeds (3)"));
    let screen = s.screen();
    let gone = screen
        .lines()
        .find(|l| l.contains("Gone"))
        .unwrap_or_else(|| panic!("no row for the failing feed:\n{screen}"));
    assert!(gone.contains("404"), "{gone}");
    s.send(b"q");
    s.wait_for("the feed list closed", |t| !t.contains("Feeds (3)"));
    s.quit();
}
