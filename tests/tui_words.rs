//! The word popup in the reader (issue 20), headless on seed 004 and on a library of the
//! seeds: `w` selects a word, `h`/`l` move within the pair, Tab crosses to the aligned words of
//! the other side (highlighted in their column), a click opens it on a word, the stacked and
//! single-language layouts, statuses saved and read back after a restart, the marking of
//! unknown words, the share of known words in the library list. Checked on the screen drawn
//! (TestBackend), with no colour: the selected word and its aligned words are reversed and
//! underlined.

mod support;

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use duet::library::words::Status;
use duet::library::{Home, Library};
use duet::tui::action::{Action, MouseAction};
use duet::tui::app::App;
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{self, app_with_library, draw, parse_keys, press, step};
use duet::tui::state::disk::Save;
use duet::tui::state::layout::{Layout, Side};
use duet::tui::state::overlay::Overlay;
use duet::tui::state::words::{WordPopup, popup_rect, word_row};
use duet::tui::view::dump;
use support::app::{apply_saves, press_saving};

const SEED: &str = "assets/articles/004_8e658290ee760122.txt";

fn seed_app(w: u16, h: u16) -> App {
    headless::app_with(&[support::repo().join(SEED)], w, h, Config::default(), true)
}

fn keys(app: &mut App, k: &str) {
    press(app, &parse_keys(k).expect("keys"));
}

fn popup(app: &App) -> WordPopup {
    match app.overlay() {
        Some(Overlay::Word(p)) => *p,
        other => panic!("no word popup: {other:?}"),
    }
}

/// The text of word `index` of `side` of `passage`.
fn word(app: &App, passage: usize, side: Side, index: usize) -> String {
    let words = app.article_words().expect("words built");
    let spot = words.spot(passage, side, index).expect("a word");
    let doc = app.reader().expect("open").doc();
    doc.passages[passage].text(side).expect("side")[spot.range.clone()].to_string()
}

fn selected(app: &App) -> String {
    let p = popup(app);
    word(app, p.passage, p.side, p.index)
}

/// The words of the other side the selected one is aligned with.
fn linked(app: &App) -> Vec<String> {
    let p = popup(app);
    let words = app.article_words().expect("words built");
    let spot = words.spot(p.passage, p.side, p.index).expect("a word");
    spot.links
        .iter()
        .map(|&j| word(app, p.passage, p.side.other(), j))
        .collect()
}

/// The columns of row `y` where a glyph starts (the second cell of a wide one skipped).
fn glyphs(buf: &Buffer, y: u16) -> impl Iterator<Item = u16> + '_ {
    let mut next = 0;
    (0..buf.area.width).filter(move |&x| {
        if x < next {
            return false;
        }
        let w = unicode_width::UnicodeWidthStr::width(buf[(x, y)].symbol()).max(1);
        next = x + w as u16;
        true
    })
}

