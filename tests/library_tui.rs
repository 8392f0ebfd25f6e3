//! The reader on the library, headless: the list comes from the metadata (nothing parsed),
//! sort and filters, read marks, positions and bookmarks leave `update` as `Save` effects (here
//! carried out on a real library, as the runner's saver does), the bookmarks overlay opens an
//! article at the bookmarked pair.

mod support;

use support::app::{apply_saves, press_saving as press};

use duet::library::{Home, Library};
use duet::tui::action::Action;
use duet::tui::app::{App, update};
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{app_with_library, draw};
use duet::tui::state::disk::Save;
use duet::tui::state::overlay::Overlay;
use duet::tui::view::dump;

fn titles(app: &App) -> Vec<String> {
    app.entries()
        .iter()
        .map(|e| e.meta().map(|m| m.title.clone()).unwrap_or_default())
        .collect()
}

fn dates(app: &App) -> Vec<Option<String>> {
    app.entries()
        .iter()
        .map(|e| e.meta().and_then(|m| m.published.clone()))
        .collect()
}

#[test]
fn sort_filter_read_marks_positions_and_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let home = Home::at(dir.path().join("lib"));
    let (lib, _) = Library::open(home.clone()).unwrap();
    lib.import(&[support::articles()], &mut |_, _| {}).unwrap();

    let mut app = app_with_library(&lib, 120, 30, Config::default(), true).unwrap();
    assert_eq!(app.entries().len(), 5);
    assert!(
        !app.loading(),
        "listed from metadata: nothing left to parse"
    );
    assert!(dump(&draw(&app)).contains("Library (5)"));
    let newest = dates(&app);
    assert_eq!(newest[0].as_deref(), Some("2023-10-27"));

    // o: oldest first (undated still last).
    assert!(press(&mut app, "o").is_empty());
    let oldest = dates(&app);
    assert_eq!(oldest[0].as_deref(), Some("2023-08-20"));
    assert!(oldest[3].is_none() && oldest[4].is_none());
    assert!(app.status().unwrap().starts_with("sorted oldest first"));
    press(&mut app, "o o o"); // back to newest first
    assert_eq!(dates(&app), newest);

    // m marks the selected article read, and saves it.
    let first = titles(&app)[0].clone();
    let saves = press(&mut app, "m");
    assert!(
        matches!(saves.as_slice(), [Save::Read(_, true)]),
        "{saves:?}"
    );
    apply_saves(&lib, &saves);
    assert!(app.entries()[0].is_read());
    // u: unread only hides it; u again shows all.
    press(&mut app, "u");
    assert_eq!(app.entries().len(), 4);
    assert!(!titles(&app).contains(&first));
    press(&mut app, "u");
    assert_eq!(app.entries().len(), 5);
    // O: one outlet at a time, then all.
    press(&mut app, "O");
    assert_eq!(app.entries().len(), 1);
    assert_eq!(
        app.entries()[0].meta().unwrap().outlet.as_deref(),
        Some("뉴스핌")
    );
    press(&mut app, "O");
    assert_eq!(app.entries().len(), 5);

    // Open the bilingual article (the undated KO+EN one), move, bookmark with a note.
    let i = app
        .entries()
        .iter()
        .position(|e| {
            e.meta()
                .is_some_and(|m| m.badge == "KO+EN" && m.title.starts_with("미국"))
        })
        .unwrap();
    let mut keys = vec!["j"; i];
    keys.push("Enter");
    let saves = press(&mut app, &keys.join(" "));
    assert!(app.reader().is_some());
    assert!(saves.iter().any(|s| matches!(s, Save::Read(_, true))));
    apply_saves(&lib, &saves);
    let saves = press(&mut app, "j j j");
    let Some(Save::Position(article, at)) = saves.last().cloned() else {
        panic!("no position saved: {saves:?}");
    };
    assert_eq!(at, app.position().unwrap());
    apply_saves(&lib, &saves);
    assert!(press(&mut app, "b").is_empty());
    assert!(matches!(app.overlay(), Some(Overlay::Note(_))));
    assert!(dump(&draw(&app)).contains("Bookmark pair"));
    // Typed characters go into the note (j is text here, not a movement); Backspace deletes.
    assert!(press(&mut app, "j x Backspace").is_empty());
    let saves = press(&mut app, "o k Enter");
    assert!(app.overlay().is_none());
    let [Save::Bookmark(a, mark)] = saves.as_slice() else {
        panic!("{saves:?}");
    };
    assert_eq!(*a, article);
    assert_eq!(mark.note.as_deref(), Some("jok"));
    assert_eq!(mark.pair, at.passage);
    assert!(!mark.ko.is_empty() && !mark.en.is_empty());
    apply_saves(&lib, &saves);

    // A fresh start: the bookmark is listed; Enter opens the article at its pair.
    let mut app = app_with_library(&lib, 100, 40, Config::default(), true).unwrap();
    assert!(app.entries().iter().filter(|e| e.is_read()).count() == 2);
    press(&mut app, "B");
    assert!(matches!(app.overlay(), Some(Overlay::Bookmarks(c)) if c.selected == 0));
    let screen = dump(&draw(&app));
    assert!(
        screen.contains("Bookmarks (1)") && screen.contains("“jok”"),
        "{screen}"
    );
    press(&mut app, "Enter");
    assert!(app.overlay().is_none());
    assert_eq!(app.position().unwrap().passage, at.passage);
    // Reopening it from the list lands on the saved position too.
    press(&mut app, "q Enter");
    assert_eq!(app.position().unwrap(), at);
}

