//! Typed errors of the library; the binary turns them into one line on stderr.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The message says what the system said (`error` is not also a `source`: a chain
    /// printed with `{:#}` would say it twice).
    #[error("{}: {error}", shown(path))]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: {problem}", shown(path))]
    BadInput { path: PathBuf, problem: String },
}

impl Error {
    /// What went wrong, without the file's name (for where the file is named already: a
    /// library row, a list line).
    pub fn problem(&self) -> String {
        match self {
            Error::Io { error, .. } => error.to_string(),
            Error::BadInput { problem, .. } => problem.clone(),
        }
    }

    pub fn bad_input(path: impl Into<PathBuf>, problem: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

/// A warning about a file, worded the same wherever it is printed (`parse`, `align`,
/// `import`): `warning: PATH: NOTE`.
pub fn warning(path: &std::path::Path, note: &str) -> String {
    format!("warning: {}: {note}", shown(path))
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
