//! The text source's items (every title and sentence of a library: millions at 100,000
//! articles) stored compactly: all their text in one buffer, each distinct text once (wire copies,
//! boilerplate and a story's title repeated in its text are common), and per item only where its
//! text is and a few numbers (its article, block, sentence and rank). A `String`, a `Vec` and two
//! `Option<usize>` per sentence cost more than the sentence itself.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

/// Something a search can find: a title, a name, a sentence (as the corpus holds it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item<'a> {
    /// Index into the corpus's `docs`.
    pub doc: u32,
    /// What is matched and shown.
    pub text: &'a str,
    /// Other spellings matched as well (an entity's names in the other language).
    pub alts: &'a [String],
    /// Index into the article's blocks, and of the sentence inside that block.
    pub block: Option<usize>,
    pub sentence: Option<usize>,
    /// 0 a title or an entity name, 1 other metadata (outlet, byline), 2 body text: at equal
    /// scores the lower comes first.
    pub rank: u8,
    /// A short description shown beside it (an entity's type and mention count).
    pub note: &'a str,
}

/// `block` or `sentence` absent (a title).
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy)]
struct Meta {
    /// The text: `buf[start..start + len]`.
    start: usize,
    len: u32,
    doc: u32,
    block: u32,
    sentence: u32,
    rank: u8,
}

/// Titles and sentences, in the order pushed (an article's items are consecutive).
#[derive(Debug, Default, Clone)]
pub struct Texts {
    buf: String,
    meta: Vec<Meta>,
    /// While pushing: the item holding each text pushed, by hash (dropped by [`Texts::shrink`]).
    seen: FxHashMap<u64, u32>,
}

fn packed(n: Option<usize>) -> u32 {
    n.map_or(NONE, |n| u32::try_from(n).unwrap_or(NONE - 1).min(NONE - 1))
}

fn unpacked(n: u32) -> Option<usize> {
    (n != NONE).then_some(n as usize)
}

impl Texts {
    pub fn push(
        &mut self,
        doc: u32,
        text: &str,
        block: Option<usize>,
        sentence: Option<usize>,
        rank: u8,
    ) {
        let mut h = FxHasher::default();
        text.hash(&mut h);
        let item = self.meta.len() as u32;
        let same = self.seen.get(&h.finish()).map(|&i| i as usize);
        let (start, len) = match same.filter(|&i| self.text(i) == text) {
            Some(i) => (self.meta[i].start, self.meta[i].len),
            None => {
                self.seen.insert(h.finish(), item);
                let start = self.buf.len();
                self.buf.push_str(text);
                (start, (self.buf.len() - start) as u32)
            }
        };
        self.meta.push(Meta {
            start,
            len,
            doc,
            block: packed(block),
            sentence: packed(sentence),
            rank,
        });
    }

    /// Done pushing: give back what growing by doubling left over.
    pub fn shrink(&mut self) {
        self.seen = FxHashMap::default();
        self.buf.shrink_to_fit();
        self.meta.shrink_to_fit();
    }

    pub fn len(&self) -> usize {
        self.meta.len()
    }

    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    pub fn text(&self, i: usize) -> &str {
        let m = &self.meta[i];
        &self.buf[m.start..m.start + m.len as usize]
    }

    pub fn doc(&self, i: usize) -> u32 {
        self.meta[i].doc
    }

    pub fn rank(&self, i: usize) -> u8 {
        self.meta[i].rank
    }

    /// A title (not a sentence of a block): its first word earns the first-word bonus.
    pub fn is_title(&self, i: usize) -> bool {
        self.meta[i].sentence == NONE
    }

    pub fn get(&self, i: usize) -> Option<Item<'_>> {
        let m = self.meta.get(i)?;
        Some(Item {
            doc: m.doc,
            text: self.text(i),
            alts: &[],
            block: unpacked(m.block),
            sentence: unpacked(m.sentence),
            rank: m.rank,
            note: "",
        })
    }

    /// How many sentences of item `i`'s article before it read the same as it (which of the
    /// same-reading sentences it is).
    pub fn same_before(&self, i: usize) -> usize {
        let Some(m) = self.meta.get(i) else {
            return 0;
        };
        if m.sentence == NONE {
            return 0;
        }
        let text = self.text(i);
        (0..i)
            .rev()
            .take_while(|&j| self.meta[j].doc == m.doc)
            .filter(|&j| self.meta[j].sentence != NONE && self.text(j) == text)
            .count()
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.buf.capacity()
            + self.meta.capacity() * std::mem::size_of::<Meta>()
            + self.seen.capacity() * 16
    }
}
