//! Expand the paths given on the command line: files as they are, folders recursively to the
//! article files inside them, in a stable sorted order.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Extensions of files that can hold an article.
const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "shtml", "json",
];

/// Files as they are (reading decides whether they hold an article); folders recursively to
/// the article files inside, sorted. A folder with none is an error of its own.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(path, &mut found) {
                out.push(Err(e));
                continue;
            }
            if found.is_empty() {
                out.push(Err(Error::bad_input(
                    path,
                    "no article files in this folder",
                )));
            }
            found.sort();
            out.extend(found.into_iter().map(Ok));
        } else {
            out.push(Ok(path.clone()));
        }
    }
    out
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // Real folders are followed (symlinked ones are not: no cycles); files may be links.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            // A folder we cannot read is skipped, not fatal for the others.
            let _ = walk(&path, found);
        } else if is_article_file(&name) && path.is_file() {
            found.push(path);
        }
    }
    Ok(())
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
