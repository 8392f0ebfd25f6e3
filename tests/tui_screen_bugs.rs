//! Regressions of the screen bugs of issue 18, each checked on ratatui's `TestBackend` at the
//! sizes the issue names (100x24, 160x45): what a person sees, read from the buffer.

mod support;

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use duet::library::{Home, Library};
use duet::tui::app::App;
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{app_with, app_with_library, draw};
use duet::tui::state::layout::Layout;
use duet::tui::view::dump;

const SIZES: [(u16, u16); 2] = [(100, 24), (160, 45)];

/// A library in a temporary folder holding these files of `assets/articles/`.
fn library_of(files: &[&str]) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (lib, _) = Library::open(Home::at(dir.path().join("lib"))).expect("open library");
    let paths: Vec<_> = files.iter().map(|f| support::articles().join(f)).collect();
    lib.import(&paths, &mut |_, _| {}).expect("import");
    (dir, lib)
}

fn press(app: &mut App, keys: &str) {
    support::app::keys(app, keys);
}

/// The modal box whose top row holds `title`: every row from its top corner to its bottom one
/// has a border cell at both edges, no wide glyph of the text under the box straddles either
/// edge (the terminal would draw it over the border), and the rows inside the borders hold
/// nothing of the screen under it.
fn assert_box_whole(buf: &Buffer, title: &str) {
    let screen = dump(buf);
    let area = buf.area;
    let sym = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
    let top = (area.top()..area.bottom())
        .find(|&y| {
            let row: String = (area.left()..area.right()).map(|x| sym(x, y)).collect();
            row.contains(title)
        })
        .unwrap_or_else(|| panic!("no box titled {title:?}:\n{screen}"));
    let left = (area.left()..area.right())
        .find(|&x| sym(x, top) == "╭")
        .unwrap_or_else(|| panic!("no top-left corner:\n{screen}"));
    let right = (left + 1..area.right())
        .find(|&x| sym(x, top) == "╮")
        .unwrap_or_else(|| panic!("no top-right corner:\n{screen}"));
    let bottom = (top + 1..area.bottom())
        .find(|&y| sym(left, y) == "╰")
        .unwrap_or_else(|| panic!("no bottom-left corner:\n{screen}"));
    assert_eq!(sym(right, bottom), "╯", "{screen}");
    for y in top..=bottom {
        let line = screen.lines().nth(usize::from(y)).unwrap_or_default();
        if y > top && y < bottom {
            assert_eq!(sym(left, y), "│", "left border, row {y}:\n{screen}");
            assert_eq!(sym(right, y), "│", "right border, row {y}:\n{screen}");
        }
        // As the terminal shows it (and the dump prints it): glyph after glyph, each as wide as
        // it is; both borders are reached, none covered by a glyph and nothing empty after.
        let mut shown = Vec::new();
        let mut x = area.left();
        while x < area.right() {
            shown.push(x);
            x += buf[(x, y)].symbol().width().max(1) as u16;
        }
        for edge in [left, right] {
            assert!(
                shown.contains(&edge),
                "border at {edge} covered, row {y}: {line}"
            );
        }
        assert!(
            shown.iter().all(|&x| !sym(x, y).is_empty()),
            "an empty cell shown, row {y}: {line}"
        );
    }
}

#[test]
fn the_bookmark_note_box_keeps_both_borders_over_korean_text() {
    let (_dir, lib) = library_of(&["000_11a10f181be35a82.txt"]);
    for (w, h) in SIZES {
        let mut app = app_with_library(&lib, w, h, Config::default(), true).expect("app");
        press(&mut app, "Enter b");
        assert_box_whole(&draw(&app), "Bookmark pair 1");
    }
}

