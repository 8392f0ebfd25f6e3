//! The one list widget every list on screen is drawn with (the library, the help, the finder's
//! results, the bookmarks, the pair-with picker, the entity list, the articles of an entity):
//! the rows that fit, from the first row shown, the selected one highlighted. Its state is a
//! [`ListCursor`], which the list keys and the wheel move (`app/lists.rs`).

use ratatui::layout::Rect;
use ratatui::style::Style;

use super::paint::Painter;
use crate::tui::state::list_cursor::ListCursor;

/// A list of `len` rows over a cursor.
#[derive(Debug, Clone, Copy)]
pub struct List<'a> {
    cursor: &'a ListCursor,
    len: usize,
    /// Filled under the selected row (`None`: the row draws its own selection).
    highlight: Option<Style>,
    /// A list without a selection that only scrolls (the help): the cursor's `selected` is the
    /// first row shown.
    scroll_only: bool,
}

impl<'a> List<'a> {
    pub fn new(cursor: &'a ListCursor, len: usize) -> List<'a> {
        List {
            cursor,
            len,
            highlight: None,
            scroll_only: false,
        }
    }

    pub fn highlight(self, style: Style) -> List<'a> {
        List {
            highlight: Some(style),
            ..self
        }
    }

    pub fn scroll_only(self) -> List<'a> {
        List {
            scroll_only: true,
            ..self
        }
    }

    /// The first row shown when `rows` one-line rows fit.
    pub fn top(&self, rows: usize) -> usize {
        if self.scroll_only {
            self.cursor.selected.min(self.len.saturating_sub(rows))
        } else {
            self.cursor.top_for(rows)
        }
    }

    /// Draw the rows that fit in `area`, row `i` being `height(i)` lines tall (cut at the
    /// bottom); `row` draws one into its rectangle, told whether it is the selected one.
    pub fn draw(
        &self,
        p: &mut Painter<'_>,
        area: Rect,
        height: impl Fn(usize) -> u16,
        mut row: impl FnMut(&mut Painter<'_>, Rect, usize, bool),
    ) {
        let mut y = area.y;
        let mut i = self.top(usize::from(area.height));
        while i < self.len && y < area.bottom() {
            let h = height(i).max(1).min(area.bottom() - y);
            let r = Rect::new(area.x, y, area.width, h);
            let selected = !self.scroll_only && i == self.cursor.selected;
            if selected && let Some(style) = self.highlight {
                for line in r.top()..r.bottom() {
                    p.fill(r.x, line, r.width, style);
                }
            }
            row(p, r, i, selected);
            y += h;
            i += 1;
        }
    }
}
