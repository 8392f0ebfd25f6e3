//! What can go wrong with the library on disk, each through the real binary: a database of
//! random bytes, one from a newer duet, a read-only library folder, a full disk. Each gives one
//! clear line on stderr and loses nothing: the damaged or newer file is moved aside (never
//! deleted), the read-only library is still listed, a full disk keeps every committed article.
//!
//! The read-only folder and the full disk need a small tmpfs when running as root (root writes
//! through permission bits); where it cannot be mounted, those tests say so and skip.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use duet::library::{Home, Library, Position};

use support::{articles as assets, duet_in as duet, text};

fn one_line(out: &Output) -> String {
    let err = text(&out.stderr);
    assert_eq!(
        err.lines().count(),
        1,
        "expected one line on stderr, got:\n{err}"
    );
    err.trim_end().to_string()
}

fn import_assets(home: &Path) {
    let out = duet(home, &["import", assets().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Files in `dir` whose name starts with `prefix`.
fn named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    v.sort();
    v
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_database_of_random_bytes_is_moved_aside_and_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    import_assets(&home);
    let db = home.join("library.db");
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let junk: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    std::fs::write(&db, &junk).unwrap();

    let out = duet(&home, &["list"]);
    assert!(out.status.success());
    let line = one_line(&out);
    assert!(
        line.contains("library.db: the library database is damaged (file is not a database); moved it aside to ")
            && line.contains("library.db.damaged-")
            && line.ends_with("and started an empty library"),
        "{line}"
    );
    // Never deleted: the bytes are all there under the new name, which carries a timestamp.
    let moved = named(&home, "library.db.damaged-");
    assert_eq!(moved.len(), 1);
    assert_eq!(std::fs::read(&moved[0]).unwrap(), junk);
    let name = moved[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.len() == "library.db.damaged-20261129T184512Z".len() && name.ends_with('Z'));
    // A fresh, working library; the imported copies are still on disk.
    assert!(out.stdout.is_empty());
    assert_eq!(integrity(&db), "ok");
    assert_eq!(std::fs::read_dir(home.join("articles")).unwrap().count(), 5);
    // Importing again works, and the next start is quiet.
    import_assets(&home);
    let out = duet(&home, &["list"]);
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 5);
}

#[test]
fn a_database_from_a_newer_duet_is_moved_aside_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    import_assets(&home);
    let db = home.join("library.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let out = duet(&home, &["list"]);
    assert!(out.status.success());
    let line = one_line(&out);
    assert!(
        line.contains(&format!(
            "library.db: written by a newer duet (schema version 99; this duet knows up to {}); moved it aside to ",
            duet::library::schema::current()
        )) && line.contains("rename it back"),
        "{line}"
    );
    let moved = named(&home, "library.db.newer-");
    assert_eq!(moved.len(), 1);
    // The newer database is intact, articles and all.
    let c = rusqlite::Connection::open(&moved[0]).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!((v, n), (99, 5));
}

/// A tmpfs mounted for one test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn new(at: &Path, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .ok()?
            .status
            .success();
        ok.then(|| Mount(at.to_path_buf()))
    }

    fn remount(&self, mode: &str) -> bool {
        Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| text(&o.stdout).trim() == "0")
}

