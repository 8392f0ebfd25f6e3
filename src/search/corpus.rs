//! The three things the finder searches, built from cleaned articles: **articles** (titles in
//! both languages, outlet, date, bylines), **entities** (every name, both languages) and
//! **text** (every sentence of every block).

use std::ops::Range;
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use super::index::{Cancelled, Entry, TermHits, Top, WordIndex};
use super::matcher::{self, Prepared};
use super::query::Query;
pub use super::texts::Item;
use super::texts::Texts;
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

/// An item of the articles or entities source, owned (there are few of them: the text source's
/// are in [`Texts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Named {
    doc: u32,
    text: String,
    alts: Vec<String>,
    block: Option<usize>,
    rank: u8,
    note: String,
}

impl Named {
    fn view(&self) -> Item<'_> {
        Item {
            doc: self.doc,
            text: &self.text,
            alts: &self.alts,
            block: self.block,
            sentence: None,
            rank: self.rank,
            note: &self.note,
        }
    }
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

/// Results of one search: the best `limit` hits, best first, and how many matched in all
/// (`more`: at least `total`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
    pub more: bool,
}

/// A searchable corpus: the articles, entities and text of a set of articles (a library, or the
/// files the reader opened).
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Doc>,
    /// Each doc's place when sorted newest first (a tie-break).
    recency: Vec<u32>,
    articles: Vec<Named>,
    entities: Vec<Named>,
    /// Each articles and entities item's tie-break (rank, then recency), packed.
    articles_order: Vec<u32>,
    entities_order: Vec<u32>,
    text: Texts,
    text_index: WordIndex,
}

/// What a source's last search left for the next keystroke to narrow.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    text_terms: Vec<TermHits>,
}

impl Corpus {
    /// The articles and text sources of these articles (entities come with [`Corpus::set_entities`]).
    /// Articles may be borrowed or owned (each dropped once read).
    pub fn from_articles<A: std::borrow::Borrow<Article>>(
        articles: impl IntoIterator<Item = A>,
    ) -> Corpus {
        let mut lib = Corpus::default();
        lib.push_articles(articles);
        lib.order_all();
        let text = &lib.text;
        lib.text_index = WordIndex::build(text.len(), |i| lib.entry(i));
        lib
    }

    /// This corpus with more articles (the next docs, after this one's): their items added
    /// and the text index extended ([`WordIndex::extended`]), nothing of this one read again.
    /// The entities stay this corpus's until [`Corpus::set_entities`].
    pub fn with_articles<A: std::borrow::Borrow<Article>>(
        &self,
        articles: impl IntoIterator<Item = A>,
    ) -> Corpus {
        let mut next = Corpus {
            docs: self.docs.clone(),
            recency: Vec::new(),
            articles: self.articles.clone(),
            entities: self.entities.clone(),
            articles_order: Vec::new(),
            entities_order: Vec::new(),
            text: self.text.clone(),
            text_index: WordIndex::default(),
        };
        next.push_articles(articles);
        next.order_all();
        next.text_index = self.text_index.extended(next.text.len(), |i| next.entry(i));
        next
    }

