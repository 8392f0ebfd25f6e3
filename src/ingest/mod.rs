//! Stage 1: find article files, read their bytes, detect format and encoding, decode to text.
//!
//! Split by job: [`mod@discover`] expands folders, [`sniff`] rejects what is not text,
//! [`decode`] picks the encoding, [`detect`] tells the format from the content.

pub mod decode;
pub mod detect;
pub mod discover;
pub mod sniff;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Format;

pub use discover::{Discovery, discover, discover_all};

/// A file past [`MAX_FILE_BYTES`] (its size, when known before reading it).
pub fn too_large(path: &Path, size: Option<u64>) -> Error {
    let size = size.map(|n| format!("{n} bytes; ")).unwrap_or_default();
    Error::bad_input(
        path,
        format!(
            "file is too large ({size}the limit is {MAX_FILE_BYTES} bytes, {} MB)",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// What the user is told about a file that is no article (`a PNG image`).
pub fn not_an_article(kind: &str) -> String {
    format!("{kind}, not an article")
}

/// Files larger than this are refused before reading (no news page is this big).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// A file decoded to text, before cleaning.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub format: Format,
    pub encoding: String,
    pub text: String,
}

/// The path that means standard input (`duet parse -`, `curl … | duet -`).
pub const STDIN: &str = "-";

/// Read and decode one file (`-`: standard input). Reads only; never writes.
pub fn read(path: &Path) -> Result<Document> {
    let io = |error| Error::Io {
        path: path.to_path_buf(),
        error,
    };
    if path == Path::new(STDIN) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Error::bad_input(path, "input is too large"));
        }
        return from_bytes(path, &bytes);
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(Error::bad_input(path, "is a folder, not an article file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        // The file may grow between stat and read: never read past the limit.
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, None));
    }
    from_bytes(path, &bytes)
}

/// Decode bytes already in memory as if they were read from `path` (tests, benches).
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Document> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::bad_input(path, "empty file"));
    }
    if let Some(kind) = sniff::binary_kind(bytes) {
        return Err(Error::bad_input(path, not_an_article(kind)));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let decoded = decode::decode(bytes)
        .ok_or_else(|| Error::bad_input(path, "bytes are valid in no supported encoding"))?;
    if sniff::looks_binary_text(&decoded.text) {
        return Err(Error::bad_input(path, "binary data, not an article"));
    }
    let format = detect::format(&decoded.text, ext.as_deref());
    Ok(Document {
        path: path.to_path_buf(),
        format,
        encoding: decoded.encoding,
        text: decoded.text,
    })
}
