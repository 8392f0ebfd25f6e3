//! Entities in the reader: the open article's entity index (built on a worker job when an
//! article is opened), labels on the mentions (`f`), the selected entity and its mentions in reading order
//! (`n`/`N`), the article's entity list (`E`), and how far the selected entity reaches across
//! the library (`A`: every article that mentions it).
//!
//! The index is built from the reader's own passages (one block per passage side, one pair per
//! two-sided passage), so a mention's block is its passage and its character offsets convert to
//! byte offsets in the text the reader draws: highlights and labels take the same route as the
//! sentence cursor (`Wrapped::row_of`).

use std::ops::Range;
use std::sync::Arc;

use crate::entity::{self, Entity, EntityIndex};
use crate::model::{Bitext, Block, Lang, Pair};
use crate::text::width::str_width;
use crate::tui::state::doc::Doc;
use crate::tui::state::layout::{Layout, Side};
use crate::tui::state::library_list::EntryId;

/// One mention as the reader sees it: passage, side, byte range in that side's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub passage: usize,
    pub side: Side,
    pub range: Range<usize>,
    pub entity: usize,
}

/// The entities of one open article.
#[derive(Debug, Clone)]
pub struct ArticleEntities {
    pub index: EntityIndex,
    /// Every mention, in reading order: passage, Korean side before English, offset.
    pub spots: Vec<Spot>,
}

impl ArticleEntities {
    /// Find and link the entities of a document (pure; run on a worker).
    pub fn build(doc: &Doc) -> ArticleEntities {
        let mut bt = Bitext::default();
        let mut ko_at = Vec::new();
        let mut en_at = Vec::new();
        for (i, p) in doc.passages.iter().enumerate() {
            let mut push = |text: &Option<String>, lang: Lang| {
                let t = text.as_ref()?;
                let blocks = if lang == Lang::Ko {
                    &mut bt.ko_blocks
                } else {
                    &mut bt.en_blocks
                };
                blocks.push(Block {
                    kind: p.kind,
                    lang,
                    text: t.clone(),
                });
                Some(blocks.len() - 1)
            };
            let k = push(&p.ko, Lang::Ko);
            let e = push(&p.en, Lang::En);
            if k.is_some() {
                ko_at.push(i);
            }
            if e.is_some() {
                en_at.push(i);
            }
            if let (Some(k), Some(e)) = (k, e) {
                bt.pairs.push(Pair {
                    kind: p.kind,
                    ko: String::new(),
                    en: String::new(),
                    beads: Vec::new(),
                    ko_blocks: vec![k],
                    en_blocks: vec![e],
                });
            }
        }
        let index = EntityIndex::build([("article", &bt)]);
        let mut spots = Vec::new();
        for e in &index.entities {
            for m in &e.mentions {
                let (side, at) = match m.lang {
                    entity::Side::Ko => (Side::Ko, &ko_at),
                    entity::Side::En => (Side::En, &en_at),
                };
                let Some(&passage) = at.get(m.block) else {
                    continue;
                };
                let Some(text) = doc.passages.get(passage).and_then(|p| p.text(side)) else {
                    continue;
                };
                if let Some(range) = byte_range(text, m.start, m.end) {
                    spots.push(Spot {
                        passage,
                        side,
                        range,
                        entity: e.id,
                    });
                }
            }
        }
        spots.sort_by_key(|s| (s.passage, s.side as usize, s.range.start));
        ArticleEntities { index, spots }
    }

    pub fn entity(&self, id: usize) -> Option<&Entity> {
        self.index.entity(id)
    }

    /// Mentions of entity `id` in this article.
    pub fn count(&self, id: usize) -> usize {
        self.spots.iter().filter(|s| s.entity == id).count()
    }

    /// The entities grouped by type (person, place, org), most mentioned first in each.
    pub fn grouped(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = self
            .index
            .entities
            .iter()
            .map(|e| (e.id, self.count(e.id)))
            .filter(|&(_, n)| n > 0)
            .collect();
        out.sort_by_key(|&(id, n)| {
            let kind = self.index.entities[id].kind;
            (kind, std::cmp::Reverse(n), id)
        });
        out
    }

