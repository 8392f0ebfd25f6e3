//! The loop's shape: keys looked up by mode, overlays, effects and jobs, positions that survive
//! re-wrapping, keys and hints from the keymap, standard input as a path.

mod support;

use std::path::PathBuf;
use std::process::{Command as Process, Stdio};

use duet::tui::action::Action;
use duet::tui::app::{App, Pane, update};
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{self, step};
use duet::tui::state::doc::Doc;
use duet::tui::state::doc_cache::DOC_CACHE;
use duet::tui::state::layout::{Layout, Side};
use duet::tui::state::library_list::EntryId;
use duet::tui::state::overlay::Overlay;
use duet::tui::work::cancel::Cancel;
use duet::tui::work::effects::Command;
use duet::tui::work::job::JobDone;
use duet::tui::work::worker::Worker;
use support::app::*;

fn status_line(app: &App) -> String {
    screen(app).lines().last().unwrap_or_default().to_string()
}

/// A library of `n` copies of the fixture article, each with a path of its own.
fn library_of(n: usize) -> App {
    let docs = (0..n)
        .map(|i| {
            let (mut a, b) = article_and_bitext();
            a.path = format!("fixture/{i:02}.txt");
            Doc::build(a, &b)
        })
        .collect();
    app_with_docs(docs, 120, 30, true)
}

#[test]
fn one_key_does_different_things_in_the_library_the_reader_and_help() {
    let mut app = library_of(3);
    // In the reader, `q` goes back to the library; in help it closes the help; in the library
    // it quits.
    keys(&mut app, "Enter ?");
    assert!(matches!(app.overlay(), Some(Overlay::Help(_))));
    keys(&mut app, "q");
    assert_eq!(app.overlay(), None);
    assert_eq!(app.pane(), Pane::Reader);
    // `s` is sentence mode in the reader, nothing in help.
    keys(&mut app, "? s");
    assert_eq!(app.position().and_then(|p| p.sentence), None);
    keys(&mut app, "Esc s");
    assert_eq!(app.position().and_then(|p| p.sentence), Some(0));
    keys(&mut app, "q");
    assert_eq!(app.pane(), Pane::Library);
    assert!(app.reader().is_none() && !app.is_quitting());
    keys(&mut app, "s");
    assert!(app.reader().is_none());
    keys(&mut app, "q");
    assert!(app.is_quitting());
}

#[test]
fn per_mode_config_binds_one_key_to_two_actions() {
    let config = Config::from_toml(
        "[keys.library]\nopen = [\"o\"]\n[keys.reader]\nsentence_mode = [\"o\"]\n",
    )
    .expect("valid");
    let (a, b) = article_and_bitext();
    let (mut a2, b2) = article_and_bitext();
    a2.path = "fixture/second.txt".into();
    let theme = duet::tui::theme::Theme::new(&config.colors, config.ambiguous, true);
    let mut app = App::new(config, theme, 120, 30);
    step(
        &mut app,
        Action::Discovered(vec![a.path.clone().into(), a2.path.clone().into()]),
    );
    for (art, bi) in [(a, b), (a2, b2)] {
        let id = EntryId::for_path(art.path.as_ref());
        step(
            &mut app,
            Action::Loaded(id, Box::new(Ok(Doc::build(art, &bi)))),
        );
    }
    keys(&mut app, "o");
    assert_eq!(app.pane(), Pane::Reader, "o opens in the library");
    keys(&mut app, "o");
    assert_eq!(
        app.position().and_then(|p| p.sentence),
        Some(0),
        "o is sentence mode in the reader"
    );
    assert!(status_line(&app).contains("o pairs") || status_line(&app).contains("sentence mode"));
}

#[test]
fn help_rebound_to_h_shows_h_in_the_hints_and_the_help_title() {
    let config = Config::from_toml("[keys]\nhelp = [\"h\"]\n").expect("valid");
    let (a, b) = article_and_bitext();
    let theme = duet::tui::theme::Theme::new(&config.colors, config.ambiguous, true);
    let mut app = App::new(config, theme, 100, 24);
    step(&mut app, Action::Discovered(vec![a.path.clone().into()]));
    let id = EntryId::for_path(a.path.as_ref());
    step(
        &mut app,
        Action::Loaded(id, Box::new(Ok(Doc::build(a, &b)))),
    );
    let hints = status_line(&app);
    assert!(
        hints.contains("h help") && !hints.contains("? help"),
        "{hints}"
    );
    keys(&mut app, "?");
    assert_eq!(app.overlay(), None, "? no longer opens the help");
    keys(&mut app, "h");
    assert!(matches!(app.overlay(), Some(Overlay::Help(_))));
    let s = screen(&app);
    assert!(s.contains("Keys (h or Esc to close)"), "{s}");
    keys(&mut app, "h");
    assert_eq!(app.overlay(), None);
}

