//! A centred modal list (the entity list, the articles that mention an entity, the pairing
//! picker): a titled box at most `max_width` wide and as tall as its lines, the selected line
//! highlighted and scrolled into view.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use crate::tui::app::App;
use crate::tui::view::widgets::paint::{fill, pane, put};

/// Draw `lines` (already sanitised) in a box over `area`; `sel` is highlighted.
pub fn draw(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    max_width: u16,
    lines: &[String],
    sel: usize,
) {
    let theme = app.theme();
    let amb = app.config().ambiguous;
    let w = area.width.saturating_sub(4).clamp(10, max_width);
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let r = Rect::new(
        area.x + (area.width.saturating_sub(w)) / 2,
        area.y + (area.height.saturating_sub(1).saturating_sub(h)) / 2,
        w,
        h,
    )
    .intersection(buf.area);
    // A wide glyph straddling the box's left edge would cover its border: blank it.
    if r.x > area.x {
        for y in r.top()..r.bottom() {
            let cell = &mut buf[(r.x - 1, y)];
            if cell.symbol().cell_width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(r, buf);
    pane(buf, r, title, true, theme, amb);
    let rows = usize::from(r.height.saturating_sub(2)).max(1);
    let first = sel.saturating_sub(rows - 1);
    let inner = r.width.saturating_sub(4);
    for (k, (i, line)) in lines.iter().enumerate().skip(first).take(rows).enumerate() {
        let y = r.y + 1 + k as u16;
        let style = if i == sel {
            fill(buf, r.x + 1, y, r.width.saturating_sub(2), theme.selected());
            theme.selected()
        } else {
            theme.plain()
        };
        put(buf, r.x + 2, y, inner, line, style, amb);
    }
}
