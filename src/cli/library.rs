//! Opening the library for a subcommand: the notices met on the way (a damaged database moved
//! aside, a read-only folder …) are printed one line each on stderr.

use duet::library::{Library, LibraryError};

/// The default library (`DUET_HOME` or the platform data directory).
pub fn open() -> anyhow::Result<Library> {
    Ok(open_noting()?.0)
}

/// [`open`], and how many notices it printed.
pub fn open_noting() -> anyhow::Result<(Library, usize)> {
    let (lib, notices) = Library::open_default()?;
    for n in &notices {
        eprintln!("duet: {n}");
    }
    Ok((lib, notices.len()))
}

/// The default library for a command that writes: a library that opened read-only is one
/// error line (from the first write), not a notice and then an error.
pub fn open_for_writing() -> anyhow::Result<Library> {
    let (lib, notices) = Library::open_default()?;
    for n in notices {
        if !matches!(n, LibraryError::ReadOnly { .. }) {
            eprintln!("duet: {n}");
        }
    }
    Ok(lib)
}

/// Text from an article, safe for the terminal: no control characters, one line.
pub fn clean(s: &str) -> String {
    duet::text::sanitize::clean_line(s).into_owned()
}
