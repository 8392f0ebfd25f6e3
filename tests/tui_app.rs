//! The app driven by actions, headless: movement, layouts, alignment of pair tops, sizes, mouse,
//! hygiene of what reaches the screen, NO_COLOR, config errors.

mod support;

use duet::model::{Article, Bitext, Block, BlockKind, Format, Lang, Language};
use duet::tui::action::{Action, MouseAction};
use duet::tui::app::Pane;
use duet::tui::keys::config::Config;
use duet::tui::run::headless;
use duet::tui::run::headless::step;
use duet::tui::state::doc::Doc;
use duet::tui::state::layout::Layout;
use ratatui::buffer::CellWidth;
use ratatui::style::Color;
use support::app::*;

#[test]
fn pair_tops_start_on_the_same_row_on_both_sides() {
    let app = fixture_app(100, 24);
    assert_eq!(app.geom().layout, Some(Layout::SideBySide));
    let r = app
        .reader()
        .expect("one article opens straight into the reader");
    let w = r.wrapped().expect("wrapped");
    let buf = headless::draw(&app);
    // Each pair: the first row of both columns holds the first words of each side.
    for (i, seg) in w.passages.iter().enumerate().take(3) {
        let y = app.geom().text.y + (seg.top - r.scroll()) as u16;
        let cell_text = |x0: u16, x1: u16| {
            let mut s = String::new();
            let mut x = x0;
            while x < x1 {
                let c = &buf[(x, y)];
                s.push_str(c.symbol());
                x += c.cell_width().max(1);
            }
            s
        };
        let left = cell_text(app.geom().left_x, app.geom().left_x + app.geom().left_w);
        let right = cell_text(app.geom().right_x, app.geom().right_x + app.geom().right_w);
        let ko_first = KO[i].split(' ').next().unwrap_or_default();
        let en_first = EN[i].split(' ').next().unwrap_or_default();
        assert!(
            left.trim_start().starts_with(ko_first),
            "pair {i}: left {left:?}"
        );
        assert!(
            right.trim_start().starts_with(en_first),
            "pair {i}: right {right:?}"
        );
    }
    // And the padding is real: the rule after a pair sits below the longer side.
    let screen = screen(&app);
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[4].contains('┼'), "{}", lines[4]);
}

#[test]
fn j_moves_the_focus_to_the_next_pair_in_both_columns() {
    let mut app = fixture_app(100, 24);
    let before = screen(&app);
    keys(&mut app, "j");
    assert_eq!(app.reader().map(|r| r.position().passage), Some(1));
    let after = screen(&app);
    // The focus gutter moved from the title pair's rows to the next pair's rows.
    let marked = |s: &str| {
        s.lines()
            .enumerate()
            .filter(|(_, l)| l.chars().nth(1) == Some('▌'))
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
    };
    assert_eq!(marked(&before), vec![1, 2, 3]);
    assert_eq!(marked(&after), vec![5, 6, 7, 8, 9]);
    keys(&mut app, "k");
    assert_eq!(app.reader().map(|r| r.position().passage), Some(0));
}

#[test]
fn layout_key_cycles_four_layouts() {
    let mut app = fixture_app(120, 30);
    let mut seen = vec![app.geom().layout];
    for _ in 0..4 {
        keys(&mut app, "v");
        seen.push(app.geom().layout);
    }
    assert_eq!(
        seen,
        vec![
            Some(Layout::SideBySide),
            Some(Layout::Stacked),
            Some(Layout::Korean),
            Some(Layout::English),
            Some(Layout::SideBySide)
        ]
    );
    keys(&mut app, "v v");
    let s = screen(&app);
    assert!(s.contains("미중이") && !s.contains("As the US"), "{s}");
}

#[test]
fn narrow_screen_chooses_stacked() {
    let app = fixture_app(80, 24);
    assert_eq!(app.geom().layout, Some(Layout::Stacked));
    let app = headless::app_with(&[seed(SEED_004)], 80, 24, Config::default(), true);
    assert_eq!(app.geom().layout, Some(Layout::Stacked));
}

