//! What `update` asks of the world: redraw or not, and commands the runner carries out (the
//! terminal runner in `runner.rs`, synchronously in `headless.rs`). `update` itself never
//! touches a thread, a file or the terminal.

use crate::tui::work::job::{Job, JobKind};

/// A command for the runner.
#[derive(Debug, Clone)]
pub enum Command {
    /// Run a job; its result comes back as `Action::JobDone` with this generation.
    Start { generation: u64, job: Job },
    /// Stop the running job of this kind (its result, if any, is stale already).
    Cancel(JobKind),
    /// Leave the terminal, stop the process (Ctrl-z), and come back redrawn on `fg`.
    Suspend,
    /// End the loop normally.
    Quit,
    /// End the loop with an error (after restoring the terminal).
    Abort(String),
    /// Write reading state to the library on disk.
    Save(crate::tui::state::disk::Save),
}

/// The result of one `update`.
#[derive(Debug, Default)]
#[must_use]
pub struct Effects {
    /// Something visible changed: draw again.
    pub redraw: bool,
    pub commands: Vec<Command>,
}

impl Effects {
    pub fn none() -> Effects {
        Effects::default()
    }

    pub fn redraw() -> Effects {
        Effects {
            redraw: true,
            commands: Vec::new(),
        }
    }

    pub fn with(mut self, command: Command) -> Effects {
        self.commands.push(command);
        self
    }

    /// Fold another update's effects into these.
    pub fn merge(&mut self, other: Effects) {
        self.redraw |= other.redraw;
        self.commands.extend(other.commands);
    }

    pub fn quits(&self) -> bool {
        self.commands
            .iter()
            .any(|c| matches!(c, Command::Quit | Command::Abort(_)))
    }
}