/// A folder of copies of seed 004, more than the document cache holds.
fn big_library() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut paths = Vec::new();
    for i in 0..DOC_CACHE + 2 {
        let p = dir.path().join(format!("a{i:02}.txt"));
        std::fs::copy(seed(SEED_004), &p).expect("copy");
        paths.push(p);
    }
    (dir, paths)
}

#[test]
fn a_stale_job_result_is_dropped() {
    let (dir, paths) = big_library();
    let mut app = headless::app_with(
        &[dir.path().to_path_buf()],
        120,
        30,
        Config::default(),
        true,
    );
    // The first entries were evicted from the document cache: opening one starts a job.
    let start = |fx: duet::tui::work::effects::Effects| {
        fx.commands
            .into_iter()
            .find_map(|c| match c {
                Command::Start { generation, job } => Some((generation, job)),
                _ => None,
            })
            .expect("a job")
    };
    let enter = Action::Key(duet::tui::keys::key::Key::parse("enter").expect("key"));
    let (g1, job1) = start(update(&mut app, enter.clone()));
    // Before it is done, the user opens another one: a newer generation.
    keys(&mut app, "j");
    let (g2, job2) = start(update(&mut app, enter));
    assert!(g2 > g1);
    let done = |generation, job: duet::tui::work::job::Job| {
        let kind = job.kind();
        Action::JobDone(Box::new(JobDone {
            kind,
            generation,
            output: job.run(&Cancel::default()),
        }))
    };
    step(&mut app, done(g1, job1));
    assert!(app.reader().is_none(), "the older job's result was dropped");
    step(&mut app, done(g2, job2));
    assert_eq!(
        app.reader().map(|r| r.entry()),
        Some(EntryId::for_path(&paths[1]))
    );
}

#[test]
fn a_current_job_opens_the_article() {
    let (dir, paths) = big_library();
    // Headless, a job runs at once and its result is applied.
    let mut app = headless::app_with(
        &[dir.path().to_path_buf()],
        120,
        30,
        Config::default(),
        true,
    );
    keys(&mut app, "Enter");
    assert_eq!(app.pane(), Pane::Reader);
    assert_eq!(
        app.reader().map(|r| r.entry()),
        Some(EntryId::for_path(&paths[0]))
    );
}

#[test]
fn a_worker_panic_shows_in_the_status_bar_and_the_app_keeps_running() {
    let mut app = fixture_app(100, 24);
    let (tx, rx) = std::sync::mpsc::channel();
    let _worker = Worker::spawn("test", tx, |_, _| panic!("deliberate worker panic"));
    let action = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the failure is reported");
    assert!(matches!(action, Action::WorkerFailed(_)), "{action:?}");
    step(&mut app, action);
    let line = status_line(&app);
    assert!(
        line.contains("test: internal error: deliberate worker panic"),
        "{line}"
    );
    keys(&mut app, "j");
    assert_eq!(app.position().map(|p| p.passage), Some(1));
    assert!(!app.is_quitting());
}

#[test]
fn the_position_survives_a_resize_and_a_layout_change() {
    let mut app = headless::app_with(&[seed(SEED_004)], 200, 50, Config::default(), true);
    keys(&mut app, "s j j j j j j j");
    let at = app.position().expect("open");
    assert!(at.sentence.is_some() && at.passage > 0, "{at:?}");
    let in_view = |app: &App| {
        let r = app.reader().expect("reader");
        let row = r.sentence_row().expect("the sentence has a row");
        row >= r.scroll() && row < r.scroll() + app.geom().page()
    };
    assert!(in_view(&app));
    step(&mut app, Action::Resize(80, 24));
    assert_eq!(app.position(), Some(at));
    assert!(in_view(&app));
    keys(&mut app, "v");
    assert_ne!(app.geom().layout, Some(Layout::Stacked));
    assert_eq!(app.position(), Some(at));
    assert!(in_view(&app));
    keys(&mut app, "v v x");
    step(&mut app, Action::Resize(200, 50));
    assert_eq!(app.position(), Some(at));
    assert!(in_view(&app));
}

