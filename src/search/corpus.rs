//! The three things the finder searches, built from cleaned articles: **articles** (titles in
//! both languages, outlet, date, bylines), **entities** (every name, both languages) and
//! **text** (every sentence of every block).

use std::ops::Range;
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use super::index::{Cancelled, TermHits, WordIndex};
use super::matcher::{self, Prepared};
use super::query::Query;
use crate::entity::EntityIndex;
use crate::model::{Article, BlockKind};

/// Which items a search looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Articles,
    Entities,
    Text,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Articles, Source::Entities, Source::Text];

    pub fn name(self) -> &'static str {
        match self {
            Source::Articles => "articles",
            Source::Entities => "entities",
            Source::Text => "text",
        }
    }
}

/// One article of the corpus, as results name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub path: String,
    pub title: String,
    /// ISO date (sorts as text); `None` sorts oldest.
    pub date: Option<String>,
}

/// Something a search can find: a title, a name, a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Index into [`Corpus::docs`].
    pub doc: u32,
    /// What is matched and shown.
    pub text: String,
    /// Other spellings matched as well (an entity's names in the other language).
    pub alts: Vec<String>,
    /// Index into the article's blocks, and of the sentence inside that block.
    pub block: Option<usize>,
    pub sentence: Option<usize>,
    /// 0 a title or an entity name, 1 other metadata (outlet, byline), 2 body text: at equal
    /// scores the lower comes first.
    pub rank: u8,
    /// A short description shown beside it (an entity's type and mention count).
    pub note: String,
}

/// A found item: which, how well, what to highlight (byte ranges in the text shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub item: u32,
    pub score: i32,
    /// The text that matched: the item's text, or one of its other names.
    pub text: String,
    pub ranges: Vec<Range<usize>>,
}

/// Results of one search: the best `limit` hits, best first, and how many matched in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// A searchable corpus: the articles, entities and text of a set of articles (a library, or the
/// files the reader opened).
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Doc>,
    /// Each doc's place when sorted newest first (a tie-break).
    recency: Vec<u32>,
    /// Each text item's tie-break (rank, then recency), packed.
    text_order: Vec<u32>,
    articles: Vec<Item>,
    entities: Vec<Item>,
    text: Vec<Item>,
    text_index: WordIndex,
}

/// What a source's last search left for the next keystroke to narrow.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    text_terms: Vec<TermHits>,
}

