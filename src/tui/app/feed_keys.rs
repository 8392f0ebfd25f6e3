//! The feed keys and events: `R` refreshes the feeds in the background (the runner starts the
//! feed worker; its progress shows in the library pane's title, new entries join the list as
//! they are stored), `F` opens the feed list (how each feed last refreshed, with its error), in
//! which Enter narrows the library list to one feed, or shows all again. The state is
//! [`Feeds`](crate::tui::state::feeds::Feeds).

use super::App;
use super::lists::{Handled, Then, list_key};
use crate::tui::action::Action;
use crate::tui::state::feeds::{FeedEvent, Refreshing, display_name};
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::{Command, Effects};

/// `R`: refresh every feed in the background (one refresh at a time).
pub(super) fn refresh(app: &mut App) -> Effects {
    let Some(home) = app.disk.home.clone() else {
        app.status = Some("feeds live in the library: run duet with no arguments".into());
        return Effects::redraw();
    };
    if let Some(why) = &app.disk.read_only {
        app.status = Some(format!(
            "library read-only ({why}): feeds are not refreshed"
        ));
        return Effects::redraw();
    }
    if app.feeds.refreshing.is_some() {
        app.status = Some("the feeds are being refreshed already".into());
        return Effects::redraw();
    }
    app.feeds.refreshing = Some(Refreshing {
        feeds: app.feeds.list.len(),
        ..Refreshing::default()
    });
    let settings = app.config.feeds.clone();
    Effects::redraw().with(Command::RefreshFeeds { home, settings })
}

/// `F`: the feed list.
pub(super) fn open_list(app: &mut App) -> Effects {
    if !app.disk.is_library() {
        app.status = Some("feeds live in the library: run duet with no arguments".into());
    } else if app.feeds.list.is_empty() {
        app.status = Some("no feeds yet: `duet feed add URL` subscribes to one".into());
    } else {
        let at = app
            .filter
            .feed
            .as_ref()
            .and_then(|(id, _)| app.feeds.list.iter().position(|f| f.id == *id))
            .map_or(0, |i| i + 1);
        app.overlay = Some(Overlay::Feeds(ListCursor::at(at)));
    }
    Effects::redraw()
}

/// Keys in the feed list: row 0 is "all feeds", then one row per feed.
pub(super) fn feeds_key(app: &mut App, list: &mut ListCursor, action: Action) -> Handled {
    if list_key(app, list, &action, app.feeds.list.len() + 1) {
        return (Effects::redraw(), Then::Stay);
    }
    match action {
        Action::Back | Action::FeedList => (Effects::redraw(), Then::Close),
        Action::RefreshFeeds => (refresh(app), Then::Stay),
        Action::Open => (show_feed(app, list.selected), Then::Close),
        _ => (Effects::none(), Then::Stay),
    }
}

/// Narrow the library list to the feed of row `row` of the feed list (row 0: every feed).
fn show_feed(app: &mut App, row: usize) -> Effects {
    if app.loading() {
        app.status = Some("still loading: filter when it is done".into());
        return Effects::redraw();
    }
    app.filter.feed = row
        .checked_sub(1)
        .and_then(|i| app.feeds.list.get(i))
        .map(|f| (f.id, display_name(f)));
    super::library_keys::apply(app, false);
    Effects::redraw()
}

/// An event of the feed worker.
pub(super) fn handle(app: &mut App, event: FeedEvent) -> Effects {
    let listed = matches!(event, FeedEvent::Listed(_));
    if let Some(line) = app.feeds.apply(event) {
        // The entries came in as they were stored: put them in the list's order.
        if !app.loading() {
            super::library_keys::apply(app, false);
        }
        app.status = Some(line);
    }
    let n = app.feeds.list.len();
    if listed && n > 0 && app.library.is_empty() && app.feeds.refreshing.is_none() {
        let feeds = if n == 1 { "feed" } else { "feeds" };
        app.status = Some(format!(
            "no articles yet: R brings in the stories of your {n} {feeds}"
        ));
    }
    Effects::redraw()
}
