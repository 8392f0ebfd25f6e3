//! The cursor of a list on screen: the selected row and the first row shown. Every list keeps
//! one (the library, the help, the finder's results, the bookmarks, the pair-with picker, the
//! entity list, the articles of an entity); the keys and the mouse wheel move it with a
//! [`Move`], and the list widget (`view/widgets/list.rs`) draws from it.

/// A list's selected row and first shown row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub selected: usize,
    pub top: usize,
}

/// A move of the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Down(usize),
    Up(usize),
    First,
    Last,
    To(usize),
}

impl ListCursor {
    pub fn at(selected: usize) -> ListCursor {
        ListCursor { selected, top: 0 }
    }

    /// Move the selection within a list of `len` rows (clamped to it).
    pub fn step(&mut self, m: Move, len: usize) {
        let last = len.saturating_sub(1);
        self.selected = match m {
            Move::Down(n) => self.selected.saturating_add(n).min(last),
            Move::Up(n) => self.selected.saturating_sub(n),
            Move::First => 0,
            Move::Last => last,
            Move::To(i) => i.min(last),
        };
    }

    /// Scroll so the selected row is within `room` lines, rows being `height(i)` lines tall:
    /// the top moves as little as it must, and takes the room above when there is some (after a
    /// resize, or the list showing again).
    pub fn keep_visible(&mut self, room: usize, height: impl Fn(usize) -> usize) {
        let room = room.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        }
        // Lines from the top row down to the selected one, kept as the top moves.
        let mut span: usize = (self.top..=self.selected).map(&height).sum();
        while self.top < self.selected && span > room {
            span -= height(self.top);
            self.top += 1;
        }
        while self.top > 0 && span + height(self.top - 1) <= room {
            self.top -= 1;
            span += height(self.top);
        }
    }

    /// The first row to draw in `rows` one-line rows: the kept top, moved only as far as the
    /// selection needs to show (lists whose room is known only when drawn keep a top of 0, so
    /// their selection stays on the last row once it is past the first page).
    pub fn top_for(&self, rows: usize) -> usize {
        self.top
            .min(self.selected)
            .max((self.selected + 1).saturating_sub(rows.max(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_clamp_and_the_selection_stays_in_view() {
        let mut c = ListCursor::default();
        c.step(Move::Down(3), 10);
        assert_eq!(c.selected, 3);
        c.step(Move::Down(30), 10);
        assert_eq!(c.selected, 9);
        c.step(Move::Up(20), 10);
        assert_eq!(c.selected, 0);
        c.step(Move::Last, 10);
        assert_eq!(c.top_for(4), 6);
        c.keep_visible(4, |_| 1);
        assert_eq!(c.top, 6);
        c.step(Move::Up(1), 10);
        c.keep_visible(4, |_| 1);
        // The room above is used: the selection stays on the last row.
        assert_eq!((c.selected, c.top), (8, 5));
        // Rows two lines tall: two fit in four lines.
        c.keep_visible(4, |_| 2);
        assert_eq!(c.top, 7);
        c.step(Move::Down(1), 0);
        assert_eq!(c.selected, 0);
    }
}
