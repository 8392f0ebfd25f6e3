//! Stage 3: pair Korean sentences and paragraphs with their English translation.

use crate::model::{Article, Bitext};

/// Align the Korean and English blocks of one bilingual article.
pub fn align_article(_article: &Article) -> Bitext {
    Bitext::default()
}

/// Align two articles, one per language (either order).
pub fn align_two(_a: &Article, _b: &Article) -> Bitext {
    Bitext::default()
}

/// Align pre-split sentences, one per element; no cleaning.
pub fn align_sentences(_ko: &[String], _en: &[String]) -> Bitext {
    Bitext::default()
}
