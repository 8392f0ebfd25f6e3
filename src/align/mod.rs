//! Stage 3: pair Korean sentences and paragraphs with their English translation.
//!
//! - `sides`: the article's blocks split by language into two sides, each cut into sentences
//!   (titles brought back from metadata);
//! - `anchors`: what each sentence offers as evidence (length, numbers and dates across
//!   scripts, Latin words, quotations), with `names` (skeletons, pinyin), `lexicon` (the shipped
//!   Korean-English word list) and `text::furniture` (what one side carries alone);
//! - `shape`: how a sentence sits in a translator's split or merge (questions, quotations cut
//!   in two, clause joints and connectives);
//! - `cost`: the cost of one bead from length, shared anchors and its shape;
//! - `dp`: the banded dynamic programme over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3);
//! - `pairs`: beads grouped into paragraph pairs, unpaired material, and the reading order;
//! - `export`: TSV and TMX.

pub mod anchors;
pub mod cost;
pub mod dp;
pub mod export;
pub mod lexicon;
pub mod names;
pub mod pairs;
pub mod shape;
pub mod sides;

use crate::model::{Article, Bead, Bitext, BlockKind};
pub use cost::Params;
use pairs::Side;

/// Align the Korean and English blocks of one bilingual article.
pub fn align_article(article: &Article) -> Bitext {
    let s = sides::from_article(article);
    align_sides(s.ko, s.en, s.ko_first, Params::default())
}

/// Align two articles, one per language (either order).
pub fn align_two(a: &Article, b: &Article) -> Bitext {
    let s = sides::from_two(a, b);
    align_sides(s.ko, s.en, s.ko_first, Params::default())
}

/// Align pre-split sentences, one per element; no cleaning. Sentence and block indices are the
/// element indices.
pub fn align_sentences(ko: &[String], en: &[String]) -> Bitext {
    let s = sides::from_lines(ko, en);
    align_sides(s.ko, s.en, true, Params::default())
}

/// Align two prepared sides with explicit cost parameters.
pub fn align_sides(ko: Side, en: Side, ko_first: bool, params: Params) -> Bitext {
    let beads = sentence_beads(&ko, &en, params);
    pairs::assemble(ko, en, beads, ko_first)
}

/// `anchors::korean` or `anchors::english`.
type Anchors = fn(&str, &lexicon::Lexicon, &mut anchors::Interner) -> anchors::Features;

/// The anchors of both sides' sentences, each marked with its block's role, as the cost reads
/// them (also what `pairing` judges a candidate translation by).
pub fn sentence_features(ko: &Side, en: &Side) -> (Vec<anchors::Features>, Vec<anchors::Features>) {
    let lex = lexicon::shipped();
    let mut interner = anchors::Interner::default();
    let mut features = |side: &Side, of: Anchors| -> Vec<anchors::Features> {
        side.sentences
            .iter()
            .map(|s| {
                let mut f = of(&s.text, lex, &mut interner);
                if let Some(block) = side.blocks.get(s.block) {
                    mark(&mut f, block.kind);
                }
                f
            })
            .collect()
    };
    // Korean first: keys are interned in the order sentences are read.
    let ko_f = features(ko, anchors::korean);
    let en_f = features(en, anchors::english);
    (ko_f, en_f)
}

/// The sentence beads of two sides, in document order.
pub fn sentence_beads(ko: &Side, en: &Side, params: Params) -> Vec<Bead> {
    // A one-sided article (most of a library) has one path: its anchors would be thrown away.
    let path = if ko.sentences.is_empty() || en.sentences.is_empty() {
        dp::one_sided(ko.sentences.len(), en.sentences.len())
    } else {
        let (ko_f, en_f) = sentence_features(ko, en);
        dp::align(&ko_f, &en_f, params)
    };
    path.into_iter()
        .map(|(i, a, j, b)| Bead((i..i + a).collect(), (j..j + b).collect()))
        .collect()
}

/// Titles pair with titles and references with references: the cost knows each sentence's role.
/// Keyword lines and bylines are one-sided by nature.
fn mark(f: &mut anchors::Features, kind: BlockKind) {
    f.tag = match kind {
        BlockKind::Title | BlockKind::Subtitle => 1,
        BlockKind::Reference => 2,
        BlockKind::Keywords | BlockKind::Byline | BlockKind::Caption => 3,
        _ => 0,
    };
    if matches!(kind, BlockKind::Keywords | BlockKind::Byline) {
        f.one_sided = 1.0;
    }
}
