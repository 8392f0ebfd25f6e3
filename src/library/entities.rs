//! The entities of the library: each article's entities are found when it is processed (the
//! same pass that cleans and aligns it, see [`super::cache::Processed::encode`]) and kept in
//! two forms:
//!
//! - the article's own [`EntityIndex`] in its cache entry (`cache.entities`, keyed by content
//!   hash and pipeline version like the rest of the entry), so a reader can load it instead of
//!   finding them again;
//! - one row per (article, entity, name) in `entity_names` (migration 3): the normalised name
//!   (`ko:설리번`, `en:jake sullivan`, `hanja:張又俠`), the type, the mention count and the first
//!   mention's reading position, indexed by name, so [`Library::entity_reach`] answers "which
//!   articles mention this, and where first" without opening any of them.
//!
//! Names are keyed as [`EntityIndex::build`] merges entities across articles: the same type
//! and a shared Korean name of two characters or more, or a shared English name (compared by
//! [`en_key`]); the hanja the text gives count too.

use std::collections::{HashMap, HashSet};

use rusqlite::params_from_iter;
use serde::Serialize;

use crate::entity::gazetteer::en_key;
use crate::entity::{Entity, EntityIndex, EntityKind, Mention, Names, Side};
use crate::model::{Bitext, Lang, Segment};

use super::error::Result;
use super::state::Position;
use super::{ArticleId, Library};

/// One `entity_names` row of an article, before the article's id is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRow {
    /// Index into the article's cached [`EntityIndex::entities`].
    pub entity: usize,
    pub name: String,
    pub kind: EntityKind,
    pub mentions: usize,
    /// The first mention in reading order.
    pub position: Position,
    pub side: Side,
}

/// The entities of one processed article: its index, and its rows for `entity_names`.
#[derive(Debug, Clone, Default)]
pub struct ArticleEntities {
    pub index: EntityIndex,
    pub rows: Vec<NameRow>,
}

impl ArticleEntities {
    /// Find and link the entities of one aligned article.
    pub fn find(bitext: &Bitext) -> ArticleEntities {
        let index = EntityIndex::build([("article", bitext)]);
        let places = Places::new(bitext);
        let mut rows = Vec::new();
        for e in &index.entities {
            let Some((position, side)) = e
                .mentions
                .iter()
                .map(|m| (places.of(bitext, m), m.lang))
                .min_by_key(|(p, side)| (p.pair, p.sentence.unwrap_or(0), *side))
            else {
                continue;
            };
            for name in name_keys(&e.names, e.hanja.as_deref()) {
                rows.push(NameRow {
                    entity: e.id,
                    name,
                    kind: e.kind,
                    mentions: e.mentions.len(),
                    position,
                    side,
                });
            }
        }
        ArticleEntities { index, rows }
    }
}

/// The name keys an entity is found by across the library: `ko:` + a Korean name of two
/// characters or more (a surname alone names too many people), `en:` + an English name by
/// [`en_key`], `hanja:` + its hanja. Distinct, in that order.
pub fn name_keys(names: &Names, hanja: Option<&str>) -> Vec<String> {
    let ko = names
        .ko
        .iter()
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| n.chars().count() >= 2)
        .map(|n| format!("ko:{n}"));
    let en = names
        .en
        .iter()
        .map(|n| en_key(n))
        .filter(|n| !n.is_empty())
        .map(|n| format!("en:{n}"));
    let hanja = hanja
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(|h| format!("hanja:{h}"));
    let mut seen = HashSet::new();
    ko.chain(en)
        .chain(hanja)
        .filter(|k| seen.insert(k.clone()))
        .collect()
}

/// Where mentions sit in the reader: a mention's side, block and character offset → the
/// reading position (segment in reading order, sentence bead inside a pair).
struct Places {
    /// (side, sentence index) → bead index.
    bead_of: HashMap<(Side, usize), usize>,
    /// bead index → (segment in reading order, bead's place inside its pair).
    segment_of_bead: HashMap<usize, (usize, usize)>,
    /// (side, block) → segment in reading order (the first that holds it).
    segment_of_block: HashMap<(Side, usize), usize>,
}

