//! The library list's order and filters: sort by date (newest or oldest first), by outlet, or
//! unread first (`o` cycles); show unread only (`u`); one outlet at a time (`O` cycles through
//! them, then all); one feed (chosen in the feed list, `F`). Hidden entries are kept aside and come back when the filter is lifted. The
//! keys that change them are in `app/library_keys.rs`.

use std::collections::HashMap;

use crate::library::list::{ListOrder, ListQuery};
use crate::tui::state::library_list::Entry;

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
    pub fn next(self) -> Order {
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
pub struct LibraryFilter {
    pub order: Order,
    pub unread_only: bool,
    pub outlet: Option<String>,
    /// One feed's articles only: its id and name.
    pub feed: Option<(i64, String)>,
    pub(in crate::tui) hidden: Vec<Entry>,
}

fn published(e: &Entry) -> Option<&str> {
    e.meta().and_then(|m| m.published.as_deref())
}

fn outlet(e: &Entry) -> Option<&str> {
    e.meta().and_then(|m| m.outlet.as_deref())
}

impl LibraryFilter {
    /// The outlet filter after this one: outlets by how many articles they have, then none.
    pub fn next_outlet(&self, entries: &[Entry]) -> Option<String> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for e in entries.iter().chain(&self.hidden) {
            if let Some(o) = outlet(e) {
                *counts.entry(o).or_default() += 1;
            }
        }
        let mut outlets: Vec<(&str, usize)> = counts.into_iter().collect();
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let names: Vec<String> = outlets.into_iter().map(|(o, _)| o.to_string()).collect();
        self.next_of(&names)
    }

    /// The outlet after the current one among `names` (most articles first), then none.
    pub fn next_of(&self, names: &[String]) -> Option<String> {
        match &self.outlet {
            None => names.first().cloned(),
            Some(cur) => names
                .iter()
                .position(|n| n == cur)
                .and_then(|i| names.get(i + 1).cloned()),
        }
    }

    /// Sort and filter `shown` together with the entries hidden before: returns the entries to
    /// show and a status line saying how they are shown (the caller adds how many rows that
    /// is: a pair is one); the rest are kept aside.
    pub fn arrange(&mut self, shown: Vec<Entry>) -> (Vec<Entry>, String) {
        let mut all = shown;
        all.append(&mut self.hidden);
        let keep = |e: &Entry| {
            (!self.unread_only || !e.is_read())
                && self.outlet.as_deref().is_none_or(|o| outlet(e) == Some(o))
                && self
                    .feed
                    .as_ref()
                    .is_none_or(|(id, _)| e.meta().and_then(|m| m.feed) == Some(*id))
        };
        let (mut shown, hidden): (Vec<Entry>, Vec<Entry>) = all.into_iter().partition(keep);
        self.hidden = hidden;
        // Undated entries last in both date orders; ties keep their order (stable sorts).
        match self.order {
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
        (shown, self.label())
    }

    /// The order and filters as a query of the library on disk.
    pub fn query(&self) -> ListQuery {
        ListQuery {
            order: match self.order {
                Order::Newest => ListOrder::Newest,
                Order::Oldest => ListOrder::Oldest,
                Order::Outlet => ListOrder::Outlet,
                Order::UnreadFirst => ListOrder::UnreadFirst,
            },
            unread_only: self.unread_only,
            outlet: self.outlet.clone(),
            feed: self.feed.as_ref().map(|(id, _)| *id),
        }
    }

    /// How the list is shown, for the status bar.
    pub fn label(&self) -> String {
        let mut label = format!("sorted {}", self.order.label());
        if self.unread_only {
            label.push_str(" · unread only");
        }
        if let Some(o) = &self.outlet {
            label.push_str(&format!(" · {} only", crate::text::sanitize::clean_line(o)));
        }
        if let Some((_, name)) = &self.feed {
            label.push_str(&format!(" · feed {name} only"));
        }
        label
    }
}
