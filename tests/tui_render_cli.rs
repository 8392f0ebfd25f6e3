//! `duet render` as scripts use it: the real binary, its stdout, its exit codes.

mod support;

use support::duet;

#[test]
fn render_prints_the_screen_as_text() {
    let out = duet(&[
        "render",
        "--size",
        "160x45",
        "assets/articles/004_8e658290ee760122.txt",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 45);
    assert!(lines[1].starts_with("│▌미국 중국"), "{}", lines[1]);
    assert!(lines[1].contains("│ US-China First"), "{}", lines[1]);
    assert!(lines[44].contains("side by side  pair 1/"), "{}", lines[44]);
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn render_replays_keys_and_defaults_to_the_bundled_articles() {
    let out = duet(&["render", "--size", "100x20", "--keys", "j j <Enter>"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.lines().last().is_some_and(|l| l.contains("1/")),
        "{text}"
    );
}

#[test]
fn render_rejects_bad_input_with_exit_2() {
    for args in [
        &["render", "--size", "big"][..],
        &["render", "--size", "0x10"][..],
        &["render", "--keys", "<Nonsense>"][..],
        &["render", "/nonexistent/article.txt"][..],
    ] {
        let out = duet(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
}
