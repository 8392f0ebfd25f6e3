//! Entities in the reader (issue 8): `f` and a label select an entity, its mentions are
//! highlighted in both columns, `n`/`N` walk them in reading order, `E` lists, `Enter` jumps.
//! The headless App and the real binary (`duet render --keys`) on seed 004.

mod support;

use duet::tui::app::App;
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{self, parse_keys, press};
use duet::tui::state::layout::Side;
use duet::tui::state::overlay::{EntityList, Overlay};
use duet::tui::view::highlight::entity_mentions;

const SEED: &str = "assets/articles/004_8e658290ee760122.txt";

fn seed_app(w: u16, h: u16) -> App {
    let path = support::repo().join(SEED);
    headless::app_with(&[path], w, h, Config::default(), true)
}

fn keys(app: &mut App, k: &str) {
    press(app, &parse_keys(k).expect("keys"));
}

/// The label `f` puts on a mention of the entity with this Korean name.
fn label_of(app: &App, ko: &str) -> Option<String> {
    let ents = app.article_entities()?;
    app.labels().iter().find_map(|h| {
        let e = ents.entity(ents.spots.get(h.spot)?.entity)?;
        e.names.ko.iter().any(|n| n == ko).then(|| h.label.clone())
    })
}

fn text_of(app: &App, passage: usize, side: Side, r: std::ops::Range<usize>) -> String {
    let doc = app.reader().expect("open").doc();
    doc.passages[passage].text(side).expect("side")[r].to_string()
}

#[test]
fn f_and_a_label_select_sullivan_in_both_columns_and_n_walks_every_mention() {
    let mut app = seed_app(160, 45);
    assert!(app.article_entities().is_some(), "entities built on open");
    keys(&mut app, "f");
    assert!(matches!(app.overlay(), Some(Overlay::Labels(_))));
    let labels: Vec<&str> = app.labels().iter().map(|h| h.label.as_str()).collect();
    assert!(labels.len() > 10, "{labels:?}");
    // Labels are unique and none is a prefix of another.
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(!a.starts_with(b) && !b.starts_with(a), "{a} {b}");
        }
    }
    let label = label_of(&app, "설리번").expect("설리번 is labelled");
    for c in label.chars() {
        keys(&mut app, &c.to_string());
    }
    assert!(app.overlay().is_none());
    let ents = app.article_entities().expect("built").clone();
    let sel = app.selected_entity().expect("selected");
    let e = ents.entity(sel).expect("entity");
    assert!(e.names.ko.iter().any(|n| n == "설리번"), "{e:?}");
    assert!(e.names.en.iter().any(|n| n.contains("Sullivan")), "{e:?}");
    let card = app.entity_card().expect("card");
    assert!(card.contains("person") && card.contains("설리번") && card.contains("Sullivan"));

    // Highlighted in both columns: Korean and English forms.
    let doc_len = app.reader().expect("open").doc().passages.len();
    let mut en = Vec::new();
    let mut ko = Vec::new();
    for i in 0..doc_len {
        for h in entity_mentions(&app, i) {
            let t = text_of(&app, i, h.side, h.range.clone());
            match h.side {
                Side::Ko => ko.push(t),
                Side::En => en.push(t),
            }
        }
    }
    assert!(ko.iter().any(|t| t.contains("설리번")), "{ko:?}");
    assert!(
        en.iter().filter(|t| t.contains("Sullivan")).count() >= 3,
        "{en:?}"
    );

    // `n` walks every mention after the selected one, in reading order, then stops; `N` back.
    let all: Vec<usize> = (0..ents.spots.len())
        .filter(|&i| ents.spots[i].entity == sel)
        .collect();
    let start = app.mention_cursor().cloned().expect("cursor");
    let first = all
        .iter()
        .position(|&i| ents.spots[i] == start)
        .expect("cursor is a mention");
    let mut walked = vec![start];
    for _ in 0..all.len() {
        keys(&mut app, "n");
        let at = app.mention_cursor().cloned().expect("cursor");
        if Some(&at) == walked.last() {
            break;
        }
        // Scrolled into view: its passage is focused.
        assert_eq!(app.position().map(|p| p.passage), Some(at.passage));
        walked.push(at);
    }
    let expected: Vec<_> = all[first..]
        .iter()
        .map(|&i| ents.spots[i].clone())
        .collect();
    assert_eq!(walked, expected);
    assert!(walked.iter().any(|s| s.side == Side::Ko));
    assert!(walked.iter().any(|s| s.side == Side::En));
    keys(&mut app, "N");
    assert_eq!(app.mention_cursor(), expected.iter().rev().nth(1));
}

