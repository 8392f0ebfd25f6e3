//! The selected entity across the library: the card's library-wide count, and `A`, the list of
//! every article that mentions it (newest first; Enter opens one at the mention).
//!
//! In a library run the articles come from the library's entity-name index, looked up on a
//! worker (`Job::EntityReach`; a stale answer is dropped by its generation like every job's).
//! For `duet PATH…` they come from the finder's entity index across the loaded articles (its
//! job builds the reach beside it, [`LoadedReach`]): a lookup in memory, no second index.

use super::App;
use super::lists::{Handled, Then, list_key};
use crate::library::EntityReach;
use crate::library::entities::LoadedReach;
use crate::text::sanitize::fold_whitespace;
use crate::tui::action::Action;
use crate::tui::state::disk::from_library;
use crate::tui::state::entities::{Reach, ReachItem, ReachKey, matches, reach_key};
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::{EntityArticles, Overlay};
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::{Job, JobKind};

impl App {
    /// The selected entity's reach, once known.
    pub fn entity_reach(&self) -> Option<&Reach> {
        let id = self.selected_entity()?;
        let key = reach_key(self.article_entities()?.entity(id)?);
        self.entities.reach.as_ref().filter(|r| r.key == key)
    }

    /// After every update: look up how far the selected entity reaches, when that is not known
    /// or under way.
    pub(super) fn request_reach(&mut self) -> Effects {
        let Some(e) = self
            .selected_entity()
            .and_then(|id| self.article_entities()?.entity(id).cloned())
        else {
            return Effects::none();
        };
        let key = reach_key(&e);
        if key.1.is_empty()
            || self.entities.reach.as_ref().is_some_and(|r| r.key == key)
            || self.entities.reaching.as_ref() == Some(&key)
        {
            return Effects::none();
        }
        if let Some(home) = self.disk.home.clone() {
            self.entities.reaching = Some(key.clone());
            let generation = self.next_generation(JobKind::EntityReach);
            return Effects::none().with(Command::Start {
                generation,
                job: Job::EntityReach { home, key },
            });
        }
        match self.finder.reach.clone() {
            Some(loaded) => {
                let reach = self.loaded_reach(&loaded, &e, key);
                self.entities.reach = Some(reach);
                Effects::redraw()
            }
            // The reach comes with the finder's corpus.
            None => self.finder_build(),
        }
    }

    /// The reach of an entity across the loaded articles (no library).
    fn loaded_reach(
        &self,
        loaded: &LoadedReach,
        e: &crate::entity::Entity,
        key: ReachKey,
    ) -> Reach {
        let articles = loaded
            .of(e)
            .into_iter()
            .filter_map(|(i, mentions, at, _)| {
                let &(entry, _) = self.finder.articles.get(i)?;
                let meta = self.library.by_id(entry)?.meta()?;
                Some(ReachItem {
                    entry,
                    title: meta.display_title(),
                    published: meta.published.clone(),
                    outlet: meta.outlet.clone(),
                    mentions,
                    at: from_library(at),
                })
            })
            .collect::<Vec<_>>();
        let mut reach = Reach {
            key,
            mentions: articles.iter().map(|a| a.mentions).sum(),
            articles,
        };
        reach.sort();
        reach
    }

