//! The plain data types that flow between the stages (see DESIGN.md).
//!
//! Every stage takes and returns these; none of them knows about terminals.

use serde::{Deserialize, Serialize};

/// The name a unit enum has in the JSON output (`text`, `ko+en`, `list_item`), so every view
/// (plain text, TMX) agrees with it. Empty if the value does not serialise to a JSON string.
pub fn json_name(value: &impl Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// How the bytes of an input file were laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Text copied from a browser, menus and all.
    #[default]
    Text,
    /// Markdown, possibly with YAML front matter and an HTML body.
    Markdown,
    /// A saved HTML page or fragment.
    Html,
    /// duet's own JSON output, read back.
    Json,
}

/// The language of one block, from script statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Ko,
    En,
    Mixed,
    Other,
}

/// The language of a whole article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Language {
    #[serde(rename = "ko")]
    Ko,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "ko+en")]
    KoEn,
    #[default]
    #[serde(rename = "other")]
    Other,
}

/// What role a block plays in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Subtitle,
    Heading,
    Paragraph,
    ListItem,
    Quote,
    Caption,
    Byline,
    Reference,
    Keywords,
}

/// One unit of article text: a paragraph, a heading, a caption …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub lang: Lang,
    pub text: String,
}

/// A cleaned article: metadata plus body blocks in document order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Article {
    /// The file it came from, as given on the command line.
    pub path: String,
    pub format: Format,
    /// The encoding the bytes were decoded from (`UTF-8`, `EUC-KR`, `UTF-16LE` …).
    pub encoding: String,
    pub title: Option<String>,
    pub title_en: Option<String>,
    #[serde(default)]
    pub subtitles: Vec<String>,
    /// ISO 8601 date or date-time, as precise as the page wrote it.
    pub published: Option<String>,
    pub updated: Option<String>,
    pub outlet: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub language: Language,
    #[serde(default)]
    pub blocks: Vec<Block>,
    /// What the reader should know about how the file was read (a budget that cut the page
    /// short): one line each, shown as warnings, never part of the article or its JSON.
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// One sentence of one side of a bitext.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub text: String,
    /// Index of the block (or input line) it came from, in its own side's block list.
    pub block: usize,
    /// Byte range of the sentence inside that block's text.
    pub start: usize,
    pub end: usize,
}

/// Korean sentence indices ⟷ English sentence indices; either side may be empty.
/// Serialised as `[[ko…],[en…]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bead(pub Vec<usize>, pub Vec<usize>);

/// The smallest group of whole blocks on each side that the beads join: what the reader shows
/// as one row of Korean against English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub kind: BlockKind,
    /// The Korean blocks' text, joined by a blank line.
    pub ko: String,
    pub en: String,
    /// Indices into `Bitext::beads`.
    pub beads: Vec<usize>,
    /// Indices into `Bitext::ko_blocks` / `Bitext::en_blocks`.
    pub ko_blocks: Vec<usize>,
    pub en_blocks: Vec<usize>,
}

/// A block that has no counterpart in the other language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unpaired {
    pub lang: Lang,
    pub kind: BlockKind,
    pub text: String,
    /// Index into `Bitext::ko_blocks` or `Bitext::en_blocks`, by `lang`.
    pub block: usize,
}

/// One row of the reader, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "index")]
pub enum Segment {
    Pair(usize),
    Unpaired(usize),
}

/// The aligner's output for one article (or one pair of files).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bitext {
    pub ko_sentences: Vec<Sentence>,
    pub en_sentences: Vec<Sentence>,
    /// Sentence beads in document order; one-sided (null) beads allowed.
    pub beads: Vec<Bead>,
    pub pairs: Vec<Pair>,
    pub unpaired: Vec<Unpaired>,
    /// The Korean and English blocks the sentences and pairs point into.
    pub ko_blocks: Vec<Block>,
    pub en_blocks: Vec<Block>,
    /// Pairs and unpaired blocks interleaved in reading order.
    pub order: Vec<Segment>,
}
