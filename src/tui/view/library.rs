//! The library pane, the library list drawn with the list widget: one entry per article — unread marker, date, outlet, language badge, title
//! (the English title beside the Korean one in a wide list, under it in a narrow one).

use ratatui::layout::Rect;

use crate::text::sanitize;
use crate::text::width::{pad, truncate};
use crate::tui::app::{App, Pane};
use crate::tui::state::library_list::{Entry, EntryState};
use crate::tui::view::widgets::list::List;
use crate::tui::view::widgets::paint::{At, Painter};

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn spinner(app: &App) -> &'static str {
    SPINNER[app.spinner % SPINNER.len()]
}

pub fn draw(app: &App, p: &mut Painter<'_>, area: Rect) {
    let theme = &app.theme;
    let focused = app.pane() == Pane::Library || app.reader().is_none();
    let title = if app.loading() {
        format!(
            "Library {}/{} {}",
            app.done,
            app.library.len(),
            spinner(app)
        )
    } else if let Some((done, total)) = app.disk().processing() {
        format!(
            "Library ({}) · processing {done}/{total}",
            app.library.len()
        )
    } else {
        format!("Library ({})", app.library.rows())
    };
    p.pane(area, &title, focused);
    let list = app.geom.library_list;
    if list.width == 0 || list.height == 0 {
        return;
    }
    if app.library.rows() == 0 {
        let msg = if app.loading() {
            "looking for articles…"
        } else {
            "no articles"
        };
        let at = At::new(
            list.x + 1,
            list.y,
            list.width.saturating_sub(1),
            theme.dim(),
        );
        p.put(at, msg);
        return;
    }
    let wide = app.wide_list();
    let width = usize::from(list.width.saturating_sub(2));
    List::new(&app.library_cursor, app.library.rows())
        .highlight(theme.selected())
        .draw(
            p,
            list,
            |i| app.entry_height(i) as u16,
            |p, row, i, selected| {
                let Some((e, partner)) = app.row(i) else {
                    return;
                };
                let lines = entry_lines(app, e, partner.map(|p| p.0), wide, width);
                for (k, (text, style)) in lines.iter().enumerate().take(usize::from(row.height)) {
                    let y = row.y + k as u16;
                    let style = if selected {
                        if k == 0 {
                            let marker = theme.selected().patch(theme.accent());
                            p.put(At::new(row.x, y, 1, marker), "›");
                        }
                        theme.selected().patch(*style)
                    } else {
                        *style
                    };
                    p.put(
                        At::new(row.x + 1, y, row.width.saturating_sub(2), style),
                        text,
                    );
                }
            },
        );
}

/// The lines of one row; a pair (`partner`: its English entry) shows `KO+EN` and both titles.
fn entry_lines(
    app: &App,
    e: &Entry,
    partner: Option<&Entry>,
    wide: bool,
    width: usize,
) -> Vec<(String, ratatui::style::Style)> {
    let theme = &app.theme;
    let amb = app.config.ambiguous;
    let name = e
        .path
        .file_name()
        .map(|n| sanitize(&n.to_string_lossy()))
        .unwrap_or_default();
    match &e.state {
        EntryState::Pending => vec![(format!("  {name}  {}", spinner(app)), theme.dim())],
        EntryState::Failed(err) => vec![(format!("! {name}: {}", sanitize(err)), theme.error())],
        EntryState::Ready(meta) => {
            let mut meta = meta.clone();
            if let Some(en) = partner.and_then(|p| p.meta()) {
                meta.badge = "KO+EN";
                if meta.title_en.is_none() {
                    meta.title_en = Some(en.title.clone());
                }
            }
            let mark = if e.read { " " } else { theme.symbols.unread };
            let date = meta
                .published
                .as_deref()
                .map(|d| sanitize(d).chars().take(10).collect::<String>())
                .unwrap_or_default();
            let outlet = meta.outlet.as_deref().map(sanitize).unwrap_or_default();
            let badge = meta.badge;
            if wide {
                let title = meta.display_title();
                let line = format!(
                    "{mark} {}  {}  {}  {}",
                    pad(&date, 10, amb),
                    pad(&outlet, 14, amb),
                    pad(badge, 5, amb),
                    title
                );
                vec![(truncate(&line, width, amb), theme.plain())]
            } else {
                let mut v = vec![(
                    truncate(
                        &format!(
                            "{mark} {} {} {}",
                            pad(&date, 10, amb),
                            pad(badge, 5, amb),
                            outlet
                        ),
                        width,
                        amb,
                    ),
                    theme.dim(),
                )];
                v.push((
                    truncate(&format!("  {}", meta.title), width, amb),
                    theme.plain(),
                ));
                if let Some(en) = &meta.title_en {
                    v.push((truncate(&format!("  {en}"), width, amb), theme.plain()));
                }
                v
            }
        }
    }
}
