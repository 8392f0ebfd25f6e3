//! The reader's entity keys: the open article's entities once their job is done, hint labels
//! (`f`), the selected entity and its mentions in reading order (`n`/`N`, `]`/`[`), and the
//! article's entity list (`E`). The data they work on is in [`hints`](crate::tui::state::hints).

use std::sync::Arc;

use super::App;
use crate::tui::state::doc::Doc;
use crate::tui::state::entries::EntryId;
use crate::tui::state::hints::{ArticleEntities, Hint, Spot, labels, screen_at};
use crate::tui::state::overlay::Overlay;
use crate::tui::work::effects::{Command, Effects};
use crate::tui::work::job::{Job, JobKind};

impl App {
    /// The open article's entities, once its job has built them.
    pub fn article_entities(&self) -> Option<&Arc<ArticleEntities>> {
        let r = self.reader.as_ref()?;
        self.entities.of(r.entry, &r.doc)
    }

    /// The selected entity (an id in [`ArticleEntities::index`]).
    pub fn selected_entity(&self) -> Option<usize> {
        self.entities.selected.map(|(e, _)| e)
    }

    /// The mention the `n`/`N` cursor is on.
    pub fn mention_cursor(&self) -> Option<&Spot> {
        let (_, at) = self.entities.selected?;
        self.article_entities()?.spots.get(at?)
    }

    /// The hint labels on screen (hint mode).
    pub fn hints(&self) -> &[Hint] {
        match &self.overlay {
            Some(Overlay::Hints { hints, .. }) => hints,
            _ => &[],
        }
    }

    /// The card of the selected entity.
    pub fn entity_card(&self) -> Option<String> {
        let library = self.entity_reach().map(|r| r.summary());
        self.article_entities()?
            .card(self.selected_entity()?, library.as_deref())
    }

    /// Start building the open article's entities if nothing has (called after every update).
    pub(super) fn request_entities(&mut self) -> Effects {
        let Some(r) = self.reader.as_ref() else {
            return Effects::none();
        };
        if self.entities.of(r.entry, &r.doc).is_some() || self.entities.building == Some(r.entry) {
            return Effects::none();
        }
        let (id, doc) = (r.entry, Arc::clone(&r.doc));
        self.entities.selected = None;
        self.entities.building = Some(id);
        let generation = self.next_generation(JobKind::Entities);
        Effects::none().with(Command::Start {
            generation,
            job: Job::Entities { id, doc },
        })
    }

    /// A built entity index came back.
    pub(super) fn entities_built(&mut self, id: EntryId, doc: Arc<Doc>, ents: ArticleEntities) {
        self.entities.insert(id, doc, Arc::new(ents));
        self.select_pending_entity();
    }

    /// `f`: label every mention on screen.
    pub(super) fn start_hints(&mut self) {
        let Some(ents) = self.article_entities().cloned() else {
            self.status = Some(if self.reader.is_some() {
                "still finding the entities…".into()
            } else {
                "open an article first".into()
            });
            return;
        };
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        let shown: Vec<usize> = (0..ents.spots.len())
            .filter(|&i| screen_at(r, &self.geom, self.config.ambiguous, &ents.spots[i]).is_some())
            .collect();
        if shown.is_empty() {
            self.status = Some("no entities on screen".into());
            return;
        }
        let hints = labels(shown.len())
            .into_iter()
            .zip(shown)
            .map(|(label, spot)| Hint { label, spot })
            .collect();
        self.overlay = Some(Overlay::Hints {
            hints,
            typed: String::new(),
        });
    }

    /// A letter typed in hint mode: select the entity whose label it completes.
    pub(super) fn hint_typed(&mut self, hints: &[Hint], typed: &str, c: char) {
        let mut t = typed.to_string();
        t.push(c.to_ascii_lowercase());
        if let Some(h) = hints.iter().find(|h| h.label == t) {
            let spot = h.spot;
            self.overlay = None;
            if let Some(e) = self.article_entities().and_then(|a| a.spots.get(spot)) {
                self.entities.selected = Some((e.entity, Some(spot)));
            }
        } else if hints.iter().any(|h| h.label.starts_with(&t)) {
            self.overlay = Some(Overlay::Hints {
                hints: hints.to_vec(),
                typed: t,
            });
        } else {
            self.overlay = None;
            self.status = Some(format!("no hint {t}"));
        }
    }

    /// `n`/`N` (`any` = false): the next mention of the selected entity; `]e`/`[e` (`any`):
    /// of any entity. Reading order across both columns; scrolls it into view.
    pub(super) fn step_mention(&mut self, dir: isize, any: bool) {
        let Some(ents) = self.article_entities().cloned() else {
            self.status = Some("still finding the entities…".into());
            return;
        };
        let sel = self.entities.selected;
        let want = |s: &Spot| any || sel.is_some_and(|(e, _)| e == s.entity);
        if !any && sel.is_none() {
            self.status = Some("no entity selected (f selects one)".into());
            return;
        }
        let n = ents.spots.len();
        // From the cursor, else from the top of the focused passage.
        let from = sel.and_then(|(_, at)| at);
        let passage = self.reader.as_ref().map_or(0, |r| r.at.passage);
        let order: Vec<usize> = if dir > 0 {
            let start = match from {
                Some(a) => a + 1,
                None => ents.spots.partition_point(|s| s.passage < passage),
            };
            (start..n).collect()
        } else {
            let end = match from {
                Some(a) => a,
                None => ents.spots.partition_point(|s| s.passage < passage),
            };
            (0..end).rev().collect()
        };
        match order.into_iter().find(|&i| want(&ents.spots[i])) {
            Some(i) => {
                let e = ents.spots[i].entity;
                self.entities.selected = Some((e, Some(i)));
                self.jump_to(&ents.spots[i]);
                let k = ents.spots[..=i].iter().filter(|s| s.entity == e).count();
                self.status = Some(format!("mention {k}/{}", ents.count(e)));
            }
            None => self.status = Some("no more mentions".into()),
        }
    }

    /// `E`: the article's entities grouped by type.
    pub(super) fn open_entity_list(&mut self) {
        let Some(ents) = self.article_entities() else {
            self.status = Some(if self.reader.is_some() {
                "still finding the entities…".into()
            } else {
                "open an article first".into()
            });
            return;
        };
        let items = ents.grouped();
        if items.is_empty() {
            self.status = Some("no entities in this article".into());
            return;
        }
        self.overlay = Some(Overlay::Entities { items, selected: 0 });
    }

    /// Select entity `id` and jump to its first mention (from the entity list).
    pub(super) fn select_entity(&mut self, id: usize) {
        let Some(ents) = self.article_entities().cloned() else {
            return;
        };
        let first = ents.spots.iter().position(|s| s.entity == id);
        self.entities.selected = Some((id, first));
        if let Some(i) = first {
            self.jump_to(&ents.spots[i]);
        }
    }

    /// Focus the mention's passage and scroll so its row is on screen.
    fn jump_to(&mut self, spot: &Spot) {
        let page = self.geom.page();
        let Some(r) = self.reader.as_mut() else {
            return;
        };
        r.focus_passage(spot.passage);
        let Some(row) = r
            .wrapped
            .as_ref()
            .and_then(|w| w.row_of(spot.passage, spot.side, spot.range.start))
        else {
            return;
        };
        if row < r.scroll || row >= r.scroll + page {
            r.scroll = row.saturating_sub(page / 3);
        }
    }
}
