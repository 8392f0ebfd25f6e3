//! A bilingual bundled article split into its two editions, as a reader would save them: the
//! Korean file and the English file (for the tests of pairing across files).
#![allow(dead_code)]

use std::path::PathBuf;

use duet::{Article, Lang};

/// A bundled article by file name.
pub fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles")
        .join(name)
}

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
