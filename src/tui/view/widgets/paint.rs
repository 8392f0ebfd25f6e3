//! The width-aware painter: every string on screen goes through [`put`] / [`put_spans`], which
//! measure with the same width rules as the wrapper (ambiguous-width setting included) and never
//! write past the width they are given; bordered panes, row fills, and the text dump of a buffer.

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use crate::text::width::AmbiguousWidth;
use crate::text::wrap::cells;
use crate::tui::theme::Theme;

/// A bordered pane with a title drawn by [`put`] (so titles obey the width rules too).
pub fn pane(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    focused: bool,
    theme: &Theme,
    amb: AmbiguousWidth,
) {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.symbols.border)
        .border_style(theme.border(focused))
        .render(area, buf);
    if area.width > 4 && !title.is_empty() {
        let t = format!(" {title} ");
        let style = if focused {
            theme.accent()
        } else {
            theme.plain()
        };
        put(buf, area.x + 1, area.y, area.width - 2, &t, style, amb);
    }
}

/// Write `text` at (x, y), at most `max` columns; returns the columns used. Control characters
/// and escape sequences never reach the buffer.
pub fn put(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    text: &str,
    style: Style,
    amb: AmbiguousWidth,
) -> u16 {
    put_spans(buf, x, y, max, text, 0..text.len(), style, &[], amb)
}

/// A byte range of a text drawn with a style patched over the base (a sentence, an entity
/// mention, a finder match).
pub type Span = (Range<usize>, Style);

/// Write `text[range]`, patching each span's style, in order, over the graphemes that start
/// inside it.
#[allow(clippy::too_many_arguments)]
pub fn put_spans(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    text: &str,
    range: Range<usize>,
    style: Style,
    spans: &[Span],
    amb: AmbiguousWidth,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.bottom() || x >= area.right() {
        return 0;
    }
    let max = max.min(area.right() - x);
    let mut used: u16 = 0;
    let mut full = false;
    cells(text, range, amb, usize::from(max), |c| {
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

/// Fill a row segment with a style (background of a focused pair, a selected entry).
pub fn fill(buf: &mut Buffer, x: u16, y: u16, w: u16, style: Style) {
    let r = Rect::new(x, y, w, 1).intersection(buf.area);
    buf.set_style(r, style);
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
