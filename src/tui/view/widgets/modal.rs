//! The one modal box every overlay is drawn in: placed over the screen (centred above the status
//! line, or a third of the way down), cleared, bordered and titled. A wide glyph of the screen
//! under it that straddles either edge is blanked first: the terminal would draw it over the
//! border (a Korean syllable's right half where the `│` should be).

use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

use super::paint::Painter;

/// Where a modal box sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Centred in the rows above the status line.
    Centre,
    /// A third of the way down (the finder: its results grow below the query).
    UpperThird,
}

/// A titled box of at most `width` × `height` cells (less on a small screen).
#[derive(Debug, Clone, Copy)]
pub struct Modal<'a> {
    pub title: &'a str,
    pub width: u16,
    pub height: u16,
    pub place: Place,
}

impl<'a> Modal<'a> {
    pub fn new(title: &'a str, width: u16, height: u16) -> Modal<'a> {
        Modal {
            title,
            width,
            height,
            place: Place::Centre,
        }
    }

    pub fn upper_third(self) -> Modal<'a> {
        Modal {
            place: Place::UpperThird,
            ..self
        }
    }

    /// Where the box goes in `area` (the whole screen).
    pub fn rect(&self, area: Rect) -> Rect {
        let w = self.width.min(area.width.saturating_sub(2)).max(1);
        let h = self.height.min(area.height.saturating_sub(1)).max(1);
        let y = match self.place {
            Place::Centre => (area.height.saturating_sub(1) - h) / 2,
            Place::UpperThird => (area.height - h) / 3,
        };
        Rect::new(area.x + (area.width - w) / 2, area.y + y, w, h)
    }

    /// Draw the empty box; returns where it is (its border included).
    pub fn draw(&self, p: &mut Painter<'_>, area: Rect) -> Rect {
        let r = self.rect(area).intersection(p.buf.area);
        for y in r.top()..r.bottom() {
            p.clear_edges(r.x, r.right(), y);
        }
        Clear.render(r, p.buf);
        p.pane(r, self.title, true);
        r
    }
}