    /// Text item `i` as the index takes it.
    fn entry(&self, i: usize) -> Entry<'_> {
        let rank = self.text.rank(i);
        Entry {
            text: self.text.text(i),
            extra: furniture(rank),
            headed: self.text.is_title(i),
            order: self.order_of(rank, self.text.doc(i)),
        }
    }

    /// The newest-first places of the docs, and the tie-breaks that follow from them.
    fn order_all(&mut self) {
        let mut by_date: Vec<u32> = (0..self.docs.len() as u32).collect();
        by_date.sort_by(|&a, &b| self.docs[b as usize].date.cmp(&self.docs[a as usize].date));
        self.recency = vec![0; self.docs.len()];
        for (place, &d) in by_date.iter().enumerate() {
            self.recency[d as usize] = place as u32;
        }
        self.articles_order = (self.articles.iter())
            .map(|it| self.order_of(it.rank, it.doc))
            .collect();
        self.entities_order = (self.entities.iter())
            .map(|it| self.order_of(it.rank, it.doc))
            .collect();
    }

    /// Add the docs and items of these articles (the index is not touched).
    fn push_articles<A: std::borrow::Borrow<Article>>(
        &mut self,
        articles: impl IntoIterator<Item = A>,
    ) {
        let lib = self;
        let first = lib.docs.len();
        for (d, a) in articles.into_iter().enumerate() {
            let a: &Article = a.borrow();
            let d = (first + d) as u32;
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
                    lib.articles.push(Named {
                        doc: d,
                        text: text.to_string(),
                        alts: Vec::new(),
                        block,
                        rank,
                        note: String::new(),
                    });
                }
            };
            meta(&title, 0, None, lib);
            if let Some(en) = a.title_en.as_deref().filter(|t| *t != title) {
                meta(en, 0, None, lib);
            }
            for s in &a.subtitles {
                meta(s, 1, None, lib);
            }
            if let Some(o) = &a.outlet {
                meta(o, 1, None, lib);
            }
            if let Some(date) = &lib.docs[d as usize].date.clone() {
                meta(date, 1, None, lib);
            }
            for author in &a.authors {
                meta(author, 1, None, lib);
            }
            for (b, block) in a.blocks.iter().enumerate() {
                if block.kind == BlockKind::Byline {
                    meta(&block.text, 1, Some(b), lib);
                }
            }
            // The text: titles, then every sentence of every block.
            for t in [a.title.as_deref(), a.title_en.as_deref()]
                .into_iter()
                .flatten()
            {
                lib.text.push(d, t, None, None, 0);
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
                    lib.text.push(d, text, Some(b), Some(s), rank);
                }
            }
        }
        lib.text.shrink();
    }

    /// The entities source: one item per entity of `index`, whose articles are this corpus's
    /// docs in the same order. Its label is shown, every name (both languages, hanja) matched;
    /// it belongs to the article that mentions it most (the first of those).
    pub fn set_entities(&mut self, index: &EntityIndex) {
        self.entities = index
            .entities
            .iter()
            .filter_map(|e| {
                // Its articles in order, counted: the first of those mentioning it most.
                let mut docs: Vec<usize> = (e.mentions.iter())
                    .map(|m| m.article)
                    .filter(|&d| d < self.docs.len())
                    .collect();
                docs.sort_unstable();
                let mut doc = *docs.first()?;
                let (mut most, mut run) = (0, 0);
                for (k, &d) in docs.iter().enumerate() {
                    run = if k > 0 && docs[k - 1] == d {
                        run + 1
                    } else {
                        1
                    };
                    if run > most {
                        (most, doc) = (run, d);
                    }
                }
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
                Some(Named {
                    doc: doc as u32,
                    text: label,
                    alts,
                    block: None,
                    rank: 0,
                    note: format!("{} ×{}", e.kind.name(), e.mentions.len()),
                })
            })
            .collect();
        self.order_all();
    }

    /// Titles and names before body text, then the newest: one number, smaller first.
    fn order_of(&self, rank: u8, doc: u32) -> u32 {
        ((rank as u32) << 28)
            | self
                .recency
                .get(doc as usize)
                .copied()
                .unwrap_or(0)
                .min((1 << 28) - 1)
    }

    /// Distinct words of the text source.
    pub fn text_words(&self) -> usize {
        self.text_index.word_count()
    }

    /// Bytes the text source holds (its items and their index).
    pub fn text_bytes(&self) -> usize {
        self.text.bytes() + self.text_index.bytes()
    }

    /// How many items a source has.
    pub fn len(&self, source: Source) -> usize {
        match source {
            Source::Articles => self.articles.len(),
            Source::Entities => self.entities.len(),
            Source::Text => self.text.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Item `i` of a source.
    pub fn get(&self, source: Source, i: u32) -> Option<Item<'_>> {
        let i = i as usize;
        match source {
            Source::Articles => self.articles.get(i).map(Named::view),
            Source::Entities => self.entities.get(i).map(Named::view),
            Source::Text => self.text.get(i),
        }
    }

    /// The item a hit names.
    pub fn item(&self, source: Source, hit: &Hit) -> Option<Item<'_>> {
        self.get(source, hit.item)
    }

    /// Which of the same-reading sentences of its article a text item is (0 for the first, and
    /// for other items).
    pub fn same_before(&self, source: Source, i: u32) -> usize {
        match source {
            Source::Text => self.text.same_before(i as usize),
            _ => 0,
        }
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
        let top = match source {
            Source::Text if terms.iter().all(|p| p.term.is_word()) => {
                let mut hits = Vec::with_capacity(terms.len());
                for p in &terms {
                    let prev = memory
                        .text_terms
                        .iter()
                        .find(|h| p.same_kinds(&h.term) && p.term.narrows(&h.term.term));
                    hits.push(self.text_index.match_words(p, prev, cancel)?);
                }
                let text = |i: u32| (self.text.text(i as usize), self.text.is_title(i as usize));
                let top = self.text_index.top(&hits, limit, text, cancel)?;
                memory.text_terms = hits;
                top
            }
            _ => {
                let scored = self.scan(source, &terms, &query, cancel)?;
                self.select(source, scored, limit)
            }
        };
        Ok(self.hits(source, &terms, &query, top))
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
        for i in 0..self.len(source) {
            if i % 4096 == 0 && cancel.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(Cancelled);
            }
            let Some(item) = self.get(source, i as u32) else {
                break;
            };
            if let Some((score, _, _)) = best_name(&item, terms, &raw, fuzzy) {
                out.push((i as u32, score - i32::from(furniture(item.rank))));
            }
        }
        Ok(out)
    }

    /// The best `limit` of a scan, in order.
    fn select(&self, source: Source, scored: Vec<(u32, i32)>, limit: usize) -> Top {
        // Best score, then titles and names before body text, then the newest, then the first.
        Top::of(scored, limit, |item: u32| -> u32 {
            let i = item as usize;
            match source {
                Source::Articles => self.articles_order[i],
                Source::Entities => self.entities_order.get(i).copied().unwrap_or(0),
                Source::Text => self.order_of(self.text.rank(i), self.text.doc(i)),
            }
        })
    }

    /// The best items as hits, with their highlights.
    fn hits(&self, source: Source, terms: &[Prepared], query: &Query, top: Top) -> Results {
        let Top {
            best: mut scored,
            total,
            more,
        } = top;
        if source == Source::Text {
            reading_order(&self.text, &mut scored);
        }
        let raw: Vec<&str> = query.terms.iter().map(|t| t.text.as_str()).collect();
        let raw = raw.join(" ");
        let hits = scored
            .into_iter()
            .filter_map(|(item, score)| {
                let it = self.get(source, item)?;
                let (_, text, ranges) = best_name(&it, terms, &raw, source != Source::Text)
                    .unwrap_or((score, it.text, Vec::new()));
                Some(Hit {
                    item,
                    score,
                    text: text.to_string(),
                    ranges,
                })
            })
            .collect();
        Results { hits, total, more }
    }
}

