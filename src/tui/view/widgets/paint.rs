//! The width-aware painter: every string on screen goes through [`Painter::put`] or
//! [`Painter::put_spans`], which measure with the same width rules as the wrapper (the
//! ambiguous-width setting included), never write past the width they are given, and let no
//! control character or escape sequence reach the buffer. Also bordered panes, row fills, and
//! the text dump of a buffer.

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use crate::text::width::AmbiguousWidth;
use crate::text::wrap::cells;
use crate::tui::theme::Theme;

/// Where a string is painted: its first cell, the columns it may take, its style.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub style: Style,
}

impl At {
    pub fn new(x: u16, y: u16, width: u16, style: Style) -> At {
        At { x, y, width, style }
    }
}

/// A byte range of a text drawn with a style patched over the base (a sentence, an entity
/// mention, a finder match).
pub type Span = (Range<usize>, Style);

/// The buffer being drawn, with the theme and the width rules every string is measured by.
pub struct Painter<'a> {
    pub buf: &'a mut Buffer,
    pub theme: &'a Theme,
    pub amb: AmbiguousWidth,
}

impl<'a> Painter<'a> {
    pub fn new(buf: &'a mut Buffer, theme: &'a Theme, amb: AmbiguousWidth) -> Painter<'a> {
        Painter { buf, theme, amb }
    }

    /// Write `text`; returns the columns used.
    pub fn put(&mut self, at: At, text: &str) -> u16 {
        self.put_spans(at, text, 0..text.len(), &[])
    }

    /// Write `text[range]`, patching each span's style, in order, over the graphemes that start
    /// inside it; returns the columns used.
    pub fn put_spans(&mut self, at: At, text: &str, range: Range<usize>, spans: &[Span]) -> u16 {
        let area = self.buf.area;
        let At { x, y, style, .. } = at;
        if y < area.y || y >= area.bottom() || x >= area.right() {
            return 0;
        }
        let max = at.width.min(area.right() - x);
        let buf = &mut *self.buf;
        let mut used: u16 = 0;
        let mut full = false;
        cells(text, range, self.amb, usize::from(max), |c| {
            if full {
                return;
            }
            let w = c.width as u16;
            if used + w > max {
                full = true;
                return;
            }
            let cx = x + used;
            let st = spans
                .iter()
                .filter(|(r, _)| r.contains(&c.start))
                .fold(style, |st, (_, s)| st.patch(*s));
            let cell = &mut buf[(cx, y)];
            cell.set_symbol(c.symbol);
            cell.set_style(st);
            // A glyph the terminal draws wider than Unicode says (ambiguous = wide): tell the diff.
            if w as usize > c.symbol.cell_width() as usize {
                cell.set_diff_option(
                    NonZeroU16::new(w).map_or(CellDiffOption::None, CellDiffOption::ForcedWidth),
                );
            } else {
                cell.set_diff_option(CellDiffOption::None);
            }
            for k in 1..w {
                let covered = &mut buf[(cx + k, y)];
                covered.reset();
                covered.set_style(st);
            }
            used += w;
        });
        used
    }

    /// Blank a wide glyph of row `y` that straddles either edge of the cells `x..right`
    /// (drawing over them would leave half of it on screen, over what is drawn there).
    pub fn clear_edges(&mut self, x: u16, right: u16, y: u16) {
        let area = self.buf.area;
        if y < area.top() || y >= area.bottom() {
            return;
        }
        // A wide glyph starting just left of `x` covers `x`.
        if x > area.x && x <= area.right() && self.buf[(x - 1, y)].symbol().cell_width() > 1 {
            self.buf[(x - 1, y)].set_symbol(" ");
        }
        // The cell at `right` is the second half of a glyph that starts inside.
        if right < area.right() && self.buf[(right, y)].symbol().is_empty() {
            self.buf[(right, y)].set_symbol(" ");
        }
    }

    /// Fill a row segment with a style (background of a focused pair, a selected entry).
    pub fn fill(&mut self, x: u16, y: u16, width: u16, style: Style) {
        let r = Rect::new(x, y, width, 1).intersection(self.buf.area);
        self.buf.set_style(r, style);
    }

    /// A bordered pane with a title drawn by [`Painter::put`] (so titles obey the width rules
    /// too).
    pub fn pane(&mut self, area: Rect, title: &str, focused: bool) {
        let theme = self.theme;
        Block::new()
            .borders(Borders::ALL)
            .border_set(theme.symbols.border)
            .border_style(theme.border(focused))
            .render(area, self.buf);
        if area.width > 4 && !title.is_empty() {
            let style = if focused {
                theme.accent()
            } else {
                theme.plain()
            };
            // A title cut at the border says so.
            let room = usize::from(area.width - 4);
            let t = format!(" {} ", crate::text::width::truncate(title, room, self.amb));
            self.put(At::new(area.x + 1, area.y, area.width - 2, style), &t);
        }
    }
}

/// The screen as text: one line per row, a wide glyph written once (the cell it covers skipped),
/// trailing blanks trimmed. What `duet render` prints and the snapshots store.
pub fn dump(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            line.push_str(cell.symbol());
            x += cell.cell_width().max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