#[test]
fn esc_leaves_hint_mode_and_e_lists_and_enter_jumps_to_the_first_mention() {
    let mut app = seed_app(120, 40);
    keys(&mut app, "f <Esc>");
    assert!(app.overlay().is_none());
    assert!(app.selected_entity().is_none());
    keys(&mut app, "E");
    let Some(Overlay::Entities(EntityList { items, .. })) = app.overlay().cloned() else {
        panic!("E opens the entity list");
    };
    let ents = app.article_entities().expect("built").clone();
    // Grouped by type.
    let kinds: Vec<_> = items
        .iter()
        .map(|&(id, _)| ents.entity(id).expect("entity").kind)
        .collect();
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");
    keys(&mut app, "j j <Enter>");
    let (id, _) = items[2];
    assert_eq!(app.selected_entity(), Some(id));
    let first = ents.spots.iter().find(|s| s.entity == id).expect("mention");
    assert_eq!(app.mention_cursor(), Some(first));
    assert_eq!(app.position().map(|p| p.passage), Some(first.passage));
}

#[test]
fn render_keys_f_and_the_label_show_the_card_of_sullivan() {
    let mut app = seed_app(160, 45);
    keys(&mut app, "f");
    let label = label_of(&app, "설리번").expect("labelled");
    let spaced: Vec<String> = label.chars().map(|c| c.to_string()).collect();
    let out = support::command()
        .args([
            "render",
            "--size",
            "160x45",
            "--keys",
            &format!("f {} n", spaced.join(" ")),
            SEED,
        ])
        .output()
        .expect("run duet");
    let text = support::ok_stdout(&out);
    let card = text
        .lines()
        .find(|l| l.contains('◆'))
        .unwrap_or_else(|| panic!("no card:\n{text}"));
    assert!(card.contains("person") && card.contains("설리번") && card.contains("Sullivan"));
    let status = text.lines().last().unwrap_or_default();
    assert!(status.contains("mention 2/"), "{status}");
    // Label mode draws labels over the text.
    let out = support::command()
        .args(["render", "--size", "160x45", "--keys", "f", SEED])
        .output()
        .expect("run duet");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains(&format!("{label}리번")) || text.contains(&format!("{label} 리번")),
        "{text}"
    );
}

#[test]
fn bracket_e_walks_the_mentions_of_every_entity_in_reading_order() {
    let mut app = seed_app(160, 45);
    let ents = app.article_entities().expect("built").clone();
    assert!(ents.spots.len() > 5);
    // `]` alone waits for the rest of the sequence and says what it can be.
    keys(&mut app, "]");
    assert_eq!(app.pending_keys().map(<[_]>::len), Some(1));
    let screen = duet::tui::view::dump(&headless::draw(&app));
    let status = screen.lines().last().unwrap_or_default().to_string();
    assert!(status.contains("]e next mention of any entity"), "{status}");
    keys(&mut app, "e");
    assert!(app.pending_keys().is_none());
    let mut walked = vec![app.mention_cursor().cloned().expect("on a mention")];
    for _ in 0..4 {
        keys(&mut app, "] e");
        walked.push(app.mention_cursor().cloned().expect("on a mention"));
    }
    assert_eq!(
        walked,
        ents.spots[..5].to_vec(),
        "reading order, both columns"
    );
    keys(&mut app, "[ e");
    assert_eq!(app.mention_cursor(), Some(&ents.spots[3]));
    // Esc drops a started sequence without leaving the reader; an unknown second key is
    // taken on its own (`] j` moves down).
    keys(&mut app, "] <Esc>");
    assert!(app.reader().is_some() && app.pending_keys().is_none());
    let before = app.position();
    keys(&mut app, "] j");
    assert!(app.pending_keys().is_none());
    assert_ne!(app.position(), before);
}