#[test]
fn sentence_offsets_come_from_the_aligner_and_map_to_rows() {
    for name in [SEED_004, "003_e153fa2be147832b.txt"] {
        let article = duet::parse_file(&seed(name)).expect("parse");
        let bitext = duet::align::align_article(&article);
        let doc = Doc::build(article, &bitext);
        let mut checked = 0;
        let pairs = bitext.order.iter().filter_map(|s| match s {
            duet::model::Segment::Pair(i) => bitext.pairs.get(*i),
            duet::model::Segment::Unpaired(_) => None,
        });
        let passages = doc
            .passages
            .iter()
            .filter(|p| p.ko.is_some() && p.en.is_some());
        for (pair, passage) in pairs.zip(passages) {
            let beads: Vec<_> = pair.beads.iter().map(|&b| &bitext.beads[b]).collect();
            assert_eq!(
                beads.len(),
                passage.beads.len(),
                "every bead located in {name}"
            );
            for (bead, (ko, en)) in beads.iter().zip(&passage.beads) {
                let ko_text = passage.ko.as_deref().unwrap_or_default();
                let en_text = passage.en.as_deref().unwrap_or_default();
                let want_ko: Vec<&str> = bead
                    .0
                    .iter()
                    .map(|&s| bitext.ko_sentences[s].text.as_str())
                    .collect();
                let want_en: Vec<&str> = bead
                    .1
                    .iter()
                    .map(|&s| bitext.en_sentences[s].text.as_str())
                    .collect();
                let got_ko: Vec<&str> = ko.iter().map(|r| &ko_text[r.clone()]).collect();
                let got_en: Vec<&str> = en.iter().map(|r| &en_text[r.clone()]).collect();
                assert_eq!(got_ko, want_ko);
                assert_eq!(got_en, want_en);
                checked += 1;
            }
        }
        assert!(checked >= 10, "{name}: {checked} beads");
    }
    // Rows: in every layout, a sentence's row is inside its passage and shows its first byte.
    let mut app = headless::app_with(&[seed(SEED_004)], 100, 30, Config::default(), true);
    for _ in 0..4 {
        let r = app.reader().expect("reader");
        let w = r.wrapped().expect("wrapped");
        for (i, p) in r.doc().passages.iter().enumerate() {
            for (ko, en) in &p.beads {
                for (side, ranges) in [(Side::Ko, ko), (Side::En, en)] {
                    let Some(range) = ranges.first() else {
                        continue;
                    };
                    let Some(row) = w.row_of(i, side, range.start) else {
                        continue;
                    };
                    let rows = &w.passages[i];
                    assert!(row >= rows.top && row < rows.top + rows.height);
                    let k = row - rows.top - rows.side_start(side, &w.columns).expect("shown");
                    let wrapped = &rows.rows(side)[k];
                    assert!(wrapped.start <= range.start && range.start <= wrapped.end);
                }
            }
        }
        keys(&mut app, "v");
    }
}

fn duet() -> Process {
    support::command()
}

#[test]
fn a_dash_reads_the_article_from_standard_input() {
    let path = seed(SEED_004);
    let from_file = duet()
        .args(["parse", "--json"])
        .arg(&path)
        .output()
        .expect("run");
    let mut child = duet()
        .args(["parse", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run");
    let bytes = std::fs::read(&path).expect("seed");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&bytes).expect("write");
    }
    let from_stdin = child.wait_with_output().expect("wait");
    assert!(from_stdin.status.success());
    let a: serde_json::Value = serde_json::from_slice(&from_file.stdout).expect("json");
    let mut b: serde_json::Value = serde_json::from_slice(&from_stdin.stdout).expect("json");
    assert_eq!(b[0]["path"], "-");
    b[0]["path"] = a[0]["path"].clone();
    assert_eq!(a, b);
    // The headless reader too.
    let shot = duet()
        .args(["render", "--size", "100x20", "-"])
        .stdin(std::fs::File::open(&path).expect("open"))
        .output()
        .expect("run");
    assert!(shot.status.success());
    assert!(String::from_utf8_lossy(&shot.stdout).contains("pair 1/"));
    // Empty input: one line, exit 2.
    let empty = duet()
        .args(["parse", "-"])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(empty.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&empty.stderr).trim(),
        "duet: -: empty file"
    );
}

#[test]
fn help_scrolls_when_the_keys_outgrow_a_small_screen() {
    let mut app = fixture_app(80, 24);
    keys(&mut app, "?");
    let first = screen(&app);
    assert!(first.contains("more (j)"), "{first}");
    // The last key row is out of sight until the user scrolls to it.
    assert!(!first.contains("this help"), "{first}");
    keys(&mut app, "PageDown PageDown PageDown");
    let last = screen(&app);
    assert!(last.contains("this help"), "{last}");
    assert!(last.contains("↑ more (k)"), "{last}");
    // Closing and reopening starts from the top again.
    keys(&mut app, "Esc ?");
    assert!(matches!(app.overlay(), Some(Overlay::Help(top)) if top.selected == 0));
}
