//! What the reader shows for one article: its passages in reading order (a pair, or a block with
//! no counterpart), each pair's sentence beads as byte ranges into its text, and the wrapped rows
//! per set of columns.
//!
//! Offsets flow through: the aligner's `Sentence { block, start, end }` are carried into each
//! passage's text by [`Doc::build`] (no searching for sentence text), and [`Wrapped::row_of`]
//! maps (passage, side, byte offset) to a screen row for every layout; the painter and every
//! cursor movement go through it. Entity mentions and finder hits take the same route.
//!
//! Built once per article on a worker thread; wrapped once per set of columns and cached.

use std::ops::Range;
use std::sync::Arc;

use crate::model::{Article, Bitext, Block, BlockKind, Lang, Language, Pair, Segment, Sentence};
use crate::text::sanitize;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::{Row, wrap};

use crate::tui::state::layout::{Columns, Layout, Side};

/// One sentence bead of a pair: byte ranges of its Korean and its English sentences.
pub type BeadRanges = (Vec<Range<usize>>, Vec<Range<usize>>);

/// One reader row-group: a pair, or a block with no counterpart (the other side `None`).
#[derive(Debug, Clone)]
pub struct Passage {
    pub kind: BlockKind,
    pub ko: Option<String>,
    pub en: Option<String>,
    /// Sentence beads of this pair: byte ranges into `ko` and `en`.
    pub beads: Vec<BeadRanges>,
}

impl Passage {
    pub fn text(&self, side: Side) -> Option<&str> {
        match side {
            Side::Ko => self.ko.as_deref(),
            Side::En => self.en.as_deref(),
        }
    }
}

/// Where one of the aligner's sentences is shown: its side, its passage and its byte range in
/// that passage's text (carried from the aligner's offsets, see [`Doc::build`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceAt {
    pub side: Side,
    pub passage: usize,
    pub range: Range<usize>,
}

/// A parsed, aligned article ready for the reader.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Shared with the finder, which indexes the loaded articles without copying them.
    pub article: Arc<Article>,
    pub title: String,
    pub title_en: Option<String>,
    pub passages: Vec<Passage>,
    /// Two languages to show side by side (see `build`).
    pub bilingual: bool,
    /// What the article offers the translation pairing (the loader fills it in).
    pub evidence: Option<crate::pairing::Evidence>,
    /// Every paired sentence (of an article in one language: every sentence), in reading order
    /// (passage by passage, Korean then English).
    pub sentences: Vec<SentenceAt>,
}

