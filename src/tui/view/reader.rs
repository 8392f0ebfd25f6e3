//! The reader pane: row-aligned pairs. Each side is wrapped to its own column (cached per width);
//! only the visible rows are drawn. The shorter side of a pair is padded with blank rows, so the
//! tops of every pair line up and both columns scroll as one.
//!
//! Highlights are a list (`highlight.rs`): the focused sentence, the selected entity's mentions,
//! each a byte range of one side with a kind.

use ratatui::layout::Rect;
use ratatui::style::Style;

use super::highlight::{self, Highlight, HighlightKind};
use crate::model::BlockKind;
use crate::text::wrap::Row;
use crate::tui::app::{App, Pane};
use crate::tui::state::doc::{Passage, PassageRows, indent};
use crate::tui::state::layout::{Columns, Geometry, Layout};
use crate::tui::theme::Theme;
use crate::tui::view::widgets::paint::{At, Painter, Span};

fn style_of(theme: &Theme, kind: HighlightKind) -> Style {
    match kind {
        HighlightKind::Sentence => theme.sentence(),
        HighlightKind::Entity => theme.selected(),
        HighlightKind::EntityCursor => theme.accent().add_modifier(
            ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::UNDERLINED,
        ),
    }
}

pub fn draw(app: &App, p: &mut Painter<'_>, area: Rect) {
    let theme = &app.theme;
    let focused = app.pane() == Pane::Reader;
    let Some((r, doc)) = app.open_doc() else {
        p.pane(area, "", focused);
        return;
    };
    p.pane(area, &doc.display_title(), focused);
    let Some(w) = r.wrapped() else { return };
    let g = app.geom();
    let text = g.text;
    let ctx = Ctx {
        theme,
        columns: w.columns,
        g,
    };
    let scroll = r.scroll();
    let focus = r.position().passage;
    let mut i = w.passage_at(scroll).unwrap_or(w.passages.len());
    for y in 0..text.height {
        let row = scroll + usize::from(y);
        while i < w.passages.len() && w.passages[i].top + w.passages[i].height <= row {
            i += 1;
        }
        let (Some(rows), Some(passage)) = (w.passages.get(i), doc.passages.get(i)) else {
            break;
        };
        let sy = text.y + y;
        let k = row - rows.top;
        let is_focus = i == focus;
        if k + 1 == rows.height {
            // A thin rule between pairs; a plain blank line between paragraphs of one language.
            if !g.single {
                rule(p, &ctx, sy, text);
            }
            continue;
        }
        if is_focus {
            p.fill(text.x + 1, sy, text.width.saturating_sub(1), theme.focus());
            p.put(At::new(text.x, sy, 1, theme.accent()), theme.symbols.gutter);
        }
        let base = if is_focus {
            theme.focus()
        } else {
            Style::new()
        };
        let mut hls = highlight::sentence(r, i);
        hls.extend(highlight::entity_mentions(app, i));
        let row = PassageRow {
            passage,
            rows,
            k,
            y: sy,
            base,
        };
        body_row(p, &ctx, &row, &hls);
    }
}

struct Ctx<'a> {
    theme: &'a Theme,
    columns: Columns,
    g: &'a Geometry,
}

/// Row `k` of a passage, drawn at screen row `y` over the `base` style.
struct PassageRow<'a> {
    passage: &'a Passage,
    rows: &'a PassageRows,
    k: usize,
    y: u16,
    base: Style,
}

fn rule(p: &mut Painter<'_>, ctx: &Ctx<'_>, y: u16, text: Rect) {
    let s = &ctx.theme.symbols;
    let x0 = ctx.g.left_x;
    let x1 = text.right().saturating_sub(1);
    for x in x0..x1 {
        let sym = if ctx.columns.layout == Layout::SideBySide && x == ctx.g.divider_x {
            s.cross
        } else {
            s.rule
        };
        p.put(At::new(x, y, 1, ctx.theme.dim()), sym);
    }
}

/// Row `k` of a passage: which side's row goes where comes from [`PassageRows::lines_at`].
fn body_row(p: &mut Painter<'_>, ctx: &Ctx<'_>, row: &PassageRow<'_>, hls: &[Highlight]) {
    let g = ctx.g;
    let passage = row.passage;
    // In a bilingual article, a block with no counterpart is set apart (italic).
    let base = if !g.single && (passage.ko.is_none() || passage.en.is_none()) {
        row.base.add_modifier(ratatui::style::Modifier::ITALIC)
    } else {
        row.base
    };
    let lines = row.rows.lines_at(row.k, &ctx.columns);
    let first = ctx.columns.first;
    let side_by_side = ctx.columns.layout == Layout::SideBySide;
    for side in [first, first.other()] {
        let (x, w) = if side_by_side && side != first {
            (g.right_x, g.right_w)
        } else {
            (g.left_x, g.left_w)
        };
        let spans: Vec<Span> = hls
            .iter()
            .filter(|h| h.side == side)
            .map(|h| (h.range.clone(), style_of(ctx.theme, h.kind)))
            .collect();
        let s = SideRow {
            kind: passage.kind,
            text: passage.text(side),
            rows: row.rows.rows(side),
            spans: &spans,
        };
        let at = At::new(x, row.y, w, base);
        if side_by_side {
            // Both columns always: a blank side of an unpaired block gets its marker.
            side_row(p, ctx.theme, &s, row.k, at, true);
        } else if let Some(j) = lines[side as usize] {
            side_row(p, ctx.theme, &s, j, at, false);
        }
    }
    if side_by_side {
        let at = At::new(g.divider_x, row.y, 1, ctx.theme.dim());
        p.put(at, ctx.theme.symbols.divider);
    }
}

/// One side of a passage: its block kind, text, wrapped rows and highlights.
struct SideRow<'a> {
    kind: BlockKind,
    text: Option<&'a str>,
    rows: &'a [Row],
    spans: &'a [Span],
}

/// Wrapped row `k` of one side, in the column `at` gives (with the row's base style); `marker`:
/// mark a side that has no text.
fn side_row(
    p: &mut Painter<'_>,
    theme: &Theme,
    side: &SideRow<'_>,
    k: usize,
    at: At,
    marker: bool,
) {
    let kind = side.kind;
    let Some(text) = side.text else {
        // An unpaired block: this side stays blank, with a dim marker on its first row.
        if marker && k == 0 {
            let dim = At {
                style: at.style.patch(theme.dim()),
                ..at
            };
            p.put(dim, theme.symbols.unpaired);
        }
        return;
    };
    let Some(row) = side.rows.get(k) else { return };
    let ind = indent(kind) as u16;
    if ind > 0 && at.width > ind {
        let lead = match kind {
            BlockKind::ListItem if k == 0 || is_first_row_of_line(text, row) => {
                theme.symbols.bullet
            }
            BlockKind::Quote => theme.symbols.quote,
            _ => "",
        };
        p.put(At::new(at.x, at.y, ind, at.style.patch(theme.dim())), lead);
    }
    let (x, w) = if at.width > ind {
        (at.x + ind, at.width - ind)
    } else {
        (at.x, at.width)
    };
    let body = At::new(x, at.y, w, at.style.patch(theme.block(kind)));
    p.put_spans(body, text, row.range(), side.spans);
}

/// Does this row start a new line of the block (a list item joined from several)?
fn is_first_row_of_line(text: &str, row: &Row) -> bool {
    row.start == 0 || text.as_bytes().get(row.start.wrapping_sub(1)) == Some(&b'\n')
}
