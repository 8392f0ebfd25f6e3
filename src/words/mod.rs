//! Words for learners: which English words a Korean word translates in its sentence pair, its
//! dictionary form, and the dictionaries imported to look it up.
//!
//! One file per job: [`tokens`] (words of a sentence with their character offsets), [`lemma`]
//! (dictionary forms from mecab-ko-dic's inflection table), [`seed`] (what is known before
//! training: lexicon, names, numbers), [`model`] (IBM Model 1 tables trained by EM, both
//! directions), [`align`] (a pair's links), [`dict`] (dictionary files: krdict LMF XML and
//! JSON, kaikki.org Wiktionary JSONL), [`anki`] (the export Anki imports). Terminal-free and
//! library-free: the library stores what these compute.

pub mod align;
pub mod anki;
pub mod dict;
pub mod lemma;
pub mod model;
pub mod seed;
pub mod tokens;

pub use align::{Settings, WordLink, align, align_in, train};
pub use lemma::Names;
pub use model::Model;
pub use tokens::Token;
