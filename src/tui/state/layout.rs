//! Where everything goes on screen: computed from the state by one pure function, used by
//! `update` (wrapping width, page height, mouse hit-testing) and by `view` (drawing), so the two
//! always agree. This is the "last layout" record.

use ratatui::layout::{Margin, Rect};

/// The reader's column arrangement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    SideBySide,
    Stacked,
    Korean,
    English,
}

impl Layout {
    pub fn next(self) -> Layout {
        match self {
            Layout::SideBySide => Layout::Stacked,
            Layout::Stacked => Layout::Korean,
            Layout::Korean => Layout::English,
            Layout::English => Layout::SideBySide,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Layout::SideBySide => "side by side",
            Layout::Stacked => "stacked",
            Layout::Korean => "Korean only",
            Layout::English => "English only",
        }
    }
}

/// One language side of a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Ko,
    En,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Ko => Side::En,
            Side::En => Side::Ko,
        }
    }
}

/// The columns the reader draws in, for one layout and width: what the wrapper is keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub layout: Layout,
    /// Text width of the Korean side (0 when hidden).
    pub ko: usize,
    pub en: usize,
    /// The side drawn first: on the left side by side, on top when stacked.
    pub first: Side,
}

impl Columns {
    pub fn width(&self, side: Side) -> usize {
        match side {
            Side::Ko => self.ko,
            Side::En => self.en,
        }
    }
}

/// Below this the reader asks for more room.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// The library pane stays beside an open article from this width up.
pub const LIBRARY_BESIDE_FROM: u16 = 140;
/// Auto layout: side by side when the reader's text area is at least this wide.
pub const SIDE_BY_SIDE_FROM: u16 = 96;

/// The narrowest column the ratio leaves side by side, when there is room for two: a dozen
/// columns hold six Hangul syllables or two English words, so words wrap whole.
pub const MIN_COLUMN: u16 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub area: Rect,
    pub too_small: bool,
    /// Library pane: outer block and the library list inside it.
    pub library: Option<Rect>,
    pub library_list: Rect,
    /// Reader pane: outer block and the text inside it.
    pub reader: Option<Rect>,
    pub text: Rect,
    pub status: Rect,
    /// Text columns: x of the left and right column, the divider, and their widths.
    pub left_x: u16,
    pub left_w: u16,
    pub right_x: u16,
    pub right_w: u16,
    pub divider_x: u16,
    pub layout: Option<Layout>,
    /// One-language article: one column, no layout choice.
    pub single: bool,
}

/// What the geometry depends on.
pub struct LayoutInput {
    pub width: u16,
    pub height: u16,
    pub reader_open: bool,
    pub library_focused: bool,
    pub many_articles: bool,
    /// The open article has two languages to show (else one full-width column).
    pub bilingual: bool,
    /// The user's layout choice (`None` = automatic).
    pub layout: Option<Layout>,
    /// Percent of the text width given to the left column.
    pub ratio: u16,
}

pub fn compute(inp: &LayoutInput) -> Geometry {
    let area = Rect::new(0, 0, inp.width, inp.height);
    let mut g = Geometry {
        area,
        ..Geometry::default()
    };
    if inp.width < MIN_WIDTH || inp.height < MIN_HEIGHT {
        g.too_small = true;
        return g;
    }
    let main = Rect::new(0, 0, inp.width, inp.height - 1);
    g.status = Rect::new(0, inp.height - 1, inp.width, 1);
    if !inp.reader_open {
        g.library = Some(main);
    } else if inp.many_articles && inp.width >= LIBRARY_BESIDE_FROM {
        let bw = (inp.width / 5).clamp(28, 40);
        g.library = Some(Rect::new(0, 0, bw, main.height));
        g.reader = Some(Rect::new(bw, 0, main.width - bw, main.height));
    } else if inp.library_focused && inp.many_articles {
        g.library = Some(main);
    } else {
        g.reader = Some(main);
    }
    if let Some(b) = g.library {
        g.library_list = b.inner(Margin::new(1, 1));
    }
    if let Some(r) = g.reader {
        let text = r.inner(Margin::new(1, 1));
        g.text = text;
        // A one-language article reads in one full-width column (its blocks in order).
        let layout = if !inp.bilingual {
            Layout::Stacked
        } else {
            inp.layout.unwrap_or(if text.width >= SIDE_BY_SIDE_FROM {
                Layout::SideBySide
            } else {
                Layout::Stacked
            })
        };
        g.single = !inp.bilingual;
        g.layout = Some(layout);
        // One gutter column (focus marker) on the left, one blank column on the right.
        let x = text.x + 1;
        let avail = text.width.saturating_sub(2).max(1);
        if layout == Layout::SideBySide && avail >= 7 {
            let cols = avail - 3;
            let left = ((u32::from(cols) * u32::from(inp.ratio.clamp(20, 80))) / 100) as u16;
            let least = if cols >= 2 * MIN_COLUMN {
                MIN_COLUMN
            } else {
                2
            };
            let left = left.clamp(least, cols - least);
            g.left_x = x;
            g.left_w = left;
            g.divider_x = x + left + 1;
            g.right_x = x + left + 3;
            g.right_w = cols - left;
        } else {
            g.left_x = x;
            g.left_w = avail;
            g.right_x = x;
            g.right_w = avail;
        }
    }
    g
}

impl Geometry {
    /// Text widths per language for the wrapper.
    pub fn columns(&self, swapped: bool) -> Option<Columns> {
        let layout = self.layout?;
        let (ko, en) = match layout {
            Layout::SideBySide if swapped => (self.right_w, self.left_w),
            Layout::SideBySide => (self.left_w, self.right_w),
            Layout::Stacked => (self.left_w, self.left_w),
            Layout::Korean => (self.left_w, 0),
            Layout::English => (0, self.left_w),
        };
        Some(Columns {
            layout,
            ko: usize::from(ko),
            en: usize::from(en),
            first: if swapped { Side::En } else { Side::Ko },
        })
    }

    pub fn page(&self) -> usize {
        usize::from(self.text.height).max(1)
    }
}
