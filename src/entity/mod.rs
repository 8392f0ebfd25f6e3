//! Stage 5: people, places and organisations in Korean and English text, linked across
//! languages, articles and spellings.
//!
//! One job per file:
//! - `korean` / `english`: find spans in one text (a trained averaged perceptron over character
//!   or word features, see `perceptron` and `features`, plus rules for the cues it can't learn:
//!   particles, hanja in parentheses, acronyms, titles);
//! - `gazetteer`: the shipped CLDR country and city names in both languages, and a short list of
//!   news names (`assets/entities/`); `kodic`: mecab-ko-dic's Hangul proper nouns, a model
//!   feature;
//! - `translit`: how close a Hangul name and a Latin name sound (`설리번` ⟷ `Sullivan`), hanja →
//!   pinyin;
//! - `link`: mentions → entities inside one article (short forms, aligned pairs, spelling
//!   variants) and Korean ⟷ English name linking;
//! - `index`: the [`EntityIndex`] of a set of articles, merged across the library.
//!
//! # The public API (stable; the finder and the library build on it)
//!
//! - [`find`] — the spans of one text, any mix of Korean and English: `Vec<Span>` with
//!   character offsets.
//! - [`EntityIndex::build`] — the entities of a set of aligned articles (`(id, &Bitext)`), one
//!   [`Entity`] per real-world thing, each with its Korean and English names, hanja and every
//!   [`Mention`] (article, side, block, character range).
//! - [`EntityIndex::search`] — entities whose names match a query in either script (`lavrov`
//!   finds `러브로프`).
//! - [`EntityIndex::mentions_in`] (a block's mentions with their entity ids, for highlighting)
//!   and [`EntityIndex::articles_of`] (every article that mentions an entity).
//! - [`link_names`] — for each Korean name, the English candidate it links to.
//!
//! Building is pure and takes a few milliseconds per article (`benches/entities.rs`); the
//! shipped models and lists load once on first use (about 0.3 s: run the first build off the UI
//! thread). Sources and licences of the shipped data: `assets/entities/README.md`.

mod english;
mod features;
pub mod gazetteer;
mod index;
mod kodic;
mod korean;
mod link;
pub mod perceptron;
pub mod train;
pub mod translit;

use serde::{Deserialize, Serialize};

pub use features::{GoldSpan, Sentence as TrainSentence, english_tokens};
pub use index::EntityIndex;
pub use link::{NameLink, link_names, name_score_with};

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Place,
    Org,
}

impl EntityKind {
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];

    /// `person`, `place`, `org`: the name in JSON and tables.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
        }
    }

    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// The language side a mention sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Ko,
    En,
}

/// One entity span found in one text; offsets in characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub text: String,
}

/// One occurrence of an entity in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Index into [`EntityIndex::articles`].
    pub article: usize,
    pub lang: Side,
    /// Index into the article's `Bitext::ko_blocks` or `Bitext::en_blocks`, by `lang`.
    pub block: usize,
    /// Character range in that block's text.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The names an entity goes by, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Names {
    pub ko: Vec<String>,
    pub en: Vec<String>,
}

/// One real-world person, place or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Index into [`EntityIndex::entities`].
    pub id: usize,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    pub names: Names,
    /// The Chinese characters the text gives in parentheses after the name (`劉國中`).
    pub hanja: Option<String>,
    /// In reading order: article, then Korean side before English, block, offset.
    pub mentions: Vec<Mention>,
}

impl Entity {
    /// The name to show: the first Korean name, else the first English one.
    pub fn label(&self) -> &str {
        self.names
            .ko
            .first()
            .or(self.names.en.first())
            .map_or("", String::as_str)
    }
}

/// Entity spans in one text of any language mix: Korean runs by the Korean finder (Latin
/// acronyms inside them included), English text by the English finder. Sorted, not
/// overlapping; offsets in characters.
pub fn find(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let hangul = chars
        .iter()
        .filter(|c| crate::text::lang::is_hangul(**c))
        .count();
    let latin = chars.iter().filter(|c| c.is_ascii_alphabetic()).count();
    let finder: fn(&[char]) -> Vec<Span> = if hangul * 3 >= latin {
        korean::find
    } else {
        english::find
    };
    let mut spans = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let end = piece_end(&chars, start);
        let piece = &chars[start..end];
        // A piece with no space in it is one "word" longer than any name: no prose, nothing
        // to find (and a megabyte of it would keep the tagger busy for nothing).
        if piece.len() > LONGEST_WORD && !piece.iter().any(|c| c.is_whitespace()) {
            start = end;
            continue;
        }
        for mut s in finder(piece) {
            s.start += start;
            s.end += start;
            spans.push(s);
        }
        start = end;
    }
    spans
}

/// Text is read in pieces of at most this many characters, cut after a sentence's end or at a
/// space (a hard cut only inside a "word" this long, which is no prose): the finders' word
/// and name windows stay bounded, so a hostile megabyte-long line costs linear time.
const PIECE: usize = 2_000;

/// Longer than any word a name is found in (Korean words with their particles run to a dozen
/// or so characters; an English name's word to a few dozen).
const LONGEST_WORD: usize = 100;

fn piece_end(chars: &[char], start: usize) -> usize {
    let hard = (start + PIECE).min(chars.len());
    if hard == chars.len() {
        return hard;
    }
    let from = start + PIECE / 2;
    let sentence_end = (from..hard)
        .rev()
        .find(|&i| chars[i].is_whitespace() && matches!(chars[i - 1], '.' | '!' | '?' | '。'));
    let space = || (from..hard).rev().find(|&i| chars[i].is_whitespace());
    sentence_end.or_else(space).map_or(hard, |i| i + 1)
}

#[cfg(test)]
mod piece_tests {
    use super::*;

    #[test]
    fn long_text_is_read_in_pieces_with_offsets_kept() {
        // A name after many sentences is found at its place in the whole text.
        let filler = "그는 이날 회의에 참석했다. ".repeat(400);
        let text = format!("{filler}설리번 보좌관은 말했다.");
        let spans = find(&text);
        let want = filler.chars().count();
        assert!(
            spans.iter().any(|s| s.start == want && s.text == "설리번"),
            "{:?}",
            spans.iter().map(|s| (&s.text, s.start)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_word_longer_than_a_piece_is_cut_hard() {
        let chars: Vec<char> = "가".repeat(PIECE * 3).chars().collect();
        assert_eq!(piece_end(&chars, 0), PIECE);
        assert_eq!(piece_end(&chars, PIECE * 2), PIECE * 3);
    }

    #[test]
    fn a_spaceless_run_is_skipped_and_the_names_after_it_are_found() {
        let run = "가".repeat(PIECE * 2);
        let text = format!("{run} 설리번 보좌관은 말했다.");
        let spans = find(&text);
        assert!(spans.iter().all(|s| s.start >= PIECE * 2), "{spans:?}");
        assert!(spans.iter().any(|s| s.text == "설리번"), "{spans:?}");
    }
}
