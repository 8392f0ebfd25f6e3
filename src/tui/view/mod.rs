//! Drawing. `view(&App, &mut Frame)` reads the state and draws it; it changes nothing.
//!
//! One file per pane or overlay; the widgets they are drawn with are in [`widgets`] (all text goes
//! through its painter, [`put`]).

pub mod bookmarks;
pub mod browser;
pub mod finder;
pub mod help;
pub mod highlight;
pub mod hints;
pub mod picker;
pub mod reader;
pub mod status;
pub mod widgets;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::tui::app::App;
use crate::tui::state::overlay::Overlay;
pub use widgets::paint::dump;
use widgets::paint::put;

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if app.geom().too_small || area != app.geom().area {
        too_small(app, buf, area);
        return;
    }
    let g = app.geom();
    if let Some(b) = g.browser {
        browser::draw(app, buf, b);
    }
    if let Some(r) = g.reader {
        reader::draw(app, buf, r);
        hints::draw_card(app, buf);
    }
    status::draw(app, buf, g.status);
    match app.overlay() {
        Some(Overlay::Note(n)) => bookmarks::draw_note(app, n, frame.buffer_mut(), area),
        Some(Overlay::Bookmarks(sel)) => bookmarks::draw_list(app, *sel, frame.buffer_mut(), area),
        Some(Overlay::Picker {
            id,
            items,
            selected,
        }) => picker::draw(app, frame.buffer_mut(), area, *id, items, *selected),
        Some(Overlay::Help) => help::draw(app, frame.buffer_mut(), area),
        Some(Overlay::Finder(state)) => finder::draw(app, frame, area, state),
        Some(Overlay::Hints { hints, typed }) => {
            hints::draw_labels(app, frame.buffer_mut(), hints, typed)
        }
        Some(Overlay::Entities { items, selected }) => {
            hints::draw_list(app, frame.buffer_mut(), area, items, *selected)
        }
        Some(Overlay::EntityArticles {
            name,
            items,
            selected,
        }) => hints::draw_reach(app, frame.buffer_mut(), area, name, items, *selected),
        None => {}
    }
}

fn too_small(app: &App, buf: &mut Buffer, area: Rect) {
    let amb = app.config.ambiguous;
    let lines = [
        "duet needs more room".to_string(),
        format!(
            "at least {}x{}, now {}x{}",
            crate::tui::state::layout::MIN_WIDTH,
            crate::tui::state::layout::MIN_HEIGHT,
            area.width,
            area.height
        ),
    ];
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        if y < area.bottom() {
            put(buf, area.x, y, area.width, l, Style::new(), amb);
        }
    }
}
