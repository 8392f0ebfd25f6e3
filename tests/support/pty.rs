//! A program in a pseudo-terminal with a real size, its screen read through vt100 (crossterm
//! moves the cursor between wide glyphs, so raw bytes are not the screen). Shared by the
//! end-to-end tests (`pty_reader`, `pty_soak`, `library_pty`).

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

pub struct Session {
    pub parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    /// Everything the program wrote (for escape checks).
    pub all: Vec<u8>,
    /// What it wrote since the last [`Session::forget`].
    pub recent: Vec<u8>,
    pub rows: u16,
    pub cols: u16,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("non-zero")
}

impl Session {
    /// duet with these arguments and environment, in the repository, with no user config.
    pub fn duet(args: &[&str], env: &[(&str, &OsStr)], rows: u16, cols: u16) -> Session {
        Session::start(env!("CARGO_BIN_EXE_duet").as_ref(), args, env, rows, cols)
    }

    /// duet on the library in `home` (`DUET_HOME`), no arguments.
    pub fn duet_in(home: &std::path::Path, rows: u16, cols: u16) -> Session {
        Session::duet(&[], &[("DUET_HOME", home.as_os_str())], rows, cols)
    }

    /// `q`, and duet ended successfully.
    pub fn quit(&mut self) {
        self.send(b"q");
        let status = self.wait_exit();
        assert!(status.success(), "duet exited with {status:?}");
    }

    /// Any program (a shell, this test binary) in a `rows` × `cols` terminal.
    pub fn start(
        program: &OsStr,
        args: &[&str],
        env: &[(&str, &OsStr)],
        rows: u16,
        cols: u16,
    ) -> Session {
        let pty = native_pty_system()
            .openpty(size(rows, cols))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("DUET_CONFIG", "/nonexistent/duet-test-config.toml");
        cmd.env("RUST_BACKTRACE", "0");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            rx,
            writer,
            child,
            master: pty.master,
            all: Vec::new(),
            recent: Vec::new(),
            rows,
            cols,
        }
    }

    /// Read what arrives for at most `for_at_most`, or until nothing came for `quiet`; true if
    /// the program went quiet first.
    pub fn pump_until_quiet(&mut self, for_at_most: Duration, quiet: Duration) -> bool {
        let end = Instant::now() + for_at_most;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left.min(quiet)) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.all.extend_from_slice(&bytes);
                    self.recent.extend_from_slice(&bytes);
                }
                Err(_) => return true,
            }
        }
        false
    }

    pub fn pump(&mut self, for_at_most: Duration) {
        self.pump_until_quiet(for_at_most, Duration::from_millis(50));
    }

    /// Forget what came so far (for checks on what the next frames write).
    pub fn forget(&mut self) {
        self.recent.clear();
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen satisfies `pred` (or fail with the screen). Generous: a loaded
    /// 2-core machine builds a debug binary's first frame slowly.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) {
        let end = Instant::now() + Duration::from_secs(30);
        while Instant::now() < end {
            if pred(&self.screen()) {
                return;
            }
            self.pump(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// The terminal changes size (the program gets SIGWINCH).
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(size(rows, cols))
            .expect("resize the pty");
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
        self.rows = rows;
        self.cols = cols;
    }

    pub fn pid(&self) -> libc::pid_t {
        self.child.process_id().expect("pid") as libc::pid_t
    }

    pub fn signal(&self, sig: libc::c_int) {
        // SAFETY: a signal to our own child.
        assert_eq!(unsafe { libc::kill(self.pid(), sig) }, 0, "kill");
    }

    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Wait for the program to end (reading its last frames); fail if it does not in 20 s.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let end = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump(Duration::from_millis(50));
            if let Ok(Some(status)) = self.child.try_wait() {
                self.pump_until_quiet(Duration::from_millis(300), Duration::from_millis(100));
                return status;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                panic!("the program did not exit; screen:\n{}", self.screen());
            }
        }
    }

    /// Main screen back, cursor shown, mouse released.
    pub fn assert_restored(&self) {
        let s = self.parser.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
    }

    /// The line discipline cooked again (raw mode off: canonical input and echo on). Not while
    /// an interactive shell reads its prompt: readline turns them off itself.
    pub fn assert_cooked(&self) {
        let fd = self.master.as_raw_fd().expect("the pty's fd");
        // SAFETY: tcgetattr on an open pty fd into a zeroed termios.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        assert!(
            t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0,
            "raw mode still on"
        );
    }
}
