//! Results of background work: the files found, an article loaded, a job done or failed (a
//! failure, typed, becomes one status line here).

use std::path::PathBuf;
use std::sync::Arc;

use super::{App, pairs};
use crate::search::Memory;
use crate::tui::state::doc::Doc;
use crate::tui::state::library_list::{EntryId, EntryMeta, EntryState};
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::error::JobError;
use crate::tui::work::job::{Job, JobKind, JobOutput};

/// The loader found these files (in library order).
pub(super) fn discovered(app: &mut App, paths: Vec<PathBuf>) -> Effects {
    let single = app.library.is_empty() && paths.len() == 1;
    for p in paths {
        app.library.push(p);
    }
    app.open_first |= single;
    if app.library.is_empty() && app.status.is_none() {
        app.status = Some("no articles found".into());
    }
    Effects::redraw()
}

/// The loader parsed one file; once all have loaded, pair them.
pub(super) fn loaded(app: &mut App, id: EntryId, result: Result<Doc, JobError>) -> Effects {
    let Some(e) = app.library.by_id_mut(id) else {
        return Effects::redraw();
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
            app.finder.articles.push((id, Arc::clone(&doc.article)));
            app.docs.insert(id, Arc::new(doc), pinned);
        }
        Err(err) => e.state = EntryState::Failed(err.to_string()),
    }
    if app.open_first && app.library.position(id) == Some(0) && app.reader.is_none() {
        app.open_first = false;
        let _ = app.open(0);
    }
    let mut fx = Effects::redraw();
    if !app.loading()
        && let Some(items) = app.pairs.job_items()
    {
        let generation = app.next_generation(JobKind::Pairs);
        fx = fx.with(Command::Start {
            generation,
            job: Job::Pairs(items),
        });
    }
    fx
}

/// A job's result (its generation checked current by `update`).
pub(super) fn apply(app: &mut App, kind: JobKind, output: Result<JobOutput, JobError>) -> Effects {
    let output = match output {
        Ok(output) => output,
        Err(e) => {
            failed(app, kind, &e);
            let mut fx = Effects::redraw();
            if kind == JobKind::Pairs {
                fx.merge(super::word_keys::pairs_done(app));
            }
            return fx;
        }
    };
    let mut fx = Effects::redraw();
    match output {
        JobOutput::Doc { id, doc } => {
            let doc = Arc::new(*doc);
            let pinned = app.library.by_id(id).is_some_and(|e| e.is_stdin());
            app.docs.insert(id, Arc::clone(&doc), pinned);
            if app.opening == Some(id) {
                app.show(id, doc);
            }
        }
        JobOutput::PairDoc { ko, en, doc } => {
            let doc = Arc::new(*doc);
            let key = crate::tui::state::pairs::pair_key(ko, en);
            app.docs.insert(key, Arc::clone(&doc), false);
            if app.opening == Some(ko) {
                app.show(ko, doc);
            }
        }
        JobOutput::Pairs(found) => {
            app.pairs.set_found(*found);
            app.apply_pairs();
        }
        JobOutput::LibraryPairs(found) => {
            pairs::found(app, *found);
            fx.merge(super::word_keys::pairs_done(app));
        }
        JobOutput::Entities { id, doc, ents } => app.entities_built(id, doc, *ents),
        JobOutput::EntityReach { key, reach } => app.reach_found(key, reach),
        JobOutput::Words(built) => app.words_built(*built),
        JobOutput::WordModel(trained) => app.word_model_trained(trained),
        JobOutput::FinderCorpus(corpus, built_for, reach) => {
            app.finder.building = false;
            app.finder.reach = Some(reach);
            app.reach_rebuilt();
            app.finder.corpus = Some(corpus);
            app.finder.built_for = built_for;
            app.finder.memory = Memory::default();
            fx.merge(app.finder_build());
            fx.merge(app.finder_search_again());
        }
        JobOutput::FinderLibrary(stored) => fx.merge(app.finder_library_built(stored)),
        JobOutput::Bookmarked {
            id,
            made,
            pair,
            bookmarks,
        } => super::bookmark_keys::file_bookmarked(app, id, made, pair, bookmarks),
        JobOutput::Found {
            corpus,
            results,
            memory,
        } => {
            if app
                .finder
                .corpus
                .as_ref()
                .is_some_and(|c| Arc::ptr_eq(c, &corpus))
            {
                app.finder.memory = memory;
            }
            if let Some(Overlay::Finder(query)) = app.overlay.as_mut() {
                query.show(results);
                app.finder.shown = Some(corpus);
            }
        }
    }
    fx
}

/// A job failed: say why in the status bar. What it was for is not asked again by itself (the
/// entities of that article, the reach of that entity, a corpus of as many articles), so a
/// failure that would repeat does not loop.
fn failed(app: &mut App, kind: JobKind, e: &JobError) {
    let line = match kind {
        JobKind::Open => {
            app.opening = None;
            e.to_string()
        }
        JobKind::FinderCorpus => {
            app.finder.building = false;
            app.finder.failed_for = Some(app.finder.articles.len());
            app.finder.library_failed = app.disk.is_library();
            e.to_string()
        }
        JobKind::EntityReach => format!("library: {e}"),
        // The article's words stay "being built": not asked again for it.
        JobKind::Words => format!("words: {e}"),
        JobKind::WordModel => {
            app.words.training = false;
            format!("words: {e}")
        }
        JobKind::Bookmark => format!("no bookmark made: {e}"),
        JobKind::Entities | JobKind::Pairs | JobKind::Find => e.to_string(),
    };
    app.status = Some(line);
}
