//! The reader's entity keys: the open article's entities once their job is done, labels on the
//! mentions (`f`), the selected entity and its mentions in reading order (`n`/`N`, `]`/`[`), and the
//! article's entity list (`E`). The data they work on is in [`entities`](crate::tui::state::entities).

use std::sync::Arc;

use super::App;
use super::lists::{Handled, Then, list_key};
use crate::tui::action::Action;
use crate::tui::state::doc::Doc;
use crate::tui::state::entities::{ArticleEntities, Label, Spot, labels, screen_at};
use crate::tui::state::library_list::EntryId;
use crate::tui::state::list_cursor::ListCursor;
use crate::tui::state::overlay::{EntityList, Labels, Overlay};
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

    /// The entity labels on screen (`f`).
    pub fn labels(&self) -> &[Label] {
        match &self.overlay {
            Some(Overlay::Labels(l)) => &l.labels,
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
    pub(super) fn start_labels(&mut self) {
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
        let labels = labels(shown.len())
            .into_iter()
            .zip(shown)
            .map(|(label, spot)| Label { label, spot })
            .collect();
        self.overlay = Some(Overlay::Labels(Labels {
            labels,
            typed: String::new(),
        }));
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
                let name = ents.entity(e).map_or("", |x| x.label());
                self.status = Some(format!("{name} · mention {k}/{}", ents.count(e)));
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
        self.overlay = Some(Overlay::Entities(EntityList {
            items,
            list: ListCursor::default(),
        }));
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

/// Keys while the labels are shown: a letter typed selects the entity whose label it completes.
pub(super) fn labels_key(app: &mut App, labels: &mut Labels, action: Action) -> Handled {
    match action {
        Action::Insert(c) => {
            labels.typed.push(c.to_ascii_lowercase());
            let typed = labels.typed.as_str();
            if let Some(l) = labels.labels.iter().find(|l| l.label == typed) {
                let spot = l.spot;
                if let Some(e) = app.article_entities().and_then(|a| a.spots.get(spot)) {
                    app.entities.selected = Some((e.entity, Some(spot)));
                }
                (Effects::redraw(), Then::Close)
            } else if labels.labels.iter().any(|l| l.label.starts_with(typed)) {
                (Effects::redraw(), Then::Stay)
            } else {
                app.status = Some(format!("no label {typed}: label mode off"));
                (Effects::redraw(), Then::Close)
            }
        }
        Action::Back => {
            app.status = Some("label mode off".into());
            (Effects::redraw(), Then::Close)
        }
        _ => (Effects::none(), Then::Stay),
    }
}

/// Keys in the entity list: Enter selects the entity and goes to its first mention.
pub(super) fn entity_list_key(app: &mut App, list: &mut EntityList, action: Action) -> Handled {
    if list_key(app, &mut list.list, &action, list.items.len()) {
        return (Effects::redraw(), Then::Stay);
    }
    match action {
        Action::Open => {
            if let Some(&(id, _)) = list.items.get(list.list.selected) {
                app.select_entity(id);
            }
            (Effects::redraw(), Then::Close)
        }
        Action::Back => (Effects::redraw(), Then::Close),
        _ => (Effects::none(), Then::Stay),
    }
}