/// `f`, then the label of a mention in the column of `side`: the card is drawn on the last text
/// row of that column, and the divider between the columns stays on that row.
fn card_in_column_of(side_first: bool) {
    let seed = support::articles().join(support::app::SEED_004);
    for (w, h) in SIZES {
        let mut app = app_with(std::slice::from_ref(&seed), w, h, Config::default(), true);
        press(&mut app, "f");
        let columns = app
            .reader()
            .and_then(|r| r.wrapped())
            .map(|w| w.columns)
            .expect("wrapped");
        assert_eq!(columns.layout, Layout::SideBySide, "{w}x{h}");
        let ents = app.article_entities().expect("entities");
        let label = app
            .labels()
            .iter()
            .find(|l| {
                ents.spots
                    .get(l.spot)
                    .is_some_and(|s| (s.side == columns.first) == side_first)
            })
            .map(|l| l.label.clone())
            .expect("a labelled mention in that column");
        let typed: Vec<String> = label.chars().map(String::from).collect();
        press(&mut app, &typed.join(" "));
        assert!(app.selected_entity().is_some(), "{w}x{h}: nothing selected");
        let buf = draw(&app);
        let screen = dump(&buf);
        let g = app.geom();
        let y = g.text.bottom() - 1;
        let card_x = (buf.area.left()..buf.area.right())
            .find(|&x| buf[(x, y)].symbol() == "◆")
            .unwrap_or_else(|| panic!("{w}x{h}: no card on the last text row:\n{screen}"));
        if side_first {
            assert!(
                card_x < g.divider_x,
                "{w}x{h}: card not in the left column:\n{screen}"
            );
        } else {
            assert!(
                card_x > g.divider_x,
                "{w}x{h}: card not in the right column:\n{screen}"
            );
        }
        assert!(
            ["│", "┼"].contains(&buf[(g.divider_x, y)].symbol()),
            "{w}x{h}: the divider covered:\n{screen}"
        );
    }
}

#[test]
fn the_entity_card_of_a_right_column_mention_is_in_the_right_column() {
    card_in_column_of(false);
}

#[test]
fn the_entity_card_of_a_left_column_mention_is_in_the_left_column() {
    card_in_column_of(true);
}

/// A story's Korean and English editions imported as two files are one `KO+EN` row; opened,
/// moved down a few pairs and left with `q`, it reopens after a restart (a new app on the same
/// library, the positions saved as the runner saves them) at the pair it was left on.
#[test]
fn a_ko_en_entry_reopens_after_a_restart_at_the_pair_it_was_left_on() {
    for (w, h) in SIZES {
        let dir = tempfile::tempdir().expect("tempdir");
        let src = support::editions::story_files(dir.path());
        let (lib, _) = Library::open(Home::at(dir.path().join("lib"))).expect("open library");
        lib.import(&[src], &mut |_, _| {}).expect("import");
        let start = || app_with_library(&lib, w, h, Config::default(), true).expect("app");
        let mut app = start();
        let row = (0..app.rows())
            .find(|&r| app.row(r).is_some_and(|(_, partner)| partner.is_some()))
            .expect("a KO+EN row");
        let to_row = "j ".repeat(row);
        let saves = support::app::press_saving(&mut app, &format!("{to_row}Enter j j j s j"));
        support::app::apply_saves(&lib, &saves);
        let left = app.position().expect("open");
        assert!(
            left.passage >= 3 && left.sentence.is_some(),
            "{w}x{h}: moved to {left:?}"
        );
        let saves = support::app::press_saving(&mut app, "q");
        support::app::apply_saves(&lib, &saves);
        assert!(app.position().is_none(), "{w}x{h}: q closes the reader");

        let mut app = start();
        press(&mut app, &format!("{to_row}Enter"));
        assert_eq!(app.position(), Some(left), "{w}x{h}");
        let screen = dump(&draw(&app));
        let status = screen.lines().last().unwrap_or_default();
        assert!(
            status.contains(&format!("pair {}/", left.passage + 1)),
            "{w}x{h}: {status}"
        );
    }
}
