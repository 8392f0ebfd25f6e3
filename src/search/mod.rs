//! The finder: articles, entities and text found as you type, in Hangul, choseong or
//! romanization.
//!
//! - [`query`] turns what is typed into patterns over the original text (NFC, choseong, a
//!   half-typed last syllable, split clusters) with the syllable arithmetic of
//!   [`crate::text::hangul`].
//! - [`roman`] lets a Latin query read Korean words (`lavrov` → 러브로프).
//! - [`matcher`] matches a term in a word and a query in a field, and scores it.
//! - [`index`] is a word index for the text of a whole library, whose work per keystroke is
//!   bounded by the results shown; [`texts`] holds that text compactly; [`corpus`] builds the
//!   three sources from cleaned articles and ranks results (the reader runs them on its loop's jobs,
//!   cancelled by the next keystroke); [`stored`] reads a library's corpus from its cache.
//! - [`filter`] filters lines like `fzf --filter`.

pub mod corpus;
pub mod filter;
pub mod index;
pub mod matcher;
pub mod query;
pub mod roman;
pub mod stored;
pub mod texts;

pub use corpus::{Corpus, Doc, Hit, Item, Memory, Results, Source};
pub use query::Query;
