//! Translation pairs in the library on disk: pairing starts once the background work is done
//! (after the first frame; a job on a worker), its answer in article ids becomes the list's
//! pairs, a pair opens from the cache, and the choices made by hand go to the library.

use std::collections::HashMap;
use std::path::PathBuf;

use super::App;
use crate::library::ArticleId;
use crate::tui::effects::{Command, Effects};
use crate::tui::entries::EntryId;
use crate::tui::job::{Job, JobKind};
use crate::tui::pairs;
use crate::tui::store::Save;

/// The library's background work is done: pair it.
pub(super) fn settled(app: &mut App, remember: bool) -> Effects {
    let Some(home) = app.store.home.clone() else {
        return Effects::none();
    };
    let generation = app.next_generation(JobKind::Pairs);
    Effects::none().with(Command::Start {
        generation,
        job: Job::LibraryPairs { home, remember },
    })
}

/// The library's pairs have come: show them (with the choices stored and made since).
pub(super) fn found(app: &mut App, result: Result<Box<crate::library::pairs::Found>, String>) {
    match result {
        Ok(found) => {
            let entry_of: HashMap<ArticleId, EntryId> =
                app.store.articles.iter().map(|(&e, &a)| (a, e)).collect();
            let found = pairs::from_library(*found, |a| entry_of.get(&a).copied());
            app.pairs.set_found(found);
            app.apply_pairs();
        }
        Err(e) => app.status = Some(e),
    }
}

/// The job that opens a pair: both articles from the library's cache when they are library
/// articles, else the two files.
pub(super) fn open_job(
    app: &App,
    (ko, ko_path): (EntryId, PathBuf),
    (en, en_path): (EntryId, PathBuf),
) -> Job {
    match (
        &app.store.home,
        app.store.article(ko),
        app.store.article(en),
    ) {
        (Some(home), Some(ko_article), Some(en_article)) => Job::OpenStoredPair {
            ko,
            en,
            home: home.clone(),
            ko_article,
            en_article,
        },
        _ => Job::OpenPair {
            ko,
            en,
            ko_path,
            en_path,
        },
    }
}

/// Save a choice made by hand, (Korean, English), when both are library articles and the
/// library can be written.
pub(super) fn save(app: &App, (ko, en): (EntryId, EntryId), paired: bool) -> Effects {
    let (Some(k), Some(e)) = (app.store.article(ko), app.store.article(en)) else {
        return Effects::none();
    };
    if app.store.read_only.is_some() {
        return Effects::none();
    }
    Effects::none().with(Command::Save(if paired {
        Save::Pair(k, e)
    } else {
        Save::Split(k, e)
    }))
}
