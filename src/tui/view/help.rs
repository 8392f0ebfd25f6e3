//! The help overlay, generated from the keymap itself (its title names the keys that close it).

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use crate::text::width::{pad, str_width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keys::mode::Mode;
use crate::tui::view::widgets::paint::{pane, put};

/// `Keys (? or Esc to close)`, with the keys the help mode actually closes on.
pub fn title(app: &App) -> String {
    let km = &app.config.keymap;
    let keys: Vec<String> = [Action::Help, Action::Back]
        .iter()
        .filter_map(|a| km.hint(Mode::Help, a))
        .collect();
    if keys.is_empty() {
        "Keys".into()
    } else {
        format!("Keys ({} to close)", keys.join(" or "))
    }
}

pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    let rows = app.config.keymap.help_rows();
    let kw = rows
        .iter()
        .map(|(k, _)| str_width(k, amb))
        .max()
        .unwrap_or(0);
    let want_w = rows
        .iter()
        .map(|(_, d)| kw + 3 + str_width(d, amb))
        .max()
        .unwrap_or(20)
        + 4;
    let w = (want_w as u16).min(area.width.saturating_sub(2));
    let h = (rows.len() as u16 + 4).min(area.height.saturating_sub(1));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height.saturating_sub(1) - h) / 2,
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
    pane(buf, r, &title(app), true, theme, amb);
    let inner_w = w.saturating_sub(4);
    // Rows between the top border and the note line; scrolled, never past the last page.
    let visible = usize::from(h.saturating_sub(3));
    let top = app.help_top().min(rows.len().saturating_sub(visible));
    for (i, (keys, desc)) in rows.iter().skip(top).take(visible).enumerate() {
        let y = r.y + 1 + i as u16;
        let used = put(
            buf,
            r.x + 2,
            y,
            inner_w,
            &pad(keys, kw, amb),
            theme.accent(),
            amb,
        );
        put(
            buf,
            r.x + 2 + used + 2,
            y,
            inner_w.saturating_sub(used + 2),
            desc,
            theme.plain(),
            amb,
        );
    }
    // Say which keys scroll, as the user bound them.
    let key = |a: Action| app.config.keymap.hint(Mode::Help, &a).unwrap_or_default();
    let more = if top + visible < rows.len() {
        format!(
            "↓ {} more ({}) · ",
            rows.len() - top - visible,
            key(Action::Down)
        )
    } else if top > 0 {
        format!("↑ more ({}) · ", key(Action::Up))
    } else {
        String::new()
    };
    let note = format!("{more}wheel scrolls, click selects · config.toml [keys.MODE]");
    put(
        buf,
        r.x + 2,
        r.bottom() - 2,
        inner_w,
        &note,
        theme.dim(),
        amb,
    );
}