#[test]
fn paths_mode_bookmarks_import_the_file_into_the_library() {
    use duet::tui::state::disk::DiskEvent;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::at(dir.path().join("lib"));
    let mut app = duet::tui::run::headless::app_with(
        &[support::articles().join("004_8e658290ee760122.txt")],
        100,
        30,
        Config::default(),
        true,
    );
    // No library to keep bookmarks in (a headless run): nothing is written, and `b` says why.
    let saves = press(&mut app, "j b");
    assert!(saves.is_empty());
    assert!(app.overlay().is_none());
    assert!(
        app.status().unwrap().contains("DUET_HOME"),
        "{:?}",
        app.status()
    );
    duet::tui::run::headless::step(
        &mut app,
        Action::Disk(DiskEvent::FilesLibrary(home.clone())),
    );
    let at = app.position().unwrap();
    // The note's letters and spaces are typed into it, never read as commands.
    let saves = press(&mut app, "b j space G Enter");
    assert!(
        saves.is_empty(),
        "a file's bookmark is a job, not a save: {saves:?}"
    );
    assert_eq!(app.position().unwrap(), at, "the note's keys moved nothing");
    let status = app.status().unwrap_or_default();
    assert!(
        status.starts_with("bookmarked pair 2; imported 004_8e658290ee760122.txt into the library"),
        "{status}"
    );
    let (lib, _) = Library::open(home).unwrap();
    let marks = lib.bookmarks(None).unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!((marks[0].pair, marks[0].note.as_deref()), (1, Some("j G")));
    // A second bookmark finds the article in the library: nothing imported again.
    press(&mut app, "j b Enter");
    assert_eq!(app.status(), Some("bookmarked pair 3"));
    assert_eq!(lib.entries().unwrap().len(), 1);
    press(&mut app, "B");
    assert!(matches!(app.overlay(), Some(Overlay::Bookmarks(_))));
    assert!(dump(&draw(&app)).contains("Bookmarks (2)"));
}

