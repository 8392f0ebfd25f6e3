//! Expand the paths given on the command line: files as they are, folders recursively to the
//! article files inside them, in a stable sorted order.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Extensions of files that can hold an article.
const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "json",
];

/// What the paths hold: the article files (or why one cannot be read), and the files inside
/// folders that were passed over because they are binary (a photo, a PDF), each with what the
/// user is told about it.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<Result<PathBuf>>,
    pub skipped: Vec<(PathBuf, String)>,
}

impl Discovery {
    /// The warning line of each file passed over (see [`crate::error::warning`]).
    pub fn warnings(&self) -> impl Iterator<Item = String> + '_ {
        self.skipped
            .iter()
            .map(|(path, note)| crate::error::warning(path, note))
    }
}

/// Files as they are (reading decides whether they hold an article; a path given by name may
/// be a pipe, `duet parse <(curl …)`); folders recursively to the regular article files
/// inside, sorted. Inside a folder, what has an article's name but is not a regular file (a
/// named pipe, a socket, a device, a broken or looping link) and a subfolder that cannot be
/// read are one error each, and never opened. A folder with no article is an error of its own.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    discover_all(paths).files
}

/// [`discover`], and the binary files found in the folders and passed over (their names say
/// they are no article; their first bytes say what they are).
pub fn discover_all(paths: &[PathBuf]) -> Discovery {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(path, &mut found, &mut skipped) {
                out.push(Err(e));
                continue;
            }
            if !found.iter().any(|f| f.0.is_ok()) {
                out.push(Err(Error::bad_input(
                    path,
                    "no article files in this folder",
                )));
            }
            found.sort_by(|a, b| a.1.cmp(&b.1));
            out.extend(found.into_iter().map(|f| f.0));
        } else {
            out.push(Ok(path.clone()));
        }
    }
    skipped.sort();
    Discovery {
        files: out,
        skipped,
    }
}

/// What a folder holds, each with the path it sorts by.
type Found = (Result<PathBuf>, PathBuf);

fn walk(dir: &Path, found: &mut Vec<Found>, skipped: &mut Vec<(PathBuf, String)>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|error| Error::Io {
        path: dir.to_path_buf(),
        error,
    })?;
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(error) => {
                let path = dir.to_path_buf();
                found.push((
                    Err(Error::Io {
                        path: path.clone(),
                        error,
                    }),
                    path,
                ));
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            // A folder we cannot read is one error, not fatal for the others.
            if let Err(e) = walk(&path, found, skipped) {
                found.push((Err(e), path));
            }
            continue;
        }
        if !is_article_file(&name) {
            if kind.is_file()
                && let Some(what) = binary_head(&path)
            {
                skipped.push((
                    path.clone(),
                    format!("{}; skipped", super::not_an_article(what)),
                ));
            }
            continue;
        }
        // Real folders are followed, symlinked ones are not (no cycles); files may be links.
        let problem = match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => None,
            Ok(m) if m.is_dir() => continue,
            Ok(m) => Some(format!("{}; skipped", not_regular(&m.file_type()))),
            Err(e) if e.raw_os_error() == Some(ELOOP) => {
                Some("symbolic link loop; skipped".to_string())
            }
            Err(e) if kind.is_symlink() && e.kind() == std::io::ErrorKind::NotFound => {
                Some("broken symbolic link; skipped".to_string())
            }
            Err(error) => {
                found.push((
                    Err(Error::Io {
                        path: path.clone(),
                        error,
                    }),
                    path,
                ));
                continue;
            }
        };
        match problem {
            None => found.push((Ok(path.clone()), path)),
            Some(p) => found.push((Err(Error::bad_input(&path, p)), path)),
        }
    }
    Ok(())
}

/// What a file is, by its first bytes, when they are not text.
fn binary_head(path: &Path) -> Option<&'static str> {
    use std::io::Read;
    let mut head = Vec::with_capacity(8192);
    std::fs::File::open(path)
        .and_then(|f| f.take(8192).read_to_end(&mut head))
        .ok()?;
    super::sniff::binary_kind(&head)
}

/// `ELOOP` (too many levels of symbolic links) on Linux and the BSDs/macOS.
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

/// What a file that is not a regular file is.
fn not_regular(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe, not a regular file";
        }
        if kind.is_socket() {
            return "a socket, not a regular file";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device, not a regular file";
        }
    }
    let _ = kind;
    "not a regular file"
}

/// Article files by name: known extensions, not READMEs or licences.
pub fn is_article_file(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if [
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CHANGELOG",
        "NOTICE",
    ]
    .iter()
    .any(|p| upper.starts_with(p))
    {
        return false;
    }
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_files_by_name() {
        assert!(is_article_file("000_x.txt"));
        assert!(is_article_file("page.HTML"));
        assert!(!is_article_file("README.md"));
        assert!(!is_article_file("LICENSE.txt"));
        assert!(!is_article_file("photo.png"));
        assert!(!is_article_file("notes"));
    }
}