impl Places {
    fn new(bt: &Bitext) -> Places {
        let mut bead_of = HashMap::new();
        for (b, bead) in bt.beads.iter().enumerate() {
            for &s in &bead.0 {
                bead_of.insert((Side::Ko, s), b);
            }
            for &s in &bead.1 {
                bead_of.insert((Side::En, s), b);
            }
        }
        let mut segment_of_bead = HashMap::new();
        let mut segment_of_block = HashMap::new();
        for (seg, s) in bt.order.iter().enumerate() {
            match *s {
                Segment::Pair(p) => {
                    let Some(pair) = bt.pairs.get(p) else {
                        continue;
                    };
                    for (k, &b) in pair.beads.iter().enumerate() {
                        segment_of_bead.entry(b).or_insert((seg, k));
                    }
                    for &b in &pair.ko_blocks {
                        segment_of_block.entry((Side::Ko, b)).or_insert(seg);
                    }
                    for &b in &pair.en_blocks {
                        segment_of_block.entry((Side::En, b)).or_insert(seg);
                    }
                }
                Segment::Unpaired(u) => {
                    let Some(u) = bt.unpaired.get(u) else {
                        continue;
                    };
                    let side = if u.lang == Lang::En {
                        Side::En
                    } else {
                        Side::Ko
                    };
                    segment_of_block.entry((side, u.block)).or_insert(seg);
                }
            }
        }
        Places {
            bead_of,
            segment_of_bead,
            segment_of_block,
        }
    }

    /// The reading position of a mention: through its sentence's bead when the sentence is in
    /// a pair, else the segment holding its block (an unpaired block has no sentences to
    /// step through).
    fn of(&self, bt: &Bitext, m: &Mention) -> Position {
        let (blocks, sentences) = match m.lang {
            Side::Ko => (&bt.ko_blocks, &bt.ko_sentences),
            Side::En => (&bt.en_blocks, &bt.en_sentences),
        };
        let byte = blocks.get(m.block).map_or(0, |b| {
            b.text
                .char_indices()
                .nth(m.start)
                .map_or(b.text.len(), |(i, _)| i)
        });
        let sentence = sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.block == m.block && s.start <= byte)
            .max_by_key(|(_, s)| s.start)
            .map(|(i, _)| i);
        if let Some(&(pair, k)) = sentence
            .and_then(|s| self.bead_of.get(&(m.lang, s)))
            .and_then(|b| self.segment_of_bead.get(b))
        {
            return Position {
                pair,
                sentence: Some(k),
            };
        }
        Position {
            pair: self
                .segment_of_block
                .get(&(m.lang, m.block))
                .copied()
                .unwrap_or(0),
            sentence: None,
        }
    }
}

/// The same answer as [`Library::entity_reach`] for articles that are not in a library (the
/// reader's `duet PATH…`): from an [`EntityIndex`] built across the loaded articles, each
/// entity's articles with their mention counts and first mentions.
#[derive(Debug, Clone, Default)]
pub struct LoadedReach {
    /// (type, name key) → the index's entities that go by it.
    by_key: HashMap<(EntityKind, String), Vec<usize>>,
    /// Per entity: (article index, mentions, first mention, its side), by article.
    articles: Vec<Vec<(usize, usize, Position, Side)>>,
}

