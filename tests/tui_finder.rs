//! The finder overlay through the real binary (`duet render --keys`): `/`, a choseong query,
//! Enter opens the article at the sentence, highlighted; Esc leaves the screen as it was.

mod support;

fn render(keys: &str) -> String {
    let seeds = support::articles().display().to_string();
    support::duet_render("100x24", keys, &[&seeds])
}

#[test]
fn choseong_then_enter_opens_the_sentence() {
    let list = render("/ ㅅ ㄹ ㅂ");
    assert!(list.contains("/ ㅅㄹㅂ"), "{list}");
    assert!(list.contains("[text]"), "{list}");
    assert!(list.contains("▶ ") && list.contains("설리번"), "{list}");
    let screen = render("/ ㅅ ㄹ ㅂ Enter");
    let first = screen.lines().next().unwrap_or("");
    assert!(first.contains("미국 중국 첫 고위 군사회담"), "{screen}");
    // Sentence mode marks the sentence found; it holds 설리번 (Korean) beside Sullivan.
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("│▌")).collect();
    assert!(!marked.is_empty(), "{screen}");
    assert!(marked.iter().any(|l| l.contains("설리번")), "{screen}");
    assert!(marked.iter().any(|l| l.contains("Sullivan")), "{screen}");
    // The first sentence naming 설리번, not a later one that starts with the name.
    assert!(
        marked[0].contains("미 백악관 설리번 안보보좌관이"),
        "{screen}"
    );
    assert!(
        marked.iter().any(|l| l.contains("Reuters reported")),
        "{screen}"
    );
}

#[test]
fn escape_restores_the_screen_exactly() {
    assert_eq!(render("j"), render("j / ㅅ ㄹ ㅂ Esc"));
    assert_eq!(render("Enter j"), render("Enter j / s u l Down Esc"));
    assert_eq!(render("Enter j"), render("Enter j C-p x Esc"));
}

#[test]
fn tab_and_prefix_switch_sources() {
    let s = render("/ Tab n e w s p i m");
    assert!(s.contains("[articles]") && s.contains("뉴스핌"), "{s}");
    let s = render("/ @ ㄱ ㅈ ㅇ");
    assert!(s.contains("[entities]") && s.contains("김정은"), "{s}");
    let s = render("/ x y z Backspace Backspace Backspace");
    assert!(s.contains("0/0"), "{s}");
}

#[test]
fn preview_shows_the_other_language() {
    // A Korean sentence: its English pair, through the aligner.
    let s = render("/ ㅅ ㄹ ㅂ");
    let preview = s.lines().find(|l| l.contains("⟷")).unwrap_or("");
    assert!(preview.contains("Reuters reported on the 29th"), "{s}");
    // An entity found by its English name: its Korean name.
    let s = render("/ @ s u l l i v a n");
    let preview = s.lines().find(|l| l.contains("⟷")).unwrap_or("");
    assert!(preview.contains("설리번"), "{s}");
}

/// The overlay searches on a job: a keystroke asks for a search (a new generation), a result
/// that arrives after a newer query was typed is dropped, and the results show when they come.
#[test]
fn search_runs_as_a_job_and_stale_results_are_dropped() {
    use duet::tui::action::Action;
    use duet::tui::app::update;
    use duet::tui::keys::config::Config;
    use duet::tui::run::headless::{self, draw, parse_keys, step};
    use duet::tui::view::dump;
    use duet::tui::work::cancel::Cancel;
    use duet::tui::work::effects::Command as Fx;
    use duet::tui::work::job::JobDone;

    let seeds = support::articles();
    let mut app = headless::app_with(&[seeds], 100, 24, Config::default(), true);
    let keys = parse_keys("/ ㅅ ㄹ").expect("keys");
    // `/` builds the library (a job, run at once here).
    step(&mut app, Action::Key(keys[0]));
    let mut started = Vec::new();
    for k in &keys[1..] {
        let fx = update(&mut app, Action::Key(*k));
        for c in fx.commands {
            if let Fx::Start { generation, job } = c {
                started.push((generation, job));
            }
        }
    }
    assert_eq!(started.len(), 2, "one search per keystroke");
    let before = dump(&draw(&app));
    assert!(
        before.contains("0/0"),
        "no results until they arrive: {before}"
    );
    // The newer answer first, then the stale one: the stale one changes nothing.
    let (g2, j2) = started.pop().expect("second");
    let (g1, j1) = started.pop().expect("first");
    assert!(g2 > g1);
    for (generation, job) in [(g2, j2), (g1, j1)] {
        let kind = job.kind();
        let output = job.run(&Cancel::default());
        step(
            &mut app,
            Action::JobDone(Box::new(JobDone {
                kind,
                generation,
                output,
            })),
        );
    }
    assert_eq!(dump(&draw(&app)), render("/ ㅅ ㄹ"));
}

