//! A modal list of lines (the entity list, the articles that mention an entity, the pairing
//! picker, the bookmarks): the modal box, and in it the list, the selected line highlighted and
//! scrolled into view.

use ratatui::layout::Rect;

use super::list::List;
use super::modal::Modal;
use super::paint::{At, Painter};
use crate::tui::state::list_cursor::ListCursor;

/// Draw `lines` (already sanitised) in `modal` over `area`, the cursor's line selected.
pub fn draw(
    p: &mut Painter<'_>,
    area: Rect,
    modal: Modal<'_>,
    lines: &[String],
    cursor: &ListCursor,
) {
    let r = modal.draw(p, area);
    let inside = Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    );
    let (selected, plain) = (p.theme.selected(), p.theme.plain());
    List::new(cursor, lines.len()).highlight(selected).draw(
        p,
        inside,
        |_| 1,
        |p, row, i, is_selected| {
            let style = if is_selected { selected } else { plain };
            let at = At::new(row.x + 1, row.y, row.width.saturating_sub(2), style);
            p.put(at, &lines[i]);
        },
    );
}

/// The size of a list box of `lines` lines at most `max_width` wide, in `area`.
pub fn sized<'a>(title: &'a str, area: Rect, max_width: u16, lines: usize) -> Modal<'a> {
    let w = area.width.saturating_sub(4).clamp(10, max_width);
    let h = (lines as u16 + 2).min(area.height.saturating_sub(2)).max(3);
    Modal::new(title, w, h)
}
