//! Opening the database: WAL and transactions for durability, a busy timeout so two duets on
//! one library wait for each other instead of failing, and the fallbacks that keep the reader
//! working: a damaged or newer database is moved aside (never deleted), a read-only folder or
//! a full disk opens the library read-only.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::{BUSY_TIMEOUT, LibraryError, Result};
use super::home::Home;
use super::schema;

/// Whether this connection may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// Read-only, and why (a read-only folder, a full disk …).
    ReadOnly(String),
}

/// An open connection, and what was wrong on the way (each one line for the user).
pub struct Opened {
    pub conn: Connection,
    pub access: Access,
    pub notices: Vec<LibraryError>,
}

/// Open (creating if need be) the library database in `home`.
pub fn open(home: &Home) -> Result<Opened> {
    let path = home.db_path();
    let mut notices = Vec::new();
    if let Some(why) = unwritable(&home.root) {
        if !path.exists() {
            return Err(LibraryError::Unavailable {
                path: home.root.clone(),
                why: format!("{why} and it holds no library yet"),
            });
        }
        let conn = open_read_only(&path, &why, &mut notices)?;
        notices.push(LibraryError::ReadOnly {
            path: home.root.clone(),
            why: why.clone(),
        });
        return Ok(Opened {
            conn,
            access: Access::ReadOnly(why),
            notices,
        });
    }
    // A damaged or newer file is moved aside (never deleted); `done` says so, and where.
    let set_aside = |kind: &str, what: &str, then: &str| -> Result<String> {
        match move_aside(&path, kind) {
            Ok(to) => Ok(format!(
                "moved it aside to {} and started an empty library{then}",
                to.display()
            )),
            Err(e) => Err(LibraryError::from_io(&path, what, e)),
        }
    };
    // At most two rounds: a damaged or newer file is moved aside once, then a fresh one made.
    for _ in 0..2 {
        match open_read_write_waiting(&path) {
            Ok(conn) => {
                return Ok(Opened {
                    conn,
                    access: Access::ReadWrite,
                    notices,
                });
            }
            Err(Problem::Damaged(detail)) => {
                let done = set_aside("damaged", "the damaged file", "")?;
                notices.push(LibraryError::Corrupt {
                    path: path.clone(),
                    detail,
                    done,
                });
            }
            Err(Problem::Future(found)) => {
                let done = set_aside(
                    "newer",
                    "the newer file",
                    " (rename it back to use it with that duet)",
                )?;
                notices.push(LibraryError::FutureSchema {
                    path: path.clone(),
                    found,
                    known: schema::current(),
                    done,
                });
            }
            Err(Problem::Other(e)) => {
                // A full disk or a lock we cannot take: the reader still opens, read-only.
                let why = match e.sqlite_error_code() {
                    Some(ErrorCode::DiskFull) => "the disk is full".to_string(),
                    Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen) => {
                        "the database cannot be written".to_string()
                    }
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                        "another duet holds the library".to_string()
                    }
                    _ => return Err(LibraryError::Sqlite { path, error: e }),
                };
                if !path.exists() {
                    return Err(LibraryError::Unavailable {
                        path: home.root.clone(),
                        why: format!("{why} and it holds no library yet"),
                    });
                }
                let conn = open_read_only(&path, &why, &mut notices)?;
                notices.push(LibraryError::ReadOnly {
                    path: path.clone(),
                    why: why.clone(),
                });
                return Ok(Opened {
                    conn,
                    access: Access::ReadOnly(why),
                    notices,
                });
            }
        }
    }
    Err(LibraryError::Corrupt {
        path: path.clone(),
        detail: "still unreadable after a fresh start".into(),
        done: "gave up".into(),
    })
}

enum Problem {
    Damaged(String),
    Future(i64),
    Other(rusqlite::Error),
}

fn classify(e: rusqlite::Error) -> Problem {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Problem::Damaged(match &e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
            other => other.to_string(),
        }),
        _ => Problem::Other(e),
    }
}

/// Two duets opening a new library at once race to create it and switch it to WAL; SQLite
/// answers some of those steps "busy" without calling the busy handler, so the open itself
/// waits, as a write would, before settling for read-only.
fn open_read_write_waiting(path: &Path) -> std::result::Result<Connection, Problem> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match open_read_write(path) {
            Err(Problem::Other(e))
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                ) && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

