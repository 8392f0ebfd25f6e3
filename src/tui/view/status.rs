//! The status bar: the key hints that matter now (from the keymap), a message if any, and the
//! position.

use ratatui::layout::Rect;

use crate::text::width::str_width;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::keys::key::KeySeq;
use crate::tui::view::widgets::paint::{At, Painter};

pub fn draw(app: &App, p: &mut Painter<'_>, area: Rect) {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    p.fill(area.x, area.y, area.width, theme.status());
    let right = position(app);
    let rw = str_width(&right, amb) as u16;
    let left_w = area.width.saturating_sub(rw + 4);
    let msg = app.status.as_ref().or(app.config_error.as_ref());
    match msg {
        Some(m) => {
            let style = if app.status.is_none() {
                theme.error()
            } else {
                theme.accent()
            };
            p.put(
                At::new(area.x + 1, area.y, left_w, theme.status().patch(style)),
                m,
            );
        }
        None => {
            // Whole hints only: drop the least important (before help and quit) until they fit.
            let mut items = key_hints(app);
            let fits = |v: &[String]| str_width(&v.join("  "), amb) <= usize::from(left_w);
            while !fits(&items) && items.len() > 2 {
                items.remove(items.len() - 3);
            }
            while !fits(&items) {
                items.pop();
            }
            let line = items.join("  ");
            p.put(At::new(area.x + 1, area.y, left_w, theme.status()), &line);
        }
    }
    if rw + 2 <= area.width {
        let style = theme.status().patch(theme.accent());
        p.put(At::new(area.right() - rw - 1, area.y, rw, style), &right);
    }
}

/// `j/k pair`, `s sentences`, `v layout`, `Tab pane`, `? help`, `q back` — from the keymap
/// table of the focused pane's mode, so a rebound key shows as rebound. (The help overlay
/// names its own keys in its title; an overlay with hints of its own adds a branch here.)
pub fn key_hints(app: &App) -> Vec<String> {
    let km = &app.config.keymap;
    if let Some(pending) = app.pending_keys() {
        // Part-way through a sequence: what each next key would do.
        let typed = KeySeq(pending.to_vec()).to_string();
        return km
            .continuations(app.mode(), pending)
            .into_iter()
            .map(|(rest, action)| format!("{typed}{rest} {}", action.description()))
            .collect();
    }
    if app.mode() == crate::tui::keys::mode::Mode::Labels {
        // `f`: say that label mode is on, and how it ends.
        let back = km.hint(app.mode(), &Action::Back).unwrap_or_default();
        return vec![
            "label mode: type a label to select its entity".into(),
            format!("{back} cancels"),
        ];
    }
    let mode = app.pane_mode();
    let k = |a: &Action| km.hint(mode, a).unwrap_or_default();
    let updown = format!("{}/{}", k(&Action::Down), k(&Action::Up));
    let reader = app.pane() == Pane::Reader && app.reader().is_some();
    let mut items: Vec<(String, &str)> = Vec::new();
    if reader && app.geom.single {
        items.push((updown, "block"));
    } else if reader {
        let sentence = app.position().is_some_and(|p| p.sentence.is_some());
        items.push((updown, if sentence { "sentence" } else { "pair" }));
        items.push((
            k(&Action::SentenceMode),
            if sentence { "pairs" } else { "sentences" },
        ));
        items.push((k(&Action::CycleLayout), "layout"));
        items.push((k(&Action::SwapSides), "swap"));
        items.push((
            format!("{}/{}", k(&Action::Narrower), k(&Action::Wider)),
            "ratio",
        ));
    } else {
        items.push((k(&Action::Open), "open"));
        items.push((updown, "move"));
    }
    if app.library.len() > 1 && app.reader().is_some() {
        items.push((k(&Action::FocusNext), "pane"));
    }
    items.push((k(&Action::Help), "help"));
    let back = if reader && app.library.len() > 1 {
        "back"
    } else {
        "quit"
    };
    items.push((k(&Action::Back), back));
    items
        .into_iter()
        .filter(|(key, _)| !key.is_empty())
        .map(|(key, what)| format!("{key} {what}"))
        .collect()
}

fn position(app: &App) -> String {
    let loading = if app.loading() {
        format!(
            "{}/{} loaded {}  ",
            app.done,
            app.library.len(),
            super::library::spinner(app)
        )
    } else {
        String::new()
    };
    match (app.pane(), app.open_doc()) {
        (Pane::Reader, Some((r, d))) => {
            let shown: Vec<usize> = r
                .wrapped()
                .map(|w| (0..w.passages.len()).filter(|&i| w.shown(i)).collect())
                .unwrap_or_default();
            let focus = r.position().passage;
            let at = shown.iter().position(|&i| i == focus).map_or(0, |p| p + 1);
            let what = if d.bilingual { "pair" } else { "block" };
            let layout = if app.geom.single {
                "one column"
            } else {
                app.geom.layout.map(|l| l.label()).unwrap_or("")
            };
            // Sentence mode: which sentence of the pair.
            let sentence = r
                .position()
                .sentence
                .zip(d.passages.get(focus))
                .map_or(String::new(), |(s, p)| {
                    format!(" · sentence {}/{}", s + 1, p.beads.len().max(1))
                });
            format!("{loading}{layout}  {what} {at}/{}{sentence}", shown.len())
        }
        _ if app.library.rows() == 0 => loading,
        _ => format!(
            "{loading}article {}/{}",
            app.library_cursor.selected + 1,
            app.library.rows()
        ),
    }
}
