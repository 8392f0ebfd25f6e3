//! The selected entity across the library (issues 8 and 10): the card counts its mentions in
//! every article, `A` lists the articles that mention it newest first, Enter opens one at the
//! mention with the entity still selected. On two bundled articles that both name 푸틴: opened as
//! paths (the finder's entity index across them), in a library on disk (the library's entity
//! index, looked up on a job), and through the real binary (`duet render --keys`).

mod support;

use std::path::PathBuf;

use duet::library::{Home, Library};
use duet::tui::app::App;
use duet::tui::keys::config::Config;
use duet::tui::run::headless::{self, parse_keys, press};
use duet::tui::state::layout::Side;
use duet::tui::state::overlay::{EntityArticles, EntityList, Overlay};

/// 2023-09-13, and undated: the dated one is the newer in the list's order.
const DATED: &str = "assets/articles/000_11a10f181be35a82.txt";
const UNDATED: &str = "assets/articles/002_9f5e0e2176ba1b1a.txt";

fn path(p: &str) -> PathBuf {
    support::repo().join(p)
}

fn keys(app: &mut App, k: &str) {
    press(app, &parse_keys(k).expect("keys"));
}

fn open_title(app: &App) -> String {
    app.reader()
        .expect("an article is open")
        .doc()
        .title
        .clone()
}

/// Keys that open the article whose path ends with `name` from the top of the list.
fn open_keys(app: &App, name: &str) -> String {
    let row = (0..app.rows())
        .find(|&r| {
            app.row(r).is_some_and(|(e, _)| {
                e.path().to_string_lossy().ends_with(name) || {
                    // A library entry's copy is named by hash: match by title instead.
                    e.meta().is_some_and(|m| m.title.contains(title_of(name)))
                }
            })
        })
        .expect("listed");
    format!("g {} <Enter>", "j ".repeat(row))
}

fn title_of(name: &str) -> &'static str {
    if name.contains("000_") {
        "잃을 게 많다"
    } else {
        "北무기 추가로 최전선으로"
    }
}

/// Keys that select 푸틴 with `f` and its label: the entity list (`E`) brings its first mention
/// on screen, then `f` labels it.
fn select_putin_keys(app: &mut App) -> String {
    keys(app, "E");
    let Some(Overlay::Entities(EntityList { items, .. })) = app.overlay().cloned() else {
        panic!("E lists the entities");
    };
    let ents = app.article_entities().expect("built").clone();
    let k = items
        .iter()
        .position(|&(id, _)| {
            ents.entity(id)
                .is_some_and(|e| e.names.ko.iter().any(|n| n == "푸틴"))
        })
        .expect("푸틴 in the list");
    let mut typed = format!("E {}<Enter> <Esc>", "j ".repeat(k));
    keys(app, &format!("{}<Enter> <Esc> f", "j ".repeat(k)));
    let label = app
        .labels()
        .iter()
        .find(|h| {
            ents.spots
                .get(h.spot)
                .and_then(|s| ents.entity(s.entity))
                .is_some_and(|e| e.names.ko.iter().any(|n| n == "푸틴"))
        })
        .map(|h| h.label.clone())
        .expect("푸틴 labelled");
    let spaced: Vec<String> = label.chars().map(|c| c.to_string()).collect();
    keys(app, &spaced.join(" "));
    typed.push_str(&format!(" f {}", spaced.join(" ")));
    typed
}

fn selected_names(app: &App) -> Vec<String> {
    let ents = app.article_entities().expect("built");
    let e = ents
        .entity(app.selected_entity().expect("an entity is selected"))
        .expect("entity");
    e.names.ko.clone()
}