#[test]
fn sentence_mode_walks_beads_then_pairs() {
    let mut app = fixture_app(100, 24);
    keys(&mut app, "s");
    let at = |app: &duet::tui::App| {
        app.reader()
            .as_ref()
            .map(|r| (r.position().passage, r.position().sentence))
            .unwrap_or_default()
    };
    assert_eq!(at(&app), (0, Some(0)));
    keys(&mut app, "j j");
    assert_eq!(at(&app), (2, Some(0)));
    keys(&mut app, "j");
    assert_eq!(at(&app), (2, Some(1)));
    // The bead's sentences are located in both sides' text.
    let (_, doc) = app.open_doc().expect("open");
    let (ko, en) = &doc.passages[2].beads[1];
    let ko_text = doc.passages[2].ko.as_deref().unwrap_or_default();
    let en_text = doc.passages[2].en.as_deref().unwrap_or_default();
    assert!(ko_text[ko[0].clone()].starts_with("로이터는"));
    assert!(en_text[en[0].clone()].starts_with("In another"));
    keys(&mut app, "k");
    assert_eq!(at(&app), (2, Some(0)));
    keys(&mut app, "k");
    assert_eq!(at(&app), (1, Some(0)));
}

#[test]
fn movement_keys_keep_focus_in_view() {
    let mut app = headless::app_with(&[seed(SEED_004)], 80, 24, Config::default(), true);
    let page = app.geom().page();
    for k in [
        "G", "g", "C-d", "C-d", "C-u", "PgDn", "PgUp", "j", "k", "End", "Home",
    ] {
        keys(&mut app, k);
        let r = app.reader().expect("reader");
        let w = r.wrapped().expect("wrapped");
        let seg = &w.passages[r.position().passage];
        assert!(
            seg.top + seg.height > r.scroll() && seg.top < r.scroll() + page,
            "after {k}: focus {} at {}..{} not in {}..{}",
            r.position().passage,
            seg.top,
            seg.top + seg.height,
            r.scroll(),
            r.scroll() + page
        );
    }
    keys(&mut app, "G");
    let r = app.reader().expect("reader");
    let w = r.wrapped().expect("wrapped");
    assert_eq!(r.scroll(), w.total.saturating_sub(page));
}

#[test]
fn resize_rewraps_and_keeps_the_focused_pair_in_view() {
    let mut app = headless::app_with(&[seed(SEED_004)], 160, 45, Config::default(), true);
    keys(&mut app, "j j j j j j j j j j");
    let focus = app.reader().map(|r| r.position().passage);
    for (w, h) in [(80, 24), (41, 12), (200, 50), (40, 12), (120, 40)] {
        step(&mut app, Action::Resize(w, h));
        let r = app.reader().expect("reader");
        assert_eq!(Some(r.position().passage), focus);
        let wr = r.wrapped().expect("wrapped");
        let seg = &wr.passages[r.position().passage];
        assert!(
            seg.top >= r.scroll() && seg.top < r.scroll() + app.geom().page(),
            "{w}x{h}"
        );
    }
}

#[test]
fn no_panic_at_any_size_and_a_message_below_40x12() {
    let (a, b) = article_and_bitext();
    for w in (1..=130).step_by(3).chain([39, 40, 41, 79, 80]) {
        for h in (1..=45).step_by(4).chain([11, 12]) {
            let mut app = app_with_docs(vec![Doc::build(a.clone(), &b)], w, h, false);
            keys(&mut app, "j s j v < < < < < < < > x ? Esc G g C-d Tab");
            let s = screen(&app);
            if w < 40 || h < 12 {
                assert!(s.contains("duet needs") || w < 20 || h < 1, "{w}x{h}: {s}");
            }
            for line in s.lines() {
                assert!(duet::text::str_width(line, Default::default()) <= usize::from(w));
            }
        }
    }
}

#[test]
fn browser_tab_enter_back() {
    let mut app = headless::app_with(&[articles()], 160, 45, Config::default(), true);
    assert_eq!(app.entries().len(), 5);
    assert!(app.reader().is_none());
    keys(&mut app, "j Enter");
    assert_eq!(app.reader().map(|r| r.entry()), Some(app.entries()[1].id()));
    assert_eq!(app.pane(), Pane::Reader);
    assert!(app.entries()[1].is_read() && !app.entries()[0].is_read());
    keys(&mut app, "Tab");
    assert_eq!(app.pane(), Pane::Library);
    keys(&mut app, "Tab q");
    assert!(app.reader().is_none() && !app.is_quitting());
    keys(&mut app, "q");
    assert!(app.is_quitting());
}

