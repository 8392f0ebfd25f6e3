//! Bookmarks in the reader: `b` marks the pair under the cursor and asks for an optional note
//! (a text overlay: type, Enter saves, Esc cancels); `B` lists every bookmark of the library,
//! and Enter there opens the article at the bookmarked pair and sentence. The writes go to disk
//! through `Save::Bookmark`; the saver sends the new list back. On an article read from a file,
//! the bookmark is a job that imports the file into the library first (bookmarks live there):
//! the first bookmark says so in one line. The keys are in `app/bookmark_keys.rs`.

use std::path::PathBuf;

use crate::library::ArticleId;
use crate::tui::state::library_list::EntryId;
use crate::tui::state::reading::Position;

/// What a new bookmark marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marked {
    /// An article of the library.
    Article(ArticleId),
    /// An article read from a file (entry and path): imported into the library on saving.
    File(EntryId, PathBuf),
}

/// Longest note, in characters.
pub const MAX_NOTE: usize = 500;

/// A bookmark being made: what it marks, and the note typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub marked: Marked,
    pub at: Position,
    pub ko: String,
    pub en: String,
    pub text: String,
}
