//! Overlays: modal views drawn over the panes, each with its own keymap table ([`Mode`]), its own
//! key handling ([`handle`]) and its own view (`view/help.rs` …). `App` holds at most one.
//!
//! To add one (the finder, entity hints, an entity card, bookmarks): a variant here holding its
//! state, its mode in [`Overlay::mode`], its actions in [`handle`], and a view in `view/`.

use super::action::Action;
use super::app::App;
use super::effects::Effects;
use super::entries::EntryId;
use super::mode::Mode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key help, generated from the keymap.
    Help,
    /// Articles to pair entry `id` with, best first (entry, score as shown), one selected.
    Picker {
        id: EntryId,
        items: Vec<(EntryId, String)>,
        selected: usize,
    },
}

impl Overlay {
    /// The keymap table keys are looked up in while this overlay is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Help => Mode::Help,
            Overlay::Picker { .. } => Mode::Picker,
        }
    }
}

/// An action while an overlay is open: the overlay takes it (it is modal); `None` closes it.
pub(super) fn handle(app: &mut App, overlay: &Overlay, action: Action) -> Effects {
    match overlay {
        Overlay::Help => match action {
            Action::Help | Action::Back => {
                app.overlay = None;
                Effects::redraw()
            }
            _ => Effects::none(),
        },
        Overlay::Picker {
            id,
            items,
            selected,
        } => {
            let last = items.len().saturating_sub(1);
            let moved = |to: usize| Overlay::Picker {
                id: *id,
                items: items.clone(),
                selected: to,
            };
            match action {
                Action::Down => app.overlay = Some(moved((*selected + 1).min(last))),
                Action::Up => app.overlay = Some(moved(selected.saturating_sub(1))),
                Action::Open => {
                    app.overlay = None;
                    if let Some(&(other, _)) = items.get(*selected) {
                        app.pair_entries(*id, other);
                    }
                }
                Action::Back => app.overlay = None,
                _ => return Effects::none(),
            }
            Effects::redraw()
        }
    }
}