#[test]
fn mouse_clicks_and_wheel() {
    let mut app = headless::app_with(&[articles()], 160, 45, Config::default(), true);
    let list = app.geom().library_list;
    // Wide list: one line per entry. Click the fifth entry: selected; click again: opened.
    let click = |column, row| Action::Mouse(MouseAction::Click { column, row });
    step(&mut app, click(list.x + 3, list.y + 4));
    assert_eq!(app.selected(), 4);
    step(&mut app, click(list.x + 3, list.y + 4));
    assert_eq!(app.reader().map(|r| r.entry()), Some(app.entries()[4].id()));
    let text = app.geom().text;
    step(
        &mut app,
        Action::Mouse(MouseAction::ScrollDown {
            column: text.x + 5,
            row: text.y + 1,
        }),
    );
    assert_eq!(app.reader().map(|r| r.scroll()), Some(3));
    // A click on a pair focuses it.
    step(&mut app, click(text.x + 5, text.y + 10));
    let r = app.reader().expect("reader");
    let w = r.wrapped().expect("wrapped");
    assert_eq!(w.passage_at(r.scroll() + 10), Some(r.position().passage));
    // The wheel over the library moves its selection.
    let list = app.geom().library_list;
    step(
        &mut app,
        Action::Mouse(MouseAction::ScrollDown {
            column: list.x + 1,
            row: list.y + 1,
        }),
    );
    assert_eq!(app.selected(), 4);
    step(
        &mut app,
        Action::Mouse(MouseAction::ScrollUp {
            column: list.x + 1,
            row: list.y + 1,
        }),
    );
    assert_eq!(app.selected(), 3);
}

fn hostile_article() -> (Article, Bitext) {
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31m빨강\u{9b}31m red\u{0}\u{8}";
    let block = |lang, text: &str| Block {
        kind: BlockKind::Paragraph,
        lang,
        text: text.to_string(),
    };
    let article = Article {
        path: "evil\u{1b}[31m.txt".into(),
        format: Format::Text,
        encoding: "UTF-8".into(),
        title: Some(format!("제목 {evil}")),
        title_en: Some(format!("Title {evil}")),
        published: Some("2024\u{1b}[1m-01-01".into()),
        outlet: Some(format!("outlet{evil}")),
        language: Language::KoEn,
        blocks: vec![
            block(Lang::Ko, &format!("본문 {evil}")),
            block(Lang::En, &format!("Body {evil}")),
        ],
        ..Default::default()
    };
    let bitext = duet::align::align_article(&article);
    (article, bitext)
}

