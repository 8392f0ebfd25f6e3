//! The mouse: the wheel scrolls the pane under it, a click selects (a second click opens).

use ratatui::layout::Position as Point;

use super::{App, Pane};
use crate::tui::action::MouseAction;
use crate::tui::state::list_cursor::Move;
use crate::tui::work::effects::Effects;

pub(super) fn mouse(app: &mut App, m: MouseAction) -> Effects {
    let (column, row) = match m {
        MouseAction::ScrollDown { column, row }
        | MouseAction::ScrollUp { column, row }
        | MouseAction::Click { column, row } => (column, row),
    };
    let at = Point::new(column, row);
    let g = app.geom;
    let in_library = g.library.is_some_and(|b| b.contains(at));
    let in_reader = g.reader.is_some_and(|b| b.contains(at));
    let page = g.page();
    match m {
        MouseAction::ScrollDown { .. } if in_library => app.select(Move::Down(1)),
        MouseAction::ScrollUp { .. } if in_library => app.select(Move::Up(1)),
        MouseAction::ScrollDown { .. } | MouseAction::ScrollUp { .. } if in_reader => {
            let rows = if matches!(m, MouseAction::ScrollDown { .. }) {
                3
            } else {
                -3
            };
            if let Some(r) = app.reader.as_mut() {
                r.scroll_by(rows, page);
            }
        }
        MouseAction::Click { .. } if in_library => {
            app.pane = Pane::Library;
            if !g.library_list.contains(at) {
                return Effects::redraw();
            }
            let mut y = usize::from(row - g.library_list.y);
            let mut i = app.library_cursor.top;
            while i < app.library.rows() {
                let h = app.entry_height(i);
                if y < h {
                    if i == app.library_cursor.selected {
                        return app.open(i);
                    }
                    app.select(Move::To(i));
                    return Effects::redraw();
                }
                y -= h;
                i += 1;
            }
        }
        MouseAction::Click { .. } if in_reader => {
            app.pane = Pane::Reader;
            if !g.text.contains(at) {
                return Effects::redraw();
            }
            if let Some(r) = app.reader.as_mut()
                && let Some(w) = &r.wrapped
                && let Some(i) = w.passage_at(r.scroll + usize::from(row - g.text.y))
                && w.shown(i)
            {
                r.focus_passage(i);
            }
        }
        _ => {}
    }
    Effects::redraw()
}
