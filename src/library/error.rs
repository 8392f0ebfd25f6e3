//! Typed errors of the library on disk. Each displays as one line that names the file and says
//! what happened and what duet did about it.

use std::path::PathBuf;

/// How long a write waits for another duet's transaction to finish (before it is reported
/// as [`LibraryError::Busy`]).
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// No library folder: neither `DUET_HOME` nor a platform data directory.
    #[error("no library folder: this system has no data directory; set DUET_HOME to a folder")]
    NoHome,
    /// The database file is not a database, or is damaged. `done` says what duet did: moved
    /// it aside (never deleted) and started an empty library, or left it alone.
    #[error("{path}: the library database is damaged ({}); {done}", one_line(.detail))]
    Corrupt {
        path: PathBuf,
        detail: String,
        done: String,
    },
    /// A newer duet wrote the database. `done` as for `Corrupt`.
    #[error(
        "{path}: written by a newer duet (schema version {found}; this duet knows up to {known}); {done}"
    )]
    FutureSchema {
        path: PathBuf,
        found: i64,
        known: i64,
        done: String,
    },
    /// The library could only be opened for reading.
    #[error(
        "{path}: {}; opened the library read-only (positions and bookmarks are not saved)",
        one_line(.why)
    )]
    ReadOnly { path: PathBuf, why: String },
    /// No library can be opened at all (a read-only folder that holds none yet …).
    #[error("{path}: {}", one_line(.why))]
    Unavailable { path: PathBuf, why: String },
    /// A write was refused because the library is open read-only.
    #[error("{path}: the library is open read-only ({}); nothing was changed", one_line(.why))]
    WriteRefused { path: PathBuf, why: String },
    /// The disk is full.
    #[error("{path}: the disk is full; {what} could not be saved")]
    DiskFull { path: PathBuf, what: String },
    /// Another duet held the write lock for longer than we wait.
    #[error(
        "{path}: the library is busy (another duet is writing to it); waited {secs} s, {what} was not saved"
    )]
    Busy {
        path: PathBuf,
        secs: u64,
        what: String,
    },
    // The messages say what SQLite or the system said; the errors are not also `source`s
    // (a chain printed with `{:#}` would say it twice).
    #[error("{path}: {}", one_line(&.error.to_string()))]
    Sqlite {
        path: PathBuf,
        error: rusqlite::Error,
    },
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A cache row that does not decode (written by a buggy or different build).
    #[error("{path}: cached entry for article {id} does not decode ({detail})")]
    BadCache {
        path: PathBuf,
        id: i64,
        detail: String,
    },
    #[error("no article with id {0} in the library")]
    NoSuchArticle(i64),
    #[error("no bookmark with id {0} in the library")]
    NoSuchBookmark(i64),
    /// A file an import could not take: the import's one line, naming the file.
    #[error("{0}")]
    NotImported(String),
    #[error("no feed {0} is followed (see `duet feed list`)")]
    NoSuchFeed(String),
    #[error("{url}: {why}")]
    FeedUrl { url: String, why: String },
}

/// SQLite's messages can quote the damaged file itself (a schema's text, with its newlines
/// and any bytes): fold them to one line with control characters escaped.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_control() {
                out.extend(c.escape_unicode());
            } else {
                out.push(c);
            }
        }
    }
    out
}

pub type Result<T, E = LibraryError> = std::result::Result<T, E>;

impl LibraryError {
    /// Classify an SQLite error from a write: a full disk, a busy lock, a read-only file get
    /// their own variants; the rest keep SQLite's words.
    pub fn from_write(path: &std::path::Path, what: &str, e: rusqlite::Error) -> LibraryError {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => LibraryError::DiskFull {
                path,
                what: what.to_string(),
            },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => LibraryError::Busy {
                path,
                secs: BUSY_TIMEOUT.as_secs(),
                what: what.to_string(),
            },
            Some(ErrorCode::ReadOnly) => LibraryError::WriteRefused {
                path,
                why: "the file or folder is read-only".into(),
            },
            _ => LibraryError::Sqlite { path, error: e },
        }
    }

    /// Classify an I/O error: a full disk gets its own variant.
    pub fn from_io(path: &std::path::Path, what: &str, e: std::io::Error) -> LibraryError {
        if e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28) {
            LibraryError::DiskFull {
                path: path.to_path_buf(),
                what: what.to_string(),
            }
        } else {
            LibraryError::Io {
                path: path.to_path_buf(),
                error: e,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_schema_quoted_by_sqlite_stays_one_line_without_escapes() {
        let e = LibraryError::Corrupt {
            path: "lib.db".into(),
            detail: "malformed schema - unrecognized token: \"`\n   en TEXT\x1b[31m\n)\"".into(),
            done: "moved it aside".into(),
        };
        let shown = e.to_string();
        assert!(!shown.contains('\n') && !shown.contains('\x1b'), "{shown}");
        assert!(
            shown.contains("unrecognized token: \"` en TEXT\\u{1b}[31m )\""),
            "{shown}"
        );
    }
}
