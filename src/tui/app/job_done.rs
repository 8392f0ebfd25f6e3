//! Results of background work: an article loaded, a job done.

use std::sync::Arc;

use super::{App, library_pairs};
use crate::search::Memory;
use crate::tui::state::doc::Doc;
use crate::tui::state::entries::{EntryId, EntryMeta, EntryState};
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::Effects;
use crate::tui::work::job::JobOutput;

pub(super) fn loaded(app: &mut App, id: EntryId, result: Result<Doc, String>) {
    let Some(e) = app.entries.by_id_mut(id) else {
        return;
    };
    if matches!(e.state, EntryState::Pending) {
        app.done += 1;
    }
    let pinned = e.is_stdin();
    let path = e.path.clone();
    match result {
        Ok(doc) => {
            e.state = EntryState::Ready(EntryMeta::of(&doc));
            app.pairs.add(id, &path, doc.evidence.clone());
            app.finder_articles.push((id, doc.article.clone()));
            app.docs.insert(id, Arc::new(doc), pinned);
        }
        Err(msg) => e.state = EntryState::Failed(msg),
    }
    if app.open_first && app.entries.position(id) == Some(0) && app.reader.is_none() {
        app.open_first = false;
        let _ = app.open(0);
    }
}

/// A job's result (its generation checked current by `update`).
pub(super) fn apply(app: &mut App, output: JobOutput) -> Effects {
    let mut fx = Effects::redraw();
    match output {
        JobOutput::Doc { id, doc } => match doc {
            Ok(doc) => {
                let doc = Arc::new(*doc);
                let pinned = app.entries.by_id(id).is_some_and(|e| e.is_stdin());
                app.docs.insert(id, Arc::clone(&doc), pinned);
                if app.opening == Some(id) {
                    app.show(id, doc);
                }
            }
            Err(e) => {
                app.opening = None;
                app.status = Some(e);
            }
        },
        JobOutput::PairDoc { ko, en, doc } => match doc {
            Ok(doc) => {
                let doc = Arc::new(*doc);
                app.docs.insert(
                    crate::tui::state::pairs::pair_key(ko, en),
                    Arc::clone(&doc),
                    false,
                );
                if app.opening == Some(ko) {
                    app.show(ko, doc);
                    app.status = None;
                }
            }
            Err(e) => {
                app.opening = None;
                app.status = Some(e);
            }
        },
        JobOutput::Pairs(found) => {
            app.pairs.set_found(*found);
            app.apply_pairs();
        }
        JobOutput::LibraryPairs(result) => library_pairs::found(app, result),
        JobOutput::Entities { id, doc, ents } => app.entities_built(id, doc, *ents),
        JobOutput::EntityReach { key, reach } => app.reach_found(key, reach),
        JobOutput::FinderLibrary(library, built_for, reach) => {
            app.finder_building = false;
            app.finder_reach = Some(reach);
            app.reach_rebuilt();
            app.finder_library = Some(library);
            app.finder_built_for = built_for;
            app.finder_memory = Memory::default();
            fx.merge(app.finder_build());
            if let Some(Overlay::Finder(state)) = app.overlay.as_mut() {
                let mut state = state.as_ref().clone();
                fx.merge(app.finder_search(&mut state));
                app.overlay = Some(Overlay::Finder(Box::new(state)));
            }
        }
        JobOutput::Found {
            library,
            results,
            memory,
        } => {
            if app
                .finder_library
                .as_ref()
                .is_some_and(|l| Arc::ptr_eq(l, &library))
            {
                app.finder_memory = memory;
            }
            if let Some(Overlay::Finder(state)) = app.overlay.as_mut() {
                state.results = results;
                state.selected = 0;
                app.finder_shown = Some(library);
            }
        }
    }
    fx
}