/// In a library the finder searches every article, from the library's cache: `/` builds its
/// corpus on a worker (run at once here), Enter opens the hit's article at the sentence.
#[test]
fn the_library_is_searched_and_a_hit_opens() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = support::duet_in(
        home.path(),
        &["import", support::articles().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", support::text(&out.stderr));
    let render = |keys: &str| {
        support::ok_stdout(&support::duet_in(
            home.path(),
            &["render", "--library", "--size", "100x24", "--keys", keys],
        ))
    };
    let list = render("/ ㅅ ㄹ ㅂ");
    assert!(list.contains("[text]") && list.contains("설리번"), "{list}");
    assert!(!list.contains("0/0"), "{list}");
    let screen = render("/ ㅅ ㄹ ㅂ Enter");
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("│▌")).collect();
    assert!(marked.iter().any(|l| l.contains("설리번")), "{screen}");
    let s = render("/ @ ㄱ ㅈ ㅇ");
    assert!(s.contains("[entities]") && s.contains("김정은"), "{s}");
}

/// Articles that arrive in the library (a feed refresh, an import) are added to the finder's
/// corpus: the job extends the one built, with only the new articles, and they are found.
#[test]
fn articles_that_arrive_extend_the_library_corpus() {
    use duet::library::{Home, Library};
    use duet::tui::action::Action;
    use duet::tui::app::update;
    use duet::tui::keys::config::Config;
    use duet::tui::run::headless::{self, draw, parse_keys, step};
    use duet::tui::state::disk::DiskEvent;
    use duet::tui::view::dump;
    use duet::tui::work::effects::Command as Fx;
    use duet::tui::work::job::Job;

    let dir = tempfile::tempdir().expect("temp dir");
    let (first, later) = (dir.path().join("first"), dir.path().join("later"));
    std::fs::create_dir_all(&first).unwrap();
    std::fs::create_dir_all(&later).unwrap();
    for s in support::SEEDS {
        let to = if s == support::SEED_004 {
            &later
        } else {
            &first
        };
        std::fs::copy(support::seed(s), to.join(s)).unwrap();
    }
    let home = dir.path().join("lib");
    let import = |from: &std::path::Path| {
        let out = support::duet_in(&home, &["import", from.to_str().unwrap()]);
        assert!(out.status.success(), "{}", support::text(&out.stderr));
    };
    import(&first);
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    let mut app = headless::app_with_library(&lib, 100, 24, Config::default(), true).unwrap();
    let type_ = |app: &mut duet::tui::app::App, keys: &str| {
        for k in parse_keys(keys).expect("keys") {
            step(app, Action::Key(k));
        }
    };
    type_(&mut app, "/ 설 리 번");
    assert!(dump(&draw(&app)).contains("0/0"), "{}", dump(&draw(&app)));
    // 004 (설리번) arrives (as a feed refresh reports it).
    let before: Vec<_> = lib.entries().unwrap().into_iter().map(|e| e.id).collect();
    import(&later);
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    let new: Vec<_> = (lib.entries().unwrap().into_iter())
        .filter(|e| !before.contains(&e.id))
        .collect();
    assert_eq!(new.len(), 1);
    let new_id = new[0].id;
    let fx = update(&mut app, Action::Disk(DiskEvent::More(new)));
    let extend = fx.commands.into_iter().find_map(|c| match c {
        Fx::Start {
            generation,
            job: job @ Job::FinderLibrary { .. },
        } => Some((generation, job)),
        _ => None,
    });
    let (generation, job) = extend.expect("the corpus is extended");
    let Job::FinderLibrary { base, ids, .. } = &job else {
        unreachable!()
    };
    assert!(base.is_some(), "extended, not built again");
    assert_eq!(ids.as_deref(), Some(&[new_id][..]));
    let kind = job.kind();
    let output = job.run(&duet::tui::work::cancel::Cancel::default());
    step(
        &mut app,
        Action::JobDone(Box::new(duet::tui::work::job::JobDone {
            kind,
            generation,
            output,
        })),
    );
    let s = dump(&draw(&app));
    assert!(s.contains("설리번") && !s.contains("0/0"), "{s}");
}

