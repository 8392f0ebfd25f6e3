//! Where the library lives: `DUET_HOME`, or the platform data directory
//! (`~/.local/share/duet` on Linux). Inside it: `library.db` (SQLite) and `articles/`, the
//! imported copies, named by content hash so a copy is never overwritten by another article.

use std::path::{Path, PathBuf};

use super::error::{LibraryError, Result};

/// The environment variable that points duet at another library folder.
pub const ENV_HOME: &str = "DUET_HOME";
/// The database file's name inside the library folder.
pub const DB_FILE: &str = "library.db";
/// The folder of imported copies inside the library folder.
pub const ARTICLES_DIR: &str = "articles";

/// A library folder (it may not exist yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    pub root: PathBuf,
}

impl Home {
    /// `DUET_HOME` if set and not empty, else the platform data directory.
    pub fn locate() -> Result<Home> {
        if let Some(p) = std::env::var_os(ENV_HOME).filter(|p| !p.is_empty()) {
            return Ok(Home::at(PathBuf::from(p)));
        }
        directories::ProjectDirs::from("", "", "duet")
            .map(|d| Home::at(d.data_dir().to_path_buf()))
            .ok_or(LibraryError::NoHome)
    }

    pub fn at(root: impl Into<PathBuf>) -> Home {
        Home { root: root.into() }
    }

    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    pub fn articles_dir(&self) -> PathBuf {
        self.root.join(ARTICLES_DIR)
    }

    /// The stored copy of an article with this content hash, relative to the root:
    /// `articles/ab/abcdef….txt` (two-character shards keep folders small at 100,000 files).
    pub fn stored_rel(hash: &str, ext: &str) -> PathBuf {
        let shard = hash.get(..2).unwrap_or("00");
        Path::new(ARTICLES_DIR)
            .join(shard)
            .join(format!("{hash}.{ext}"))
    }

    /// An absolute path from a path relative to the root.
    pub fn resolve(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_copies_are_sharded_by_hash() {
        assert_eq!(
            Home::stored_rel("abcdef", "txt"),
            Path::new("articles/ab/abcdef.txt")
        );
    }
}
