//! Why background work failed, typed: a file that could not be read, input that is not an
//! article, the library on disk, or a panic in the pipeline. Jobs (and the loader, file by file)
//! run inside [`catching`], the one place a panic is caught; `update` turns the error into one
//! status line (`app/job_done.rs`).

use std::fmt::Display;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::shown;
use crate::library::LibraryError;

/// (Cheap to clone, as every message the loop passes is: the sources are shared.)
#[derive(Debug, Clone, thiserror::Error)]
pub enum JobError {
    /// (`error` is not also a source, as in [`crate::Error::Io`]: a chain would say it twice.)
    #[error("{}: {error}", shown(path))]
    Io {
        path: PathBuf,
        error: Arc<std::io::Error>,
    },
    #[error("{}: {problem}", shown(path))]
    BadInput { path: PathBuf, problem: String },
    #[error(transparent)]
    Library(Arc<LibraryError>),
    /// A bug met on the way: what was being done, and the panic's message.
    #[error("{what}: internal error: {message}")]
    Panicked { what: String, message: String },
}

impl From<crate::Error> for JobError {
    fn from(e: crate::Error) -> JobError {
        match e {
            crate::Error::Io { path, error } => JobError::Io {
                path,
                error: Arc::new(error),
            },
            crate::Error::BadInput { path, problem } => JobError::BadInput { path, problem },
        }
    }
}

impl From<LibraryError> for JobError {
    fn from(e: LibraryError) -> JobError {
        JobError::Library(Arc::new(e))
    }
}

/// Run `work`; a panic in it becomes [`JobError::Panicked`] naming `what`.
pub fn catching<T>(
    what: impl Display,
    work: impl FnOnce() -> Result<T, JobError>,
) -> Result<T, JobError> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        Err(JobError::Panicked {
            what: what.to_string(),
            message: panic_message(payload.as_ref()),
        })
    })
}

/// The text of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into())
}