impl Doc {
    pub fn build(article: Article, bitext: &Bitext) -> Doc {
        let ko_at = by_block(&bitext.ko_sentences);
        let en_at = by_block(&bitext.en_sentences);
        let mut passages = Vec::with_capacity(bitext.order.len());
        let mut sentences = Vec::new();
        for seg in &bitext.order {
            match *seg {
                Segment::Pair(i) => {
                    let Some(p) = bitext.pairs.get(i) else {
                        continue;
                    };
                    let ko = SideText::new(
                        &p.ko,
                        &p.ko_blocks,
                        &bitext.ko_blocks,
                        &bitext.ko_sentences,
                        &ko_at,
                    );
                    let en = SideText::new(
                        &p.en,
                        &p.en_blocks,
                        &bitext.en_blocks,
                        &bitext.en_sentences,
                        &en_at,
                    );
                    let beads = beads(p, bitext, &ko, &en);
                    let passage = passages.len();
                    for (side, text) in [(Side::Ko, &ko), (Side::En, &en)] {
                        sentences.extend(text.at.iter().map(|(_, r)| SentenceAt {
                            side,
                            passage,
                            range: r.clone(),
                        }));
                    }
                    passages.push(Passage {
                        kind: p.kind,
                        ko: Some(ko.text),
                        en: Some(en.text),
                        beads,
                    });
                }
                Segment::Unpaired(i) => {
                    let Some(u) = bitext.unpaired.get(i) else {
                        continue;
                    };
                    let (side, blocks, sents, at) = if u.lang == Lang::En {
                        (Side::En, &bitext.en_blocks, &bitext.en_sentences, &en_at)
                    } else {
                        (Side::Ko, &bitext.ko_blocks, &bitext.ko_sentences, &ko_at)
                    };
                    let one = SideText::new(&u.text, &[u.block], blocks, sents, at);
                    // An article in one language: each sentence is a bead of its own, so
                    // sentence mode (and a finder hit) marks it. (Beside pairs, a block with no
                    // counterpart has no sentence pairs to step through.)
                    let beads = if bitext.pairs.is_empty() {
                        let passage = passages.len();
                        sentences.extend(one.at.iter().map(|(_, r)| SentenceAt {
                            side,
                            passage,
                            range: r.clone(),
                        }));
                        let alone = |r: &Range<usize>| match side {
                            Side::Ko => (vec![r.clone()], Vec::new()),
                            Side::En => (Vec::new(), vec![r.clone()]),
                        };
                        one.at.iter().map(|(_, r)| alone(r)).collect()
                    } else {
                        Vec::new()
                    };
                    let (ko, en) = match side {
                        Side::En => (None, Some(one.text)),
                        Side::Ko => (Some(one.text), None),
                    };
                    passages.push(Passage {
                        kind: u.kind,
                        ko,
                        en,
                        beads,
                    });
                }
            }
        }
        // Two languages to show side by side: the aligner paired something, or the article
        // says it is bilingual. (A Korean article with one English byline is not.)
        let bilingual = passages.iter().any(|s| s.ko.is_some())
            && passages.iter().any(|s| s.en.is_some())
            && (!bitext.pairs.is_empty()
                || matches!(article.language, Language::KoEn | Language::Other));
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(|t| sanitize::fold_whitespace(&sanitize(t)))
                .filter(|t| !t.is_empty())
        };
        let title_en = clean(&article.title_en);
        let title = clean(&article.title)
            .or_else(|| title_en.clone())
            .or_else(|| {
                std::path::Path::new(&article.path)
                    .file_name()
                    .map(|f| sanitize(&f.to_string_lossy()))
            })
            .unwrap_or_default();
        let title_en = title_en.filter(|t| *t != title);
        Doc {
            article: Arc::new(article),
            title,
            title_en,
            passages,
            bilingual,
            evidence: None,
            sentences,
        }
    }

    /// Where the `nth` (from 0) sentence reading `text` is, through the aligner's offsets: its
    /// passage and the bead holding it (so sentence mode marks both sides). A
    /// sentence repeated in the article is told apart by `nth`, never by searching the text.
    pub fn sentence_position(&self, text: &str, nth: usize) -> Option<(usize, Option<usize>)> {
        let text = text.trim();
        let found: Vec<&SentenceAt> = self
            .sentences
            .iter()
            .filter(|s| {
                self.passages
                    .get(s.passage)
                    .and_then(|p| p.text(s.side))
                    .and_then(|t| t.get(s.range.clone()))
                    .is_some_and(|t| t.trim() == text)
            })
            .collect();
        let at = found.get(nth).or(found.last())?;
        let p = self.passages.get(at.passage)?;
        let bead = p.beads.iter().position(|(ko, en)| {
            let ranges = if at.side == Side::Ko { ko } else { en };
            ranges
                .iter()
                .any(|r| r.start <= at.range.start && at.range.start < r.end.max(r.start + 1))
        });
        Some((at.passage, bead))
    }

    /// The title as the reader's pane shows it: the English title after the Korean one when
    /// there are both.
    pub fn display_title(&self) -> String {
        match &self.title_en {
            Some(en) => format!("{}  ·  {en}", self.title),
            None => self.title.clone(),
        }
    }

    /// KO, EN, KO+EN, or OTHER for pages in neither language (Chinese, Japanese …), whose
    /// text the aligner keeps on the Korean side.
    pub fn badge(&self) -> &'static str {
        match self.article.language {
            Language::Ko => "KO",
            Language::En => "EN",
            Language::KoEn => "KO+EN",
            Language::Other => "OTHER",
        }
    }
}

