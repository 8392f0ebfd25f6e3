//! Regressions of the screen bugs of issue 18, each checked on ratatui's `TestBackend` at the
//! sizes the issue names (100x24, 160x45): what a person sees, read from the buffer.

mod support;

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use duet::library::{Home, Library};
use duet::tui::app::App;
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{app_with_library, draw};
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
