//! Issue 22's rough edges of the library list and the reader, on real files, headless
//! (`TestBackend`): one count of entries, a new sort from the top, `P` on a bilingual file,
//! titles cut with "…", Ctrl-u in the finder.

mod support;

use duet::tui::keys::config::Config;
use duet::tui::run::headless;
use support::app::{keys, screen};

fn app(paths: &[std::path::PathBuf], w: u16, h: u16) -> duet::tui::app::App {
    headless::app_with(paths, w, h, Config::default(), true)
}

#[test]
fn the_sort_s_count_is_the_list_s_count_a_pair_being_one_entry() {
    let dir = tempfile::tempdir().unwrap();
    let src = support::editions::story_files(dir.path());
    let mut app = app(&[src], 120, 30);
    assert_eq!(app.rows(), 2, "the story's two editions are one row");
    keys(&mut app, "o");
    let s = screen(&app);
    assert!(s.contains("Library (2)"), "{s}");
    assert!(s.contains("sorted oldest first (2 shown)"), "{s}");
}

#[test]
fn a_new_sort_starts_at_the_top() {
    let mut app = app(&[support::articles()], 120, 30);
    keys(&mut app, "G");
    assert_eq!(app.selected(), 4);
    keys(&mut app, "o");
    assert_eq!(app.selected(), 0, "{}", screen(&app));
    // A filter keeps the cursor's article where it can.
    keys(&mut app, "j j u");
    assert_eq!(app.selected(), 2, "{}", screen(&app));
}

#[test]
fn capital_p_on_a_bilingual_file_says_it_is_one_article_in_two_languages() {
    let mut app = app(&[support::articles()], 120, 30);
    keys(&mut app, "G");
    let (entry, partner) = app.row(app.selected()).expect("a row");
    assert_eq!(entry.meta().map(|m| m.badge), Some("KO+EN"));
    assert!(partner.is_none());
    keys(&mut app, "P");
    let s = screen(&app);
    assert!(
        s.contains("one bilingual article, not a pair of files: nothing to split"),
        "{s}"
    );
}

#[test]
fn a_reader_title_cut_at_the_border_ends_in_an_ellipsis() {
    let mut app = app(&[support::seed(support::SEED_004)], 40, 20);
    let s = screen(&app);
    let top = s.lines().next().unwrap_or_default();
    assert!(top.contains("…"), "{s}");
    keys(&mut app, "v");
    let s = screen(&app);
    assert!(s.lines().next().unwrap_or_default().contains("…"), "{s}");
}

#[test]
fn ctrl_u_clears_the_finder_s_query() {
    let mut app = app(&[support::articles()], 120, 30);
    keys(&mut app, "/ x y z");
    assert!(screen(&app).contains("xyz"), "{}", screen(&app));
    keys(&mut app, "C-u");
    let s = screen(&app);
    assert!(!s.contains("xyz"), "{s}");
    keys(&mut app, "a");
    assert!(screen(&app).contains("Library"), "the finder is still open");
}

#[test]
fn label_mode_says_it_is_on_and_what_ended_it() {
    let mut app = support::app::fixture_app(100, 24);
    keys(&mut app, "f");
    let s = screen(&app);
    assert!(s.contains("label mode: type a label"), "{s}");
    keys(&mut app, "9");
    let s = screen(&app);
    assert!(s.contains("no label 9: label mode off"), "{s}");
    keys(&mut app, "f Esc");
    assert!(screen(&app).contains("label mode off"), "{}", screen(&app));
}

#[test]
fn a_mention_s_status_names_its_entity_and_sentence_mode_its_sentence() {
    let mut app = support::app::fixture_app(100, 24);
    keys(&mut app, "] e");
    let s = screen(&app);
    let status = s.lines().last().unwrap_or_default();
    let (name, _) = status
        .split_once(" · mention 1/")
        .unwrap_or_else(|| panic!("no mention count: {s}"));
    assert!(!name.trim().is_empty(), "{s}");
    keys(&mut app, "s");
    let s = screen(&app);
    assert!(s.contains("· sentence 1/1"), "{s}");
}

#[test]
fn at_forty_columns_the_widest_ratio_leaves_each_column_readable() {
    use duet::tui::state::layout::{Layout, MIN_COLUMN};
    let mut app = support::app::fixture_app(40, 24);
    for _ in 0..4 {
        if app.geom().layout == Some(Layout::SideBySide) {
            break;
        }
        keys(&mut app, "v");
    }
    assert_eq!(app.geom().layout, Some(Layout::SideBySide));
    keys(&mut app, "> > > > > > > > > > > >");
    assert!(app.geom().right_w >= MIN_COLUMN, "{:?}", app.geom());
    keys(&mut app, "< < < < < < < < < < < < < < < < < < < < < < < <");
    assert!(app.geom().left_w >= MIN_COLUMN, "{:?}", app.geom());
}

#[test]
fn enter_on_a_text_hit_in_a_korean_only_article_marks_the_sentence_found() {
    let mut app = app(&[support::seed(support::SEED_000)], 120, 30);
    assert_eq!(app.reader().map(|r| r.doc().bilingual), Some(false));
    keys(&mut app, "/ 확 대 해 석 을 Enter");
    let at = app.position().expect("the reader is open");
    let sentence = at.sentence.expect("the sentence found is marked");
    let (r, doc) = app.open_doc().expect("the article");
    let passage = &doc.passages[at.passage];
    let range = passage.beads[sentence].0[0].clone();
    let text = passage.ko.as_deref().unwrap_or_default();
    assert!(text[range].contains("확대해석을"), "{}", screen(&app));
    let _ = r;
}

#[test]
fn the_library_reopens_on_the_article_read_last() {
    use duet::library::{Home, Library, Position};
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let out = support::duet_in(&home, &["import", support::articles().to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    let entries = lib.entries().unwrap();
    let last = entries.last().expect("articles").clone();
    lib.set_position(
        last.id,
        Position {
            pair: 2,
            sentence: None,
        },
    )
    .unwrap();
    let app = headless::app_with_library(&lib, 120, 30, Config::default(), true).unwrap();
    let (entry, _) = app.row(app.selected()).expect("a row");
    assert_eq!(entry.path(), last.file, "{}", screen(&app));
    assert_ne!(app.selected(), 0, "the last entry is not the first");
}