/// Runs of cells drawn with all of `style`'s modifiers, outside the popup, as text (a wide
/// glyph's second cell skipped).
fn marked(app: &App, buf: &Buffer, style: Modifier) -> Vec<String> {
    let skip = match app.overlay() {
        Some(Overlay::Word(p)) => {
            let words = app.article_words().expect("words built");
            let spot = words.spot(p.passage, p.side, p.index).expect("a word");
            let r = app.reader().expect("open");
            let row = word_row(r, app.geom(), p.passage, p.side, spot.range.start);
            Some(popup_rect(app.geom(), row))
        }
        _ => None,
    };
    let mut runs = Vec::new();
    for y in 0..buf.area.height {
        let mut run = String::new();
        for x in glyphs(buf, y) {
            let inside = skip.is_some_and(|r| r.contains((x, y).into()));
            let cell = &buf[(x, y)];
            if !inside && cell.modifier.contains(style) {
                run.push_str(cell.symbol());
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
    }
    runs
}

fn selected_style() -> Modifier {
    Modifier::REVERSED | Modifier::UNDERLINED
}

#[test]
fn w_opens_the_popup_h_l_move_within_the_pair_and_the_aligned_words_are_highlighted() {
    for (w, h) in [(160, 45), (80, 24)] {
        let mut app = seed_app(w, h);
        keys(&mut app, "j w");
        let p = popup(&app);
        assert_eq!((p.passage, p.side, p.index), (1, Side::Ko, 0), "{w}x{h}");
        let screen = dump(&draw(&app));
        assert!(
            screen.contains("Korean   미중이 → 미중"),
            "{w}x{h}\n{screen}"
        );
        assert!(screen.contains("Status   none"), "{screen}");
        assert!(
            screen.contains("0–5 status · K known · I ignored"),
            "{screen}"
        );
        assert!(
            screen.contains("no library: `duet dict import FILE`"),
            "{screen}"
        );

        keys(&mut app, "l l");
        assert_eq!(selected(&app), "협상에");
        let screen = dump(&draw(&app));
        assert!(screen.contains("Korean   협상에 → 협상"), "{screen}");
        // The word and the English words it is aligned with are drawn selected in the text.
        let aligned = linked(&app);
        assert!(!aligned.is_empty(), "협상에 is aligned");
        assert!(
            screen.contains(&format!("English  {}", aligned.join(" "))),
            "{screen}"
        );
        let runs = marked(&app, &draw(&app), selected_style());
        assert!(runs.iter().any(|r| r == "협상에"), "{runs:?}");
        for e in &aligned {
            assert!(runs.iter().any(|r| r == e), "{e} highlighted: {runs:?}");
        }

        // w/b move too; h at the first word and l at the last stay in the pair.
        keys(&mut app, "b b b b");
        assert_eq!(popup(&app).index, 0);
        let last = app.article_words().unwrap().passages[1].ko.len() - 1;
        for _ in 0..=last {
            keys(&mut app, "w");
        }
        assert_eq!(popup(&app), WordPopup { index: last, ..p });
        assert_eq!(selected(&app), "보인다");
        let screen = dump(&draw(&app));
        assert!(screen.contains("보인다 → 보이다"), "{screen}");

        keys(&mut app, "Esc");
        assert!(app.overlay().is_none());
        assert!(marked(&app, &draw(&app), selected_style()).is_empty());
    }
}

#[test]
fn tab_crosses_to_the_english_word_and_it_shows_its_korean_words() {
    let mut app = seed_app(160, 45);
    keys(&mut app, "j w l l");
    let ko = selected(&app);
    let en = linked(&app);
    keys(&mut app, "Tab");
    let p = popup(&app);
    assert_eq!(p.side, Side::En);
    assert_eq!(selected(&app), en[0]);
    assert!(
        linked(&app).contains(&ko),
        "{:?} back to {ko}",
        linked(&app)
    );
    let screen = dump(&draw(&app));
    assert!(screen.contains(&format!("╭ {}", en[0])), "{screen}");
    assert!(
        screen.contains(&format!("Korean   {ko} → 협상")),
        "{screen}"
    );
    let runs = marked(&app, &draw(&app), selected_style());
    assert!(runs.contains(&ko) && runs.contains(&en[0]), "{runs:?}");
    // English words move by word too; one with no Korean word says so.
    let words = app.article_words().unwrap().clone();
    let lonely = words.passages[1].en.iter().position(|w| w.links.is_empty());
    if let Some(i) = lonely {
        while popup(&app).index != i {
            let key = if popup(&app).index < i { "l" } else { "h" };
            keys(&mut app, key);
        }
        let screen = dump(&draw(&app));
        assert!(screen.contains("— no alignment in this pair"), "{screen}");
        assert!(
            screen.contains("no Korean word is aligned with this one"),
            "{screen}"
        );
    }
    keys(&mut app, "Tab");
    assert_eq!(popup(&app).side, Side::Ko);
}

#[test]
fn stacked_and_single_language_layouts() {
    let mut app = seed_app(160, 45);
    keys(&mut app, "j v");
    assert_eq!(app.geom().layout, Some(Layout::Stacked));
    keys(&mut app, "w l");
    let screen = dump(&draw(&app));
    assert!(screen.contains("Korean   핵군축 → 핵군축"), "{screen}");
    let runs = marked(&app, &draw(&app), selected_style());
    assert!(runs.iter().any(|r| r == "핵군축"), "{runs:?}");
    keys(&mut app, "Esc v");
    assert_eq!(app.geom().layout, Some(Layout::Korean));
    keys(&mut app, "w Tab");
    assert_eq!(popup(&app).side, Side::Ko, "no English column to cross to");
    assert_eq!(
        app.status(),
        Some("the English side is not shown in this layout")
    );
    keys(&mut app, "Esc v");
    assert_eq!(app.geom().layout, Some(Layout::English));
    keys(&mut app, "w");
    let p = popup(&app);
    assert_eq!((p.side, p.index), (Side::En, 0));
    assert_eq!(selected(&app), "As");
}

/// The screen cell where `text` is drawn first, if it is.
fn cell_of(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let cells: Vec<(u16, &str)> = glyphs(buf, y).map(|x| (x, buf[(x, y)].symbol())).collect();
        let line: String = cells.iter().map(|(_, s)| *s).collect();
        if let Some(b) = line.find(text) {
            let k = line[..b].chars().count();
            return Some((cells[k].0, y));
        }
    }
    None
}

#[test]
fn a_click_on_a_word_of_the_pair_in_focus_opens_the_popup_on_it() {
    let mut app = seed_app(160, 45);
    keys(&mut app, "j");
    let (x, y) = cell_of(&draw(&app), "대통령과").expect("on screen");
    step(
        &mut app,
        Action::Mouse(MouseAction::Click {
            column: x + 2,
            row: y,
        }),
    );
    assert_eq!(selected(&app), "대통령과");
    // A click on an English word moves the popup there; a click on the popup keeps it.
    let (x, y) = cell_of(&draw(&app), "President Biden").expect("on screen");
    step(
        &mut app,
        Action::Mouse(MouseAction::Click { column: x, row: y }),
    );
    assert_eq!(selected(&app), "President");
    assert_eq!(popup(&app).side, Side::En);
    let (x, y) = cell_of(&draw(&app), "Status").expect("the popup");
    step(
        &mut app,
        Action::Mouse(MouseAction::Click { column: x, row: y }),
    );
    assert_eq!(selected(&app), "President");
}

/// A library of the seeds with the krdict fixture imported, its word model trained and its
/// lemmas counted (as the runner's background work leaves it).
fn seed_library(dir: &std::path::Path) -> (Home, Library) {
    let home = dir.join("lib");
    support::ok_stdout(&support::duet_in(
        &home,
        &["import", support::articles().to_str().unwrap()],
    ));
    let xml = support::fixture("words/krdict.xml");
    support::ok_stdout(&support::duet_in(
        &home,
        &["dict", "import", xml.to_str().unwrap()],
    ));
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    lib.train_word_model().unwrap();
    lib.count_lemmas().unwrap();
    (Home::at(&home), lib)
}

/// Open seed 004 from the library list.
fn open_004(app: &mut App) {
    let at = app
        .entries()
        .iter()
        .position(|e| {
            e.meta()
                .is_some_and(|m| m.title.starts_with("미국 중국 첫 고위 군사회담"))
        })
        .expect("seed 004 listed");
    keys(app, "g");
    for _ in 0..at {
        keys(app, "j");
    }
    keys(app, "Enter");
    assert!(app.reader().is_some());
}

#[test]
fn statuses_survive_a_restart_and_the_list_shows_the_share_known() {
    let dir = tempfile::tempdir().unwrap();
    let (_, lib) = seed_library(dir.path());
    let mut app = app_with_library(&lib, 160, 45, Config::default(), true).unwrap();
    open_004(&mut app);
    keys(&mut app, "j w l l l l l");
    assert_eq!(selected(&app), "대통령과");
    let screen = dump(&draw(&app));
    assert!(screen.contains("Korean   대통령과 → 대통령"), "{screen}");
    // The dictionary's sense, its licence, and the lemma's frequency in the library.
    assert!(screen.contains("1. president"), "{screen}");
    assert!(screen.contains("from "), "{screen}");
    let (n, articles) = lib.lemma_frequency("대통령").unwrap();
    assert!(n > 1 && articles > 1, "{n} {articles}");
    assert!(
        screen.contains(&format!("× in the library ({articles} articles)")),
        "{screen}"
    );
    assert!(screen.contains(&format!("{n}× in the library")), "{screen}");

    // 3 sets the lemma's status, with where it was seen (for its Anki card).
    let saves = press_saving(&mut app, "3");
    let [
        Save::WordStatus {
            lemma,
            status,
            seen,
        },
    ] = saves.as_slice()
    else {
        panic!("{saves:?}");
    };
    assert_eq!((lemma.as_str(), *status), ("대통령", Status::Learning(3)));
    let seen = seen.as_ref().expect("seen");
    assert_eq!(seen.word, "대통령과");
    assert!(seen.en.contains("President Biden"), "{}", seen.en);
    assert!(dump(&draw(&app)).contains("Status   3"));
    apply_saves(&lib, &saves);
    // K on the next word (시진핑): known.
    let saves = press_saving(&mut app, "l K");
    apply_saves(&lib, &saves);
    let known = lib.word_statuses().unwrap();
    assert_eq!(known.get("대통령"), Some(&Status::Learning(3)));
    assert!(known.values().any(|s| *s == Status::Known));

    // A restart: the statuses are read back, and the list shows each article's share known.
    let mut app = app_with_library(&lib, 160, 45, Config::default(), true).unwrap();
    let screen = dump(&draw(&app));
    let id = lib
        .entries()
        .unwrap()
        .into_iter()
        .find(|e| {
            e.title
                .as_deref()
                .is_some_and(|t| t.starts_with("미국 중국 첫 고위 군사회담"))
        })
        .unwrap()
        .id;
    let share = lib.known_share(id).unwrap().expect("counted");
    assert!(share > 0.0);
    let figure = format!("{:.0}%", share * 100.0);
    let row = screen
        .lines()
        .find(|l| l.contains("미국 중국 첫 고위 군사회담"))
        .expect("listed");
    assert!(row.contains(&figure), "{figure} in {row}");
    open_004(&mut app);
    keys(&mut app, "j w l l l l l");
    assert!(dump(&draw(&app)).contains("Status   3"));
}

#[test]
fn u_marks_the_unknown_korean_words_and_not_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (_, lib) = seed_library(dir.path());
    lib.set_word_status("대통령", Status::Known, None).unwrap();
    lib.set_word_status("협상", Status::Learning(2), None)
        .unwrap();
    let mut app = app_with_library(&lib, 160, 45, Config::default(), true).unwrap();
    open_004(&mut app);
    keys(&mut app, "j");
    let underlined = |app: &App| marked(app, &draw(app), Modifier::UNDERLINED);
    assert!(underlined(&app).is_empty());
    keys(&mut app, "u");
    assert!(app.words().marks_unknown());
    let runs = underlined(&app);
    assert!(runs.iter().any(|r| r == "핵군축"), "new: {runs:?}");
    // Learning words are marked differently (italic without colour); known ones not at all.
    let italic = marked(&app, &draw(&app), Modifier::UNDERLINED | Modifier::ITALIC);
    assert!(italic.iter().any(|r| r == "협상에"), "learning: {italic:?}");
    assert!(!runs.iter().any(|r| r.starts_with("대통령")), "{runs:?}");
    // Only Korean words: nothing of the English column.
    assert!(!runs.iter().any(|r| r.is_ascii()), "{runs:?}");
    keys(&mut app, "u");
    assert!(underlined(&app).is_empty());
}

