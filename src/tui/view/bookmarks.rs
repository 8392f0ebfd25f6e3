//! The bookmark overlays: the note being typed, and the library's bookmarks.

use ratatui::layout::Rect;

use crate::text::sanitize::fold_whitespace;
use crate::tui::app::App;
use crate::tui::state::bookmarks::{Marked, Note};
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::view::widgets::list_box;
use crate::tui::view::widgets::modal::Modal;
use crate::tui::view::widgets::paint::{At, Painter};

pub fn draw_note(p: &mut Painter<'_>, area: Rect, note: &Note) {
    let theme = p.theme;
    let saves = match note.marked {
        Marked::Article(_) => "Enter saves",
        Marked::File(..) => "Enter saves it in the library",
    };
    let title = format!(
        "Bookmark pair {} — a note ({saves}, Esc cancels)",
        note.at.passage + 1
    );
    let r = Modal::new(&title, 76, 7).draw(p, area);
    let inner = r.width.saturating_sub(4);
    let x = r.x + 2;
    let mut y = r.y + 1;
    for text in [&note.ko, &note.en] {
        if !text.is_empty() && y + 2 < r.bottom() {
            p.put(At::new(x, y, inner, theme.dim()), &fold_whitespace(text));
            y += 1;
        }
    }
    let y = r.bottom().saturating_sub(2);
    let used = p.put(At::new(x, y, inner, theme.accent()), "note: ");
    // The end of a long note stays in view.
    let room = usize::from(inner.saturating_sub(used + 1));
    let chars: Vec<char> = note.text.chars().collect();
    let shown: String = chars[chars.len().saturating_sub(room)..].iter().collect();
    let w = p.put(At::new(x + used, y, inner - used, theme.plain()), &shown);
    p.put(At::new(x + used + w, y, 1, theme.accent()), "▏");
}

pub fn draw_list(app: &App, p: &mut Painter<'_>, area: Rect, cursor: &ListCursor) {
    let marks = app.disk().bookmarks();
    let title = format!("Bookmarks ({}) — Enter opens, Esc closes", marks.len());
    let modal = Modal::new(&title, area.width.saturating_sub(8).max(40), area.height);
    let lines: Vec<String> = marks
        .iter()
        .map(|b| {
            let title = fold_whitespace(b.title.as_deref().unwrap_or(""));
            let what = match &b.note {
                Some(n) => format!("“{}”", fold_whitespace(n)),
                None => fold_whitespace(if b.ko.is_empty() { &b.en } else { &b.ko }),
            };
            format!("¶{:<3} {}  ·  {}", b.pair + 1, what, title)
        })
        .collect();
    list_box::draw(p, area, modal, &lines, cursor);
}