#[test]
fn background_processing_picks_up_a_changed_file_with_progress() {
    use duet::tui::state::disk::DiskEvent;
    let dir = tempfile::tempdir().unwrap();
    let home = Home::at(dir.path().join("lib"));
    let (lib, _) = Library::open(home.clone()).unwrap();
    lib.import(&[support::articles()], &mut |_, _| {}).unwrap();
    let e2 = lib.entry(2).unwrap();
    let text = std::fs::read_to_string(&e2.file).unwrap();
    std::fs::write(&e2.file, format!("새로 고친 제목\n\n{text}")).unwrap();

    let mut app = app_with_library(&lib, 120, 30, Config::default(), true).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let _worker = duet::tui::work::disk_worker::spawn_background(home, tx);
    let mut progress = Vec::new();
    let mut updated = Vec::new();
    loop {
        let a = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the background worker reports");
        if let Action::Disk(DiskEvent::Progress(d, t)) = &a {
            progress.push((*d, *t));
        }
        if let Action::Disk(DiskEvent::Updated(v)) = &a {
            updated = v.iter().map(|e| e.id).collect();
        }
        let done = matches!(a, Action::Disk(DiskEvent::Updated(_)));
        let _ = update(&mut app, a);
        if done {
            break;
        }
    }
    assert_eq!(progress.last(), Some(&(1, 1)));
    assert!(app.disk().processing().is_none());
    assert_eq!(updated, vec![2], "just the changed article");
    assert!(lib.stale().unwrap().is_empty());
    let e2 = lib.entry(2).unwrap();
    assert!(!e2.stale);
    let shown = app
        .entries()
        .iter()
        .find(|e| e.path() == e2.file)
        .and_then(|e| e.meta())
        .unwrap();
    assert_eq!(Some(shown.title.as_str()), e2.title.as_deref());
}

#[test]
fn the_list_reads_only_the_rows_around_the_cursor_and_jumps_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = Library::open(Home::at(dir.path().join("lib"))).unwrap();
    lib.import(&[support::articles()], &mut |_, _| {}).unwrap();
    let seeds = lib.len().unwrap();
    // 600 more articles' metadata (dated one day apart, the oldest last), as an import writes it.
    lib.connection()
        .execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
             INSERT INTO articles (hash, file, size, mtime, added, title, published, outlet,
                 language, pipeline)
             SELECT 'h' || i, 'articles/g' || i || '.txt', 1, 0, 0, 'generated ' || i,
                 date('1990-01-01', '-' || i || ' days'), 'Outlet ' || (i % 3), 'en', ?1
             FROM n",
            [duet::library::PIPELINE],
        )
        .unwrap();
    let mut app = app_with_library(&lib, 100, 20, Config::default(), true).unwrap();
    assert!(
        app.entries().len() < 200,
        "{} in memory",
        app.entries().len()
    );
    let total = app.rows();
    assert!(total >= 600 + seeds / 2, "{total} rows");
    assert!(dump(&draw(&app)).contains(&format!("Library ({total})")));

    press(&mut app, "G");
    assert_eq!(app.selected(), total - 1);
    assert!(
        dump(&draw(&app)).contains("generated 600"),
        "{}",
        dump(&draw(&app))
    );
    assert!(app.entries().len() < 200);
    press(&mut app, "g");
    assert_eq!(app.selected(), 0);
    // Oldest first: the oldest generated article heads the list.
    press(&mut app, "o");
    let (first, _) = app.row(0).unwrap();
    assert_eq!(first.meta().unwrap().title, "generated 600");
    // By outlet: each outlet's articles together, newest first within one.
    press(&mut app, "o");
    let outlet = |app: &App, r: usize| app.row(r).unwrap().0.meta().unwrap().outlet.clone();
    let first = outlet(&app, 0);
    press(&mut app, "G");
    // (Articles without an outlet come last.)
    let last = outlet(&app, app.selected());
    assert!(last.is_none() || last >= first, "{last:?} after {first:?}");
}

#[test]
fn the_status_line_says_opening_only_while_an_article_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = Library::open(Home::at(dir.path().join("lib"))).unwrap();
    lib.import(&[support::articles()], &mut |_, _| {}).unwrap();
    for row in [0, 1] {
        let mut app = app_with_library(&lib, 120, 30, Config::default(), true).unwrap();
        press(&mut app, if row == 0 { "Enter" } else { "j Enter" });
        let screen = dump(&draw(&app));
        assert!(app.reader().is_some(), "row {row} opens:\n{screen}");
        assert!(!screen.contains("opening"), "row {row}:\n{screen}");
    }
}
