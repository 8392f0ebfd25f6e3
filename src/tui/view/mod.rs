//! Drawing. `view(&App, &mut Frame)` reads the state and draws it; it changes nothing.
//!
//! One file per pane or overlay; the widgets they are drawn with are in [`widgets`]: every
//! string goes through its painter, every overlay is its one modal box, every list its one list.

pub mod bookmarks;
pub mod entities;
pub mod finder;
pub mod help;
pub mod highlight;
pub mod library;
pub mod picker;
pub mod reader;
pub mod status;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::tui::app::App;
use crate::tui::state::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::state::overlay::Overlay;
pub use widgets::paint::dump;
use widgets::paint::{At, Painter};

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let mut p = Painter::new(frame.buffer_mut(), app.theme(), app.config().ambiguous);
    if app.geom().too_small || area != app.geom().area {
        too_small(&mut p, area);
        return;
    }
    let g = app.geom();
    if let Some(b) = g.library {
        library::draw(app, &mut p, b);
    }
    if let Some(r) = g.reader {
        reader::draw(app, &mut p, r);
        entities::draw_card(app, &mut p);
    }
    status::draw(app, &mut p, g.status);
    let caret = match app.overlay() {
        Some(Overlay::Note(note)) => {
            bookmarks::draw_note(&mut p, area, note);
            None
        }
        Some(Overlay::Bookmarks(cursor)) => {
            bookmarks::draw_list(app, &mut p, area, cursor);
            None
        }
        Some(Overlay::Picker(picker)) => {
            picker::draw(app, &mut p, area, picker);
            None
        }
        Some(Overlay::Help(top)) => {
            help::draw(app, &mut p, area, top);
            None
        }
        Some(Overlay::Finder(query)) => finder::draw(app, &mut p, area, query),
        Some(Overlay::Labels(labels)) => {
            entities::draw_labels(app, &mut p, labels);
            None
        }
        Some(Overlay::Entities(list)) => {
            entities::draw_list(app, &mut p, area, list);
            None
        }
        Some(Overlay::EntityArticles(list)) => {
            entities::draw_reach(app, &mut p, area, list);
            None
        }
        None => None,
    };
    // The terminal's cursor at the finder's caret, so an input method composes there.
    if let Some(at) = caret {
        frame.set_cursor_position(at);
    }
}

fn too_small(p: &mut Painter<'_>, area: Rect) {
    let lines = [
        "duet needs more room".to_string(),
        format!(
            "at least {MIN_WIDTH}x{MIN_HEIGHT}, now {}x{}",
            area.width, area.height
        ),
    ];
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        if y < area.bottom() {
            p.put(At::new(area.x, y, area.width, Style::new()), l);
        }
    }
}
