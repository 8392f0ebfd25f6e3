//! The finder's side of the app: its corpus built from the loaded articles on a worker, a
//! search per keystroke, a hit's item, preview and where it opens, and the overlay's keys.

use std::sync::Arc;

use super::App;
use super::lists::{Handled, Then, list_key};
use crate::library::ArticleId;
use crate::search::stored::Stored;
use crate::search::{Hit, Item, Memory, Source};
use crate::text::lang::is_hangul;
use crate::tui::action::Action;
use crate::tui::state::finder::FinderQuery;
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::{Job, JobKind};

fn has_hangul(t: &str) -> bool {
    t.chars().any(is_hangul)
}

impl App {
    /// `/`: open the finder (building its corpus first if articles loaded since it was built).
    pub(super) fn open_finder(&mut self) -> Effects {
        self.overlay = Some(Overlay::Finder(Box::default()));
        let mut fx = Effects::redraw();
        fx.merge(self.finder_build());
        fx
    }

    /// In a library: read the finder's corpus unless it is (being) read already.
    pub(super) fn finder_start(&mut self) -> Effects {
        if self.finder.stored.is_some() || !self.disk.is_library() {
            return Effects::none();
        }
        self.finder_build()
    }

    /// The corpus is being read and there is none to search yet (the overlay says so).
    pub fn finder_indexing(&self) -> bool {
        self.finder.building && self.finder.corpus.is_none()
    }

    /// The item a hit of `source` names, and a short name of its article (for the result list).
    pub fn finder_item(&self, source: Source, hit: &Hit) -> Option<(String, Item<'_>)> {
        let corpus = self.finder.results_corpus()?;
        let item = corpus.get(source, hit.item)?;
        let doc = corpus.docs.get(item.doc as usize)?;
        let date = doc
            .date
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d))
            .unwrap_or("");
        let title: String = doc.title.chars().take(24).collect();
        Some((format!("{date} {title}").trim().to_string(), item))
    }

    /// Which of the same-reading sentences of its article a text hit is (0 for other items).
    fn finder_nth(&self, source: Source, hit: &Hit) -> usize {
        self.finder
            .results_corpus()
            .map_or(0, |c| c.same_before(source, hit.item))
    }

    /// The finder's preview of a hit: for a sentence, the sentence paired with it in the other
    /// language (through the aligner, when its document is at hand); for a name, the name in the
    /// other language.
    pub fn finder_preview(&self, source: Source, hit: &Hit) -> Option<String> {
        let (_, item) = self.finder_item(source, hit)?;
        if item.sentence.is_none() && !item.alts.is_empty() {
            // The name shown is the one that matched (`hit.text`): preview one in the other script.
            let ko = has_hangul(&hit.text);
            return std::iter::once(item.text)
                .chain(item.alts.iter().map(String::as_str))
                .find(|a| has_hangul(a) != ko)
                .map(str::to_string);
        }
        let id = self.finder.entry_of(item.doc as usize)?;
        let doc = match &self.reader {
            Some(r) if r.entry == id => &r.doc,
            _ => self.docs.peek(id)?,
        };
        let (passage, bead) = doc.sentence_position(item.text, self.finder_nth(source, hit))?;
        let p = doc.passages.get(passage)?;
        let (ko, en) = p.beads.get(bead?)?;
        let (other, ranges) = if has_hangul(item.text) {
            (p.en.as_deref()?, en)
        } else {
            (p.ko.as_deref()?, ko)
        };
        let parts: Vec<&str> = ranges.iter().filter_map(|r| other.get(r.clone())).collect();
        let text = parts.join(" ");
        (!text.trim().is_empty()).then_some(text)
    }

    /// Build the finder's corpus on a worker if articles loaded since it was (one build at a
    /// time; a build that finishes short of the articles loaded meanwhile starts another). The
    /// job shares the loaded articles; none is copied.
    pub(super) fn finder_build(&mut self) -> Effects {
        if let Some(home) = self.disk.home.clone() {
            return self.finder_library(home);
        }
        if !self.finder.stale() || self.finder.building || self.finder.articles.is_empty() {
            return Effects::none();
        }
        self.finder.building = true;
        let articles = self
            .finder
            .articles
            .iter()
            .map(|(_, a)| Arc::clone(a))
            .collect();
        let generation = self.next_generation(JobKind::FinderCorpus);
        Effects::none().with(Command::Start {
            generation,
            job: Job::FinderCorpus(articles),
        })
    }

    /// The library's corpus: every article read from its cache on a worker once (whatever
    /// rows the list has read), then extended with the articles stored since (a feed refresh,
    /// an import); read again only when articles it holds were processed again.
    fn finder_library(&mut self, home: crate::library::Home) -> Effects {
        let f = &mut self.finder;
        if f.building || f.library_failed {
            return Effects::none();
        }
        let (base, ids) = match &f.stored {
            Some(_) if f.rebuild => (None, None),
            None => (None, None),
            Some(stored) => {
                let mut new: Vec<_> = (f.arrived.drain(..))
                    .filter(|a| !f.indexed.contains(a))
                    .collect();
                if new.is_empty() {
                    return Effects::none();
                }
                new.sort_unstable();
                new.dedup();
                (Some(Arc::clone(stored)), Some(new))
            }
        };
        if base.is_none() {
            // All of it is read: what arrived is in it.
            f.arrived.clear();
            f.rebuild = false;
        }
        f.building = true;
        let generation = self.next_generation(JobKind::FinderCorpus);
        Effects::none().with(Command::Start {
            generation,
            job: Job::FinderLibrary { home, base, ids },
        })
    }

    /// Articles stored in the library (`changed`: processed again) since its corpus was read:
    /// added to it (changed ones it holds: it is read again), on a worker, once the running
    /// build is done.
    pub(super) fn finder_library_arrived(&mut self, ids: &[ArticleId], changed: bool) -> Effects {
        let f = &mut self.finder;
        if f.stored.is_none() && !f.building {
            return Effects::none();
        }
        f.library_failed = false;
        // During a build it is unknown whether it read them before or after: read again.
        if changed && (f.building || ids.iter().any(|a| f.indexed.contains(a))) {
            f.rebuild = true;
        }
        f.arrived.extend_from_slice(ids);
        self.finder_build()
    }

    /// The library's corpus came: search in it, and add the articles stored meanwhile.
    pub(super) fn finder_library_built(&mut self, stored: Option<Arc<Stored>>) -> Effects {
        self.finder.building = false;
        let Some(stored) = stored else {
            return Effects::none();
        };
        self.finder.indexed = stored.ids.iter().copied().collect();
        self.finder
            .indexed
            .extend(stored.failed.iter().map(|(a, _)| *a));
        self.finder.corpus = Some(Arc::clone(&stored.corpus));
        self.finder.built_for = stored.ids.len();
        self.finder.stored = Some(stored);
        self.finder.memory = Memory::default();
        let mut fx = self.finder_build();
        fx.merge(self.finder_search_again());
        fx
    }

    /// Search again for the finder's query, on a worker: a new query cancels the running one
    /// (and its result, if it comes, is stale); the results are shown when they arrive. With
    /// no corpus yet, the search starts when it is built.
    pub(super) fn finder_search(&mut self, query: &mut FinderQuery) -> Effects {
        let (source, text) = query.effective();
        let generation = self.next_generation(JobKind::Find);
        if text.trim().is_empty() {
            query.show(Default::default());
            return Effects::none().with(Command::Cancel(JobKind::Find));
        }
        let Some(corpus) = self.finder.corpus.clone() else {
            return self.finder_build();
        };
        Effects::none().with(Command::Start {
            generation,
            job: Job::Find {
                corpus,
                source,
                query: text.to_string(),
                memory: self.finder.memory.clone(),
            },
        })
    }

    /// The corpus was rebuilt: search the open finder's query again in it.
    pub(super) fn finder_search_again(&mut self) -> Effects {
        match self.overlay.take() {
            Some(Overlay::Finder(mut query)) => {
                let fx = self.finder_search(&mut query);
                self.overlay = Some(Overlay::Finder(query));
                fx
            }
            other => {
                self.overlay = other;
                Effects::none()
            }
        }
    }
}