/// Sentences of one article that match equally well (the same score before the length
/// penalty) keep the places they were given, but in reading order: the first sentence naming
/// 설리번 comes before a later, shorter one.
fn reading_order(texts: &Texts, scored: &mut [(u32, i32)]) {
    let quality = |&(item, score): &(u32, i32)| {
        let i = item as usize;
        (texts.doc(i), score + matcher::length_penalty(texts.text(i)))
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
    item: &Item<'a>,
    terms: &[Prepared],
    raw: &str,
    fuzzy: bool,
) -> Option<(i32, &'a str, Vec<Range<usize>>)> {
    let mut best: Option<(i32, &str, Vec<Range<usize>>)> = None;
    for name in std::iter::once(item.text).chain(item.alts.iter().map(String::as_str)) {
        let m = matcher::match_field(terms, name)
            .or_else(|| fuzzy.then(|| matcher::fuzzy_field(raw, name)).flatten());
        if let Some(m) = m
            && best.as_ref().is_none_or(|b| m.score > b.0)
        {
            best = Some((m.score, name, m.ranges));
        }
    }
    best
}

/// Taken off the score of article furniture (rank 3: references, keywords, bylines, captions in
/// the text source), so the article's own sentences come first.
fn furniture(rank: u8) -> u8 {
    if rank >= 3 { 100 } else { 0 }
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
