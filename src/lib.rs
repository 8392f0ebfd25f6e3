//! duet: a terminal reader for Korean and English news, side by side.
//!
//! The crate follows the data flow of DESIGN.md, one module per stage (the whole picture, and
//! where each kind of change goes, is `docs/architecture.md`):
//! [`feed`] (stories fetched from outlets' RSS, Atom and JSON feeds) and [`ingest`] (bytes →
//! decoded document) → [`clean`] (→ [`Article`]) → [`align`] (→ [`Bitext`])
//! → [`entity`] (→ [`entity::EntityIndex`]); [`pairing`] (which articles of two files are
//! translations of each other); [`library`] (the library on disk: imported articles, the
//! pipeline's cached output, reading state, pairs; [`library::intake`] is the one way in);
//! [`search`] (the finder's [`search::Corpus`]); [`words`] (words for learners: alignment,
//! lemmas, dictionaries); [`tui`] (the reader). [`text`] holds the text code every stage shares
//! (sanitising, language, sentences, width and wrapping, Hangul); [`model`] the types they pass
//! on; [`error`] the typed errors. Everything except `tui` is terminal-free and can be run alone
//! through the CLI.

#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod align;
pub mod clean;
pub mod entity;
pub mod error;
pub mod feed;
pub mod ingest;
pub mod library;
pub mod model;
pub mod pairing;
pub mod search;
pub mod text;
pub mod tui;
pub mod words;

pub use error::{Error, Result};
pub use model::{Article, Bead, Bitext, Block, BlockKind, Format, Lang, Language, Pair, Sentence};

/// Read, decode and clean one file into an [`Article`]. Reads only; writes nothing.
pub fn parse_file(path: &std::path::Path) -> Result<Article> {
    let doc = ingest::read(path)?;
    Ok(clean::clean(doc))
}
