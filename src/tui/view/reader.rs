//! The reader pane: row-aligned pairs. Each side is wrapped to its own column (cached per width);
//! only the visible rows are drawn. The shorter side of a pair is padded with blank rows, so the
//! tops of every pair line up and both columns scroll as one.
//!
//! Highlights are a list (`highlight.rs`): the focused sentence, the selected entity's mentions,
//! each a byte range of one side with a kind.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::highlight::{self, Highlight, HighlightKind};
use crate::model::BlockKind;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::Row;
use crate::tui::app::{App, Pane};
use crate::tui::state::doc::{Passage, PassageRows, indent};
use crate::tui::state::layout::{Columns, Geometry, Layout};
use crate::tui::theme::Theme;
use crate::tui::view::widgets::paint::{Span, fill, pane, put, put_spans};

fn style_of(theme: &Theme, kind: HighlightKind) -> Style {
    match kind {
        HighlightKind::Sentence => theme.sentence(),
        HighlightKind::Entity => theme.selected(),
        HighlightKind::EntityCursor => theme.accent().add_modifier(
            ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::UNDERLINED,
        ),
    }
}

pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    let focused = app.pane() == Pane::Reader;
    let Some((r, doc)) = app.open_doc() else {
        pane(buf, area, "", focused, theme, amb);
        return;
    };
    pane(buf, area, &doc.display_title(), focused, theme, amb);
    let Some(w) = r.wrapped() else { return };
    let g = app.geom();
    let text = g.text;
    let ctx = Ctx {
        theme,
        amb,
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
                rule(buf, &ctx, sy, text);
            }
            continue;
        }
        if is_focus {
            fill(
                buf,
                text.x + 1,
                sy,
                text.width.saturating_sub(1),
                theme.focus(),
            );
            put(
                buf,
                text.x,
                sy,
                1,
                theme.symbols.gutter,
                theme.accent(),
                amb,
            );
        }
        let base = if is_focus {
            theme.focus()
        } else {
            Style::new()
        };
        let mut hls = highlight::sentence(r, i);
        hls.extend(highlight::entity_mentions(app, i));
        body_row(buf, &ctx, passage, rows, k, sy, base, &hls);
    }
}

struct Ctx<'a> {
    theme: &'a Theme,
    amb: AmbiguousWidth,
    columns: Columns,
    g: &'a Geometry,
}

fn rule(buf: &mut Buffer, ctx: &Ctx<'_>, y: u16, text: Rect) {
    let s = &ctx.theme.symbols;
    let x0 = ctx.g.left_x;
    let x1 = text.right().saturating_sub(1);
    for x in x0..x1 {
        let sym = if ctx.columns.layout == Layout::SideBySide && x == ctx.g.divider_x {
            s.cross
        } else {
            s.rule
        };
        put(buf, x, y, 1, sym, ctx.theme.dim(), ctx.amb);
    }
}

/// Row `k` of a passage: which side's row goes where comes from [`PassageRows::lines_at`].
#[allow(clippy::too_many_arguments)]
fn body_row(
    buf: &mut Buffer,
    ctx: &Ctx<'_>,
    passage: &Passage,
    rows: &PassageRows,
    k: usize,
    y: u16,
    base: Style,
    hls: &[Highlight],
) {
    let g = ctx.g;
    // In a bilingual article, a block with no counterpart is set apart (italic).
    let base = if !g.single && (passage.ko.is_none() || passage.en.is_none()) {
        base.add_modifier(ratatui::style::Modifier::ITALIC)
    } else {
        base
    };
    let lines = rows.lines_at(k, &ctx.columns);
    let first = ctx.columns.first;
    let side_by_side = ctx.columns.layout == Layout::SideBySide;
    for side in [first, first.other()] {
        let (x, w) = if side_by_side && side != first {
            (g.right_x, g.right_w)
        } else {
            (g.left_x, g.left_w)
        };
        let line = lines[side as usize];
        let spans: Vec<Span> = hls
            .iter()
            .filter(|h| h.side == side)
            .map(|h| (h.range.clone(), style_of(ctx.theme, h.kind)))
            .collect();
        let s = SideRow {
            text: passage.text(side),
            rows: rows.rows(side),
            spans: &spans,
        };
        if side_by_side {
            // Both columns always: a blank side of an unpaired block gets its marker.
            side_row(buf, ctx, passage.kind, &s, k, x, y, w, base, true);
        } else if let Some(j) = line {
            side_row(buf, ctx, passage.kind, &s, j, x, y, w, base, false);
        }
    }
    if side_by_side {
        put(
            buf,
            g.divider_x,
            y,
            1,
            ctx.theme.symbols.divider,
            ctx.theme.dim(),
            ctx.amb,
        );
    }
}

struct SideRow<'a> {
    text: Option<&'a str>,
    rows: &'a [Row],
    spans: &'a [Span],
}

#[allow(clippy::too_many_arguments)]
fn side_row(
    buf: &mut Buffer,
    ctx: &Ctx<'_>,
    kind: BlockKind,
    side: &SideRow<'_>,
    k: usize,
    x: u16,
    y: u16,
    w: u16,
    base: Style,
    marker: bool,
) {
    let theme = ctx.theme;
    let Some(text) = side.text else {
        // An unpaired block: this side stays blank, with a dim marker on its first row.
        if marker && k == 0 {
            put(
                buf,
                x,
                y,
                w,
                theme.symbols.unpaired,
                base.patch(theme.dim()),
                ctx.amb,
            );
        }
        return;
    };
    let Some(row) = side.rows.get(k) else { return };
    let ind = indent(kind) as u16;
    if ind > 0 && w > ind {
        let lead = match kind {
            BlockKind::ListItem if k == 0 || is_first_row_of_line(text, row) => {
                theme.symbols.bullet
            }
            BlockKind::Quote => theme.symbols.quote,
            _ => "",
        };
        put(buf, x, y, ind, lead, base.patch(theme.dim()), ctx.amb);
    }
    let (x, w) = if w > ind { (x + ind, w - ind) } else { (x, w) };
    put_spans(
        buf,
        x,
        y,
        w,
        text,
        row.range(),
        base.patch(theme.block(kind)),
        side.spans,
        ctx.amb,
    );
}

/// Does this row start a new line of the block (a list item joined from several)?
fn is_first_row_of_line(text: &str, row: &Row) -> bool {
    row.start == 0 || text.as_bytes().get(row.start.wrapping_sub(1)) == Some(&b'\n')
}