fn open_read_write(path: &Path) -> std::result::Result<Connection, Problem> {
    let mut conn = Connection::open(path).map_err(classify)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(classify)?;
    // The first statements read the header and the schema: a file of random bytes or a
    // damaged schema fails here.
    let version = schema::version(&conn).map_err(classify)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(classify)?;
    if version > schema::current() {
        return Err(Problem::Future(version));
    }
    // WAL: readers never block the writer, and a kill at any moment leaves the last committed
    // transaction intact. synchronous=NORMAL loses nothing on a process crash (only the last
    // transactions on a power cut), and is much faster than FULL.
    conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
        .map_err(classify)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(classify)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(classify)?;
    // Sorting the list (10,000 rows) in memory, not through a temporary file.
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(classify)?;
    conn.pragma_update(None, "cache_size", -16_000)
        .map_err(classify)?;
    schema::migrate(&mut conn).map_err(classify)?;
    Ok(conn)
}

/// Read-only: first as SQLite's read-only mode (it needs the `-shm` file, which a read-only
/// folder may not have), then `immutable=1` (no locks, no WAL: what the last clean close left).
fn open_read_only(path: &Path, why: &str, notices: &mut Vec<LibraryError>) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
    let mut last = None;
    for query in ["mode=ro", "immutable=1"] {
        let uri = format!("file:{}?{query}", uri_path(path));
        let attempt = Connection::open_with_flags(&uri, flags).and_then(|c| {
            c.busy_timeout(BUSY_TIMEOUT)?;
            c.pragma_update(None, "temp_store", "MEMORY")?;
            let v = schema::version(&c)?;
            c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            Ok((c, v))
        });
        match attempt {
            Ok((_, v)) if v > schema::current() => {
                notices.push(LibraryError::FutureSchema {
                    path: path.to_path_buf(),
                    found: v,
                    known: schema::current(),
                    done: format!("left it as it is ({why})"),
                });
                return Err(LibraryError::Unavailable {
                    path: path.to_path_buf(),
                    why: format!("{why} and the database is from a newer duet"),
                });
            }
            Ok((_, 0)) => {
                // Nothing migrated yet, and no way to migrate without writing.
                return Err(LibraryError::Unavailable {
                    path: path.to_path_buf(),
                    why: format!("{why} and it holds no library yet"),
                });
            }
            Ok((c, _)) => return Ok(c),
            Err(e) => {
                if let Problem::Damaged(detail) = classify(e) {
                    return Err(LibraryError::Corrupt {
                        path: path.to_path_buf(),
                        detail,
                        done: format!("left it as it is ({why})"),
                    });
                }
                last = Some(uri);
            }
        }
    }
    Err(LibraryError::Unavailable {
        path: path.to_path_buf(),
        why: format!(
            "{why} and it could not be opened for reading either ({})",
            last.unwrap_or_default()
        ),
    })
}

/// Why the folder cannot take writes, if it cannot: creates and removes a small probe file.
fn unwritable(root: &Path) -> Option<String> {
    if let Err(e) = std::fs::create_dir_all(root) {
        return Some(io_why(&e));
    }
    let probe = root.join(format!(".duet-probe-{}", std::process::id()));
    let result = std::fs::write(&probe, [0u8; 4096]);
    let _ = std::fs::remove_file(&probe);
    result.err().map(|e| io_why(&e))
}

fn io_why(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            "the library folder is read-only".into()
        }
        ErrorKind::StorageFull => "the disk is full".into(),
        _ if e.raw_os_error() == Some(28) => "the disk is full".into(),
        _ => format!("the library folder cannot be written ({e})"),
    }
}

/// Rename the database (and its `-wal` and `-shm` files) to `NAME.KIND-YYYYMMDDTHHMMSSZ`,
/// never over an existing file. Returns the new name of the database file.
pub fn move_aside(path: &Path, kind: &str) -> std::io::Result<PathBuf> {
    let stamp = super::time::stamp(super::time::now());
    let base = path.as_os_str().to_string_lossy().into_owned();
    let mut target = PathBuf::from(format!("{base}.{kind}-{stamp}"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{base}.{kind}-{stamp}-{n}"));
    }
    std::fs::rename(path, &target)?;
    let target_s = target.as_os_str().to_string_lossy().into_owned();
    for side in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{base}{side}"));
        if from.exists() {
            std::fs::rename(&from, format!("{target_s}{side}"))?;
        }
    }
    Ok(target)
}

/// A path for an SQLite `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}