    /// The one-line card of an entity: type, names, hanja, its mentions here and (`library`,
    /// already worded) in the library.
    pub fn card(&self, id: usize, library: Option<&str>) -> Option<String> {
        let e = self.entity(id)?;
        // What matters first, so a narrow screen cuts only the other spellings: the type, the
        // first Korean and English names, the hanja, the counts; then the other names.
        let mut s = e.kind.name().to_string();
        for name in [e.names.ko.first(), e.names.en.first()]
            .into_iter()
            .flatten()
        {
            s.push_str(&format!("  {name}"));
        }
        if let Some(h) = &e.hanja {
            s.push_str(&format!("  {h}"));
        }
        s.push_str(&format!("  ·  {} here", self.count(id)));
        if let Some(library) = library {
            s.push_str(&format!("  ·  {library}"));
        }
        let others: Vec<&str> = e
            .names
            .ko
            .iter()
            .skip(1)
            .chain(e.names.en.iter().skip(1))
            .map(String::as_str)
            .collect();
        if !others.is_empty() {
            s.push_str(&format!("  ·  also {}", others.join(", ")));
        }
        Some(crate::text::sanitize(&s))
    }
}

/// Character range → byte range of `text`.
fn byte_range(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let mut it = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let s = it.nth(start)?;
    let e = if end > start {
        it.nth(end - start - 1)?
    } else {
        s
    };
    (e > s).then_some(s..e)
}

/// The entity state of the session: the open article's entities and the selection.
#[derive(Debug, Default)]
pub struct Entities {
    /// Built entities of the documents opened (entry, the document they were built from).
    pub(in crate::tui) built: Vec<(EntryId, Arc<Doc>, Arc<ArticleEntities>)>,
    /// The entry a job is building entities for.
    pub(in crate::tui) building: Option<EntryId>,
    /// The selected entity and the mention the cursor is on (index into `spots`).
    pub(in crate::tui) selected: Option<(usize, Option<usize>)>,
    /// How far the last entity looked up reaches in the library (or across the open articles).
    pub(in crate::tui) reach: Option<Reach>,
    /// The entity whose reach a job is looking up.
    pub(in crate::tui) reaching: Option<ReachKey>,
    /// An article being opened at an entity's mention (`A`, Enter): the entity to select in it
    /// once its entities are built.
    pub(in crate::tui) pending: Option<(EntryId, ReachKey)>,
}

/// What identifies an entity across articles: its type and name keys (as the library keys
/// them, [`crate::library::entities::name_keys`]).
pub type ReachKey = (entity::EntityKind, Vec<String>);

/// The key of an entity.
pub fn reach_key(e: &Entity) -> ReachKey {
    (
        e.kind,
        crate::library::entities::name_keys(&e.names, e.hanja.as_deref()),
    )
}

/// Whether an entity goes by one of a key's names.
pub fn matches(e: &Entity, key: &ReachKey) -> bool {
    let (kind, names) = reach_key(e);
    kind == key.0 && names.iter().any(|n| key.1.contains(n))
}

/// The articles that mention an entity, newest first, and its mentions in them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    pub key: ReachKey,
    pub mentions: usize,
    pub articles: Vec<ReachItem>,
}

/// One article of a [`Reach`]: an entry of the list, where to open it (the first mention).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachItem {
    pub entry: EntryId,
    pub title: String,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub mentions: usize,
    pub at: crate::tui::state::reading::Position,
}

impl Reach {
    /// The card's words: `14 in library (5 articles)`.
    pub fn summary(&self) -> String {
        let n = self.articles.len();
        format!(
            "{} in library ({n} article{})",
            self.mentions,
            if n == 1 { "" } else { "s" }
        )
    }

    /// Newest publication first, undated last (the library list's order), then by entry.
    pub fn sort(&mut self) {
        self.articles.sort_by(|a, b| {
            (a.published.is_none().cmp(&b.published.is_none()))
                .then_with(|| b.published.cmp(&a.published))
                .then(a.entry.cmp(&b.entry))
        });
    }
}