impl Corpus {
    /// The articles and text sources of these articles (entities come with [`Corpus::set_entities`]).
    pub fn from_articles<'a>(articles: impl IntoIterator<Item = &'a Article>) -> Corpus {
        let mut lib = Corpus::default();
        for (d, a) in articles.into_iter().enumerate() {
            let d = d as u32;
            let title = a
                .title
                .clone()
                .or_else(|| a.title_en.clone())
                .unwrap_or_else(|| file_name(&a.path));
            lib.docs.push(Doc {
                path: a.path.clone(),
                title: title.clone(),
                date: a.published.clone().or_else(|| a.updated.clone()),
            });
            let meta = |text: &str, rank: u8, block: Option<usize>, lib: &mut Corpus| {
                if !text.trim().is_empty() {
                    lib.articles.push(Item {
                        doc: d,
                        text: text.to_string(),
                        alts: Vec::new(),
                        block,
                        sentence: None,
                        rank,
                        note: String::new(),
                    });
                }
            };
            meta(&title, 0, None, &mut lib);
            if let Some(en) = a.title_en.as_deref().filter(|t| *t != title) {
                meta(en, 0, None, &mut lib);
            }
            for s in &a.subtitles {
                meta(s, 1, None, &mut lib);
            }
            if let Some(o) = &a.outlet {
                meta(o, 1, None, &mut lib);
            }
            if let Some(date) = &lib.docs[d as usize].date.clone() {
                meta(date, 1, None, &mut lib);
            }
            for author in &a.authors {
                meta(author, 1, None, &mut lib);
            }
            for (b, block) in a.blocks.iter().enumerate() {
                if block.kind == BlockKind::Byline {
                    meta(&block.text, 1, Some(b), &mut lib);
                }
            }
            // The text: titles, then every sentence of every block.
            for t in [a.title.as_deref(), a.title_en.as_deref()]
                .into_iter()
                .flatten()
            {
                lib.text.push(Item {
                    doc: d,
                    text: t.to_string(),
                    alts: Vec::new(),
                    block: None,
                    sentence: None,
                    rank: 0,
                    note: String::new(),
                });
            }
            for (b, block) in a.blocks.iter().enumerate() {
                // References, keywords, bylines and captions are not the article's sentences.
                let rank = match block.kind {
                    BlockKind::Reference
                    | BlockKind::Keywords
                    | BlockKind::Byline
                    | BlockKind::Caption => 3,
                    _ => 2,
                };
                for (s, r) in crate::text::sentences::split(&block.text)
                    .into_iter()
                    .enumerate()
                {
                    let text = block.text[r].trim();
                    if text.is_empty() {
                        continue;
                    }
                    lib.text.push(Item {
                        doc: d,
                        text: text.to_string(),
                        alts: Vec::new(),
                        block: Some(b),
                        sentence: Some(s),
                        rank,
                        note: String::new(),
                    });
                }
            }
        }
        lib.text_index = WordIndex::build(
            lib.text
                .iter()
                .map(|i| (i.text.as_str(), furniture(i), i.sentence.is_none())),
        );
        let mut by_date: Vec<u32> = (0..lib.docs.len() as u32).collect();
        by_date.sort_by(|&a, &b| lib.docs[b as usize].date.cmp(&lib.docs[a as usize].date));
        lib.recency = vec![0; lib.docs.len()];
        for (place, &d) in by_date.iter().enumerate() {
            lib.recency[d as usize] = place as u32;
        }
        lib.text_order = lib.text.iter().map(|it| lib.order_of(it)).collect();
        lib
    }

    /// The entities source: one item per entity of `index`, whose articles are this corpus's
    /// docs in the same order. Its label is shown, every name (both languages, hanja) matched;
    /// it belongs to the article that mentions it most (the first of those).
    pub fn set_entities(&mut self, index: &EntityIndex) {
        self.entities = index
            .entities
            .iter()
            .filter_map(|e| {
                let mut counts: Vec<usize> = vec![0; self.docs.len()];
                for m in &e.mentions {
                    if let Some(c) = counts.get_mut(m.article) {
                        *c += 1;
                    }
                }
                let (doc, _) = counts
                    .iter()
                    .enumerate()
                    .max_by_key(|&(d, &c)| (c, std::cmp::Reverse(d)))?;
                let label = e.label().to_string();
                let alts = e
                    .names
                    .ko
                    .iter()
                    .chain(&e.names.en)
                    .chain(&e.hanja)
                    .filter(|n| **n != label)
                    .cloned()
                    .collect();
                Some(Item {
                    doc: doc as u32,
                    text: label,
                    alts,
                    block: None,
                    sentence: None,
                    rank: 0,
                    note: format!("{} ×{}", e.kind.name(), e.mentions.len()),
                })
            })
            .collect();
    }

    /// Titles and names before body text, then the newest: one number, smaller first.
    fn order_of(&self, it: &Item) -> u32 {
        ((it.rank as u32) << 28)
            | self
                .recency
                .get(it.doc as usize)
                .copied()
                .unwrap_or(0)
                .min((1 << 28) - 1)
    }

    /// Distinct words of the text source.
    pub fn text_words(&self) -> usize {
        self.text_index.word_count()
    }

    pub fn items(&self, source: Source) -> &[Item] {
        match source {
            Source::Articles => &self.articles,
            Source::Entities => &self.entities,
            Source::Text => &self.text,
        }
    }

    pub fn item(&self, source: Source, hit: &Hit) -> &Item {
        &self.items(source)[hit.item as usize]
    }

    pub fn doc(&self, item: &Item) -> &Doc {
        &self.docs[item.doc as usize]
    }

    /// Search one source; `memory` carries what the previous keystroke found, so a query typed
    /// further starts from there.
    pub fn search(
        &self,
        source: Source,
        query: &str,
        limit: usize,
        memory: &mut Memory,
        cancel: &AtomicBool,
    ) -> Result<Results, Cancelled> {
        let query = Query::parse(query);
        if query.is_empty() {
            return Ok(Results::default());
        }
        let terms = matcher::prepare(&query);
        let scored: Vec<(u32, i32)> = match source {
            Source::Text if terms.iter().all(|p| p.term.is_word()) => {
                let mut hits = Vec::with_capacity(terms.len());
                for p in &terms {
                    let prev = memory
                        .text_terms
                        .iter()
                        .find(|h| p.same_kinds(&h.term) && p.term.narrows(&h.term.term));
                    hits.push(self.text_index.match_words(p, prev, cancel)?);
                }
                let found = self.text_index.items_matching(&hits, cancel)?;
                memory.text_terms = hits;
                found
            }
            _ => self.scan(source, &terms, &query, cancel)?,
        };
        Ok(self.rank(source, &terms, &query, scored, limit))
    }

    /// Every item of a source, matched one by one.
    fn scan(
        &self,
        source: Source,
        terms: &[Prepared],
        query: &Query,
        cancel: &AtomicBool,
    ) -> Result<Vec<(u32, i32)>, Cancelled> {
        let raw: Vec<&str> = query.terms.iter().map(|t| t.text.as_str()).collect();
        let raw = raw.join(" ");
        let fuzzy = source != Source::Text;
        let mut out = Vec::new();
        for (i, item) in self.items(source).iter().enumerate() {
            if i % 4096 == 0 && cancel.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(Cancelled);
            }
            if let Some((score, _, _)) = best_name(item, terms, &raw, fuzzy) {
                out.push((i as u32, score - i32::from(furniture(item))));
            }
        }
        Ok(out)
    }

    /// The best `limit`, in order, with their highlights.
    fn rank(
        &self,
        source: Source,
        terms: &[Prepared],
        query: &Query,
        mut scored: Vec<(u32, i32)>,
        limit: usize,
    ) -> Results {
        let items = self.items(source);
        let total = scored.len();
        // Best score, then titles and names before body text, then the newest, then the first.
        let orders: Vec<u32>;
        let order: &[u32] = if source == Source::Text {
            &self.text_order
        } else {
            orders = items.iter().map(|it| self.order_of(it)).collect();
            &orders
        };
        let key =
            |&(item, score): &(u32, i32)| (std::cmp::Reverse(score), order[item as usize], item);
        if limit < scored.len() {
            scored.select_nth_unstable_by_key(limit, key);
            scored.truncate(limit);
        }
        scored.sort_unstable_by_key(key);
        if source == Source::Text {
            reading_order(items, &mut scored);
        }
        let raw: Vec<&str> = query.terms.iter().map(|t| t.text.as_str()).collect();
        let raw = raw.join(" ");
        let hits = scored
            .into_iter()
            .map(|(item, score)| {
                let it = &items[item as usize];
                let (_, text, ranges) = best_name(it, terms, &raw, source != Source::Text)
                    .unwrap_or((score, it.text.as_str(), Vec::new()));
                Hit {
                    item,
                    score,
                    text: text.to_string(),
                    ranges,
                }
            })
            .collect();
        Results { hits, total }
    }
}

