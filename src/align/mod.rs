//! Stage 3: pair Korean sentences and paragraphs with their English translation.
//!
//! PLACEHOLDER until issue 3 lands: it honours the `Bitext` contract (blocks split by language,
//! reading order) but pairs nothing; every block comes out unpaired.

use crate::model::{Article, Bitext, Block, Lang, Segment, Unpaired};

/// Align the Korean and English blocks of one bilingual article.
pub fn align_article(article: &Article) -> Bitext {
    let mut bitext = Bitext::default();
    for block in &article.blocks {
        push_unpaired(&mut bitext, block);
    }
    bitext
}

/// Align two articles, one per language (either order).
pub fn align_two(a: &Article, b: &Article) -> Bitext {
    let mut bitext = Bitext::default();
    for block in a.blocks.iter().chain(&b.blocks) {
        push_unpaired(&mut bitext, block);
    }
    bitext
}

/// Align pre-split sentences, one per element; no cleaning.
pub fn align_sentences(_ko: &[String], _en: &[String]) -> Bitext {
    Bitext::default()
}

fn push_unpaired(bitext: &mut Bitext, block: &Block) {
    let (lang, side) = if block.lang == Lang::En {
        (Lang::En, &mut bitext.en_blocks)
    } else {
        (Lang::Ko, &mut bitext.ko_blocks)
    };
    side.push(block.clone());
    bitext.order.push(Segment::Unpaired(bitext.unpaired.len()));
    bitext.unpaired.push(Unpaired {
        lang,
        kind: block.kind,
        text: block.text.clone(),
        block: side.len() - 1,
    });
}
