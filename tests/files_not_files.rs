//! Files that aren't files: a named pipe with no writer, a symlink loop, a broken link, a file
//! that vanishes or shrinks between discovery and reading, an unreadable file, a name that is
//! not UTF-8 or holds an escape sequence. Each is one clear stderr line, never a hang, and the
//! other files are still read. A pipe given by name is still read (`duet parse <(cat FILE)`).
#![cfg(unix)]

mod support;

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

fn seed() -> PathBuf {
    support::seed(support::SEED_004)
}

/// Run the binary; a run past 30 s is a hang and fails the test (the child is killed).
fn run(args: &[&std::ffi::OsStr], stdin: Option<&[u8]>) -> Output {
    support::run_bounded(
        support::command().args(args),
        stdin,
        Duration::from_secs(30),
    )
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// The lines of stderr that name `name`.
fn lines_naming<'a>(stderr: &'a str, name: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.contains(name)).collect()
}

#[test]
fn a_folder_with_a_fifo_a_loop_and_a_broken_link_reads_the_article_and_names_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::copy(seed(), d.join("article.txt")).expect("copy");
    mkfifo(&d.join("fifo.txt"));
    std::os::unix::fs::symlink("loop.md", d.join("loop.md")).expect("symlink");
    std::os::unix::fs::symlink("nowhere.txt", d.join("broken.html")).expect("symlink");
    std::os::unix::fs::symlink(".", d.join("sub")).expect("dir symlink");
    // A folder symlink loop is not followed at all.
    std::fs::create_dir(d.join("deeper")).expect("mkdir");
    std::os::unix::fs::symlink("..", d.join("deeper/up")).expect("dir symlink");

    let out = run(&[os("parse"), d.as_os_str()], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stdout.matches("== ").count(), 1, "one article: {stdout}");
    assert!(stdout.contains("article.txt"));
    let fifo = lines_naming(&stderr, "fifo.txt");
    assert_eq!(fifo.len(), 1, "{stderr}");
    assert!(fifo[0].contains("named pipe"), "{}", fifo[0]);
    let lp = lines_naming(&stderr, "loop.md");
    assert_eq!(lp.len(), 1, "{stderr}");
    assert!(lp[0].contains("symbolic link loop"), "{}", lp[0]);
    let broken = lines_naming(&stderr, "broken.html");
    assert_eq!(broken.len(), 1, "{stderr}");
    assert!(broken[0].contains("broken symbolic link"), "{}", broken[0]);
    assert_eq!(stderr.lines().count(), 3, "{stderr}");

    // The reader draws the article, never waiting for the pipe.
    let out = run(
        &[os("render"), os("--size"), os("100x30"), d.as_os_str()],
        None,
    );
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("US-China"), "{screen}");
}

#[test]
fn a_pipe_given_by_name_is_read() {
    let bytes = std::fs::read(seed()).expect("seed");
    let out = run(&[os("parse"), os("/dev/stdin")], Some(&bytes));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("US-China First High-Level Military Talks"));
}

#[test]
fn a_file_vanishing_or_shrinking_after_discovery_is_one_error_or_read_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::copy(seed(), d.join("a.txt")).expect("copy");
    std::fs::copy(seed(), d.join("b.txt")).expect("copy");
    let found: Vec<PathBuf> = duet::ingest::discover(&[d.to_path_buf()])
        .into_iter()
        .map(|r| r.expect("found"))
        .collect();
    assert_eq!(found.len(), 2);
    std::fs::remove_file(&found[0]).expect("remove");
    std::fs::write(&found[1], "짧은 글.\n").expect("shrink");
    let err = duet::parse_file(&found[0]).expect_err("vanished");
    let line = err.to_string();
    assert!(line.contains("a.txt") && !line.contains('\n'), "{line}");
    let art = duet::parse_file(&found[1]).expect("shrunk file still reads");
    assert!(art.blocks.iter().any(|b| b.text.contains("짧은 글")));
}

#[test]
fn an_unreadable_file_is_one_line_and_the_others_are_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::copy(seed(), d.join("a.txt")).expect("copy");
    let locked = d.join("locked.txt");
    std::fs::copy(seed(), &locked).expect("copy");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads it anyway: then there is nothing to refuse.
    let root_reads = std::fs::read(&locked).is_ok();
    let out = run(&[os("parse"), d.as_os_str()], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("a.txt"));
    if !root_reads {
        assert_eq!(out.status.code(), Some(2));
        let l = lines_naming(&stderr, "locked.txt");
        assert_eq!(l.len(), 1, "{stderr}");
        assert!(l[0].to_lowercase().contains("permission"), "{}", l[0]);
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod");
}

#[test]
fn names_that_are_not_utf8_or_hold_escapes_are_read_and_shown_safely() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let odd = d.join(std::ffi::OsStr::from_bytes(b"caf\xe9 \xff.txt"));
    std::fs::copy(seed(), &odd).expect("copy");
    let evil = d.join("evil\u{1b}[31m\nname.txt");
    std::fs::write(&evil, b"").expect("write");
    let out = run(&[os("parse"), d.as_os_str()], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.contains("US-China"), "{stdout}");
    // The empty file with an escape in its name: one line, the escape shown, not sent.
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.contains("evil\\u{1b}[31m\\u{a}name.txt: empty file"),
        "{stderr:?}"
    );
}
