//! Bad inputs through the real binary: one stderr line naming the file and the problem each,
//! exit code 2, the other files still parsed and printed, no panic, nothing written.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use support::json::*;

fn snapshot(dir: &Path) -> BTreeMap<String, (u64, Option<SystemTime>)> {
    let mut out = BTreeMap::new();
    for e in walk(dir) {
        let m = std::fs::metadata(&e).expect("metadata");
        out.insert(e.display().to_string(), (m.len(), m.modified().ok()));
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    if dir.is_dir() {
        for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
            out.extend(walk(&e.path()));
        }
    }
    out
}

#[test]
fn each_bad_input_is_one_line_and_the_good_files_still_print() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let missing = d.join("missing.txt");
    let empty_dir = d.join("no_articles");
    std::fs::create_dir(&empty_dir).expect("mkdir");
    std::fs::write(empty_dir.join("README.md"), "# not an article\n").expect("write");
    std::fs::write(empty_dir.join("photo.png"), b"\x89PNG\r\n\x1a\n").expect("write");
    let empty = d.join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let png = d.join("image.txt");
    let mut png_bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png_bytes.extend([0u8; 64]);
    std::fs::write(&png, &png_bytes).expect("write");
    let huge = d.join("huge.txt");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(51 * 1024 * 1024).expect("sparse file");
    drop(f);
    let invalid = d.join("invalid.txt");
    std::fs::write(&invalid, b"\xc3\x28 \xff\xfe\xfd \x80\xff").expect("write");

    let before = snapshot(d);
    let files = [
        seed(SEEDS[0]),
        missing.clone(),
        empty_dir.clone(),
        empty.clone(),
        png.clone(),
        huge.clone(),
        invalid.clone(),
        seed(SEEDS[1]),
    ];
    let run = duet(&["parse", "--json"], &files);
    assert_eq!(run.code, 2, "stderr: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // A folder's binary file is named as skipped (a warning), as `parse` of it alone names it.
    let (warnings, lines): (Vec<&str>, Vec<&str>) =
        (run.stderr.lines()).partition(|l| l.starts_with("duet: warning: "));
    assert_eq!(
        warnings,
        [format!(
            "duet: warning: {}: a PNG image, not an article; skipped",
            empty_dir.join("photo.png").display()
        )]
    );
    assert_eq!(lines.len(), 6, "one line per bad input:\n{}", run.stderr);
    let expect = [
        (&missing, "no such file"),
        (&empty_dir, "no article files"),
        (&empty, "empty"),
        (&png, "png image"),
        (&huge, "too large"),
        (&invalid, "no supported encoding"),
    ];
    for ((path, problem), line) in expect.iter().zip(&lines) {
        assert!(
            line.contains(&path.display().to_string()),
            "{line:?} names {path:?}"
        );
        assert!(
            line.to_lowercase().contains(problem),
            "{line:?} says {problem:?}"
        );
    }
    let arts = run.articles();
    assert_eq!(arts.len(), 2);
    assert!(s(&arts[0], "path").ends_with(SEEDS[0]));
    assert!(s(&arts[1], "path").ends_with(SEEDS[1]));
    assert_eq!(snapshot(d), before, "parsing wrote nothing");
}

#[test]
fn terminal_escapes_never_reach_the_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("evil.txt");
    std::fs::write(
        &p,
        "Title \u{1b}]0;pwned\u{7}here\n\nThe \u{1b}[31mred\u{1b}[0m text of a paragraph that is long enough to be body text.\n\n\
         A second paragraph\u{9b}2J with an 8-bit CSI and a \u{1b}P1$q DCS\u{1b}\\ string, and a bell\u{7}.\n",
    )
    .expect("write");
    for args in [&["parse", "--json"][..], &["parse"][..]] {
        let run = duet(args, &[&p]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stdout.contains('\u{1b}'), "ESC in output");
        assert!(!run.stdout.contains('\u{7}'), "BEL in output");
        assert!(!run.stdout.contains('\u{9b}'), "CSI in output");
        assert!(!run.stdout.contains("pwned"), "OSC payload in output");
        assert!(!run.stdout.contains("\\u001b"), "escaped ESC in JSON");
        assert!(run.stdout.contains("red"));
    }
}

#[test]
fn a_folder_argument_that_is_fine_and_one_that_is_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).expect("mkdir");
    std::fs::copy(seed(SEEDS[3]), nested.join("z.txt")).expect("copy");
    std::fs::copy(seed(SEEDS[2]), dir.path().join("a/y.md")).expect("copy");
    std::fs::write(
        dir.path().join(".hidden.txt"),
        "hidden article text that is long enough.",
    )
    .expect("write");
    std::fs::write(dir.path().join("LICENSE.txt"), "license").expect("write");
    let run = duet(&["parse", "--json"], &[dir.path()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let paths: Vec<String> = run.articles().iter().map(|a| s(a, "path")).collect();
    assert_eq!(paths.len(), 2);
    assert!(
        paths[0].ends_with("a/b/z.txt") && paths[1].ends_with("a/y.md"),
        "{paths:?}"
    );
}
