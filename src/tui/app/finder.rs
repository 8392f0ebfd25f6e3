//! The finder's side of the app: its searchable library built from the loaded articles on a
//! worker, a search per keystroke, a hit's item, preview and where it opens.

use super::App;
use crate::search::{Hit, Item, Source};
use crate::tui::state::finder::FinderState;
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::{Job, JobKind};

impl App {
    /// The finder's item for a hit, and a short name of its article (for the result list).
    pub fn finder_item(&self, hit: &Hit) -> Option<(String, &Item)> {
        let lib = self
            .finder_shown
            .as_ref()
            .or(self.finder_library.as_ref())?;
        let source = match &self.overlay {
            Some(Overlay::Finder(s)) => s.effective().0,
            _ => Source::Text,
        };
        let item = lib.items(source).get(hit.item as usize)?;
        let doc = lib.docs.get(item.doc as usize)?;
        let date = doc
            .date
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d))
            .unwrap_or("");
        let title: String = doc.title.chars().take(24).collect();
        Some((format!("{date} {title}").trim().to_string(), item))
    }

    /// Which of the same-reading sentences of its article a text hit is (0 for other items).
    pub(super) fn finder_nth(&self, hit: &Hit, item: &Item) -> usize {
        match (&self.finder_library, item.sentence) {
            (Some(lib), Some(_)) => lib
                .items(Source::Text)
                .get(..hit.item as usize)
                .unwrap_or_default()
                .iter()
                .filter(|it| it.doc == item.doc && it.sentence.is_some() && it.text == item.text)
                .count(),
            _ => 0,
        }
    }

    /// The finder's preview of a hit: for a sentence, the sentence paired with it in the other
    /// language (through the aligner, when its document is at hand); for a name, the name in the
    /// other language.
    pub fn finder_preview(&self, hit: &Hit) -> Option<String> {
        let (_, item) = self.finder_item(hit)?;
        let hangul = |t: &str| t.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
        if item.sentence.is_none() && !item.alts.is_empty() {
            // The name shown is the one that matched (`hit.text`): preview one in the other script.
            let ko = hangul(&hit.text);
            return std::iter::once(&item.text)
                .chain(&item.alts)
                .find(|a| hangul(a) != ko)
                .cloned();
        }
        let &(id, _) = self.finder_articles.get(item.doc as usize)?;
        let doc = match &self.reader {
            Some(r) if r.entry == id => &r.doc,
            _ => self.docs.peek(id)?,
        };
        let (passage, bead) = doc.sentence_position(&item.text, self.finder_nth(hit, item))?;
        let p = doc.passages.get(passage)?;
        let (ko, en) = p.beads.get(bead?)?;
        let (other, ranges) = if hangul(&item.text) {
            (p.en.as_deref()?, en)
        } else {
            (p.ko.as_deref()?, ko)
        };
        let parts: Vec<&str> = ranges.iter().filter_map(|r| other.get(r.clone())).collect();
        let text = parts.join(" ");
        (!text.trim().is_empty()).then_some(text)
    }

    /// Build the finder's library on a worker if articles loaded since it was (one build at a
    /// time; a build that finishes short of the articles loaded meanwhile starts another).
    pub(super) fn finder_build(&mut self) -> Effects {
        let stale =
            self.finder_library.is_none() || self.finder_built_for < self.finder_articles.len();
        if !stale || self.finder_building || self.finder_articles.is_empty() {
            return Effects::none();
        }
        self.finder_building = true;
        let articles = self
            .finder_articles
            .iter()
            .map(|(_, a)| a.clone())
            .collect();
        let generation = self.next_generation(JobKind::FinderLibrary);
        Effects::none().with(Command::Start {
            generation,
            job: Job::FinderLibrary(articles),
        })
    }

    /// Search again for the finder's query, on a worker: a new query cancels the running one
    /// (and its result, if it comes, is stale); the results are shown when they arrive. With
    /// no library yet, the search starts when it is built.
    pub(super) fn finder_search(&mut self, state: &mut FinderState) -> Effects {
        let (source, query) = state.effective();
        let generation = self.next_generation(JobKind::Find);
        if query.trim().is_empty() {
            state.results = Default::default();
            state.selected = 0;
            return Effects::none().with(Command::Cancel(JobKind::Find));
        }
        let Some(library) = self.finder_library.clone() else {
            return self.finder_build();
        };
        Effects::none().with(Command::Start {
            generation,
            job: Job::Find {
                library,
                source,
                query: query.to_string(),
                memory: self.finder_memory.clone(),
            },
        })
    }
}

/// Open the article of the selected finder hit at its sentence (sentence mode on, so the
/// sentence pair is highlighted on both sides).
pub(super) fn open_hit(app: &mut App, state: &FinderState) -> Effects {
    let Some(hit) = state.results.hits.get(state.selected) else {
        return Effects::none();
    };
    let Some((_, item)) = app.finder_item(hit) else {
        return Effects::none();
    };
    let (doc, text) = (item.doc as usize, item.text.clone());
    // A sentence repeated in its article: which of the same-reading ones this is.
    let nth = app.finder_nth(hit, item);
    let Some(&(id, _)) = app.finder_articles.get(doc) else {
        return Effects::none();
    };
    let Some(i) = app.entries.position(id) else {
        return Effects::none();
    };
    app.overlay = None;
    app.pending_find = Some((id, text, nth));
    let fx = app.open(i);
    app.relayout();
    fx
}