/// The library's corpus holds every article whatever rows the list has read: with 600 newer
/// articles listed above the seeds, the first tick (after the first frame) reads it, a hit in
/// an article far below the rows read opens it at its sentence, and an article it holds that
/// is processed again has it read again.
#[test]
fn a_hit_opens_an_article_whose_row_is_not_read() {
    use duet::library::{Home, Library};
    use duet::tui::action::Action;
    use duet::tui::app::update;
    use duet::tui::keys::config::Config;
    use duet::tui::run::headless::{self, draw, parse_keys, step};
    use duet::tui::state::disk::DiskEvent;
    use duet::tui::view::dump;
    use duet::tui::work::effects::Command as Fx;
    use duet::tui::work::job::Job;

    let dir = tempfile::tempdir().expect("temp dir");
    let (lib, _) = Library::open(Home::at(dir.path().join("lib"))).unwrap();
    lib.import(&[support::articles()], &mut |_, _| {}).unwrap();
    // 600 articles' metadata, newer than the seeds (their files are not there: not found).
    lib.connection()
        .execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
             INSERT INTO articles (hash, file, size, mtime, added, title, published, outlet,
                 language, pipeline)
             SELECT 'h' || i, 'articles/g' || i || '.txt', 1, 0, 0, 'generated ' || i,
                 date('2100-01-01', '+' || i || ' days'), 'Outlet', 'en', ?1
             FROM n",
            [duet::library::PIPELINE],
        )
        .unwrap();
    let mut app = headless::app_with_library(&lib, 100, 24, Config::default(), true).unwrap();
    let fx = update(&mut app, Action::Tick);
    let job = fx.commands.into_iter().find_map(|c| match c {
        Fx::Start {
            generation,
            job: job @ Job::FinderLibrary { .. },
        } => Some((generation, job)),
        _ => None,
    });
    let (generation, job) = job.expect("the first tick reads the corpus");
    let run = |app: &mut duet::tui::app::App, generation, job: Job| {
        let kind = job.kind();
        let output = job.run(&duet::tui::work::cancel::Cancel::default());
        let done = duet::tui::work::job::JobDone {
            kind,
            generation,
            output,
        };
        step(app, Action::JobDone(Box::new(done)));
    };
    // Opened meanwhile, the finder says it is not ready.
    step(&mut app, Action::Key(parse_keys("/").expect("keys")[0]));
    let s = dump(&draw(&app));
    assert!(s.contains("indexing…"), "{s}");
    run(&mut app, generation, job);
    let fx = update(&mut app, Action::Tick);
    assert!(fx.commands.is_empty(), "read once");
    assert!(
        app.entries().len() < 200,
        "{} rows read",
        app.entries().len()
    );
    for k in parse_keys("ㅅ ㄹ ㅂ").expect("keys") {
        step(&mut app, Action::Key(k));
    }
    let s = dump(&draw(&app));
    assert!(s.contains("설리번") && !s.contains("0/0"), "{s}");
    for k in parse_keys("Enter").expect("keys") {
        step(&mut app, Action::Key(k));
    }
    let screen = dump(&draw(&app));
    assert!(app.selected() >= 600, "row {}", app.selected());
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("│▌")).collect();
    assert!(marked.iter().any(|l| l.contains("설리번")), "{screen}");

    // An article it holds, processed again: the corpus is read again, not extended.
    let seed = lib
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| e.error.is_none());
    let fx = update(
        &mut app,
        Action::Disk(DiskEvent::Updated(vec![seed.expect("a seed")])),
    );
    let again = fx.commands.iter().any(|c| {
        matches!(
            c,
            Fx::Start {
                job: Job::FinderLibrary {
                    base: None,
                    ids: None,
                    ..
                },
                ..
            }
        )
    });
    assert!(again, "read again");
}