impl LoadedReach {
    /// `bitexts[i]` is the aligned article `index.articles[i]` was built from.
    pub fn new(index: &EntityIndex, bitexts: &[Bitext]) -> LoadedReach {
        let places: Vec<Places> = bitexts.iter().map(Places::new).collect();
        let mut by_key: HashMap<(EntityKind, String), Vec<usize>> = HashMap::new();
        let mut articles = Vec::with_capacity(index.entities.len());
        for e in &index.entities {
            for k in name_keys(&e.names, e.hanja.as_deref()) {
                by_key.entry((e.kind, k)).or_default().push(e.id);
            }
            let mut per: Vec<(usize, usize, Position, Side)> = Vec::new();
            for m in &e.mentions {
                let (Some(bt), Some(pl)) = (bitexts.get(m.article), places.get(m.article)) else {
                    continue;
                };
                let at = pl.of(bt, m);
                let key = |p: &Position, s: Side| (p.pair, p.sentence.unwrap_or(0), s);
                match per.iter_mut().find(|r| r.0 == m.article) {
                    Some(r) => {
                        r.1 += 1;
                        if key(&at, m.lang) < key(&r.2, r.3) {
                            r.2 = at;
                            r.3 = m.lang;
                        }
                    }
                    None => per.push((m.article, 1, at, m.lang)),
                }
            }
            articles.push(per);
        }
        LoadedReach { by_key, articles }
    }

    /// The articles (indices into the index's `articles`) that mention an entity like `e`:
    /// (article, mentions, first mention, side), in article order.
    pub fn of(&self, e: &Entity) -> Vec<(usize, usize, Position, Side)> {
        let mut ids: Vec<usize> = name_keys(&e.names, e.hanja.as_deref())
            .into_iter()
            .filter_map(|k| self.by_key.get(&(e.kind, k)))
            .flatten()
            .copied()
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut out: Vec<(usize, usize, Position, Side)> = Vec::new();
        let key = |p: &Position, s: Side| (p.pair, p.sentence.unwrap_or(0), s);
        for r in ids.iter().filter_map(|&i| self.articles.get(i)).flatten() {
            match out.iter_mut().find(|o| o.0 == r.0) {
                Some(o) => {
                    o.1 += r.1;
                    if key(&r.2, r.3) < key(&o.2, o.3) {
                        o.2 = r.2;
                        o.3 = r.3;
                    }
                }
                None => out.push(*r),
            }
        }
        out.sort_by_key(|r| r.0);
        out
    }
}

/// How far an entity reaches across the library.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EntityReach {
    /// Mentions in every article, together.
    pub mentions: usize,
    /// The articles that mention it, newest publication first (undated last).
    pub articles: Vec<ReachArticle>,
}

/// One article that mentions an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReachArticle {
    pub id: ArticleId,
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    /// Mentions in this article.
    pub mentions: usize,
    /// The first mention, as a reading position (open the article there).
    pub position: Position,
    pub side: Side,
}

impl Library {
    /// The articles that mention an entity like `e` (the same type and a shared name key, see
    /// [`name_keys`]), newest first, with their mention counts and first mentions.
    pub fn entity_reach(&self, e: &Entity) -> Result<EntityReach> {
        self.entity_reach_by(e.kind, &name_keys(&e.names, e.hanja.as_deref()))
    }

