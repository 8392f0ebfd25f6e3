//! Typed errors of the library; the binary turns them into one line on stderr.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", shown(path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {problem}", shown(path))]
    BadInput { path: PathBuf, problem: String },
}

impl Error {
    pub fn bad_input(path: impl Into<PathBuf>, problem: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

/// A path as one safe line: a file name may hold escape sequences or newlines, which must
/// never reach the terminal; they are shown escaped (`\u{1b}`). Non-UTF-8 bytes show as U+FFFD.
pub fn shown(path: &std::path::Path) -> String {
    path.to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
