//! The reader pane: row-aligned pairs. Each side is wrapped to its own column (cached per width);
//! only the visible rows are drawn. The shorter side of a pair is padded with blank rows, so the
//! tops of every pair line up and both columns scroll as one.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{fill, pane, put, put_hl};
use crate::model::BlockKind;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::Row;
use crate::tui::app::{App, Pane};
use crate::tui::config::Layout;
use crate::tui::doc::{Seg, SegRows, indent};
use crate::tui::theme::Theme;

pub fn draw(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    let focused = app.focus == Pane::Reader;
    let Some((r, doc)) = app.open_doc() else {
        pane(buf, area, "", focused, theme, amb);
        return;
    };
    pane(buf, area, &doc.display_title(), focused, theme, amb);
    let Some(w) = &r.wrapped else { return };
    let g = &app.geom;
    let text = g.text;
    let Some(layout) = g.layout else { return };
    let ctx = Ctx {
        theme,
        amb,
        layout,
        swapped: app.swapped,
        g,
    };
    let mut seg_i = w.seg_at(r.scroll).unwrap_or(w.segs.len());
    for y in 0..text.height {
        let row = r.scroll + usize::from(y);
        while seg_i < w.segs.len() && w.segs[seg_i].top + w.segs[seg_i].height <= row {
            seg_i += 1;
        }
        let (Some(rows), Some(seg)) = (w.segs.get(seg_i), doc.segs.get(seg_i)) else {
            break;
        };
        let sy = text.y + y;
        let k = row - rows.top;
        let is_focus = seg_i == r.focus;
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
        let hl = match (is_focus, r.sentence) {
            (true, Some(b)) => seg.beads.get(b),
            _ => None,
        };
        let (ko_hl, en_hl): (&[Range<usize>], &[Range<usize>]) =
            hl.map_or((&[], &[]), |(k, e)| (k, e));
        let base = if is_focus {
            theme.focus()
        } else {
            Style::new()
        };
        body_row(buf, &ctx, seg, rows, k, sy, base, ko_hl, en_hl);
    }
}

struct Ctx<'a> {
    theme: &'a Theme,
    amb: AmbiguousWidth,
    layout: Layout,
    swapped: bool,
    g: &'a crate::tui::layout::Geometry,
}

fn rule(buf: &mut Buffer, ctx: &Ctx<'_>, y: u16, text: Rect) {
    let s = &ctx.theme.symbols;
    let x0 = ctx.g.left_x;
    let x1 = text.right().saturating_sub(1);
    for x in x0..x1 {
        let sym = if ctx.layout == Layout::SideBySide && x == ctx.g.divider_x {
            s.cross
        } else {
            s.rule
        };
        put(buf, x, y, 1, sym, ctx.theme.dim(), ctx.amb);
    }
}

#[allow(clippy::too_many_arguments)]
fn body_row(
    buf: &mut Buffer,
    ctx: &Ctx<'_>,
    seg: &Seg,
    rows: &SegRows,
    k: usize,
    y: u16,
    base: Style,
    ko_hl: &[Range<usize>],
    en_hl: &[Range<usize>],
) {
    let g = ctx.g;
    // In a bilingual article, a block with no counterpart is set apart (italic).
    let base = if !g.single && (seg.ko.is_none() || seg.en.is_none()) {
        base.add_modifier(ratatui::style::Modifier::ITALIC)
    } else {
        base
    };
    let ko = Side {
        text: seg.ko.as_deref(),
        rows: &rows.ko,
        hl: ko_hl,
    };
    let en = Side {
        text: seg.en.as_deref(),
        rows: &rows.en,
        hl: en_hl,
    };
    let (first, second) = if ctx.swapped { (&en, &ko) } else { (&ko, &en) };
    match ctx.layout {
        Layout::SideBySide => {
            side_row(
                buf, ctx, seg.kind, first, k, g.left_x, y, g.left_w, base, true,
            );
            put(
                buf,
                g.divider_x,
                y,
                1,
                ctx.theme.symbols.divider,
                ctx.theme.dim(),
                ctx.amb,
            );
            side_row(
                buf, ctx, seg.kind, second, k, g.right_x, y, g.right_w, base, true,
            );
        }
        Layout::Stacked => {
            if k < first.rows.len() {
                side_row(
                    buf, ctx, seg.kind, first, k, g.left_x, y, g.left_w, base, false,
                );
            } else {
                let k2 = k - first.rows.len();
                side_row(
                    buf, ctx, seg.kind, second, k2, g.left_x, y, g.left_w, base, false,
                );
            }
        }
        Layout::Korean => {
            side_row(
                buf, ctx, seg.kind, &ko, k, g.left_x, y, g.left_w, base, false,
            );
        }
        Layout::English => {
            side_row(
                buf, ctx, seg.kind, &en, k, g.left_x, y, g.left_w, base, false,
            );
        }
    }
}

struct Side<'a> {
    text: Option<&'a str>,
    rows: &'a [Row],
    hl: &'a [Range<usize>],
}

#[allow(clippy::too_many_arguments)]
fn side_row(
    buf: &mut Buffer,
    ctx: &Ctx<'_>,
    kind: BlockKind,
    side: &Side<'_>,
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
    put_hl(
        buf,
        x,
        y,
        w,
        text,
        row.range(),
        base.patch(theme.block(kind)),
        side.hl,
        theme.sentence(),
        ctx.amb,
    );
}

/// Does this row start a new line of the block (a list item joined from several)?
fn is_first_row_of_line(text: &str, row: &Row) -> bool {
    row.start == 0 || text.as_bytes().get(row.start.wrapping_sub(1)) == Some(&b'\n')
}