    /// The articles whose entities of type `kind` go by one of these name keys (as
    /// [`name_keys`] makes them).
    pub fn entity_reach_by(&self, kind: EntityKind, keys: &[String]) -> Result<EntityReach> {
        if keys.is_empty() {
            return Ok(EntityReach::default());
        }
        let marks = vec!["?"; keys.len()].join(",");
        let sql = format!(
            "SELECT a.id, a.title, a.title_en, a.published, a.outlet,
                    n.entity, n.mentions, n.pair, n.sentence, n.side
             FROM entity_names n JOIN articles a ON a.id = n.article
             WHERE n.kind = ? AND n.name IN ({marks})"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql_err(e))?;
        let args = std::iter::once(kind.name().to_string()).chain(keys.iter().cloned());
        type Row = (
            ReachArticle,
            i64, // entity
        );
        let rows = stmt
            .query_map(params_from_iter(args), |r| {
                let sentence: Option<i64> = r.get(8)?;
                let side: String = r.get(9)?;
                Ok((
                    ReachArticle {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        title_en: r.get(2)?,
                        published: r.get(3)?,
                        outlet: r.get(4)?,
                        mentions: r.get::<_, i64>(6)?.max(0) as usize,
                        position: Position {
                            pair: r.get::<_, i64>(7)?.max(0) as usize,
                            sentence: sentence.map(|s| s.max(0) as usize),
                        },
                        side: if side == "en" { Side::En } else { Side::Ko },
                    },
                    r.get(5)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<Row>>>())
            .map_err(|e| self.sql_err(e))?;
        // One entity matched by several names counts once; several entities of one article
        // (a name the article did not link to its full form) add up, the first mention wins.
        let mut seen = HashSet::new();
        let mut by_article: HashMap<ArticleId, ReachArticle> = HashMap::new();
        for (a, entity) in rows {
            if !seen.insert((a.id, entity)) {
                continue;
            }
            match by_article.get_mut(&a.id) {
                Some(have) => {
                    have.mentions += a.mentions;
                    let key = |r: &ReachArticle| {
                        (r.position.pair, r.position.sentence.unwrap_or(0), r.side)
                    };
                    if key(&a) < key(have) {
                        have.position = a.position;
                        have.side = a.side;
                    }
                }
                None => {
                    by_article.insert(a.id, a);
                }
            }
        }
        let mut articles: Vec<ReachArticle> = by_article.into_values().collect();
        // The list's order: newest publication first, undated last, then by id.
        articles.sort_by(|a, b| {
            (a.published.is_none().cmp(&b.published.is_none()))
                .then_with(|| b.published.cmp(&a.published))
                .then(a.id.cmp(&b.id))
        });
        Ok(EntityReach {
            mentions: articles.iter().map(|a| a.mentions).sum(),
            articles,
        })
    }

    /// The cached entities of an article, when its cache entry holds them (processed by this
    /// pipeline version).
    pub fn entities(&self, id: ArticleId) -> Result<Option<EntityIndex>> {
        let entry = self.entry(id)?;
        if entry.stale {
            return Ok(None);
        }
        let blob: Option<Option<Vec<u8>>> = self
            .conn
            .prepare_cached("SELECT entities FROM cache WHERE hash = ?1 AND pipeline = ?2")
            .and_then(|mut s| {
                use rusqlite::OptionalExtension;
                s.query_row(rusqlite::params![entry.hash, self.pipeline], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.sql_err(e))?;
        Ok(blob.flatten().and_then(|b| decode(&b)))
    }
}

/// Write an article's `entity_names` rows (inside the transaction that writes its cache entry),
/// replacing the ones it had.
pub(crate) fn write_rows(
    tx: &rusqlite::Transaction,
    article: ArticleId,
    rows: &[NameRow],
) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM entity_names WHERE article = ?1")?
        .execute([article])?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_names
            (article, entity, name, kind, mentions, pair, sentence, side)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for r in rows {
        insert.execute(rusqlite::params![
            article,
            r.entity as i64,
            r.name,
            r.kind.name(),
            r.mentions as i64,
            r.position.pair as i64,
            r.position.sentence.map(|s| s as i64),
            match r.side {
                Side::Ko => "ko",
                Side::En => "en",
            },
        ])?;
    }
    Ok(())
}

/// The cache blob of an article's entities: JSON, LZ4-compressed like the rest of the entry.
pub(crate) fn encode(index: &EntityIndex) -> Vec<u8> {
    lz4_flex::compress_prepend_size(&serde_json::to_vec(index).unwrap_or_default())
}

/// Read back a blob of [`encode`]; `None` for a damaged one.
pub(crate) fn decode(blob: &[u8]) -> Option<EntityIndex> {
    let json = super::unpack(blob).ok()?;
    serde_json::from_slice(&json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Home;
    use crate::model::Segment;

    /// A library of the bundled articles (the seeds), in a temporary folder.
    fn library() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().expect("tempdir");
        let (lib, _) = Library::open(Home::at(dir.path().join("lib"))).expect("open");
        let articles = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
        let files: Vec<_> = std::fs::read_dir(&articles)
            .expect("assets/articles")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        let report = lib.import(&files, &mut |_, _| {}).expect("import");
        assert_eq!(report.added.len(), 5, "{:?}", report.failed);
        (dir, lib)
    }

    /// The text of one side of the segment a position points at.
    fn text_at(lib: &Library, id: ArticleId, pos: Position, side: Side) -> String {
        let p = lib.load(id).expect("load");
        let bt = &p.bitext;
        match bt.order[pos.pair] {
            Segment::Pair(i) => match side {
                Side::Ko => bt.pairs[i].ko.clone(),
                Side::En => bt.pairs[i].en.clone(),
            },
            Segment::Unpaired(i) => bt.unpaired[i].text.clone(),
        }
    }

    fn id_of(lib: &Library, name: &str) -> ArticleId {
        lib.entries()
            .expect("entries")
            .into_iter()
            .find(|e| e.source.as_deref().is_some_and(|s| s.ends_with(name)))
            .expect("imported")
            .id
    }

    #[test]
    fn an_entity_reaches_every_article_that_names_it_newest_first() {
        let (_dir, lib) = library();
        let a = id_of(&lib, "002_9f5e0e2176ba1b1a.txt");
        let index = lib.entities(a).expect("entities").expect("cached");
        let putin = index
            .entities
            .iter()
            .find(|e| e.names.ko.iter().any(|n| n == "푸틴"))
            .expect("푸틴 in 002");
        let reach = lib.entity_reach(putin).expect("reach");
        let ids: Vec<ArticleId> = reach.articles.iter().map(|r| r.id).collect();
        assert!(ids.contains(&a), "{reach:?}");
        assert!(
            ids.contains(&id_of(&lib, "000_11a10f181be35a82.txt")),
            "{reach:?}"
        );
        // Newest first, as the list orders them.
        let listed: Vec<ArticleId> = lib
            .entries()
            .expect("entries")
            .iter()
            .map(|e| e.id)
            .filter(|id| ids.contains(id))
            .collect();
        assert_eq!(ids, listed);
        // The counts add up, this article's is its own entity's.
        assert_eq!(
            reach.mentions,
            reach.articles.iter().map(|r| r.mentions).sum::<usize>()
        );
        let here = reach.articles.iter().find(|r| r.id == a).expect("002");
        assert!(here.mentions >= putin.mentions.len(), "{here:?}");
        // Every first mention opens where the name is.
        for r in &reach.articles {
            let text = text_at(&lib, r.id, r.position, r.side);
            assert!(text.contains("푸틴"), "{r:?}: {text}");
        }
    }

    #[test]
    fn english_and_korean_names_of_one_entity_reach_both_kinds_of_article() {
        let (_dir, lib) = library();
        // Seed 004 links 시진핑 to Xi Jinping; the English article 003 names him in English only.
        let a = id_of(&lib, "004_8e658290ee760122.txt");
        let index = lib.entities(a).expect("entities").expect("cached");
        let xi = index
            .entities
            .iter()
            .find(|e| e.names.ko.iter().any(|n| n.contains("시진핑")))
            .expect("시진핑 in 004");
        assert!(xi.names.en.iter().any(|n| n.contains("Xi")), "{xi:?}");
        let reach = lib.entity_reach(xi).expect("reach");
        let here = reach.articles.iter().find(|r| r.id == a).expect("004");
        assert_eq!(here.mentions, xi.mentions.len());
        // The first mention in reading order: the earliest pair holding either name.
        let text = text_at(&lib, a, here.position, here.side);
        assert!(text.contains("시진핑") || text.contains("Xi"), "{text}");
        assert!(here.position.sentence.is_some(), "{here:?}");
        // A name nobody uses reaches nothing.
        let none = lib
            .entity_reach_by(EntityKind::Person, &["ko:아무도없는이름".to_string()])
            .expect("reach");
        assert_eq!(none, EntityReach::default());
    }

    #[test]
    fn removing_or_reprocessing_an_article_replaces_its_rows() {
        let (_dir, lib) = library();
        let count = |lib: &Library| -> i64 {
            lib.connection()
                .query_row("SELECT count(*) FROM entity_names", [], |r| r.get(0))
                .expect("count")
        };
        let all = count(&lib);
        assert!(all > 50, "{all}");
        // A new pipeline version processes every article again: same rows, not twice as many.
        let lib = lib.with_pipeline("test/next");
        assert_eq!(lib.entities(1).expect("entities"), None, "stale");
        lib.process_stale(&mut |_, _| {}).expect("process");
        assert_eq!(count(&lib), all);
        assert!(lib.entities(1).expect("entities").is_some());
        let a = id_of(&lib, "002_9f5e0e2176ba1b1a.txt");
        lib.remove(&[a]).expect("remove");
        let left: i64 = lib
            .connection()
            .query_row(
                "SELECT count(*) FROM entity_names WHERE article = ?1",
                [a],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(left, 0);
        assert!(count(&lib) < all);
    }

    #[test]
    fn loaded_articles_give_the_same_reach_as_the_library() {
        let (_dir, lib) = library();
        let entries = lib.entries().expect("entries");
        let loaded: Vec<crate::library::Processed> = entries
            .iter()
            .map(|e| lib.load(e.id).expect("load"))
            .collect();
        let bitexts: Vec<Bitext> = loaded.iter().map(|p| p.bitext.clone()).collect();
        let ids: Vec<String> = entries.iter().map(|e| e.id.to_string()).collect();
        let index = EntityIndex::build(ids.iter().map(String::as_str).zip(&bitexts));
        let reach = LoadedReach::new(&index, &bitexts);
        let a = id_of(&lib, "002_9f5e0e2176ba1b1a.txt");
        let own = lib.entities(a).expect("entities").expect("cached");
        let putin = own
            .entities
            .iter()
            .find(|e| e.names.ko.iter().any(|n| n == "푸틴"))
            .expect("푸틴");
        let from_lib = lib.entity_reach(putin).expect("reach");
        let mut got: Vec<(ArticleId, usize, Position)> = reach
            .of(putin)
            .into_iter()
            .map(|(i, n, p, _)| (entries[i].id, n, p))
            .collect();
        let mut want: Vec<(ArticleId, usize, Position)> = from_lib
            .articles
            .iter()
            .map(|r| (r.id, r.mentions, r.position))
            .collect();
        got.sort_by_key(|g| g.0);
        want.sort_by_key(|w| w.0);
        // The same articles; counts may differ where the merged index links more (or fewer)
        // short forms than one article alone, never where the name is.
        assert_eq!(
            got.iter().map(|g| g.0).collect::<Vec<_>>(),
            want.iter().map(|w| w.0).collect::<Vec<_>>()
        );
        for (id, _, pos) in &got {
            let p = lib.load(*id).expect("load");
            let text = match p.bitext.order[pos.pair] {
                Segment::Pair(i) => format!("{} {}", p.bitext.pairs[i].ko, p.bitext.pairs[i].en),
                Segment::Unpaired(i) => p.bitext.unpaired[i].text.clone(),
            };
            assert!(text.contains("푸틴"), "{id}: {text}");
        }
    }

    #[test]
    fn name_keys_follow_the_merge_rules() {
        let names = Names {
            ko: vec!["제이크  설리번".into(), "장".into()],
            en: vec!["Jake Sullivan".into(), "The Pentagon's".into()],
        };
        assert_eq!(
            name_keys(&names, Some("張又俠")),
            [
                "ko:제이크 설리번",
                "en:jake sullivan",
                "en:pentagons",
                "hanja:張又俠"
            ]
        );
    }
}
