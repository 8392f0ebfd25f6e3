//! Drawing. `view(&App, &mut Frame)` reads the state and draws it; it changes nothing.
//!
//! All text goes through [`put`], which measures with the same width rules as the wrapper
//! (ambiguous-width setting included) and never writes past the width it is given.

pub mod bookmarks;
pub mod browser;
pub mod finder;
pub mod help;
pub mod highlight;
pub mod hints;
pub mod list_box;
pub mod picker;
pub mod reader;
pub mod status;

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders, Widget};

use super::app::App;
use super::overlay::Overlay;
use super::theme::Theme;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::cells;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if app.geom().too_small || area != app.geom().area {
        too_small(app, buf, area);
        return;
    }
    let g = app.geom();
    if let Some(b) = g.browser {
        browser::draw(app, buf, b);
    }
    if let Some(r) = g.reader {
        reader::draw(app, buf, r);
        hints::draw_card(app, buf);
    }
    status::draw(app, buf, g.status);
    match app.overlay() {
        Some(Overlay::Note(n)) => bookmarks::draw_note(app, n, frame.buffer_mut(), area),
        Some(Overlay::Bookmarks(sel)) => bookmarks::draw_list(app, *sel, frame.buffer_mut(), area),
        Some(Overlay::Picker {
            id,
            items,
            selected,
        }) => picker::draw(app, frame.buffer_mut(), area, *id, items, *selected),
        Some(Overlay::Help) => help::draw(app, frame.buffer_mut(), area),
        Some(Overlay::Finder(state)) => finder::draw(app, frame, area, state),
        Some(Overlay::Hints { hints, typed }) => {
            hints::draw_labels(app, frame.buffer_mut(), hints, typed)
        }
        Some(Overlay::Entities { items, selected }) => {
            hints::draw_list(app, frame.buffer_mut(), area, items, *selected)
        }
        Some(Overlay::EntityArticles {
            name,
            items,
            selected,
        }) => hints::draw_reach(app, frame.buffer_mut(), area, name, items, *selected),
        None => {}
    }
}

fn too_small(app: &App, buf: &mut Buffer, area: Rect) {
    let amb = app.config.ambiguous;
    let lines = [
        "duet needs more room".to_string(),
        format!(
            "at least {}x{}, now {}x{}",
            super::layout::MIN_WIDTH,
            super::layout::MIN_HEIGHT,
            area.width,
            area.height
        ),
    ];
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        if y < area.bottom() {
            put(buf, area.x, y, area.width, l, Style::new(), amb);
        }
    }
}

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
