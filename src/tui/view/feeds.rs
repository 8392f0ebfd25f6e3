//! The feed list overlay (`F`): "all feeds", then each subscription with its language, its
//! articles, when it last refreshed and, for one that failed, its error; the feed the library
//! list is narrowed to is marked.

use ratatui::layout::Rect;

use crate::tui::app::App;
use crate::tui::state::feeds;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::view::widgets::list_box;
use crate::tui::view::widgets::paint::Painter;

pub fn draw(app: &App, p: &mut Painter<'_>, area: Rect, cursor: &ListCursor) {
    let now = crate::library::time::now();
    let shown = app.filter.feed.as_ref().map(|(id, _)| *id);
    let mark = |on: bool| if on { "● " } else { "  " };
    let list = app.feeds().list();
    let mut lines = vec![format!("{}all feeds", mark(shown.is_none()))];
    lines.extend(
        list.iter()
            .map(|f| format!("{}{}", mark(shown == Some(f.id)), feeds::row(f, now))),
    );
    let mut title = format!("Feeds ({})", list.len());
    match app.feeds().progress() {
        Some(progress) => title.push_str(&format!(" · {progress}")),
        None => title.push_str(" — Enter shows one, R refreshes, Esc closes"),
    }
    let modal = list_box::sized(&title, area, 110, lines.len());
    list_box::draw(p, area, modal, &lines, cursor);
}
