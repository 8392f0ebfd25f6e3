//! The finder overlay: the query line (the terminal's cursor at the caret, so an input method
//! draws the syllable being composed there), the sources, and the results with the matched
//! characters highlighted (byte ranges from the matcher, drawn by `put_spans`, so Hangul's two
//! columns are counted like everywhere else); the last row previews the selected hit in the
//! other language (`App::finder_preview`).

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::widgets::{Clear, Widget};

use crate::search::Source;
use crate::text::width::str_width;
use crate::tui::app::App;
use crate::tui::state::finder::FinderState;
use crate::tui::view::widgets::paint::{Span, pane, put, put_spans};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, state: &FinderState) {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    let w = area.width.saturating_sub(4).clamp(20, 100).min(area.width);
    let h = area.height.saturating_sub(4).clamp(5, 24).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 3,
        w,
        h,
    );
    let buf = frame.buffer_mut();
    // A wide glyph straddling the overlay's left edge would cover its border: blank it.
    if r.x > area.x {
        for y in r.top()..r.bottom() {
            let cell = &mut buf[(r.x - 1, y)];
            if cell.symbol().cell_width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(r, buf);
    let (source, _) = state.effective();
    let tabs: Vec<String> = Source::ALL
        .iter()
        .map(|s| {
            if *s == source {
                format!("[{}]", s.name())
            } else {
                s.name().to_string()
            }
        })
        .collect();
    let title = format!(
        "Find {}  {}/{}",
        tabs.join(" "),
        state.results.hits.len().min(state.results.total),
        state.results.total
    );
    pane(buf, r, &title, true, theme, amb);
    let inner = Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    );
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    let prompt = "/ ";
    let used = put(
        buf,
        inner.x,
        inner.y,
        inner.width,
        prompt,
        theme.accent(),
        amb,
    );
    let qx = inner.x + used;
    let qw = put(
        buf,
        qx,
        inner.y,
        inner.width - used,
        &state.query,
        theme.plain(),
        amb,
    );
    let caret = Position::new((qx + qw).min(inner.right().saturating_sub(1)), inner.y);
    // The last row previews the selected hit in the other language (when there is room).
    let preview = state
        .results
        .hits
        .get(state.selected)
        .filter(|_| inner.height >= 4)
        .and_then(|hit| app.finder_preview(hit));
    let rows = usize::from(inner.height - 1) - usize::from(preview.is_some());
    if let Some(text) = &preview {
        let y = inner.bottom() - 1;
        let mark = "⟷ ";
        let mw = put(buf, inner.x, y, inner.width, mark, theme.accent(), amb);
        put(
            buf,
            inner.x + mw,
            y,
            inner.width.saturating_sub(mw),
            text,
            theme.plain().patch(theme.dim()),
            amb,
        );
    }
    let top = state.selected.saturating_sub(rows.saturating_sub(1));
    for (k, hit) in state.results.hits.iter().enumerate().skip(top).take(rows) {
        let y = inner.y + 1 + (k - top) as u16;
        let selected = k == state.selected;
        let base = if selected {
            theme.plain().patch(theme.focus())
        } else {
            theme.plain()
        };
        let mark = if selected { "▶ " } else { "  " };
        let mw = put(buf, inner.x, y, inner.width, mark, base, amb);
        let item = app.finder_item(hit);
        let note = item
            .map(|(doc, it)| {
                let place = if it.note.is_empty() {
                    doc
                } else {
                    it.note.clone() + " · " + &doc
                };
                format!("  {place}")
            })
            .unwrap_or_default();
        let nw = (str_width(&note, amb) as u16).min(inner.width / 3);
        let spans: Vec<Span> = hit
            .ranges
            .iter()
            .map(|rg| {
                (
                    rg.clone(),
                    theme
                        .accent()
                        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                )
            })
            .collect();
        let text_w = inner.width.saturating_sub(mw + nw);
        let tw = put_spans(
            buf,
            inner.x + mw,
            y,
            text_w,
            &hit.text,
            0..hit.text.len(),
            base,
            &spans,
            amb,
        );
        put(
            buf,
            inner.x + mw + tw.max(text_w),
            y,
            nw,
            &note,
            base.patch(theme.dim()),
            amb,
        );
    }
    frame.set_cursor_position(caret);
}
