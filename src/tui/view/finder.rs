//! The finder overlay: the query line (the terminal's cursor at the caret, so an input method
//! draws the syllable being composed there), the sources, and the results with the matched
//! characters highlighted (byte ranges from the matcher, drawn by `Painter::put_spans`, so Hangul's two
//! columns are counted like everywhere else); the last row previews the selected hit in the
//! other language (`App::finder_preview`).

use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;

use crate::search::{Hit, Source};
use crate::text::width::str_width;
use crate::tui::app::App;
use crate::tui::state::finder::FinderQuery;
use crate::tui::view::widgets::list::List;
use crate::tui::view::widgets::modal::Modal;
use crate::tui::view::widgets::paint::{At, Painter, Span};

/// Draw the finder; returns where the terminal's cursor goes (the query's caret).
pub fn draw(app: &App, p: &mut Painter<'_>, area: Rect, query: &FinderQuery) -> Option<Position> {
    let theme = &app.theme;
    let (source, _) = query.effective();
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
    let title = if app.finder_indexing() {
        format!("Find {}  indexing…", tabs.join(" "))
    } else {
        format!(
            "Find {}  {}/{}{}",
            tabs.join(" "),
            query.results.hits.len().min(query.results.total),
            query.results.total,
            if query.results.more { "+" } else { "" }
        )
    };
    let w = area.width.saturating_sub(4).clamp(20, 100);
    let h = area.height.saturating_sub(4).clamp(5, 24);
    let r = Modal::new(&title, w, h).upper_third().draw(p, area);
    let inner = Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    );
    if inner.width < 4 || inner.height < 2 {
        return None;
    }
    let used = p.put(At::new(inner.x, inner.y, inner.width, theme.accent()), "/ ");
    let qx = inner.x + used;
    let qw = p.put(
        At::new(qx, inner.y, inner.width - used, theme.plain()),
        &query.query,
    );
    let caret = Position::new((qx + qw).min(inner.right().saturating_sub(1)), inner.y);
    // The last row previews the selected hit in the other language (when there is room).
    let preview = query
        .hit()
        .filter(|_| inner.height >= 4)
        .and_then(|hit| app.finder_preview(source, hit));
    let rows = inner.height - 1 - u16::from(preview.is_some());
    if let Some(text) = &preview {
        let y = inner.bottom() - 1;
        let mw = p.put(At::new(inner.x, y, inner.width, theme.accent()), "⟷ ");
        let style = theme.plain().patch(theme.dim());
        p.put(
            At::new(inner.x + mw, y, inner.width.saturating_sub(mw), style),
            text,
        );
    }
    let results = Rect::new(inner.x, inner.y + 1, inner.width, rows);
    let hits = &query.results.hits;
    List::new(&query.list, hits.len()).draw(
        p,
        results,
        |_| 1,
        |p, row, k, selected| hit_row(app, p, row, source, &hits[k], selected),
    );
    Some(caret)
}

/// One result: the marker, the text with the matched characters highlighted, and where it is.
fn hit_row(app: &App, p: &mut Painter<'_>, row: Rect, source: Source, hit: &Hit, selected: bool) {
    let theme = &app.theme;
    let base = if selected {
        theme.plain().patch(theme.focus())
    } else {
        theme.plain()
    };
    let mark = if selected { "▶ " } else { "  " };
    let (x, y, width) = (row.x, row.y, row.width);
    let mw = p.put(At::new(x, y, width, base), mark);
    let note = app
        .finder_item(source, hit)
        .map(|(doc, it)| {
            let place = if it.note.is_empty() {
                doc
            } else {
                format!("{} · {doc}", it.note)
            };
            format!("  {place}")
        })
        .unwrap_or_default();
    let nw = (str_width(&note, p.amb) as u16).min(width / 3);
    let matched = theme
        .accent()
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let spans: Vec<Span> = hit.ranges.iter().map(|rg| (rg.clone(), matched)).collect();
    let text_w = width.saturating_sub(mw + nw);
    let tw = p.put_spans(
        At::new(x + mw, y, text_w, base),
        &hit.text,
        0..hit.text.len(),
        &spans,
    );
    let at = At::new(x + mw + tw.max(text_w), y, nw, base.patch(theme.dim()));
    p.put(at, &note);
}
