//! Bookmarks in the reader: `b` marks the pair under the cursor and asks for an optional note
//! (a text overlay: type, Enter saves, Esc cancels); `B` lists every bookmark of the library,
//! and Enter there opens the article at the bookmarked pair and sentence. The writes go to disk
//! through `Save::Bookmark`; the saver sends the new list back. The keys are in
//! `app/bookmark_keys.rs`.

use crate::library::ArticleId;
use crate::tui::state::reading::Position;

/// Longest note, in characters.
pub const MAX_NOTE: usize = 500;

/// A bookmark being made: what it marks, and the note typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub article: ArticleId,
    pub at: Position,
    pub ko: String,
    pub en: String,
    pub text: String,
}
