//! The help overlay, generated from the keymap itself (its title names the keys that close it).

use ratatui::layout::Rect;

use crate::text::width::{pad, str_width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keys::mode::Mode;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::view::widgets::list::List;
use crate::tui::view::widgets::modal::Modal;
use crate::tui::view::widgets::paint::{At, Painter};

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

pub fn draw(app: &App, p: &mut Painter<'_>, area: Rect, top: &ListCursor) {
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
    let title = title(app);
    let modal = Modal::new(&title, want_w as u16, rows.len() as u16 + 4);
    let r = modal.draw(p, area);
    let inner_w = r.width.saturating_sub(4);
    // Rows between the top border and the note line; scrolled, never past the last page.
    let visible = r.height.saturating_sub(3);
    let list = List::new(top, rows.len()).scroll_only();
    let shown = list.top(usize::from(visible));
    list.draw(
        p,
        Rect::new(r.x + 2, r.y + 1, inner_w, visible),
        |_| 1,
        |p, row, i, _| {
            let (keys, desc) = &rows[i];
            let at = At::new(row.x, row.y, row.width, theme.accent());
            let used = p.put(at, &pad(keys, kw, amb));
            let at = At::new(
                row.x + used + 2,
                row.y,
                row.width.saturating_sub(used + 2),
                theme.plain(),
            );
            p.put(at, desc);
        },
    );
    // Say which keys scroll, as the user bound them.
    let key = |a: Action| app.config.keymap.hint(Mode::Help, &a).unwrap_or_default();
    let visible = usize::from(visible);
    let more = if shown + visible < rows.len() {
        format!(
            "↓ {} more ({}) · ",
            rows.len() - shown - visible,
            key(Action::Down)
        )
    } else if shown > 0 {
        format!("↑ more ({}) · ", key(Action::Up))
    } else {
        String::new()
    };
    let note = format!("{more}wheel scrolls, click selects · config.toml [keys.MODE]");
    let at = At::new(r.x + 2, r.bottom() - 2, inner_w, theme.dim());
    p.put(at, &note);
}
