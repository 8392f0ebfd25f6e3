//! Bookmarks on articles read from files (issue 22): `B` on an empty list says how to make one;
//! a note's keys are typed into it, never read as the reader's commands.

mod support;

use support::app::{fixture_app, keys, screen};

#[test]
fn capital_b_on_no_bookmarks_says_how_to_make_one() {
    let mut app = fixture_app(100, 24);
    keys(&mut app, "B");
    let s = screen(&app);
    assert!(
        s.contains("no bookmarks yet: b in the reader marks the pair you are on"),
        "{s}"
    );
}