/// Open the popup on word `index` of `side` of `passage` with keys only: the reader's cursor
/// to the passage, `w`, Tab to the English side if asked, then `h`/`l`.
fn select(app: &mut App, passage: usize, side: Side, index: usize) {
    keys(app, "Esc g");
    for _ in 0..passage {
        keys(app, "j");
    }
    keys(app, "w");
    if side == Side::En {
        keys(app, "Tab");
    }
    while popup(app).index > index {
        keys(app, "h");
    }
    while popup(app).index < index {
        keys(app, "l");
    }
    assert_eq!((popup(app).passage, popup(app).side), (passage, side));
}

/// Seed 004's title, 미국 중국 첫 고위 … ⟷ US-China First High-Level …: a hyphenated English
/// word is the translation of two Korean words, and Tab reads the one link set both ways.
#[test]
fn tab_twice_returns_to_the_word_and_an_english_word_leads_to_a_korean_word_linked_to_it() {
    let mut app = seed_app(160, 45);
    keys(&mut app, "w");
    assert_eq!(selected(&app), "미국");
    assert_eq!(linked(&app), ["US-China"]);
    keys(&mut app, "l");
    assert_eq!(
        (selected(&app).as_str(), linked(&app)),
        ("중국", vec!["US-China".to_string()])
    );
    keys(&mut app, "l l");
    assert_eq!(selected(&app), "고위");
    assert_eq!(linked(&app), ["High-Level"]);
    // From every word of the title and the first paragraph, Tab twice comes back to it, and the
    // word Tab lands on from a linked one is one of its links, linked back to it.
    let words = app.article_words().unwrap().clone();
    for passage in 0..2 {
        for side in [Side::Ko, Side::En] {
            for index in 0..words.passages[passage].side(side).len() {
                select(&mut app, passage, side, index);
                let here = selected(&app);
                let links = linked(&app);
                keys(&mut app, "Tab");
                let there = popup(&app);
                assert_eq!(there.side, side.other(), "{here}");
                if !links.is_empty() {
                    assert!(
                        links.contains(&selected(&app)),
                        "{here} → {}",
                        selected(&app)
                    );
                    assert!(linked(&app).contains(&here), "{} ← {here}", selected(&app));
                }
                keys(&mut app, "Tab");
                assert_eq!(
                    (popup(&app).side, popup(&app).index),
                    (side, index),
                    "{here} → {} → {}",
                    word(&app, there.passage, there.side, there.index),
                    selected(&app)
                );
            }
        }
    }
    // Moving on forgets where Tab came from: the next Tab follows the links again.
    keys(&mut app, "Esc g w Tab l h Tab");
    assert_eq!(selected(&app), "미국");
    // On US-China the popup lists both Korean words and is about the one Tab came from: it
    // is highlighted, its lemma shown, and a status set there is its own.
    for (from, keys_to) in [("미국", "Esc g w Tab"), ("중국", "Esc g w l Tab")] {
        keys(&mut app, keys_to);
        assert_eq!(selected(&app), "US-China");
        let buf = draw(&app);
        let line = format!("Korean   미국 중국 → {from}");
        let (x, y) = cell_of(&buf, &line).unwrap_or_else(|| panic!("{}", dump(&buf)));
        let at = |glyph: u16| buf[(x + 9 + glyph, y)].modifier.contains(selected_style());
        // 미국 at glyph 0, 중국 at glyph 5 (two wide glyphs and a space).
        assert_eq!((at(0), at(5)), (from == "미국", from == "중국"), "{line}");
    }
    keys(&mut app, "2");
    assert_eq!(app.words().status("중국"), Some(Status::Learning(2)));
    assert_eq!(app.words().status("미국"), None);
    let screen = dump(&draw(&app));
    assert!(screen.contains("Status   2"), "{screen}");
    // Back on 미국's side of US-China, the status shown is 미국's.
    keys(&mut app, "Esc g w Tab");
    assert!(dump(&draw(&app)).contains("Status   none"));
}

/// A name the article's entity tagger finds is a noun in the popup: 김영한 (the minister of the
/// story) is no form of 김영하다 there, though a word alone reads so (`duet lookup 김영한`).
#[test]
fn a_name_tagged_in_the_article_is_its_own_lemma_in_the_popup() {
    let story = support::fixture("words/name_han.txt");
    let mut app = headless::app_with(&[story], 160, 45, Config::default(), true);
    keys(&mut app, "j w");
    assert_eq!(selected(&app), "김영한");
    let screen = dump(&draw(&app));
    // The name first; the other reading after it, as ambiguous forms keep their candidates.
    assert!(
        screen.contains("Korean   김영한 → 김영한 (or 김영하다)"),
        "{screen}"
    );
    let words = app.article_words().unwrap();
    assert_eq!(words.counts.get("김영한"), Some(&3), "{:?}", words.counts);
    assert!(!words.counts.contains_key("김영하다"));
    // Other words of the story read as ever.
    keys(&mut app, "l l l l l l");
    assert_eq!(selected(&app), "만났다");
    assert!(dump(&draw(&app)).contains("만났다 → 만나다"));
}
