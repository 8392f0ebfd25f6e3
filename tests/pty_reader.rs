//! End to end: the real binary in a pseudo-terminal with a real size, its screen read through
//! vt100 (crossterm moves the cursor between wide glyphs, so raw bytes are not the screen).
//! Opens seed 004, scrolls, quits; checks the terminal was restored. Also SIGTERM.
#![cfg(unix)]

mod support;

use std::ffi::OsStr;
use std::thread;
use std::time::Duration;

use support::pty::Session;

const ROWS: u16 = 24;
const COLS: u16 = 100;

fn duet(args: &[&str]) -> Session {
    Session::duet(args, &[], ROWS, COLS)
}

fn program(program: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
    let env: Vec<(&str, &OsStr)> = env.iter().map(|(k, v)| (*k, OsStr::new(*v))).collect();
    Session::start(program.as_ref(), args, &env, ROWS, COLS)
}

fn seed_004() -> String {
    support::seed(support::SEED_004).display().to_string()
}

#[test]
fn opens_seed_004_scrolls_and_quits_restoring_the_terminal() {
    let mut s = duet(&[&seed_004()]);
    s.wait_for("the reader", |sc| {
        sc.contains("미국 중국 첫 고위") && sc.contains("pair 1/")
    });
    assert!(s.parser.screen().alternate_screen());
    let first = s.screen();
    // j moves the focus; Ctrl-d scrolls half a page.
    s.send(b"j");
    s.wait_for("pair 2", |sc| sc.contains("pair 2/"));
    s.send(b"\x04");
    s.wait_for("a scroll", |sc| sc != first && !sc.contains("pair 2/"));
    s.send(b"G");
    s.wait_for("the last pair", |sc| {
        let words: Vec<&str> = sc.split_whitespace().collect();
        words
            .windows(2)
            .any(|w| w[0] == "pair" && w[1].split_once('/').is_some_and(|(at, total)| at == total))
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
    s.assert_cooked();
}

#[test]
fn library_back_and_quit_with_q_twice() {
    let articles = support::articles();
    let mut s = duet(&[&articles.display().to_string()]);
    s.wait_for("the library", |sc| sc.contains("Library (5)"));
    s.send(b"G\r");
    s.wait_for("the reader", |sc| sc.contains("pair 1/"));
    s.send(b"q");
    s.wait_for("the library again", |sc| sc.contains("article 5/5"));
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = duet(&[&seed_004()]);
    s.wait_for("the reader", |sc| sc.contains("pair 1/"));
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    s.wait_exit();
    s.assert_restored();
}

/// Runs only inside the pty of `a_panic_restores_the_terminal`: this test binary, re-run.
#[test]
#[ignore = "the child half of a_panic_restores_the_terminal"]
fn panic_child() {
    if std::env::var_os("DUET_PANIC_CHILD").is_none() {
        return;
    }
    duet::tui::run::terminal::install_panic_hook();
    let _guard = duet::tui::run::terminal::TerminalGuard::enter().expect("enter the terminal");
    thread::sleep(Duration::from_millis(300));
    panic!("deliberate panic inside the reader");
}

#[test]
fn a_panic_restores_the_terminal() {
    let exe = std::env::current_exe().expect("this test binary");
    let mut s = program(
        &exe.display().to_string(),
        &[
            "panic_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ],
        &[("DUET_PANIC_CHILD", "1"), ("RUST_BACKTRACE", "0")],
    );
    s.wait_for("the alternate screen", |_| true);
    let status = s.wait_exit();
    assert!(
        !status.success(),
        "the child should have failed by panicking"
    );
    s.assert_restored();
    assert!(
        s.screen().contains("deliberate panic inside the reader"),
        "the panic message is readable on the restored screen:\n{}",
        s.screen()
    );
}

/// An interactive shell in the pty, with a prompt the tests can wait for.
fn shell() -> Session {
    let mut s = program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "READY$ "), ("HISTFILE", "/dev/null")],
    );
    s.wait_for("the shell prompt", |sc| sc.contains("READY$"));
    s
}

fn prompts(sc: &str) -> usize {
    sc.matches("READY$").count()
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_the_reader_back_redrawn() {
    let mut s = shell();
    let cmd = format!("{} {}\r", env!("CARGO_BIN_EXE_duet"), seed_004());
    s.send(cmd.as_bytes());
    s.wait_for("the reader", |sc| sc.contains("pair 1/"));
    s.send(b"j");
    s.wait_for("pair 2", |sc| sc.contains("pair 2/"));
    // Ctrl-z: the shell's prompt is back, on the main screen, the terminal out of raw mode.
    s.send(b"\x1a");
    s.wait_for("the shell after Ctrl-z", |sc| {
        sc.contains("Stopped") && prompts(sc) >= 2
    });
    s.assert_restored();
    s.send(b"stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '; echo :MODES\r");
    s.wait_for("the terminal modes", |sc| {
        sc.contains(":MODES\n") || sc.lines().any(|l| l.ends_with(":MODES"))
    });
    let modes = s
        .screen()
        .lines()
        .rev()
        .find(|l| l.ends_with(":MODES"))
        .unwrap_or_default()
        .to_string();
    assert!(
        modes.split_whitespace().any(|w| w == "icanon")
            && modes.split_whitespace().any(|w| w == "echo"),
        "the shell got a cooked terminal: {modes}"
    );
    // fg: the reader is back, redrawn whole, where it was.
    s.send(b"fg\r");
    s.wait_for("the reader redrawn", |sc| {
        sc.contains("pair 2/") && sc.contains("미국 중국 첫 고위") && !sc.contains(":MODES")
    });
    assert!(s.parser.screen().alternate_screen());
    s.send(b"j");
    s.wait_for("keys work again", |sc| sc.contains("pair 3/"));
    s.send(b"q");
    s.wait_for("the shell after quitting", |sc| {
        !sc.contains("pair 3/") && sc.contains("READY$")
    });
    s.assert_restored();
    s.send(b"exit\r");
    s.wait_exit();
}

#[test]
fn a_piped_article_opens_and_keys_come_from_the_terminal() {
    let cmd = format!("cat {} | {} -", seed_004(), env!("CARGO_BIN_EXE_duet"));
    let mut s = program("sh", &["-c", &cmd], &[]);
    s.wait_for("the reader", |sc| {
        sc.contains("미국 중국 첫 고위") && sc.contains("pair 1/")
    });
    s.send(b"j");
    s.wait_for("pair 2", |sc| sc.contains("pair 2/"));
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}
