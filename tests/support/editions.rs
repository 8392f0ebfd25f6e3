//! A bilingual bundled article split into its two editions, as a reader would save them: the
//! Korean file and the English file (for the tests of pairing across files).

use duet::{Article, Lang};

pub use super::cli::seed;

/// One language of a bilingual article as plain text: its title, then its blocks.
pub fn half(article: &Article, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for t in [&article.title, &article.title_en].into_iter().flatten() {
        if duet::text::detect_lang(t) == lang {
            parts.push(t.clone());
        }
    }
    parts.extend(
        article
            .blocks
            .iter()
            .filter(|b| b.lang == lang)
            .map(|b| b.text.clone()),
    );
    parts.join("\n\n") + "\n"
}