/// What a job built for this very document of this entry (a reprocessed article is another
/// document), shared by the entities and the words of the open article.
pub(in crate::tui) fn built_for<'a, T>(
    built: &'a [(EntryId, Arc<Doc>, Arc<T>)],
    entry: EntryId,
    doc: &Arc<Doc>,
) -> Option<&'a Arc<T>> {
    built
        .iter()
        .find(|(e, d, _)| *e == entry && Arc::ptr_eq(d, doc))
        .map(|(_, _, t)| t)
}

impl Entities {
    /// The entities of this document, if built.
    pub fn of(&self, entry: EntryId, doc: &Arc<Doc>) -> Option<&Arc<ArticleEntities>> {
        built_for(&self.built, entry, doc)
    }

    pub(in crate::tui) fn insert(
        &mut self,
        entry: EntryId,
        doc: Arc<Doc>,
        ents: Arc<ArticleEntities>,
    ) {
        if self.building == Some(entry) {
            self.building = None;
        }
        self.built.retain(|(e, _, _)| *e != entry);
        self.built.push((entry, doc, ents));
        // A few recently opened articles are enough.
        if self.built.len() > 8 {
            self.built.remove(0);
        }
    }
}

/// One entity label on screen: its letters and the mention (index into `spots`) it selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub label: String,
    pub spot: usize,
}

/// Label letters, home row first (as hop and flash.nvim do).
const LETTERS: &str = "asdfghjklqwertyuiopzxcvbnm";

/// `n` labels: single letters when they fit, else two letters (home-row pairs first).
pub fn labels(n: usize) -> Vec<String> {
    let letters: Vec<char> = LETTERS.chars().collect();
    if n <= letters.len() {
        return letters.iter().take(n).map(|c| c.to_string()).collect();
    }
    let mut pairs: Vec<(usize, String)> = Vec::new();
    for (i, a) in letters.iter().enumerate() {
        for (j, b) in letters.iter().enumerate() {
            pairs.push((i.max(j), format!("{a}{b}")));
        }
    }
    pairs.sort_by_key(|(rank, _)| *rank);
    pairs.into_iter().take(n).map(|(_, s)| s).collect()
}

/// Where a mention's first character is drawn: (x, y), if it is on screen now.
pub fn screen_at(
    r: &crate::tui::state::reading::Reader,
    g: &crate::tui::state::layout::Geometry,
    amb: crate::text::width::AmbiguousWidth,
    spot: &Spot,
) -> Option<(u16, u16)> {
    let w = r.wrapped()?;
    let row = w.row_of(spot.passage, spot.side, spot.range.start)?;
    let page = g.page();
    if row < r.scroll() || row >= r.scroll() + page {
        return None;
    }
    let rows = w.passages.get(spot.passage)?.rows(spot.side);
    let line = rows.iter().rev().find(|x| x.start <= spot.range.start)?;
    let text = r.doc().passages.get(spot.passage)?.text(spot.side)?;
    let before = text.get(line.start..spot.range.start)?;
    let side_by_side = w.columns.layout == Layout::SideBySide;
    let x0 = if side_by_side && spot.side != w.columns.first {
        g.right_x
    } else {
        g.left_x
    };
    let kind = r.doc().passages.get(spot.passage)?.kind;
    let x = x0 as usize + crate::tui::state::doc::indent(kind) + str_width(before, amb);
    let y = usize::from(g.text.y) + row - r.scroll();
    Some((u16::try_from(x).ok()?, u16::try_from(y).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_home_row_first_and_prefix_free() {
        assert_eq!(labels(3), ["a", "s", "d"]);
        let many = labels(100);
        assert_eq!(many.len(), 100);
        assert!(many.iter().all(|l| l.len() == 2));
        assert!(
            many[..81]
                .iter()
                .all(|l| l.chars().all(|c| "asdfghjkl".contains(c)))
        );
        let mut sorted = many.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 100);
    }

    #[test]
    fn character_offsets_become_byte_offsets() {
        let t = "미 설리번 보좌관";
        assert_eq!(byte_range(t, 2, 5).map(|r| &t[r]), Some("설리번"));
        assert_eq!(byte_range(t, 8, 9).map(|r| &t[r]), Some("관"));
        assert_eq!(byte_range(t, 8, 10), None);
        assert_eq!(byte_range(t, 3, 3), None);
    }
}
