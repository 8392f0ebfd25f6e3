//! The library list's order and filters: sort by date (newest or oldest first), by outlet, or
//! unread first (`o` cycles); show unread only (`u`); one outlet at a time (`O` cycles through
//! them, then all); mark read or unread (`m`, saved to the library). Hidden entries are kept
//! aside and come back when the filter is lifted.

use std::collections::HashMap;

use super::action::Action;
use super::app::App;
use super::effects::{Command, Effects};
use super::entries::{Entry, EntryState};
use super::store::Save;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// As listed: the library's newest first, or the order the files were found.
    #[default]
    Newest,
    Oldest,
    Outlet,
    UnreadFirst,
}

impl Order {
    fn next(self) -> Order {
        match self {
            Order::Newest => Order::Oldest,
            Order::Oldest => Order::Outlet,
            Order::Outlet => Order::UnreadFirst,
            Order::UnreadFirst => Order::Newest,
        }
    }
    fn label(self) -> &'static str {
        match self {
            Order::Newest => "newest first",
            Order::Oldest => "oldest first",
            Order::Outlet => "by outlet",
            Order::UnreadFirst => "unread first",
        }
    }
}

/// The list's order and filters, and the entries they hide.
#[derive(Debug, Default)]
pub struct Shelf {
    pub order: Order,
    pub unread_only: bool,
    pub outlet: Option<String>,
    pub(super) hidden: Vec<Entry>,
}

fn published(e: &Entry) -> Option<&str> {
    e.meta().and_then(|m| m.published.as_deref())
}

fn outlet(e: &Entry) -> Option<&str> {
    e.meta().and_then(|m| m.outlet.as_deref())
}

pub(super) fn handle(app: &mut App, action: Action) -> Effects {
    if app.loading() {
        app.status = Some("still loading: sort and filter when it is done".into());
        return Effects::redraw();
    }
    let mut fx = Effects::redraw();
    match action {
        Action::ToggleRead => {
            let Some(e) = app.entries.row(app.selected) else {
                return fx;
            };
            let (id, read) = (e.id(), !e.is_read());
            if let Some(e) = app.entries.by_id_mut(id) {
                e.read = read;
            }
            app.status = Some(if read { "marked read" } else { "marked unread" }.into());
            if let Some(article) = app.store.article(id) {
                if app.store.read_only.is_none() {
                    app.store.read.insert(id, read);
                    fx = fx.with(Command::Save(Save::Read(article, read)));
                }
            }
            return fx;
        }
        Action::Sort => app.store.shelf.order = app.store.shelf.order.next(),
        Action::UnreadOnly => app.store.shelf.unread_only = !app.store.shelf.unread_only,
        Action::OutletFilter => {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            for e in app.entries.as_slice().iter().chain(&app.store.shelf.hidden) {
                if let Some(o) = outlet(e) {
                    *counts.entry(o).or_default() += 1;
                }
            }
            let mut outlets: Vec<(&str, usize)> = counts.into_iter().collect();
            outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let names: Vec<String> = outlets.into_iter().map(|(o, _)| o.to_string()).collect();
            let next = match &app.store.shelf.outlet {
                None => names.first().cloned(),
                Some(cur) => names
                    .iter()
                    .position(|n| n == cur)
                    .and_then(|i| names.get(i + 1).cloned()),
            };
            app.store.shelf.outlet = next;
        }
        _ => return Effects::none(),
    }
    apply(app);
    fx
}

/// Re-sort and re-filter the list, keeping the selected entry selected when it stays.
fn apply(app: &mut App) {
    let selected = app.entries.row(app.selected).map(Entry::id);
    let shelf = &mut app.store.shelf;
    let mut all = app.entries.take();
    all.append(&mut shelf.hidden);
    let keep = |e: &Entry| {
        (!shelf.unread_only || !e.is_read())
            && shelf.outlet.as_deref().is_none_or(|o| outlet(e) == Some(o))
    };
    let (mut shown, hidden): (Vec<Entry>, Vec<Entry>) = all.into_iter().partition(keep);
    shelf.hidden = hidden;
    // Undated entries last in both date orders; ties keep their order (stable sorts).
    match shelf.order {
        Order::Newest => shown.sort_by(|a, b| {
            published(a)
                .is_none()
                .cmp(&published(b).is_none())
                .then(published(b).cmp(&published(a)))
        }),
        Order::Oldest => shown.sort_by(|a, b| {
            published(a)
                .is_none()
                .cmp(&published(b).is_none())
                .then(published(a).cmp(&published(b)))
        }),
        Order::Outlet => shown.sort_by(|a, b| {
            outlet(a)
                .is_none()
                .cmp(&outlet(b).is_none())
                .then(outlet(a).cmp(&outlet(b)))
                .then(published(b).cmp(&published(a)))
        }),
        Order::UnreadFirst => shown.sort_by(|a, b| {
            a.is_read()
                .cmp(&b.is_read())
                .then(published(b).cmp(&published(a)))
        }),
    }
    let mut label = format!("sorted {}", shelf.order.label());
    if shelf.unread_only {
        label.push_str(" · unread only");
    }
    if let Some(o) = &shelf.outlet {
        label.push_str(&format!(" · {o} only"));
    }
    label.push_str(&format!(" ({} shown)", shown.len()));
    app.done = shown
        .iter()
        .filter(|e| !matches!(e.state, EntryState::Pending))
        .count();
    app.entries.set(shown);
    app.selected = selected.and_then(|id| app.entries.row_of(id)).unwrap_or(0);
    app.browser_top = 0;
    app.status = Some(label);
}
