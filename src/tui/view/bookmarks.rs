//! The bookmark overlays: the note being typed, and the library's bookmarks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use crate::text::sanitize::fold_whitespace;
use crate::tui::app::App;
use crate::tui::state::bookmarks::Note;
use crate::tui::view::widgets::paint::{fill, pane, put};

/// A centred box of at most `w`×`h` inside `area` (above the status line).
fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height.saturating_sub(1)).max(1);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height.saturating_sub(1) - h) / 2,
        w,
        h,
    )
}

pub fn draw_note(app: &App, note: &Note, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    let r = centred(area, 76, 7);
    Clear.render(r, buf);
    let title = format!(
        "Bookmark pair {} — a note (Enter saves, Esc cancels)",
        note.at.passage + 1
    );
    pane(buf, r, &title, true, theme, amb);
    let inner = r.width.saturating_sub(4);
    let x = r.x + 2;
    let mut y = r.y + 1;
    for text in [&note.ko, &note.en] {
        if !text.is_empty() && y + 2 < r.bottom() {
            put(buf, x, y, inner, &fold_whitespace(text), theme.dim(), amb);
            y += 1;
        }
    }
    let y = r.bottom().saturating_sub(2);
    let used = put(buf, x, y, inner, "note: ", theme.accent(), amb);
    // The end of a long note stays in view.
    let room = usize::from(inner.saturating_sub(used + 1));
    let chars: Vec<char> = note.text.chars().collect();
    let shown: String = chars[chars.len().saturating_sub(room)..].iter().collect();
    let w = put(buf, x + used, y, inner - used, &shown, theme.plain(), amb);
    put(buf, x + used + w, y, 1, "▏", theme.accent(), amb);
}

pub fn draw_list(app: &App, selected: usize, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    let marks = app.store().bookmarks();
    let r = centred(area, area.width.saturating_sub(8).max(40), area.height);
    Clear.render(r, buf);
    pane(
        buf,
        r,
        &format!("Bookmarks ({}) — Enter opens, Esc closes", marks.len()),
        true,
        theme,
        amb,
    );
    let rows = usize::from(r.height.saturating_sub(2));
    if rows == 0 {
        return;
    }
    let top = selected.saturating_sub(rows - 1);
    let inner = r.width.saturating_sub(2);
    for (row, (i, b)) in marks.iter().enumerate().skip(top).take(rows).enumerate() {
        let y = r.y + 1 + row as u16;
        let style = if i == selected {
            fill(buf, r.x + 1, y, inner, theme.selected());
            theme.selected()
        } else {
            theme.plain()
        };
        let title = fold_whitespace(b.title.as_deref().unwrap_or(""));
        let what = match &b.note {
            Some(n) => format!("“{}”", fold_whitespace(n)),
            None => fold_whitespace(if b.ko.is_empty() { &b.en } else { &b.ko }),
        };
        let line = format!("¶{:<3} {}  ·  {}", b.pair + 1, what, title);
        put(buf, r.x + 2, y, inner.saturating_sub(2), &line, style, amb);
    }
}
