//! The "pair with…" picker: articles of the other language, best candidate first, each with
//! its language badge, title and score; the selected one is paired on `open`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::sanitize;
use crate::text::width::pad;
use crate::tui::app::App;
use crate::tui::state::entries::EntryId;
use crate::tui::view::widgets::list_box;

pub fn draw(
    app: &App,
    buf: &mut Buffer,
    area: Rect,
    id: EntryId,
    items: &[(EntryId, String)],
    sel: usize,
) {
    let amb = app.config.ambiguous;
    let of = app
        .entries
        .by_id(id)
        .and_then(|e| e.meta().map(|m| m.title.clone()))
        .unwrap_or_default();
    let lines: Vec<String> = items
        .iter()
        .map(|(other, score)| {
            let (badge, title) = match app.entries.by_id(*other).and_then(|e| e.meta()) {
                Some(m) => (m.badge, sanitize(&m.display_title())),
                None => ("", String::new()),
            };
            format!("{}  {}  {title}", pad(score, 4, amb), pad(badge, 5, amb))
        })
        .collect();
    let title = format!("Pair with… {}", sanitize(&of));
    list_box::draw(app, buf, area, &title, 100, &lines, sel);
}