/// Text from the cleaner is sanitised already; anything else is sanitised here (its sentence
/// offsets are then unknown, and sentence mode has nothing to highlight in it).
fn clean_text(t: &str) -> String {
    sanitize(t)
}

/// Sentence indices by block, for one side.
fn by_block(sentences: &[Sentence]) -> Vec<Vec<usize>> {
    let mut by_block: Vec<Vec<usize>> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        if by_block.len() <= s.block {
            by_block.resize(s.block + 1, Vec::new());
        }
        by_block[s.block].push(i);
    }
    by_block
}

/// One side of a pair: its text and where each of its sentences sits in it.
struct SideText {
    text: String,
    /// (sentence index, byte range in `text`).
    at: Vec<(usize, Range<usize>)>,
}

impl SideText {
    /// The aligner joins a pair side from its blocks (a blank line between them): a whole block
    /// where the pair holds all its sentences, else the sentences it holds, joined by a space.
    /// Walk the same way to carry each sentence's offset into the joined text.
    fn new(
        joined: &str,
        blocks: &[usize],
        side_blocks: &[Block],
        sentences: &[Sentence],
        by_block: &[Vec<usize>],
    ) -> SideText {
        let clean = clean_text(joined);
        if clean != joined {
            return SideText {
                text: clean,
                at: Vec::new(),
            };
        }
        let mut at = Vec::new();
        let mut pos = 0;
        for (n, &b) in blocks.iter().enumerate() {
            if n > 0 {
                if !joined[pos..].starts_with("\n\n") {
                    break;
                }
                pos += 2;
            }
            let Some(block) = side_blocks.get(b) else {
                break;
            };
            let sents = by_block.get(b).map_or(&[][..], Vec::as_slice);
            let rest = &joined[pos..];
            let whole = rest.starts_with(block.text.as_str())
                && (rest.len() == block.text.len() || rest[block.text.len()..].starts_with("\n\n"));
            if whole {
                for &s in sents {
                    if let Some(sent) = sentences.get(s)
                        && sent.end <= block.text.len()
                    {
                        at.push((s, pos + sent.start..pos + sent.end));
                    }
                }
                pos += block.text.len();
                continue;
            }
            // Some of the block's sentences, joined by a space.
            let mut first = true;
            for &s in sents {
                let Some(sent) = sentences.get(s) else {
                    continue;
                };
                let p = if first || !joined[pos..].starts_with(' ') {
                    pos
                } else {
                    pos + 1
                };
                if !sent.text.is_empty() && joined[p..].starts_with(sent.text.as_str()) {
                    at.push((s, p..p + sent.text.len()));
                    pos = p + sent.text.len();
                    first = false;
                }
            }
        }
        SideText { text: clean, at }
    }

    fn ranges(&self, sentences: &[usize]) -> Vec<Range<usize>> {
        sentences
            .iter()
            .filter_map(|s| self.at.iter().find(|(i, _)| i == s).map(|(_, r)| r.clone()))
            .filter(|r| !r.is_empty())
            .collect()
    }
}

fn beads(p: &Pair, bitext: &Bitext, ko: &SideText, en: &SideText) -> Vec<BeadRanges> {
    p.beads
        .iter()
        .filter_map(|&b| bitext.beads.get(b))
        .map(|bead| (ko.ranges(&bead.0), en.ranges(&bead.1)))
        .filter(|(k, e)| !k.is_empty() || !e.is_empty())
        .collect()
}

/// Wrapped rows of one passage and where it sits.
#[derive(Debug, Clone)]
pub struct PassageRows {
    pub top: usize,
    /// Rows including the rule row below it (0 when the layout hides the passage).
    pub height: usize,
    pub ko: Vec<Row>,
    pub en: Vec<Row>,
}

impl PassageRows {
    pub fn rows(&self, side: Side) -> &[Row] {
        match side {
            Side::Ko => &self.ko,
            Side::En => &self.en,
        }
    }

    /// The row (within the passage) where `side` starts in this layout; `None` if hidden.
    /// The one place that knows how the layouts stack the sides.
    pub fn side_start(&self, side: Side, columns: &Columns) -> Option<usize> {
        match columns.layout {
            Layout::SideBySide => Some(0),
            Layout::Stacked if side == columns.first => Some(0),
            Layout::Stacked => Some(self.rows(columns.first).len()),
            Layout::Korean => (side == Side::Ko).then_some(0),
            Layout::English => (side == Side::En).then_some(0),
        }
    }