/// Keys in the finder: typed text searches, Tab changes the source, Enter opens the hit.
pub(super) fn finder_key(app: &mut App, query: &mut FinderQuery, action: Action) -> Handled {
    if list_key(app, &mut query.list, &action, query.results.hits.len()) {
        return (Effects::redraw(), Then::Stay);
    }
    let mut fx = Effects::redraw();
    match action {
        Action::Back => return (fx, Then::Close),
        Action::Insert(c) => query.query.push(c),
        Action::DeleteChar => {
            query.query.pop();
        }
        Action::ClearQuery => query.query.clear(),
        Action::NextSource => {
            query.next_source();
            app.finder.memory = Memory::default();
        }
        Action::Open => {
            return match open_hit(app, query) {
                Some(fx) => (fx, Then::Close),
                None => (Effects::none(), Then::Stay),
            };
        }
        _ => return (Effects::none(), Then::Stay),
    }
    fx.merge(app.finder_search(query));
    (fx, Then::Stay)
}

/// Open the article of the selected finder hit at its sentence (sentence mode on, so the
/// sentence pair is highlighted on both sides); `None` when there is nothing to open.
fn open_hit(app: &mut App, query: &FinderQuery) -> Option<Effects> {
    let hit = query.hit()?;
    let source = query.effective().0;
    let (_, item) = app.finder_item(source, hit)?;
    let (doc, text) = (item.doc as usize, item.text.to_string());
    // A sentence repeated in its article: which of the same-reading ones this is.
    let nth = app.finder_nth(source, hit);
    let id = app.finder.entry_of(doc)?;
    let Some(i) = app.library.position(id) else {
        app.status = Some("that article is hidden by the list's filters (u, O)".into());
        return None;
    };
    app.finder.pending = Some((id, text, nth));
    let fx = app.open(i);
    app.relayout();
    Some(fx)
}
