//! End to end: the real binary in a pseudo-terminal with a real size, its screen read through
//! vt100 (crossterm moves the cursor between wide glyphs, so raw bytes are not the screen).
//! Opens seed 004, scrolls, quits; checks the terminal was restored. Also SIGTERM.
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 24;
const COLS: u16 = 100;

struct Session {
    parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_program(env!("CARGO_BIN_EXE_duet").as_ref(), args, &[])
    }

    fn start_program(program: &std::ffi::OsStr, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("DUET_CONFIG", "/nonexistent/duet-test-config.toml");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pty.slave.spawn_command(cmd).expect("spawn duet");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Session {
            parser: vt100::Parser::new(
                NonZeroU16::new(ROWS).expect("rows"),
                NonZeroU16::new(COLS).expect("cols"),
                0,
            ),
            rx,
            writer,
            child,
            _master: pty.master,
        }
    }

    fn pump(&mut self, for_at_most: Duration) {
        let end = Instant::now() + for_at_most;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left.min(Duration::from_millis(50))) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(mpsc::RecvTimeoutError::Timeout) => return,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows `needle` (or fail with the screen).
    fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let end = Instant::now() + Duration::from_secs(20);
        while Instant::now() < end {
            if pred(&self.screen()) {
                return;
            }
            self.pump(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let end = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(50));
            if let Ok(Some(status)) = self.child.try_wait() {
                self.pump(Duration::from_millis(200));
                return status;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("duet did not exit; screen:\n{}", self.screen());
            }
        }
    }

    fn assert_restored(&self) {
        let s = self.parser.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
    }
}

fn seed_004() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles/004_8e658290ee760122.txt")
        .display()
        .to_string()
}

#[test]
fn opens_seed_004_scrolls_and_quits_restoring_the_terminal() {
    let mut s = Session::start(&[&seed_004()]);
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
}

#[test]
fn library_back_and_quit_with_q_twice() {
    let articles = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let mut s = Session::start(&[&articles.display().to_string()]);
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
    let mut s = Session::start(&[&seed_004()]);
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
    duet::tui::terminal::install_panic_hook();
    let _guard = duet::tui::terminal::TerminalGuard::enter().expect("enter the terminal");
    thread::sleep(Duration::from_millis(300));
    panic!("deliberate panic inside the reader");
}

#[test]
fn a_panic_restores_the_terminal() {
    let exe = std::env::current_exe().expect("this test binary");
    let mut s = Session::start_program(
        exe.as_os_str(),
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
    let mut s = Session::start_program(
        "bash".as_ref(),
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
    let mut s = Session::start_program("sh".as_ref(), &["-c", &cmd], &[]);
    s.wait_for("the reader", |sc| {
        sc.contains("미국 중국 첫 고위") && sc.contains("pair 1/")
    });
    s.send(b"j");
    s.wait_for("pair 2", |sc| sc.contains("pair 2/"));
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}
