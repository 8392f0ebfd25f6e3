//! Stage 1: find article files, read their bytes, detect format and encoding, decode to text.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Format;

/// A file decoded to text, before cleaning.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub format: Format,
    pub encoding: String,
    pub text: String,
}

/// Read and decode one file.
pub fn read(path: &Path) -> Result<Document> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| Error::bad_input(path, "not UTF-8"))?;
    Ok(Document {
        path: path.to_path_buf(),
        format: Format::Text,
        encoding: "UTF-8".into(),
        text,
    })
}

/// Expand the paths given on the command line: files as they are, folders recursively.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    paths.iter().map(|p| Ok(p.clone())).collect()
}
