//! Typed errors of the library; the binary turns them into one line on stderr.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {problem}")]
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

pub type Result<T, E = Error> = std::result::Result<T, E>;
