//! Snapshots of the screen (TestBackend, dumped with each wide glyph written once): the
//! browser, seed 004 and seed 000 at 80x24, 120x40, 200x50 and odd widths; the hand-built
//! bilingual fixture in each layout, in sentence mode, with help.

mod support;

use insta::assert_snapshot;
use support::app::*;

const SIZES: [(u16, u16); 5] = [(80, 24), (120, 40), (200, 50), (79, 24), (41, 12)];

#[test]
fn browser() {
    for (w, h) in SIZES {
        assert_snapshot!(format!("browser_{w}x{h}"), render(&[articles()], w, h, ""));
    }
}

#[test]
fn seed_004() {
    for (w, h) in SIZES {
        assert_snapshot!(
            format!("seed004_{w}x{h}"),
            render(&[seed(SEED_004)], w, h, "")
        );
    }
}

#[test]
fn seed_000() {
    for (w, h) in SIZES {
        assert_snapshot!(
            format!("seed000_{w}x{h}"),
            render(&[seed(SEED_000)], w, h, "")
        );
    }
}

#[test]
fn library_opened_article_beside_the_list() {
    assert_snapshot!(
        "library_open_004_160x45",
        render(&[articles()], 160, 45, "G Enter j")
    );
}

#[test]
fn fixture_layouts() {
    let mut app = fixture_app(100, 24);
    assert_snapshot!("fixture_side_by_side_100x24", screen(&app));
    keys(&mut app, "v");
    assert_snapshot!("fixture_stacked_100x24", screen(&app));
    keys(&mut app, "v");
    assert_snapshot!("fixture_korean_100x24", screen(&app));
    keys(&mut app, "v");
    assert_snapshot!("fixture_english_100x24", screen(&app));
    keys(&mut app, "v x < <");
    assert_snapshot!("fixture_swapped_narrower_100x24", screen(&app));
}

#[test]
fn fixture_sentence_mode_and_help() {
    let mut app = fixture_app(100, 24);
    keys(&mut app, "s j j j");
    assert_snapshot!("fixture_sentence_100x24", screen(&app));
    keys(&mut app, "?");
    assert_snapshot!("fixture_help_100x24", screen(&app));
}

#[test]
fn too_small() {
    assert_snapshot!("too_small_39x11", render(&[seed(SEED_004)], 39, 11, ""));
}