#[test]
fn no_escape_sequence_reaches_the_screen() {
    let (a, b) = hostile_article();
    let (a2, b2) = article_and_bitext();
    let mut app = app_with_docs(vec![Doc::build(a, &b), Doc::build(a2, &b2)], 120, 30, false);
    for k in ["", "Enter", "v", "Tab"] {
        keys(&mut app, k);
        let buf = headless::draw(&app);
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(|c| c.is_control()),
                "control char in {:?} after {k}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn no_color_means_no_colour() {
    let (a, b) = article_and_bitext();
    let plain = app_with_docs(vec![Doc::build(a.clone(), &b)], 100, 24, true);
    let buf = headless::draw(&plain);
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let coloured = app_with_docs(vec![Doc::build(a, &b)], 100, 24, false);
    let buf = headless::draw(&coloured);
    assert!(
        buf.content()
            .iter()
            .any(|c| c.fg != Color::Reset || c.bg != Color::Reset)
    );
}

#[test]
fn bad_config_is_one_status_line_and_defaults() {
    let err = Config::from_toml("[keys]\nfly = [\"f\"]").expect_err("unknown action");
    let mut app = fixture_app(100, 24);
    step(
        &mut app,
        Action::ConfigError(format!("config.toml: {err} (using defaults)")),
    );
    let s = screen(&app);
    let last = s.lines().last().unwrap_or_default();
    assert!(last.contains("unknown action \"fly\""), "{last}");
    keys(&mut app, "j");
    assert_eq!(app.reader().map(|r| r.position().passage), Some(1));
}

#[test]
fn wide_ambiguous_setting_measures_quotes_as_two_columns() {
    let config = Config::from_toml("ambiguous_width = \"wide\"").expect("valid");
    let (a, b) = article_and_bitext();
    let theme = duet::tui::theme::Theme::new(&config.colors, config.ambiguous, true);
    let mut app = duet::tui::App::new(config, theme, 100, 24);
    step(&mut app, Action::Discovered(vec!["x".into()]));
    step(
        &mut app,
        Action::Loaded(
            duet::tui::state::library_list::EntryId::for_path("x".as_ref()),
            Box::new(Ok(Doc::build(a, &b))),
        ),
    );
    let buf = headless::draw(&app);
    // Borders fall back to ASCII; the ambiguous quote carries a forced width of two.
    assert_eq!(buf[(0, 0)].symbol(), "+");
    let quote = buf
        .content()
        .iter()
        .find(|c| c.symbol() == "‘")
        .expect("a quote on screen");
    assert!(matches!(
        quote.diff_option,
        ratatui::buffer::CellDiffOption::ForcedWidth(w) if w.get() == 2
    ));
}

#[test]
fn loader_threads_fill_the_library_and_report_bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..40 {
        std::fs::copy(seed(SEED_004), dir.path().join(format!("a{i:02}.txt"))).expect("copy");
    }
    std::fs::write(
        dir.path().join("z-broken.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2],
    )
    .expect("write");
    let (tx, rx) = std::sync::mpsc::channel();
    // The loader's threads live as long as its owner.
    let _loader = duet::tui::work::worker::spawn_loader(vec![dir.path().to_path_buf()], tx);
    let mut app = app_with_docs(Vec::new(), 120, 30, true);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut first_discovered = false;
    while std::time::Instant::now() < deadline {
        let Ok(a) = rx.recv_timeout(std::time::Duration::from_secs(5)) else {
            break;
        };
        if matches!(a, Action::Discovered(_)) {
            first_discovered = true;
        }
        step(&mut app, a);
        if first_discovered && !app.loading() {
            break;
        }
    }
    assert_eq!(app.entries().len(), 41);
    assert!(!app.loading());
    let failed = app
        .entries()
        .iter()
        .filter(|e| {
            matches!(
                e.state(),
                duet::tui::state::library_list::EntryState::Failed(_)
            )
        })
        .count();
    assert_eq!(failed, 1);
    keys(&mut app, "G");
    let s = screen(&app);
    assert!(s.contains("Library (41)"), "{s}");
    assert!(s.contains("! z-broken.txt"), "{s}");
}

#[test]
fn sentence_beads_are_found_in_the_real_seed_004() {
    let app = headless::app_with(&[seed(SEED_004)], 160, 45, Config::default(), true);
    let (_, doc) = app.open_doc().expect("open");
    let with_beads = doc.passages.iter().filter(|s| !s.beads.is_empty()).count();
    assert!(
        with_beads >= 10,
        "{with_beads} pairs with located sentence beads"
    );
    for s in &doc.passages {
        for (ko, en) in &s.beads {
            let kt = s.ko.as_deref().unwrap_or_default();
            let et = s.en.as_deref().unwrap_or_default();
            assert!(ko.iter().all(|r| kt.get(r.clone()).is_some()));
            assert!(en.iter().all(|r| et.get(r.clone()).is_some()));
        }
    }
}

#[test]
fn sentence_mode_scrolls_to_the_sentence_in_a_tall_pair() {
    let mut app = headless::app_with(&[seed(SEED_004)], 44, 12, Config::default(), true);
    keys(&mut app, "s");
    for _ in 0..30 {
        keys(&mut app, "j");
        let r = app.reader().expect("reader");
        let (_, doc) = app.open_doc().expect("doc");
        let w = r.wrapped().expect("wrapped");
        let (Some(b), Some(seg)) = (
            r.position().sentence,
            doc.passages.get(r.position().passage),
        ) else {
            continue;
        };
        let Some((ko, _)) = seg.beads.get(b) else {
            continue;
        };
        let Some(start) = ko.first().map(|k| k.start) else {
            continue;
        };
        let rows = &w.passages[r.position().passage];
        let k = rows
            .ko
            .iter()
            .rposition(|row| row.start <= start)
            .unwrap_or(0);
        let row = rows.top + k;
        assert!(
            row >= r.scroll() && row < r.scroll() + app.geom().page(),
            "sentence row {row} outside {}..{}",
            r.scroll(),
            r.scroll() + app.geom().page()
        );
    }
}

/// Acceptance 1: `duet render --size 160x45` on seed 004 — Korean left, English right, and
/// every pair's first line on the same screen row on both sides.
#[test]
fn seed_004_at_160x45_pairs_start_on_one_row() {
    let app = headless::app_with(&[seed(SEED_004)], 160, 45, Config::default(), true);
    assert_eq!(app.geom().layout, Some(Layout::SideBySide));
    let r = app
        .reader()
        .expect("one file opens straight into the reader");
    let w = r.wrapped().expect("wrapped");
    let (_, doc) = app.open_doc().expect("doc");
    let buf = headless::draw(&app);
    let text_of = |x0: u16, x1: u16, y: u16| {
        let mut s = String::new();
        let mut x = x0;
        while x < x1 {
            let c = &buf[(x, y)];
            s.push_str(c.symbol());
            x += c.cell_width().max(1);
        }
        s.trim().to_string()
    };
    let g = app.geom();
    let mut checked = 0;
    for (seg, rows) in doc.passages.iter().zip(&w.passages) {
        if rows.top < r.scroll() || rows.top >= r.scroll() + g.page() {
            continue;
        }
        let (Some(ko), Some(en)) = (&seg.ko, &seg.en) else {
            continue;
        };
        let y = g.text.y + (rows.top - r.scroll()) as u16;
        let left = text_of(g.left_x, g.left_x + g.left_w, y);
        let right = text_of(g.right_x, g.right_x + g.right_w, y);
        let first_word = |t: &str| t.split_whitespace().next().unwrap_or_default().to_string();
        assert!(
            left.starts_with(&first_word(ko)),
            "row {y}: {left:?} vs {ko:?}"
        );
        assert!(
            right.starts_with(&first_word(en)),
            "row {y}: {right:?} vs {en:?}"
        );
        assert!(
            left.chars().any(|c| ('가'..='힣').contains(&c)),
            "Korean on the left: {left:?}"
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} pairs on screen");
}

#[test]
fn unpaired_blocks_are_set_apart_with_a_marker_on_the_blank_side() {
    let app = fixture_app(100, 24);
    let buf = headless::draw(&app);
    let s = screen(&app);
    let y = s
        .lines()
        .position(|l| l.contains("<설리번"))
        .expect("the unpaired Korean reference on screen") as u16;
    let g = app.geom();
    let first = &buf[(g.left_x, y)];
    assert_eq!(first.symbol(), "<");
    assert!(first.modifier.contains(ratatui::style::Modifier::ITALIC));
    assert_eq!(buf[(g.right_x, y)].symbol(), "∅");
}

#[test]
fn browser_badges_name_the_language_of_each_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let zh = dir.path().join("zh.txt");
    std::fs::write(
        &zh,
        "中国和俄罗斯的关系越来越密切。\n\n两国在新军事和航天技术开发方面的双边合作已成为两国伙伴关系的重要支柱。\n",
    )
    .expect("write");
    let screen = render(&[seed(SEED_000), seed(SEED_004), zh], 100, 12, "");
    let badge_of = |needle: &str| {
        let line = screen
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not in\n{screen}"));
        ["KO+EN", "OTHER", "KO", "EN"]
            .into_iter()
            .find(|b| line.contains(&format!(" {b} ")))
            .unwrap_or("none")
    };
    assert_eq!(badge_of("북러 군사협력"), "KO");
    assert_eq!(badge_of("미국 중국 첫 고위"), "KO+EN");
    assert_eq!(badge_of("zh.txt"), "OTHER", "{screen}");
}