/// The whole flow on an app holding both articles; returns the keys typed.
fn the_flow(app: &mut App, library_wide: Option<(usize, usize)>) -> String {
    let mut typed = open_keys(app, UNDATED);
    keys(app, &typed);
    assert!(open_title(app).contains("최전선"), "{}", open_title(app));
    typed.push(' ');
    typed.push_str(&select_putin_keys(app));
    assert!(
        selected_names(app).iter().any(|n| n == "푸틴"),
        "{:?} {typed} {:?}",
        selected_names(app),
        app.status()
    );
    // The card: here, and across the library.
    let card = app.entity_card().expect("card");
    let reach = app.entity_reach().expect("reach known").clone();
    assert_eq!(reach.articles.len(), 2, "{reach:?}");
    if let Some((mentions, articles)) = library_wide {
        assert_eq!((reach.mentions, reach.articles.len()), (mentions, articles));
    }
    assert!(
        card.contains(&format!("{} in library (2 articles)", reach.mentions)),
        "{card}"
    );
    // A: both articles, newest first; the other one is selected.
    keys(app, "A");
    typed.push_str(" A");
    let Some(Overlay::EntityArticles(EntityArticles { items, list, .. })) = app.overlay().cloned()
    else {
        panic!("A opens the list: {:?}", app.status());
    };
    assert_eq!(items.len(), 2);
    assert!(items[0].title.contains("잃을 게 많다"), "{items:?}");
    assert_eq!(
        items[0].published.as_deref().map(|d| &d[..10]),
        Some("2023-09-13")
    );
    assert!(items[1].title.contains("최전선"), "{items:?}");
    assert_eq!(items[1].published, None);
    assert_eq!(list.selected, 0, "the other article is selected");
    assert!(items.iter().all(|i| i.mentions >= 1));
    // Enter: the other article, at the mention, 푸틴 still selected.
    keys(app, "<Enter>");
    assert!(app.overlay().is_none());
    assert!(
        open_title(app).contains("잃을 게 많다"),
        "{}",
        open_title(app)
    );
    let at = app.position().expect("position");
    assert_eq!(at.passage, items[0].at.passage);
    assert!(
        selected_names(app).iter().any(|n| n.contains("푸틴")),
        "{:?}",
        selected_names(app)
    );
    let doc = app.reader().expect("open").doc();
    let passage = &doc.passages[at.passage];
    let shown = format!(
        "{} {}",
        passage.text(Side::Ko).unwrap_or(""),
        passage.text(Side::En).unwrap_or("")
    );
    assert!(shown.contains("푸틴"), "{shown}");
    let cursor = app.mention_cursor().expect("cursor on a mention");
    assert_eq!(cursor.passage, at.passage);
    typed
}

#[test]
fn paths_count_and_list_from_the_loaded_articles() {
    let mut app = headless::app_with(
        &[path(DATED), path(UNDATED)],
        200,
        50,
        Config::default(),
        true,
    );
    the_flow(&mut app, None);
}

#[test]
fn a_library_on_disk_answers_from_its_entity_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = Home::at(dir.path().join("lib"));
    let (lib, _) = Library::open(home).expect("open");
    lib.import(&[path(DATED), path(UNDATED)], &mut |_, _| {})
        .expect("import");
    let mut app = headless::app_with_library(&lib, 200, 50, Config::default(), true)
        .expect("app on the library");
    // The figures are the library's own.
    let probe = {
        let mut probe =
            headless::app_with_library(&lib, 200, 50, Config::default(), true).expect("app");
        let open = open_keys(&probe, UNDATED);
        keys(&mut probe, &open);
        select_putin_keys(&mut probe);
        let ents = probe.article_entities().expect("built").clone();
        let e = ents
            .entity(probe.selected_entity().expect("selected"))
            .expect("entity")
            .clone();
        lib.entity_reach(&e).expect("reach")
    };
    the_flow(&mut app, Some((probe.mentions, probe.articles.len())));
}

#[test]
fn render_keys_show_the_list_and_open_the_other_article() {
    let mut app = headless::app_with(
        &[path(DATED), path(UNDATED)],
        200,
        50,
        Config::default(),
        true,
    );
    let typed = the_flow(&mut app, None);
    let render = |keys: &str, size: &str| support::duet_render(size, keys, &[DATED, UNDATED]);
    let text = render(&typed, "200x50");
    let card = text
        .lines()
        .find(|l| l.contains('◆'))
        .unwrap_or_else(|| panic!("no card:\n{text}"));
    assert!(
        card.contains("푸틴") && card.contains("in library (2 articles)"),
        "{card}"
    );
    let list = text
        .lines()
        .find(|l| l.contains("2 articles,"))
        .unwrap_or_else(|| panic!("no list:\n{text}"));
    assert!(list.contains("푸틴"), "{list}");
    let newer = text
        .lines()
        .position(|l| l.contains("2023-09-13") && l.contains("잃을 게 많다"));
    let older = text
        .lines()
        .position(|l| l.contains("최전선") && l.contains("×"));
    assert!(
        matches!((newer, older), (Some(a), Some(b)) if a < b),
        "newest first:\n{text}"
    );
    // Enter opens the other article at the mention; 푸틴's card is there.
    let text = render(&format!("{typed} <Enter>"), "200x50");
    assert!(
        text.lines()
            .next()
            .is_some_and(|l| l.contains("잃을 게 많다")),
        "{text}"
    );
    let card = text
        .lines()
        .find(|l| l.contains('◆'))
        .unwrap_or_else(|| panic!("no card:\n{text}"));
    assert!(card.contains("푸틴"), "{card}");
    // At 80x24 the list fits and stays one line a row, Korean cut whole.
    let text = render(&typed, "80x24");
    assert!(text.lines().any(|l| l.contains("2 articles,")), "{text}");
    for l in text.lines() {
        assert!(
            duet::text::width::str_width(l, duet::text::width::AmbiguousWidth::Narrow) <= 80,
            "{l}"
        );
    }
}
