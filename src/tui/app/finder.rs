//! The finder's side of the app: its corpus built from the loaded articles on a worker, a
//! search per keystroke, a hit's item, preview and where it opens, and the overlay's keys.

use std::collections::HashMap;
use std::sync::Arc;

use super::App;
use super::lists::{Handled, Then, list_key};
use crate::library::ArticleId;
use crate::search::stored::Stored;
use crate::search::{Hit, Item, Memory, Source};
use crate::text::lang::is_hangul;
use crate::tui::action::Action;
use crate::tui::state::finder::FinderQuery;
use crate::tui::state::library_list::EntryId;
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

    /// The library's corpus: built from its cache on a worker once, then extended with the
    /// articles listed since (a feed refresh, an import), never built again.
    fn finder_library(&mut self, home: crate::library::Home) -> Effects {
        if self.finder.building || self.disk.articles.is_empty() {
            return Effects::none();
        }
        let (base, ids) = match &self.finder.stored {
            None => (None, None),
            Some(stored) => {
                let mut new: Vec<_> = (self.disk.articles.values())
                    .filter(|a| !self.finder.indexed.contains(a))
                    .copied()
                    .collect();
                if new.is_empty() {
                    return Effects::none();
                }
                new.sort_unstable();
                (Some(Arc::clone(stored)), Some(new))
            }
        };
        self.finder.building = true;
        let generation = self.next_generation(JobKind::FinderCorpus);
        Effects::none().with(Command::Start {
            generation,
            job: Job::FinderLibrary { home, base, ids },
        })
    }

    /// The library's corpus came: search in it, and add the articles listed meanwhile.
    pub(super) fn finder_library_built(&mut self, stored: Option<Arc<Stored>>) -> Effects {
        self.finder.building = false;
        let Some(stored) = stored else {
            return Effects::none();
        };
        let entry_of: HashMap<ArticleId, EntryId> =
            self.disk.articles.iter().map(|(&e, &a)| (a, e)).collect();
        self.finder.entries = (stored.ids.iter())
            .map(|a| entry_of.get(a).copied().unwrap_or(EntryId(u64::MAX)))
            .collect();
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
    let i = app.library.position(id)?;
    app.finder.pending = Some((id, text, nth));
    let fx = app.open(i);
    app.relayout();
    Some(fx)
}
