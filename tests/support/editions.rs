//! A bilingual bundled article split into its two editions, as a reader would save them: the
//! Korean file and the English file (for the tests of pairing across files).

use std::path::{Path, PathBuf};

use duet::library::{ArticleId, Library};
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

/// A folder `dir/in` with the Korean and the English halves of seed 004 as two files
/// (`story_ko.txt`, `story_en.txt`) and a Korean seed of another story (`other_ko.txt`).
pub fn story_files(dir: &Path) -> PathBuf {
    let src = dir.join("in");
    std::fs::create_dir_all(&src).expect("create the folder");
    let article = duet::parse_file(&seed("004_8e658290ee760122.txt")).expect("seed 004");
    for (name, lang) in [("story_ko.txt", Lang::Ko), ("story_en.txt", Lang::En)] {
        std::fs::write(src.join(name), half(&article, lang)).expect("write a half");
    }
    std::fs::copy(seed("000_11a10f181be35a82.txt"), src.join("other_ko.txt")).expect("copy");
    src
}

/// The id of the library's article imported from a file whose path ends with `name`.
pub fn id_of(lib: &Library, name: &str) -> ArticleId {
    lib.entries()
        .unwrap()
        .into_iter()
        .find(|e| e.source.as_deref().is_some_and(|s| s.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} not imported"))
        .id
}
