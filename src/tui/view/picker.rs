//! The "pair with…" picker: articles of the other language, best candidate first, each with
//! its language badge, title and score; the selected one is paired on `open`.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::{fill, pane, put};
use crate::text::sanitize;
use crate::text::width::pad;
use crate::tui::app::App;
use crate::tui::entries::EntryId;

pub fn draw(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    id: EntryId,
    items: &[(EntryId, String)],
    sel: usize,
) {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    let w = area.width.saturating_sub(4).clamp(10, 100);
    let h = (items.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let r = Rect::new(
        area.x + (area.width.saturating_sub(w)) / 2,
        area.y + (area.height.saturating_sub(1).saturating_sub(h)) / 2,
        w,
        h,
    );
    // A wide glyph straddling the overlay's left edge would cover its border: blank it.
    if r.x > area.x {
        for y in r.top()..r.bottom() {
            let cell = &mut buf[(r.x - 1, y)];
            if cell.symbol().cell_width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(r, buf);
    let of = app
        .entries
        .by_id(id)
        .and_then(|e| e.meta().map(|m| m.title.clone()))
        .unwrap_or_default();
    pane(
        buf,
        r,
        &format!("Pair with… {}", sanitize(&of)),
        true,
        theme,
        amb,
    );
    let inner = r.width.saturating_sub(4);
    for (i, (other, score)) in items.iter().enumerate() {
        let y = r.y + 1 + i as u16;
        if y + 1 >= r.bottom() {
            break;
        }
        let Some(e) = app.entries.by_id(*other) else {
            continue;
        };
        let (badge, title) = match e.meta() {
            Some(m) => (m.badge, sanitize(&m.display_title())),
            None => ("", String::new()),
        };
        let line = format!("{}  {}  {title}", pad(score, 4, amb), pad(badge, 5, amb));
        let style = if i == sel {
            fill(buf, r.x + 1, y, r.width.saturating_sub(2), theme.selected());
            theme.selected()
        } else {
            theme.plain()
        };
        put(buf, r.x + 2, y, inner, &line, style, amb);
    }
}