    /// What row `k` of the passage shows: for each side, the index of its wrapped row there.
    pub fn lines_at(&self, k: usize, columns: &Columns) -> [Option<usize>; 2] {
        let at = |side: Side| {
            let start = self.side_start(side, columns)?;
            let i = k.checked_sub(start)?;
            (i < self.rows(side).len()).then_some(i)
        };
        [at(Side::Ko), at(Side::En)]
    }
}

/// Columns a block kind is indented by (list bullet, quote bar).
pub fn indent(kind: BlockKind) -> usize {
    match kind {
        BlockKind::ListItem | BlockKind::Quote => 2,
        _ => 0,
    }
}

/// All passages wrapped for one set of columns.
#[derive(Debug, Clone)]
pub struct Wrapped {
    pub columns: Columns,
    pub passages: Vec<PassageRows>,
    pub total: usize,
}

impl Wrapped {
    pub fn new(doc: &Doc, columns: Columns, ambiguous: AmbiguousWidth) -> Wrapped {
        let mut passages = Vec::with_capacity(doc.passages.len());
        let mut top = 0;
        for p in &doc.passages {
            let ind = indent(p.kind);
            let side = |text: &Option<String>, w: usize| match text {
                Some(t) if w > 0 => wrap(t, w.saturating_sub(ind).max(1), ambiguous),
                _ => Vec::new(),
            };
            let ko = side(&p.ko, columns.ko);
            let en = side(&p.en, columns.en);
            let body = match columns.layout {
                Layout::SideBySide => ko.len().max(en.len()),
                _ => ko.len() + en.len(),
            };
            let height = if body > 0 { body + 1 } else { 0 };
            passages.push(PassageRows {
                top,
                height,
                ko,
                en,
            });
            top += height;
        }
        Wrapped {
            columns,
            passages,
            total: top,
        }
    }

    /// The passage a global row falls in.
    pub fn passage_at(&self, row: usize) -> Option<usize> {
        let i = self.passages.partition_point(|s| s.top + s.height <= row);
        (i < self.passages.len()).then_some(i)
    }

    /// The global row that shows byte `offset` of `side` of passage `i`; `None` if the layout
    /// hides that side (or the passage). Sentence cursors, entity mentions and finder hits all
    /// find their row here.
    pub fn row_of(&self, i: usize, side: Side, offset: usize) -> Option<usize> {
        let p = self.passages.get(i)?;
        let rows = p.rows(side);
        if p.height == 0 || rows.is_empty() {
            return None;
        }
        let start = p.side_start(side, &self.columns)?;
        let k = rows.iter().rposition(|r| r.start <= offset).unwrap_or(0);
        Some(p.top + start + k)
    }

    /// Is passage `i` shown in this layout?
    pub fn shown(&self, i: usize) -> bool {
        self.passages.get(i).is_some_and(|p| p.height > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_sentence_is_found_by_its_place_not_its_text() {
        let ko: Vec<String> = [
            "북한이 미사일을 쐈다.",
            "정부는 회의를 열었다.",
            "북한이 미사일을 쐈다.",
        ]
        .map(String::from)
        .to_vec();
        let en: Vec<String> = [
            "North Korea fired a missile.",
            "The government held a meeting.",
            "North Korea fired a missile.",
        ]
        .map(String::from)
        .to_vec();
        let bitext = crate::align::align_sentences(&ko, &en);
        let doc = Doc::build(Article::default(), &bitext);
        let first = doc.sentence_position("북한이 미사일을 쐈다.", 0);
        let second = doc.sentence_position("북한이 미사일을 쐈다.", 1);
        assert!(first.is_some() && second.is_some(), "{:?}", doc.sentences);
        assert!(first < second, "{first:?} {second:?}");
        assert_eq!(
            doc.sentence_position("North Korea fired a missile.", 1),
            second
        );
    }
}
