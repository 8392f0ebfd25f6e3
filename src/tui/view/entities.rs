//! Entities on screen: the labels drawn over the mentions (`f`), the selected entity's one-line
//! card, the entity list overlay (`E`) and the articles that mention the entity (`A`). Its
//! mentions are highlights (`highlight.rs`).

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Clear, Widget};

use crate::text::sanitize;
use crate::text::sanitize::fold_whitespace;
use crate::text::width::pad;
use crate::tui::app::App;
use crate::tui::state::entities::screen_at;
use crate::tui::state::layout::Layout;
use crate::tui::state::overlay::{EntityArticles, EntityList, Labels};
use crate::tui::view::widgets::list_box;
use crate::tui::view::widgets::paint::{At, Painter};

/// The labels over the first cells of their mentions; labels not matching what was typed are
/// left out.
pub fn draw_labels(app: &App, p: &mut Painter<'_>, labels: &Labels) {
    let typed = labels.typed.as_str();
    let (Some(r), Some(ents)) = (app.reader(), app.article_entities()) else {
        return;
    };
    let theme = app.theme();
    let amb = app.config().ambiguous;
    let style = theme.accent().add_modifier(Modifier::REVERSED);
    let area = p.buf.area;
    for h in &labels.labels {
        if !h.label.starts_with(typed) {
            continue;
        }
        let Some(spot) = ents.spots.get(h.spot) else {
            continue;
        };
        let Some((x, y)) = screen_at(r, app.geom(), amb, spot) else {
            continue;
        };
        let label = &h.label[typed.len()..];
        let w = label.len() as u16;
        if y >= area.bottom() || x + w > area.right() {
            continue;
        }
        p.clear_edges(x, x + w, y);
        p.put(At::new(x, y, w, style), label);
    }
}

/// The selected entity's card on the last text row of the column that has the mention the
/// cursor is on (side by side: the left or the right column; else the whole text width).
pub fn draw_card(app: &App, p: &mut Painter<'_>) {
    let Some(card) = app.entity_card() else {
        return;
    };
    let g = app.geom();
    let t = g.text;
    if t.height < 3 {
        return;
    }
    let y = t.bottom() - 1;
    let columns = app.reader().and_then(|r| r.wrapped()).map(|w| w.columns);
    let row = match (app.mention_cursor(), columns) {
        (Some(spot), Some(c)) if c.layout == Layout::SideBySide && g.divider_x > t.x => {
            if spot.side == c.first {
                Rect::new(t.x, y, g.divider_x - t.x, 1)
            } else {
                let x = g.divider_x + 1;
                Rect::new(x, y, t.right().saturating_sub(x), 1)
            }
        }
        _ => Rect::new(t.x, y, t.width, 1),
    }
    .intersection(p.buf.area);
    let theme = app.theme();
    // The card takes its whole row: no text of the row under it shows past its end.
    p.clear_edges(row.x, row.right(), y);
    Clear.render(row, p.buf);
    p.fill(row.x, y, row.width, theme.status());
    let style = theme.status().add_modifier(Modifier::BOLD);
    p.put(
        At::new(row.x + 1, y, row.width.saturating_sub(2), style),
        &format!("◆ {card}"),
    );
}

/// `E`: the article's entities grouped by type, with their mention counts.
pub fn draw_list(app: &App, p: &mut Painter<'_>, area: Rect, list: &EntityList) {
    let Some(ents) = app.article_entities() else {
        return;
    };
    let amb = app.config().ambiguous;
    let lines: Vec<String> = list
        .items
        .iter()
        .map(|&(id, n)| {
            let Some(e) = ents.entity(id) else {
                return String::new();
            };
            let name = match (e.names.ko.first(), e.names.en.first()) {
                (Some(ko), Some(en)) => format!("{ko} · {en}"),
                (Some(one), None) | (None, Some(one)) => one.clone(),
                (None, None) => String::new(),
            };
            format!(
                "{}  {}  {}",
                pad(e.kind.name(), 6, amb),
                pad(&n.to_string(), 3, amb),
                sanitize(&name)
            )
        })
        .collect();
    let modal = list_box::sized("Entities", area, 90, lines.len());
    list_box::draw(p, area, modal, &lines, &list.list);
}

/// `A`: the articles that mention the selected entity, newest first: date, outlet, mentions,
/// title (the one open now marked).
pub fn draw_reach(app: &App, p: &mut Painter<'_>, area: Rect, list: &EntityArticles) {
    let (name, items) = (&list.name, &list.items);
    let amb = app.config().ambiguous;
    let mentions: usize = items.iter().map(|i| i.mentions).sum();
    let title = format!(
        "{} — {} article{}, {mentions} mention{} · Enter opens",
        fold_whitespace(&sanitize(name)),
        items.len(),
        if items.len() == 1 { "" } else { "s" },
        if mentions == 1 { "" } else { "s" },
    );
    let here = app.reader().map(|r| r.entry());
    let field = |s: &Option<String>, w: usize| {
        let t = s.as_deref().map(|t| fold_whitespace(&sanitize(t)));
        pad(t.as_deref().unwrap_or("—"), w, amb)
    };
    let lines: Vec<String> = items
        .iter()
        .map(|item| {
            let date = item
                .published
                .as_ref()
                .map(|d| d.chars().take(10).collect());
            format!(
                "{} {}  {}  {:>3}×  {}",
                if Some(item.entry) == here { "▸" } else { " " },
                field(&date, 10),
                field(&item.outlet, 14),
                item.mentions,
                fold_whitespace(&sanitize(&item.title)),
            )
        })
        .collect();
    let modal = list_box::sized(&title, area, 110, lines.len());
    list_box::draw(p, area, modal, &lines, &list.list);
}