/// Sentences of one article that match equally well (the same score before the length
/// penalty) keep the places they were given, but in reading order: the first sentence naming
/// 설리번 comes before a later, shorter one.
fn reading_order(items: &[Item], scored: &mut [(u32, i32)]) {
    let quality = |&(item, score): &(u32, i32)| {
        let it = &items[item as usize];
        (it.doc, score + matcher::length_penalty(&it.text))
    };
    let mut groups: std::collections::HashMap<(u32, i32), Vec<usize>> = Default::default();
    for (place, hit) in scored.iter().enumerate() {
        groups.entry(quality(hit)).or_default().push(place);
    }
    for places in groups.into_values().filter(|p| p.len() > 1) {
        let mut hits: Vec<(u32, i32)> = places.iter().map(|&p| scored[p]).collect();
        hits.sort_unstable_by_key(|&(item, _)| item);
        for (&p, h) in places.iter().zip(hits) {
            scored[p] = h;
        }
    }
}

/// The best of an item's names (its text and other spellings) for the query.
fn best_name<'a>(
    item: &'a Item,
    terms: &[Prepared],
    raw: &str,
    fuzzy: bool,
) -> Option<(i32, &'a str, Vec<Range<usize>>)> {
    let mut best: Option<(i32, &str, Vec<Range<usize>>)> = None;
    for name in std::iter::once(&item.text).chain(&item.alts) {
        let m = matcher::match_field(terms, name)
            .or_else(|| fuzzy.then(|| matcher::fuzzy_field(raw, name)).flatten());
        if let Some(m) = m
            && best.as_ref().is_none_or(|b| m.score > b.0)
        {
            best = Some((m.score, name.as_str(), m.ranges));
        }
    }
    best
}

/// Taken off the score of article furniture (rank 3: references, keywords, bylines, captions in
/// the text source), so the article's own sentences come first.
fn furniture(item: &Item) -> u8 {
    if item.rank >= 3 { 100 } else { 0 }
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Lang};

    #[test]
    fn equal_matches_in_one_article_come_in_reading_order() {
        let article = Article {
            path: "a.txt".into(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                lang: Lang::En,
                text: "The adviser Sullivan met the vice chairman in Beijing on Tuesday. \
                       Sullivan left."
                    .into(),
            }],
            ..Article::default()
        };
        let lib = Corpus::from_articles(&[article]);
        let never = AtomicBool::new(false);
        let r = lib
            .search(Source::Text, "sullivan", 10, &mut Memory::default(), &never)
            .expect("not cancelled");
        assert_eq!(r.total, 2);
        // The later sentence is shorter and starts with the name; the first still comes first.
        assert!(r.hits[0].text.starts_with("The adviser"), "{:?}", r.hits);
    }
}