    /// The library's answer came back.
    pub(super) fn reach_found(&mut self, key: ReachKey, found: EntityReach) {
        if self.entities.reaching.as_ref() == Some(&key) {
            self.entities.reaching = None;
        }
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(|t| fold_whitespace(&crate::text::sanitize(t)))
                .filter(|t| !t.is_empty())
        };
        let articles: Vec<ReachItem> = found
            .articles
            .iter()
            .filter_map(|a| {
                let entry = self.disk.entry_of(a.id)?;
                let title = match (clean(&a.title), clean(&a.title_en)) {
                    (Some(t), Some(en)) if t != en => format!("{t}  ·  {en}"),
                    (Some(t), _) | (None, Some(t)) => t,
                    (None, None) => format!("article {}", a.id),
                };
                Some(ReachItem {
                    entry,
                    title,
                    published: clean(&a.published),
                    outlet: clean(&a.outlet),
                    mentions: a.mentions,
                    at: from_library(a.position),
                })
            })
            .collect();
        let mut reach = Reach {
            key,
            mentions: articles.iter().map(|a| a.mentions).sum(),
            articles,
        };
        reach.sort();
        self.entities.reach = Some(reach);
    }

    /// The finder's corpus (and the reach beside it) was rebuilt: answers from the old one go.
    pub(super) fn reach_rebuilt(&mut self) {
        if self.disk.home.is_none() {
            self.entities.reach = None;
        }
    }

    /// `A`: every article that mentions the selected entity.
    pub(super) fn open_entity_articles(&mut self) {
        let Some(id) = self.selected_entity() else {
            self.status = Some("no entity selected (f selects one)".into());
            return;
        };
        let Some(reach) = self.entity_reach() else {
            self.status = Some("still looking it up in the library…".into());
            return;
        };
        if reach.articles.is_empty() {
            self.status = Some("no article of the library mentions it".into());
            return;
        }
        let items = reach.articles.clone();
        let here = self.reader.as_ref().map(|r| r.entry());
        let selected = items
            .iter()
            .position(|a| Some(a.entry) != here)
            .unwrap_or(0);
        let name = self
            .article_entities()
            .and_then(|a| a.entity(id))
            .map(|e| e.label().to_string())
            .unwrap_or_default();
        self.overlay = Some(Overlay::EntityArticles(EntityArticles {
            name: crate::text::sanitize(&name),
            items,
            list: ListCursor::at(selected),
        }));
    }

    /// Enter in the list: open the article at the mention; the entity is selected there once
    /// the article's entities are built.
    pub(super) fn open_reach_item(&mut self, item: &ReachItem) -> Effects {
        let Some(i) = self.library.row_of(item.entry) else {
            self.status = Some("that article is hidden by the filter (u, O show all)".into());
            return Effects::redraw();
        };
        let key = self.entity_reach().map(|r| r.key.clone());
        self.disk.positions.insert(item.entry, item.at);
        if let Some(key) = key {
            self.entities.pending = Some((item.entry, key));
        }
        let fx = self.open(i);
        self.select_pending_entity();
        fx
    }

    /// Select the entity an article was opened for (`A`, Enter), once its entities are built:
    /// the mention at the reading position, else its first.
    pub(super) fn select_pending_entity(&mut self) {
        let Some((entry, key)) = self.entities.pending.clone() else {
            return;
        };
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        if r.entry() != entry {
            return;
        }
        let passage = r.position().passage;
        let Some(ents) = self.article_entities().cloned() else {
            return;
        };
        self.entities.pending = None;
        let Some(e) = ents.index.entities.iter().find(|e| matches(e, &key)) else {
            return;
        };
        let spot = ents
            .spots
            .iter()
            .position(|s| s.entity == e.id && s.passage == passage)
            .or_else(|| ents.spots.iter().position(|s| s.entity == e.id));
        self.entities.selected = Some((e.id, spot));
    }
}

/// Keys in the list of the entity's articles: Enter opens one at the mention.
pub(super) fn articles_key(app: &mut App, list: &mut EntityArticles, action: Action) -> Handled {
    if list_key(app, &mut list.list, &action, list.items.len()) {
        return (Effects::redraw(), Then::Stay);
    }
    match action {
        Action::Open => {
            let fx = match list.items.get(list.list.selected) {
                Some(item) => app.open_reach_item(item),
                None => Effects::redraw(),
            };
            (fx, Then::Close)
        }
        Action::Back | Action::EntityArticles => (Effects::redraw(), Then::Close),
        _ => (Effects::none(), Then::Stay),
    }
}