#[test]
fn a_read_only_library_folder_still_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = is_root();
    // Root writes through permission bits: a read-only mount is the only read-only folder.
    let mount = if root {
        match Mount::new(&dir.path().join("m"), "32m") {
            Some(m) => Some(m),
            None => {
                eprintln!("skipped: running as root and cannot mount a tmpfs");
                return;
            }
        }
    } else {
        None
    };
    let home = match &mount {
        Some(m) => m.0.join("lib"),
        None => dir.path().join("lib"),
    };
    import_assets(&home);
    {
        let (lib, _) = Library::open(Home::at(&home)).unwrap();
        lib.set_position(
            3,
            Position {
                pair: 4,
                sentence: Some(0),
            },
        )
        .unwrap();
    }
    let make_read_only = |ro: bool| match &mount {
        Some(m) => assert!(m.remount(if ro { "ro" } else { "rw" })),
        None => {
            use std::os::unix::fs::PermissionsExt;
            let mode = if ro { 0o555 } else { 0o755 };
            std::fs::set_permissions(&home, std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    make_read_only(true);

    let out = duet(&home, &["list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = one_line(&out);
    assert!(
        line.ends_with(
            "the library folder is read-only; opened the library read-only (positions and bookmarks are not saved)"
        ),
        "{line}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entries = v.as_array().unwrap();
    assert_eq!(entries.len(), 5);
    let e3 = entries.iter().find(|e| e["id"] == 3).unwrap();
    // Printed as the screen numbers it: index 4 is pair 5.
    assert_eq!(e3["position"]["pair"], 5);
    assert_eq!(e3["position"]["sentence"], 1);

    // The library API: reads work, writes say why they cannot.
    let (lib, notices) = Library::open(Home::at(&home)).unwrap();
    assert_eq!(notices.len(), 1);
    assert!(lib.load(5).is_ok(), "articles still open");
    let e = lib
        .set_position(
            3,
            Position {
                pair: 5,
                sentence: None,
            },
        )
        .unwrap_err();
    assert!(e.to_string().contains("read-only"), "{e}");
    drop(lib);

    // A command that writes: one line, exit 2.
    let out = duet(&home, &["remove", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let line = one_line(&out);
    assert!(
        line.contains("read-only") && line.contains("nothing was changed"),
        "{line}"
    );

    make_read_only(false);
    assert_eq!(integrity(&home.join("library.db")), "ok");
    let (lib, notices) = Library::open(Home::at(&home)).unwrap();
    assert!(notices.is_empty());
    assert_eq!(lib.len().unwrap(), 5);
    assert_eq!(
        lib.position(3).unwrap(),
        Some(Position {
            pair: 4,
            sentence: Some(0)
        })
    );
}

#[test]
fn a_full_disk_is_one_line_and_keeps_what_was_committed() {
    if !is_root() {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Room for the library of 45 articles (their cache entries, entity indexes and WAL) once the
    // filler is gone.
    let Some(mount) = Mount::new(&dir.path().join("m"), "4m") else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let home = mount.0.join("lib");
    import_assets(&home);
    {
        let (lib, _) = Library::open(Home::at(&home)).unwrap();
        lib.set_position(
            5,
            Position {
                pair: 7,
                sentence: Some(1),
            },
        )
        .unwrap();
    }
    // Forty new articles, about 10 KB each: more than the room left.
    let src = dir.path().join("new");
    std::fs::create_dir_all(&src).unwrap();
    let base = std::fs::read_to_string(assets().join("004_8e658290ee760122.txt")).unwrap();
    for i in 0..40 {
        std::fs::write(
            src.join(format!("{i}.txt")),
            format!("{base}\n\n기사 번호 {i}.\n"),
        )
        .unwrap();
    }
    // Fill the disk, then free 96 KB: the import starts, and the disk fills during it.
    let filler = mount.0.join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 16 * 1024];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.flush();
    }
    let len = std::fs::metadata(&filler).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&filler)
        .unwrap()
        .set_len(len.saturating_sub(96 * 1024))
        .unwrap();

    let out = duet(&home, &["import", src.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let line = one_line(&out);
    assert!(line.contains("the disk is full"), "{line}");

    // Nothing committed was lost, nothing is corrupt, and the library still lists.
    let out = duet(&home, &["list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).lines().count() <= 1);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = v.as_array().unwrap().len();
    assert!((5..45).contains(&n), "{n}");
    let e5 = v.as_array().unwrap().iter().find(|e| e["id"] == 5).unwrap();
    assert_eq!(e5["position"]["pair"], 8);

    // Room again: the rest imports, and the library is whole.
    std::fs::remove_file(&filler).unwrap();
    let out = duet(&home, &["import", src.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(integrity(&home.join("library.db")), "ok");
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    assert_eq!(lib.len().unwrap(), 45);
    for e in lib.entries().unwrap() {
        assert!(e.file.exists(), "{}", e.file.display());
    }
}

/// Found by the `library` fuzz target: SQLite's error quotes the damaged schema's text (with
/// its newlines); the user still gets one line, and the bytes are moved aside whole.
#[test]
fn a_database_whose_schema_text_is_damaged_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    std::fs::create_dir_all(&home).unwrap();
    let bytes =
        std::fs::read(support::repo().join("tests/fixtures/fuzz/library-damaged-schema.db"))
            .unwrap();
    std::fs::write(home.join("library.db"), &bytes).unwrap();
    let out = duet(&home, &["list"]);
    let line = one_line(&out);
    assert!(line.contains("the library database is damaged ("), "{line}");
    assert!(!line.contains('\u{1b}'), "{line}");
    let moved = named(&home, "library.db.damaged-");
    assert_eq!(moved.len(), 1);
    assert_eq!(std::fs::read(&moved[0]).unwrap(), bytes);
}
