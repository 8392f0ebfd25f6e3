//! The "pair with…" picker: articles of the other language, best candidate first, each with
//! its language badge, title and score; the selected one is paired on `open`.

use ratatui::layout::Rect;

use crate::text::sanitize;
use crate::text::width::pad;
use crate::tui::app::App;
use crate::tui::state::overlay::Picker;
use crate::tui::view::widgets::list_box;
use crate::tui::view::widgets::paint::Painter;

pub fn draw(app: &App, p: &mut Painter<'_>, area: Rect, picker: &Picker) {
    let amb = p.amb;
    let of = app
        .library
        .by_id(picker.id)
        .and_then(|e| e.meta().map(|m| m.title.clone()))
        .unwrap_or_default();
    let lines: Vec<String> = picker
        .items
        .iter()
        .map(|(other, score)| {
            let (badge, title) = match app.library.by_id(*other).and_then(|e| e.meta()) {
                Some(m) => (m.badge, sanitize(&m.display_title())),
                None => ("", String::new()),
            };
            format!("{}  {}  {title}", pad(score, 4, amb), pad(badge, 5, amb))
        })
        .collect();
    let title = format!("Pair with… {}", sanitize(&of));
    let modal = list_box::sized(&title, area, 100, lines.len());
    list_box::draw(p, area, modal, &lines, &picker.list);
}
